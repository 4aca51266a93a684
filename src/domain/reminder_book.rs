//! A chat's reminders and every change to them: set, cancel, done,
//! snooze, claim for sending, delivered, failed. Pure: the time and the
//! chat's time zone are passed in.

use super::local_time::{delivery_instant, is_night, not_at_night, snoozed};
use super::reminders::{
    retry_delay, Reminder, ReminderPlan, ReminderStatus, KEEP_DELIVERED_DAYS, MAX_ATTEMPTS, MAX_REMINDERS,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A chat's reminders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderBook {
    /// The id the next reminder gets.
    pub next_id: u32,
    pub items: Vec<Reminder>,
}

/// What to do with a reminder the scheduler found due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Send it now (it is marked `Sending`); `late` when it is more than an
    /// hour behind its time.
    Send { late: bool },
    /// It is night where the user is: moved to the morning.
    Postponed,
    /// Not due yet (snoozed or moved since it was found).
    NotDue,
    /// Cancelled, done or delivered already.
    Gone,
}

/// Why a reminder could not be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddError {
    /// The same reminder is already set.
    AlreadySet,
    /// The chat has [`MAX_REMINDERS`] already.
    Full,
}

impl ReminderBook {
    /// Sets a reminder for `bill` from a plan; delivered on its day at the
    /// delivery hour in `tz`.
    pub fn add(&mut self, bill: usize, plan: &ReminderPlan, tz: Tz, now: DateTime<Utc>) -> Result<u32, AddError> {
        if self.is_set(bill, plan) {
            return Err(AddError::AlreadySet);
        }
        if self.items.len() >= MAX_REMINDERS {
            return Err(AddError::Full);
        }
        let id = self.next_id;
        self.next_id += 1;
        let due = delivery_instant(plan.deliver_on, tz, now);
        self.items.push(Reminder {
            id,
            bill,
            kind: plan.kind,
            date: plan.date,
            deliver_on: plan.deliver_on,
            due,
            planned: due,
            status: ReminderStatus::Scheduled,
            attempts: 0,
        });
        Ok(id)
    }

    /// Whether a reminder like this plan is set for `bill` (still to come,
    /// or delivered and not marked done).
    pub fn is_set(&self, bill: usize, plan: &ReminderPlan) -> bool {
        self.items
            .iter()
            .any(|r| r.bill == bill && r.kind == plan.kind && r.date == plan.date)
    }

    pub fn get(&self, id: u32) -> Option<&Reminder> {
        self.items.iter().find(|r| r.id == id)
    }

    fn get_mut(&mut self, id: u32) -> Option<&mut Reminder> {
        self.items.iter_mut().find(|r| r.id == id)
    }

    /// The reminders still to come, soonest first.
    pub fn pending(&self) -> Vec<&Reminder> {
        let mut pending: Vec<&Reminder> = self.items.iter().filter(|r| r.is_pending()).collect();
        pending.sort_by_key(|r| (r.due, r.id));
        pending
    }

    /// Removes a reminder (cancelled, or done); returns it.
    pub fn remove(&mut self, id: u32) -> Option<Reminder> {
        let index = self.items.iter().position(|r| r.id == id)?;
        Some(self.items.remove(index))
    }

    /// "Snooze 1 day": scheduled again for the same time tomorrow (never at
    /// night). Returns the new time.
    pub fn snooze(&mut self, id: u32, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let reminder = self.get_mut(id)?;
        reminder.due = snoozed(now, tz);
        reminder.planned = reminder.due;
        reminder.deliver_on = super::local_time::local_date(reminder.due, tz);
        reminder.status = ReminderStatus::Scheduled;
        reminder.attempts = 0;
        Some(reminder.due)
    }

    /// Claims a due reminder for sending (see [`Claim`]).
    pub fn claim(&mut self, id: u32, tz: Tz, now: DateTime<Utc>) -> Claim {
        let Some(reminder) = self.get_mut(id).filter(|r| r.is_pending()) else {
            return Claim::Gone;
        };
        if reminder.due > now {
            return Claim::NotDue;
        }
        if is_night(now, tz) {
            reminder.due = not_at_night(now, tz);
            reminder.status = ReminderStatus::Scheduled;
            return Claim::Postponed;
        }
        reminder.status = ReminderStatus::Sending;
        Claim::Send {
            late: reminder.is_late(now),
        }
    }

