//! The facts a call script or letter is filled with (see
//! [`crate::content::templates`]): the bill's dates and amounts, the
//! deadlines counted from them, the settlement figures, and the audit's
//! findings in words. A fact the bill does not give is left unknown, so the
//! template shows its blank; the user's name, account number and the like
//! are never asked, so they are always blanks.
//!
//! Deadlines (`shared/design/domain-facts.md`):
//! - No Surprises dispute: the first bill's date + 120 days (A3);
//! - appeal: the denial + the coverage's days (A5, E3), as the plan says;
//! - debt validation: the plan's date (A4, `timing::validation_deadline`);
//! - financial assistance at a nonprofit hospital: the first bill + 240
//!   days (A2).

use crate::content::templates::{Fact, Facts};
use crate::content::{keys, Fill};
use crate::conversation::view::View;
use crate::conversation::FindingText;
use crate::domain::audit::visit::{self, VisitIssue};
use crate::domain::audit::{Finding, FindingKind};
use crate::domain::bill::{Answer3, Bill, BillSender, Estimate};
use crate::domain::calls::CallLog;
use crate::domain::coverage;
use crate::domain::money::Usd;
use crate::domain::offers::{self, Offers, PlanOffer};
use crate::domain::plan::{self, Action, Escalation, Owed, Payer, Plan};
use crate::domain::timing;
use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// How many findings a script names (the top one and the next ones): it is
/// read during a call. Letters list them all.
pub const SCRIPT_FINDINGS: usize = 3;

/// The facts about `bill` for its scripts and letters.
///
/// `findings` are in the order the report shows them (most money first,
/// the first step on top) and `finding_texts` are their words, in the same
/// order. `offer` is the 💵 offer already worked out for the bill, if any;
/// without it, the collector settlement (30% / 50% of the balance) and the
/// payment plan are computed here the same way.
pub fn facts(
    bill: &Bill,
    findings: &[Finding],
    finding_texts: &[FindingText],
    offer: Option<&Offers>,
    view: &View<'_>,
) -> Facts {
    let today = view.today;
    let mut facts = Facts::new();
    // Dates in the chat's language: English for what is said or sent to a
    // US office, the language's own in the copy beside it.
    facts.set_forms(Fact::Today, view.date(today), view.content.long_date(today));
    let mut date = |fact: Fact, value: Option<NaiveDate>| {
        if let Some(value) = value {
            facts.set_forms(fact, view.date(value), view.content.long_date(value));
        }
    };
    date(Fact::ServiceDate, bill.service_date);
    date(Fact::FirstBillDate, bill.first_bill_date);
    date(Fact::DenialDate, bill.denial_date);
    date(Fact::CollectorLetterDate, bill.collector_letter_date);
    // Deadlines still ahead only: a passed one is never asked for.
    let ahead = |value: Option<NaiveDate>| value.filter(|deadline| *deadline >= today);
    date(
        Fact::DisputeDeadline,
        ahead(plus(bill.first_bill_date, timing::NSA_DISPUTE_DAYS)),
    );
    let appeal = coverage::appeal_kind(bill);
    date(
        Fact::AppealDeadline,
        ahead(bill.denial_date.map(|notice| coverage::appeal_deadline(appeal, notice))),
    );
    // A4: the plan's date (the legal end once the safe date is behind).
    date(
        Fact::ValidationDeadline,
        ahead(
            bill.collector_letter_date
                .map(|letter| timing::validation_deadline(letter, today)),
        ),
    );
    let nonprofit_hospital = bill.sender == Some(BillSender::Hospital) && bill.nonprofit == Some(Answer3::Yes);
    date(
        Fact::AssistanceDeadline,
        ahead(plus(bill.first_bill_date, timing::ASSISTANCE_DAYS).filter(|_| nonprofit_hospital)),
    );
    if bill.nonprofit == Some(Answer3::No) {
        facts.set(Fact::ForProfit, "for-profit");
    }
    if appeal == coverage::AppealKind::OriginalMedicare {
        facts.set(Fact::OriginalMedicare, "Original Medicare");
    }
    if appeal == coverage::AppealKind::MedicareAdvantage {
        facts.set(Fact::MedicareAdvantage, "Medicare Advantage");
    }
    if appeal == coverage::AppealKind::MedicareNotSure {
        facts.set(Fact::MedicareKindUnknown, "Medicare");
    }

    // Who sent the bill, so a letter asks for what that bill has: revenue
    // codes are on a hospital's own bill (the UB-04, C6), not on a
    // doctor's, a lab's or an ambulance's. A collector's bill may be any.
    let care_provider = match bill.sender {
        Some(BillSender::Hospital) => Some(keys::SENDER_HOSPITAL),
        Some(BillSender::DoctorOffice) => Some(keys::SENDER_DOCTOR_OFFICE),
        Some(BillSender::Lab) => Some(keys::SENDER_LAB),
        Some(BillSender::Ambulance) => Some(keys::SENDER_AMBULANCE),
        Some(BillSender::CollectionsAgency | BillSender::Other) | None => None,
    };
    facts.set_opt(Fact::CareProvider, care_provider.map(|key| view.content.plain(key)));
    // The office script's heading names who is called: a lab or an
    // ambulance company is no doctor's office.
    match bill.sender {
        Some(BillSender::Lab) => facts.set(Fact::LabBill, view.content.plain(keys::SENDER_LAB)),
        Some(BillSender::Ambulance) => facts.set(Fact::AmbulanceBill, view.content.plain(keys::SENDER_AMBULANCE)),
        _ => {}
    }
    if bill.sender == Some(BillSender::Hospital) {
        facts.set(Fact::HospitalBill, view.content.plain(keys::SENDER_HOSPITAL));
    }
    facts.set_opt(Fact::AmountDue, bill.amount_due.map(usd));
    let billed = bill.billed_total();
    facts.set_opt(Fact::Billed, billed.map(usd));
    facts.set_opt(Fact::YourShare, bill.eob.your_share.map(usd));
    if let Some(Estimate::Amount(estimate)) = bill.estimate {
        facts.set(Fact::Estimate, usd(estimate));
        facts.set_opt(
            Fact::OverEstimate,
            billed
                .map(|billed| billed - estimate)
                .filter(|over| *over > Decimal::ZERO)
                .map(usd),
        );
    }

    if let Some(household) = bill.household_size.filter(|size| *size > 0) {
        facts.set(Fact::HouseholdSize, household.to_string());
        if let Some(income) = bill.yearly_income {
            let percent = visit::poverty_percent(income, household, bill.state.as_deref())
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            facts.set(Fact::PovertyPercent, format!("{percent}%"));
        }
    }
    facts.set_opt(Fact::Income, bill.yearly_income.map(usd));
    facts.set_opt(Fact::Monthly, positive(bill.monthly).map(usd));
    if bill.monthly.is_some_and(|monthly| monthly <= Decimal::ZERO) {
        facts.set(Fact::NothingMonthly, usd(Decimal::ZERO));
    }

    let plan = plan::plan(bill, findings, today);
    set_plan(&mut facts, &plan, bill, view);
    // Figures to pay are given only when the plan says paying is the move
    // now (the owed fact is then known).
    let owed = match plan.owed {
        Owed::Amount(amount, _) if facts.is_known(Fact::Owed) => Some(amount),
        _ => None,
    };
    let balance = offer.map_or(owed, |offer| offer.balance);
    // What to say one can pay at once agrees with the 💵 offer (start low,
    // never all one could pay), and is said only when paying is the move.
    let lump_sum = match (offer, owed) {
        (Some(offer), _) => offer.lump_sum_to_offer(),
        (None, Some(owed)) => {
            offers::offers_from(bill, Some(owed), &[], offers::first_of_next_month(today)).lump_sum_to_offer()
        }
        (None, None) => None,
    };
    facts.set_opt(Fact::LumpSum, positive(lump_sum).map(usd));
    if let Some(balance) = balance {
        let settlement = offer
            .and_then(|offer| offer.collections)
            .unwrap_or_else(|| offers::collections_offer(balance));
        facts.set_opt(Fact::OfferOpen, positive(Some(settlement.opening)).map(usd));
        facts.set_opt(Fact::OfferSettle, positive(Some(settlement.walk_away)).map(usd));
    }
    let plan_months = match offer.map(|offer| &offer.plan) {
        Some(Some(PlanOffer::Schedule(plan))) => Some(plan.months),
        Some(_) => None,
        None => balance.zip(positive(bill.monthly)).and_then(|(balance, monthly)| {
            offers::payment_plan(balance, monthly, offers::first_of_next_month(today))
                .ok()
                .map(|plan| plan.months)
        }),
    };
    facts.set_opt(
        Fact::PlanMonths,
        plan_months
            .filter(|months| *months > 1)
            .map(|months| months.to_string()),
    );

    if bill.coverage == Some(crate::domain::bill::Coverage::SelfPay) {
        facts.set(Fact::SelfPay, "self-pay");
    }
    // A3, E4: whether the No Surprises Act applies turns on the facility's
    // network; not known, the No Surprises script and letter ask instead of
    // saying the Act protects the bill.
    if visit::facility_network_unknown(bill) {
        facts.set(Fact::FacilityNotSure, "is the facility in network?");
    }
    // A lower price for a charge (the Medicare comparison) is asked only
    // when the plan offers money now: not while financial help or Medicaid
    // may erase the bill, nor in the same call as an application for help.
    let offers_now = plan.offers_now();
    let asked: Vec<(Finding, FindingText)> = findings
        .iter()
        .cloned()
        .zip(finding_texts.iter().cloned())
        .filter(|(finding, _)| offers_now || !is_price_ask(finding))
        .collect();
    let (findings, finding_texts): (Vec<Finding>, Vec<FindingText>) = asked.into_iter().unzip();
    set_findings(&mut facts, &findings, &finding_texts);
    set_call_log(&mut facts, &bill.calls, view);
    facts
}

