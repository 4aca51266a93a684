//! The report's 🧭 plan in words: the top three steps, one line each with
//! what it could take off and by when, then why to start with step 1, where
//! to turn if the office says no, and the money tip that fits. Also which
//! script and letter fit each step, so the picker and `/script` recommend
//! the first step's.

use crate::content::templates::{LetterKind, ScriptKind};
use crate::content::{keys, Fill, Html, Key};
use crate::conversation::view::View;
use crate::domain::audit::Finding;
use crate::domain::bill::{Bill, BillSender};
use crate::domain::coverage::{AppealKind, MedicaidReach};
use crate::domain::money::Usd;
use crate::domain::plan::charity::{Outlook, StateLaw};
use crate::domain::plan::{self, Action, Deadline, Escalation, Payer, Plan, Savings, Step, Tip};
use chrono::NaiveDate;

/// The plan for `bill` with its audit findings.
pub fn plan_for(bill: &Bill, findings: &[Finding], today: NaiveDate) -> Plan {
    plan::plan(bill, findings, today)
}

/// The 🧭 message.
pub fn plan_message(plan: &Plan, view: &View<'_>) -> Html {
    let content = view.content;
    if plan.paid {
        return content.text(keys::PLAN_PAID);
    }
    let Some(first) = plan.first() else {
        return content.text(keys::PLAN_NOTHING);
    };
    let mut lines = vec![content.text(keys::PLAN_HEADING)];
    for (index, step) in plan.shown().iter().enumerate() {
        lines.push(content.render(
            keys::PLAN_STEP,
            &[
                ("number", Fill::Text(&(index + 1).to_string())),
                ("title", Fill::Html(&title(step, view))),
                ("saves", Fill::Html(&saves(step.saves, view))),
                ("when", Fill::Html(&when_in(plan, index, step, view))),
            ],
        ));
    }
    lines.push(content.render(keys::PLAN_START, &[("why", Fill::Html(&why(first, plan, view)))]));
    if let Some((index, deadline)) = plan.due_sooner_than_first() {
        lines.push(content.render(
            keys::PLAN_SOONER,
            &[
                ("number", Fill::Text(&(index + 1).to_string())),
                ("date", Fill::Text(&view.date(deadline.date))),
            ],
        ));
    }
    if let Some(route) = first.escalation {
        lines.push(content.render(
            keys::PLAN_IF_NO,
            &[("route", Fill::Html(&content.text(escalation(route))))],
        ));
    }
    if let Some(tip) = plan.tips.first() {
        lines.push(content.render(keys::PLAN_TIP, &[("text", Fill::Html(&content.text(tip_key(*tip))))]));
    }
    Html::join(&lines, "\n")
}

/// One step on its own (the plan's "Step 2" button): its line, why, and
/// where to turn if they say no. `index` is one the plan shows.
pub fn step_message(plan: &Plan, index: usize, view: &View<'_>) -> Html {
    let content = view.content;
    let Some(step) = plan.shown().get(index) else {
        return content.text(keys::PLAN_NOTHING);
    };
    let mut lines = vec![
        content.render(
            keys::PLAN_STEP,
            &[
                ("number", Fill::Text(&(index + 1).to_string())),
                ("title", Fill::Html(&title(step, view))),
                ("saves", Fill::Html(&saves(step.saves, view))),
                ("when", Fill::Html(&when_in(plan, index, step, view))),
            ],
        ),
        content.render(keys::PLAN_STEP_WHY, &[("why", Fill::Html(&why(step, plan, view)))]),
    ];
    if let Some(route) = step.escalation {
        lines.push(content.render(
            keys::PLAN_IF_NO,
            &[("route", Fill::Html(&content.text(escalation(route))))],
        ));
    }
    Html::join(&lines, "\n")
}

