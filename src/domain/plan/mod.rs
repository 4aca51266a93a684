//! The plan: what to do about a bill, in order, the biggest lever first.
//!
//! [`plan`] turns the bill's facts (coverage, claim, EOB, income, state,
//! collector, dates) and the audit's findings into [`Step`]s: each an
//! [`Action`] with the dollars it could take off ([`Savings`], never more
//! than the patient could save), its deadline (or "passed"), and where to
//! turn if the office says no ([`Escalation`]). It also says what the
//! patient should really owe once the earlier steps are done ([`Owed`]),
//! which is what the 💵 offer starts from, and the money warnings that fit
//! ([`Tip`]).
//!
//! The order follows what a billing advocate does: make the right payer pay
//! first (insurance, Medicaid, QMB, the No Surprises Act's limits), then
//! the help that can erase a bill (financial assistance at or under the free
//! threshold), then Medicaid applied for now (its reach back is sourced,
//! whether the patient qualifies is not), then deadlines to keep (appeals,
//! the estimate dispute, a collector's 30 days), then errors on the bill,
//! then paying less (discounts, a settlement) and paying over time. Within
//! a tier, a deadline in the next two weeks comes first, then more money;
//! among the steps that can erase the whole bill, the sooner deadline.
//!
//! Every rule names its source in `domain-facts.md` / `domain-facts-2.md`
//! (sections in the comments); the words and links are in
//! `dialogues/en/plan.toml`.

pub mod charity;

use super::audit::coding::CodingIssue;
use super::audit::visit::VisitIssue;
use super::audit::{Finding, FindingKind};
use super::bill::{Answer3, Bill, ClaimStatus, Coverage, Estimate};
use super::coverage::{self, AppealKind, MedicaidReach};
use super::offers;
use super::reference::Reference;
use super::timing;
use charity::{Assistance, Outlook};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// A deadline this close (in days) moves its step ahead within its tier.
pub const URGENT_DAYS: i64 = 14;
/// Our rule of thumb (the seed guide's advice, no sourced threshold): a
/// balance this large is worth a professional billing advocate, who often
/// works on contingency.
pub const ADVOCATE_FROM: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
/// E10: a lender or debt buyer that forgives this much files a 1099-C.
pub const FORM_1099C_FROM: Decimal = Decimal::from_parts(600, 0, 0, false, 0);
/// Bill and EOB figures this close are the same amount (cents and rounding).
const SAME_AMOUNT: Decimal = Decimal::ONE;
/// A3/E4: the estimate dispute needs the bill $400 over the estimate.
const DISPUTE_MIN: Decimal = timing::NSA_THRESHOLD;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The claim is with the insurer: pay nothing until its EOB (Original
    /// Medicare: its Medicare Summary Notice) comes.
    WaitForEob { payer: Payer },
    /// Insured, claim never sent: have the provider bill the insurance first.
    BillInsuranceFirst { payer: Payer },
    /// Insured, not sure where the claim stands: ask the insurer (Original
    /// Medicare: 1-800-MEDICARE) first.
    AskInsurerAboutClaim { payer: Payer },
    /// Medicaid: the provider must take Medicaid's payment as payment in
    /// full (42 CFR 447.15, E1); `paid`: Medicaid already paid the claim.
    MedicaidPaysInFull { paid: bool },
    /// Uninsured: Medicaid can still cover the care on `care` if applied
    /// for by `apply_by`, the last day whose reach (`reach`) includes it
    /// (E1, retroactive eligibility).
    ApplyForMedicaid {
        care: NaiveDate,
        apply_by: NaiveDate,
        reach: MedicaidReach,
    },
    /// Medicare with QMB: no Medicare provider may bill for Medicare's
    /// deductibles and coinsurance (E2).
    QmbOwesNothing,
    /// Medicare, QMB not known: ask whether the patient has it (E2);
    /// `likely`: the income is at or under QMB's limit (100% of the
    /// poverty guideline, E2), so the patient likely qualifies.
    AskAboutQmb { likely: bool },
    /// The EOB puts the patient's share at $0: the bill should match it.
    ShareIsZero,
    /// The bill asks more than the EOB's share: pay the share, not the bill.
    /// `medicare`: the share is Medicare's (MSN or plan EOB), the most the
    /// provider may bill unless the patient signed an ABN (E2).
    PayOnlyYourShare { share: Decimal, medicare: bool },
    /// Insured, network not known, and the bill asks more than the EOB's
    /// share: in network the bill should match the EOB, out of network
    /// (outside the No Surprises Act) it may lawfully be more, and an EOB
    /// processed as out of network for an in-network provider is itself
    /// wrong. So: ask the insurer which it is before paying or offering
    /// anything.
    ConfirmNetwork { share: Decimal },
    /// An out-of-network clinician's non-emergency care (anesthesia,
    /// radiology, lab, pathology…) at a hospital or surgery center whose
    /// network the patient is not sure of, billed above the EOB's share
    /// (or with no share given): if the facility is in network, the No
    /// Surprises Act may limit the bill to the in-network share (A3, E4).
    /// Not knowing is no reason to treat the bill as unprotected: ask the
    /// insurer about the facility first, and offer nothing before.
    ConfirmFacilityNetwork { share: Option<Decimal> },
    /// No Surprises Act: emergency care, or an out-of-network clinician at
    /// an in-network facility, billed above the in-network share (A3, E4).
    NoSurprisesBalanceBill { emergency: bool, share: Option<Decimal> },
    /// Self-pay: the bill is $400+ over the good-faith estimate (A3, E4).
    EstimateDispute { estimate: Decimal, over: Decimal },
    /// Financial assistance (A2, A8, E6).
    FinancialHelp(Assistance),
    /// Appeal the insurer's denial (A5, E3).
    AppealDenial { kind: AppealKind },
    /// Get the insurer's EOB (Original Medicare: the Medicare Summary
    /// Notice) before anything else is checked; `no_surprises`: the No
    /// Surprises Act limits the bill to the share the EOB gives (A3, E4).
    AskForEob { payer: Payer, no_surprises: bool },
    /// The bill is a summary: ask for the itemized bill.
    AskForItemized,
    /// Charges on the bill to question (the audit's findings).
    FixErrors { count: usize },
    /// A collector: dispute in writing and ask for validation (A4).
    ValidateDebt,
    /// Pay less for paying now: self-pay 30–60% or prompt-pay 10–20% (B).
    AskDiscount { self_pay: bool },
    /// Settle with the collector for 30–50% (B).
    SettleWithCollector,
    /// An interest-free payment plan.
    PaymentPlan,
    /// A large bill: a billing advocate (seed guide).
    Advocate,
}

