//! Dated advice for one bill: which deadlines and windows apply, when they
//! fall, and where each rule comes from.
//!
//! [`advise`] takes the bill's facts and today's date (passed in: this module
//! never reads the clock) and returns the [`Advice`] that applies, most urgent
//! first. Each rule and figure comes from `domain-facts.md` §A1–A6; the
//! practical tips that are ours (the best day to call, waiting for the EOB)
//! carry no source. Nothing here computes a statute of limitations or a
//! state-specific deadline: those are said, never counted.

use super::bill::{Answer3, Bill, BillSender, ClaimStatus, Coverage, Estimate};
use super::coverage::{self, AppealKind};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

/// Where each rule comes from (from `domain-facts.md`).
pub mod sources {
    /// A1: when bills typically go to collections (no federal rule).
    pub const COLLECTIONS_TIMING: &str = "https://medebaid.com/how-long-until-medical-debt-goes-to-collections/";
    /// A1: the three bureaus' medical-collection policy (1 year, $500, paid).
    pub const CREDIT_BUREAUS: &str =
        "https://www.equifax.com/personal/help/article-list/-/h/a/medical-debt-collections-on-credit-report-not-removed/";
    /// A1: the CFPB medical-debt rule was vacated on 2025-07-11.
    pub const CFPB_RULE_VACATED: &str = "https://bankingjournal.aba.com/?p=60010";
    /// A2: IRS §501(r)(6), billing and collections at nonprofit hospitals
    /// (the English page; domain-facts cites its `/ht/` translation).
    pub const IRS_501R6: &str = "https://www.irs.gov/charities-non-profits/billing-and-collections-section-501r6";
    /// A2: financial-assistance applications accepted through day 240.
    pub const FINANCIAL_ASSISTANCE: &str = "https://dollarfor.org/faq/";
    /// A3: who gets a good-faith estimate and when it is due.
    pub const GOOD_FAITH_ESTIMATE: &str = "https://www.valeotopeka.org/no-surprises-act/";
    /// A3: the patient-provider dispute ($400, 120 days, $25).
    pub const NSA_DISPUTE: &str = "https://www.paincarerights.org/good-faith-estimate-dispute";
    /// A5: internal appeal, at least 180 days (45 CFR 147.136).
    pub const INTERNAL_APPEAL: &str = "http://laws9.com/cfr/text/45/147/136";
    /// A5: external review within 4 months of the final internal denial.
    pub const EXTERNAL_REVIEW: &str = "https://navigatorguide.georgetown.edu/faq/i-was-denied-coverage-for-a-service-my-doctor-said-i-need-how-can-i-appeal-the-decision";
    /// A4: Regulation F validation notice and period (12 CFR 1006.34).
    pub const DEBT_VALIDATION: &str =
        "https://www.ecfr.gov/current/title-12/chapter-X/part-1006/subpart-B/section-1006.34";
    /// E1: Medicaid's retroactive eligibility (42 CFR 435.915).
    pub const MEDICAID_RETRO: &str =
        "https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-435/subpart-J/section-435.915";
    /// A6: statute of limitations by state (3–10 years; a payment restarts it).
    pub const LIMITATIONS: &str = "https://medibillsaver.com/dispute/statute-of-limitations";
    /// A1: California's floor (AB 1020), on the state's own page.
    pub const CALIFORNIA_FLOOR: &str =
        "https://hcai.ca.gov/affordability/hospital-fair-billing-program/laws-and-regulations";
    /// A1: Washington's floor, quoted by a secondary page.
    pub const WASHINGTON_FLOOR: &str =
        "https://insuredandmore.com/how-long-before-a-medical-bill-can-go-to-collections";
}

/// A1: California (AB 1020): a hospital may not report a bill to a credit
/// bureau or sue over it before 180 days after the first bill.
pub const CALIFORNIA_FLOOR_DAYS: u64 = 180;
/// A1: Washington: a provider may not sell or assign a bill to a collector
/// before 120 days after the first bill.
pub const WASHINGTON_FLOOR_DAYS: u64 = 120;

/// Collections usually start this many days after the first bill (A1: "90
/// days" is the figure most often quoted)…
pub const COLLECTIONS_FROM_DAY: u64 = 90;
/// …and by this day (A1: commonly 60–120 days).
pub const COLLECTIONS_BY_DAY: u64 = 120;
/// A2: no extraordinary collection action before this day at a nonprofit.
pub const NONPROFIT_NO_ECA_DAYS: u64 = 120;
/// A2: financial-assistance applications accepted through at least this day.
pub const ASSISTANCE_DAYS: u64 = 240;
/// A3: a dispute is possible when the bill is this much over the estimate.
pub const NSA_THRESHOLD: Decimal = Decimal::from_parts(400, 0, 0, false, 0);
/// A3: a dispute must be started within this many days of the bill's date.
pub const NSA_DISPUTE_DAYS: u64 = 120;
/// A4: the validation period lasts 30 days (counted here from the
/// collector's letter, which is never later than the legal end).
pub const VALIDATION_DAYS: u64 = 30;
/// A4: receipt of a validation notice is assumed 5 business days after it
/// was sent (12 CFR 1006.34(b)(5)).
pub const VALIDATION_RECEIPT_BUSINESS_DAYS: u32 = 5;

/// A4: the last day to dispute a collector's debt, the one date the plan,
/// the findings, the dates and the letters all give. The safe date to mail
/// a dispute is 30 days from the collector's letter; the period itself ends
/// 30 days after the patient receives the notice, assumed at least 5
/// business days after it was sent. Up to the safe date, that date; after
/// it, the legal end (passed only once that is behind too).
pub fn validation_deadline(letter: NaiveDate, today: NaiveDate) -> NaiveDate {
    // To be safe on a weekday: a dispute mailed to arrive on a Sunday
    // arrives on Monday (trial 7: "arrives by Sun, Dec 20").
    let safe = super::holidays::business_day_on_or_before(plus(letter, VALIDATION_DAYS));
    let legal_end = plus(
        super::holidays::add_business_days(letter, VALIDATION_RECEIPT_BUSINESS_DAYS),
        VALIDATION_DAYS,
    );
    if today <= safe {
        safe
    } else {
        legal_end
    }
}
/// A1: the three bureaus wait a year before listing a medical collection.
pub const CREDIT_REPORTING_DAYS: u64 = 365;
/// The quarter's last business day is mentioned when it is this close.
pub const QUARTER_NEAR_DAYS: i64 = 21;