/// The money tips in words (the 💵 offer lists them all).
pub fn tip_key(tip: Tip) -> Key {
    match tip {
        Tip::NeverIgnoreCourtPapers => keys::PLAN_TIP_COURT,
        Tip::GetItInWriting => keys::PLAN_TIP_IN_WRITING,
        Tip::NoBankAccess => keys::PLAN_TIP_NO_BANK_ACCESS,
        Tip::PaymentRestartsClock => keys::PLAN_TIP_RESTARTS_CLOCK,
        Tip::NoCreditCard => keys::PLAN_TIP_NO_CREDIT_CARD,
        Tip::ApplyBeforePaying => keys::PLAN_TIP_APPLY_FIRST,
        Tip::Form1099C => keys::PLAN_TIP_1099C,
        Tip::HsaCanPay => keys::PLAN_TIP_HSA,
        Tip::MedicareSavingsPrograms => keys::PLAN_TIP_MEDICARE_SAVINGS,
    }
}

/// Who to call for a step: the script that fits it.
pub fn script_for(step: &Step, bill: &Bill) -> ScriptKind {
    let provider = if crate::domain::timing::in_collections(bill) {
        ScriptKind::Collections
    } else if bill.sender == Some(BillSender::Hospital) {
        ScriptKind::Hospital
    } else {
        ScriptKind::Doctor
    };
    match &step.action {
        Action::NoSurprisesBalanceBill { .. } | Action::EstimateDispute { .. } => ScriptKind::NoSurprises,
        Action::FinancialHelp(_) => ScriptKind::FinancialAssistance,
        Action::AppealDenial { .. } => ScriptKind::InsurerAppeal,
        Action::ValidateDebt | Action::SettleWithCollector => ScriptKind::Collections,
        Action::WaitForEob { .. }
        | Action::BillInsuranceFirst { .. }
        | Action::AskInsurerAboutClaim { .. }
        | Action::MedicaidPaysInFull { .. }
        | Action::ApplyForMedicaid { .. }
        | Action::QmbOwesNothing
        | Action::AskAboutQmb { .. }
        | Action::ShareIsZero
        | Action::PayOnlyYourShare { .. }
        | Action::ConfirmNetwork { .. }
        | Action::ConfirmFacilityNetwork { .. }
        | Action::AskForEob { .. }
        | Action::AskForItemized
        | Action::FixErrors { .. }
        | Action::AskDiscount { .. }
        | Action::PaymentPlan
        | Action::Advocate => provider,
    }
}

/// The words for each payer (E2, E11), in [`Payer`]'s order: an
/// insurer's plan (its EOB), Original Medicare (its Medicare Summary
/// Notice, 1-800-MEDICARE; never "your EOB"), and Medicare of a kind not
/// known (the notice from Medicare or the plan; never "your insurer").
pub(crate) fn by_payer(payer: Payer, [insurer, medicare, not_sure]: [Key; 3]) -> Key {
    match payer {
        Payer::Insurer => insurer,
        Payer::OriginalMedicare => medicare,
        Payer::MedicareNotSure => not_sure,
    }
}

/// The letter that fits a step, if one does.
pub fn letter_for(step: &Step) -> Option<LetterKind> {
    match &step.action {
        Action::NoSurprisesBalanceBill { .. } | Action::EstimateDispute { .. } => Some(LetterKind::NoSurprisesDispute),
        Action::FinancialHelp(_) => Some(LetterKind::FinancialAssistance),
        Action::AppealDenial { .. } => Some(LetterKind::InsuranceAppeal),
        Action::ValidateDebt => Some(LetterKind::DebtValidation),
        Action::AskForItemized => Some(LetterKind::ItemizedRequest),
        // E1: "tell the provider, in writing, that Medicaid covered the
        // date of service and ask them to bill it".
        Action::ShareIsZero
        | Action::PayOnlyYourShare { .. }
        | Action::FixErrors { .. }
        | Action::MedicaidPaysInFull { .. } => Some(LetterKind::BillingDispute),
        Action::PaymentPlan => Some(LetterKind::HardshipPlan),
        Action::WaitForEob { .. }
        | Action::BillInsuranceFirst { .. }
        | Action::AskInsurerAboutClaim { .. }
        | Action::ApplyForMedicaid { .. }
        | Action::QmbOwesNothing
        | Action::AskAboutQmb { .. }
        | Action::ConfirmNetwork { .. }
        | Action::ConfirmFacilityNetwork { .. }
        | Action::AskForEob { .. }
        | Action::AskDiscount { .. }
        | Action::SettleWithCollector
        | Action::Advocate => None,
    }
}

