//! Reminders: which ones a bill calls for, and the stored reminder with
//! its delivery state.
//!
//! A reminder is about a date (day 90, a deadline, a payment, a promise)
//! and is delivered on a day at or before it, at a sensible local hour
//! (see [`super::local_time`]). Its life: `Scheduled` → `Sending` (claimed
//! just before the message goes out) → `Delivered` (Telegram accepted it);
//! a failed send goes back to `Scheduled` a little later.

use super::bill::Bill;
use super::offers::{self, payment_plan};
use super::timing::{AdviceKind, COLLECTIONS_FROM_DAY};
use chrono::{DateTime, Days, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The default wait before following up on a request.
pub const FOLLOW_UP_DAYS: u64 = 10;
/// Deadline reminders come this many days before the deadline.
pub const DEADLINE_NOTICE_DAYS: u64 = 7;
/// Payment reminders come this many days before the payment is due.
pub const PAYMENT_NOTICE_DAYS: u64 = 3;
/// The most reminders one chat keeps (a long payment plan fits).
pub const MAX_REMINDERS: usize = 120;
/// Delivered reminders are forgotten this many days after delivery.
pub const KEEP_DELIVERED_DAYS: i64 = 30;

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReminderKind {
    /// A week before day 90 after the first bill.
    CollectionsWeek,
    /// The day before day 90.
    CollectionsDay,
    /// Follow up on a request (the default wait).
    FollowUp,
    /// The date promised in a logged call.
    Promised,
    /// The last business day of the month (or quarter).
    BestDayToCall,
    /// The No Surprises Act dispute deadline (120 days from the bill).
    NoSurprisesDispute,
    /// The insurer's internal appeal deadline (180 days from the denial).
    InternalAppeal,
    /// A nonprofit hospital's financial-assistance deadline (day 240).
    FinancialAssistance,
    /// The 30 days to dispute a collector's debt in writing.
    DebtValidation,
    /// The day a letter from the office says the bill goes to collections.
    CollectionsNotice,
    /// A payment of the plan.
    Payment { number: u32, amount: Decimal },
}

impl ReminderKind {
    /// One of each kind (a payment stands for all): what [`ReminderKind::code`]
    /// can say, so a check of button data needs no copy of the codes.
    pub const EACH: [ReminderKind; 11] = [
        ReminderKind::CollectionsWeek,
        ReminderKind::CollectionsDay,
        ReminderKind::FollowUp,
        ReminderKind::Promised,
        ReminderKind::BestDayToCall,
        ReminderKind::NoSurprisesDispute,
        ReminderKind::InternalAppeal,
        ReminderKind::FinancialAssistance,
        ReminderKind::DebtValidation,
        ReminderKind::CollectionsNotice,
        ReminderKind::Payment {
            number: 1,
            amount: Decimal::ZERO,
        },
    ];

    /// A short stable code for buttons ("set this one"). All payments of a
    /// plan share one code: they are set together.
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::CollectionsWeek => "cw",
            ReminderKind::CollectionsDay => "cd",
            ReminderKind::FollowUp => "fu",
            ReminderKind::Promised => "pr",
            ReminderKind::BestDayToCall => "bd",
            ReminderKind::NoSurprisesDispute => "nsa",
            ReminderKind::InternalAppeal => "ap",
            ReminderKind::FinancialAssistance => "fa",
            ReminderKind::DebtValidation => "dv",
            ReminderKind::CollectionsNotice => "cn",
            ReminderKind::Payment { .. } => "pay",
        }
    }
}

/// Where a reminder is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum ReminderStatus {
    /// Waiting for its time.
    Scheduled,
    /// Claimed for sending: the message may be on its way. Found like this
    /// after a crash, it is sent again (the one case that can repeat).
    Sending,
    /// Telegram accepted the message at `at`.
    Delivered { at: DateTime<Utc> },
}

