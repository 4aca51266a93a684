//! Rules about the visit and the money around it: ER level and trauma and
//! facility fees, charges after discharge, services not received, insurance
//! figures, No Surprises Act protections, prices against Medicare, financial
//! assistance, and the itemized bill to ask for first.
//!
//! Every figure comes from `shared/design/domain-facts.md` (section named at
//! each constant). Each rule is one small function that proposes findings;
//! `super::settle` then makes sure no dollar is counted twice.
//!
//! Inferences the bill alone forces on us (the review asks the discharge
//! date of a hospital stay, optionally, but not the admission):
//! - room-and-board lines are revenue codes 0100–0219; a room line dated
//!   D with U units covers the nights D .. D+U−1; the admission is the
//!   first room night;
//! - for "charged after discharge", the discharge is the day after the last
//!   night of room charges (only when the bill has room lines);
//! - for "room charged for the discharge day", the discharge is the date the
//!   user gave (then the finding is likely), else the last day the bill shows
//!   any charge: a morning discharge often has no charge of its own, so then
//!   it is only a question, and the text names the date for the user to check.

use super::{Certainty, Finding, FindingKind, PriceCheck, Proposal, Stake};
use crate::domain::bill::{Answer3, Bill, BillSender, ClaimStatus, Coverage, Estimate};
use crate::domain::line_items::LineItem;
use crate::domain::reference::Reference;
use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use std::ops::RangeInclusive;

/// Differences smaller than this between the bill and the EOB (or inside the
/// EOB) are rounding, not a question: the issue's "off by more than $1".
const EOB_TOLERANCE: Decimal = Decimal::ONE;
/// Medicare's 2% payment reduction (sequestration, 2 U.S.C. 901a): a
/// Medicare EOB's "paid" is 2% below allowed less the patient's share, so a
/// gap up to 2% of allowed is no question.
const SEQUESTRATION: Decimal = Decimal::from_parts(2, 0, 0, false, 2);
/// A3: the patient-provider dispute is open when the bill is at least $400
/// above the good-faith estimate.
const ESTIMATE_DISPUTE_MIN: Decimal = Decimal::from_parts(400, 0, 0, false, 0);
/// A3: the dispute must start within 120 calendar days of the first bill.
const ESTIMATE_DISPUTE_DAYS: u64 = 120;
/// B: "hospitals often accept 10–30% above Medicare" (a rule of thumb): the
/// target is Medicare plus 30%.
const FAIR_MARKUP: Decimal = Decimal::from_parts(13, 0, 0, false, 1);
/// A line at this many times Medicare or more is worth a question.
const HIGH_MULTIPLE: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// A8: typical charity-care cut-offs are 200–400% of the poverty guideline.
const FREE_CARE_PERCENT: Decimal = Decimal::from_parts(200, 0, 0, false, 0);
const DISCOUNT_PERCENT: Decimal = Decimal::from_parts(400, 0, 0, false, 0);

/// C6/C7: room and board (the issue's 010x–021x).
const ROOM: RangeInclusive<u16> = 100..=219;
/// C6: emergency room.
const EMERGENCY_ROOM: RangeInclusive<u16> = 450..=459;
/// Clinic (hospital outpatient clinic, billed with G0463).
const CLINIC: RangeInclusive<u16> = 510..=519;
/// C3: trauma response.
const TRAUMA: RangeInclusive<u16> = 680..=689;
/// C6: professional fees on the hospital bill, priced with the physician
/// fee schedule rather than the hospital one.
const PROFESSIONAL_FEES: RangeInclusive<u16> = 960..=989;

/// A problem with the visit or the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitIssue {
    /// A level 4 or 5 ER visit on a visit with no inpatient room charges.
    ErLevel { item: usize, level: u8 },
    /// A trauma team activation (068x or G0390) on a visit that was not
    /// admitted, or a G0390 with no critical care (99291) on the bill.
    TraumaActivation {
        amount: Decimal,
        not_admitted: bool,
        without_critical_care: bool,
    },
    /// A facility fee: the hospital's charge for space, staff and equipment.
    FacilityFee { kind: FacilityKind, amount: Decimal },
    /// Charges dated after the day after the last night of room charges.
    AfterDischarge {
        last_night: NaiveDate,
        discharge: NaiveDate,
        amount: Decimal,
    },
    /// More room nights than nights between admission and discharge (C7).
    DischargeDayRoom {
        item: usize,
        admission: NaiveDate,
        discharge: NaiveDate,
        nights_charged: u32,
        nights_expected: u32,
        night_charge: Decimal,
    },
    /// Items the user marked as not received.
    NotReceived { amount: Decimal },
    /// The bill asks more than the EOB's "your share".
    BalanceDiffersFromEob { amount_due: Decimal, your_share: Decimal },
    /// The EOB's allowed minus plan paid is not its "your share".
    EobMath {
        allowed: Decimal,
        plan_paid: Decimal,
        your_share: Decimal,
    },
    /// The insurer decided the claim but we have no EOB figures.
    AskForEob { denied: bool },
    /// Care the No Surprises Act protects (emergency care, or an
    /// out-of-network doctor at an in-network facility) billed above the
    /// in-network share.
    BalanceBilling {
        amount_due: Decimal,
        your_share: Decimal,
        /// Emergency care (else: non-emergency care at an in-network facility).
        emergency: bool,
    },
    /// A self-pay bill $400 or more above the good-faith estimate; the
    /// dispute deadline is 120 days from the first bill, when known.
    OverEstimate {
        total: Decimal,
        estimate: Decimal,
        deadline: Option<NaiveDate>,
    },
    /// A line at 3× Medicare or more.
    HighPrice {
        item: usize,
        schedule: FeeSchedule,
        medicare: Decimal,
        multiple: Decimal,
        target: Decimal,
    },
    /// A nonprofit hospital, and an income that may qualify for its
    /// financial-assistance policy.
    FinancialAssistance {
        percent: Decimal,
        household: u32,
        income: Decimal,
        guideline: Decimal,
        program: Option<StateProgram>,
        nonprofit_confirmed: bool,
    },
    /// The bill is a summary: ask for the itemized bill first.
    AskForItemized,
    /// The insurer denied the claim: appeal (180 days from the denial for
    /// the internal appeal, A5) and ask the provider to hold the bill.
    AppealDenial { deadline: Option<NaiveDate> },
    /// The bill is with a collector: dispute it in writing and ask for
    /// validation within 30 days (Regulation F, 12 CFR 1006.34 and .38),
    /// counted from the collector's letter when its date is known.
    ValidateDebt { deadline: Option<NaiveDate> },
}

/// Which facility fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacilityKind {
    /// G0463 or a clinic revenue code (051x).
    Clinic,
    /// An ER line (045x) with no code, so no level shows.
    Emergency,
}

/// Which Medicare fee schedule a price was compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeSchedule {
    /// Hospital outpatient (OPPS), national unadjusted rate.
    Hospital,
    /// Physician fee schedule, national amount.
    Physician,
}

/// A state charity-care law (A8) that covers the household's income.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateProgram {
    California,
    Washington,
    Maryland,
    NewYork,
    /// Uninsured patients only.
    Illinois,
    Colorado,
}

impl VisitIssue {
    /// A stable short name for the corpus and the dialogue keys.
    pub fn id(&self) -> &'static str {
        match self {
            VisitIssue::ErLevel { .. } => "er_level",
            VisitIssue::TraumaActivation { .. } => "trauma_activation",
            VisitIssue::FacilityFee { .. } => "facility_fee",
            VisitIssue::AfterDischarge { .. } => "after_discharge",
            VisitIssue::DischargeDayRoom { .. } => "discharge_day_room",
            VisitIssue::NotReceived { .. } => "not_received",
            VisitIssue::BalanceDiffersFromEob { .. } => "balance_differs_from_eob",
            VisitIssue::EobMath { .. } => "eob_math",
            VisitIssue::AskForEob { .. } => "ask_for_eob",
            VisitIssue::BalanceBilling { .. } => "balance_billing",
            VisitIssue::OverEstimate { .. } => "over_estimate",
            VisitIssue::HighPrice { .. } => "high_price",
            VisitIssue::FinancialAssistance { .. } => "financial_assistance",
            VisitIssue::AskForItemized => "ask_for_itemized",
            VisitIssue::AppealDenial { .. } => "appeal_denial",
            VisitIssue::ValidateDebt { .. } => "validate_debt",
        }
    }

    /// A step to take before anything else, whatever the money: the report
    /// shows it first (the findings themselves stay most money first).
    pub fn is_first_step(&self) -> bool {
        matches!(
            self,
            VisitIssue::AskForItemized | VisitIssue::AppealDenial { .. } | VisitIssue::ValidateDebt { .. }
        )
    }

    /// A step to take or a door to knock on, not an error on the bill: the
    /// report labels it so instead of "an error".
    pub fn is_step(&self) -> bool {
        matches!(
            self,
            VisitIssue::AskForItemized
                | VisitIssue::AskForEob { .. }
                | VisitIssue::AppealDenial { .. }
                | VisitIssue::ValidateDebt { .. }
                | VisitIssue::FinancialAssistance { .. }
        )
    }
}