/// The steps about who pays: their payer, and their title and why, one key
/// per payer (insurer, Original Medicare, Medicare of a kind not known).
fn payer_words(action: &Action) -> Option<(Payer, [Key; 3], [Key; 3])> {
    Some(match action {
        Action::WaitForEob { payer } => (
            *payer,
            [
                keys::PLAN_WAIT_FOR_EOB,
                keys::PLAN_WAIT_FOR_MSN,
                keys::PLAN_WAIT_FOR_MEDICARE_OR_PLAN,
            ],
            [
                keys::PLAN_WAIT_FOR_EOB_WHY,
                keys::PLAN_WAIT_FOR_MSN_WHY,
                keys::PLAN_WAIT_FOR_MEDICARE_OR_PLAN_WHY,
            ],
        ),
        Action::BillInsuranceFirst { payer } => (
            *payer,
            [
                keys::PLAN_BILL_INSURANCE,
                keys::PLAN_BILL_MEDICARE,
                keys::PLAN_BILL_MEDICARE_OR_PLAN,
            ],
            [
                keys::PLAN_BILL_INSURANCE_WHY,
                keys::PLAN_BILL_MEDICARE_WHY,
                keys::PLAN_BILL_MEDICARE_OR_PLAN_WHY,
            ],
        ),
        Action::AskInsurerAboutClaim { payer } => (
            *payer,
            [
                keys::PLAN_ASK_INSURER,
                keys::PLAN_ASK_MEDICARE,
                keys::PLAN_ASK_MEDICARE_OR_PLAN,
            ],
            [
                keys::PLAN_ASK_INSURER_WHY,
                keys::PLAN_ASK_MEDICARE_WHY,
                keys::PLAN_ASK_MEDICARE_OR_PLAN_WHY,
            ],
        ),
        _ => return None,
    })
}