/// One reminder of a chat.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Unique within the chat, never reused.
    pub id: u32,
    /// The bill it is about (index in the chat's bills).
    pub bill: usize,
    pub kind: ReminderKind,
    /// The date it is about: day 90, the deadline, the payment, the promise.
    pub date: NaiveDate,
    /// The local day it is meant to arrive.
    pub deliver_on: NaiveDate,
    /// When it goes out: `deliver_on` at the delivery hour in the chat's
    /// time zone, or later (snoozed, postponed out of the night, retried).
    pub due: DateTime<Utc>,
    /// When it was meant to go out (set, snoozed or re-timed): lateness is
    /// counted from here, not from a postponed or retried `due`.
    pub planned: DateTime<Utc>,
    pub status: ReminderStatus,
    /// Failed sends so far (for the retry delay).
    #[serde(default)]
    pub attempts: u32,
}

impl Reminder {
    /// Still to be sent (scheduled or claimed).
    pub fn is_pending(&self) -> bool {
        !matches!(self.status, ReminderStatus::Delivered { .. })
    }

    /// Goes out more than an hour after its time: the message says so.
    pub fn is_late(&self, now: DateTime<Utc>) -> bool {
        now - self.planned > chrono::Duration::hours(1)
    }
}

/// A reminder the bill calls for, not set yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderPlan {
    pub kind: ReminderKind,
    pub date: NaiveDate,
    pub deliver_on: NaiveDate,
}

/// Every reminder that fits `bill` on `today`, soonest first; only those
/// that can still arrive on or before their date. A bill not described yet,
/// or marked paid, needs none.
pub fn plans(bill: &Bill, today: NaiveDate) -> Vec<ReminderPlan> {
    if bill.paid.is_some() || bill.is_empty() {
        return Vec::new();
    }
    let mut plans = Vec::new();
    let mut add = |kind, date: NaiveDate, deliver_on: NaiveDate| {
        if deliver_on >= today && date >= today {
            plans.push(ReminderPlan { kind, date, deliver_on });
        }
    };
    let owes = bill.amount_due.is_none_or(|amount| amount > Decimal::ZERO);
    for advice in super::plan::dates(bill, today) {
        let Some(date) = advice.date else { continue };
        match advice.kind {
            AdviceKind::CollectionsWindowAhead => {
                add(ReminderKind::CollectionsWeek, date, minus(date, 7));
                add(ReminderKind::CollectionsDay, date, minus(date, 1));
            }
            AdviceKind::BestDayToCall | AdviceKind::BestDayToCallQuarterEnd => {
                add(ReminderKind::BestDayToCall, date, date)
            }
            AdviceKind::NoSurprisesDispute { .. } => add(ReminderKind::NoSurprisesDispute, date, notice(date, today)),
            AdviceKind::AppealInternal | AdviceKind::AppealByNotice { .. } => {
                add(ReminderKind::InternalAppeal, date, notice(date, today))
            }
            AdviceKind::FinancialAssistanceDeadline => {
                add(ReminderKind::FinancialAssistance, date, notice(date, today))
            }
            AdviceKind::DebtValidation | AdviceKind::DebtValidationLegalEnd => {
                add(ReminderKind::DebtValidation, date, notice(date, today))
            }
            AdviceKind::CollectionsNotice => add(ReminderKind::CollectionsNotice, date, notice(date, today)),
            _ => {}
        }
    }
    if let Some(promised) = bill.calls.iter().rev().find_map(|call| call.promised_by) {
        add(ReminderKind::Promised, promised, promised);
    }
    // A follow-up is for something asked on a call.
    if !bill.calls.is_empty() {
        let follow_up = weekday_on_or_after(plus(today, FOLLOW_UP_DAYS));
        add(ReminderKind::FollowUp, follow_up, follow_up);
    }
    if owes {
        for plan in payment_plans(bill, today) {
            add(plan.kind, plan.date, plan.deliver_on);
        }
    }
    plans.sort_by_key(|plan| (plan.deliver_on, plan.date));
    plans
}