impl VisitIssue {
    /// A right the patient can use rather than an error on the bill: a bill
    /// $400+ over the good-faith estimate opens the federal dispute (A3,
    /// E4), whether or not anything was billed wrongly.
    pub fn is_right(&self) -> bool {
        matches!(self, VisitIssue::OverEstimate { .. })
    }
}

/// Whether a finding is the debt validation step: the collector's script
/// and the validation letter carry it, so the other scripts and letters
/// leave it out.
pub fn is_validation_step(finding: &Finding) -> bool {
    matches!(&finding.kind, FindingKind::Visit(VisitIssue::ValidateDebt { .. }))
}

/// Whether a finding is asked of the insurer (or Medicare), not of the
/// office that sent the bill: getting the EOB, the EOB's own arithmetic. A
/// call script to the office never reads it out as a line to say.
pub fn is_for_the_payer(finding: &Finding) -> bool {
    matches!(
        &finding.kind,
        FindingKind::Visit(VisitIssue::AskForEob { .. } | VisitIssue::EobMath { .. })
    )
}

/// Whether a finding is a step to show before all others (see
/// [`VisitIssue::is_first_step`]).
pub fn is_first_step(finding: &Finding) -> bool {
    matches!(&finding.kind, FindingKind::Visit(issue) if issue.is_first_step())
}

/// Every visit and money finding this bill gives rise to.
///
/// Deadlines are carried as dates (the words compare them with the day they
/// are shown), computed by the same functions the plan uses, so a finding
/// and its plan step never give two dates.
pub fn propose(bill: &Bill, reference: &Reference, today: NaiveDate) -> Vec<Proposal> {
    let mut proposals = Vec::new();
    proposals.extend(ask_for_itemized(bill));
    proposals.extend(appeal_denial(bill));
    proposals.extend(validate_debt(bill, today));
    proposals.extend(er_levels(bill));
    proposals.extend(trauma_activation(bill));
    proposals.extend(facility_fees(bill));
    proposals.extend(after_discharge(bill));
    proposals.extend(discharge_day_room(bill));
    proposals.extend(not_received(bill));
    proposals.extend(insurance(bill));
    proposals.extend(over_estimate(bill));
    proposals.extend(high_prices(bill, reference));
    proposals.extend(financial_assistance(bill));
    proposals
}

/// Each priced line against Medicare's rate: the hospital outpatient (OPPS)
/// rate when the line has a revenue code or the sender is a hospital (but
/// the physician rate for professional fees, 096x–098x), the physician fee
/// schedule otherwise. Packaged codes (N, Q1–Q4) have no rate of their own.
pub fn price_checks(bill: &Bill, reference: &Reference) -> Vec<PriceCheck> {
    bill.items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| price_check(index, item, bill, reference).map(|(check, _)| check))
        .collect()
}