impl Action {
    /// A stable short name, for the scenario corpus.
    pub fn id(&self) -> &'static str {
        match self {
            Action::WaitForEob { .. } => "wait_for_eob",
            Action::BillInsuranceFirst { .. } => "bill_insurance_first",
            Action::AskInsurerAboutClaim { .. } => "ask_insurer_about_claim",
            Action::MedicaidPaysInFull { .. } => "medicaid_pays_in_full",
            Action::ApplyForMedicaid { .. } => "apply_for_medicaid",
            Action::QmbOwesNothing => "qmb_owes_nothing",
            Action::AskAboutQmb { .. } => "ask_about_qmb",
            Action::ShareIsZero => "share_is_zero",
            Action::PayOnlyYourShare { .. } => "pay_only_your_share",
            Action::ConfirmNetwork { .. } => "confirm_network",
            Action::ConfirmFacilityNetwork { .. } => "confirm_facility_network",
            Action::NoSurprisesBalanceBill { .. } => "no_surprises_balance_bill",
            Action::EstimateDispute { .. } => "estimate_dispute",
            Action::FinancialHelp(_) => "financial_help",
            Action::AppealDenial { .. } => "appeal_denial",
            Action::AskForEob { .. } => "ask_for_eob",
            Action::AskForItemized => "ask_for_itemized",
            Action::FixErrors { .. } => "fix_errors",
            Action::ValidateDebt => "validate_debt",
            Action::AskDiscount { .. } => "ask_discount",
            Action::SettleWithCollector => "settle_with_collector",
            Action::PaymentPlan => "payment_plan",
            Action::Advocate => "advocate",
        }
    }
}

/// Who decides the claim, and so which statement the patient gets (E2):
/// Original Medicare sends a Medicare Summary Notice (MSN), answers at
/// 1-800-MEDICARE (E11) and sends no EOB; every other plan (Medicare
/// Advantage plans too) sends an EOB. A Medicare patient who is not sure
/// which Medicare they have gets one or the other: never "your insurer".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    /// An insurance plan: its EOB, the number on its card.
    Insurer,
    /// Original Medicare: the Medicare Summary Notice, 1-800-MEDICARE.
    OriginalMedicare,
    /// Medicare of a kind not known (Original or a Medicare Advantage
    /// plan): the notice from Medicare or the plan (an MSN or an EOB),
    /// 1-800-MEDICARE or the number on the plan's card (E2, E11).
    MedicareNotSure,
}

impl Payer {
    /// The payer of `bill`'s claim.
    pub fn of(bill: &Bill) -> Payer {
        match coverage::appeal_kind(bill) {
            AppealKind::OriginalMedicare => Payer::OriginalMedicare,
            AppealKind::MedicareNotSure => Payer::MedicareNotSure,
            AppealKind::MedicareAdvantage | AppealKind::PrivatePlan | AppealKind::Medicaid => Payer::Insurer,
        }
    }
}

/// How much a step could take off the bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Savings {
    /// Nothing off by itself (it protects, or comes first).
    Nothing,
    /// Some, but how much is not known yet.
    Unknown,
    /// Up to this much (never more than the patient could save).
    UpTo(Decimal),
    /// Most of this much: all but a share not known yet (the in-network
    /// cost sharing of a balance bill whose EOB share is blank).
    MostOf(Decimal),
    /// Between these amounts.
    Range(Decimal, Decimal),
    /// This much from the findings that count dollars, and more if the
    /// office agrees to the questions that count none ("worth asking",
    /// ARCHITECTURE.md: confidence per rule): not an upper bound.
    AtLeast(Decimal),
}

impl Savings {
    /// The most it could be, for ordering.
    pub fn most(self) -> Decimal {
        match self {
            Savings::Nothing | Savings::Unknown => Decimal::ZERO,
            Savings::UpTo(amount) | Savings::MostOf(amount) | Savings::Range(_, amount) | Savings::AtLeast(amount) => {
                amount
            }
        }
    }
}

/// A step's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub date: NaiveDate,
    /// The date is before today: what is still possible is said instead.
    pub passed: bool,
}

/// Where to turn when the office says no (E11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escalation {
    /// Surprise bills, estimates: 1-800-985-3059.
    NoSurprisesHelpDesk,
    /// The insurer itself: it can ask the provider for the claim.
    Insurer,
    /// Medicare and QMB: 1-800-MEDICARE.
    Medicare,
    /// Medicaid billing: the state Medicaid agency or the plan.
    StateMedicaidAgency,
    /// Denials of fully insured plans; employer plans go to the DOL.
    StateInsuranceDepartment,
    /// Collectors and credit reports.
    Cfpb,
    /// State charity-care and collection laws.
    StateAttorneyGeneral,
    /// A nonprofit hospital ignoring §501(r): IRS Form 13909.
    IrsForm13909,
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub action: Action,
    pub saves: Savings,
    pub deadline: Option<Deadline>,
    pub escalation: Option<Escalation>,
}

/// What the patient should really owe once the plan's earlier steps are
/// done: what the 💵 offer starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owed {
    /// Nothing is known to be owed yet (no amount, or the bill is paid).
    Unknown,
    /// Wait: the insurer (or Original Medicare) has not decided, or not
    /// been sent the claim.
    WaitForInsurance(Payer),
    /// The EOB's share (this much) is what is owed only if the provider is
    /// in network, and that is not known yet: nothing to offer until it is.
    ConfirmNetwork(Decimal),
    /// Medicare, QMB not known: with QMB no Medicare provider may bill the
    /// patient for Medicare's deductibles and coinsurance (E2), so nothing
    /// is owed for covered care; nothing to offer until it is known.
    ConfirmQmb,
    /// An out-of-network clinician at a facility whose network is not
    /// known: if the facility is in network, the No Surprises Act may limit
    /// the bill to the in-network share (A3, E4); nothing to offer until
    /// the insurer says.
    ConfirmFacility,
    /// Help that can erase the whole bill comes first (financial help at a
    /// free-care income, Medicaid's reach back): nothing to offer until it
    /// is decided.
    HelpFirst(HelpFirst),
    /// The insurer (or Original Medicare) decided the claim, but its
    /// statement's share is not in hand: what is owed is on it, so nothing
    /// to offer until it is (trial 7: an out-of-network ER doctor's bill,
    /// which the No Surprises Act limits to the in-network share, was
    /// offered a prompt-pay discount on the full charge).
    EobFirst(Payer),
    /// The patient should owe nothing (Medicaid, QMB, a $0 share).
    Nothing,
    /// This much, for this reason.
    Amount(Decimal, OwedBasis),
}

/// The help to apply for before offering anything ([`Owed::HelpFirst`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpFirst {
    /// Financial help at an income where it often covers the whole bill.
    FinancialHelp,
    /// Medicaid, which can reach back to the care if applied for by this day.
    Medicaid { apply_by: NaiveDate },
}

/// Why the patient owes what [`Owed::Amount`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwedBasis {
    /// The balance as billed: nothing found to take off.
    Balance,
    /// The insurer's statement: the patient's share.
    EobShare,
    /// The good-faith estimate (the dispute's outcome if won).
    Estimate,
    /// The balance less the charges found to question.
    Audited,
}

/// Money warnings, each for the moment it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tip {
    /// Court papers: answer by their deadline (E9).
    NeverIgnoreCourtPapers,
    /// A collector: get any deal in writing before paying (E8, B).
    GetItInWriting,
    /// A collector: never give card or bank access; pay a fixed amount (E8).
    NoBankAccess,
    /// Paying an old debt can restart the time to sue (A6).
    PaymentRestartsClock,
    /// A credit or medical credit card turns medical debt into ordinary
    /// debt, with interest (E8).
    NoCreditCard,
    /// Applying for help: don't pay by card first (E8, MN).
    ApplyBeforePaying,
    /// A settlement of $600+ with a lender or debt buyer may bring a 1099-C (E10).
    Form1099C,
    /// HSA money can pay old bills incurred after the HSA was opened (E10).
    HsaCanPay,
    /// Medicare at a low income, not on QMB: ask the state's Medicaid
    /// agency about the Medicare Savings Programs (E2).
    MedicareSavingsPrograms,
}