pub(crate) fn title(step: &Step, view: &View<'_>) -> Html {
    let content = view.content;
    match &step.action {
        Action::WaitForEob { .. } | Action::BillInsuranceFirst { .. } | Action::AskInsurerAboutClaim { .. } => {
            payer_words(&step.action).map_or_else(Html::default, |(payer, titles, _)| {
                content.text(by_payer(payer, titles))
            })
        }
        Action::MedicaidPaysInFull { .. } => content.text(keys::PLAN_MEDICAID),
        Action::ApplyForMedicaid { .. } => content.text(keys::PLAN_APPLY_MEDICAID),
        Action::QmbOwesNothing => content.text(keys::PLAN_QMB),
        Action::AskAboutQmb { likely: false } => content.text(keys::PLAN_ASK_QMB),
        Action::AskAboutQmb { likely: true } => content.text(keys::PLAN_ASK_QMB_LIKELY),
        Action::ShareIsZero => content.text(keys::PLAN_SHARE_ZERO),
        Action::PayOnlyYourShare { share, medicare } => content.render(
            if *medicare {
                keys::PLAN_PAY_SHARE_MEDICARE
            } else {
                keys::PLAN_PAY_SHARE
            },
            &[("share", Fill::Text(&usd(*share)))],
        ),
        Action::ConfirmNetwork { .. } => content.text(keys::PLAN_CONFIRM_NETWORK),
        Action::ConfirmFacilityNetwork { .. } => content.text(keys::PLAN_CONFIRM_FACILITY),
        Action::NoSurprisesBalanceBill { emergency: true, .. } => content.text(keys::PLAN_NSA_EMERGENCY),
        Action::NoSurprisesBalanceBill { emergency: false, .. } => content.text(keys::PLAN_NSA_FACILITY),
        Action::EstimateDispute { .. } => content.text(keys::PLAN_ESTIMATE),
        // E6: a state law reaches this hospital (for-profit ones too in
        // most of them): the title says so wherever the step sits.
        Action::FinancialHelp(help) if help.law.is_some() => content.text(keys::PLAN_HELP_LAW),
        Action::FinancialHelp(_) => content.text(keys::PLAN_HELP),
        Action::AppealDenial { .. } => content.text(keys::PLAN_APPEAL),
        Action::AskForEob { payer, .. } => content.text(by_payer(
            *payer,
            [
                keys::PLAN_ASK_EOB,
                keys::PLAN_ASK_MSN,
                keys::PLAN_ASK_MEDICARE_OR_PLAN_NOTICE,
            ],
        )),
        Action::AskForItemized => content.text(keys::PLAN_ITEMIZED),
        Action::FixErrors { count: 1 } => content.text(keys::PLAN_FIX_ERROR),
        Action::FixErrors { count } => {
            content.render(keys::PLAN_FIX_ERRORS, &[("count", Fill::Text(&count.to_string()))])
        }
        Action::ValidateDebt => content.text(keys::PLAN_VALIDATE),
        Action::AskDiscount { self_pay: true } => content.text(keys::PLAN_DISCOUNT_SELF_PAY),
        Action::AskDiscount { self_pay: false } => content.text(keys::PLAN_DISCOUNT_PROMPT_PAY),
        Action::SettleWithCollector => content.text(keys::PLAN_SETTLE),
        Action::PaymentPlan => content.text(keys::PLAN_PAYMENT_PLAN),
        Action::Advocate => content.text(keys::PLAN_ADVOCATE),
    }
}

fn saves(savings: Savings, view: &View<'_>) -> Html {
    let content = view.content;
    match savings {
        Savings::Nothing => content.text(keys::PLAN_SAVES_NOTHING),
        Savings::Unknown => content.text(keys::PLAN_SAVES_UNKNOWN),
        Savings::UpTo(amount) => content.render(keys::PLAN_SAVES_UP_TO, &[("amount", Fill::Text(&usd(amount)))]),
        Savings::MostOf(amount) => content.render(keys::PLAN_SAVES_MOST_OF, &[("amount", Fill::Text(&usd(amount)))]),
        Savings::AtLeast(amount) => content.render(keys::PLAN_SAVES_AT_LEAST, &[("amount", Fill::Text(&usd(amount)))]),
        Savings::Range(low, high) => content.render(
            keys::PLAN_SAVES_RANGE,
            &[("low", Fill::Text(&usd(low))), ("high", Fill::Text(&usd(high)))],
        ),
    }
}

/// By when, in the plan: an offer held back by an earlier step (a
/// dispute, an appeal, an application for help) comes after that step, not
/// "now" (Plan::offer_blocker).
fn when_in(plan: &Plan, index: usize, step: &Step, view: &View<'_>) -> Html {
    let offers = matches!(
        step.action,
        Action::AskDiscount { .. } | Action::SettleWithCollector | Action::PaymentPlan
    );
    match plan.offer_blocker() {
        Some((blocker, _)) if offers && step.deadline.is_none() && blocker < index => view.content.render(
            keys::PLAN_WHEN_AFTER,
            &[("number", Fill::Text(&(blocker + 1).to_string()))],
        ),
        _ => when(step, view),
    }
}