/// The payments of the plan agreed on the last call that agreed one (its
/// monthly amount and first due date, over what is owed now), each
/// reminded a few days ahead. No plan agreed, no payment reminders: the
/// plan the offer suggests is only a suggestion.
fn payment_plans(bill: &Bill, today: NaiveDate) -> Vec<ReminderPlan> {
    let agreed = bill
        .calls
        .iter()
        .rev()
        .find_map(|call| Some((call.plan_monthly?, call.plan_first_due?)));
    let (Some(balance), Some((monthly, first_due))) = (offers::balance(bill), agreed) else {
        return Vec::new();
    };
    let Ok(plan) = payment_plan(balance, monthly, first_due) else {
        return Vec::new();
    };
    plan.payments
        .iter()
        .map(|payment| ReminderPlan {
            kind: ReminderKind::Payment {
                number: payment.number,
                amount: payment.amount,
            },
            date: payment.due,
            deliver_on: minus(payment.due, PAYMENT_NOTICE_DAYS).max(today),
        })
        .collect()
}

/// `date`, or the next business day when it falls on a weekend or an
/// observed federal holiday.
fn weekday_on_or_after(date: NaiveDate) -> NaiveDate {
    crate::domain::holidays::business_day_on_or_after(date)
}

/// The day 90 after the first bill (the start of the collections window).
pub fn day_ninety(bill: &Bill) -> Option<NaiveDate> {
    bill.first_bill_date.map(|first| plus(first, COLLECTIONS_FROM_DAY))
}

/// A week before a deadline, moved back to a business day (the user can
/// call someone that day), or today when that has passed.
fn notice(deadline: NaiveDate, today: NaiveDate) -> NaiveDate {
    crate::domain::holidays::business_day_on_or_before(minus(deadline, DEADLINE_NOTICE_DAYS)).max(today)
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN)
}

/// How long to wait before sending again after `attempts` failed sends:
/// 2 s, 4 s, 8 s... at most an hour.
pub fn retry_delay(attempts: u32) -> chrono::Duration {
    let seconds = 2i64.saturating_pow(attempts.clamp(1, 12)).min(3600);
    chrono::Duration::seconds(seconds)
}