/// What the plan adds: what is really owed, the first thing to say when
/// step 1 is about who pays, and the care the No Surprises Act protects.
fn set_plan(facts: &mut Facts, plan: &Plan, bill: &Bill, view: &View<'_>) {
    let content = view.content;
    // What to pay is said only when paying is the right move now: when
    // the plan offers money (not while help may erase the bill, nor while
    // the network or QMB is not known, nor while a collector's debt is
    // disputed inside its 30 days or a denial is open to appeal).
    if let (Owed::Amount(amount, _), true) = (plan.owed, plan.offers_now()) {
        facts.set(Fact::Owed, usd(amount));
        if plan.balance.is_some_and(|balance| amount < balance) {
            facts.set(Fact::OwedIsLess, "less than the bill");
        }
    }
    if plan.owed == Owed::Nothing {
        facts.set(Fact::OwesNothing, usd(Decimal::ZERO));
    }
    // Trial T4: a claim never sent to the insurer comes before any dispute.
    // Original Medicare: the letters name Medicare and its Medicare
    // Summary Notice, not an insurer and its EOB (E2).
    match plan.first().map(|step| &step.action) {
        Some(Action::BillInsuranceFirst { payer: Payer::Insurer }) => {
            facts.set(Fact::InsuranceFirst, "bill insurance first");
        }
        Some(Action::BillInsuranceFirst {
            payer: Payer::OriginalMedicare,
        }) => facts.set(Fact::MedicareFirst, "bill Medicare first"),
        // E2: the kind of Medicare not known: Medicare or the Medicare
        // plan, and the notice from either (an MSN or an EOB).
        Some(Action::BillInsuranceFirst {
            payer: Payer::MedicareNotSure,
        }) => facts.set(Fact::MedicareOrPlanFirst, "bill Medicare or my Medicare plan first"),
        Some(Action::MedicaidPaysInFull { .. }) => facts.set(Fact::MedicaidFirst, "bill Medicaid"),
        _ => {}
    }
    // E6: a state law on hospital financial help that reaches this bill.
    let law = plan.steps.iter().find_map(|step| match &step.action {
        Action::FinancialHelp(help) => help.law,
        _ => None,
    });
    if let Some(terms) = law {
        let (name, link) = crate::conversation::report::plan::law_name_and_link(terms.law);
        facts.set(Fact::StateLaw, plain(&content.text(name)));
        facts.set(Fact::StateLawLink, plain(&content.text(link)));
    }
    let appeal_next = plan.steps.iter().find_map(|step| match &step.action {
        Action::AppealDenial { kind } => Some(match kind {
            coverage::AppealKind::PrivatePlan => keys::PLAN_APPEAL_NEXT_PRIVATE,
            coverage::AppealKind::OriginalMedicare => keys::PLAN_APPEAL_NEXT_ORIGINAL_MEDICARE,
            coverage::AppealKind::MedicareAdvantage => keys::PLAN_APPEAL_NEXT_ADVANTAGE,
            coverage::AppealKind::MedicareNotSure => keys::PLAN_APPEAL_NEXT_MEDICARE_NOT_SURE,
            coverage::AppealKind::Medicaid => keys::PLAN_APPEAL_NEXT_MEDICAID,
        }),
        _ => None,
    });
    facts.set_opt(Fact::AppealNext, appeal_next.map(|key| plain(&content.text(key))));
    // Worded for who is on the line: the provider's office (it bills the
    // insurer and corrects the bill), or a collection agency (it is asked
    // to stop collecting and send the account back).
    let ask = |collector: bool| {
        let (key, share) = plan
            .first()
            .and_then(|step| coverage_ask_key(&step.action, collector))?;
        let html = match share {
            Some(share) => content.render(key, &[("share", Fill::Text(&usd(share)))]),
            None => content.text(key),
        };
        // E2: QMB not known, but not step 1 (the bill is first matched to
        // the Medicare share): the call still asks to hold the bill while
        // QMB is checked, since with QMB nothing of that share is owed.
        let qmb_later = !matches!(plan.first().map(|step| &step.action), Some(Action::AskAboutQmb { .. }))
            && plan
                .find(|action| matches!(action, Action::AskAboutQmb { .. }))
                .is_some();
        if qmb_later {
            let hold = if collector {
                keys::PLAN_SAY_COLLECTOR_ASK_QMB
            } else {
                keys::PLAN_SAY_ASK_QMB
            };
            return Some(format!("{} {}", plain(&html), plain(&content.text(hold))));
        }
        Some(plain(&html))
    };
    facts.set_opt(Fact::CoverageAsk, ask(false));
    facts.set_opt(Fact::CollectorCoverageAsk, ask(true));
    // The bill's own situation where no step names it yet (the EOB not in
    // hand: trial 7 left "[emergency care, or …]" for the patient to fill).
    let nsa = plan
        .steps
        .iter()
        .find_map(|step| match step.action {
            Action::NoSurprisesBalanceBill { emergency, .. } => Some(emergency),
            _ => None,
        })
        .or_else(|| crate::domain::audit::visit::no_surprises(bill));
    let care = nsa.map(|emergency| {
        let key = if emergency {
            keys::PLAN_NSA_CARE_EMERGENCY
        } else {
            keys::PLAN_NSA_CARE_FACILITY
        };
        plain(&content.text(key))
    });
    if let Some(care) = &care {
        facts.set(Fact::NsaCare, care.clone());
    }
    set_complaint(facts, plan, care.as_deref(), view);
}

