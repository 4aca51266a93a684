//! What a patient's coverage changes: the appeal deadline of each kind of
//! plan, and how far back Medicaid can reach when applied for now.
//!
//! Figures from `domain-facts-2.md` E1 (Medicaid retroactive eligibility)
//! and E3 (appeal deadlines), and `domain-facts.md` A5 (private plans).

use crate::domain::bill::{Bill, Coverage, MedicareKind};
use crate::domain::holidays::business_day_on_or_before;
use chrono::{Datelike, Days, Months, NaiveDate};

/// A5: a private plan must allow at least 180 days for the internal appeal.
pub const PRIVATE_APPEAL_DAYS: u64 = 180;
/// E3: Original Medicare, 120 days from receipt of the notice…
pub const ORIGINAL_MEDICARE_APPEAL_DAYS: u64 = 120;
/// …receipt presumed 5 days after the notice's date.
pub const MEDICARE_RECEIPT_DAYS: u64 = 5;
/// E3: Medicare Advantage reconsideration, 65 days from the notice (since 2025).
pub const ADVANTAGE_APPEAL_DAYS: u64 = 65;
/// E3: Medicaid managed-care plan appeal, 60 days from the notice.
pub const MEDICAID_PLAN_APPEAL_DAYS: u64 = 60;

/// Whose appeal rules apply to a denied claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealKind {
    /// Employer or individual plans (ACA/ERISA): 180 days, then external
    /// review for denials that qualify.
    PrivatePlan,
    OriginalMedicare,
    MedicareAdvantage,
    /// Medicare of a kind not known: the earlier (Advantage) deadline.
    MedicareNotSure,
    /// A Medicaid plan appeal, then a state fair hearing.
    Medicaid,
}

/// The appeal that applies to a bill's coverage.
pub fn appeal_kind(bill: &Bill) -> AppealKind {
    match (bill.coverage, bill.medicare) {
        (Some(Coverage::Medicare), Some(MedicareKind::Original)) => AppealKind::OriginalMedicare,
        (Some(Coverage::Medicare), Some(MedicareKind::Advantage)) => AppealKind::MedicareAdvantage,
        (Some(Coverage::Medicare), _) => AppealKind::MedicareNotSure,
        (Some(Coverage::Medicaid), _) => AppealKind::Medicaid,
        _ => AppealKind::PrivatePlan,
    }
}

/// The last day to appeal a denial dated `notice` (E3's "how to compute").
/// E3: the federal text does not roll a deadline past a weekend or a
/// holiday, so for E3's appeals the day given is the last business day on
/// or before it (an Original Medicare redetermination counts as filed when
/// the contractor receives it). A private plan's 180 days are A5's floor,
/// not E3's, and stay as counted.
pub fn appeal_deadline(kind: AppealKind, notice: NaiveDate) -> NaiveDate {
    let days = match kind {
        AppealKind::PrivatePlan => PRIVATE_APPEAL_DAYS,
        AppealKind::OriginalMedicare => MEDICARE_RECEIPT_DAYS + ORIGINAL_MEDICARE_APPEAL_DAYS,
        AppealKind::MedicareAdvantage | AppealKind::MedicareNotSure => ADVANTAGE_APPEAL_DAYS,
        AppealKind::Medicaid => MEDICAID_PLAN_APPEAL_DAYS,
    };
    let last = notice.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX);
    match kind {
        AppealKind::PrivatePlan => last,
        AppealKind::OriginalMedicare
        | AppealKind::MedicareAdvantage
        | AppealKind::MedicareNotSure
        | AppealKind::Medicaid => business_day_on_or_before(last),
    }
}

/// E1: applications from this day fall under the 2027 rule (H.R. 1 §71112).
pub fn retro_rule_change() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// How far back Medicaid can cover care if the patient applies this month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retroactive {
    /// Care on or after this day can be covered.
    pub from: NaiveDate,
    /// Apply by this day to keep that reach: the end of this month (each
    /// month of delay moves the window), or the last day before the rule
    /// change, whichever comes first.
    pub apply_by: NaiveDate,
    /// The reach shrinks on [`retro_rule_change`], and that is this month.
    pub rule_changes: bool,
}

/// E1: before 2027, the 3rd month before the application month; from 2027
/// the month before for expansion adults (the 2nd month before for others:
/// the shorter reach is given, as it holds for everyone).
pub fn retroactive_medicaid(today: NaiveDate) -> Retroactive {
    let month_start = today.with_day(1).unwrap_or(today);
    let months = if today < retro_rule_change() { 3 } else { 1 };
    let from = month_start
        .checked_sub_months(Months::new(months))
        .unwrap_or(month_start);
    let month_end = month_start
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(today);
    let change = retro_rule_change();
    let rule_changes = today < change && month_end >= change.pred_opt().unwrap_or(change);
    Retroactive {
        from,
        apply_by: month_end,
        rule_changes,
    }
}

/// How far back Medicaid reaches for an application filed by a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicaidReach {
    /// Up to the 3rd month before the application month (the rule until
    /// 2026-12-31): the date is the end of the last month that still
    /// reaches the care.
    ThreeMonths,
    /// The 3-month reach would still cover the care, but from 2027-01-01
    /// the shorter reach would not: the date is the day before the change.
    EndsWithRuleChange,
    /// From 2027: the month before the application month (expansion
    /// adults; others get 2 months, so the shorter reach holds for all).
    OneMonth,
}