/// By when, and what sets the date.
fn when(step: &Step, view: &View<'_>) -> Html {
    let content = view.content;
    let reason = || content.text(due_reason(&step.action));
    match step.deadline {
        None => content.text(keys::PLAN_WHEN_NOW),
        Some(Deadline { date, passed: true }) => content.render(
            keys::PLAN_WHEN_PASSED,
            &[
                ("date", Fill::Text(&view.date(date))),
                ("reason", Fill::Html(&reason())),
            ],
        ),
        Some(Deadline { date, passed: false }) => {
            let days = crate::domain::timing::days_from(view.today, date);
            content.render(
                keys::PLAN_WHEN_BY,
                &[
                    ("date", Fill::Text(&view.date(date))),
                    (
                        "days",
                        Fill::Text(&crate::conversation::report::timing::days_phrase(days, view)),
                    ),
                    ("reason", Fill::Html(&reason())),
                ],
            )
        }
    }
}

/// What sets the date of a step that has one.
fn due_reason(action: &Action) -> Key {
    match action {
        Action::FinancialHelp(_) => keys::PLAN_DUE_HELP,
        Action::ApplyForMedicaid { reach, .. } => match reach {
            MedicaidReach::ThreeMonths => keys::PLAN_DUE_MEDICAID_MONTHS,
            MedicaidReach::EndsWithRuleChange => keys::PLAN_DUE_MEDICAID_RULE,
            MedicaidReach::OneMonth => keys::PLAN_DUE_MEDICAID_ONE_MONTH,
        },
        Action::AppealDenial { kind } => super::timing::appeal_rule(*kind),
        Action::EstimateDispute { .. } => keys::PLAN_DUE_ESTIMATE,
        Action::ValidateDebt => keys::PLAN_DUE_VALIDATE,
        // No other step carries a date.
        Action::WaitForEob { .. }
        | Action::BillInsuranceFirst { .. }
        | Action::AskInsurerAboutClaim { .. }
        | Action::MedicaidPaysInFull { .. }
        | Action::QmbOwesNothing
        | Action::AskAboutQmb { .. }
        | Action::ShareIsZero
        | Action::PayOnlyYourShare { .. }
        | Action::ConfirmNetwork { .. }
        | Action::ConfirmFacilityNetwork { .. }
        | Action::NoSurprisesBalanceBill { .. }
        | Action::AskForEob { .. }
        | Action::AskForItemized
        | Action::FixErrors { .. }
        | Action::AskDiscount { .. }
        | Action::SettleWithCollector
        | Action::PaymentPlan
        | Action::Advocate => keys::PLAN_WHEN_NOW,
    }
}