/// The first words of a script when step 1 is about who pays, to the
/// provider or to a `collector`, with the share they name.
fn coverage_ask_key(action: &Action, collector: bool) -> Option<(crate::content::Key, Option<Decimal>)> {
    let pick = |provider, agency| if collector { agency } else { provider };
    Some(match action {
        // E2, E11: Original Medicare's statement is the MSN, its number 1-800-MEDICARE.
        Action::WaitForEob { payer: Payer::Insurer } => (
            pick(keys::PLAN_SAY_WAIT_FOR_EOB, keys::PLAN_SAY_COLLECTOR_WAIT_FOR_EOB),
            None,
        ),
        Action::WaitForEob {
            payer: Payer::OriginalMedicare,
        } => (
            pick(keys::PLAN_SAY_WAIT_FOR_MSN, keys::PLAN_SAY_COLLECTOR_WAIT_FOR_MSN),
            None,
        ),
        Action::WaitForEob {
            payer: Payer::MedicareNotSure,
        } => (
            pick(
                keys::PLAN_SAY_WAIT_FOR_MEDICARE_OR_PLAN,
                keys::PLAN_SAY_COLLECTOR_WAIT_FOR_MEDICARE_OR_PLAN,
            ),
            None,
        ),
        Action::BillInsuranceFirst { payer: Payer::Insurer } => (
            pick(keys::PLAN_SAY_BILL_INSURANCE, keys::PLAN_SAY_COLLECTOR_BILL_INSURANCE),
            None,
        ),
        Action::BillInsuranceFirst {
            payer: Payer::OriginalMedicare,
        } => (
            pick(keys::PLAN_SAY_BILL_MEDICARE, keys::PLAN_SAY_COLLECTOR_BILL_MEDICARE),
            None,
        ),
        Action::BillInsuranceFirst {
            payer: Payer::MedicareNotSure,
        } => (
            pick(
                keys::PLAN_SAY_BILL_MEDICARE_OR_PLAN,
                keys::PLAN_SAY_COLLECTOR_BILL_MEDICARE_OR_PLAN,
            ),
            None,
        ),
        Action::AskInsurerAboutClaim { payer: Payer::Insurer } => (
            pick(keys::PLAN_SAY_ASK_INSURER, keys::PLAN_SAY_COLLECTOR_ASK_INSURER),
            None,
        ),
        Action::AskInsurerAboutClaim {
            payer: Payer::OriginalMedicare,
        } => (
            pick(keys::PLAN_SAY_ASK_MEDICARE, keys::PLAN_SAY_COLLECTOR_ASK_MEDICARE),
            None,
        ),
        Action::AskInsurerAboutClaim {
            payer: Payer::MedicareNotSure,
        } => (
            pick(
                keys::PLAN_SAY_ASK_MEDICARE_OR_PLAN,
                keys::PLAN_SAY_COLLECTOR_ASK_MEDICARE_OR_PLAN,
            ),
            None,
        ),
        // E1: Medicaid's payment is payment in full (42 CFR 447.15).
        Action::MedicaidPaysInFull { paid: true } => (
            pick(keys::PLAN_SAY_MEDICAID_PAID, keys::PLAN_SAY_COLLECTOR_MEDICAID),
            None,
        ),
        Action::MedicaidPaysInFull { paid: false } => {
            (pick(keys::PLAN_SAY_MEDICAID, keys::PLAN_SAY_COLLECTOR_MEDICAID), None)
        }
        Action::QmbOwesNothing => (pick(keys::PLAN_SAY_QMB, keys::PLAN_SAY_COLLECTOR_QMB), None),
        Action::AskAboutQmb { .. } => (pick(keys::PLAN_SAY_ASK_QMB, keys::PLAN_SAY_COLLECTOR_ASK_QMB), None),
        // E1: Medicaid can reach back to the care once approved; the
        // provider then bills Medicaid (and takes its payment in full).
        Action::ApplyForMedicaid { .. } => (
            pick(keys::PLAN_SAY_APPLY_MEDICAID, keys::PLAN_SAY_COLLECTOR_APPLY_MEDICAID),
            None,
        ),
        Action::ConfirmFacilityNetwork { .. } => (
            pick(
                keys::PLAN_SAY_CONFIRM_FACILITY,
                keys::PLAN_SAY_COLLECTOR_CONFIRM_FACILITY,
            ),
            None,
        ),
        Action::ShareIsZero => (
            pick(keys::PLAN_SAY_SHARE_ZERO, keys::PLAN_SAY_COLLECTOR_SHARE_ZERO),
            None,
        ),
        Action::PayOnlyYourShare { share, medicare: true } => (
            pick(
                keys::PLAN_SAY_PAY_SHARE_MEDICARE,
                keys::PLAN_SAY_COLLECTOR_PAY_SHARE_MEDICARE,
            ),
            Some(*share),
        ),
        Action::PayOnlyYourShare { share, medicare: false } => (
            pick(keys::PLAN_SAY_PAY_SHARE, keys::PLAN_SAY_COLLECTOR_PAY_SHARE),
            Some(*share),
        ),
        Action::ConfirmNetwork { .. } => (
            pick(keys::PLAN_SAY_CONFIRM_NETWORK, keys::PLAN_SAY_COLLECTOR_CONFIRM_NETWORK),
            None,
        ),
        _ => return None,
    })
}