/// The plan for one bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// In order, the first step first.
    pub steps: Vec<Step>,
    pub owed: Owed,
    pub tips: Vec<Tip>,
    /// What the bill asks now (the amount due), when known.
    pub balance: Option<Decimal>,
    /// The user marked the bill paid: nothing to plan.
    pub paid: bool,
}

impl Plan {
    /// The first step, if any.
    pub fn first(&self) -> Option<&Step> {
        self.steps.first()
    }

    /// Among the first `shown` steps, the first one after step 1 that is due
    /// before step 1's own date (neither passed): the plan says so, so the
    /// patient starting with step 1 does not let it slip.
    pub fn due_sooner_than_first(&self) -> Option<(usize, Deadline)> {
        let first = self.first()?.deadline.filter(|d| !d.passed)?;
        self.shown().iter().enumerate().skip(1).find_map(|(index, step)| {
            step.deadline
                .filter(|d| !d.passed && d.date < first.date)
                .map(|d| (index, d))
        })
    }

    /// What following the plan could take off at most: the most any one
    /// step could (steps overlap: help that erases the bill takes its
    /// errors with it), never more than the balance the patient is asked to
    /// pay. The one "could save" figure every screen shows.
    pub fn could_save(&self) -> Option<Decimal> {
        let most = self.shown().iter().map(|step| step.saves.most()).max()?;
        let most = self.balance.map_or(most, |balance| most.min(balance));
        (most > Decimal::ZERO).then_some(most)
    }

    /// The steps the report shows: the first [`STEPS_SHOWN`]. Every figure
    /// a screen quotes comes from these (trial 7: the findings heading said
    /// "up to $2,170.00" from a fourth step, a settlement, no screen showed).
    pub fn shown(&self) -> &[Step] {
        &self.steps[..self.steps.len().min(STEPS_SHOWN)]
    }

    /// Whether more than `could_save` may come off: its figure is the
    /// biggest step's, that step counts only the findings sure enough to
    /// count dollars (`Savings::AtLeast`: questions come on top), and the
    /// balance does not cap it. The screens then say "at least", not "up to".
    pub fn could_save_more(&self) -> bool {
        let Some(total) = self.could_save() else {
            return false;
        };
        let capped = self.balance.is_some_and(|balance| total >= balance);
        let floors = self
            .shown()
            .iter()
            .any(|step| matches!(step.saves, Savings::AtLeast(amount) if amount == total));
        let ceilings = self
            .shown()
            .iter()
            .any(|step| !matches!(step.saves, Savings::AtLeast(_)) && step.saves.most() == total);
        floors && !ceilings && !capped
    }

    /// Whether the plan says to offer money now (a discount, a settlement, a
    /// payment plan): only once what is owed is settled. The 💵 offer, the
    /// ⏰ dates' day to ask for a discount and the scripts' figures follow it.
    pub fn offers_now(&self) -> bool {
        matches!(self.owed, Owed::Amount(..)) && self.offer_blocker().is_none()
    }

    /// Whether offering to pay now would concede what the plan says to
    /// settle first (a claim to send, a statement to get, help to apply
    /// for, a dispute, a bill that should be $0): the payment-plan letter
    /// is held back then. Not when only the amount is missing.
    pub fn holds_back_offers(&self) -> bool {
        !self.offers_now() && self.owed != Owed::Unknown
    }

    /// The step that must come before any offer although what is owed is
    /// settled, with its index: a collector's debt disputed inside its 30
    /// days (A4: collection stops until it is proved), or a denial still
    /// open to appeal (A5, E3: the insurer may pay it), or an application
    /// for financial help (A2, A8, E6: it may lower or erase the bill).
    /// Trial T6: the 💵 offer said "Open at $582" while both were pending.
    pub fn offer_blocker(&self) -> Option<(usize, &Step)> {
        if !matches!(self.owed, Owed::Amount(..)) {
            return None;
        }
        self.steps.iter().enumerate().find(|(_, step)| blocks_offers(step))
    }

    /// Whether the bill's charges are worth checking (the itemized bill,
    /// the EOB, errors): not on a bill that should be $0 (Medicaid, QMB, a
    /// $0 share), where the plan drops those steps and every screen follows.
    pub fn checks_the_charges(&self) -> bool {
        self.owed != Owed::Nothing
    }

    /// The step with this action kind, if the plan has one.
    pub fn find(&self, wanted: impl Fn(&Action) -> bool) -> Option<&Step> {
        self.steps.iter().find(|step| wanted(&step.action))
    }
}

/// A step that holds back any offer while it is open (see
/// [`Plan::offer_blocker`]).
fn blocks_offers(step: &Step) -> bool {
    match step.action {
        Action::ValidateDebt => step.deadline.is_some_and(|d| !d.passed),
        Action::AppealDenial { .. } => step.deadline.is_none_or(|d| !d.passed),
        // Trials T7 and the in-network ER at 329% FPL: an application for
        // financial help can change what is owed (A2, A8, E6); asking for a
        // discount or offering a monthly figure in the same call concedes
        // the bill before the hospital has decided.
        // Only where the income puts help within reach: with the income
        // not given, applying is a suggestion, and a patient who would not
        // qualify still gets the discount and the offer.
        Action::FinancialHelp(help) => !matches!(help.outlook, Outlook::AskForApplication | Outlook::HighCostsOnly),
        _ => false,
    }
}

/// Steps the plan message shows.
pub const STEPS_SHOWN: usize = 3;

/// The most line items one bill keeps (a long hospital stay fits); the
/// review stops reading items past it.
pub const MAX_ITEMS: usize = 500;

/// The audit's findings in the order the report shows them: the plan's
/// order (a finding sits where the step it belongs to sits, so the 🔎
/// findings and the 🧭 plan never disagree on what comes first), then as the
/// audit ranked them (most money first); findings no step takes up last.
pub fn ordered_findings(bill: &Bill, reference: &Reference, today: NaiveDate) -> Vec<Finding> {
    let mut findings = super::audit::audit(bill, reference, today).findings;
    let plan = plan(bill, &findings, today);
    // On a bill the plan says should be $0 (Medicaid, QMB, a $0 share),
    // only the findings a plan step takes up: no itemized bill or EOB to
    // get, no charge to question, no financial help to apply for and no
    // EOB share to match (a trial Medicaid patient's script asked for the
    // hospital's financial-assistance policy and about a facility fee).
    findings.retain(|finding| plan.checks_the_charges() || finding_step(&plan, finding).is_some());
    findings.sort_by_key(|finding| finding_step(&plan, finding).unwrap_or(usize::MAX));
    findings
}