    /// Telegram accepted the reminder's message.
    pub fn delivered(&mut self, id: u32, now: DateTime<Utc>) {
        if let Some(reminder) = self.get_mut(id) {
            reminder.status = ReminderStatus::Delivered { at: now };
            reminder.attempts = 0;
        }
    }

    /// The send failed: tried again after a growing delay; given up (and
    /// removed) after [`MAX_ATTEMPTS`]. Returns true when given up.
    pub fn failed(&mut self, id: u32, now: DateTime<Utc>) -> bool {
        let Some(reminder) = self.get_mut(id) else {
            return false;
        };
        reminder.attempts += 1;
        if reminder.attempts >= MAX_ATTEMPTS {
            self.remove(id);
            return true;
        }
        reminder.due = now + retry_delay(reminder.attempts);
        reminder.status = ReminderStatus::Scheduled;
        false
    }

    /// Removes every reminder of a bill (paid, or gone).
    pub fn drop_bill(&mut self, bill: usize) {
        self.items.retain(|r| r.bill != bill);
    }

    /// Removes every reminder still to come (the user blocked the bot).
    pub fn drop_pending(&mut self) {
        self.items.retain(|r| !r.is_pending());
    }

    /// The time zone changed: scheduled reminders move to the delivery hour
    /// of their day in the new zone.
    pub fn retime(&mut self, tz: Tz, now: DateTime<Utc>) {
        for reminder in self.items.iter_mut().filter(|r| r.status == ReminderStatus::Scheduled) {
            reminder.due = delivery_instant(reminder.deliver_on, tz, now);
            reminder.planned = reminder.due;
        }
    }

    /// Forgets reminders delivered more than [`KEEP_DELIVERED_DAYS`] ago.
    pub fn prune(&mut self, now: DateTime<Utc>) {
        let cutoff = now - chrono::Duration::days(KEEP_DELIVERED_DAYS);
        self.items.retain(|r| match r.status {
            ReminderStatus::Delivered { at } => at >= cutoff,
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reminders::ReminderKind;
    use chrono::NaiveDate;
    use chrono_tz::America::New_York;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn plan(kind: ReminderKind, y: i32, m: u32, d: u32) -> ReminderPlan {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        ReminderPlan {
            kind,
            date,
            deliver_on: date,
        }
    }

    const NOW: &str = "2026-11-28T15:00:00Z"; // 10:00 AM Eastern

    #[test]
    fn a_reminder_is_set_once_for_ten_am_local_on_its_day() {
        let mut book = ReminderBook::default();
        let follow_up = plan(ReminderKind::FollowUp, 2026, 12, 8);
        let id = book.add(0, &follow_up, New_York, utc(NOW)).unwrap();
        assert_eq!(book.get(id).unwrap().due, utc("2026-12-08T15:00:00Z"));
        assert_eq!(book.add(0, &follow_up, New_York, utc(NOW)), Err(AddError::AlreadySet));
        // The same reminder for another bill is another reminder.
        assert_eq!(book.add(1, &follow_up, New_York, utc(NOW)), Ok(id + 1));
    }

    #[test]
    fn claim_sends_when_due_and_in_the_day_only() {
        let mut book = ReminderBook::default();
        let id = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, utc(NOW))
            .unwrap();
        assert_eq!(book.claim(id, New_York, utc("2026-12-08T14:59:00Z")), Claim::NotDue);
        assert_eq!(
            book.claim(id, New_York, utc("2026-12-08T15:00:00Z")),
            Claim::Send { late: false }
        );
        assert_eq!(book.get(id).unwrap().status, ReminderStatus::Sending);
        book.delivered(id, utc("2026-12-08T15:00:01Z"));
        assert_eq!(book.claim(id, New_York, utc("2026-12-08T15:01:00Z")), Claim::Gone);
        assert!(book.pending().is_empty());
    }

    #[test]
    fn a_reminder_due_while_the_bot_was_down_goes_late_but_not_at_night() {
        let mut book = ReminderBook::default();
        let id = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, utc(NOW))
            .unwrap();
        // Back up at 11 PM Eastern the same day: wait for 9 AM.
        assert_eq!(book.claim(id, New_York, utc("2026-12-09T04:00:00Z")), Claim::Postponed);
        assert_eq!(book.get(id).unwrap().due, utc("2026-12-09T14:00:00Z"));
        assert_eq!(
            book.claim(id, New_York, utc("2026-12-09T14:00:00Z")),
            Claim::Send { late: true }
        );
    }

    #[test]
    fn a_claimed_reminder_found_after_a_crash_is_claimed_again() {
        let mut book = ReminderBook::default();
        let id = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, utc(NOW))
            .unwrap();
        let at = utc("2026-12-08T15:00:00Z");
        assert_eq!(book.claim(id, New_York, at), Claim::Send { late: false });
        // The process died before `delivered`: the record still says Sending.
        assert_eq!(book.claim(id, New_York, at), Claim::Send { late: false });
    }