/// The complaint letter: the first step that has a route to escalate to
/// and a wrong to name.
fn set_complaint(facts: &mut Facts, plan: &Plan, care: Option<&str>, view: &View<'_>) {
    let content = view.content;
    let balance = plan.balance.map(usd).unwrap_or_default();
    let reason = |step: &plan::Step| -> Option<crate::content::Html> {
        Some(match &step.action {
            Action::BillInsuranceFirst { payer: Payer::Insurer } => content.text(keys::PLAN_COMPLAINT_BILL_INSURANCE),
            Action::BillInsuranceFirst {
                payer: Payer::OriginalMedicare,
            } => content.text(keys::PLAN_COMPLAINT_BILL_MEDICARE),
            Action::BillInsuranceFirst {
                payer: Payer::MedicareNotSure,
            } => content.text(keys::PLAN_COMPLAINT_BILL_MEDICARE_OR_PLAN),
            Action::MedicaidPaysInFull { .. } => content.text(keys::PLAN_COMPLAINT_MEDICAID),
            Action::QmbOwesNothing => content.text(keys::PLAN_COMPLAINT_QMB),
            Action::PayOnlyYourShare { share, medicare: true } => content.render(
                keys::PLAN_COMPLAINT_SHARE_MEDICARE,
                &[
                    ("share", Fill::Text(&usd(*share))),
                    ("amount_due", Fill::Text(&balance)),
                ],
            ),
            Action::PayOnlyYourShare { share, .. } | Action::ConfirmNetwork { share } => content.render(
                keys::PLAN_COMPLAINT_SHARE,
                &[
                    ("share", Fill::Text(&usd(*share))),
                    ("amount_due", Fill::Text(&balance)),
                ],
            ),
            Action::NoSurprisesBalanceBill { .. } => content.render(
                keys::PLAN_COMPLAINT_NSA,
                &[("care", Fill::Text(care.unwrap_or_default()))],
            ),
            Action::EstimateDispute { estimate, over } => content.render(
                keys::PLAN_COMPLAINT_ESTIMATE,
                &[
                    ("estimate", Fill::Text(&usd(*estimate))),
                    ("over", Fill::Text(&usd(*over))),
                ],
            ),
            Action::FinancialHelp(_) => content.text(keys::PLAN_COMPLAINT_HELP),
            Action::AppealDenial { .. } => content.text(keys::PLAN_COMPLAINT_APPEAL),
            Action::ValidateDebt | Action::SettleWithCollector => content.text(keys::PLAN_COMPLAINT_COLLECTOR),
            _ => return None,
        })
    };
    let Some((route, reason)) = plan.steps.iter().find_map(|step| step.escalation.zip(reason(step))) else {
        return;
    };
    let (to, how) = match route {
        Escalation::NoSurprisesHelpDesk => (keys::PLAN_COMPLAINT_TO_NSA, keys::PLAN_COMPLAINT_HOW_NSA),
        Escalation::Insurer => (keys::PLAN_COMPLAINT_TO_INSURER, keys::PLAN_COMPLAINT_HOW_INSURER),
        Escalation::Medicare => (keys::PLAN_COMPLAINT_TO_MEDICARE, keys::PLAN_COMPLAINT_HOW_MEDICARE),
        Escalation::StateMedicaidAgency => (keys::PLAN_COMPLAINT_TO_MEDICAID, keys::PLAN_COMPLAINT_HOW_MEDICAID),
        Escalation::StateInsuranceDepartment => (keys::PLAN_COMPLAINT_TO_INSURANCE, keys::PLAN_COMPLAINT_HOW_INSURANCE),
        Escalation::Cfpb => (keys::PLAN_COMPLAINT_TO_CFPB, keys::PLAN_COMPLAINT_HOW_CFPB),
        Escalation::StateAttorneyGeneral => (keys::PLAN_COMPLAINT_TO_AG, keys::PLAN_COMPLAINT_HOW_AG),
        Escalation::IrsForm13909 => (keys::PLAN_COMPLAINT_TO_IRS, keys::PLAN_COMPLAINT_HOW_IRS),
    };
    facts.set(Fact::ComplaintTo, plain(&content.text(to)));
    facts.set(Fact::ComplaintHow, plain(&content.text(how)));
    facts.set(Fact::ComplaintReason, plain(&reason));
}

/// The findings: the top one (title, ask, dollars), the next ones' asks,
/// the total at stake, and the list (titles in scripts, all in letters).
/// A finding that asks for a lower price (a charge far above Medicare's).
fn is_price_ask(finding: &Finding) -> bool {
    matches!(&finding.kind, FindingKind::Visit(VisitIssue::HighPrice { .. }))
}