/// The ⏰ dates for `bill` on `today`: timing's advice, with a day to call
/// and ask for a discount only when the plan says to offer money now
/// ([`Plan::offers_now`]), so the dates never suggest a deal the plan and
/// the offer hold back. Whether to offer depends on the bill, not on the
/// audit's findings (they change how much is owed, never whether it is
/// settled), so the plan is made without them here.
pub fn dates(bill: &Bill, today: NaiveDate) -> Vec<timing::Advice> {
    let plan = plan(bill, &[], today);
    let mut advice = timing::advise(bill, today, plan.offers_now());
    // E1: the plan's date to apply for Medicaid by is a date to watch too
    // (trial rosa_es: the plan said Dec 31, the ⏰ dates did not).
    let medicaid = plan.steps.iter().find_map(|step| match step.action {
        Action::ApplyForMedicaid { apply_by, reach, .. } if step.deadline.is_some_and(|d| !d.passed) => Some(
            timing::medicaid_apply_by(apply_by, reach == MedicaidReach::EndsWithRuleChange),
        ),
        _ => None,
    });
    if let Some(medicaid) = medicaid {
        advice.push(medicaid);
        timing::sort(&mut advice, today);
    }
    advice
}

/// The index of the plan step a finding is part of, if the plan takes it up.
pub fn finding_step(plan: &Plan, finding: &Finding) -> Option<usize> {
    plan.steps.iter().position(|step| belongs_to(finding, &step.action))
}

/// The plan step a finding is part of.
fn belongs_to(finding: &Finding, action: &Action) -> bool {
    let FindingKind::Visit(issue) = &finding.kind else {
        return matches!(action, Action::FixErrors { .. });
    };
    match issue {
        VisitIssue::FinancialAssistance { .. } => matches!(action, Action::FinancialHelp(_)),
        VisitIssue::AskForItemized => matches!(action, Action::AskForItemized),
        VisitIssue::AskForEob { .. } => matches!(action, Action::AskForEob { .. }),
        VisitIssue::AppealDenial { .. } => matches!(action, Action::AppealDenial { .. }),
        VisitIssue::ValidateDebt { .. } => matches!(action, Action::ValidateDebt),
        VisitIssue::BalanceBilling { .. } => matches!(action, Action::NoSurprisesBalanceBill { .. }),
        VisitIssue::OverEstimate { .. } => matches!(action, Action::EstimateDispute { .. }),
        VisitIssue::BalanceDiffersFromEob { .. } => matches!(
            action,
            Action::PayOnlyYourShare { .. }
                | Action::ConfirmNetwork { .. }
                | Action::ShareIsZero
                | Action::ConfirmFacilityNetwork { .. }
        ),
        // A price far above Medicare's is what a discount or settlement asks about.
        VisitIssue::HighPrice { .. } => matches!(action, Action::AskDiscount { .. } | Action::SettleWithCollector),
        VisitIssue::ErLevel { .. }
        | VisitIssue::TraumaActivation { .. }
        | VisitIssue::FacilityFee { .. }
        | VisitIssue::AfterDischarge { .. }
        | VisitIssue::DischargeDayRoom { .. }
        | VisitIssue::NotReceived { .. }
        | VisitIssue::EobMath { .. } => matches!(action, Action::FixErrors { .. }),
    }
}

/// The plan for `bill` on `today`, given the audit's findings.
pub fn plan(bill: &Bill, findings: &[Finding], today: NaiveDate) -> Plan {
    let balance = bill.amount_due.or_else(|| bill.billed_total()).map(cents);
    if bill.paid.is_some() {
        return Plan {
            steps: Vec::new(),
            owed: Owed::Unknown,
            tips: Vec::new(),
            balance,
            paid: true,
        };
    }
    let facts = Facts::of(bill, findings, balance, today);
    let mut steps = Vec::new();
    coverage_steps(&facts, &mut steps);
    help_steps(&facts, &mut steps);
    deadline_steps(&facts, &mut steps);
    bill_steps(&facts, &mut steps);
    let owed = owed(&facts, &steps);
    // Plan::checks_the_charges is this same rule, for the screens.
    if owed == Owed::Nothing {
        // Nothing to chase on a bill that should be $0, and no help to
        // apply for to pay it.
        steps.retain(|s| {
            !matches!(
                s.action,
                Action::AskForItemized | Action::AskForEob { .. } | Action::FixErrors { .. } | Action::FinancialHelp(_)
            )
        });
    }
    paying_steps(&facts, owed, &mut steps);
    steps.sort_by_key(|step| order(step, today));
    let tips = tips(&facts, owed, &steps);
    Plan {
        steps,
        owed,
        tips,
        balance,
        paid: false,
    }
}

/// What the rules look at, worked out once.
struct Facts<'a> {
    bill: &'a Bill,
    findings: &'a [Finding],
    today: NaiveDate,
    /// The amount due (or the items' total), in cents.
    balance: Option<Decimal>,
    insured: bool,
    collector: bool,
    /// The EOB's share, when the insurer decided and the user gave it.
    share: Option<Decimal>,
}

impl<'a> Facts<'a> {
    fn of(bill: &'a Bill, findings: &'a [Finding], balance: Option<Decimal>, today: NaiveDate) -> Facts<'a> {
        let insured = bill.coverage.is_some_and(Coverage::is_insured);
        Facts {
            bill,
            findings,
            today,
            balance,
            insured,
            collector: timing::in_collections(bill),
            share: bill.eob.your_share.filter(|_| bill.insurance_processed()).map(cents),
        }
    }

    fn claim(&self) -> Option<ClaimStatus> {
        self.bill.claim.filter(|_| self.insured)
    }

    /// Up to the balance (or "unknown" without one).
    fn up_to_balance(&self) -> Savings {
        self.balance
            .filter(|b| *b > Decimal::ZERO)
            .map_or(Savings::Unknown, Savings::UpTo)
    }

    /// Up to `amount`, never more than the balance.
    fn up_to(&self, amount: Decimal) -> Savings {
        let amount = match self.balance {
            Some(balance) => amount.min(balance),
            None => amount,
        };
        if amount > Decimal::ZERO {
            Savings::UpTo(cents(amount))
        } else {
            Savings::Nothing
        }
    }

    fn has_visit(&self, wanted: impl Fn(&VisitIssue) -> bool) -> Option<&'a Finding> {
        self.findings
            .iter()
            .find(|finding| matches!(&finding.kind, FindingKind::Visit(issue) if wanted(issue)))
    }

    fn deadline(&self, date: NaiveDate) -> Deadline {
        Deadline {
            date,
            passed: date < self.today,
        }
    }
}

