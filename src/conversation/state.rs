//! What the bot remembers about one chat between messages.

use super::review::question::Question;
use crate::content::Lang;
use crate::domain::bill::Bill;
use crate::domain::calls::CallLog;
use crate::domain::reminder_book::ReminderBook;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A chat's conversation state: where the user is, their bills, which
/// bill they are working on, and their reminders.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChatState {
    pub screen: Screen,
    pub bills: Vec<Bill>,
    /// Index in `bills` of the bill being reviewed.
    pub current: usize,
    /// The chat's IANA time zone, asked before the first reminder.
    pub time_zone: Option<String>,
    pub reminders: ReminderBook,
    /// The language the chat is spoken to in: from the device's language
    /// at the first message, or `/language`; English until then.
    pub lang: Option<Lang>,
    /// A picker shown last (scripts, letters, questions), whose buttons
    /// the next typed words may name ("billing error"); for one input.
    pub picker: Option<Picker>,
    /// A typed answer to the next question that came while a guess waited
    /// for its check ("3 people?" answered with "38000"): used once that
    /// check is answered, dropped when the review leaves the question.
    pub kept: Option<KeptAnswer>,
}

/// What [`ChatState::kept`] holds: the text, and the question whose check
/// it came at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptAnswer {
    pub after: Question,
    pub text: String,
}

/// A list of buttons shown beside the screen, not as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Picker {
    Scripts,
    Letters,
    Questions,
}

impl Default for ChatState {
    fn default() -> Self {
        ChatState {
            screen: Screen::Menu,
            bills: vec![Bill::default()],
            current: 0,
            time_zone: None,
            reminders: ReminderBook::default(),
            lang: None,
            picker: None,
            kept: None,
        }
    }
}

impl ChatState {
    /// Drops a kept answer once the review has left its question (a
    /// command, /back, another screen): it is never used out of place.
    pub fn drop_stale_kept(&mut self) {
        let on_its_question = match (&self.kept, &self.screen) {
            (Some(kept), Screen::Asking { question })
            | (Some(kept), Screen::ConfirmGuess { question, .. })
            | (Some(kept), Screen::ConfirmDate { question, .. }) => kept.after == *question,
            _ => false,
        };
        if !on_its_question {
            self.kept = None;
        }
    }

    /// The bill being reviewed.
    pub fn bill(&self) -> &Bill {
        static EMPTY: OnceLock<Bill> = OnceLock::new();
        self.bills
            .get(self.current)
            .unwrap_or_else(|| EMPTY.get_or_init(Bill::default))
    }

    /// The latest other bill that answers a question about the person
    /// (household, income, state): its answer is offered with one tap.
    pub fn earlier_answer(&self, question: Question) -> Option<&Bill> {
        if !question.is_about_person() {
            return None;
        }
        self.bills
            .iter()
            .enumerate()
            .rev()
            .find(|(index, bill)| *index != self.current && question.copy_answer(bill, &mut Bill::default()))
            .map(|(_, bill)| bill)
    }

    /// The bill being reviewed, for changing it (created if missing).
    pub fn bill_mut(&mut self) -> &mut Bill {
        if self.current >= self.bills.len() {
            self.bills.push(Bill::default());
            self.current = self.bills.len() - 1;
        }
        &mut self.bills[self.current]
    }
}

/// The screen the user is on: what the bot is waiting for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Screen {
    /// The main menu.
    #[default]
    Menu,
    /// Waiting for the answer to a question of the review.
    Asking { question: Question },
    /// A typed date looks wrong (in the future, or out of order): keep it?
    ConfirmDate { question: Question, date: NaiveDate },
    /// A typed answer read as a guess ("maybe 500?"): right?
    ConfirmGuess { question: Question, guess: Guess },
    /// Fixing a line item: waiting for its number, then the corrected line.
    FixItem { number: Option<usize> },
    /// Removing a line item: waiting for its number.
    RemoveItem,
    /// Every question that applies is answered: the report's summary.
    Summary,
    /// The report's findings, one page (0-based).
    Findings { page: usize },
    /// The report's timing advice.
    Timing,
    /// The report's "what to say when you call": the script picker.
    Scripts,
    /// The report's offer: what to offer and where to stop.
    Offer,
    /// `/delete` was sent; waiting for yes or no.
    ConfirmDelete { back_to: Box<Screen> },
    /// `/call`: logging a call, one step at a time; then back to `back_to`.
    LoggingCall {
        step: CallStep,
        draft: CallLog,
        back_to: Box<Screen>,
    },
    /// `/remind`: the reminders the current bill calls for, to set.
    Remind { back_to: Box<Screen> },
    /// `/reminders`: the chat's reminders, each with a cancel button.
    Reminders { back_to: Box<Screen> },
    /// Which time zone is the user in? Then the reminder `then` (a plan
    /// code, see `ReminderKind::code`) is set, if any.
    AskTimeZone { then: Option<String>, back_to: Box<Screen> },
    /// `/paid`: how much was paid in the end for the current bill.
    Paid { back_to: Box<Screen> },
}

impl Screen {
    /// Where a side screen (`/call`, `/delete`, reminders, `/paid`) goes
    /// back to; `None` for the screens of the review itself.
    pub fn back_to(&self) -> Option<&Screen> {
        match self {
            Screen::ConfirmDelete { back_to }
            | Screen::LoggingCall { back_to, .. }
            | Screen::Remind { back_to }
            | Screen::Reminders { back_to }
            | Screen::AskTimeZone { back_to, .. }
            | Screen::Paid { back_to } => Some(back_to),
            _ => None,
        }
    }

    /// Where a new side screen opened from here returns: this screen, or
    /// the review screen this side screen came from (side screens do not
    /// stack up).
    pub fn origin(&self) -> Box<Screen> {
        let mut screen = self;
        while let Some(back_to) = screen.back_to() {
            screen = back_to;
        }
        Box::new(screen.clone())
    }
}

/// The steps of logging a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallStep {
    Rep,
    Reference,
    Outcome,
    Promise,
    PromisedBy,
    /// They lowered the bill: to how much?
    NewAmount,
    /// A payment plan was agreed: how much each month?
    PlanMonthly,
    /// ...and when is the first payment due?
    PlanFirstDue,
}

/// A typed answer the readers were not sure of, waiting for one tap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Guess {
    /// An amount in dollars, as the question asks it (a monthly figure
    /// typed at the yearly income is already times twelve).
    Amount(Decimal),
    /// A number of people.
    Count(u32),
    /// One of the question's buttons, by its place among them.
    Choice(usize),
    /// A day ("last tuesday").
    Date(NaiveDate),
    /// A US state, by its place in `us_states::STATES`.
    State(usize),
}
