//! How reminders look: the `/remind` picker, the `/reminders` list, the
//! time-zone question, a reminder as delivered, and the `/paid` question.

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::action::Action;
use crate::conversation::output::{Button, Keyboard, Output};
use crate::conversation::report::timing::days_phrase;
use crate::conversation::state::ChatState;
use crate::conversation::view::View;
use crate::domain::bill::BillSender;
use crate::domain::local_time::{clock_text, zone, zone_of_state, US_ZONES};
use crate::domain::money::Usd;
use crate::domain::reminders::{self, Reminder, ReminderKind, ReminderPlan};
use crate::domain::timing::days_from;
use crate::domain::us_states;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Reminders listed in one `/reminders` message (each with a button).
pub const LISTED_REMINDERS: usize = 12;

/// The words on the time-zone buttons, in [`US_ZONES`] order.
const ZONE_LABELS: [Key; 7] = [
    keys::ZONE_EASTERN,
    keys::ZONE_CENTRAL,
    keys::ZONE_MOUNTAIN,
    keys::ZONE_ARIZONA,
    keys::ZONE_PACIFIC,
    keys::ZONE_ALASKA,
    keys::ZONE_HAWAII,
];

/// The reminders the bill calls for, one group per button: all payments
/// of a plan are one group.
pub fn plan_groups(plans: &[ReminderPlan]) -> Vec<(&'static str, Vec<ReminderPlan>)> {
    let mut groups: Vec<(&'static str, Vec<ReminderPlan>)> = Vec::new();
    for plan in plans {
        match groups.iter_mut().find(|(code, _)| *code == plan.kind.code()) {
            Some((_, group)) => group.push(*plan),
            None => groups.push((plan.kind.code(), vec![*plan])),
        }
    }
    groups
}

impl View<'_> {
    /// What a reminder is for, in a few words (plain text).
    pub fn reminder_what(&self, kind: ReminderKind) -> String {
        let key = match kind {
            ReminderKind::CollectionsWeek => keys::REMIND_KIND_COLLECTIONS_WEEK,
            ReminderKind::CollectionsDay => keys::REMIND_KIND_COLLECTIONS_DAY,
            ReminderKind::FollowUp => keys::REMIND_KIND_FOLLOW_UP,
            ReminderKind::Promised => keys::REMIND_KIND_PROMISED,
            ReminderKind::BestDayToCall => keys::REMIND_KIND_BEST_DAY,
            ReminderKind::NoSurprisesDispute => keys::REMIND_KIND_NO_SURPRISES,
            ReminderKind::InternalAppeal => keys::REMIND_KIND_APPEAL,
            ReminderKind::FinancialAssistance => keys::REMIND_KIND_ASSISTANCE,
            ReminderKind::DebtValidation => keys::REMIND_KIND_VALIDATION,
            ReminderKind::CollectionsNotice => keys::REMIND_KIND_COLLECTIONS_NOTICE,
            ReminderKind::Payment { number, .. } => {
                let number = number.to_string();
                return self
                    .content
                    .render(keys::REMIND_KIND_PAYMENT, &[("number", Fill::Text(&number))])
                    .to_plain();
            }
        };
        self.content.plain(key)
    }

    /// What a reminder is for, short enough for a button (plain text).
    fn reminder_short(&self, kind: ReminderKind) -> String {
        let key = match kind {
            ReminderKind::CollectionsWeek => keys::REMIND_SHORT_COLLECTIONS_WEEK,
            ReminderKind::CollectionsDay => keys::REMIND_SHORT_COLLECTIONS_DAY,
            ReminderKind::FollowUp => keys::REMIND_SHORT_FOLLOW_UP,
            ReminderKind::Promised => keys::REMIND_SHORT_PROMISED,
            ReminderKind::BestDayToCall => keys::REMIND_SHORT_BEST_DAY,
            ReminderKind::NoSurprisesDispute => keys::REMIND_SHORT_NO_SURPRISES,
            ReminderKind::InternalAppeal => keys::REMIND_SHORT_APPEAL,
            ReminderKind::FinancialAssistance => keys::REMIND_SHORT_ASSISTANCE,
            ReminderKind::DebtValidation => keys::REMIND_SHORT_VALIDATION,
            ReminderKind::CollectionsNotice => keys::REMIND_SHORT_COLLECTIONS_NOTICE,
            ReminderKind::Payment { number, .. } => {
                let number = number.to_string();
                return self
                    .content
                    .render(keys::REMIND_SHORT_PAYMENT, &[("number", Fill::Text(&number))])
                    .to_plain();
            }
        };
        self.content.plain(key)
    }

    /// A group's button words: a payment group counts its payments.
    fn group_short(&self, group: &[ReminderPlan]) -> String {
        match group {
            [first, _, ..] if first.kind.code() == "pay" => {
                let count = group.len().to_string();
                self.content
                    .render(keys::REMIND_SHORT_PAYMENTS, &[("count", Fill::Text(&count))])
                    .to_plain()
            }
            [first, ..] => self.reminder_short(first.kind),
            [] => String::new(),
        }
    }

    /// What a group of plans is for: a payment group counts its payments.
    fn group_what(&self, group: &[ReminderPlan]) -> String {
        match group {
            [first, _, ..] if first.kind.code() == "pay" => {
                let count = group.len().to_string();
                self.content
                    .render(keys::REMIND_KIND_PAYMENTS, &[("count", Fill::Text(&count))])
                    .to_plain()
            }
            [first, ..] => self.reminder_what(first.kind),
            [] => String::new(),
        }
    }

    /// "Mon, Nov 30 at 10:00 AM", in the chat's time zone.
    pub fn when(&self, instant: DateTime<Utc>, tz: Tz) -> String {
        let date = self.date(instant.with_timezone(&tz).date_naive());
        let time = clock_text(instant, tz);
        self.content
            .render(
                keys::REMIND_WHEN,
                &[("date", Fill::Text(&date)), ("time", Fill::Text(&time))],
            )
            .to_plain()
    }

    /// "Eastern", or the IANA name of a zone without a button.
    pub fn zone_name(&self, name: &str) -> String {
        US_ZONES
            .iter()
            .zip(ZONE_LABELS)
            .find(|((_, zone), _)| *zone == name)
            .map(|(_, label)| self.content.plain(label))
            .unwrap_or_else(|| name.to_string())
    }

    /// `/remind`: what the current bill calls for, a button for each not
    /// set yet, and "set all".
    pub fn remind_picker(&self, state: &ChatState) -> Output {
        let bill = state.current;
        let plans = reminders::plans(state.bill(), self.today);
        let groups = plan_groups(&plans);
        let leave = vec![self.button(keys::REMIND_LEAVE, Action::Leave)];
        if groups.is_empty() {
            let bill = state.bill();
            let dated =
                bill.first_bill_date.is_some() || bill.denial_date.is_some() || bill.collector_letter_date.is_some();
            let key = match (bill.paid, dated) {
                (Some(_), _) => keys::REMIND_PAID,
                // Its dates are known, and none sets a deadline ahead (passed,
                // or none applies: a Medicaid bill; trial 7 said "passed").
                (None, true) => keys::REMIND_PASSED,
                (None, false) => keys::REMIND_NONE,
            };
            return Output::choice(self.content.text(key), vec![leave]);
        }
        let mut lines = vec![self.content.text(keys::REMIND_HEADING)];
        let mut keyboard: Keyboard = Vec::new();
        let mut unset = 0;
        for (code, group) in &groups {
            let what = self.group_what(group);
            let first = group[0];
            let date = self.date(first.deliver_on);
            let about = self.date(first.date);
            let set = group.iter().all(|plan| state.reminders.is_set(bill, plan));
            let line = match (set, first.date == first.deliver_on) {
                (true, _) => self.content.render(
                    keys::REMIND_LINE_SET,
                    &[("what", Fill::Text(&what)), ("when", Fill::Text(&date))],
                ),
                (false, true) => self.content.render(
                    keys::REMIND_LINE,
                    &[("what", Fill::Text(&what)), ("when", Fill::Text(&date))],
                ),
                (false, false) => self.content.render(
                    keys::REMIND_LINE_AHEAD,
                    &[
                        ("what", Fill::Text(&what)),
                        ("date", Fill::Text(&about)),
                        ("when", Fill::Text(&date)),
                    ],
                ),
            };
            lines.push(line);
            if !set {
                unset += 1;
                let short = self.group_short(group);
                let label = self
                    .content
                    .render(keys::REMIND_BUTTON, &[("what", Fill::Text(&short))]);
                keyboard.push(vec![Button {
                    label: label.to_plain(),
                    data: Action::RemindSet(code.to_string()).encode(),
                }]);
            }
        }
        if unset > 1 {
            let count = unset.to_string();
            let all = self.content.render(keys::REMIND_ALL, &[("count", Fill::Text(&count))]);
            keyboard.push(vec![Button {
                label: all.to_plain(),
                data: Action::RemindAll.encode(),
            }]);
        }
        keyboard.push(leave);
        Output::choice(Html::join(&lines, "\n"), keyboard)
    }

    /// `/reminders`: the reminders to come, soonest first, with a cancel
    /// button each.
    pub fn reminders_list(&self, state: &ChatState) -> Output {
        let pending = state.reminders.pending();
        let mut keyboard: Keyboard = Vec::new();
        let text = if pending.is_empty() {
            self.content.text(keys::REMINDERS_EMPTY)
        } else {
            let zone_name = state.time_zone.as_deref().unwrap_or_default();
            let tz = zone(zone_name);
            let zone_text = self.zone_name(zone_name);
            let mut lines = vec![self
                .content
                .render(keys::REMINDERS_HEADING, &[("zone", Fill::Text(&zone_text))])];
            let mut cancel_row = Vec::new();
            for (index, reminder) in pending.iter().take(LISTED_REMINDERS).enumerate() {
                let number = (index + 1).to_string();
                let when = self.when(reminder.due, tz);
                let what = self.reminder_what(reminder.kind);
                let bill = self.bill_label(state, reminder.bill);
                // A reminder that comes ahead of its date (a week before a
                // deadline) names the date it is about as well.
                let line = if reminder.date == reminder.deliver_on {
                    self.content.render(
                        keys::REMINDERS_LINE,
                        &[
                            ("number", Fill::Text(&number)),
                            ("when", Fill::Text(&when)),
                            ("what", Fill::Text(&what)),
                            ("bill", Fill::Text(&bill)),
                        ],
                    )
                } else {
                    let date = self.date(reminder.date);
                    self.content.render(
                        keys::REMINDERS_LINE_AHEAD,
                        &[
                            ("number", Fill::Text(&number)),
                            ("when", Fill::Text(&when)),
                            ("what", Fill::Text(&what)),
                            ("date", Fill::Text(&date)),
                            ("bill", Fill::Text(&bill)),
                        ],
                    )
                };
                lines.push(line);
                let label = self
                    .content
                    .render(keys::REMINDERS_CANCEL, &[("number", Fill::Text(&number))]);
                cancel_row.push(Button {
                    label: label.to_plain(),
                    data: Action::ReminderCancel(reminder.id).encode(),
                });
                if cancel_row.len() == 3 {
                    keyboard.push(std::mem::take(&mut cancel_row));
                }
            }
            if !cancel_row.is_empty() {
                keyboard.push(cancel_row);
            }
            if pending.len() > LISTED_REMINDERS {
                let more = (pending.len() - LISTED_REMINDERS).to_string();
                lines.push(
                    self.content
                        .render(keys::REMINDERS_MORE, &[("count", Fill::Text(&more))]),
                );
            }
            Html::join(&lines, "\n")
        };
        keyboard.push(vec![self.button(keys::REMINDERS_ADD, Action::RemindPicker)]);
        if state.time_zone.is_some() {
            keyboard.push(vec![self.button(keys::REMINDERS_CHANGE_ZONE, Action::ChangeTimeZone)]);
        }
        keyboard.push(vec![self.button(keys::REMIND_LEAVE, Action::Leave)]);
        Output::choice(text, keyboard)
    }

    /// A bill as the user knows it: "Hospital bill, $2,333.00".
    pub fn bill_label(&self, state: &ChatState, index: usize) -> String {
        let number = (index + 1).to_string();
        let bill = state.bills.get(index);
        let sender = match bill.and_then(|bill| bill.sender) {
            Some(BillSender::Hospital) => self.content.plain(keys::REMINDERS_SENDER_HOSPITAL),
            Some(BillSender::DoctorOffice) => self.content.plain(keys::REMINDERS_SENDER_DOCTOR),
            Some(BillSender::Lab) => self.content.plain(keys::REMINDERS_SENDER_LAB),
            Some(BillSender::Ambulance) => self.content.plain(keys::REMINDERS_SENDER_AMBULANCE),
            Some(BillSender::CollectionsAgency) => self.content.plain(keys::REMINDERS_SENDER_COLLECTOR),
            Some(BillSender::Other) | None => self
                .content
                .render(keys::REMINDERS_SENDER_OTHER, &[("number", Fill::Text(&number))])
                .to_plain(),
        };
        match bill.and_then(|bill| bill.amount_due) {
            Some(amount) => {
                let amount = Usd(amount).to_string();
                self.content
                    .render(
                        keys::REMINDERS_BILL,
                        &[("sender", Fill::Text(&sender)), ("amount", Fill::Text(&amount))],
                    )
                    .to_plain()
            }
            None => self
                .content
                .render(keys::REMINDERS_BILL_NO_AMOUNT, &[("sender", Fill::Text(&sender))])
                .to_plain(),
        }
    }

    /// Which time zone? A button for each US zone, and "other"; where the
    /// bill's state is known, its zone first ("Eastern (Ohio)"), for one
    /// tap.
    pub fn time_zone_question(&self, us_state: Option<&str>) -> Output {
        let proposed = us_state.and_then(|code| {
            let name = us_states::name(code)?;
            let zone = zone_of_state(code)?;
            let (at, (id, _)) = US_ZONES.iter().enumerate().find(|(_, (_, each))| *each == zone)?;
            let label = self.content.render(
                keys::ZONE_OF_STATE,
                &[
                    ("zone", Fill::Text(&self.content.plain(ZONE_LABELS[at]))),
                    ("state", Fill::Text(name)),
                ],
            );
            Some((
                *id,
                vec![Button {
                    label: label.to_plain(),
                    data: Action::TimeZone(id.to_string()).encode(),
                }],
            ))
        });
        // The state's zone once, not again in the list (trial 7: "Pacific
        // (California)" and "Pacific").
        let first = proposed.as_ref().map(|(id, _)| *id);
        let mut keyboard: Keyboard = proposed.into_iter().map(|(_, row)| row).collect();
        keyboard.extend(
            US_ZONES
                .iter()
                .zip(ZONE_LABELS)
                .filter(|((id, _), _)| Some(*id) != first)
                .map(|((id, _), label)| self.button(label, Action::TimeZone(id.to_string())))
                .collect::<Vec<_>>()
                .chunks(2)
                .map(|row| row.to_vec()),
        );
        keyboard.push(vec![
            self.button(keys::ZONE_OTHER, Action::TimeZone("other".to_string()))
        ]);
        Output::Message {
            text: self.content.text(keys::ZONE_PROMPT),
            keyboard,
            typed_answer: true,
        }
    }

    /// A reminder's words: heading, a late note when late, and what to do.
    pub fn reminder_text(&self, state: &ChatState, reminder: &Reminder, late: bool) -> Html {
        let bill = self.bill_label(state, reminder.bill);
        let mut parts = vec![self.content.render(keys::DUE_HEADING, &[("bill", Fill::Text(&bill))])];
        if late {
            let meant = self.date(reminder.deliver_on);
            parts.push(self.content.render(keys::DUE_LATE, &[("date", Fill::Text(&meant))]));
        }
        parts.push(self.reminder_body(state, reminder));
        Html::join(&parts, "\n")
    }

    fn reminder_body(&self, state: &ChatState, reminder: &Reminder) -> Html {
        let date = self.date(reminder.date);
        let days = days_phrase(days_from(self.today, reminder.date), self);
        let dated = |key: Key| {
            self.content
                .render(key, &[("date", Fill::Text(&date)), ("days", Fill::Text(&days))])
        };
        match reminder.kind {
            // Never "ask for the itemized bill" to someone who has it.
            ReminderKind::CollectionsWeek => {
                let has_itemized = state
                    .bills
                    .get(reminder.bill)
                    .is_some_and(|bill| !bill.items.is_empty() || bill.has_itemized == Some(true));
                match has_itemized {
                    true => dated(keys::DUE_COLLECTIONS_WEEK_ITEMIZED),
                    false => dated(keys::DUE_COLLECTIONS_WEEK),
                }
            }
            ReminderKind::CollectionsDay => dated(keys::DUE_COLLECTIONS_DAY),
            ReminderKind::BestDayToCall => dated(keys::DUE_BEST_DAY),
            ReminderKind::FollowUp => self.content.text(keys::DUE_FOLLOW_UP),
            ReminderKind::Promised => {
                // The call, as /bills shows it: who, the reference, what, by when.
                let call = state
                    .bills
                    .get(reminder.bill)
                    .and_then(|bill| {
                        bill.calls
                            .iter()
                            .rev()
                            .find(|call| call.promised_by == Some(reminder.date))
                    })
                    .map(|call| self.call_line(call))
                    .unwrap_or_else(|| self.content.text(keys::CALL_WHAT_PROMISED_SOMETHING));
                self.content.render(
                    keys::DUE_PROMISED,
                    &[
                        ("date", Fill::Text(&date)),
                        ("days", Fill::Text(&days)),
                        ("call", Fill::Html(&call)),
                    ],
                )
            }
            ReminderKind::NoSurprisesDispute => dated(keys::DUE_NO_SURPRISES),
            ReminderKind::InternalAppeal => dated(keys::DUE_APPEAL),
            ReminderKind::FinancialAssistance => dated(keys::DUE_ASSISTANCE),
            ReminderKind::DebtValidation => dated(keys::DUE_VALIDATION),
            ReminderKind::CollectionsNotice => dated(keys::DUE_COLLECTIONS_NOTICE),
            ReminderKind::Payment { number, amount } => {
                let number = number.to_string();
                let amount = Usd(amount).to_string();
                self.content.render(
                    keys::DUE_PAYMENT,
                    &[
                        ("number", Fill::Text(&number)),
                        ("amount", Fill::Text(&amount)),
                        ("date", Fill::Text(&date)),
                        ("days", Fill::Text(&days)),
                    ],
                )
            }
        }
    }

    /// A reminder as delivered: its words and Done · Snooze 1 day · Show
    /// script.
    pub fn reminder_message(&self, state: &ChatState, reminder: &Reminder, late: bool) -> Output {
        let id = reminder.id;
        Output::choice(
            self.reminder_text(state, reminder, late),
            vec![
                vec![
                    self.button(keys::DUE_DONE, Action::ReminderDone(id)),
                    self.button(keys::DUE_SNOOZE, Action::ReminderSnooze(id)),
                ],
                vec![self.button(keys::DUE_SCRIPT, Action::ReminderScript(id))],
            ],
        )
    }

    /// `/paid`: how much was paid in the end, with the amount due as a
    /// button when known.
    pub fn paid_prompt(&self, state: &ChatState) -> Output {
        let bill = self.bill_label(state, state.current);
        let mut text = self.content.render(keys::PAID_PROMPT, &[("bill", Fill::Text(&bill))]);
        if let Some(paid) = state.bill().paid {
            let amount = Usd(paid.amount).to_string();
            let date = self.date(paid.date);
            let already = self.content.render(
                keys::PAID_ALREADY,
                &[("amount", Fill::Text(&amount)), ("date", Fill::Text(&date))],
            );
            text = Html::join(&[already, text], "\n");
        }
        let mut keyboard: Keyboard = Vec::new();
        if let Some(due) = state.bill().amount_due.filter(|a| !a.is_zero()) {
            let amount = Usd(due).to_string();
            let label = self.content.render(keys::PAID_FULL, &[("amount", Fill::Text(&amount))]);
            keyboard.push(vec![Button {
                label: label.to_plain(),
                data: Action::PaidFull.encode(),
            }]);
        }
        keyboard.push(vec![self.button(keys::PAID_NOT_NOW, Action::Leave)]);
        Output::Message {
            text,
            keyboard,
            typed_answer: true,
        }
    }
}