/// Make the right payer pay: the claim, Medicaid, QMB, the EOB's share, the
/// No Surprises Act.
fn coverage_steps(facts: &Facts<'_>, steps: &mut Vec<Step>) {
    let bill = facts.bill;
    let payer = Payer::of(bill);
    match facts.claim() {
        Some(ClaimStatus::Pending) => steps.push(step(Action::WaitForEob { payer }, Savings::Nothing, None, None)),
        Some(ClaimStatus::NotSure) if bill.coverage != Some(Coverage::Medicaid) => steps.push(step(
            Action::AskInsurerAboutClaim { payer },
            Savings::Unknown,
            None,
            // E11: 1-800-MEDICARE also when the kind is not known.
            Some(match payer {
                Payer::OriginalMedicare | Payer::MedicareNotSure => Escalation::Medicare,
                Payer::Insurer => Escalation::Insurer,
            }),
        )),
        // Medicaid's own step says to bill Medicaid.
        Some(ClaimStatus::NotSent) if bill.coverage != Some(Coverage::Medicaid) => steps.push(step(
            Action::BillInsuranceFirst { payer },
            Savings::Unknown,
            None,
            Some(match bill.coverage {
                Some(Coverage::Medicare) => Escalation::Medicare,
                _ => Escalation::Insurer,
            }),
        )),
        _ => {}
    }
    if bill.coverage == Some(Coverage::Medicaid) && facts.claim() != Some(ClaimStatus::Denied) {
        steps.push(step(
            Action::MedicaidPaysInFull {
                paid: facts.claim() == Some(ClaimStatus::PaidPart),
            },
            facts.up_to_balance(),
            None,
            Some(Escalation::StateMedicaidAgency),
        ));
    }
    // E2: QMB bars billing for Medicare's deductibles and coinsurance, the
    // cost sharing of care Medicare allowed. A claim Medicare denied ($0
    // allowed) has none, so QMB is no way out of it (trial medicare_oh:
    // "Check whether you have QMB" led a denied $640 lab bill); the appeal
    // is, and the MSN's "Maximum You May Be Billed" and an ABN (E2).
    let denied = facts.claim() == Some(ClaimStatus::Denied)
        || (bill.insurance_processed() && bill.eob.allowed.is_some_and(|allowed| allowed.is_zero()));
    if bill.coverage == Some(Coverage::Medicare) && !denied {
        match bill.qmb {
            Some(Answer3::Yes) => steps.push(step(
                Action::QmbOwesNothing,
                facts.up_to_balance(),
                None,
                Some(Escalation::Medicare),
            )),
            Some(Answer3::NotSure) => steps.push(step(
                Action::AskAboutQmb {
                    likely: qmb_likely(bill),
                },
                Savings::Unknown,
                None,
                None,
            )),
            _ => {}
        }
    }
    // An in-network provider's bill should match the EOB (E7); out of
    // network, outside the No Surprises Act, balance billing is lawful
    // unless a state law says otherwise, so the share is no ceiling. When
    // the patient is not sure of the network, which of the two holds is
    // the first thing to find out.
    let in_network = bill.coverage == Some(Coverage::InNetwork);
    let network_unknown = bill.coverage == Some(Coverage::InsuredNotSure);
    // E2: a bill above Medicare's "Maximum You May Be Billed" is a finding
    // (QMB has its own step: nothing may be billed).
    let medicare = bill.coverage == Some(Coverage::Medicare) && bill.qmb != Some(Answer3::Yes);
    let medicaid = bill.coverage == Some(Coverage::Medicaid);
    if let Some(share) = facts.share.filter(|_| !medicaid) {
        let nsa = no_surprises_situation(facts);
        if share.is_zero() && facts.balance.is_some_and(|b| b > SAME_AMOUNT) && nsa.is_none() && in_network {
            steps.push(step(Action::ShareIsZero, facts.up_to_balance(), None, None));
        } else if let Some(emergency) = nsa {
            let over = facts.balance.map(|b| b - share).unwrap_or_default();
            if over > SAME_AMOUNT {
                steps.push(step(
                    Action::NoSurprisesBalanceBill {
                        emergency,
                        share: Some(share),
                    },
                    facts.up_to(over),
                    None,
                    Some(Escalation::NoSurprisesHelpDesk),
                ));
            }
        } else if let Some(over) = facts.balance.map(|b| b - share).filter(|over| *over > SAME_AMOUNT) {
            let action = if in_network || medicare {
                Some(Action::PayOnlyYourShare { share, medicare })
            } else if network_unknown {
                Some(Action::ConfirmNetwork { share })
            } else {
                None
            };
            let escalation = if medicare {
                Escalation::Medicare
            } else {
                Escalation::StateInsuranceDepartment
            };
            if let Some(action) = action {
                steps.push(step(action, facts.up_to(over), None, Some(escalation)));
            }
        }
    } else if let Some(emergency) = no_surprises_situation(facts).filter(|_| looks_balance_billed(facts)) {
        // The EOB's share left blank, but the bill is what the plan did not
        // pay: the signature of a balance bill.
        steps.push(step(
            Action::NoSurprisesBalanceBill { emergency, share: None },
            facts.balance.map_or(Savings::Unknown, Savings::MostOf),
            None,
            Some(Escalation::NoSurprisesHelpDesk),
        ));
    }
    // A3/E4: out-of-network care at a facility whose network is not known
    // may be protected; find out before treating the bill as lawful.
    if super::audit::visit::facility_network_unknown(bill) && bill.insurance_processed() {
        let over = facts
            .share
            .map(|share| facts.balance.map(|b| b - share).unwrap_or_default());
        let saves = match over {
            Some(over) if over > SAME_AMOUNT => Some(facts.up_to(over)),
            Some(_) => None,
            None => Some(facts.balance.map_or(Savings::Unknown, Savings::MostOf)),
        };
        if let Some(saves) = saves {
            steps.push(step(
                Action::ConfirmFacilityNetwork { share: facts.share },
                saves,
                None,
                Some(Escalation::NoSurprisesHelpDesk),
            ));
        }
    }
}

/// `Some(emergency)` when the No Surprises Act limits this bill to the
/// in-network share: emergency care out of network, or non-emergency care
/// from an out-of-network clinician at an in-network facility (A3, E4).
/// The audit's own rule, so the plan and the findings never disagree.
fn no_surprises_situation(facts: &Facts<'_>) -> Option<bool> {
    super::audit::visit::no_surprises(facts.bill)
}

/// Billed − plan paid is (about) the amount due: the provider asks the
/// patient for everything the plan did not pay.
fn looks_balance_billed(facts: &Facts<'_>) -> bool {
    let eob = &facts.bill.eob;
    match (eob.billed, eob.plan_paid, facts.balance) {
        (Some(billed), Some(paid), Some(due)) if paid > Decimal::ZERO => {
            let unpaid = billed - paid;
            (unpaid - due).abs() <= SAME_AMOUNT.max(unpaid / Decimal::ONE_HUNDRED)
        }
        _ => false,
    }
}

/// Help that can erase a bill: financial assistance and Medicaid.
fn help_steps(facts: &Facts<'_>, steps: &mut Vec<Step>) {
    let bill = facts.bill;
    let base = owed_base(facts);
    if let Some(help) = charity::assess(bill) {
        let saves = match help.outlook {
            Outlook::LikelyFree => base.map_or(Savings::Unknown, |b| facts.up_to(b)),
            Outlook::Discount { off } => base.map_or(Savings::Unknown, |b| facts.up_to(percent_of(b, off))),
            Outlook::SomeDiscount | Outlook::AskForApplication | Outlook::HighCostsOnly => Savings::Unknown,
        };
        let nonprofit = help.nonprofit == Some(Answer3::Yes);
        let deadline = bill
            .first_bill_date
            .filter(|_| nonprofit)
            .map(|first| facts.deadline(plus(first, timing::ASSISTANCE_DAYS)));
        let escalation = if help.collector {
            None
        } else if help.law.is_some() {
            Some(Escalation::StateAttorneyGeneral)
        } else if nonprofit {
            Some(Escalation::IrsForm13909)
        } else {
            // Form 13909 is for a nonprofit hospital (trial 8: offered while
            // the hospital's status was not known).
            None
        };
        steps.push(step(Action::FinancialHelp(help), saves, deadline, escalation));
    }
    if bill.coverage == Some(Coverage::SelfPay) {
        let reach = bill
            .service_date
            .filter(|date| *date <= facts.today)
            .and_then(|care| coverage::medicaid_apply_by(care, facts.today).map(|(by, reach)| (care, by, reach)));
        let low_income = match (bill.household_size, bill.yearly_income) {
            (Some(size), Some(income)) if size > 0 => {
                super::audit::visit::poverty_percent(income, size, bill.state.as_deref())
                    <= Decimal::from(charity::NONPROFIT_FREE_PERCENT)
            }
            _ => false,
        };
        // Medicaid's income limits depend on the state and the person
        // (domain-facts gives none): a low income only makes it worth a
        // look, so the step is a hedged one, with no dollars promised.
        if let Some((care, apply_by, reach)) = reach.filter(|_| low_income) {
            steps.push(step(
                Action::ApplyForMedicaid { care, apply_by, reach },
                Savings::Unknown,
                Some(facts.deadline(apply_by)),
                None,
            ));
        }
    }
}