fn set_findings(facts: &mut Facts, findings: &[Finding], texts: &[FindingText]) {
    let pairs: Vec<(&Finding, &FindingText)> = findings
        .iter()
        .zip(texts)
        .filter(|(finding, _)| !visit::is_validation_step(finding))
        // Asked of the insurer, not the office on the line ("You: Ask
        // your insurer…" is a to-do, not a line to say).
        .filter(|(finding, _)| !visit::is_for_the_payer(finding))
        .collect();
    let at_stake: Decimal = pairs.iter().map(|(finding, _)| finding.at_stake).sum();
    facts.set_opt(Fact::AtStake, positive(Some(at_stake)).map(usd));
    let Some((top, top_text)) = pairs.first() else {
        return;
    };
    facts.set(Fact::TopFinding, plain(&top_text.title));
    facts.set(Fact::TopFindingAsk, plain(&top_text.ask));
    facts.set_opt(Fact::TopFindingAmount, positive(Some(top.at_stake)).map(usd));
    // The first few findings, and every charge the plan's "Question N
    // charges" step counts (trial rosa_es: the step counted 3 and the
    // script asked about 2, leaving out line 8, 85027).
    let in_script = |index: usize, finding: &Finding| index < SCRIPT_FINDINGS || crate::domain::plan::is_error(finding);
    let said: Vec<&(&Finding, &FindingText)> = pairs
        .iter()
        .enumerate()
        .filter(|(index, (finding, _))| in_script(*index, finding))
        .map(|(_, pair)| pair)
        .collect();
    let more: Vec<String> = said
        .iter()
        .skip(1)
        .map(|(_, text)| format!("• {}", plain(&text.ask)))
        .collect();
    facts.set(Fact::MoreAsks, more.join("\n"));
    // Lines about codes, or about a charge billed correctly, only with a
    // finding of that kind among those the script asks about.
    let asked = || said.iter().copied();
    facts.set_opt(
        Fact::CodesQuestioned,
        asked()
            .find(|(finding, _)| finding.kind.questions_codes())
            .map(|(_, text)| plain(&text.title)),
    );
    facts.set_opt(
        Fact::ChargesQuestioned,
        asked()
            .find(|(finding, _)| crate::domain::plan::is_error(finding))
            .map(|(_, text)| plain(&text.title)),
    );

    let titled = |finding: &Finding, text: &FindingText| match positive(Some(finding.at_stake)) {
        Some(amount) => format!("{} ({})", plain(&text.title), usd(amount)),
        None => plain(&text.title),
    };
    let script: Vec<String> = said
        .iter()
        .map(|(finding, text)| format!("• {}", titled(finding, text)))
        .collect();
    // A letter goes to the billing office, so it lists the charges to
    // correct, each with the exact ask (the explanations speak to the user).
    let letter: Vec<String> = pairs
        .iter()
        .filter(|(finding, _)| is_dispute(finding))
        .enumerate()
        .map(|(index, (finding, text))| {
            let mut entry = format!("{}. {}", index + 1, titled(finding, text));
            for line in plain(&text.ask).lines().filter(|line| !line.trim().is_empty()) {
                entry.push_str("\n   ");
                entry.push_str(line.trim());
            }
            entry
        })
        .collect();
    facts.set_forms(Fact::Findings, script.join("\n"), letter.join("\n\n"));
}

