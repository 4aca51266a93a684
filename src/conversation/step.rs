//! The transition function: one input moves a chat from one state to the
//! next and says what to show.

use super::action::{Action, MenuItem};
use super::input::{Command, Input};
use super::output::Output;
use super::question::{self, AnswerKind, Question};
use super::screens;
use super::state::{ChatState, Screen};
use crate::content::{keys, Content, Fill, Key};
use crate::domain::money::{parse_amount, AmountError};
use chrono::{DateTime, Utc};

/// What a step needs besides the state: the copy, and the current time
/// (passed in, so tests pin "today").
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub now: DateTime<Utc>,
}

/// Side effects on stored data that the caller must carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Erase everything stored about this chat.
    EraseChat,
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: ChatState,
    pub outputs: Vec<Output>,
    pub effects: Vec<Effect>,
}

/// Moves a chat's conversation one input forward.
pub fn step(state: &ChatState, input: Input, ctx: &Ctx<'_>) -> Step {
    let mut turn = Turn {
        state: state.clone(),
        outputs: Vec::new(),
        effects: Vec::new(),
        content: ctx.content,
    };
    match input {
        Input::Command(command) => turn.command(command),
        Input::Button(data) => match Action::parse(&data) {
            Some(action) => turn.action(action),
            None => turn.say_then_current(keys::INPUT_STALE_BUTTON),
        },
        Input::Text(text) => turn.text(&text),
        Input::Unsupported => turn.say_then_current(keys::INPUT_UNSUPPORTED),
        Input::Resume => turn.resume(),
    }
    Step {
        state: turn.state,
        outputs: turn.outputs,
        effects: turn.effects,
    }
}

/// The state being changed and the outputs collected during one step.
struct Turn<'a> {
    state: ChatState,
    outputs: Vec<Output>,
    effects: Vec<Effect>,
    content: &'a Content,
}

