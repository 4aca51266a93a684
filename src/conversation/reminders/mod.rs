//! Reminders in the conversation: `/remind` (set the ones the bill calls
//! for), the time zone (asked once), `/reminders` (list and cancel), the
//! buttons of a delivered reminder (Done, Snooze 1 day, Show script), and
//! `/paid` (a bill settled: its reminders stop).

pub mod due;
pub mod screens;

use crate::content::templates::ScriptKind;
use crate::content::{keys, Fill, Html, Key};
use crate::conversation::action::Action;
use crate::conversation::output::{Button, Output};
use crate::conversation::state::Screen;
use crate::conversation::step::Turn;
use crate::domain::bill::Settlement;
use crate::domain::local_time::{zone, US_ZONES};
use crate::domain::money::{parse_amount, AmountError, Usd};
use crate::domain::reminder_book::AddError;
use crate::domain::reminders::{self, Reminder, ReminderKind, ReminderPlan, MAX_REMINDERS};
use chrono_tz::Tz;
use rust_decimal::Decimal;

/// The `then` of the time-zone question when every reminder is to be set.
const ALL_PLANS: &str = "all";

impl Turn<'_> {
    /// The chat's time zone, once known.
    fn zone(&self) -> Option<Tz> {
        self.state.time_zone.as_deref().map(zone)
    }

    /// `/remind`: what the current bill calls for.
    pub(super) fn open_remind_picker(&mut self) {
        let back_to = self.state.screen.origin();
        self.go_to(Screen::Remind { back_to });
    }

    /// `/reminders`: the list.
    pub(super) fn open_reminders(&mut self) {
        let back_to = self.state.screen.origin();
        self.go_to(Screen::Reminders { back_to });
    }

    /// Ask the time zone, then set `then` (a plan code, or all). Asked from
    /// a reminder screen, it goes back to that screen.
    fn ask_time_zone(&mut self, then: Option<String>) {
        let back_to = match &self.state.screen {
            screen @ (Screen::Remind { .. } | Screen::Reminders { .. }) => Box::new(screen.clone()),
            other => other.origin(),
        };
        self.go_to(Screen::AskTimeZone { then, back_to });
    }

    /// A reminder button of the picker (`code`), or "set all" (`None`).
    pub(super) fn set_reminders(&mut self, code: Option<&str>) {
        let Some(tz) = self.zone() else {
            return self.ask_time_zone(Some(code.unwrap_or(ALL_PLANS).to_string()));
        };
        let bill = self.state.current;
        let plans: Vec<ReminderPlan> = reminders::plans(self.bill(), self.today())
            .into_iter()
            .filter(|plan| code.is_none_or(|code| plan.kind.code() == code))
            .collect();
        if plans.is_empty() {
            return self.say_then_redraw(keys::REMIND_NO_LONGER);
        }
        let mut set = Vec::new();
        let mut full = false;
        for plan in &plans {
            match self.state.reminders.add(bill, plan, tz, self.now) {
                Ok(id) => set.push(id),
                Err(AddError::AlreadySet) => {}
                Err(AddError::Full) => {
                    full = true;
                    break;
                }
            }
        }
        match set.as_slice() {
            [] if !full => self.say(keys::REMIND_ALREADY_SET),
            [] => {}
            [id] => {
                if let Some(reminder) = self.state.reminders.get(*id).cloned() {
                    self.say_about(keys::REMIND_SET, &reminder, tz);
                }
            }
            many => {
                let count = many.len().to_string();
                let line = self
                    .content()
                    .render(keys::REMIND_SET_MANY, &[("count", Fill::Text(&count))]);
                self.outputs.push(Output::line(line));
            }
        }
        if full {
            let max = MAX_REMINDERS.to_string();
            let line = self.content().render(keys::REMIND_FULL, &[("max", Fill::Text(&max))]);
            self.outputs.push(Output::line(line));
        }
        // On the picker, it shows again with the new marks; elsewhere (a
        // button under a saved call) the line is enough.
        if matches!(self.state.screen, Screen::Remind { .. }) {
            self.show_current();
        }
    }

    /// A time-zone button: a US zone, or "other" (then typed).
    pub(super) fn zone_button(&mut self, id: &str) {
        if !matches!(self.state.screen, Screen::AskTimeZone { .. }) {
            return self.stale();
        }
        if id == "other" {
            return self.say(keys::ZONE_TYPE_IT);
        }
        match US_ZONES.iter().find(|(zone_id, _)| *zone_id == id) {
            Some((_, name)) => self.choose_zone(name),
            None => self.stale(),
        }
    }

    /// A typed time zone.
    pub(super) fn zone_typed(&mut self, text: &str) {
        if let Some(name) = crate::domain::local_time::parse_time_zone(text) {
            return self.choose_zone(name);
        }
        // "texas time": the zone most of that state keeps.
        let state = crate::domain::reading::read_state(text, self.words).ok();
        let code = state
            .as_ref()
            .and_then(crate::domain::reading::Reading::value)
            .and_then(|at| crate::domain::us_states::STATES.get(*at));
        match code.and_then(|(code, _)| crate::domain::local_time::zone_of_state(code)) {
            Some(name) => self.choose_zone(name),
            None => self.say_then_current(keys::ZONE_UNKNOWN),
        }
    }

    /// Keeps the zone, moves scheduled reminders to it, and sets the
    /// reminder that was waiting for it.
    fn choose_zone(&mut self, name: &str) {
        let Screen::AskTimeZone { then, back_to } = self.state.screen.clone() else {
            return self.stale();
        };
        self.state.time_zone = Some(name.to_string());
        self.state.reminders.retime(zone(name), self.now);
        let shown = self.view.zone_name(name);
        let line = self.content().render(keys::ZONE_SET, &[("zone", Fill::Text(&shown))]);
        self.outputs.push(Output::line(line));
        self.state.screen = *back_to;
        if let Some(code) = then {
            self.set_reminders(Some(code.as_str()).filter(|code| *code != ALL_PLANS));
            if matches!(self.state.screen, Screen::Remind { .. }) {
                return;
            }
        }
        self.show_current();
    }

    /// "🕒 Change time zone" in the list.
    pub(super) fn change_time_zone(&mut self) {
        self.ask_time_zone(None);
    }

    /// "✖ Cancel" in the list.
    pub(super) fn cancel_reminder(&mut self, id: u32) {
        let Some(reminder) = self.state.reminders.remove(id) else {
            return self.say_then_redraw(keys::REMIND_NO_LONGER);
        };
        let tz = self.zone().unwrap_or(chrono_tz::America::New_York);
        self.say_about(keys::REMINDERS_CANCELLED, &reminder, tz);
        self.show_current();
    }

    /// A line about one reminder: what it is for, and when it comes.
    fn say_about(&mut self, key: Key, reminder: &Reminder, tz: Tz) {
        let what = self.view.reminder_what(reminder.kind);
        let when = self.view.when(reminder.due, tz);
        let line = self
            .content()
            .render(key, &[("what", Fill::Text(&what)), ("when", Fill::Text(&when))]);
        self.outputs.push(Output::line(line));
    }

    /// "✅ Done" under a delivered reminder: it is forgotten.
    pub(super) fn reminder_done(&mut self, id: u32) {
        let Some(reminder) = self.state.reminders.remove(id) else {
            return self.say(keys::REMIND_NO_LONGER);
        };
        let text = self.view.reminder_text(&self.state, &reminder, false);
        let done = self.content().text(keys::DUE_MARKED_DONE);
        self.outputs.push(Output::ReplacePressed {
            text: Html::join(&[text, done], "\n\n"),
            keyboard: Vec::new(),
        });
    }

    /// "💤 Snooze 1 day" under a delivered reminder.
    pub(super) fn reminder_snooze(&mut self, id: u32) {
        let tz = self.zone().unwrap_or(chrono_tz::America::New_York);
        let Some(due) = self.state.reminders.snooze(id, tz, self.now) else {
            return self.say(keys::REMIND_NO_LONGER);
        };
        let Some(reminder) = self.state.reminders.get(id).cloned() else {
            return;
        };
        let text = self.view.reminder_text(&self.state, &reminder, false);
        let when = self.view.when(due, tz);
        let snoozed = self.content().render(keys::DUE_SNOOZED, &[("when", Fill::Text(&when))]);
        self.outputs.push(Output::ReplacePressed {
            text: Html::join(&[text, snoozed], "\n\n"),
            keyboard: Vec::new(),
        });
    }

    /// "📞 Show script" under a delivered reminder: the script for the
    /// reminder's bill and what it is about.
    pub(super) fn reminder_script(&mut self, id: u32) {
        let Some(reminder) = self.state.reminders.get(id).cloned() else {
            return self.script_picker();
        };
        let Some(bill) = self.state.bills.get(reminder.bill).cloned() else {
            return self.script_picker();
        };
        let kind = match reminder.kind {
            ReminderKind::NoSurprisesDispute => ScriptKind::NoSurprises,
            ReminderKind::InternalAppeal => ScriptKind::InsurerAppeal,
            ReminderKind::FinancialAssistance => ScriptKind::FinancialAssistance,
            ReminderKind::DebtValidation => ScriptKind::Collections,
            _ => self.fitting_script_for(&bill),
        };
        self.outputs.push(self.script(&bill, kind));
    }

    /// `/paid`: how much was paid in the end (for a bill described at all).
    pub(super) fn open_paid(&mut self) {
        if self.bill().is_empty() {
            return self.say_then_current(keys::PAID_NO_BILL);
        }
        let back_to = self.state.screen.origin();
        self.go_to(Screen::Paid { back_to });
    }

    /// A typed amount on the `/paid` question.
    pub(super) fn paid_typed(&mut self, text: &str) {
        match parse_amount(text) {
            Ok(amount) => self.settle(amount),
            Err(AmountError::Negative) => self.say_then_current(keys::PAID_NEGATIVE),
            Err(error) => self.say_then_current(crate::conversation::step::amount_error(error)),
        }
    }

    /// "The full $X" on the `/paid` question.
    pub(super) fn paid_full(&mut self) {
        match self.bill().amount_due {
            Some(amount) if matches!(self.state.screen, Screen::Paid { .. }) => self.settle(amount),
            _ => self.stale(),
        }
    }

    /// Marks the current bill paid, stops its reminders, and goes back.
    fn settle(&mut self, amount: Decimal) {
        let today = self.today();
        let asked = self.bill().amount_due;
        self.state.bill_mut().paid = Some(Settlement { amount, date: today });
        let current = self.state.current;
        self.state.reminders.drop_bill(current);
        let amount_text = Usd(amount).to_string();
        let date = self.view.date(today);
        let line = self.content().render(
            keys::PAID_DONE,
            &[("amount", Fill::Text(&amount_text)), ("date", Fill::Text(&date))],
        );
        self.outputs.push(Output::line(line));
        if let Some(saved) = asked.map(|asked| asked - amount).filter(|saved| *saved > Decimal::ZERO) {
            let saved = Usd(saved).to_string();
            let line = self
                .content()
                .render(keys::PAID_SAVED, &[("saved", Fill::Text(&saved))]);
            self.outputs.push(Output::line(line));
        }
        self.leave();
    }

    /// "Done" on a side screen: back to where the user was.
    pub(super) fn leave(&mut self) {
        match &self.state.screen {
            Screen::Remind { back_to }
            | Screen::Reminders { back_to }
            | Screen::AskTimeZone { back_to, .. }
            | Screen::Paid { back_to } => {
                self.state.screen = (**back_to).clone();
                self.back_where_they_were();
            }
            _ => self.show_current(),
        }
    }

    /// The button offered under a saved call for the reminders of plan
    /// `code` (the promised date, a follow-up, the plan's payments), when
    /// the bill calls for them and they are not set yet.
    pub(super) fn reminder_button(&self, code: &str) -> Option<Button> {
        let plans: Vec<ReminderPlan> = reminders::plans(self.bill(), self.today())
            .into_iter()
            .filter(|plan| plan.kind.code() == code && !self.state.reminders.is_set(self.state.current, plan))
            .collect();
        let first = plans.first()?;
        let date = self.view.date(first.deliver_on);
        let label = match plans.len() {
            1 => self
                .content()
                .render(keys::REMIND_FOLLOW_UP_AFTER_CALL, &[("date", Fill::Text(&date))]),
            count => self
                .content()
                .render(keys::REMIND_EACH_PAYMENT, &[("count", Fill::Text(&count.to_string()))]),
        };
        Some(Button {
            label: label.to_plain(),
            data: Action::RemindSet(code.to_string()).encode(),
        })
    }
}