/// One piece of timing advice: which rule, in which state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceKind {
    /// The claim is pending: wait for the EOB before paying.
    WaitForEob,
    /// The same for Original Medicare: wait for the Medicare Summary
    /// Notice, its statement (E2; it sends no EOB).
    WaitForMsn,
    /// The same for Medicare of a kind not known: wait for the notice from
    /// Medicare or the plan (an MSN or an EOB, E2), never "your insurer".
    WaitForMedicareOrPlan,
    /// Care still ahead, self-pay: ask for a good-faith estimate, negotiate first.
    BeforeCareSelfPay,
    /// Care still ahead, insured or coverage unknown: ask the price, negotiate first.
    BeforeCare,
    /// The last business day of the month is a good day to call.
    BestDayToCall,
    /// Same, and it is also the quarter's last business day, within three weeks.
    BestDayToCallQuarterEnd,
    /// Before day 90 after the first bill.
    CollectionsWindowAhead,
    /// Days 90 to 120 after the first bill.
    CollectionsWindowOpen,
    /// After day 120, and not known to be in collections.
    CollectionsWindowPassed,
    /// A letter from the office gives the day the bill goes to collections,
    /// today or ahead: it stands for the usual window.
    CollectionsNotice,
    /// The same day has passed: the bill may be with a collector.
    CollectionsNoticePassed,
    /// Nonprofit hospital, before day 120: no extraordinary collection action.
    NonprofitNoCollectionsBefore,
    /// California hospital: no credit reporting or lawsuit before day 180
    /// (A1, AB 1020).
    CaliforniaFloor,
    /// Washington: not sold or assigned to a collector before day 120 (A1).
    WashingtonFloor,
    /// Nonprofit hospital, from day 120: only after a 30-day written notice.
    NonprofitNoticeRequired,
    /// Nonprofit hospital, through day 240: financial-assistance applications accepted.
    FinancialAssistanceDeadline,
    /// Nonprofit hospital, after day 240: apply anyway.
    FinancialAssistanceLate,
    /// Self-pay, bill `over` the estimate by $400 or more, within 120 days.
    NoSurprisesDispute { over: Decimal },
    /// Same, but the 120 days have passed.
    NoSurprisesDisputeMissed { over: Decimal },
    /// Denied, with a denial date: appeal within 180 days.
    AppealInternal,
    /// Denied more than 180 days ago.
    AppealInternalPassed,
    /// Denied, the denial date is not known: find it.
    AppealInternalUndated,
    /// After the final internal denial: 4 months for an external review.
    AppealExternal,
    /// Medicare or Medicaid: their own appeal deadlines, on the notice.
    AppealOtherPlan,
    /// Medicare or Medicaid, the notice's date known: appeal by the date
    /// its rule sets (E3; the plan's step computes the same date).
    AppealByNotice { kind: AppealKind },
    /// Same, the date passed.
    AppealByNoticePassed { kind: AppealKind },
    /// In collections, letter date known: 30 days to dispute in writing.
    DebtValidation,
    /// Same, the 30 days counted from the letter are behind but the legal
    /// end (30 days after receipt, assumed 5 business days after sending,
    /// A4) is not: the date is that legal end, not a "to be safe" date.
    DebtValidationLegalEnd,
    /// Same, but the 30 days counted from the letter have passed.
    DebtValidationPassed,
    /// In collections, letter date not known.
    DebtValidationUndated,
    /// Not on a credit report before a year after the first bill.
    CreditReportingNotBefore,
    /// The bureaus' rules in general (a year, $500, removed when paid).
    CreditReporting,
    /// The bill is under $500: the three bureaus do not list it (A1).
    CreditReportingUnder500,
    /// $500 or more and a year since the first bill: if unpaid, it may be
    /// listed now (A1).
    CreditReportingMayShow,
    /// The time to sue depends on the state; a payment can restart it.
    StatuteOfLimitations,
    /// E1: the last day to apply for Medicaid so that it can still reach
    /// back to the care (the plan's step); `rule_change`: the date is the
    /// day before the 2027 rule shortens the reach.
    MedicaidApplyBy { rule_change: bool },
}

impl AdviceKind {
    /// Breaks ties between advice in the same tier and on the same date.
    fn rank(self) -> u8 {
        match self {
            AdviceKind::WaitForEob | AdviceKind::WaitForMsn | AdviceKind::WaitForMedicareOrPlan => 0,
            AdviceKind::DebtValidation | AdviceKind::DebtValidationLegalEnd | AdviceKind::DebtValidationPassed => 1,
            AdviceKind::NoSurprisesDispute { .. }
            | AdviceKind::NoSurprisesDisputeMissed { .. }
            | AdviceKind::MedicaidApplyBy { .. } => 2,
            AdviceKind::AppealInternal | AdviceKind::AppealInternalPassed | AdviceKind::AppealInternalUndated => 3,
            AdviceKind::AppealByNotice { .. } | AdviceKind::AppealByNoticePassed { .. } => 3,
            AdviceKind::AppealOtherPlan => 4,
            AdviceKind::NonprofitNoCollectionsBefore
            | AdviceKind::NonprofitNoticeRequired
            | AdviceKind::CaliforniaFloor
            | AdviceKind::WashingtonFloor => 5,
            AdviceKind::CollectionsWindowAhead
            | AdviceKind::CollectionsWindowOpen
            | AdviceKind::CollectionsWindowPassed
            | AdviceKind::CollectionsNotice
            | AdviceKind::CollectionsNoticePassed => 6,
            AdviceKind::FinancialAssistanceDeadline | AdviceKind::FinancialAssistanceLate => 7,
            AdviceKind::BeforeCareSelfPay | AdviceKind::BeforeCare => 8,
            AdviceKind::DebtValidationUndated => 9,
            AdviceKind::StatuteOfLimitations => 10,
            AdviceKind::CreditReportingNotBefore
            | AdviceKind::CreditReporting
            | AdviceKind::CreditReportingUnder500
            | AdviceKind::CreditReportingMayShow => 11,
            AdviceKind::AppealExternal => 12,
            AdviceKind::BestDayToCall | AdviceKind::BestDayToCallQuarterEnd => 13,
        }
    }
}

/// One dated (or undated) piece of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    pub kind: AdviceKind,
    /// The date that is counted in days from today: a deadline, the start of
    /// a window still ahead, the end of a window open or passed. `None` for
    /// advice without a date.
    pub date: Option<NaiveDate>,
    /// The whole window `(start, end)`, both inclusive, when there is one.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Where the rule comes from; empty for our own practical tips.
    pub sources: &'static [&'static str],
}

impl Advice {
    fn undated(kind: AdviceKind, sources: &'static [&'static str]) -> Advice {
        Advice {
            kind,
            date: None,
            window: None,
            sources,
        }
    }

    fn dated(kind: AdviceKind, date: NaiveDate, sources: &'static [&'static str]) -> Advice {
        Advice {
            kind,
            date: Some(date),
            window: None,
            sources,
        }
    }

    /// Days from `today` to the advice's date: positive ahead, 0 today,
    /// negative past; `None` when undated.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.date.map(|date| days_from(today, date))
    }

    /// Sorts most urgent first:
    /// 1. waiting for the EOB (it says "don't pay yet");
    /// 2. dates still ahead, soonest first (deadlines, windows, the best day
    ///    to call);
    /// 3. undated things to do or to know before paying (find the denial
    ///    date, the dispute window, the statute of limitations);
    /// 4. dates already passed, most recent first ("here is what changes");
    /// 5. background rules: credit reporting, the external review that
    ///    only comes after another denial.
    ///
    /// Ties keep a fixed order by kind.
    fn urgency(&self, today: NaiveDate) -> (u8, i64, u8) {
        let rank = self.kind.rank();
        match (self.kind, self.days_left(today)) {
            (AdviceKind::WaitForEob | AdviceKind::WaitForMsn | AdviceKind::WaitForMedicareOrPlan, _) => (0, 0, rank),
            (
                AdviceKind::CreditReportingNotBefore
                | AdviceKind::CreditReporting
                | AdviceKind::CreditReportingUnder500
                | AdviceKind::CreditReportingMayShow
                | AdviceKind::AppealExternal,
                _,
            ) => (4, 0, rank),
            (_, Some(days)) if days >= 0 => (1, days, rank),
            (_, None) => (2, 0, rank),
            (_, Some(days)) => (3, -days, rank),
        }
    }
}

/// Days from `today` to `date`: positive when `date` is ahead.
pub fn days_from(today: NaiveDate, date: NaiveDate) -> i64 {
    date.signed_duration_since(today).num_days()
}

/// `date` plus `days` calendar days (saturating at the end of time).
fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// The last business day of a month: a weekend or an observed federal
/// holiday (5 U.S.C. 6103, e.g. New Year's Day observed on Fri Dec 31,
/// 2027) moves back to the business day before. `month` outside 1..=12 is
/// clamped.
pub fn last_business_day(year: i32, month: u32) -> NaiveDate {
    let month = month.clamp(1, 12);
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let last = NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    crate::domain::holidays::business_day_on_or_before(last)
}

/// The next last-business-day-of-a-month on or after `today`.
pub fn next_month_end_business_day(today: NaiveDate) -> NaiveDate {
    let this_month = last_business_day(today.year(), today.month());
    if this_month >= today {
        this_month
    } else if today.month() == 12 {
        last_business_day(today.year() + 1, 1)
    } else {
        last_business_day(today.year(), today.month() + 1)
    }
}