/// Earlier calls as the user logged them: "Wed, Jun 3 (Dana, 55812)".
pub fn set_call_log(facts: &mut Facts, calls: &[CallLog], view: &View<'_>) {
    let entry = |call: &CallLog, date: String| {
        let who: Vec<&str> = [call.rep.as_deref(), call.reference.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        if who.is_empty() {
            date
        } else {
            format!("{date} ({})", who.join(", "))
        }
    };
    let script: Vec<String> = calls.iter().map(|call| entry(call, view.date(call.date))).collect();
    let letter: Vec<String> = calls
        .iter()
        .map(|call| entry(call, view.content.long_date(call.date)))
        .collect();
    facts.set_forms(Fact::CallLog, script.join("; "), letter.join("; "));
}

/// A finding about the charges themselves, as opposed to a step to take
/// (get the itemized bill or the EOB, apply for financial assistance),
/// which has no place in a letter disputing charges.
fn is_dispute(finding: &Finding) -> bool {
    !matches!(
        &finding.kind,
        FindingKind::Visit(
            VisitIssue::AskForItemized | VisitIssue::AskForEob { .. } | VisitIssue::FinancialAssistance { .. }
        )
    )
}

fn plain(html: &crate::content::Html) -> String {
    html.to_plain().trim().to_string()
}

fn usd(amount: Decimal) -> String {
    Usd(amount).to_string()
}

fn positive(amount: Option<Decimal>) -> Option<Decimal> {
    amount.filter(|amount| *amount > Decimal::ZERO)
}

fn plus(date: Option<NaiveDate>, days: u64) -> Option<NaiveDate> {
    date?.checked_add_days(Days::new(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::templates::{LetterKind, ScriptKind, Templates};
    use crate::content::Content;
    use crate::conversation::{describe_coding_finding, describe_visit_finding};
    use crate::domain::bill::Coverage;
    use crate::domain::line_items::LineItem;
    use crate::domain::reference::Reference;
    use std::str::FromStr;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn item(date: NaiveDate, code: &str, description: &str, amount: &str) -> LineItem {
        LineItem {
            date: Some(date),
            revenue_code: None,
            code: Some(code.to_string()),
            modifiers: Vec::new(),
            description: description.to_string(),
            units: 1,
            amount: d(amount),
        }
    }

    /// A self-pay ER bill at a nonprofit hospital, every answer given, with
    /// a blood count billed twice and a level-5 ER visit.
    fn rich_bill() -> Bill {
        let visit = day(2026, 3, 14);
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::Yes),
            coverage: Some(Coverage::SelfPay),
            emergency: Some(true),
            service_date: Some(visit),
            first_bill_date: Some(day(2026, 9, 1)),
            denial_date: Some(day(2026, 10, 2)),
            amount_due: Some(d("4820.50")),
            in_collections: Some(true),
            collector_letter_date: Some(day(2026, 11, 20)),
            estimate: Some(Estimate::Amount(d("1500"))),
            has_itemized: Some(true),
            items: vec![
                // The statement prints modifiers (25 on the visit), so the
                // blood count twice without 91 is a likely duplicate.
                LineItem {
                    modifiers: vec!["25".into()],
                    ..item(visit, "99285", "ER visit level 5", "3120.00")
                },
                item(visit, "85025", "CBC w/ diff <auto>", "142.00"),
                item(visit, "85025", "CBC w/ diff <auto>", "142.00"),
                item(visit, "36415", "Venipuncture", "38.00"),
                item(visit, "71046", "Chest X-ray", "1378.50"),
            ],
            items_confirmed: true,
            not_received_done: true,
            household_size: Some(3),
            yearly_income: Some(d("45000")),
            state: Some("OH".into()),
            lump_sum: Some(d("900")),
            monthly: Some(d("150")),
            calls: vec![CallLog {
                rep: Some("Dana".into()),
                reference: Some("55812".into()),
                ..CallLog::new(day(2026, 11, 2))
            }],
            ..Bill::default()
        }
    }

    struct Rendered {
        facts: Facts,
        findings: usize,
    }

    fn facts_for(bill: &Bill, content: &Content, today: NaiveDate) -> Rendered {
        let reference = Reference::embedded().unwrap();
        let view = View { content, today };
        let findings = crate::domain::plan::ordered_findings(bill, &reference, view.today);
        let texts: Vec<FindingText> = findings
            .iter()
            .map(|finding| match &finding.kind {
                FindingKind::Coding(issue) => describe_coding_finding(issue, finding, bill, &reference, &view),
                FindingKind::Visit(issue) => describe_visit_finding(issue, finding, bill, &reference, &view),
            })
            .collect();
        Rendered {
            facts: facts(bill, &findings, &texts, None, &view),
            findings: findings.len(),
        }
    }

    fn today() -> NaiveDate {
        day(2026, 11, 28)
    }

    /// The itemized-bill request names what the sender's bill has: revenue
    /// codes only on a hospital's own bill (the UB-04, C6), none for a
    /// doctor's office, a lab or an ambulance, and the hedged "for hospital
    /// charges" only when the sender is not known or is a collector.
    #[test]
    fn the_itemized_request_asks_for_revenue_codes_only_from_a_hospital() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let summary = |sender| Bill {
            sender,
            coverage: Some(Coverage::SelfPay),
            service_date: Some(day(2026, 10, 2)),
            amount_due: Some(d("640.00")),
            has_itemized: Some(false),
            ..Bill::default()
        };
        let letter = |sender| {
            let Rendered { facts, .. } = facts_for(&summary(sender), &content, today());
            templates.render_letter(LetterKind::ItemizedRequest, &facts)
        };
        let hospital = letter(Some(BillSender::Hospital));
        assert!(
            hospital.contains("the billing code (CPT or HCPCS) and the revenue code;"),
            "{hospital}"
        );
        for sender in [BillSender::DoctorOffice, BillSender::Lab, BillSender::Ambulance] {
            let text = letter(Some(sender));
            assert!(text.contains("the billing code (CPT or HCPCS);"), "{sender:?}:\n{text}");
            assert!(!text.contains("revenue code"), "{sender:?}:\n{text}");
        }
        for sender in [None, Some(BillSender::CollectionsAgency), Some(BillSender::Other)] {
            let text = letter(sender);
            assert!(
                text.contains("the billing code (CPT or HCPCS) and, for hospital charges, the revenue code;"),
                "{sender:?}:\n{text}"
            );
        }
    }

    #[test]
    fn a_rich_bill_fills_every_fact_it_can() {
        let content = Content::embedded().unwrap();
        let Rendered { facts, findings } = facts_for(&rich_bill(), &content, today());
        assert!(findings >= 2, "the rich bill has {findings} findings");
        let expect = [
            (Fact::Today, "Sat, Nov 28"),
            (Fact::ServiceDate, "Sat, Mar 14"),
            (Fact::AmountDue, "$4,820.50"),
            (Fact::Billed, "$4,820.50"),
            (Fact::Estimate, "$1,500.00"),
            (Fact::OverEstimate, "$3,320.50"),
            (Fact::DisputeDeadline, "Wed, Dec 30"),
            (Fact::AppealDeadline, "Wed, Mar 31, 2027"),
            (Fact::ValidationDeadline, "Fri, Dec 18"),
            (Fact::AssistanceDeadline, "Thu, Apr 29, 2027"),
            (Fact::HouseholdSize, "3"),
            (Fact::Income, "$45,000.00"),
            (Fact::PovertyPercent, "165%"),
            (Fact::Monthly, "$150.00"),
            (Fact::CallLog, "Mon, Nov 2 (Dana, 55812)"),
        ];
        for (fact, value) in expect {
            assert_eq!(facts.get(fact), Some(value), "{fact:?}");
        }
        assert_eq!(facts.get_letter(Fact::DisputeDeadline), Some("December 30, 2026"));
        // No figures to pay while the collector's 30 days run and financial
        // help (165% of the guideline, a nonprofit) may erase the bill.
        for fact in [
            Fact::Owed,
            Fact::OfferOpen,
            Fact::OfferSettle,
            Fact::PlanMonths,
            Fact::LumpSum,
        ] {
            assert!(!facts.is_known(fact), "{fact:?} should wait");
        }
        assert_eq!(facts.get_letter(Fact::CallLog), Some("November 2, 2026 (Dana, 55812)"));
        for fact in [
            Fact::TopFinding,
            Fact::TopFindingAsk,
            Fact::MoreAsks,
            Fact::Findings,
            Fact::AtStake,
        ] {
            assert!(facts.is_known(fact), "{fact:?}");
        }
        let letter_list = facts.get_letter(Fact::Findings).unwrap();
        assert!(
            letter_list.starts_with("1. ") && letter_list.contains("\n\n2. "),
            "{letter_list}"
        );
        // The user's own details are never guessed.
        for fact in [
            Fact::PatientName,
            Fact::AccountNumber,
            Fact::Provider,
            Fact::ClaimNumber,
        ] {
            assert!(!facts.is_known(fact), "{fact:?}");
        }
    }

    #[test]
    fn the_blood_count_billed_twice_is_in_the_scripts_with_its_date_and_dollars() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let Rendered { facts, .. } = facts_for(&rich_bill(), &content, today());
        let script = templates.render_script(ScriptKind::Hospital, &facts).to_plain();
        assert!(script.contains("Mar 14") && script.contains("$142.00"), "{script}");
        let letter = templates.render_letter(LetterKind::BillingDispute, &facts);
        assert!(letter.contains("$142.00") && letter.contains("\n2. "), "{letter}");
        assert!(
            letter.contains("CBC w/ diff <auto>") || !letter.contains("&lt;"),
            "{letter}"
        );
    }

    #[test]
    fn every_script_and_letter_renders_whole_for_a_rich_and_an_empty_bill() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        for (label, bill) in [("rich", rich_bill()), ("empty", Bill::default())] {
            let Rendered { facts, .. } = facts_for(&bill, &content, today());
            for &kind in ScriptKind::ALL {
                let html = templates.render_script(kind, &facts);
                let what = format!("{} ({label})", kind.path());
                html.check_tags().unwrap_or_else(|e| panic!("{what}: {e}\n{html}"));
                let shown = html.to_plain();
                crate::content::templates::tests::assert_clean(&what, &shown);
                assert!(
                    shown.chars().count() <= 2_500,
                    "{what}: {} characters is too long to read during a call:\n{shown}",
                    shown.chars().count()
                );
                assert!(shown.contains("You:") && shown.contains("If they say"), "{what}");
                assert!(shown.contains("reference number"), "{what}");
                if label == "empty" {
                    for fact in templates.script_blanks(kind) {
                        if fact != Fact::Today {
                            assert!(shown.contains(templates.blank(fact)), "{what}: no blank for {fact:?}");
                        }
                    }
                } else {
                    assert!(!shown.contains(templates.blank(Fact::AmountDue)), "{what}");
                }
            }
            for &kind in LetterKind::ALL {
                let letter = templates.render_letter(kind, &facts);
                let what = format!("{} ({label})", kind.path());
                crate::content::templates::tests::assert_clean(&what, &letter);
                assert!(letter.starts_with("November 28, 2026\n"), "{what} is not dated");
                assert!(letter.contains("not legal advice"), "{what}");
                assert!(
                    !letter.contains("&amp;") && !letter.contains("<b>"),
                    "{what}: letters are plain"
                );
                if label == "empty" {
                    for fact in templates.letter_blanks(kind) {
                        if fact != Fact::Today {
                            assert!(letter.contains(templates.blank(fact)), "{what}: no blank for {fact:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_empty_bill_knows_only_today() {
        let content = Content::embedded().unwrap();
        let Rendered { facts, findings } = facts_for(&Bill::default(), &content, today());
        assert_eq!(findings, 0);
        for fact in Fact::ALL.iter().filter(|fact| **fact != Fact::Today) {
            assert!(!facts.is_known(*fact), "{fact:?} = {:?}", facts.get(*fact));
        }
    }

    #[test]
    fn a_zero_balance_is_shown_but_no_settlement_of_zero_is_offered() {
        let content = Content::embedded().unwrap();
        let bill = Bill {
            amount_due: Some(Decimal::ZERO),
            lump_sum: Some(Decimal::ZERO),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        assert_eq!(facts.get(Fact::AmountDue), Some("$0.00"), "a real zero is shown");
        for fact in [
            Fact::OfferOpen,
            Fact::OfferSettle,
            Fact::LumpSum,
            Fact::AtStake,
            Fact::PlanMonths,
        ] {
            assert!(!facts.is_known(fact), "{fact:?}");
        }
    }

    /// Trial: a patient who said they can pay $0 a month got a hardship
    /// letter asking for "[amount you can pay] a month"; it asks to hold
    /// the account instead.
    #[test]
    fn the_hardship_letter_asks_no_monthly_amount_of_a_patient_who_can_pay_nothing() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = Bill {
            coverage: Some(Coverage::SelfPay),
            service_date: Some(day(2026, 10, 2)),
            amount_due: Some(d("1200.00")),
            monthly: Some(Decimal::ZERO),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        let letter = templates.render_letter(LetterKind::HardshipPlan, &facts);
        for never in ["a month", "[amount you can pay]", "the monthly amount"] {
            assert!(!letter.contains(never), "{never:?} in:\n{letter}");
        }
        assert!(letter.contains("I cannot pay anything each month"), "{letter}");
        let paying = Bill {
            monthly: Some(d("50")),
            ..bill
        };
        let Rendered { facts, .. } = facts_for(&paying, &content, today());
        let letter = templates.render_letter(LetterKind::HardshipPlan, &facts);
        assert!(letter.contains("payment plan of $50.00 a month"), "{letter}");
    }

    /// Trial 7 (jake): a for-profit hospital's financial-help letter said
    /// "If your hospital is a nonprofit…, section 501(r)"; it speaks of
    /// the nonprofit rules only where the hospital may be one (A2).
    #[test]
    fn the_financial_help_letter_leaves_the_nonprofit_rules_out_for_a_for_profit_hospital() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = |nonprofit| Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(nonprofit),
            coverage: Some(Coverage::SelfPay),
            amount_due: Some(d("2300.00")),
            ..Bill::default()
        };
        let letter = |bill: &Bill| {
            let Rendered { facts, .. } = facts_for(bill, &content, today());
            templates.render_letter(LetterKind::FinancialAssistance, &facts)
        };
        let for_profit = letter(&bill(Answer3::No));
        assert!(!for_profit.contains("501(r)"), "{for_profit}");
        assert!(!for_profit.contains("\n\n\n"), "no empty block left:\n{for_profit}");
        assert!(letter(&bill(Answer3::NotSure)).contains("501(r)"));
    }

    /// Trial 8 (denise): the financial-help script's "if they say there's
    /// no program" asked for a prompt-pay discount on a bill never sent to
    /// her insurer, while the offer said not to offer anything yet.
    #[test]
    fn the_financial_help_script_offers_no_payment_while_the_plan_holds_offers() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::NotSure),
            coverage: Some(Coverage::InNetwork),
            claim: Some(crate::domain::bill::ClaimStatus::NotSent),
            amount_due: Some(d("9400.00")),
            household_size: Some(1),
            yearly_income: Some(d("31000")),
            state: Some("GA".to_string()),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        let script = templates
            .render_script(ScriptKind::FinancialAssistance, &facts)
            .to_plain();
        assert!(!script.contains("pay my share promptly"), "{script}");
        assert!(
            script.contains("hold the account while I sort out what I owe"),
            "{script}"
        );
    }

    /// Trial 7 (jake2): the No Surprises script left "[emergency care,
    /// or …]" to fill for an emergency out of network whose EOB was not in
    /// hand; the bill itself says which care it was.
    #[test]
    fn the_care_the_no_surprises_act_protects_is_named_before_the_eob_is_in() {
        let content = Content::embedded().unwrap();
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::OutOfNetwork),
            emergency: Some(true),
            claim: Some(crate::domain::bill::ClaimStatus::PaidPart),
            amount_due: Some(d("1240.00")),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        assert_eq!(
            facts.get(Fact::NsaCare),
            Some(content.plain(keys::PLAN_NSA_CARE_EMERGENCY).as_str())
        );
    }

    /// Trial 7 (luis): Medicaid covered the care and the clinic billed
    /// him; step 1 said to tell them in writing, with no letter. The
    /// billing letter asks them to bill Medicaid (E1) instead of
    /// questioning charges.
    #[test]
    fn the_billing_letter_of_a_medicaid_bill_asks_them_to_bill_medicaid() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::Medicaid),
            service_date: Some(day(2026, 9, 9)),
            amount_due: Some(d("380.00")),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        let letter = templates.render_letter(LetterKind::BillingDispute, &facts);
        for shows in [
            "I had Medicaid on the date of this care",
            "42 CFR 447.15",
            "Please bill Medicaid",
        ] {
            assert!(letter.contains(shows), "{shows:?} not in:\n{letter}");
        }
        assert!(!letter.contains("questioning the charges"), "{letter}");
    }

    /// Trial 8 (gloria, Humana): the appeal letter asked for "an internal
    /// appeal" and an external review within 4 months, with 180 days. A
    /// Medicare Advantage denial is reconsidered within 65 days, then goes
    /// to the independent review entity automatically (E3).
    #[test]
    fn a_medicare_advantage_appeal_letter_asks_for_reconsideration() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = Bill {
            coverage: Some(Coverage::Medicare),
            medicare: Some(crate::domain::bill::MedicareKind::Advantage),
            claim: Some(crate::domain::bill::ClaimStatus::Denied),
            denial_date: Some(day(2026, 10, 28)),
            amount_due: Some(d("1150.00")),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        let letter = templates.render_letter(LetterKind::InsuranceAppeal, &facts);
        for shows in [
            "Request for reconsideration (Medicare Advantage)",
            "independent review entity",
            "65 days",
        ] {
            assert!(letter.contains(shows), "{shows:?} not in:\n{letter}");
        }
        for never in ["internal appeal", "external review", "180 days"] {
            assert!(!letter.contains(never), "{never:?} in:\n{letter}");
        }
    }

    /// E2, E3, E11: an Original Medicare denial is appealed by a
    /// redetermination with the Medicare contractor, through the Medicare
    /// Summary Notice and 1-800-MEDICARE, counted as filed when received;
    /// never "an internal appeal", "my member ID", "insurance company".
    #[test]
    fn an_original_medicare_appeal_is_a_redetermination_with_the_contractor() {
        let content = Content::embedded().unwrap();
        let templates = Templates::embedded().unwrap();
        let bill = Bill {
            coverage: Some(Coverage::Medicare),
            medicare: Some(crate::domain::bill::MedicareKind::Original),
            claim: Some(crate::domain::bill::ClaimStatus::Denied),
            // Nov 15 + 5 + 120 days is Sat, Mar 20, 2027.
            denial_date: Some(day(2026, 11, 15)),
            service_date: Some(day(2026, 10, 2)),
            amount_due: Some(d("1250.00")),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        assert_eq!(facts.get(Fact::AppealDeadline), Some("Fri, Mar 19, 2027"));
        let script = templates.render_script(ScriptKind::InsurerAppeal, &facts).to_plain();
        let letter = templates.render_letter(LetterKind::InsuranceAppeal, &facts);
        for text in [&script, &letter] {
            for never in [
                "internal appeal",
                "member ID",
                "Member ID",
                "insurance company",
                "Appeals Department",
            ] {
                assert!(!text.contains(never), "{never:?} in:\n{text}");
            }
            assert!(text.contains("redetermination"), "{text}");
            assert!(text.contains("Medicare contractor"), "{text}");
            assert!(text.contains("receives it"), "{text}");
        }
        assert!(script.contains("1-800-MEDICARE"), "{script}");
        assert!(letter.contains("Make sure it arrives by March 19, 2027"), "{letter}");
        // A private plan keeps its internal appeal.
        let private = Bill {
            coverage: Some(Coverage::InNetwork),
            medicare: None,
            ..bill
        };
        let Rendered { facts, .. } = facts_for(&private, &content, today());
        let script = templates.render_script(ScriptKind::InsurerAppeal, &facts).to_plain();
        assert!(
            script.contains("internal appeal") && !script.contains("redetermination"),
            "{script}"
        );
    }

    #[test]
    fn medicare_appeals_get_their_own_deadline() {
        let content = Content::embedded().unwrap();
        // Kind not known: the earlier, Medicare Advantage deadline (65 days).
        let bill = Bill {
            coverage: Some(Coverage::Medicare),
            denial_date: Some(day(2026, 10, 2)),
            ..Bill::default()
        };
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        assert!(facts.is_known(Fact::DenialDate));
        // Oct 2 + 65 days is Sun, Dec 6: E3 says file by the business day
        // before (the old "Sun, Dec 6" was a day no office takes mail).
        assert_eq!(facts.get(Fact::AppealDeadline), Some("Fri, Dec 4"));
        // Original Medicare: 5 days for receipt, then 120.
        let original = Bill {
            medicare: Some(crate::domain::bill::MedicareKind::Original),
            ..bill.clone()
        };
        let Rendered { facts, .. } = facts_for(&original, &content, today());
        assert_eq!(facts.get(Fact::AppealDeadline), Some("Thu, Feb 4, 2027"));
        // A deadline already passed is not offered at all.
        let late = Bill {
            denial_date: Some(day(2026, 6, 2)),
            ..bill
        };
        let Rendered { facts, .. } = facts_for(&late, &content, today());
        assert!(!facts.is_known(Fact::AppealDeadline));
    }

    #[test]
    fn the_assistance_deadline_is_for_nonprofit_hospitals_only() {
        let content = Content::embedded().unwrap();
        let mut bill = rich_bill();
        bill.nonprofit = Some(Answer3::NotSure);
        let Rendered { facts, .. } = facts_for(&bill, &content, today());
        assert!(!facts.is_known(Fact::AssistanceDeadline));
    }

    #[test]
    fn an_offer_worked_out_elsewhere_is_used() {
        let content = Content::embedded().unwrap();
        let bill = rich_bill();
        let view = View {
            content: &content,
            today: today(),
        };
        let mut offer = offers::offers(&bill, &[], offers::first_of_next_month(today()));
        offer.collections = Some(offers::collections_offer(d("1000")));
        let facts = facts(&bill, &[], &[], Some(&offer), &view);
        assert_eq!(facts.get(Fact::OfferOpen), Some("$300.00"));
        assert_eq!(facts.get(Fact::OfferSettle), Some("$500.00"));
    }
}