/// Deadlines to keep: appeals, the estimate dispute, the collector's 30 days.
fn deadline_steps(facts: &Facts<'_>, steps: &mut Vec<Step>) {
    let bill = facts.bill;
    let zero_share = facts.share.is_some_and(|share| share.is_zero());
    if facts.claim() == Some(ClaimStatus::Denied) && !zero_share {
        let kind = coverage::appeal_kind(bill);
        let deadline = bill
            .denial_date
            .map(|notice| facts.deadline(coverage::appeal_deadline(kind, notice)));
        let escalation = match kind {
            AppealKind::PrivatePlan => Escalation::StateInsuranceDepartment,
            AppealKind::Medicaid => Escalation::StateMedicaidAgency,
            _ => Escalation::Medicare,
        };
        let saves = facts.share.map_or(facts.up_to_balance(), |share| facts.up_to(share));
        steps.push(step(Action::AppealDenial { kind }, saves, deadline, Some(escalation)));
    }
    if let Some((estimate, over)) = estimate_gap(bill) {
        let deadline = bill
            .first_bill_date
            .map(|first| facts.deadline(plus(first, timing::NSA_DISPUTE_DAYS)));
        steps.push(step(
            Action::EstimateDispute { estimate, over },
            facts.up_to(over),
            deadline,
            Some(Escalation::NoSurprisesHelpDesk),
        ));
    }
    if facts.collector {
        let deadline = bill
            .collector_letter_date
            .map(|letter| facts.deadline(timing::validation_deadline(letter, facts.today)));
        steps.push(step(
            Action::ValidateDebt,
            Savings::Nothing,
            deadline,
            Some(Escalation::Cfpb),
        ));
    }
}

/// Self-pay with an estimate, the bill $400+ over it (per provider: this
/// bill against its own estimate, on what the patient is billed).
/// Whether the No Surprises Act's letter can fit this bill: its balance-
/// billing protection covers employer and individual plans (A3; a
/// coverage not known yet counts), and a self-pay patient has only the
/// dispute of a bill $400 or more over its good-faith estimate (A3, E4).
/// Trial 8 (sam, uninsured): the letter told the office "I owe only my
/// in-network cost-sharing".
pub fn no_surprises_letter_fits(bill: &Bill) -> bool {
    match bill.coverage {
        Some(Coverage::SelfPay) => estimate_gap(bill).is_some(),
        Some(Coverage::Medicare | Coverage::Medicaid) => false,
        Some(Coverage::InNetwork | Coverage::OutOfNetwork | Coverage::InsuredNotSure) | None => true,
    }
}

fn estimate_gap(bill: &Bill) -> Option<(Decimal, Decimal)> {
    if bill.coverage != Some(Coverage::SelfPay) {
        return None;
    }
    let Some(Estimate::Amount(estimate)) = bill.estimate else {
        return None;
    };
    let over = bill.billed_total()? - estimate;
    (over >= DISPUTE_MIN).then_some((cents(estimate), cents(over)))
}

/// The bill itself: the EOB and itemized bill to get, the errors to fix.
fn bill_steps(facts: &Facts<'_>, steps: &mut Vec<Step>) {
    if facts
        .has_visit(|issue| matches!(issue, VisitIssue::AskForEob { .. }))
        .is_some()
    {
        steps.push(step(
            Action::AskForEob {
                payer: Payer::of(facts.bill),
                no_surprises: no_surprises_situation(facts).is_some(),
            },
            Savings::Unknown,
            None,
            None,
        ));
    }
    if facts
        .has_visit(|issue| matches!(issue, VisitIssue::AskForItemized))
        .is_some()
    {
        steps.push(step(Action::AskForItemized, Savings::Unknown, None, None));
    }
    let errors: Vec<&Finding> = facts.findings.iter().filter(|f| is_error(f)).collect();
    if !errors.is_empty() {
        let total: Decimal = errors.iter().map(|f| f.at_stake).sum();
        // For an insured patient the charges are gross: what comes off is
        // at most what they are asked to pay.
        let cap = facts.share.or(facts.balance);
        let saves = match cap {
            Some(cap) if total > Decimal::ZERO => facts.up_to(total.min(cap)),
            _ if total > Decimal::ZERO => facts.up_to(total),
            _ => Savings::Unknown,
        };
        // Trial rosa_es: "Question 3 charges · up to $45" while the step's
        // other two findings asked to remove $150 and $60. A question
        // counts no dollars, so the step's figure is no upper bound then:
        // it is what the counted findings take off, at least.
        // A question on lines another finding already counts (a repeat
        // that is also "not received") adds nothing; a cap reached is a
        // true upper bound.
        let counted: Vec<usize> = errors
            .iter()
            .filter(|f| f.at_stake > Decimal::ZERO)
            .flat_map(|f| f.items.iter().copied())
            .collect();
        let questions = errors.iter().any(|f| {
            f.at_stake <= Decimal::ZERO && !f.items.is_empty() && f.items.iter().all(|i| !counted.contains(i))
        });
        let below_cap = cap.is_none_or(|cap| total < cap);
        let saves = match saves {
            Savings::UpTo(amount) if questions && below_cap => Savings::AtLeast(amount),
            other => other,
        };
        steps.push(step(Action::FixErrors { count: errors.len() }, saves, None, None));
    }
}

/// A finding about a charge on the bill (not a step, a coverage remedy, a
/// price comparison or financial help, which the plan handles itself).
pub fn is_error(finding: &Finding) -> bool {
    match &finding.kind {
        FindingKind::Coding(issue) => coding_error(issue),
        FindingKind::Visit(issue) => match issue {
            VisitIssue::ErLevel { .. }
            | VisitIssue::TraumaActivation { .. }
            | VisitIssue::FacilityFee { .. }
            | VisitIssue::AfterDischarge { .. }
            | VisitIssue::DischargeDayRoom { .. }
            | VisitIssue::NotReceived { .. }
            | VisitIssue::EobMath { .. } => true,
            VisitIssue::BalanceDiffersFromEob { .. }
            | VisitIssue::AskForEob { .. }
            | VisitIssue::BalanceBilling { .. }
            | VisitIssue::OverEstimate { .. }
            | VisitIssue::HighPrice { .. }
            | VisitIssue::FinancialAssistance { .. }
            | VisitIssue::AskForItemized
            | VisitIssue::AppealDenial { .. }
            | VisitIssue::ValidateDebt { .. } => false,
        },
    }
}