/// The bill is with a collector (the user said so, or a collector sent it).
pub fn in_collections(bill: &Bill) -> bool {
    bill.in_collections == Some(true) || bill.sender == Some(BillSender::CollectionsAgency)
}

/// Every piece of timing advice that applies to `bill` on `today`, most
/// urgent first. `offers_now`: the plan says to offer money now (what is
/// owed is settled), the only case with a good day to ask for a discount;
/// `plan::dates` passes the plan's own answer.
pub fn advise(bill: &Bill, today: NaiveDate, offers_now: bool) -> Vec<Advice> {
    let mut advice = Vec::new();
    let insured = bill.coverage.is_some_and(Coverage::is_insured);
    let waiting_for_eob = insured && bill.claim == Some(ClaimStatus::Pending);
    let care_ahead = bill.service_date.is_some_and(|date| date > today);
    let collections = in_collections(bill);
    let owes = bill.amount_due.is_none_or(|amount| amount > Decimal::ZERO);

    if waiting_for_eob {
        let kind = match coverage::appeal_kind(bill) {
            AppealKind::OriginalMedicare => AdviceKind::WaitForMsn,
            AppealKind::MedicareNotSure => AdviceKind::WaitForMedicareOrPlan,
            AppealKind::MedicareAdvantage | AppealKind::PrivatePlan | AppealKind::Medicaid => AdviceKind::WaitForEob,
        };
        advice.push(Advice::undated(kind, &[]));
    }
    if let Some(service) = bill.service_date.filter(|_| care_ahead) {
        advice.push(before_care(bill, service));
    }
    let has_bill = bill.amount_due.is_some() || bill.first_bill_date.is_some() || collections;
    // No day to ask for a discount while the plan offers nothing: the
    // insurer, Medicaid or QMB should pay, the network or QMB is not known,
    // or help may erase the bill.
    if has_bill && owes && offers_now && !waiting_for_eob && !care_ahead {
        advice.push(best_day_to_call(today));
    }
    let mut window_passed = false;
    // The day the office's own letter gives stands for the usual window.
    let notice = bill.collections_notice_date.filter(|_| !collections && owes);
    if let Some(date) = notice {
        let kind = if date >= today {
            AdviceKind::CollectionsNotice
        } else {
            AdviceKind::CollectionsNoticePassed
        };
        window_passed = kind == AdviceKind::CollectionsNoticePassed;
        advice.push(Advice::dated(kind, date, &[]));
    } else if let Some(first) = bill.first_bill_date.filter(|_| !collections && owes) {
        let window = collections_window(first, today);
        window_passed = window.kind == AdviceKind::CollectionsWindowPassed;
        advice.push(window);
    }
    if let Some(first) = bill.first_bill_date.filter(|_| is_nonprofit_hospital(bill)) {
        advice.extend(nonprofit(first, today));
    }
    if let Some(floor) = bill
        .first_bill_date
        .filter(|_| owes)
        .and_then(|first| state_floor(bill, first, today))
    {
        advice.push(floor);
    }
    if let Some(nsa) = no_surprises_dispute(bill, today) {
        advice.push(nsa);
    }
    if insured && bill.claim == Some(ClaimStatus::Denied) {
        advice.extend(appeal(bill, today));
    }
    if collections {
        advice.push(debt_validation(bill.collector_letter_date, today));
    }
    if collections || window_passed {
        advice.push(credit_reporting(bill, today));
    }
    if collections {
        advice.push(Advice::undated(
            AdviceKind::StatuteOfLimitations,
            &[sources::LIMITATIONS],
        ));
    }
    sort(&mut advice, today);
    advice
}

/// The most urgent first (the order every ⏰ list uses).
pub fn sort(advice: &mut [Advice], today: NaiveDate) {
    advice.sort_by_key(|a| a.urgency(today));
}

/// A1: a state's floor on collecting, while it is still ahead (trial 8:
/// California's 180 days before credit reporting or a lawsuit were
/// missing, and "no law sets when" stood alone).
fn state_floor(bill: &Bill, first: NaiveDate, today: NaiveDate) -> Option<Advice> {
    const CALIFORNIA: &[&str] = &[sources::CALIFORNIA_FLOOR];
    const WASHINGTON: &[&str] = &[sources::WASHINGTON_FLOOR];
    let (kind, days, source) = match bill.state.as_deref()? {
        "CA" if bill.sender == Some(BillSender::Hospital) => {
            (AdviceKind::CaliforniaFloor, CALIFORNIA_FLOOR_DAYS, CALIFORNIA)
        }
        "WA" if !in_collections(bill) => (AdviceKind::WashingtonFloor, WASHINGTON_FLOOR_DAYS, WASHINGTON),
        _ => return None,
    };
    let date = plus(first, days);
    (date >= today).then(|| Advice::dated(kind, date, source))
}

/// E1: the plan's date to apply for Medicaid by, as a ⏰ date.
pub fn medicaid_apply_by(apply_by: NaiveDate, rule_change: bool) -> Advice {
    Advice::dated(
        AdviceKind::MedicaidApplyBy { rule_change },
        apply_by,
        &[sources::MEDICAID_RETRO],
    )
}

fn before_care(bill: &Bill, service: NaiveDate) -> Advice {
    if bill.coverage == Some(Coverage::SelfPay) {
        Advice::dated(AdviceKind::BeforeCareSelfPay, service, &[sources::GOOD_FAITH_ESTIMATE])
    } else {
        Advice::dated(AdviceKind::BeforeCare, service, &[])
    }
}

fn best_day_to_call(today: NaiveDate) -> Advice {
    let day = next_month_end_business_day(today);
    let quarter_end = day.month().is_multiple_of(3) && days_from(today, day) <= QUARTER_NEAR_DAYS;
    let kind = if quarter_end {
        AdviceKind::BestDayToCallQuarterEnd
    } else {
        AdviceKind::BestDayToCall
    };
    Advice::dated(kind, day, &[])
}

/// Collections usually start 90–120 days after the first bill.
fn collections_window(first: NaiveDate, today: NaiveDate) -> Advice {
    let start = plus(first, COLLECTIONS_FROM_DAY);
    let end = plus(first, COLLECTIONS_BY_DAY);
    let (kind, date) = if today < start {
        (AdviceKind::CollectionsWindowAhead, start)
    } else if today <= end {
        (AdviceKind::CollectionsWindowOpen, end)
    } else {
        (AdviceKind::CollectionsWindowPassed, end)
    };
    Advice {
        kind,
        date: Some(date),
        window: Some((start, end)),
        sources: &[sources::COLLECTIONS_TIMING],
    }
}

fn is_nonprofit_hospital(bill: &Bill) -> bool {
    bill.sender == Some(BillSender::Hospital) && bill.nonprofit == Some(Answer3::Yes)
}

/// IRS §501(r)(6), counted from the first bill (taken as the first
/// post-discharge statement).
fn nonprofit(first: NaiveDate, today: NaiveDate) -> [Advice; 2] {
    let no_eca_until = plus(first, NONPROFIT_NO_ECA_DAYS);
    let eca = if today < no_eca_until {
        AdviceKind::NonprofitNoCollectionsBefore
    } else {
        AdviceKind::NonprofitNoticeRequired
    };
    let assistance_until = plus(first, ASSISTANCE_DAYS);
    let assistance = if today <= assistance_until {
        AdviceKind::FinancialAssistanceDeadline
    } else {
        AdviceKind::FinancialAssistanceLate
    };
    [
        Advice::dated(eca, no_eca_until, &[sources::IRS_501R6]),
        Advice::dated(
            assistance,
            assistance_until,
            &[sources::IRS_501R6, sources::FINANCIAL_ASSISTANCE],
        ),
    ]
}