/// E1: the last day to apply for Medicaid so that care on `care` can still
/// be covered, and which rule sets it; `None` once it is out of reach.
/// Each month of delay moves the window, so the date is the end of the last
/// application month whose reach still includes the care's month.
pub fn medicaid_apply_by(care: NaiveDate, today: NaiveDate) -> Option<(NaiveDate, MedicaidReach)> {
    let care_month = care.with_day(1)?;
    let change = retro_rule_change();
    let old_last = care_month.checked_add_months(Months::new(3))?;
    let (month, reach) = if old_last < change {
        (old_last, MedicaidReach::ThreeMonths)
    } else {
        let new_last = care_month.checked_add_months(Months::new(1))?;
        if new_last >= change {
            (new_last, MedicaidReach::OneMonth)
        } else {
            (
                change.checked_sub_months(Months::new(1))?,
                MedicaidReach::EndsWithRuleChange,
            )
        }
    };
    let apply_by = month.checked_add_months(Months::new(1))?.pred_opt()?;
    (apply_by >= today).then_some((apply_by, reach))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn each_plan_has_its_own_appeal_deadline() {
        let notice = day(2026, 10, 1);
        assert_eq!(appeal_deadline(AppealKind::PrivatePlan, notice), day(2027, 3, 30));
        assert_eq!(appeal_deadline(AppealKind::OriginalMedicare, notice), day(2027, 2, 3));
        // Oct 1 + 65 days is Sat, Dec 5: E3 says file by the business day before.
        assert_eq!(appeal_deadline(AppealKind::MedicareAdvantage, notice), day(2026, 12, 4));
        assert_eq!(appeal_deadline(AppealKind::MedicareNotSure, notice), day(2026, 12, 4));
        assert_eq!(appeal_deadline(AppealKind::Medicaid, notice), day(2026, 11, 30));
    }

    /// E3: an Original Medicare redetermination counts as filed when the
    /// contractor receives it, and a deadline on a weekend or a federal
    /// holiday is not rolled forward: the day given is the business day
    /// before. Notice Sep 7, 2026 + 5 + 120 days = Sun, Jan 10, 2027.
    #[test]
    fn an_e3_deadline_on_a_weekend_or_holiday_moves_to_the_business_day_before() {
        assert_eq!(
            appeal_deadline(AppealKind::OriginalMedicare, day(2026, 9, 7)),
            day(2027, 1, 8)
        );
        // Notice Aug 22 + 125 days = Fri, Dec 25, 2026 (Christmas): Thu, Dec 24.
        assert_eq!(
            appeal_deadline(AppealKind::OriginalMedicare, day(2026, 8, 22)),
            day(2026, 12, 24)
        );
        // Nov 1 + 60 = Thu, Dec 31: a business day, kept.
        assert_eq!(
            appeal_deadline(AppealKind::Medicaid, day(2026, 11, 1)),
            day(2026, 12, 31)
        );
        // A private plan's 180 days (A5) are counted as they fall.
        assert_eq!(
            appeal_deadline(AppealKind::PrivatePlan, day(2026, 6, 8)),
            day(2026, 12, 5)
        );
    }

    #[test]
    fn medicaid_reaches_back_three_months_until_the_2027_rule() {
        let retro = retroactive_medicaid(day(2026, 12, 4));
        assert_eq!(retro.from, day(2026, 9, 1));
        assert_eq!(retro.apply_by, day(2026, 12, 31));
        assert!(retro.rule_changes);
        let retro = retroactive_medicaid(day(2026, 8, 15));
        assert_eq!(retro.from, day(2026, 5, 1));
        assert!(!retro.rule_changes);
        let retro = retroactive_medicaid(day(2027, 3, 10));
        assert_eq!(retro.from, day(2027, 2, 1));
        assert_eq!(retro.apply_by, day(2027, 3, 31));
        assert!(!retro.rule_changes);
    }

    /// The date to apply by is the bill's own: the end of the last month
    /// whose reach still covers its care, not simply this month's end.
    #[test]
    fn the_date_to_apply_by_is_the_last_one_that_still_reaches_the_care() {
        let today = day(2026, 10, 20);
        // Care in July: 3 months back from October reaches July.
        assert_eq!(
            medicaid_apply_by(day(2026, 7, 15), today),
            Some((day(2026, 10, 31), MedicaidReach::ThreeMonths))
        );
        // Care in October: November and December still reach it under the
        // 3-month rule, January 2027 (one month back) does not.
        assert_eq!(
            medicaid_apply_by(day(2026, 10, 10), today),
            Some((day(2026, 12, 31), MedicaidReach::EndsWithRuleChange))
        );
        // Care in December: January 2027 still reaches December.
        assert_eq!(
            medicaid_apply_by(day(2026, 12, 20), day(2026, 12, 21)),
            Some((day(2027, 1, 31), MedicaidReach::OneMonth))
        );
        // Care in June: the last month was September.
        assert_eq!(medicaid_apply_by(day(2026, 6, 1), today), None);
    }
}