impl Turn<'_> {
    fn command(&mut self, command: Command) {
        match command {
            Command::Start => {
                self.state.screen = Screen::Menu;
                self.outputs.push(screens::greeting(&self.state, self.content));
            }
            Command::Help => self.say_then_current(keys::HELP_TEXT),
            Command::Back => self.back(),
            Command::Cancel => self.cancel(),
            Command::Delete => {
                let back_to = match &self.state.screen {
                    Screen::ConfirmDelete { back_to } => back_to.clone(),
                    other => Box::new(other.clone()),
                };
                self.state.screen = Screen::ConfirmDelete { back_to };
                self.show_current();
            }
            Command::Unknown => self.say_then_current(keys::INPUT_UNKNOWN_COMMAND),
        }
    }

    fn back(&mut self) {
        match self.state.screen.clone() {
            Screen::Asking { question: q } => match question::previous(q, &self.state.bill) {
                Some(previous) => self.ask(previous),
                None => self.go_to(Screen::Menu),
            },
            Screen::Summary => match question::last(&self.state.bill) {
                Some(last) => self.ask(last),
                None => self.go_to(Screen::Menu),
            },
            Screen::Menu => self.say_then_current(keys::INPUT_NOTHING_BEFORE),
            Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
        }
    }

    fn cancel(&mut self) {
        match self.state.screen.clone() {
            Screen::Asking { .. } | Screen::Summary => {
                self.state.screen = Screen::Menu;
                let paused = self.content.text(keys::REVIEW_PAUSED);
                self.outputs
                    .push(screens::menu(&self.state, self.content, Some(paused)));
            }
            Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
            Screen::Menu => self.say_then_current(keys::INPUT_NOTHING_TO_CANCEL),
        }
    }

    fn action(&mut self, action: Action) {
        match action {
            Action::Menu(MenuItem::Review) => self.begin_review(),
            Action::Menu(MenuItem::Script) => self.say_then_current(keys::MENU_SCRIPT_NOT_READY),
            Action::Menu(MenuItem::Reminders) => self.say_then_current(keys::MENU_REMINDERS_NOT_READY),
            Action::Menu(MenuItem::Main) => self.go_to(Screen::Menu),
            Action::Answer { question: q, choice } => {
                let mut bill = self.state.bill.clone();
                if self.is_asking(q) && q.choose(&mut bill, &choice) {
                    self.state.bill = bill;
                    self.outputs.push(screens::answered(q, &self.state.bill, self.content));
                    self.advance_from(q);
                } else {
                    self.say_then_current(keys::INPUT_STALE_BUTTON);
                }
            }
            Action::Keep(q) => {
                if self.is_asking(q) && q.is_answered(&self.state.bill) {
                    self.outputs.push(screens::answered(q, &self.state.bill, self.content));
                    self.advance_from(q);
                } else {
                    self.say_then_current(keys::INPUT_STALE_BUTTON);
                }
            }
            Action::DeleteConfirmed => match &self.state.screen {
                Screen::ConfirmDelete { .. } => {
                    self.effects.push(Effect::EraseChat);
                    self.state = ChatState::default();
                    self.outputs.push(Output::line(self.content.text(keys::DELETE_DONE)));
                }
                _ => self.say_then_current(keys::INPUT_STALE_BUTTON),
            },
            Action::DeleteDeclined => match self.state.screen.clone() {
                Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
                _ => self.say_then_current(keys::INPUT_STALE_BUTTON),
            },
        }
    }

    fn text(&mut self, text: &str) {
        match self.state.screen.clone() {
            Screen::Asking { question: q } => self.answer_typed(q, text),
            Screen::ConfirmDelete { .. } => {
                let example = self.content.plain(keys::DELETE_NO);
                self.not_an_option(&example);
            }
            Screen::Menu | Screen::Summary => self.say_then_current(keys::INPUT_NOT_UNDERSTOOD),
        }
    }

    fn answer_typed(&mut self, q: Question, text: &str) {
        match q.answer_kind() {
            AnswerKind::Choice => {
                let mut bill = self.state.bill.clone();
                match q.match_typed(text, self.content) {
                    Some(choice) if q.choose(&mut bill, choice) => {
                        self.state.bill = bill;
                        self.advance_from(q);
                    }
                    _ => {
                        let example = q.options().first().map(|(_, label)| self.content.plain(*label));
                        self.not_an_option(&example.unwrap_or_default());
                    }
                }
            }
            AnswerKind::Amount => match parse_amount(text) {
                Ok(amount) => {
                    match q {
                        Question::AmountDue => self.state.bill.amount_due = Some(amount),
                        Question::Sender | Question::Coverage => {}
                    }
                    self.advance_from(q);
                }
                Err(error) => self.say_then_current(amount_error(error)),
            },
        }
    }

    fn begin_review(&mut self) {
        match question::first_unanswered(&self.state.bill) {
            Some(q) => self.ask(q),
            None => self.go_to(Screen::Summary),
        }
    }

    fn advance_from(&mut self, q: Question) {
        match question::next_after(q, &self.state.bill) {
            Some(next) => self.ask(next),
            None => self.go_to(Screen::Summary),
        }
    }

    fn decline_delete(&mut self, back_to: Screen) {
        self.state.screen = back_to;
        self.say_then_current(keys::DELETE_KEPT);
    }

    fn resume(&mut self) {
        match self.state.screen {
            Screen::Menu => self.outputs.push(screens::greeting(&self.state, self.content)),
            _ => self.show_current(),
        }
    }

    fn is_asking(&self, q: Question) -> bool {
        self.state.screen == Screen::Asking { question: q }
    }

    fn ask(&mut self, q: Question) {
        self.go_to(Screen::Asking { question: q });
    }

    fn go_to(&mut self, screen: Screen) {
        self.state.screen = screen;
        self.show_current();
    }

    fn show_current(&mut self) {
        self.outputs.push(screens::current(&self.state, self.content));
    }

    fn say_then_current(&mut self, line: Key) {
        self.outputs.push(Output::line(self.content.text(line)));
        self.show_current();
    }

    fn not_an_option(&mut self, example: &str) {
        let line = self
            .content
            .render(keys::INPUT_NOT_AN_OPTION, &[("example", Fill::Text(example))]);
        self.outputs.push(Output::line(line));
        self.show_current();
    }
}

fn amount_error(error: AmountError) -> Key {
    match error {
        AmountError::Unreadable => keys::AMOUNT_UNREADABLE,
        AmountError::Negative => keys::AMOUNT_NEGATIVE,
        AmountError::TooPrecise => keys::AMOUNT_TOO_PRECISE,
        AmountError::TooLarge => keys::AMOUNT_TOO_LARGE,
    }
}