/// After this many failed sends a reminder is given up (a few days of
/// hourly tries), so a message Telegram always refuses does not loop.
pub const MAX_ATTEMPTS: u32 = 60;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bill::{Answer3, BillSender, Coverage, Settlement};
    use crate::domain::calls::CallLog;
    use std::str::FromStr;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn codes(plans: &[ReminderPlan]) -> Vec<&'static str> {
        plans.iter().map(|plan| plan.kind.code()).collect()
    }

    fn hospital_bill() -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::No),
            coverage: Some(Coverage::SelfPay),
            first_bill_date: Some(day(2026, 11, 1)),
            amount_due: Some(Decimal::from(1200)),
            ..Bill::default()
        }
    }

    #[test]
    fn each_kind_is_listed_once_in_each() {
        // A new kind stops the build here until it has its place in EACH.
        let place = |kind: ReminderKind| match kind {
            ReminderKind::CollectionsWeek => 0,
            ReminderKind::CollectionsDay => 1,
            ReminderKind::FollowUp => 2,
            ReminderKind::Promised => 3,
            ReminderKind::BestDayToCall => 4,
            ReminderKind::NoSurprisesDispute => 5,
            ReminderKind::InternalAppeal => 6,
            ReminderKind::FinancialAssistance => 7,
            ReminderKind::DebtValidation => 8,
            ReminderKind::CollectionsNotice => 9,
            ReminderKind::Payment { .. } => 10,
        };
        for (at, kind) in ReminderKind::EACH.into_iter().enumerate() {
            assert_eq!(place(kind), at, "{kind:?}");
        }
        let mut codes: Vec<&str> = ReminderKind::EACH.iter().map(|kind| kind.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ReminderKind::EACH.len(), "codes are unique");
    }

    #[test]
    fn a_new_bill_gets_the_collections_week_and_day_before_day_ninety() {
        let today = day(2026, 11, 28);
        let plans = plans(&hospital_bill(), today);
        // Day 90 after Nov 1 is Jan 30, 2027.
        let week = plans.iter().find(|p| p.kind == ReminderKind::CollectionsWeek).unwrap();
        assert_eq!((week.date, week.deliver_on), (day(2027, 1, 30), day(2027, 1, 23)));
        let eve = plans.iter().find(|p| p.kind == ReminderKind::CollectionsDay).unwrap();
        assert_eq!(eve.deliver_on, day(2027, 1, 29));
        // Nov 30, 2026 is a Monday: the month's last business day.
        let call = plans.iter().find(|p| p.kind == ReminderKind::BestDayToCall).unwrap();
        assert_eq!(call.deliver_on, day(2026, 11, 30));
        assert_eq!(
            codes(&plans),
            ["bd", "cw", "cd"],
            "soonest first; no follow-up before a call"
        );
    }

    #[test]
    fn a_reminder_whose_day_has_passed_is_not_offered() {
        // Day 90 is Jan 30: on Jan 24 the week-before reminder is gone.
        let plans = plans(&hospital_bill(), day(2027, 1, 24));
        assert!(!codes(&plans).contains(&"cw"));
        assert!(codes(&plans).contains(&"cd"));
        let after = super::plans(&hospital_bill(), day(2027, 1, 30));
        assert!(!codes(&after).contains(&"cd"));
    }

    #[test]
    fn deadlines_come_a_week_ahead_or_today_when_closer() {
        let mut bill = hospital_bill();
        bill.nonprofit = Some(Answer3::Yes);
        // Financial assistance until day 240 after Nov 1: Jun 29, 2027.
        let plans = plans(&bill, day(2026, 11, 28));
        let fa = plans
            .iter()
            .find(|p| p.kind == ReminderKind::FinancialAssistance)
            .unwrap();
        assert_eq!((fa.date, fa.deliver_on), (day(2027, 6, 29), day(2027, 6, 22)));
        let close = super::plans(&bill, day(2027, 6, 25));
        let fa = close
            .iter()
            .find(|p| p.kind == ReminderKind::FinancialAssistance)
            .unwrap();
        assert_eq!(fa.deliver_on, day(2027, 6, 25));
    }

    #[test]
    fn reminders_land_on_business_days() {
        use crate::domain::holidays::is_business_day;
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(crate::domain::bill::Answer3::Yes),
            first_bill_date: Some(day(2026, 5, 2)),
            collector_letter_date: Some(day(2026, 11, 20)),
            amount_due: Some(Decimal::from(800)),
            ..Bill::default()
        };
        let mut checked = 0;
        for today in [day(2026, 5, 2), day(2026, 6, 13), day(2026, 11, 2)] {
            for plan in plans(&bill, today).iter().filter(|p| p.deliver_on > today) {
                assert!(
                    is_business_day(plan.deliver_on),
                    "{:?} on {}",
                    plan.kind,
                    plan.deliver_on
                );
                checked += 1;
            }
        }
        assert!(checked >= 3, "{checked} reminders checked");
    }

    #[test]
    fn an_original_medicare_denial_gets_its_redetermination_deadline() {
        // Trial 7 (tom): /remind said every deadline had passed.
        let notice = day(2026, 11, 2);
        let bill = Bill {
            coverage: Some(Coverage::Medicare),
            medicare: Some(crate::domain::bill::MedicareKind::Original),
            claim: Some(crate::domain::bill::ClaimStatus::Denied),
            denial_date: Some(notice),
            ..hospital_bill()
        };
        let deadline =
            crate::domain::coverage::appeal_deadline(crate::domain::coverage::AppealKind::OriginalMedicare, notice);
        let plans = plans(&bill, day(2026, 12, 5));
        assert!(
            plans
                .iter()
                .any(|p| p.kind == ReminderKind::InternalAppeal && p.date == deadline),
            "{plans:?}"
        );
    }

    #[test]
    fn a_collector_bill_gets_the_validation_deadline() {
        let bill = Bill {
            sender: Some(BillSender::CollectionsAgency),
            collector_letter_date: Some(day(2026, 11, 20)),
            amount_due: Some(Decimal::from(800)),
            ..Bill::default()
        };
        let plans = plans(&bill, day(2026, 11, 28));
        let dv = plans.iter().find(|p| p.kind == ReminderKind::DebtValidation).unwrap();
        // 30 days from the letter is Sun Dec 20: to be safe, Fri Dec 18
        // (timing::validation_deadline).
        assert_eq!(dv.date, day(2026, 12, 18));
        // A week before is Fri Dec 11, a business day.
        assert_eq!(dv.deliver_on, day(2026, 12, 11));
        assert!(
            !codes(&plans).contains(&"cw"),
            "no collections window for a bill already there"
        );
    }

    #[test]
    fn a_promise_from_a_call_is_offered_on_its_date() {
        let mut bill = hospital_bill();
        let mut call = CallLog::new(day(2026, 11, 27));
        call.promised_by = Some(day(2026, 12, 11));
        bill.calls.push(call);
        let plans = plans(&bill, day(2026, 11, 28));
        let promised = plans.iter().find(|p| p.kind == ReminderKind::Promised).unwrap();
        assert_eq!(promised.deliver_on, day(2026, 12, 11));
        // After a call, a follow-up too, moved off the weekend: Dec 8 is a
        // Tuesday; from Dec 2, ten days is Sat, Dec 12, so Mon, Dec 14.
        let follow_up = plans.iter().find(|p| p.kind == ReminderKind::FollowUp).unwrap();
        assert_eq!(follow_up.deliver_on, day(2026, 12, 8));
        let later = super::plans(&bill, day(2026, 12, 2));
        let follow_up = later.iter().find(|p| p.kind == ReminderKind::FollowUp).unwrap();
        assert_eq!(follow_up.deliver_on, day(2026, 12, 14));
    }

    #[test]
    fn an_agreed_payment_plan_gets_one_reminder_per_payment_summing_to_the_balance() {
        let mut bill = hospital_bill();
        bill.amount_due = Some(Decimal::from_str("1000.01").unwrap());
        // The monthly amount the user could pay suggests a plan, not yet agreed.
        bill.monthly = Some(Decimal::from(150));
        assert!(!codes(&plans(&bill, day(2026, 11, 28))).contains(&"pay"));
        let mut call = CallLog::new(day(2026, 11, 27));
        call.plan_monthly = Some(Decimal::from(150));
        call.plan_first_due = Some(day(2026, 12, 1));
        bill.calls.push(call);
        let plans = plans(&bill, day(2026, 11, 28));
        let payments: Vec<_> = plans.iter().filter(|p| p.kind.code() == "pay").collect();
        assert_eq!(payments.len(), 7);
        let total: Decimal = payments
            .iter()
            .map(|p| match p.kind {
                ReminderKind::Payment { amount, .. } => amount,
                _ => Decimal::ZERO,
            })
            .sum();
        assert_eq!(total, Decimal::from_str("1000.01").unwrap());
        assert_eq!(payments[0].date, day(2026, 12, 1));
        assert_eq!(
            payments[0].deliver_on,
            day(2026, 11, 28),
            "three days ahead, not in the past"
        );
        assert_eq!(payments[1].deliver_on, day(2026, 12, 29));
    }

    #[test]
    fn an_empty_bill_needs_no_reminder() {
        assert!(plans(&Bill::default(), day(2026, 11, 28)).is_empty());
    }

    #[test]
    fn a_paid_bill_needs_no_reminder() {
        let mut bill = hospital_bill();
        bill.paid = Some(Settlement {
            amount: Decimal::from(600),
            date: day(2026, 11, 28),
        });
        assert!(plans(&bill, day(2026, 11, 28)).is_empty());
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(0).num_seconds(), 2);
        assert_eq!(retry_delay(1).num_seconds(), 2);
        assert_eq!(retry_delay(3).num_seconds(), 8);
        assert_eq!(retry_delay(40).num_seconds(), 3600);
    }
}