/// The household's yearly income as a percentage of the 2026 federal
/// poverty guideline for its size (A7), rounded to one decimal.
pub fn poverty_percent(income: Decimal, household: u32, state: Option<&str>) -> Decimal {
    (income * Decimal::ONE_HUNDRED / poverty_guideline(household, state))
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// The 2026 federal poverty guideline (A7): base + (n − 1) × increment, with
/// Alaska's and Hawaii's own figures; the 48-state figures elsewhere.
pub fn poverty_guideline(household: u32, state: Option<&str>) -> Decimal {
    let (base, increment) = match state.map(|s| s.trim().to_ascii_uppercase()).as_deref() {
        Some("AK") => (19_950, 7_100),
        Some("HI") => (18_360, 6_530),
        _ => (15_960, 5_680),
    };
    Decimal::from(base) + Decimal::from(household.max(1) - 1) * Decimal::from(increment)
}

fn proposal(issue: VisitIssue, items: Vec<usize>, certainty: Certainty, stake: Stake) -> Proposal {
    Proposal {
        kind: FindingKind::Visit(issue),
        items,
        certainty,
        stake,
    }
}

fn revenue(item: &LineItem) -> Option<u16> {
    item.revenue_code.as_deref()?.parse().ok()
}

fn revenue_in(item: &LineItem, range: &RangeInclusive<u16>) -> bool {
    revenue(item).is_some_and(|code| range.contains(&code))
}

fn code_is(item: &LineItem, code: &str) -> bool {
    item.code.as_deref() == Some(code)
}

fn is_charge(item: &LineItem) -> bool {
    item.amount > Decimal::ZERO
}

fn is_room(item: &LineItem) -> bool {
    revenue_in(item, &ROOM) && is_charge(item)
}

/// The bill charges room nights (a hospital stay): a room revenue code
/// (0100–0219), or an uncoded line whose words say room and board. The
/// review then asks the discharge date.
pub fn has_room_nights(bill: &Bill) -> bool {
    let words = crate::domain::line_words::LineWords::embedded();
    bill.items.iter().any(|item| {
        is_room(item)
            || (is_charge(item)
                && item.revenue_code.is_none()
                && item.code.is_none()
                && words.says(&item.description, crate::domain::line_words::LineKind::Room))
    })
}

/// The bill has inpatient room charges (so the patient was admitted).
fn admitted(bill: &Bill) -> bool {
    bill.items.iter().any(is_room)
}

fn total(bill: &Bill, items: &[usize]) -> Decimal {
    items
        .iter()
        .filter_map(|&i| bill.items.get(i))
        .map(|item| item.amount)
        .sum()
}

/// Positive charges matching `keep`, by index.
fn charges_where(bill: &Bill, keep: impl Fn(&LineItem) -> bool) -> Vec<usize> {
    bill.items
        .iter()
        .enumerate()
        .filter(|(_, item)| is_charge(item) && keep(item))
        .map(|(i, _)| i)
        .collect()
}

fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// No itemized bill yet: ask for it first.
fn ask_for_itemized(bill: &Bill) -> Option<Proposal> {
    // Medicaid must be taken as payment in full (E1): nothing to itemize.
    let medicaid = bill.coverage == Some(Coverage::Medicaid);
    (bill.has_itemized == Some(false) && !medicaid).then(|| {
        proposal(
            VisitIssue::AskForItemized,
            Vec::new(),
            Certainty::Certain,
            Stake::Nothing,
        )
    })
}

/// A collector's bill: before paying or agreeing anything, ask it to
/// validate the debt, in writing, within the 30 days (A4: the plan's date).
fn validate_debt(bill: &Bill, today: NaiveDate) -> Option<Proposal> {
    crate::domain::timing::in_collections(bill).then(|| {
        let deadline = bill
            .collector_letter_date
            .map(|letter| crate::domain::timing::validation_deadline(letter, today));
        proposal(
            VisitIssue::ValidateDebt { deadline },
            Vec::new(),
            Certainty::Certain,
            Stake::Nothing,
        )
    })
}

/// A5, E3: a denied claim is appealed first, by the deadline of the
/// patient's coverage (`coverage::appeal_deadline`, the date the plan gives too).
fn appeal_denial(bill: &Bill) -> Option<Proposal> {
    let insured = bill.coverage.is_some_and(Coverage::is_insured);
    // A $0 share after the denial: the bill should match the EOB, and
    // there is nothing for the patient to appeal.
    let zero_share = bill.eob.your_share.is_some_and(|share| share.is_zero());
    (insured && bill.claim == Some(ClaimStatus::Denied) && !zero_share).then(|| {
        let kind = crate::domain::coverage::appeal_kind(bill);
        let deadline = bill
            .denial_date
            .map(|notice| crate::domain::coverage::appeal_deadline(kind, notice));
        proposal(
            VisitIssue::AppealDenial { deadline },
            Vec::new(),
            Certainty::Certain,
            Stake::Nothing,
        )
    })
}

/// C3: a level 5 ER visit (the highest) when the bill shows no admission
/// and nothing of the intensity that supports it. Level 4 is the most
/// common ER level and is never questioned on its own; a CT scan, an IV
/// drug or drip, or critical care on the same bill supports a high level,
/// so it clears the question. A question with nothing counted.
fn er_levels(bill: &Bill) -> Vec<Proposal> {
    if admitted(bill) || bill.items.iter().any(|item| is_charge(item) && shows_intensity(item)) {
        return Vec::new();
    }
    bill.items
        .iter()
        .enumerate()
        .filter(|(_, item)| is_charge(item) && code_is(item, "99285"))
        .map(|(index, _)| {
            proposal(
                VisitIssue::ErLevel { item: index, level: 5 },
                vec![index],
                Certainty::WorthAsking,
                Stake::Nothing,
            )
        })
        .collect()
}

/// Revenue codes for CT scans (035x) and MRI (061x).
const CT_OR_MRI_REVENUE: [RangeInclusive<u16>; 2] = [350..=359, 610..=619];
/// CT and CTA codes: head and neck (70450–70498), chest (71250–71275),
/// spine (72125–72133), pelvis (72191–72194), arm (73200–73206), leg
/// (73700–73706), abdomen (74150–74178).
const CT_CODES: [RangeInclusive<u32>; 7] = [
    70450..=70498,
    71250..=71275,
    72125..=72133,
    72191..=72194,
    73200..=73206,
    73700..=73706,
    74150..=74178,
];
/// IV drug pushes and drips, and critical care (C3, C4).
const INTENSITY_CODES: [&str; 9] = [
    "96365", "96366", "96367", "96368", "96374", "96375", "96376", "99291", "99292",
];

/// A line that shows the intensity of a high ER level: a CT or MRI, an IV
/// drug, critical care.
fn shows_intensity(item: &LineItem) -> bool {
    let code = item.code.as_deref().unwrap_or("").trim();
    CT_OR_MRI_REVENUE.iter().any(|range| revenue_in(item, range))
        || INTENSITY_CODES.contains(&code)
        || code
            .parse::<u32>()
            .is_ok_and(|n| CT_CODES.iter().any(|range| range.contains(&n)))
}

/// C3: a trauma activation needs a pre-arrival notice and a team response
/// (walk-ins: none), and Medicare pays G0390 only with 99291. At stake: the
/// activation lines, which come off if the criteria were not met.
fn trauma_activation(bill: &Bill) -> Option<Proposal> {
    let items = charges_where(bill, |item| revenue_in(item, &TRAUMA) || code_is(item, "G0390"));
    if items.is_empty() {
        return None;
    }
    let not_admitted = !admitted(bill);
    let g0390 = items.iter().any(|&i| code_is(&bill.items[i], "G0390"));
    let without_critical_care = g0390 && !bill.items.iter().any(|item| code_is(item, "99291"));
    if !not_admitted && !without_critical_care {
        return None;
    }
    let issue = VisitIssue::TraumaActivation {
        amount: total(bill, &items),
        not_admitted,
        without_critical_care,
    };
    Some(proposal(
        issue,
        items.clone(),
        Certainty::WorthAsking,
        Stake::Items(items),
    ))
}

fn facility_kind(item: &LineItem) -> Option<FacilityKind> {
    if code_is(item, "G0463") || revenue_in(item, &CLINIC) {
        Some(FacilityKind::Clinic)
    } else if revenue_in(item, &EMERGENCY_ROOM) && item.code.is_none() {
        Some(FacilityKind::Emergency)
    } else {
        None
    }
}

/// An office or outpatient visit code (CPT 99202-99215): the doctor's own
/// evaluation and management.
fn is_office_visit(item: &LineItem) -> bool {
    item.code
        .as_deref()
        .and_then(|code| code.trim().parse::<u32>().ok())
        .is_some_and(|code| (99202..=99215).contains(&code))
}

/// Facility fees: questions to ask, no money counted (nothing sourced says
/// how much of one is wrong).
fn facility_fees(bill: &Bill) -> Vec<Proposal> {
    // A doctor's office bills the doctor's own visit (an office visit code,
    // 99202-99215) even under a clinic revenue code: that is the
    // professional fee, not a facility fee (trial T3a called a 99214 one).
    let doctors_bill = bill.sender == Some(BillSender::DoctorOffice);
    [FacilityKind::Clinic, FacilityKind::Emergency]
        .into_iter()
        .filter_map(|kind| {
            let items = charges_where(bill, |item| {
                facility_kind(item) == Some(kind) && !(doctors_bill && is_office_visit(item))
            });
            (!items.is_empty()).then(|| {
                let issue = VisitIssue::FacilityFee {
                    kind,
                    amount: total(bill, &items),
                };
                proposal(issue, items, Certainty::WorthAsking, Stake::Nothing)
            })
        })
        .collect()
}

/// The room nights the bill charges.
struct Stay {
    admission: NaiveDate,
    last_night: NaiveDate,
    nights: u32,
    /// The room line that charges the last night.
    last_room: usize,
}

fn stay(bill: &Bill) -> Option<Stay> {
    let mut stay: Option<Stay> = None;
    for (index, item) in bill.items.iter().enumerate() {
        let Some(date) = item.date.filter(|_| is_room(item)) else {
            continue;
        };
        let units = item.units.max(1);
        let Some(end) = date.checked_add_days(Days::new(u64::from(units - 1))) else {
            continue;
        };
        match &mut stay {
            None => {
                stay = Some(Stay {
                    admission: date,
                    last_night: end,
                    nights: units,
                    last_room: index,
                })
            }
            Some(s) => {
                s.admission = s.admission.min(date);
                s.nights += units;
                if end > s.last_night {
                    s.last_night = end;
                    s.last_room = index;
                }
            }
        }
    }
    stay
}

/// C7 (inferred discharge): charges dated after the day after the last
/// room night.
fn after_discharge(bill: &Bill) -> Option<Proposal> {
    let stay = stay(bill)?;
    let discharge = stay.last_night.succ_opt()?;
    let items = charges_where(bill, |item| {
        !is_room(item) && item.date.is_some_and(|date| date > discharge)
    });
    if items.is_empty() {
        return None;
    }
    let issue = VisitIssue::AfterDischarge {
        last_night: stay.last_night,
        discharge,
        amount: total(bill, &items),
    };
    Some(proposal(issue, items.clone(), Certainty::Likely, Stake::Items(items)))
}

/// C7: room nights above max(1, discharge − admission).
///
/// With the discharge date the user gave, an extra night is Likely and one
/// night's charge is at stake. Without it, the discharge is taken as the
/// last day with any charge: a morning discharge often has no charge of
/// its own, so this is only a question, with nothing counted.
fn discharge_day_room(bill: &Bill) -> Option<Proposal> {
    let stay = stay(bill)?;
    let (discharge, certainty) = match bill.discharge_date {
        Some(date) => (date, Certainty::Likely),
        None => (
            bill.items
                .iter()
                .filter(|item| is_charge(item))
                .filter_map(|item| item.date)
                .max()?,
            Certainty::WorthAsking,
        ),
    };
    if discharge < stay.admission {
        return None;
    }
    let nights_between = (discharge - stay.admission).num_days().max(1);
    let nights_expected = u32::try_from(nights_between).ok()?;
    if stay.nights <= nights_expected {
        return None;
    }
    let room = &bill.items[stay.last_room];
    let night_charge = cents(room.amount / Decimal::from(room.units.max(1)));
    let issue = VisitIssue::DischargeDayRoom {
        item: stay.last_room,
        admission: stay.admission,
        discharge,
        nights_charged: stay.nights,
        nights_expected,
        night_charge,
    };
    let stake = match certainty {
        Certainty::WorthAsking => Stake::Nothing,
        _ => Stake::PartOfItem {
            item: stay.last_room,
            amount: night_charge,
        },
    };
    Some(proposal(issue, vec![stay.last_room], certainty, stake))
}

/// The user's own word: items not received.
fn not_received(bill: &Bill) -> Option<Proposal> {
    let items: Vec<usize> = bill
        .not_received
        .iter()
        .copied()
        .filter(|&i| i < bill.items.len())
        .collect();
    if items.is_empty() {
        return None;
    }
    let issue = VisitIssue::NotReceived {
        amount: total(bill, &items),
    };
    Some(proposal(issue, items.clone(), Certainty::Likely, Stake::Items(items)))
}

/// The bill against the insurer's EOB, once the insurer has decided.
fn insurance(bill: &Bill) -> Vec<Proposal> {
    if !bill.insurance_processed() {
        return Vec::new();
    }
    // E2: with QMB no Medicare provider may bill the patient for Medicare's
    // deductibles and coinsurance, so the MSN's share is not what is owed:
    // the plan's QMB step asks for $0, and no finding asks to match the
    // share (a trial QMB patient was told to "correct the bill to match
    // the EOB ($27.10)").
    if bill.coverage == Some(Coverage::Medicare) && bill.qmb == Some(Answer3::Yes) {
        return Vec::new();
    }
    let denied = bill.claim == Some(ClaimStatus::Denied);
    let Some(your_share) = bill.eob.your_share else {
        let issue = VisitIssue::AskForEob { denied };
        return vec![proposal(issue, Vec::new(), Certainty::Certain, Stake::Nothing)];
    };
    let mut proposals = Vec::new();
    if let Some(amount_due) = bill.amount_due {
        let over = amount_due - your_share;
        if over > EOB_TOLERANCE {
            let (issue, certainty) = if no_surprises_applies(bill) {
                let emergency = bill.emergency == Some(true);
                let issue = VisitIssue::BalanceBilling {
                    amount_due,
                    your_share,
                    emergency,
                };
                (issue, Certainty::Likely)
            } else if matches!(bill.coverage, Some(Coverage::OutOfNetwork | Coverage::InsuredNotSure)) {
                // Outside the Act, an out-of-network provider may bill above
                // the plan's share: a question, not a likely error (also
                // when the patient is not sure of the network).
                (
                    VisitIssue::BalanceDiffersFromEob { amount_due, your_share },
                    Certainty::WorthAsking,
                )
            } else {
                (
                    VisitIssue::BalanceDiffersFromEob { amount_due, your_share },
                    Certainty::Likely,
                )
            };
            proposals.push(proposal(issue, Vec::new(), certainty, Stake::Amount(over)));
        }
    }
    if let (false, Some(allowed), Some(plan_paid)) = (denied, bill.eob.allowed, bill.eob.plan_paid) {
        // Only a share above allowed − paid is a question: a share below it
        // is Medicare's 2% sequestration, a secondary insurer's payment or
        // a write-off, all in the patient's favour.
        let expected = allowed - plan_paid;
        let tolerance = if bill.coverage == Some(Coverage::Medicare) {
            EOB_TOLERANCE.max(allowed * SEQUESTRATION)
        } else {
            EOB_TOLERANCE
        };
        if your_share - expected > tolerance {
            // The part of the bill above allowed − paid that the bill-vs-EOB
            // finding does not already count.
            let billed_share = bill.amount_due.map_or(your_share, |due| due.min(your_share));
            let excess = billed_share - expected;
            let stake = if excess > Decimal::ZERO {
                Stake::Amount(excess)
            } else {
                Stake::Nothing
            };
            let issue = VisitIssue::EobMath {
                allowed,
                plan_paid,
                your_share,
            };
            proposals.push(proposal(issue, Vec::new(), Certainty::WorthAsking, stake));
        }
    }
    proposals
}

/// A3: emergency care, and non-emergency care by out-of-network providers
/// at in-network hospitals and surgery centers, are protected from balance
/// billing. Visible to us: emergency care, out of network or not sure (in
/// network the share binds anyway); a doctor or lab out of network (or not
/// sure) at a facility the user says is in network; never ground ambulance
/// (not covered by the Act, and we cannot tell an air ambulance from a
/// ground one).
fn no_surprises_applies(bill: &Bill) -> bool {
    no_surprises(bill).is_some()
}

/// The same, saying which: `Some(true)` for emergency care, `Some(false)`
/// for care at an in-network facility. The plan uses it too, so the 🔎
/// findings and the 🧭 plan always agree on when the Act applies.
pub fn no_surprises(bill: &Bill) -> Option<bool> {
    let sender = bill.sender;
    let emergency = bill.emergency == Some(true)
        && sender != Some(BillSender::Ambulance)
        && match bill.coverage {
            Some(Coverage::OutOfNetwork) => true,
            // In network or out, emergency care costs only the in-network
            // share (A3), so not knowing the network changes nothing.
            Some(Coverage::InsuredNotSure) => true,
            _ => false,
        };
    let at_in_network_facility = bill.emergency == Some(false)
        && bill.in_network_facility == Some(Answer3::Yes)
        && matches!(bill.coverage, Some(Coverage::OutOfNetwork | Coverage::InsuredNotSure))
        && matches!(
            sender,
            Some(BillSender::DoctorOffice | BillSender::Lab | BillSender::Other)
        );
    if emergency {
        Some(true)
    } else {
        at_in_network_facility.then_some(false)
    }
}

/// A3/E4: non-emergency care from an out-of-network (or not known)
/// clinician, doctor or lab at a hospital or surgery center whose network
/// the patient is not sure of. If the facility is in network the No
/// Surprises Act may limit the bill to the in-network share; not knowing
/// is never treated as "outside the Act".
pub fn facility_network_unknown(bill: &Bill) -> bool {
    bill.emergency == Some(false)
        && bill.in_network_facility == Some(Answer3::NotSure)
        && matches!(bill.coverage, Some(Coverage::OutOfNetwork | Coverage::InsuredNotSure))
        && matches!(
            bill.sender,
            Some(BillSender::DoctorOffice | BillSender::Lab | BillSender::Other)
        )
}

/// A3: a self-pay bill $400 or more above its good-faith estimate.
fn over_estimate(bill: &Bill) -> Option<Proposal> {
    if bill.coverage != Some(Coverage::SelfPay) {
        return None;
    }
    let Some(Estimate::Amount(estimate)) = bill.estimate else {
        return None;
    };
    let total = bill.billed_total()?;
    let over = total - estimate;
    if over < ESTIMATE_DISPUTE_MIN {
        return None;
    }
    let deadline = bill
        .first_bill_date
        .and_then(|date| date.checked_add_days(Days::new(ESTIMATE_DISPUTE_DAYS)));
    let issue = VisitIssue::OverEstimate {
        total,
        estimate,
        deadline,
    };
    Some(proposal(issue, Vec::new(), Certainty::Likely, Stake::Amount(over)))
}

fn is_packaged(status_indicator: &str) -> bool {
    matches!(status_indicator, "N" | "Q1" | "Q2" | "Q3" | "Q4")
}

fn schedule_for(item: &LineItem, bill: &Bill) -> FeeSchedule {
    let hospital = item.revenue_code.is_some() || bill.sender == Some(BillSender::Hospital);
    if hospital && !revenue_in(item, &PROFESSIONAL_FEES) {
        FeeSchedule::Hospital
    } else {
        FeeSchedule::Physician
    }
}

fn medicare_rate(code: &str, schedule: FeeSchedule, reference: &Reference) -> Option<Decimal> {
    let rate = match schedule {
        FeeSchedule::Hospital => {
            let entry = reference.opps(code)?;
            if is_packaged(&entry.status_indicator) {
                return None;
            }
            entry.rate?
        }
        FeeSchedule::Physician => reference.physician_rate(code)?,
    };
    (rate > Decimal::ZERO).then_some(rate)
}

/// A drug (a J code, or a pharmacy or drug revenue code 025x, 063x):
/// Medicare prices it per HCPCS billing unit (e.g. per 15 mg), which a
/// statement's "1" does not show (domain-facts-2 E12).
fn is_drug(item: &LineItem) -> bool {
    let code = item.code.as_deref().unwrap_or("").trim();
    code.starts_with('J')
        || code.starts_with('j')
        || revenue(item).is_some_and(|rev| (250..=259).contains(&rev) || (630..=639).contains(&rev))
}

fn price_check(index: usize, item: &LineItem, bill: &Bill, reference: &Reference) -> Option<(PriceCheck, FeeSchedule)> {
    // A drug is compared only when its units say how many billing units
    // were given: one "unit" of a $45 shot is not one 15 mg unit.
    if !is_charge(item) || (is_drug(item) && item.units <= 1) {
        return None;
    }
    let schedule = schedule_for(item, bill);
    let medicare = medicare_rate(item.code.as_deref()?, schedule, reference)?;
    let units = Decimal::from(item.units.max(1));
    let multiple = (item.amount / units / medicare).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let target = cents(medicare * FAIR_MARKUP * units);
    Some((
        PriceCheck {
            item: index,
            medicare,
            multiple,
            target,
        },
        schedule,
    ))
}

/// B: a line at 3× Medicare or more; at stake, what is above Medicare + 30%.
/// The shown multiple (one decimal) decides, so "3.0 times" always comes
/// with a finding.
///
/// Only for patients paying the charges themselves (self-pay, or coverage
/// not given): an insurer's contract or Medicare already sets the price for
/// insured patients, whose share is the EOB's, not the charge.
fn high_prices(bill: &Bill, reference: &Reference) -> Vec<Proposal> {
    if !matches!(bill.coverage, None | Some(Coverage::SelfPay)) {
        return Vec::new();
    }
    bill.items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| price_check(index, item, bill, reference))
        .filter(|(check, _)| check.multiple >= HIGH_MULTIPLE)
        .map(|(check, schedule)| {
            let amount = bill.items[check.item].amount - check.target;
            let issue = VisitIssue::HighPrice {
                item: check.item,
                schedule,
                medicare: check.medicare,
                multiple: check.multiple,
                target: check.target,
            };
            proposal(
                issue,
                vec![check.item],
                Certainty::WorthAsking,
                Stake::PartOfItem {
                    item: check.item,
                    amount,
                },
            )
        })
        .collect()
}