/// Every coding finding is about a charge.
fn coding_error(_issue: &CodingIssue) -> bool {
    true
}

/// What the patient should owe before paying anything: the EOB's share,
/// else the balance.
fn owed_base(facts: &Facts<'_>) -> Option<Decimal> {
    match facts.share {
        Some(share) => Some(facts.balance.map_or(share, |b| b.min(share))),
        None => facts.balance,
    }
}

/// What is really owed after the coverage, help and dispute steps.
fn owed(facts: &Facts<'_>, steps: &[Step]) -> Owed {
    let has = |wanted: fn(&Action) -> bool| steps.iter().any(|s| wanted(&s.action));
    if has(|a| {
        matches!(
            a,
            Action::WaitForEob { .. } | Action::BillInsuranceFirst { .. } | Action::AskInsurerAboutClaim { .. }
        )
    }) {
        return Owed::WaitForInsurance(Payer::of(facts.bill));
    }
    // Medicaid: payment in full, also while a denial is appealed (E1). A
    // share of $0 that binds the provider (in network, or under the No
    // Surprises Act: trial 7, a $1,240 balance bill for emergency care
    // was followed by "ask for a prompt-pay discount") leaves nothing owed.
    let owes_nothing = has(|a| match a {
        Action::MedicaidPaysInFull { .. } | Action::QmbOwesNothing | Action::ShareIsZero => true,
        Action::NoSurprisesBalanceBill { share: Some(share), .. } | Action::PayOnlyYourShare { share, .. } => {
            share.is_zero()
        }
        _ => false,
    });
    if owes_nothing || facts.bill.coverage == Some(Coverage::Medicaid) {
        return Owed::Nothing;
    }
    // QMB: nothing may be billed for Medicare's cost sharing, whatever the
    // MSN says (E2); its own step covers it below.
    let qmb = facts.bill.coverage == Some(Coverage::Medicare) && facts.bill.qmb == Some(Answer3::Yes);
    if facts.bill.insurance_processed() && facts.share.is_none() && !qmb {
        return Owed::EobFirst(Payer::of(facts.bill));
    }
    let confirm = steps.iter().find_map(|s| match s.action {
        Action::ConfirmNetwork { share } => Some(share),
        _ => None,
    });
    if let Some(share) = confirm {
        return Owed::ConfirmNetwork(share);
    }
    if has(|a| matches!(a, Action::ConfirmFacilityNetwork { .. })) {
        return Owed::ConfirmFacility;
    }
    if has(|a| matches!(a, Action::AskAboutQmb { .. })) {
        return Owed::ConfirmQmb;
    }
    if has(|a| matches!(a, Action::FinancialHelp(help) if help.outlook == Outlook::LikelyFree)) {
        return Owed::HelpFirst(HelpFirst::FinancialHelp);
    }
    let medicaid_by = steps.iter().find_map(|s| match s.action {
        Action::ApplyForMedicaid { apply_by, .. } if s.deadline.is_some_and(|d| !d.passed) => Some(apply_by),
        _ => None,
    });
    if let Some(apply_by) = medicaid_by {
        return Owed::HelpFirst(HelpFirst::Medicaid { apply_by });
    }
    let Some(balance) = facts.balance.filter(|b| *b > Decimal::ZERO) else {
        return Owed::Unknown;
    };
    if let Some((estimate, _)) = estimate_gap(facts.bill) {
        return Owed::Amount(estimate.min(balance), OwedBasis::Estimate);
    }
    // The share is what is owed where it binds the provider: in network, or
    // under the No Surprises Act; network not known, only when the bill
    // does not ask more (else the ConfirmNetwork step returned above).
    let share_binds = matches!(
        facts.bill.coverage,
        Some(Coverage::InNetwork | Coverage::InsuredNotSure)
    ) || no_surprises_situation(facts).is_some()
        || facts.bill.coverage == Some(Coverage::Medicare);
    if let Some(share) = facts.share.filter(|_| share_binds) {
        return Owed::Amount(share.min(balance), OwedBasis::EobShare);
    }
    let errors: Decimal = facts
        .findings
        .iter()
        .filter(|f| is_error(f) && f.certainty != super::audit::Certainty::WorthAsking)
        .map(|f| f.at_stake)
        .sum();
    if errors > Decimal::ZERO && errors < balance {
        return Owed::Amount(cents(balance - errors), OwedBasis::Audited);
    }
    Owed::Amount(balance, OwedBasis::Balance)
}

/// Paying less, and paying over time, from what is really owed.
fn paying_steps(facts: &Facts<'_>, owed: Owed, steps: &mut Vec<Step>) {
    let Owed::Amount(amount, _) = owed else {
        return;
    };
    if facts.collector {
        let offer = offers::collections_offer(amount);
        steps.push(step(
            Action::SettleWithCollector,
            Savings::Range(cents(amount - offer.walk_away), cents(amount - offer.opening)),
            None,
            Some(Escalation::Cfpb),
        ));
    } else {
        let self_pay = facts.bill.coverage == Some(Coverage::SelfPay);
        // B: 30–60% is off gross charges for self-pay patients. Off an
        // estimate (already a self-pay price) or an insured share no figure
        // is sourced: the step asks, without promising dollars.
        let on_charges = !matches!(owed, Owed::Amount(_, OwedBasis::Estimate | OwedBasis::EobShare));
        let saves = if self_pay && on_charges {
            let (low, high) = offers::SELF_PAY_DISCOUNT_PCT;
            Savings::Range(percent_of(amount, low), percent_of(amount, high))
        } else {
            Savings::Unknown
        };
        steps.push(step(Action::AskDiscount { self_pay }, saves, None, None));
    }
    steps.push(step(Action::PaymentPlan, Savings::Nothing, None, None));
    if amount >= ADVOCATE_FROM {
        steps.push(step(Action::Advocate, Savings::Unknown, None, None));
    }
}

/// The sort key: tier, then an urgent deadline first, then more money,
/// then the sooner deadline. In the tier of help that can erase the whole
/// bill (help at a free-care income, an appeal, Medicaid) each is worth the
/// bill, so the sooner deadline comes first: the one that can be lost.
fn order(step: &Step, today: NaiveDate) -> (u8, bool, bool, std::cmp::Reverse<Decimal>, NaiveDate) {
    let urgent = step
        .deadline
        .is_some_and(|d| !d.passed && timing::days_from(today, d.date) <= URGENT_DAYS);
    let date = step.deadline.map_or(NaiveDate::MAX, |d| d.date);
    let tier = tier(step);
    let money = if tier == ERASES_THE_BILL {
        Decimal::ZERO
    } else {
        step.saves.most()
    };
    // E2: at an income within QMB's limit, checking QMB leads its tier:
    // with QMB nothing of Medicare's share is owed, so no share is asked
    // for or paid before it is known.
    let leads = matches!(step.action, Action::AskAboutQmb { likely: true });
    (tier, !leads, !urgent, std::cmp::Reverse(money), date)
}

/// E2: QMB covers Medicare's cost sharing at incomes up to 100% of the
/// poverty guideline. Medicare, QMB not known, and an income at or under
/// that limit: QMB is likely enough to check first.
pub const QMB_PERCENT: u32 = 100;