/// Why step 1, and what to do, in a few lines.
fn why(step: &Step, plan: &Plan, view: &View<'_>) -> Html {
    let content = view.content;
    let date = |date: NaiveDate| view.date(date);
    let deadline = step.deadline;
    match &step.action {
        Action::WaitForEob { .. } | Action::BillInsuranceFirst { .. } | Action::AskInsurerAboutClaim { .. } => {
            payer_words(&step.action).map_or_else(Html::default, |(payer, _, whys)| content.text(by_payer(payer, whys)))
        }
        Action::MedicaidPaysInFull { paid: false } => content.text(keys::PLAN_MEDICAID_WHY),
        Action::MedicaidPaysInFull { paid: true } => content.text(keys::PLAN_MEDICAID_WHY_PAID),
        Action::ApplyForMedicaid { care, apply_by, reach } => content.render(
            match reach {
                MedicaidReach::ThreeMonths => keys::PLAN_APPLY_MEDICAID_WHY,
                MedicaidReach::EndsWithRuleChange => keys::PLAN_APPLY_MEDICAID_WHY_2027,
                MedicaidReach::OneMonth => keys::PLAN_APPLY_MEDICAID_WHY_ONE_MONTH,
            },
            &[
                ("care", Fill::Text(&date(*care))),
                ("apply_by", Fill::Text(&date(*apply_by))),
            ],
        ),
        Action::QmbOwesNothing => content.text(keys::PLAN_QMB_WHY),
        Action::AskAboutQmb { likely: false } => content.text(keys::PLAN_ASK_QMB_WHY),
        Action::AskAboutQmb { likely: true } => content.text(keys::PLAN_ASK_QMB_LIKELY_WHY),
        Action::ShareIsZero => content.render(
            keys::PLAN_SHARE_ZERO_WHY,
            &[("amount_due", Fill::Text(&plan.balance.map(usd).unwrap_or_default()))],
        ),
        Action::PayOnlyYourShare { share, medicare } => content.render(
            if *medicare {
                keys::PLAN_PAY_SHARE_MEDICARE_WHY
            } else {
                keys::PLAN_PAY_SHARE_WHY
            },
            &[
                ("share", Fill::Text(&usd(*share))),
                ("amount_due", Fill::Text(&plan.balance.map(usd).unwrap_or_default())),
            ],
        ),
        Action::ConfirmNetwork { share } => content.render(
            keys::PLAN_CONFIRM_NETWORK_WHY,
            &[
                ("share", Fill::Text(&usd(*share))),
                ("amount_due", Fill::Text(&plan.balance.map(usd).unwrap_or_default())),
            ],
        ),
        Action::ConfirmFacilityNetwork { share } => {
            let share = match share {
                Some(share) => content.render(
                    keys::PLAN_CONFIRM_FACILITY_SHARE_KNOWN,
                    &[("share", Fill::Text(&usd(*share)))],
                ),
                None => content.text(keys::PLAN_CONFIRM_FACILITY_SHARE_UNKNOWN),
            };
            content.render(keys::PLAN_CONFIRM_FACILITY_WHY, &[("share", Fill::Html(&share))])
        }
        Action::NoSurprisesBalanceBill { emergency, share } => {
            let share = match share {
                Some(share) => content.render(keys::PLAN_NSA_SHARE_KNOWN, &[("share", Fill::Text(&usd(*share)))]),
                None => content.text(keys::PLAN_NSA_SHARE_UNKNOWN),
            };
            let key = if *emergency {
                keys::PLAN_NSA_EMERGENCY_WHY
            } else {
                keys::PLAN_NSA_FACILITY_WHY
            };
            content.render(key, &[("share", Fill::Html(&share))])
        }
        Action::EstimateDispute { estimate, over } => {
            let estimate = usd(*estimate);
            let over = usd(*over);
            match deadline {
                None => content.render(
                    keys::PLAN_ESTIMATE_WHY_UNDATED,
                    &[("estimate", Fill::Text(&estimate)), ("over", Fill::Text(&over))],
                ),
                Some(d) => content.render(
                    if d.passed {
                        keys::PLAN_ESTIMATE_WHY_PASSED
                    } else {
                        keys::PLAN_ESTIMATE_WHY
                    },
                    &[
                        ("estimate", Fill::Text(&estimate)),
                        ("over", Fill::Text(&over)),
                        ("deadline", Fill::Text(&date(d.date))),
                    ],
                ),
            }
        }
        Action::FinancialHelp(help) => {
            let basis = match help.law {
                _ if help.collector => content.text(keys::PLAN_HELP_COLLECTOR),
                Some(terms) => content.text(law_key(terms.law)),
                None if help.nonprofit == Some(crate::domain::bill::Answer3::Yes) => {
                    content.text(keys::PLAN_HELP_NONPROFIT)
                }
                None => content.text(keys::PLAN_HELP_MAYBE_NONPROFIT),
            };
            let percent = help.percent.map(|p| format!("{}%", p.round())).unwrap_or_default();
            let text = match help.outlook {
                Outlook::LikelyFree => content.render(
                    keys::PLAN_HELP_FREE,
                    &[("percent", Fill::Text(&percent)), ("basis", Fill::Html(&basis))],
                ),
                Outlook::Discount { off } => content.render(
                    keys::PLAN_HELP_DISCOUNT,
                    &[
                        ("percent", Fill::Text(&percent)),
                        ("off", Fill::Text(&off.to_string())),
                        ("basis", Fill::Html(&basis)),
                    ],
                ),
                Outlook::SomeDiscount => content.render(
                    keys::PLAN_HELP_SOME,
                    &[("percent", Fill::Text(&percent)), ("basis", Fill::Html(&basis))],
                ),
                Outlook::AskForApplication => content.render(keys::PLAN_HELP_ASK, &[("basis", Fill::Html(&basis))]),
                Outlook::HighCostsOnly => content.render(keys::PLAN_HELP_HIGH_COSTS, &[("basis", Fill::Html(&basis))]),
            };
            match deadline.filter(|d| d.passed) {
                Some(d) => Html::join(
                    &[
                        text,
                        content.render(keys::PLAN_HELP_LATE, &[("date", Fill::Text(&date(d.date)))]),
                    ],
                    " ",
                ),
                None => text,
            }
        }
        Action::AppealDenial { kind } => match deadline {
            None => content.text(keys::PLAN_APPEAL_UNDATED),
            Some(d) if d.passed => content.render(keys::PLAN_APPEAL_PASSED, &[("deadline", Fill::Text(&date(d.date)))]),
            Some(d) => content.render(appeal_key(*kind), &[("deadline", Fill::Text(&date(d.date)))]),
        },
        Action::AskForEob { no_surprises: true, .. } => content.text(keys::PLAN_ASK_EOB_WHY_NO_SURPRISES),
        Action::AskForEob { payer, .. } => content.text(by_payer(
            *payer,
            [
                keys::PLAN_ASK_EOB_WHY,
                keys::PLAN_ASK_MSN_WHY,
                keys::PLAN_ASK_MEDICARE_OR_PLAN_NOTICE_WHY,
            ],
        )),
        Action::AskForItemized => content.text(keys::PLAN_ITEMIZED_WHY),
        Action::FixErrors { .. } => content.text(keys::PLAN_FIX_ERRORS_WHY),
        Action::ValidateDebt => match deadline {
            None => content.text(keys::PLAN_VALIDATE_WHY_UNDATED),
            Some(d) => content.render(
                if d.passed {
                    keys::PLAN_VALIDATE_WHY_PASSED
                } else {
                    keys::PLAN_VALIDATE_WHY
                },
                &[("deadline", Fill::Text(&date(d.date)))],
            ),
        },
        // Nothing to offer yet (an earlier step can change what is owed), or
        // nothing found to take off: never "what you should really owe" of
        // a bill total.
        Action::AskDiscount { .. } if !plan.offers_now() => content.text(keys::PLAN_DISCOUNT_WHY_LATER),
        Action::AskDiscount { .. }
            if plan
                .balance
                .is_some_and(|b| !matches!(plan.owed, plan::Owed::Amount(a, _) if a < b)) =>
        {
            content.render(keys::PLAN_DISCOUNT_WHY_BALANCE, &[("owed", Fill::Text(&owed(plan)))])
        }
        Action::AskDiscount { .. } => content.render(keys::PLAN_DISCOUNT_WHY, &[("owed", Fill::Text(&owed(plan)))]),
        Action::SettleWithCollector => content.render(keys::PLAN_SETTLE_WHY, &[("owed", Fill::Text(&owed(plan)))]),
        Action::PaymentPlan => content.text(keys::PLAN_PAYMENT_PLAN_WHY),
        Action::Advocate => content.text(keys::PLAN_ADVOCATE_WHY),
    }
}