/// A8: the state law that covers this income, if any (IL for the uninsured
/// only; MD's reduced-cost care has no upper limit in our sources, so we
/// stop at the usual 400%).
fn state_program(state: Option<&str>, percent: Decimal, coverage: Option<Coverage>) -> Option<StateProgram> {
    let at_most = |limit: i64| percent <= Decimal::from(limit);
    match state?.trim().to_ascii_uppercase().as_str() {
        "CA" if at_most(400) => Some(StateProgram::California),
        "WA" if at_most(400) => Some(StateProgram::Washington),
        "MD" if at_most(400) => Some(StateProgram::Maryland),
        "NY" if at_most(400) => Some(StateProgram::NewYork),
        "IL" if at_most(600) && coverage == Some(Coverage::SelfPay) => Some(StateProgram::Illinois),
        "CO" if at_most(250) => Some(StateProgram::Colorado),
        _ => None,
    }
}

/// A2/A7/A8: a nonprofit hospital's financial-assistance policy, with the
/// household's income against the poverty guideline.
fn financial_assistance(bill: &Bill) -> Option<Proposal> {
    if bill.sender != Some(BillSender::Hospital) {
        return None;
    }
    let nonprofit_confirmed = match bill.nonprofit? {
        Answer3::Yes => true,
        Answer3::NotSure => false,
        Answer3::No => return None,
    };
    let household = bill.household_size.filter(|&n| n > 0)?;
    let income = bill.yearly_income?;
    let state = bill.state.as_deref();
    let percent = poverty_percent(income, household, state);
    let program = state_program(state, percent, bill.coverage);
    let certainty = if percent <= FREE_CARE_PERCENT {
        Certainty::Likely
    } else if percent <= DISCOUNT_PERCENT || program.is_some() {
        Certainty::WorthAsking
    } else {
        return None;
    };
    let issue = VisitIssue::FinancialAssistance {
        percent,
        household,
        income,
        guideline: poverty_guideline(household, state),
        program,
        nonprofit_confirmed,
    };
    Some(proposal(issue, Vec::new(), certainty, Stake::Nothing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bill::{EobFigures, Estimate};
    use std::collections::BTreeSet;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn day(month: u32, date: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, date).unwrap()
    }

    fn today() -> NaiveDate {
        day(11, 28)
    }

    fn reference() -> Reference {
        Reference::embedded().unwrap()
    }

    fn line(revenue: &str, code: &str, units: u32, amount: &str) -> LineItem {
        LineItem {
            date: Some(day(3, 14)),
            revenue_code: (!revenue.is_empty()).then(|| revenue.to_string()),
            code: (!code.is_empty()).then(|| code.to_string()),
            modifiers: Vec::new(),
            description: format!("line {code}"),
            units,
            amount: d(amount),
        }
    }

    fn on(date: NaiveDate, item: LineItem) -> LineItem {
        LineItem {
            date: Some(date),
            ..item
        }
    }

    fn hospital(items: Vec<LineItem>) -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::No),
            coverage: Some(Coverage::InNetwork),
            has_itemized: Some(true),
            items,
            ..Bill::default()
        }
    }

    fn ids(proposals: &[Proposal]) -> Vec<&'static str> {
        proposals.iter().map(|p| p.kind.id()).collect()
    }

    fn issue(p: &Proposal) -> &VisitIssue {
        match &p.kind {
            FindingKind::Visit(issue) => issue,
            other => panic!("not a visit finding: {other:?}"),
        }
    }

    fn only(bill: &Bill, id: &str) -> Proposal {
        let found: Vec<Proposal> = propose(bill, &reference(), today())
            .into_iter()
            .filter(|p| p.kind.id() == id)
            .collect();
        assert_eq!(found.len(), 1, "{id}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_collector_bill_asks_for_validation_within_thirty_days_of_the_letter() {
        let mut bill = Bill {
            sender: Some(BillSender::CollectionsAgency),
            amount_due: Some(d("1950.00")),
            collector_letter_date: Some(day(11, 20)),
            ..Bill::default()
        };
        let p = only(&bill, "validate_debt");
        assert_eq!(
            issue(&p),
            &VisitIssue::ValidateDebt {
                deadline: Some(day(12, 18))
            }
        );
        assert!(issue(&p).is_first_step() && issue(&p).is_step());
        bill.collector_letter_date = None;
        assert_eq!(
            issue(&only(&bill, "validate_debt")),
            &VisitIssue::ValidateDebt { deadline: None }
        );
        // A provider's bill the user says is in collections counts too.
        let sent_on = Bill {
            sender: Some(BillSender::Hospital),
            in_collections: Some(true),
            ..Bill::default()
        };
        only(&sent_on, "validate_debt");
        let not_yet = Bill {
            sender: Some(BillSender::Hospital),
            in_collections: Some(false),
            ..Bill::default()
        };
        assert!(!ids(&propose(&not_yet, &reference(), today())).contains(&"validate_debt"));
    }

    #[test]
    fn a_clean_bill_gives_no_findings() {
        let bill = hospital(vec![
            line("0450", "99283", 1, "650.00"),
            line("0300", "85025", 1, "95.00"),
            line("0300", "36415", 1, "25.00"),
            line("0320", "71046", 1, "180.00"),
        ]);
        assert_eq!(ids(&propose(&bill, &reference(), today())), Vec::<&str>::new());
        assert!(propose(&Bill::default(), &reference(), today()).is_empty());
    }

    #[test]
    fn asks_for_the_itemized_bill_first() {
        let bill = Bill {
            has_itemized: Some(false),
            amount_due: Some(d("2400")),
            ..hospital(vec![])
        };
        let p = only(&bill, "ask_for_itemized");
        assert_eq!((p.certainty, &p.stake), (Certainty::Certain, &Stake::Nothing));
        let finding = Finding {
            kind: p.kind,
            items: vec![],
            at_stake: Decimal::ZERO,
            certainty: p.certainty,
        };
        assert!(is_first_step(&finding));
        let with_items = hospital(vec![line("0450", "99283", 1, "650.00")]);
        assert!(!ids(&propose(&with_items, &reference(), today())).contains(&"ask_for_itemized"));
    }

    #[test]
    fn a_level_5_er_visit_without_intensity_is_questioned_unless_admitted() {
        let er_levels = |bill: &Bill| -> Vec<Proposal> {
            propose(bill, &reference(), today())
                .into_iter()
                .filter(|p| p.kind.id() == "er_level")
                .collect()
        };
        let bill = hospital(vec![
            line("0450", "99285", 1, "1200.00"),
            line("", "99284", 1, "300.00"),
        ]);
        let found = er_levels(&bill);
        assert_eq!(found.len(), 1, "level 4, the most common, is not questioned");
        assert_eq!(issue(&found[0]), &VisitIssue::ErLevel { item: 0, level: 5 });
        assert_eq!(
            (found[0].certainty, &found[0].stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
        // A CT scan, an IV drug or critical care supports a high level.
        for evidence in [
            line("0350", "70450", 1, "1800.00"),
            line("0260", "96374", 1, "300.00"),
            line("", "99291", 1, "900.00"),
        ] {
            let bill = hospital(vec![line("0450", "99285", 1, "1200.00"), evidence.clone()]);
            assert!(er_levels(&bill).is_empty(), "{evidence:?}");
        }

        let admitted = hospital(vec![
            line("0450", "99285", 1, "1200.00"),
            line("0120", "", 1, "2100.00"),
        ]);
        assert!(!ids(&propose(&admitted, &reference(), today())).contains(&"er_level"));
        let level_3 = hospital(vec![line("0450", "99283", 1, "650.00")]);
        assert!(propose(&level_3, &reference(), today()).is_empty());
    }

    #[test]
    fn a_trauma_activation_on_a_visit_sent_home_is_questioned() {
        let bill = hospital(vec![
            line("0450", "99284", 1, "1100.00"),
            line("0681", "", 1, "9500.00"),
            line("0300", "85025", 1, "95.00"),
        ]);
        let p = only(&bill, "trauma_activation");
        assert_eq!(
            issue(&p),
            &VisitIssue::TraumaActivation {
                amount: d("9500"),
                not_admitted: true,
                without_critical_care: false
            }
        );
        assert_eq!((p.items.clone(), p.stake.clone()), (vec![1], Stake::Items(vec![1])));

        // G0390 needs 99291, even for an admitted patient.
        let g0390 = hospital(vec![
            line("0681", "G0390", 1, "9500.00"),
            line("0120", "", 1, "2100.00"),
        ]);
        let p = only(&g0390, "trauma_activation");
        assert_eq!(
            issue(&p),
            &VisitIssue::TraumaActivation {
                amount: d("9500"),
                not_admitted: false,
                without_critical_care: true
            }
        );
        let with_critical_care = hospital(vec![
            line("0681", "G0390", 1, "3000.00"),
            line("0450", "99291", 1, "2000.00"),
            line("0120", "", 1, "2100.00"),
        ]);
        assert!(!ids(&propose(&with_critical_care, &reference(), today())).contains(&"trauma_activation"));
    }

    #[test]
    fn a_doctors_own_office_visit_is_no_facility_fee() {
        // Trial T3a: a doctor's office bill, 99214 under revenue code 0510.
        let mut bill = hospital(vec![
            line("0510", "99214", 1, "180.00"),
            line("0300", "36415", 1, "22.00"),
        ]);
        bill.sender = Some(BillSender::DoctorOffice);
        let found = propose(&bill, &reference(), today());
        assert!(!ids(&found).contains(&"facility_fee"), "{:?}", ids(&found));
        // On the hospital's own bill the clinic line is the facility's charge.
        bill.sender = Some(BillSender::Hospital);
        let found = propose(&bill, &reference(), today());
        assert!(ids(&found).contains(&"facility_fee"), "{:?}", ids(&found));
        // G0463 is the hospital clinic visit on any bill.
        let mut bill = hospital(vec![line("0510", "G0463", 1, "300.00")]);
        bill.sender = Some(BillSender::DoctorOffice);
        assert!(ids(&propose(&bill, &reference(), today())).contains(&"facility_fee"));
    }

    #[test]
    fn facility_fees_are_questions_without_money() {
        let bill = hospital(vec![
            line("0510", "G0463", 1, "300.00"),
            line("0450", "", 1, "1850.00"),
            line("0450", "99283", 1, "650.00"),
        ]);
        let found: Vec<Proposal> = propose(&bill, &reference(), today())
            .into_iter()
            .filter(|p| p.kind.id() == "facility_fee")
            .collect();
        assert_eq!(found.len(), 2);
        assert_eq!(
            issue(&found[0]),
            &VisitIssue::FacilityFee {
                kind: FacilityKind::Clinic,
                amount: d("300")
            }
        );
        assert_eq!(found[0].items, vec![0]);
        assert_eq!(
            issue(&found[1]),
            &VisitIssue::FacilityFee {
                kind: FacilityKind::Emergency,
                amount: d("1850")
            }
        );
        assert_eq!(found[1].items, vec![1]);
        assert!(found
            .iter()
            .all(|p| p.stake == Stake::Nothing && p.certainty == Certainty::WorthAsking));
    }

    #[test]
    fn charges_after_the_inferred_discharge_are_likely_errors() {
        let bill = hospital(vec![
            on(day(3, 1), line("0120", "", 3, "6300.00")),
            on(day(3, 4), line("0250", "", 1, "40.00")),
            on(day(3, 6), line("0300", "85025", 1, "95.00")),
        ]);
        let p = only(&bill, "after_discharge");
        assert_eq!(
            issue(&p),
            &VisitIssue::AfterDischarge {
                last_night: day(3, 3),
                discharge: day(3, 4),
                amount: d("95")
            }
        );
        assert_eq!((p.certainty, p.stake), (Certainty::Likely, Stake::Items(vec![2])));
        // Without room lines there is no discharge to infer.
        let outpatient = hospital(vec![
            on(day(3, 1), line("0450", "99283", 1, "650")),
            on(day(3, 9), line("0300", "85025", 1, "95")),
        ]);
        assert!(propose(&outpatient, &reference(), today()).is_empty());
    }

    #[test]
    fn a_room_charged_for_the_discharge_day_costs_one_night() {
        // Admitted Mar 1, last charges Mar 4: 3 nights, 4 charged. Without
        // the discharge date, a question with nothing counted (a morning
        // discharge may have no charge of its own).
        let mut bill = hospital(vec![
            on(day(3, 1), line("0120", "", 4, "8400.00")),
            on(day(3, 4), line("0250", "", 1, "40.00")),
        ]);
        let p = only(&bill, "discharge_day_room");
        assert_eq!((p.certainty, &p.stake), (Certainty::WorthAsking, &Stake::Nothing));
        // The user says they went home on Mar 4: likely, one night at stake.
        bill.discharge_date = Some(day(3, 4));
        let p = only(&bill, "discharge_day_room");
        assert_eq!(p.certainty, Certainty::Likely);
        assert_eq!(
            issue(&p),
            &VisitIssue::DischargeDayRoom {
                item: 0,
                admission: day(3, 1),
                discharge: day(3, 4),
                nights_charged: 4,
                nights_expected: 3,
                night_charge: d("2100.00"),
            }
        );
        assert_eq!(
            p.stake,
            Stake::PartOfItem {
                item: 0,
                amount: d("2100.00")
            }
        );
        // Daily lines, the last one on the discharge day.
        let mut daily = hospital(
            (1..=3)
                .map(|date| on(day(3, date), line("0120", "", 1, "2000.00")))
                .collect(),
        );
        daily.discharge_date = Some(day(3, 3));
        let p = only(&daily, "discharge_day_room");
        assert_eq!(
            p.stake,
            Stake::PartOfItem {
                item: 2,
                amount: d("2000.00")
            }
        );
        // The right number of nights, and a same-day stay counted as one.
        let right = hospital(vec![
            on(day(3, 1), line("0120", "", 3, "6300.00")),
            on(day(3, 4), line("0250", "", 1, "40")),
        ]);
        assert!(propose(&right, &reference(), today()).is_empty());
        let same_day = hospital(vec![on(day(3, 1), line("0120", "", 1, "2100.00"))]);
        assert!(propose(&same_day, &reference(), today()).is_empty());
        // Two nights, a morning discharge with no charge of its own, and the
        // user's date: no finding.
        let mut two_nights = hospital(vec![on(day(3, 1), line("0120", "", 2, "4000.00"))]);
        two_nights.discharge_date = Some(day(3, 3));
        assert!(propose(&two_nights, &reference(), today()).is_empty());
    }

    #[test]
    fn services_not_received_are_at_stake_in_full() {
        let mut bill = hospital(vec![line("0300", "85025", 1, "95.00"), line("0250", "", 1, "45.50")]);
        bill.not_received = BTreeSet::from([1, 7]);
        let p = only(&bill, "not_received");
        assert_eq!(issue(&p), &VisitIssue::NotReceived { amount: d("45.50") });
        assert_eq!((p.certainty, p.stake), (Certainty::Likely, Stake::Items(vec![1])));
    }

    fn insured(claim: ClaimStatus, eob: EobFigures, amount_due: &str) -> Bill {
        Bill {
            claim: Some(claim),
            eob,
            amount_due: Some(d(amount_due)),
            ..hospital(vec![line("0450", "99283", 1, "650.00")])
        }
    }

    fn eob(billed: &str, allowed: &str, plan_paid: &str, your_share: &str) -> EobFigures {
        EobFigures {
            billed: Some(d(billed)),
            allowed: Some(d(allowed)),
            plan_paid: Some(d(plan_paid)),
            your_share: Some(d(your_share)),
        }
    }

    #[test]
    fn a_bill_above_the_eob_share_is_likely_wrong() {
        let bill = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "100"), "350");
        let p = only(&bill, "balance_differs_from_eob");
        assert_eq!(
            issue(&p),
            &VisitIssue::BalanceDiffersFromEob {
                amount_due: d("350"),
                your_share: d("100")
            }
        );
        assert_eq!((p.certainty, p.stake), (Certainty::Likely, Stake::Amount(d("250"))));
        // Equal (within $1), or below: nothing.
        let matching = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "100"), "100.80");
        assert!(propose(&matching, &reference(), today()).is_empty());
        let lower = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "100"), "60");
        assert!(propose(&lower, &reference(), today()).is_empty());
    }

    #[test]
    fn the_eob_must_add_up() {
        // Allowed 400 − paid 300 = 100, but the share says 180.
        let bill = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "180"), "180");
        let p = only(&bill, "eob_math");
        assert_eq!(
            issue(&p),
            &VisitIssue::EobMath {
                allowed: d("400"),
                plan_paid: d("300"),
                your_share: d("180")
            }
        );
        assert_eq!((p.certainty, p.stake), (Certainty::WorthAsking, Stake::Amount(d("80"))));
        // A share below the math (a secondary insurer, a write-off) is in
        // the patient's favour: no finding.
        let lower = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "50"), "50");
        assert!(propose(&lower, &reference(), today()).is_empty());
        // Medicare pays 2% less than allowed − coinsurance (sequestration):
        // allowed 400, coinsurance 80, paid 313.60; no finding.
        let mut medicare = insured(ClaimStatus::PaidPart, eob("650", "400", "313.60", "80"), "80");
        medicare.coverage = Some(Coverage::Medicare);
        assert!(propose(&medicare, &reference(), today()).is_empty());
        // Off by a dollar is rounding; a denied claim has no such math.
        let rounding = insured(ClaimStatus::PaidPart, eob("650", "400", "300", "100.90"), "100.90");
        assert!(propose(&rounding, &reference(), today()).is_empty());
        let denied = insured(ClaimStatus::Denied, eob("650", "0", "0", "650"), "650");
        assert_eq!(
            ids(&propose(&denied, &reference(), today())),
            ["appeal_denial"],
            "only the appeal"
        );
    }

    #[test]
    fn without_eob_figures_ask_for_the_eob() {
        let bill = insured(ClaimStatus::Denied, EobFigures::default(), "650");
        let p = only(&bill, "ask_for_eob");
        assert_eq!(issue(&p), &VisitIssue::AskForEob { denied: true });
        assert_eq!((p.certainty, p.stake), (Certainty::Certain, Stake::Nothing));
        // Not processed yet, or self-pay: nothing to ask for.
        let pending = insured(ClaimStatus::Pending, EobFigures::default(), "650");
        assert!(propose(&pending, &reference(), today()).is_empty());
    }

    #[test]
    fn emergency_care_out_of_network_is_protected_from_balance_billing() {
        let bill = Bill {
            emergency: Some(true),
            coverage: Some(Coverage::OutOfNetwork),
            ..insured(ClaimStatus::PaidPart, eob("650", "400", "300", "100"), "550")
        };
        let p = only(&bill, "balance_billing");
        assert_eq!(
            issue(&p),
            &VisitIssue::BalanceBilling {
                amount_due: d("550"),
                your_share: d("100"),
                emergency: true,
            }
        );
        assert_eq!((p.certainty, p.stake), (Certainty::Likely, Stake::Amount(d("450"))));
        assert!(!ids(&propose(&bill, &reference(), today())).contains(&"balance_differs_from_eob"));
        // "Not sure" of the network counts too, for a hospital or an ER
        // doctor's bill alike: in network or out, emergency care costs only
        // the in-network share, as the plan says.
        let not_sure = Bill {
            coverage: Some(Coverage::InsuredNotSure),
            ..bill.clone()
        };
        only(&not_sure, "balance_billing");
        let office = Bill {
            sender: Some(BillSender::DoctorOffice),
            ..not_sure
        };
        only(&office, "balance_billing");
        // Never for an ambulance; outside the Act, out of network is only a question.
        let ambulance = Bill {
            sender: Some(BillSender::Ambulance),
            ..bill.clone()
        };
        assert_eq!(
            only(&ambulance, "balance_differs_from_eob").certainty,
            Certainty::WorthAsking
        );
        let not_emergency = Bill {
            emergency: Some(false),
            ..bill
        };
        assert_eq!(
            only(&not_emergency, "balance_differs_from_eob").certainty,
            Certainty::WorthAsking
        );
    }

    #[test]
    fn a_self_pay_bill_400_over_the_estimate_can_be_disputed() {
        let bill = Bill {
            coverage: Some(Coverage::SelfPay),
            estimate: Some(Estimate::Amount(d("500"))),
            first_bill_date: Some(day(4, 2)),
            amount_due: Some(d("900")),
            ..hospital(vec![line("0450", "99283", 1, "650.00")])
        };
        let p = only(&bill, "over_estimate");
        assert_eq!(
            issue(&p),
            &VisitIssue::OverEstimate {
                total: d("900"),
                estimate: d("500"),
                deadline: Some(day(7, 31))
            }
        );
        assert_eq!((p.certainty, p.stake), (Certainty::Likely, Stake::Amount(d("400"))));
        let under = Bill {
            amount_due: Some(d("899.99")),
            ..bill.clone()
        };
        assert!(propose(&under, &reference(), today()).is_empty());
        // The gross charges of the itemized bill are not what the patient
        // is billed: $650 of items, $100 due, a $200 estimate is no dispute.
        let items_larger = Bill {
            amount_due: Some(d("100")),
            estimate: Some(Estimate::Amount(d("200"))),
            ..bill.clone()
        };
        assert!(propose(&items_larger, &reference(), today()).is_empty());
        // Without an amount due, the items' total is what is billed.
        let items_only = Bill {
            amount_due: None,
            estimate: Some(Estimate::Amount(d("200"))),
            ..bill
        };
        assert_eq!(only(&items_only, "over_estimate").stake, Stake::Amount(d("450.00")));
    }

    #[test]
    fn prices_are_checked_against_the_right_medicare_rate() {
        let reference = reference();
        let bill = hospital(vec![
            line("0450", "99285", 1, "2433.72"), // OPPS 608.43 → 4.0×
            line("0300", "36415", 1, "40.00"),   // Q4: packaged
            line("0636", "J1885", 2, "90.00"),   // K1: 0.341 a unit
            line("0960", "99285", 1, "337.70"),  // professional fee: PFS 168.85 → 2.0×
        ]);
        let checks = price_checks(&bill, &reference);
        assert_eq!(checks.len(), 3);
        assert_eq!(
            checks[0],
            PriceCheck {
                item: 0,
                medicare: d("608.43"),
                multiple: d("4.0"),
                target: d("790.96")
            }
        );
        assert_eq!(checks[1].item, 2);
        assert_eq!(checks[1].target, d("0.89"));
        assert_eq!(
            checks[2],
            PriceCheck {
                item: 3,
                medicare: d("168.85"),
                multiple: d("2.0"),
                target: d("219.51")
            }
        );

        let office = Bill {
            sender: Some(BillSender::DoctorOffice),
            ..hospital(vec![line("", "99213", 1, "150.00")])
        };
        assert_eq!(price_checks(&office, &reference)[0].medicare, d("88.95"));
        let packaged = hospital(vec![line("0320", "71046", 1, "900.00")]); // Q3
        assert!(price_checks(&packaged, &reference).is_empty());
    }

    #[test]
    fn prices_at_three_times_medicare_or_more_are_worth_asking() {
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::SelfPay),
            ..hospital(vec![line("", "99213", 1, "266.85"), line("", "99213", 1, "260.00")])
        };
        // 266.85 / 88.95 = 3.0; 260 / 88.95 = 2.9.
        let p = only(&bill, "high_price");
        assert_eq!(
            issue(&p),
            &VisitIssue::HighPrice {
                item: 0,
                schedule: FeeSchedule::Physician,
                medicare: d("88.95"),
                multiple: d("3.0"),
                target: d("115.64"),
            }
        );
        assert_eq!(
            (p.certainty, p.stake),
            (
                Certainty::WorthAsking,
                Stake::PartOfItem {
                    item: 0,
                    amount: d("151.21")
                }
            )
        );
    }

    #[test]
    fn a_drug_is_compared_with_medicare_only_when_its_units_are_shown() {
        // A $45 ketorolac shot printed as 1 unit: Medicare's rate is per
        // 15 mg billing unit, so no multiple is claimed.
        let one = Bill {
            coverage: Some(Coverage::SelfPay),
            ..hospital(vec![line("0636", "J1885", 1, "45.00")])
        };
        assert!(price_checks(&one, &reference()).is_empty());
        assert!(!ids(&propose(&one, &reference(), today())).contains(&"high_price"));
        // Printed with its billing units, it is compared per unit.
        let units = Bill {
            items: vec![line("0636", "J1885", 2, "90.00")],
            ..one
        };
        assert_eq!(price_checks(&units, &reference()).len(), 1);
    }

    #[test]
    fn poverty_percentages_match_the_2026_table() {
        // A7, 48 states + DC: 100% / 200% / 250% / 300% / 400% by household size.
        let table = [
            (1, ["15960", "31920", "39900", "47880", "63840"]),
            (2, ["21640", "43280", "54100", "64920", "86560"]),
            (3, ["27320", "54640", "68300", "81960", "109280"]),
            (4, ["33000", "66000", "82500", "99000", "132000"]),
        ];
        for (household, incomes) in table {
            for (income, percent) in incomes.iter().zip(["100", "200", "250", "300", "400"]) {
                assert_eq!(
                    poverty_percent(d(income), household, Some("TX")),
                    d(percent),
                    "{household} {income}"
                );
            }
        }
        assert_eq!(poverty_percent(d("15960"), 1, None), d("100"));
        assert_eq!(poverty_percent(d("19950"), 1, Some("AK")), d("100"));
        assert_eq!(poverty_percent(d("27050"), 2, Some("ak")), d("100"));
        assert_eq!(poverty_percent(d("18360"), 1, Some("HI")), d("100"));
        assert_eq!(poverty_percent(d("62840"), 3, Some("HI")), d("200"));
        assert_eq!(poverty_percent(d("20000"), 1, Some("CA")), d("125.3"));
        assert_eq!(poverty_guideline(0, None), d("15960"));
    }

    fn nonprofit(income: &str, household: u32, state: &str) -> Bill {
        Bill {
            nonprofit: Some(Answer3::Yes),
            household_size: Some(household),
            yearly_income: Some(d(income)),
            state: Some(state.to_string()),
            ..hospital(vec![line("0450", "99283", 1, "650.00")])
        }
    }

    fn assistance(bill: &Bill) -> Option<(Certainty, Option<StateProgram>, Decimal)> {
        propose(bill, &reference(), today())
            .into_iter()
            .find(|p| p.kind.id() == "financial_assistance")
            .map(|p| {
                let certainty = p.certainty;
                assert_eq!(p.stake, Stake::Nothing);
                match issue(&p) {
                    VisitIssue::FinancialAssistance { program, percent, .. } => (certainty, *program, *percent),
                    other => panic!("{other:?}"),
                }
            })
    }

    #[test]
    fn a_nonprofit_hospital_may_owe_financial_assistance() {
        assert_eq!(
            assistance(&nonprofit("43280", 2, "TX")),
            Some((Certainty::Likely, None, d("200")))
        );
        assert_eq!(
            assistance(&nonprofit("86560", 2, "TX")),
            Some((Certainty::WorthAsking, None, d("400")))
        );
        assert_eq!(assistance(&nonprofit("86600", 2, "TX")), None);
        assert_eq!(
            assistance(&nonprofit("54100", 2, "CO")),
            Some((Certainty::WorthAsking, Some(StateProgram::Colorado), d("250")))
        );
        assert_eq!(assistance(&nonprofit("64920", 2, "CO")).unwrap().1, None);
        assert_eq!(
            assistance(&nonprofit("30000", 2, "WA")).unwrap().1,
            Some(StateProgram::Washington)
        );
        assert_eq!(
            assistance(&nonprofit("30000", 2, "ca")).unwrap().1,
            Some(StateProgram::California)
        );
        assert_eq!(
            assistance(&nonprofit("30000", 2, "MD")).unwrap().1,
            Some(StateProgram::Maryland)
        );
        assert_eq!(
            assistance(&nonprofit("30000", 2, "NY")).unwrap().1,
            Some(StateProgram::NewYork)
        );
        // Illinois reaches 600%, for the uninsured only.
        let illinois = nonprofit("120000", 2, "IL");
        assert_eq!(assistance(&illinois), None);
        let uninsured = Bill {
            coverage: Some(Coverage::SelfPay),
            ..illinois
        };
        assert_eq!(
            assistance(&uninsured),
            Some((Certainty::WorthAsking, Some(StateProgram::Illinois), d("554.5")))
        );
        // Not a nonprofit, not a hospital, or no income given: nothing.
        let not_sure = Bill {
            nonprofit: Some(Answer3::NotSure),
            ..nonprofit("20000", 1, "TX")
        };
        assert!(assistance(&not_sure).is_some());
        let for_profit = Bill {
            nonprofit: Some(Answer3::No),
            ..nonprofit("20000", 1, "TX")
        };
        assert_eq!(assistance(&for_profit), None);
        let lab = Bill {
            sender: Some(BillSender::Lab),
            ..nonprofit("20000", 1, "TX")
        };
        assert_eq!(assistance(&lab), None);
        let no_income = Bill {
            yearly_income: None,
            ..nonprofit("20000", 1, "TX")
        };
        assert_eq!(assistance(&no_income), None);
    }

    #[test]
    fn every_issue_has_its_own_id() {
        let issues = [
            VisitIssue::ErLevel { item: 0, level: 5 },
            VisitIssue::TraumaActivation {
                amount: Decimal::ONE,
                not_admitted: true,
                without_critical_care: false,
            },
            VisitIssue::FacilityFee {
                kind: FacilityKind::Clinic,
                amount: Decimal::ONE,
            },
            VisitIssue::AfterDischarge {
                last_night: day(3, 1),
                discharge: day(3, 2),
                amount: Decimal::ONE,
            },
            VisitIssue::DischargeDayRoom {
                item: 0,
                admission: day(3, 1),
                discharge: day(3, 2),
                nights_charged: 2,
                nights_expected: 1,
                night_charge: Decimal::ONE,
            },
            VisitIssue::NotReceived { amount: Decimal::ONE },
            VisitIssue::BalanceDiffersFromEob {
                amount_due: Decimal::TWO,
                your_share: Decimal::ONE,
            },
            VisitIssue::EobMath {
                allowed: Decimal::TWO,
                plan_paid: Decimal::ONE,
                your_share: Decimal::TWO,
            },
            VisitIssue::AskForEob { denied: false },
            VisitIssue::BalanceBilling {
                amount_due: Decimal::TWO,
                your_share: Decimal::ONE,
                emergency: true,
            },
            VisitIssue::OverEstimate {
                total: Decimal::TWO,
                estimate: Decimal::ONE,
                deadline: None,
            },
            VisitIssue::HighPrice {
                item: 0,
                schedule: FeeSchedule::Hospital,
                medicare: Decimal::ONE,
                multiple: Decimal::TEN,
                target: Decimal::ONE,
            },
            VisitIssue::FinancialAssistance {
                percent: Decimal::ONE_HUNDRED,
                household: 1,
                income: Decimal::ONE,
                guideline: Decimal::ONE,
                program: None,
                nonprofit_confirmed: true,
            },
            VisitIssue::AskForItemized,
        ];
        let ids: BTreeSet<&str> = issues.iter().map(VisitIssue::id).collect();
        assert_eq!(ids.len(), issues.len());
        assert!(ids
            .iter()
            .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
    }
}