/// E2: the Medicare Savings Programs reach up to 135% of the guideline
/// (QI; QMB to 100%, SLMB to 120%).
pub const MSP_PERCENT: u32 = 135;

/// Medicare, not on QMB, at an income a Medicare Savings Program may
/// reach (trial 8: Tom at 105% and Gloria at 116% were never told).
fn savings_program_within_reach(bill: &Bill) -> bool {
    if bill.coverage != Some(Coverage::Medicare) || bill.qmb == Some(Answer3::Yes) {
        return false;
    }
    match (bill.household_size, bill.yearly_income) {
        (Some(size), Some(income)) if size > 0 => {
            super::audit::visit::poverty_percent(income, size, bill.state.as_deref()) <= Decimal::from(MSP_PERCENT)
        }
        _ => false,
    }
}

fn qmb_likely(bill: &Bill) -> bool {
    if bill.coverage != Some(Coverage::Medicare) || bill.qmb != Some(Answer3::NotSure) {
        return false;
    }
    match (bill.household_size, bill.yearly_income) {
        (Some(size), Some(income)) if size > 0 => {
            super::audit::visit::poverty_percent(income, size, bill.state.as_deref()) <= Decimal::from(QMB_PERCENT)
        }
        _ => false,
    }
}

/// The tier of help that can erase the whole bill.
const ERASES_THE_BILL: u8 = 2;

fn tier(step: &Step) -> u8 {
    let passed = step.deadline.is_some_and(|d| d.passed);
    match &step.action {
        Action::WaitForEob { .. } | Action::BillInsuranceFirst { .. } | Action::AskInsurerAboutClaim { .. } => 0,
        Action::MedicaidPaysInFull { .. }
        | Action::QmbOwesNothing
        | Action::ShareIsZero
        | Action::NoSurprisesBalanceBill { .. }
        | Action::PayOnlyYourShare { .. }
        | Action::ConfirmNetwork { .. }
        | Action::ConfirmFacilityNetwork { .. }
        // Who pays: with QMB nothing may be billed (E2), so it is asked
        // before paying anything.
        | Action::AskAboutQmb { .. } => 1,
        Action::ValidateDebt if !passed => 1,
        Action::FinancialHelp(help) if help.outlook == Outlook::LikelyFree => ERASES_THE_BILL,
        // Medicaid can erase the bill too, and its reach back ends on a
        // date, but whether this patient qualifies is not in domain-facts
        // (E1 gives the reach back, no income limit; eligibility and
        // expansion differ by state: a low-income adult in a state that did
        // not expand may not qualify at all). So it never leads help that
        // A8/E6 support; it stays ahead of the bill's errors, and the plan
        // says when its date comes before step 1's.
        Action::ApplyForMedicaid { .. } => 3,
        // A hard appeal deadline stands beside help that can erase the bill.
        Action::AppealDenial { .. } if !passed => ERASES_THE_BILL,
        Action::EstimateDispute { .. } if !passed => 3,
        Action::AskForEob { .. } | Action::AskForItemized => 4,
        Action::FixErrors { .. } => 4,
        Action::FinancialHelp(_) => 5,
        Action::AppealDenial { .. } | Action::EstimateDispute { .. } => 6,
        // Passed, but the notice may print a later end: check it.
        Action::ValidateDebt => 5,
        Action::AskDiscount { .. } | Action::SettleWithCollector => 7,
        Action::PaymentPlan | Action::Advocate => 8,
    }
}

/// The money warnings that fit the plan.
fn tips(facts: &Facts<'_>, owed: Owed, steps: &[Step]) -> Vec<Tip> {
    let has = |wanted: fn(&Action) -> bool| steps.iter().any(|s| wanted(&s.action));
    let mut tips = Vec::new();
    if facts.collector && owed == Owed::Nothing {
        // Nothing to pay: only what protects.
        tips.extend([Tip::NoBankAccess, Tip::NeverIgnoreCourtPapers]);
    } else if facts.collector {
        // A deal to get in writing only once the plan offers one (T6: not
        // while a dispute, an appeal or an application comes first).
        if matches!(owed, Owed::Amount(..)) && !steps.iter().any(blocks_offers) {
            tips.push(Tip::GetItInWriting);
        }
        tips.extend([
            Tip::NoBankAccess,
            Tip::PaymentRestartsClock,
            Tip::NeverIgnoreCourtPapers,
        ]);
        let forgiven = steps.iter().find_map(|s| match (&s.action, s.saves) {
            (Action::SettleWithCollector, Savings::Range(low, _)) => Some(low),
            _ => None,
        });
        if forgiven.is_some_and(|amount| amount >= FORM_1099C_FROM) {
            tips.push(Tip::Form1099C);
        }
    }
    // First among the tips: it can pay Medicare's costs from now on (QMB
    // its deductibles and coinsurance too), unless a step asks about QMB.
    if savings_program_within_reach(facts.bill) && !has(|a| matches!(a, Action::AskAboutQmb { .. })) {
        tips.insert(0, Tip::MedicareSavingsPrograms);
    }
    if has(|a| matches!(a, Action::FinancialHelp(_))) {
        tips.push(Tip::ApplyBeforePaying);
    }
    if has(|a| matches!(a, Action::AskDiscount { .. } | Action::PaymentPlan)) {
        if !facts.collector {
            tips.push(Tip::NoCreditCard);
        }
        tips.push(Tip::HsaCanPay);
    }
    tips
}

fn step(action: Action, saves: Savings, deadline: Option<Deadline>, escalation: Option<Escalation>) -> Step {
    Step {
        action,
        saves,
        deadline,
        escalation,
    }
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

fn percent_of(amount: Decimal, pct: u32) -> Decimal {
    cents(amount * Decimal::from(pct) / Decimal::ONE_HUNDRED)
}

fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bill::BillSender;
    use crate::domain::timing::AdviceKind;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// E1, trial rosa_es: the plan said "apply for Medicaid by Thu, Dec 31"
    /// and the ⏰ dates did not; the plan's date is a date to watch.
    #[test]
    fn the_plans_medicaid_date_is_a_date_to_watch() {
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            coverage: Some(Coverage::SelfPay),
            service_date: Some(day(2026, 10, 14)),
            first_bill_date: Some(day(2026, 10, 28)),
            amount_due: Some(Decimal::new(481_250, 2)),
            household_size: Some(4),
            yearly_income: Some(Decimal::from(45_000)),
            state: Some("TX".into()),
            ..Bill::default()
        };
        let today = day(2026, 12, 5);
        let plan = plan(&bill, &[], today);
        assert!(
            plan.find(|a| matches!(a, Action::ApplyForMedicaid { .. })).is_some(),
            "{plan:?}"
        );
        let advice = dates(&bill, today);
        let medicaid = advice
            .iter()
            .find(|a| matches!(a.kind, AdviceKind::MedicaidApplyBy { .. }))
            .expect("a Medicaid date");
        assert_eq!(medicaid.date, Some(day(2026, 12, 31)));
        assert_eq!(medicaid.kind, AdviceKind::MedicaidApplyBy { rule_change: true });
        // Without the plan's step (insured), no such date.
        let insured = Bill {
            coverage: Some(Coverage::InNetwork),
            ..bill
        };
        assert!(!dates(&insured, today)
            .iter()
            .any(|a| matches!(a.kind, AdviceKind::MedicaidApplyBy { .. })));
    }
}