fn owed(plan: &Plan) -> String {
    match plan.owed {
        plan::Owed::Amount(amount, _) => usd(amount),
        _ => plan.balance.map(usd).unwrap_or_default(),
    }
}

fn appeal_key(kind: AppealKind) -> Key {
    match kind {
        AppealKind::PrivatePlan => keys::PLAN_APPEAL_PRIVATE,
        AppealKind::OriginalMedicare => keys::PLAN_APPEAL_ORIGINAL_MEDICARE,
        AppealKind::MedicareAdvantage => keys::PLAN_APPEAL_ADVANTAGE,
        AppealKind::MedicareNotSure => keys::PLAN_APPEAL_MEDICARE_NOT_SURE,
        AppealKind::Medicaid => keys::PLAN_APPEAL_MEDICAID,
    }
}

/// A state law by name and citation (plain text), and its source (E6).
pub(crate) fn law_name_and_link(law: StateLaw) -> (Key, Key) {
    match law {
        StateLaw::California => (keys::PLAN_LAW_NAME_CA, keys::PLAN_LAW_LINK_CA),
        StateLaw::Colorado => (keys::PLAN_LAW_NAME_CO, keys::PLAN_LAW_LINK_CO),
        StateLaw::Connecticut => (keys::PLAN_LAW_NAME_CT, keys::PLAN_LAW_LINK_CT),
        StateLaw::Illinois => (keys::PLAN_LAW_NAME_IL, keys::PLAN_LAW_LINK_IL),
        StateLaw::Maine => (keys::PLAN_LAW_NAME_ME, keys::PLAN_LAW_LINK_ME),
        StateLaw::Maryland => (keys::PLAN_LAW_NAME_MD, keys::PLAN_LAW_LINK_MD),
        StateLaw::Massachusetts => (keys::PLAN_LAW_NAME_MA, keys::PLAN_LAW_LINK_MA),
        StateLaw::NewJersey => (keys::PLAN_LAW_NAME_NJ, keys::PLAN_LAW_LINK_NJ),
        StateLaw::NewYork => (keys::PLAN_LAW_NAME_NY, keys::PLAN_LAW_LINK_NY),
        StateLaw::Oregon => (keys::PLAN_LAW_NAME_OR, keys::PLAN_LAW_LINK_OR),
        StateLaw::RhodeIsland => (keys::PLAN_LAW_NAME_RI, keys::PLAN_LAW_LINK_RI),
        StateLaw::Washington => (keys::PLAN_LAW_NAME_WA, keys::PLAN_LAW_LINK_WA),
    }
}