/// The patient-provider dispute: self-pay, the bill $400+ over the
/// good-faith estimate, within 120 days of the first bill's date.
fn no_surprises_dispute(bill: &Bill, today: NaiveDate) -> Option<Advice> {
    if bill.coverage != Some(Coverage::SelfPay) {
        return None;
    }
    let Some(Estimate::Amount(estimate)) = bill.estimate else {
        return None;
    };
    let over = bill.billed_total()? - estimate;
    if over < NSA_THRESHOLD {
        return None;
    }
    let deadline = plus(bill.first_bill_date?, NSA_DISPUTE_DAYS);
    let kind = if today <= deadline {
        AdviceKind::NoSurprisesDispute { over }
    } else {
        AdviceKind::NoSurprisesDisputeMissed { over }
    };
    Some(Advice::dated(kind, deadline, &[sources::NSA_DISPUTE]))
}

/// Appeals for a denied claim. Medicare and Medicaid count from their
/// notice by their own rules (E3): dated when the notice's date is known,
/// else a pointer to the notice (trial 7: an Original Medicare denial had
/// its date in the plan but none here, and no reminder).
fn appeal(bill: &Bill, today: NaiveDate) -> Vec<Advice> {
    if matches!(bill.coverage, Some(Coverage::Medicare | Coverage::Medicaid)) {
        let kind = coverage::appeal_kind(bill);
        return vec![match bill.denial_date {
            Some(notice) => {
                let deadline = coverage::appeal_deadline(kind, notice);
                let advice = if today <= deadline {
                    AdviceKind::AppealByNotice { kind }
                } else {
                    AdviceKind::AppealByNoticePassed { kind }
                };
                Advice::dated(advice, deadline, &[])
            }
            None => Advice::undated(AdviceKind::AppealOtherPlan, &[]),
        }];
    }
    let internal = match bill.denial_date {
        Some(denied) => {
            // One computation per deadline, the plan's and the findings' too.
            let deadline = coverage::appeal_deadline(AppealKind::PrivatePlan, denied);
            let kind = if today <= deadline {
                AdviceKind::AppealInternal
            } else {
                AdviceKind::AppealInternalPassed
            };
            Advice::dated(kind, deadline, &[sources::INTERNAL_APPEAL])
        }
        None => Advice::undated(AdviceKind::AppealInternalUndated, &[sources::INTERNAL_APPEAL]),
    };
    vec![
        internal,
        Advice::undated(AdviceKind::AppealExternal, &[sources::EXTERNAL_REVIEW]),
    ]
}

/// Regulation F: 30 days to dispute. Counted from the collector's letter,
/// which gives a date never later than the legal end (receipt is assumed at
/// least 5 business days after sending); the notice prints the real one.
fn debt_validation(letter: Option<NaiveDate>, today: NaiveDate) -> Advice {
    match letter {
        Some(letter) => {
            let end = validation_deadline(letter, today);
            let safe = super::holidays::business_day_on_or_before(plus(letter, VALIDATION_DAYS));
            let kind = if today <= safe {
                AdviceKind::DebtValidation
            } else if today <= end {
                AdviceKind::DebtValidationLegalEnd
            } else {
                AdviceKind::DebtValidationPassed
            };
            Advice::dated(kind, end, &[sources::DEBT_VALIDATION])
        }
        None => Advice::undated(AdviceKind::DebtValidationUndated, &[sources::DEBT_VALIDATION]),
    }
}

/// A1, the three bureaus' rule: `reportable = unpaid && balance >= $500
/// && a year since delinquency`. A bill under $500 is never listed; one of
/// $500 or more is not listed before a year after the first bill (the
/// earliest delinquency), and may be after. Without the amount, the rule in
/// general.
fn credit_reporting(bill: &Bill, today: NaiveDate) -> Advice {
    const SOURCES: &[&str] = &[sources::CREDIT_BUREAUS, sources::CFPB_RULE_VACATED];
    let amount = bill.amount_due.or_else(|| bill.billed_total());
    if amount.is_some_and(|amount| amount < CREDIT_REPORTING_MIN) {
        return Advice::undated(AdviceKind::CreditReportingUnder500, SOURCES);
    }
    match bill.first_bill_date.map(|first| plus(first, CREDIT_REPORTING_DAYS)) {
        Some(earliest) if earliest > today => Advice::dated(AdviceKind::CreditReportingNotBefore, earliest, SOURCES),
        Some(_) if amount.is_some() => Advice::undated(AdviceKind::CreditReportingMayShow, SOURCES),
        _ => Advice::undated(AdviceKind::CreditReporting, SOURCES),
    }
}