    #[test]
    fn failures_retry_later_and_give_up_in_the_end() {
        let mut book = ReminderBook::default();
        let id = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, utc(NOW))
            .unwrap();
        let at = utc("2026-12-08T15:00:00Z");
        book.claim(id, New_York, at);
        assert!(!book.failed(id, at));
        let reminder = book.get(id).unwrap();
        assert_eq!(
            (reminder.status, reminder.due),
            (ReminderStatus::Scheduled, at + chrono::Duration::seconds(2))
        );
        for _ in 1..MAX_ATTEMPTS - 1 {
            assert!(!book.failed(id, at));
        }
        assert!(book.failed(id, at));
        assert!(book.get(id).is_none());
    }

    #[test]
    fn snooze_brings_it_back_tomorrow_same_time() {
        let mut book = ReminderBook::default();
        let id = book
            .add(
                0,
                &plan(ReminderKind::BestDayToCall, 2026, 10, 31),
                New_York,
                utc("2026-10-01T15:00:00Z"),
            )
            .unwrap();
        let delivered = utc("2026-10-31T14:00:00Z"); // Sat 10:00 EDT
        book.claim(id, New_York, delivered);
        book.delivered(id, delivered);
        let again = book.snooze(id, New_York, delivered).unwrap();
        assert_eq!(again, utc("2026-11-01T15:00:00Z"), "Sun 10:00 EST");
        assert_eq!(book.pending().len(), 1);
        assert_eq!(
            book.get(id).unwrap().deliver_on,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
        );
    }

    #[test]
    fn a_new_time_zone_moves_scheduled_reminders() {
        let mut book = ReminderBook::default();
        let id = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, utc(NOW))
            .unwrap();
        book.retime(chrono_tz::America::Los_Angeles, utc(NOW));
        assert_eq!(book.get(id).unwrap().due, utc("2026-12-08T18:00:00Z"));
    }

    #[test]
    fn paid_bills_and_blocked_chats_lose_their_reminders_and_old_ones_are_forgotten() {
        let mut book = ReminderBook::default();
        let now = utc(NOW);
        let a = book
            .add(0, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, now)
            .unwrap();
        let b = book
            .add(1, &plan(ReminderKind::FollowUp, 2026, 12, 8), New_York, now)
            .unwrap();
        let c = book
            .add(1, &plan(ReminderKind::BestDayToCall, 2026, 11, 30), New_York, now)
            .unwrap();
        book.drop_bill(0);
        assert!(book.get(a).is_none() && book.get(b).is_some());
        book.delivered(c, now);
        book.drop_pending();
        assert!(
            book.get(b).is_none() && book.get(c).is_some(),
            "delivered ones stay for their buttons"
        );
        book.prune(now + chrono::Duration::days(KEEP_DELIVERED_DAYS + 1));
        assert!(book.items.is_empty());
    }

    #[test]
    fn a_chat_holds_at_most_max_reminders() {
        let mut book = ReminderBook::default();
        for n in 0..MAX_REMINDERS {
            let p = plan(
                ReminderKind::Payment {
                    number: n as u32 + 1,
                    amount: 1.into(),
                },
                2027,
                1,
                1,
            );
            book.add(0, &p, New_York, utc(NOW)).unwrap();
        }
        let one_more = plan(ReminderKind::FollowUp, 2026, 12, 8);
        assert_eq!(book.add(0, &one_more, New_York, utc(NOW)), Err(AddError::Full));
    }
}