fn law_key(law: StateLaw) -> Key {
    match law {
        StateLaw::California => keys::PLAN_LAW_CA,
        StateLaw::Colorado => keys::PLAN_LAW_CO,
        StateLaw::Connecticut => keys::PLAN_LAW_CT,
        StateLaw::Illinois => keys::PLAN_LAW_IL,
        StateLaw::Maine => keys::PLAN_LAW_ME,
        StateLaw::Maryland => keys::PLAN_LAW_MD,
        StateLaw::Massachusetts => keys::PLAN_LAW_MA,
        StateLaw::NewJersey => keys::PLAN_LAW_NJ,
        StateLaw::NewYork => keys::PLAN_LAW_NY,
        StateLaw::Oregon => keys::PLAN_LAW_OR,
        StateLaw::RhodeIsland => keys::PLAN_LAW_RI,
        StateLaw::Washington => keys::PLAN_LAW_WA,
    }
}

/// Where to turn, in words.
pub fn escalation(route: Escalation) -> Key {
    match route {
        Escalation::NoSurprisesHelpDesk => keys::PLAN_ESCALATE_NSA,
        Escalation::Insurer => keys::PLAN_ESCALATE_INSURER,
        Escalation::Medicare => keys::PLAN_ESCALATE_MEDICARE,
        Escalation::StateMedicaidAgency => keys::PLAN_ESCALATE_MEDICAID,
        Escalation::StateInsuranceDepartment => keys::PLAN_ESCALATE_INSURANCE,
        Escalation::Cfpb => keys::PLAN_ESCALATE_CFPB,
        Escalation::StateAttorneyGeneral => keys::PLAN_ESCALATE_AG,
        Escalation::IrsForm13909 => keys::PLAN_ESCALATE_IRS,
    }
}

fn usd(amount: rust_decimal::Decimal) -> String {
    Usd(amount).to_string()
}