/// A1: the bureaus skip medical collections under $500.
const CREDIT_REPORTING_MIN: Decimal = Decimal::from_parts(500, 0, 0, false, 0);

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn usd(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    /// Thu, Jan 15, 2026: the first bill of most tests.
    fn first_bill() -> NaiveDate {
        day(2026, 1, 15)
    }

    fn on_day(n: u64) -> NaiveDate {
        plus(first_bill(), n)
    }

    /// The advice when the plan offers money now (the plan's own rule for
    /// that is tested with the plan).
    fn advise(bill: &Bill, today: NaiveDate) -> Vec<Advice> {
        super::advise(bill, today, true)
    }

    fn kinds(advice: &[Advice]) -> Vec<AdviceKind> {
        advice.iter().map(|a| a.kind).collect()
    }

    fn find(advice: &[Advice], wanted: impl Fn(AdviceKind) -> bool) -> Option<Advice> {
        advice.iter().copied().find(|a| wanted(a.kind))
    }

    /// A hospital bill with a first-bill date and an amount, nothing else.
    fn hospital_bill() -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::No),
            coverage: Some(Coverage::InNetwork),
            claim: Some(ClaimStatus::PaidPart),
            first_bill_date: Some(first_bill()),
            amount_due: Some(usd("1250.00")),
            in_collections: Some(false),
            ..Bill::default()
        }
    }

    #[test]
    fn the_days_are_counted_from_today() {
        assert_eq!(days_from(day(2026, 6, 21), day(2026, 7, 14)), 23);
        assert_eq!(days_from(day(2026, 7, 14), day(2026, 7, 14)), 0);
        assert_eq!(days_from(day(2026, 7, 19), day(2026, 7, 14)), -5);
        assert_eq!(days_from(day(2028, 2, 28), day(2028, 3, 1)), 2);
        assert_eq!(days_from(day(2027, 2, 28), day(2027, 3, 1)), 1);
    }

    #[test]
    fn last_business_day_moves_weekends_back_to_friday() {
        let cases = [
            ((2026, 3), day(2026, 3, 31)),   // Tuesday
            ((2026, 1), day(2026, 1, 30)),   // Jan 31 is a Saturday
            ((2026, 5), day(2026, 5, 29)),   // May 31 is a Sunday
            ((2026, 2), day(2026, 2, 27)),   // Feb 28 is a Saturday
            ((2026, 10), day(2026, 10, 30)), // Oct 31 is a Saturday
            ((2026, 12), day(2026, 12, 31)), // Thursday, year end
            ((2028, 2), day(2028, 2, 29)),   // leap day, a Tuesday
            ((2032, 2), day(2032, 2, 27)),   // leap day on a Sunday
            ((2024, 2), day(2024, 2, 29)),   // leap day, a Thursday
            ((2027, 7), day(2027, 7, 30)),   // Jul 31 is a Saturday
            ((2026, 0), day(2026, 1, 30)),   // out of range: clamped
            ((2026, 13), day(2026, 12, 31)), // out of range: clamped
        ];
        for ((year, month), expected) in cases {
            assert_eq!(last_business_day(year, month), expected, "{year}-{month}");
        }
    }

    #[test]
    fn the_last_business_day_skips_federal_holidays() {
        // Memorial Day, Mon May 31, 2027; New Year's Day 2028 observed Fri Dec 31, 2027.
        assert_eq!(
            last_business_day(2027, 5),
            NaiveDate::from_ymd_opt(2027, 5, 28).unwrap()
        );
        assert_eq!(
            last_business_day(2027, 12),
            NaiveDate::from_ymd_opt(2027, 12, 30).unwrap()
        );
        assert_eq!(
            next_month_end_business_day(NaiveDate::from_ymd_opt(2027, 5, 29).unwrap()),
            NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()
        );
    }

    #[test]
    fn the_best_day_to_call_is_the_next_month_end_business_day() {
        use AdviceKind::{BestDayToCall as Month, BestDayToCallQuarterEnd as Quarter};
        // (today, best day, kind)
        let cases = [
            (day(2026, 1, 2), day(2026, 1, 30), Month),
            (day(2026, 1, 30), day(2026, 1, 30), Month),   // today is the day
            (day(2026, 1, 31), day(2026, 2, 27), Month),   // the Saturday after it: next month's
            (day(2026, 5, 29), day(2026, 5, 29), Month),   // May 31 is a Sunday
            (day(2026, 5, 30), day(2026, 6, 30), Month),   // Jun 30 ends Q2 but is 31 days away
            (day(2026, 3, 2), day(2026, 3, 31), Month),    // quarter end 29 days away
            (day(2026, 3, 9), day(2026, 3, 31), Month),    // 22 days
            (day(2026, 3, 10), day(2026, 3, 31), Quarter), // exactly 21 days
            (day(2026, 3, 31), day(2026, 3, 31), Quarter), // quarter end today
            (day(2026, 4, 1), day(2026, 4, 30), Month),    // a new quarter
            (day(2026, 12, 31), day(2026, 12, 31), Quarter),
            (day(2027, 9, 25), day(2027, 9, 30), Quarter),
            (day(2032, 2, 28), day(2032, 3, 31), Month), // after Fri Feb 27 of a leap year
            (day(2028, 2, 29), day(2028, 2, 29), Month), // the leap day itself
        ];
        for (today, expected, kind) in cases {
            let advice = best_day_to_call(today);
            assert_eq!(advice.date, Some(expected), "today {today}");
            assert_eq!(advice.kind, kind, "today {today}");
            assert!(advice.sources.is_empty());
        }
    }

    #[test]
    fn the_collections_window_at_every_boundary() {
        let start = on_day(90);
        let end = on_day(120);
        // (day after the first bill, kind, counted date, days left)
        let cases = [
            (0, AdviceKind::CollectionsWindowAhead, start, 90),
            (89, AdviceKind::CollectionsWindowAhead, start, 1),
            (90, AdviceKind::CollectionsWindowOpen, end, 30),
            (119, AdviceKind::CollectionsWindowOpen, end, 1),
            (120, AdviceKind::CollectionsWindowOpen, end, 0),
            (121, AdviceKind::CollectionsWindowPassed, end, -1),
            (400, AdviceKind::CollectionsWindowPassed, end, -280),
        ];
        for (n, kind, date, days) in cases {
            let today = on_day(n);
            let advice = advise(&hospital_bill(), today);
            let window = find(&advice, |k| {
                matches!(
                    k,
                    AdviceKind::CollectionsWindowAhead
                        | AdviceKind::CollectionsWindowOpen
                        | AdviceKind::CollectionsWindowPassed
                )
            })
            .unwrap_or_else(|| panic!("day {n}: no window in {advice:?}"));
            assert_eq!(window.kind, kind, "day {n}");
            assert_eq!(window.date, Some(date), "day {n}");
            assert_eq!(window.days_left(today), Some(days), "day {n}");
            assert_eq!(window.window, Some((start, end)), "day {n}");
            assert_eq!(window.sources, &[sources::COLLECTIONS_TIMING]);
        }
        assert_eq!(start, day(2026, 4, 15));
        assert_eq!(end, day(2026, 5, 15));
    }

    #[test]
    fn the_window_counts_the_leap_day() {
        let bill = Bill {
            first_bill_date: Some(day(2028, 1, 1)),
            ..hospital_bill()
        };
        let advice = advise(&bill, day(2028, 1, 1));
        let window = find(&advice, |k| k == AdviceKind::CollectionsWindowAhead).unwrap();
        assert_eq!(window.window, Some((day(2028, 3, 31), day(2028, 4, 30))));
        let bill = Bill {
            first_bill_date: Some(day(2027, 1, 1)),
            ..hospital_bill()
        };
        let window = advise(&bill, day(2027, 1, 1))[1];
        assert_eq!(window.window, Some((day(2027, 4, 1), day(2027, 5, 1))));
    }

    #[test]
    fn nonprofit_rules_at_every_boundary() {
        let bill = Bill {
            nonprofit: Some(Answer3::Yes),
            ..hospital_bill()
        };
        // (day, ECA kind, assistance kind, days to day 120, days to day 240)
        let cases = [
            (
                0,
                AdviceKind::NonprofitNoCollectionsBefore,
                AdviceKind::FinancialAssistanceDeadline,
                120,
                240,
            ),
            (
                119,
                AdviceKind::NonprofitNoCollectionsBefore,
                AdviceKind::FinancialAssistanceDeadline,
                1,
                121,
            ),
            (
                120,
                AdviceKind::NonprofitNoticeRequired,
                AdviceKind::FinancialAssistanceDeadline,
                0,
                120,
            ),
            (
                121,
                AdviceKind::NonprofitNoticeRequired,
                AdviceKind::FinancialAssistanceDeadline,
                -1,
                119,
            ),
            (
                239,
                AdviceKind::NonprofitNoticeRequired,
                AdviceKind::FinancialAssistanceDeadline,
                -119,
                1,
            ),
            (
                240,
                AdviceKind::NonprofitNoticeRequired,
                AdviceKind::FinancialAssistanceDeadline,
                -120,
                0,
            ),
            (
                241,
                AdviceKind::NonprofitNoticeRequired,
                AdviceKind::FinancialAssistanceLate,
                -121,
                -1,
            ),
        ];
        for (n, eca_kind, assistance_kind, eca_days, assistance_days) in cases {
            let today = on_day(n);
            let advice = advise(&bill, today);
            let eca = find(&advice, |k| {
                matches!(
                    k,
                    AdviceKind::NonprofitNoCollectionsBefore | AdviceKind::NonprofitNoticeRequired
                )
            })
            .unwrap();
            assert_eq!(eca.kind, eca_kind, "day {n}");
            assert_eq!(eca.date, Some(on_day(120)), "day {n}");
            assert_eq!(eca.days_left(today), Some(eca_days), "day {n}");
            let assistance = find(&advice, |k| {
                matches!(
                    k,
                    AdviceKind::FinancialAssistanceDeadline | AdviceKind::FinancialAssistanceLate
                )
            })
            .unwrap();
            assert_eq!(assistance.kind, assistance_kind, "day {n}");
            assert_eq!(assistance.date, Some(on_day(240)), "day {n}");
            assert_eq!(assistance.days_left(today), Some(assistance_days), "day {n}");
        }
        assert_eq!(on_day(240), day(2026, 9, 12));
    }

    #[test]
    fn nonprofit_rules_only_for_a_hospital_said_to_be_nonprofit() {
        let is_nonprofit_rule = |k: AdviceKind| {
            matches!(
                k,
                AdviceKind::NonprofitNoCollectionsBefore
                    | AdviceKind::NonprofitNoticeRequired
                    | AdviceKind::FinancialAssistanceDeadline
                    | AdviceKind::FinancialAssistanceLate
            )
        };
        let cases = [
            (Some(BillSender::Hospital), Some(Answer3::Yes), Some(first_bill()), true),
            (Some(BillSender::Hospital), Some(Answer3::No), Some(first_bill()), false),
            (
                Some(BillSender::Hospital),
                Some(Answer3::NotSure),
                Some(first_bill()),
                false,
            ),
            (Some(BillSender::Hospital), None, Some(first_bill()), false),
            (
                Some(BillSender::DoctorOffice),
                Some(Answer3::Yes),
                Some(first_bill()),
                false,
            ),
            (Some(BillSender::Hospital), Some(Answer3::Yes), None, false),
        ];
        for (sender, nonprofit, first_bill_date, expected) in cases {
            let bill = Bill {
                sender,
                nonprofit,
                first_bill_date,
                ..hospital_bill()
            };
            let advice = advise(&bill, on_day(30));
            let count = advice.iter().filter(|a| is_nonprofit_rule(a.kind)).count();
            assert_eq!(
                count,
                if expected { 2 } else { 0 },
                "{sender:?} {nonprofit:?} {first_bill_date:?}"
            );
        }
    }

    fn self_pay_bill(amount_due: &str, estimate: Option<Estimate>) -> Bill {
        Bill {
            coverage: Some(Coverage::SelfPay),
            claim: None,
            amount_due: Some(usd(amount_due)),
            estimate,
            ..hospital_bill()
        }
    }

    fn is_nsa(kind: AdviceKind) -> bool {
        matches!(
            kind,
            AdviceKind::NoSurprisesDispute { .. } | AdviceKind::NoSurprisesDisputeMissed { .. }
        )
    }

    #[test]
    fn the_no_surprises_dispute_needs_400_over_the_estimate() {
        let estimate = Some(Estimate::Amount(usd("900.00")));
        // (amount due, estimate, over, shown)
        let cases = [
            ("1300.00", estimate, Some("400.00")),
            ("1299.99", estimate, None),
            ("5000.00", estimate, Some("4100.00")),
            ("900.00", estimate, None),
            ("100.00", estimate, None),
            ("5000.00", Some(Estimate::NotReceived), None),
            ("5000.00", None, None),
        ];
        for (due, estimate, over) in cases {
            let advice = advise(&self_pay_bill(due, estimate), on_day(10));
            let nsa = find(&advice, is_nsa);
            let expected = over.map(|over| AdviceKind::NoSurprisesDispute { over: usd(over) });
            assert_eq!(nsa.map(|a| a.kind), expected, "due {due} estimate {estimate:?}");
        }
    }

    #[test]
    fn the_no_surprises_dispute_only_for_self_pay_with_a_first_bill_date() {
        let estimate = Some(Estimate::Amount(usd("900.00")));
        let insured = Bill {
            coverage: Some(Coverage::OutOfNetwork),
            ..self_pay_bill("5000.00", estimate)
        };
        assert!(find(&advise(&insured, on_day(10)), is_nsa).is_none());
        let undated = Bill {
            first_bill_date: None,
            ..self_pay_bill("5000.00", estimate)
        };
        assert!(find(&advise(&undated, on_day(10)), is_nsa).is_none());
    }

    #[test]
    fn the_no_surprises_dispute_uses_the_items_total_when_no_amount_is_due() {
        let item = |amount: &str| crate::domain::line_items::LineItem {
            date: None,
            revenue_code: None,
            code: None,
            modifiers: Vec::new(),
            description: "x".to_string(),
            units: 1,
            amount: usd(amount),
        };
        let bill = Bill {
            items: vec![item("800.00"), item("600.00")],
            amount_due: None,
            ..self_pay_bill("500.00", Some(Estimate::Amount(usd("900.00"))))
        };
        let nsa = find(&advise(&bill, on_day(10)), is_nsa).unwrap();
        assert_eq!(nsa.kind, AdviceKind::NoSurprisesDispute { over: usd("500.00") });
    }

    #[test]
    fn the_no_surprises_dispute_deadline_is_120_days_from_the_bill() {
        let bill = self_pay_bill("2000.00", Some(Estimate::Amount(usd("1000.00"))));
        let over = usd("1000.00");
        let cases = [
            (119, AdviceKind::NoSurprisesDispute { over }, 1),
            (120, AdviceKind::NoSurprisesDispute { over }, 0),
            (121, AdviceKind::NoSurprisesDisputeMissed { over }, -1),
        ];
        for (n, kind, days) in cases {
            let nsa = find(&advise(&bill, on_day(n)), is_nsa).unwrap();
            assert_eq!(nsa.kind, kind, "day {n}");
            assert_eq!(nsa.date, Some(day(2026, 5, 15)), "day {n}");
            assert_eq!(nsa.days_left(on_day(n)), Some(days), "day {n}");
            assert_eq!(nsa.sources, &[sources::NSA_DISPUTE]);
        }
    }

    fn denied_bill(coverage: Coverage, denial_date: Option<NaiveDate>) -> Bill {
        Bill {
            coverage: Some(coverage),
            claim: Some(ClaimStatus::Denied),
            denial_date,
            ..hospital_bill()
        }
    }

    fn appeal_kinds(advice: &[Advice]) -> Vec<AdviceKind> {
        kinds(advice)
            .into_iter()
            .filter(|k| {
                matches!(
                    k,
                    AdviceKind::AppealInternal
                        | AdviceKind::AppealInternalPassed
                        | AdviceKind::AppealInternalUndated
                        | AdviceKind::AppealExternal
                        | AdviceKind::AppealOtherPlan
                        | AdviceKind::AppealByNotice { .. }
                        | AdviceKind::AppealByNoticePassed { .. }
                )
            })
            .collect()
    }

    #[test]
    fn the_internal_appeal_deadline_is_180_days_from_the_denial() {
        let today = day(2026, 7, 1);
        // (days since the denial, kind, days left)
        let cases = [
            (0, AdviceKind::AppealInternal, 180),
            (10, AdviceKind::AppealInternal, 170),
            (179, AdviceKind::AppealInternal, 1),
            (180, AdviceKind::AppealInternal, 0),
            (181, AdviceKind::AppealInternalPassed, -1),
            (400, AdviceKind::AppealInternalPassed, -220),
        ];
        for (ago, kind, days) in cases {
            let denied = today.checked_sub_days(Days::new(ago)).unwrap();
            let advice = advise(&denied_bill(Coverage::InNetwork, Some(denied)), today);
            assert_eq!(
                appeal_kinds(&advice),
                vec![kind, AdviceKind::AppealExternal],
                "{ago} days ago"
            );
            let internal = find(&advice, |k| k == kind).unwrap();
            assert_eq!(internal.date, Some(plus(denied, 180)));
            assert_eq!(internal.days_left(today), Some(days), "{ago} days ago");
            let external = find(&advice, |k| k == AdviceKind::AppealExternal).unwrap();
            assert_eq!(external.date, None, "the final denial's date is unknown");
        }
        let denied = day(2026, 1, 2);
        let internal = advise(&denied_bill(Coverage::OutOfNetwork, Some(denied)), today)[0];
        assert_eq!(internal.date, Some(day(2026, 7, 1)), "Jan 2 + 180 days");
    }

    #[test]
    fn california_and_washington_floors_are_dated_while_ahead() {
        // Trial 8 (jake): a California hospital bill first billed Nov 5.
        let today = day(2026, 12, 5);
        let first = day(2026, 11, 5);
        let california = Bill {
            state: Some("CA".to_string()),
            first_bill_date: Some(first),
            ..hospital_bill()
        };
        let floor = find(&advise(&california, today), |k| k == AdviceKind::CaliforniaFloor).expect("dated");
        assert_eq!(floor.date, Some(plus(first, 180)));
        // A doctor's bill in California: the law is the hospitals'.
        let doctor = Bill {
            sender: Some(BillSender::DoctorOffice),
            ..california.clone()
        };
        assert!(find(&advise(&doctor, today), |k| k == AdviceKind::CaliforniaFloor).is_none());
        // Washington: 120 days, any provider, until it is with a collector.
        let washington = Bill {
            state: Some("WA".to_string()),
            ..doctor
        };
        let floor = find(&advise(&washington, today), |k| k == AdviceKind::WashingtonFloor).expect("dated");
        assert_eq!(floor.date, Some(plus(first, 120)));
        // Passed: not said.
        assert!(find(&advise(&washington, day(2027, 6, 1)), |k| k
            == AdviceKind::WashingtonFloor)
        .is_none());
    }

    #[test]
    fn the_safe_day_to_dispute_a_debt_is_a_business_day_then_the_legal_end() {
        // Trial 7 (keisha): a collector's letter of Fri, Nov 20, 2026; 30
        // days on is Sun, Dec 20: to be safe, Fri, Dec 18.
        let letter = day(2026, 11, 20);
        assert_eq!(validation_deadline(letter, day(2026, 12, 5)), day(2026, 12, 18));
        // After it: 5 business days (Thanksgiving skipped) to Mon, Nov 30,
        // then 30 days (A4).
        assert_eq!(validation_deadline(letter, day(2026, 12, 19)), day(2026, 12, 30));
        let advice = advise(&collections_bill(Some(letter)), day(2026, 12, 19));
        assert!(find(&advice, |k| k == AdviceKind::DebtValidationLegalEnd).is_some());
    }

    #[test]
    fn an_original_medicare_denial_is_dated_like_the_plans_step() {
        // Trial 7 (tom): MSN of Nov 2, 2026; the plan said Mar 5, 2027, the
        // dates gave none (its reminder: reminders.rs's tests).
        let today = day(2026, 12, 5);
        let notice = day(2026, 11, 2);
        let bill = Bill {
            medicare: Some(crate::domain::bill::MedicareKind::Original),
            ..denied_bill(Coverage::Medicare, Some(notice))
        };
        let deadline = coverage::appeal_deadline(AppealKind::OriginalMedicare, notice);
        let advice = advise(&bill, today);
        let appeal = find(&advice, |k| {
            k == AdviceKind::AppealByNotice {
                kind: AppealKind::OriginalMedicare,
            }
        })
        .expect("a dated appeal");
        assert_eq!(appeal.date, Some(deadline));
        // Passed: said so.
        let late = day(2027, 6, 1);
        assert!(find(&advise(&bill, late), |k| k
            == AdviceKind::AppealByNoticePassed {
                kind: AppealKind::OriginalMedicare
            })
        .is_some());
    }

    #[test]
    fn appeal_advice_depends_on_the_claim_and_the_plan() {
        let today = day(2026, 7, 1);
        let cases = [
            (
                denied_bill(Coverage::InNetwork, None),
                vec![AdviceKind::AppealInternalUndated, AdviceKind::AppealExternal],
            ),
            (
                denied_bill(Coverage::InsuredNotSure, Some(day(2026, 6, 1))),
                vec![AdviceKind::AppealInternal, AdviceKind::AppealExternal],
            ),
            // Which Medicare not known: the earlier (Advantage) deadline.
            (
                denied_bill(Coverage::Medicare, Some(day(2026, 6, 1))),
                vec![AdviceKind::AppealByNotice {
                    kind: AppealKind::MedicareNotSure,
                }],
            ),
            (denied_bill(Coverage::Medicare, None), vec![AdviceKind::AppealOtherPlan]),
            (denied_bill(Coverage::Medicaid, None), vec![AdviceKind::AppealOtherPlan]),
            (denied_bill(Coverage::SelfPay, Some(day(2026, 6, 1))), vec![]),
            (hospital_bill(), vec![]),
            (
                Bill {
                    claim: Some(ClaimStatus::Pending),
                    ..hospital_bill()
                },
                vec![],
            ),
        ];
        for (bill, expected) in cases {
            assert_eq!(appeal_kinds(&advise(&bill, today)), expected, "{bill:?}");
        }
    }

    /// E2: a pending claim waits for the statement the patient will get:
    /// Original Medicare's MSN, a Medicare Advantage plan's EOB, and with
    /// the kind not known, the notice from Medicare or the plan.
    #[test]
    fn a_pending_medicare_claim_waits_for_its_own_notice() {
        use crate::domain::bill::MedicareKind;
        for (kind, expected) in [
            (MedicareKind::Original, AdviceKind::WaitForMsn),
            (MedicareKind::Advantage, AdviceKind::WaitForEob),
            (MedicareKind::NotSure, AdviceKind::WaitForMedicareOrPlan),
        ] {
            let pending = Bill {
                coverage: Some(Coverage::Medicare),
                medicare: Some(kind),
                claim: Some(ClaimStatus::Pending),
                ..hospital_bill()
            };
            assert_eq!(advise(&pending, on_day(100))[0].kind, expected, "{kind:?}");
        }
    }

    #[test]
    fn a_pending_claim_means_wait_for_the_eob_first() {
        let pending = Bill {
            claim: Some(ClaimStatus::Pending),
            ..hospital_bill()
        };
        let advice = advise(&pending, on_day(100));
        assert_eq!(advice[0].kind, AdviceKind::WaitForEob);
        assert_eq!(advice[0].date, None);
        assert!(advice[0].sources.is_empty());
        assert!(find(&advice, |k| matches!(
            k,
            AdviceKind::BestDayToCall | AdviceKind::BestDayToCallQuarterEnd
        ))
        .is_none());
        let stale = Bill {
            coverage: Some(Coverage::SelfPay),
            ..pending
        };
        assert!(find(&advise(&stale, on_day(100)), |k| k == AdviceKind::WaitForEob).is_none());
    }

    fn collections_bill(letter: Option<NaiveDate>) -> Bill {
        Bill {
            in_collections: Some(true),
            collector_letter_date: letter,
            ..hospital_bill()
        }
    }

    /// A4: 30 days from the letter, the safe date; once it is behind, the
    /// legal end (receipt 5 business days after Mon, Jun 1 is Mon, Jun 8,
    /// + 30 days: Wed, Jul 8), the plan's own date.
    #[test]
    fn debt_validation_lasts_30_days_from_the_letter() {
        let letter = day(2026, 6, 1);
        let cases = [
            (day(2026, 6, 1), AdviceKind::DebtValidation, 30, day(2026, 7, 1)),
            (day(2026, 6, 30), AdviceKind::DebtValidation, 1, day(2026, 7, 1)),
            (day(2026, 7, 1), AdviceKind::DebtValidation, 0, day(2026, 7, 1)),
            // Past the safe date: the legal end, worded as that (not "to be safe").
            (day(2026, 7, 2), AdviceKind::DebtValidationLegalEnd, 6, day(2026, 7, 8)),
            (day(2026, 7, 9), AdviceKind::DebtValidationPassed, -1, day(2026, 7, 8)),
        ];
        for (today, kind, days, end) in cases {
            let advice = advise(&collections_bill(Some(letter)), today);
            let validation = find(&advice, |k| {
                matches!(
                    k,
                    AdviceKind::DebtValidation | AdviceKind::DebtValidationLegalEnd | AdviceKind::DebtValidationPassed
                )
            })
            .unwrap();
            assert_eq!(validation.kind, kind, "today {today}");
            assert_eq!(validation.date, Some(end), "today {today}");
            assert_eq!(validation.days_left(today), Some(days), "today {today}");
            assert_eq!(validation.sources, &[sources::DEBT_VALIDATION]);
        }
        let undated = advise(&collections_bill(None), day(2026, 7, 1));
        assert!(find(&undated, |k| k == AdviceKind::DebtValidationUndated).is_some());
    }

    #[test]
    fn collections_rules_apply_only_in_collections() {
        let today = on_day(200);
        let is_collections_rule = |k: AdviceKind| {
            matches!(
                k,
                AdviceKind::DebtValidation
                    | AdviceKind::DebtValidationPassed
                    | AdviceKind::DebtValidationUndated
                    | AdviceKind::StatuteOfLimitations
            )
        };
        let not_in = advise(&hospital_bill(), today);
        assert!(!kinds(&not_in).into_iter().any(is_collections_rule), "{not_in:?}");
        let collector = Bill {
            sender: Some(BillSender::CollectionsAgency),
            in_collections: None,
            ..hospital_bill()
        };
        for bill in [collections_bill(Some(on_day(150))), collector] {
            let advice = advise(&bill, today);
            let found: Vec<AdviceKind> = kinds(&advice).into_iter().filter(|k| is_collections_rule(*k)).collect();
            assert_eq!(found.len(), 2, "{advice:?}");
            assert!(found.contains(&AdviceKind::StatuteOfLimitations));
            assert!(
                find(&advice, |k| matches!(
                    k,
                    AdviceKind::CollectionsWindowAhead
                        | AdviceKind::CollectionsWindowOpen
                        | AdviceKind::CollectionsWindowPassed
                ))
                .is_none(),
                "no collections window once in collections"
            );
        }
    }

    #[test]
    fn credit_reporting_when_in_collections_or_the_window_passed() {
        let is_credit = |k: AdviceKind| {
            matches!(
                k,
                AdviceKind::CreditReporting
                    | AdviceKind::CreditReportingNotBefore
                    | AdviceKind::CreditReportingUnder500
                    | AdviceKind::CreditReportingMayShow
            )
        };
        // (bill, today, expected kind, expected date)
        let cases = [
            (hospital_bill(), on_day(120), None, None),
            (
                hospital_bill(),
                on_day(121),
                Some(AdviceKind::CreditReportingNotBefore),
                Some(day(2027, 1, 15)),
            ),
            (
                collections_bill(None),
                on_day(30),
                Some(AdviceKind::CreditReportingNotBefore),
                Some(day(2027, 1, 15)),
            ),
            (
                collections_bill(None),
                on_day(364),
                Some(AdviceKind::CreditReportingNotBefore),
                Some(day(2027, 1, 15)),
            ),
            // $1,250 and a year since the first bill: it may be listed now.
            (
                collections_bill(None),
                on_day(365),
                Some(AdviceKind::CreditReportingMayShow),
                None,
            ),
            // Under $500: never listed by the three bureaus.
            (
                Bill {
                    amount_due: Some(usd("420.00")),
                    ..collections_bill(None)
                },
                on_day(400),
                Some(AdviceKind::CreditReportingUnder500),
                None,
            ),
            // The amount unknown: the rule in general.
            (
                Bill {
                    amount_due: None,
                    ..collections_bill(None)
                },
                on_day(400),
                Some(AdviceKind::CreditReporting),
                None,
            ),
            (
                Bill {
                    first_bill_date: None,
                    ..collections_bill(None)
                },
                on_day(30),
                Some(AdviceKind::CreditReporting),
                None,
            ),
        ];
        for (bill, today, kind, date) in cases {
            let advice = advise(&bill, today);
            let credit = find(&advice, is_credit);
            assert_eq!(credit.map(|a| a.kind), kind, "{today}");
            assert_eq!(credit.and_then(|a| a.date), date, "{today}");
            if let Some(credit) = credit {
                assert_eq!(credit.sources, &[sources::CREDIT_BUREAUS, sources::CFPB_RULE_VACATED]);
            }
        }
    }

    #[test]
    fn planned_care_gets_before_care_advice_instead_of_a_day_to_call() {
        let today = day(2026, 7, 1);
        let planned = |coverage| Bill {
            coverage: Some(coverage),
            service_date: Some(day(2026, 7, 20)),
            amount_due: Some(usd("3000.00")),
            ..Bill::default()
        };
        let advice = advise(&planned(Coverage::SelfPay), today);
        assert_eq!(kinds(&advice), vec![AdviceKind::BeforeCareSelfPay]);
        assert_eq!(advice[0].date, Some(day(2026, 7, 20)));
        assert_eq!(advice[0].sources, &[sources::GOOD_FAITH_ESTIMATE]);
        assert_eq!(
            kinds(&advise(&planned(Coverage::InNetwork), today)),
            vec![AdviceKind::BeforeCare]
        );
        // Care already given: no before-care advice.
        let past = Bill {
            service_date: Some(day(2026, 6, 20)),
            ..planned(Coverage::SelfPay)
        };
        assert_eq!(kinds(&advise(&past, today)), vec![AdviceKind::BestDayToCall]);
        // Care today is not "ahead".
        let now = Bill {
            service_date: Some(today),
            ..planned(Coverage::SelfPay)
        };
        assert!(find(&advise(&now, today), |k| k == AdviceKind::BeforeCareSelfPay).is_none());
    }

    #[test]
    fn nothing_is_said_about_a_bill_with_no_facts_or_nothing_owed() {
        assert!(advise(&Bill::default(), day(2026, 7, 1)).is_empty());
        let paid = Bill {
            amount_due: Some(Decimal::ZERO),
            ..hospital_bill()
        };
        assert!(advise(&paid, on_day(100)).is_empty());
    }

    #[test]
    fn most_urgent_first_then_passed_then_undated() {
        // In collections at a nonprofit hospital, letter 20 days ago, day 130.
        let today = on_day(130); // Mon, May 25, 2026
        let bill = Bill {
            nonprofit: Some(Answer3::Yes),
            in_collections: Some(true),
            collector_letter_date: Some(day(2026, 5, 5)),
            ..hospital_bill()
        };
        let advice = advise(&bill, today);
        assert_eq!(
            kinds(&advice),
            vec![
                AdviceKind::BestDayToCall,               // Fri, May 29: 4 days
                AdviceKind::DebtValidation,              // Thu, Jun 4: 10 days
                AdviceKind::FinancialAssistanceDeadline, // Sat, Sep 12: 110 days
                AdviceKind::StatuteOfLimitations,        // undated, before paying anything
                AdviceKind::NonprofitNoticeRequired,     // day 120: 10 days ago
                AdviceKind::CreditReportingNotBefore,    // background: Fri, Jan 15, 2027
            ]
        );
        let dates: Vec<Option<NaiveDate>> = advice.iter().map(|a| a.date).collect();
        assert_eq!(
            dates,
            vec![
                Some(day(2026, 5, 29)),
                Some(day(2026, 6, 4)),
                Some(day(2026, 9, 12)),
                None,
                Some(day(2026, 5, 15)),
                Some(day(2027, 1, 15)),
            ]
        );
    }

    #[test]
    fn undated_then_passed_most_recent_first_then_background() {
        let today = day(2027, 3, 1);
        let bill = Bill {
            in_collections: Some(true),
            collector_letter_date: Some(day(2026, 6, 1)),
            claim: Some(ClaimStatus::Denied),
            denial_date: Some(day(2026, 1, 20)),
            ..hospital_bill()
        };
        let advice = advise(&bill, today);
        assert_eq!(
            kinds(&advice),
            vec![
                AdviceKind::BestDayToCall,        // Wed, Mar 31, 2027
                AdviceKind::StatuteOfLimitations, // undated
                AdviceKind::AppealInternalPassed, // ended Sun, Jul 19, 2026
                AdviceKind::DebtValidationPassed, // ended Wed, Jul 8, 2026 (A4's legal end)
                AdviceKind::CreditReportingMayShow,
                AdviceKind::AppealExternal,
            ]
        );
        assert_eq!(advice[2].date, Some(day(2026, 7, 19)));
        assert_eq!(advice[3].date, Some(day(2026, 7, 8)));
    }

    #[test]
    fn a_pending_claim_outranks_a_close_deadline() {
        let bill = Bill {
            nonprofit: Some(Answer3::Yes),
            claim: Some(ClaimStatus::Pending),
            ..hospital_bill()
        };
        let advice = advise(&bill, on_day(119));
        assert_eq!(
            kinds(&advice),
            vec![
                AdviceKind::WaitForEob,
                AdviceKind::NonprofitNoCollectionsBefore, // day 120: 1 day, the legal rule first
                AdviceKind::CollectionsWindowOpen,        // day 120: 1 day
                AdviceKind::FinancialAssistanceDeadline,
            ]
        );
    }
}
