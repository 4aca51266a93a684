//! The transition function: one input moves a chat from one state to the
//! next and says what to show.

use super::action::{Action, MenuItem, ReportPart};
use super::input::{Command, Input};
use super::output::{Button, Output};
use super::review::question::{self, AnswerKind, Question};
use super::state::{ChatState, Guess, KeptAnswer, Picker, Screen};
use super::view::View;
use crate::content::templates::{LetterKind, ScriptKind, Templates};
use crate::content::{keys, Content, Fill, Html, Key, Lang, Language, Languages};
use crate::domain::bill::Bill;
use crate::domain::clean_text::clean_text;
use crate::domain::dates::{parse_date, DateError};
use crate::domain::line_items::{self, LineRead};
use crate::domain::local_time::{local_date, mainland_dates_agree, zone, zone_of_state, FALLBACK_ZONE};
use crate::domain::money::{AmountError, Usd};
use crate::domain::plan::MAX_ITEMS;
use crate::domain::reading::{
    self, read_amount, read_choice, read_count, read_date, read_eob, read_keyword, read_notice_date, read_state,
    Amount, AmountContext, DateProblem, Period, Reading, Words,
};
use crate::domain::reference::Reference;
use crate::domain::upload::{self, FileProblem};
use crate::domain::us_states;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

/// What a step needs besides the state: the copy, and the current time
/// (passed in, so tests pin "today").
pub struct Ctx<'a> {
    /// Each language's copy, call scripts and letters, and the words
    /// typed answers are read with; a chat gets its own language's.
    pub languages: &'a Languages,
    /// CMS reference data for the audit in the report.
    pub reference: &'a Reference,
    pub now: DateTime<Utc>,
}

impl<'a> Ctx<'a> {
    /// The language a chat speaks (English until it chooses another).
    pub fn language(&self, state: &ChatState) -> &'a Language {
        self.languages.get(state.lang.unwrap_or_default())
    }
}

/// Side effects on stored data that the caller must carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Erase everything stored about this chat.
    EraseChat,
    /// Send the user everything stored about this chat, as a document.
    ExportChat,
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: ChatState,
    pub outputs: Vec<Output>,
    pub effects: Vec<Effect>,
}

/// The most bills one chat keeps (README, *Limits*).
pub const MAX_BILLS: usize = 20;

/// The most calls logged with one bill (README, *Limits*).
pub const MAX_CALLS: usize = 50;

/// Moves a chat's conversation one input forward.
pub fn step(state: &ChatState, input: Input, ctx: &Ctx<'_>) -> Step {
    let language = ctx.language(state);
    let view = View {
        content: &language.content,
        today: today_for(state, ctx.now),
    };
    let mut state = state.clone();
    state.reminders.prune(ctx.now);
    // A picker's buttons last for the input right after it.
    let picker = state.picker.take();
    let mut turn = Turn {
        state,
        now: ctx.now,
        outputs: Vec::new(),
        effects: Vec::new(),
        view,
        reference: ctx.reference,
        templates: &language.templates,
        words: &language.words,
        languages: ctx.languages,
        picker,
    };
    match input {
        Input::Command(command) => turn.command(command),
        Input::Button(data) => match Action::parse(&data) {
            Some(action) => turn.action(action),
            None => turn.say_then_redraw(keys::INPUT_STALE_BUTTON),
        },
        // Control and bidi-control characters never reach what is stored
        // or shown back.
        Input::Text(text) => turn.text(&clean_text(&text)),
        Input::File { text, .. } => turn.file(&clean_text(&text), false),
        Input::Scan { text, .. } => turn.file(&clean_text(&text), true),
        Input::FileRefused(problem) => turn.file_refused(problem),
        Input::Unsupported => turn.say_then_current(keys::INPUT_UNSUPPORTED),
        Input::Resume => turn.resume(),
    }
    turn.state.drop_stale_kept();
    Step {
        state: turn.state,
        outputs: turn.outputs,
        effects: turn.effects,
    }
}

/// "Today" for a chat: the user's own date in [`zone_for`].
pub fn today_for(state: &ChatState, now: DateTime<Utc>) -> NaiveDate {
    local_date(now, zone(zone_for(state).0))
}

/// The zone a chat's days are counted in, and whether it is the user's
/// own: their time zone once known, else their state's (most of its
/// people's), else the middle of the mainland.
pub fn zone_for(state: &ChatState) -> (&str, bool) {
    let of_state = || state.bill().state.as_deref().and_then(zone_of_state);
    match (&state.time_zone, of_state()) {
        (Some(name), _) => (name, true),
        (None, Some(name)) => (name, true),
        (None, None) => (FALLBACK_ZONE, false),
    }
}

/// The state being changed and the outputs collected during one step.
/// Flows that live in their own files (`call_flow.rs`) add methods to it.
pub(super) struct Turn<'a> {
    pub(super) state: ChatState,
    pub(super) now: DateTime<Utc>,
    pub(super) outputs: Vec<Output>,
    pub(super) effects: Vec<Effect>,
    pub(super) view: View<'a>,
    pub(super) reference: &'a Reference,
    pub(super) templates: &'a Templates,
    pub(super) words: &'a Words,
    /// Every language loaded, for `/language`.
    pub(super) languages: &'a Languages,
    /// The picker shown just before this input, if any.
    pub(super) picker: Option<Picker>,
}

impl Turn<'_> {
    pub(super) fn content(&self) -> &Content {
        self.view.content
    }

    pub(super) fn today(&self) -> NaiveDate {
        self.view.today
    }

    pub(super) fn bill(&self) -> &Bill {
        self.state.bill()
    }

    fn command(&mut self, command: Command) {
        match command {
            Command::Start => {
                self.state.screen = Screen::Menu;
                self.outputs.push(self.view.greeting(&self.state));
            }
            Command::Help => self.say_then_current(keys::HELP_TEXT),
            Command::Back => self.back(),
            Command::Cancel => self.cancel(),
            Command::Skip => match self.state.screen.clone() {
                Screen::Asking { question } | Screen::ConfirmGuess { question, .. } => self.skip(question),
                Screen::LoggingCall { step, draft, .. } => self.skip_call_step(step, draft),
                _ => self.say_then_current(keys::INPUT_NOTHING_TO_SKIP),
            },
            Command::New => self.new_bill(),
            Command::Bills => self.outputs.push(self.view.bills(&self.state, 0)),
            Command::Call => self.start_call_log(),
            Command::Remind => self.open_remind_picker(),
            Command::Reminders => self.open_reminders(),
            Command::Paid => self.open_paid(),
            Command::Script => self.script_picker(),
            Command::Letter => self.letter_picker(),
            Command::Faq => {
                self.outputs.push(self.view.faq_list());
                self.state.picker = Some(Picker::Questions);
            }
            Command::Language => self.pick_language(),
            Command::Export => {
                self.effects.push(Effect::ExportChat);
                self.say_then_current(keys::EXPORT_SENT);
            }
            Command::Delete => {
                let back_to = self.state.screen.origin();
                self.state.screen = Screen::ConfirmDelete { back_to };
                self.show_current();
            }
            Command::Unknown => self.say_then_current(keys::INPUT_UNKNOWN_COMMAND),
        }
    }

    fn back(&mut self) {
        match self.state.screen.clone() {
            Screen::Asking { question: q } => match question::previous(q, self.bill()) {
                Some(previous) => self.ask(previous),
                None => self.go_to(Screen::Menu),
            },
            Screen::ConfirmDate { question, .. } => self.ask(question),
            Screen::ConfirmGuess { question, .. } => self.forget_read(question),
            Screen::FixItem { .. } | Screen::RemoveItem => self.ask(Question::LineItems),
            Screen::Summary => match question::last(self.bill()) {
                Some(last) => self.ask(last),
                None => self.go_to(Screen::Menu),
            },
            Screen::Findings { page: 0 } => self.go_to(Screen::Summary),
            Screen::Findings { page } => self.go_to(Screen::Findings { page: page - 1 }),
            Screen::Timing => self.go_to(Screen::Findings { page: 0 }),
            Screen::Scripts => self.go_to(Screen::Timing),
            Screen::Offer => self.go_to(Screen::Scripts),
            Screen::Menu => self.say_then_current(keys::INPUT_NOTHING_BEFORE),
            Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
            Screen::LoggingCall { step, draft, back_to } => self.call_log_back(step, draft, *back_to),
            Screen::Remind { .. } | Screen::Reminders { .. } | Screen::AskTimeZone { .. } | Screen::Paid { .. } => {
                self.leave()
            }
        }
    }

    fn cancel(&mut self) {
        match self.state.screen.clone() {
            Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
            Screen::LoggingCall { back_to, .. } => {
                self.say(keys::CALL_NOT_SAVED);
                self.go_to(*back_to);
            }
            Screen::Menu => self.say_then_current(keys::INPUT_NOTHING_TO_CANCEL),
            Screen::Remind { .. } | Screen::Reminders { .. } | Screen::AskTimeZone { .. } | Screen::Paid { .. } => {
                self.leave()
            }
            _ => {
                self.state.screen = Screen::Menu;
                self.outputs.push(self.view.paused_menu());
            }
        }
    }

    fn skip(&mut self, question: Question) {
        if !question.is_optional() {
            return self.say_then_current(keys::INPUT_CANNOT_SKIP);
        }
        if !question.is_answered(self.bill()) {
            self.state.bill_mut().skipped.insert(question.id().to_string());
        }
        self.advance_from(question);
    }

    fn new_bill(&mut self) {
        if !self.bill().is_empty() && self.state.bills.len() >= MAX_BILLS {
            let most = MAX_BILLS.to_string();
            let line = self.content().render(keys::LIMIT_BILLS, &[("most", Fill::Text(&most))]);
            self.outputs.push(Output::line(line));
            return self.show_current();
        }
        if !self.bill().is_empty() {
            self.state.bills.push(Bill::default());
            self.state.current = self.state.bills.len() - 1;
            self.say(keys::BILLS_STARTED_NEW);
        }
        self.begin_review();
    }

    fn action(&mut self, action: Action) {
        match action {
            Action::Menu(MenuItem::Review) => self.begin_review(),
            Action::Menu(MenuItem::Script) => self.script_picker(),
            Action::Menu(MenuItem::Reminders) | Action::RemindersList => self.open_reminders(),
            Action::RemindPicker => self.open_remind_picker(),
            Action::RemindSet(code) => self.set_reminders(Some(&code)),
            Action::RemindAll => self.set_reminders(None),
            Action::ChangeTimeZone => self.change_time_zone(),
            Action::TimeZone(id) => self.zone_button(&id),
            Action::ReminderCancel(id) => self.cancel_reminder(id),
            Action::ReminderDone(id) => self.reminder_done(id),
            Action::ReminderSnooze(id) => self.reminder_snooze(id),
            Action::ReminderScript(id) => self.reminder_script(id),
            Action::Leave => self.leave(),
            Action::PaidFull => self.paid_full(),
            Action::Menu(MenuItem::Main) => self.go_to(Screen::Menu),
            Action::Answer { question: q, choice } => {
                let mut bill = self.bill().clone();
                if self.is_asking(q) && q.choose(&mut bill, &choice) {
                    self.record(q, bill);
                    self.outputs.push(self.view.answered(q, self.bill()));
                    self.advance_from(q);
                } else {
                    self.stale();
                }
            }
            Action::Keep(q) if self.is_asking(q) && q.is_answered(self.bill()) => {
                self.outputs.push(self.view.answered(q, self.bill()));
                self.advance_from(q);
            }
            Action::SameAsBefore(q) if self.is_asking(q) => self.same_as_before(q),
            Action::Skip(q) if self.is_asking(q) => self.skip(q),
            Action::ItemsDone if self.in_items() => self.items_done(true),
            Action::ItemsFix if self.in_items() && !self.bill().items.is_empty() => {
                self.go_to(Screen::FixItem { number: None })
            }
            Action::ItemsRemove if self.in_items() && !self.bill().items.is_empty() => self.go_to(Screen::RemoveItem),
            Action::ItemsList if self.in_items() => {
                self.state.screen = Screen::Asking {
                    question: Question::LineItems,
                };
                self.outputs.push(self.view.items_prompt(self.bill(), true));
            }
            Action::ItemsNone if self.is_asking(Question::LineItems) && self.bill().items.is_empty() => {
                let mut bill = self.bill().clone();
                bill.has_itemized = Some(false);
                self.record(Question::HasItemized, bill);
                self.advance_from(Question::LineItems);
            }
            Action::ToggleNotReceived { index, page } if self.is_asking(Question::NotReceived) => {
                self.state.bill_mut().toggle_not_received(index);
                self.outputs.push(self.view.not_received_update(self.bill(), page));
            }
            Action::NotReceivedPage(page) if self.is_asking(Question::NotReceived) => {
                self.outputs.push(self.view.not_received_update(self.bill(), page));
            }
            Action::NotReceivedDone if self.is_asking(Question::NotReceived) => {
                self.state.bill_mut().not_received_done = true;
                self.outputs
                    .push(self.view.answered(Question::NotReceived, self.bill()));
                self.advance_from(Question::NotReceived);
            }
            Action::DateConfirmed => match self.state.screen {
                Screen::ConfirmDate { question, date } => {
                    let mut bill = self.bill().clone();
                    question.set_date(&mut bill, date);
                    self.record(question, bill);
                    self.advance_from(question);
                }
                _ => self.stale(),
            },
            Action::GuessConfirmed(asked) => match self.state.screen {
                Screen::ConfirmGuess { question, guess } if question == asked => self.accept_guess(question, guess),
                _ => self.stale(),
            },
            Action::GuessRejected(asked) => match self.state.screen {
                Screen::ConfirmGuess { question, .. } if question == asked => {
                    self.say(keys::GUESS_TYPE_AGAIN);
                    self.forget_read(question);
                }
                _ => self.stale(),
            },
            Action::DateRejected => match self.state.screen {
                Screen::ConfirmDate { question, .. } => {
                    self.say(keys::DATE_TYPE_AGAIN);
                    self.ask(question);
                }
                _ => self.stale(),
            },
            Action::SwitchBill(index) if index < self.state.bills.len() => {
                self.state.current = index;
                let number = (index + 1).to_string();
                let line = self
                    .content()
                    .render(keys::BILLS_SWITCHED, &[("number", Fill::Text(&number))]);
                self.outputs.push(Output::line(line));
                self.begin_review();
            }
            Action::Report(part) if question::first_unanswered(self.bill()).is_none() => self.go_to(match part {
                ReportPart::Summary => Screen::Summary,
                ReportPart::Findings(page) => Screen::Findings { page },
                ReportPart::Timing => Screen::Timing,
                ReportPart::Scripts => Screen::Scripts,
                ReportPart::Offer => Screen::Offer,
            }),
            Action::NewBill => self.new_bill(),
            Action::BillsPage(page) => {
                let Output::Message { text, keyboard, .. } = self.view.bills(&self.state, page) else {
                    return;
                };
                self.outputs.push(Output::ReplacePressed { text, keyboard });
            }
            Action::CallOutcome(_) | Action::CallSkip | Action::CallDone => self.call_log_action(action),
            Action::Faq(index) => match self.view.faq_answer(index) {
                Some(answer) => self.outputs.push(answer),
                None => self.stale(),
            },
            Action::FaqList => self.outputs.push(self.view.faq_list()),
            Action::Language(lang) => self.set_language(lang),
            Action::Resume => self.show_current(),
            Action::StartCall => self.start_call_log(),
            Action::Script(id) => match ScriptKind::from_id(&id) {
                Some(kind) => self.send_script(kind),
                None => self.stale(),
            },
            Action::ScriptOwnLanguage(id) => match ScriptKind::from_id(&id) {
                Some(kind) => self.send_script_in_own_language(kind),
                None => self.stale(),
            },
            Action::PlanStep(index) => match super::report::plan_step(self.bill(), self.reference, &self.view, index) {
                Some(step) => self.outputs.push(step),
                None => self.stale(),
            },
            Action::Letter(id) => match LetterKind::from_id(&id) {
                Some(kind) => self.send_letter(kind),
                None => self.stale(),
            },
            Action::DeleteConfirmed if matches!(self.state.screen, Screen::ConfirmDelete { .. }) => {
                self.effects.push(Effect::EraseChat);
                self.state = ChatState::default();
                self.say(keys::DELETE_DONE);
            }
            Action::DeleteDeclined => match self.state.screen.clone() {
                Screen::ConfirmDelete { back_to } => self.decline_delete(*back_to),
                _ => self.stale(),
            },
            _ => self.stale(),
        }
    }

    fn text(&mut self, text: &str) {
        // Words naming a button of the picker just shown ("billing error"
        // after /letter) press it, whatever the screen.
        if self.press_picked(text) {
            return;
        }
        match self.state.screen.clone() {
            Screen::Asking { question } => self.answer_typed(question, text),
            // "yes" keeps the date questioned, "no" asks again.
            Screen::ConfirmDate { question, .. } => match self.yes_or_no(text) {
                Some(true) => self.action(Action::DateConfirmed),
                Some(false) => self.action(Action::DateRejected),
                None => self.answer_date(question, text),
            },
            Screen::ConfirmGuess { question, guess } => self.check_typed(question, guess, text),
            Screen::FixItem { number: None } => self.pick_item(text, |index| Screen::FixItem { number: Some(index) }),
            Screen::FixItem { number: Some(index) } => self.fix_item(index, text),
            Screen::RemoveItem => self.remove_item(text),
            Screen::ConfirmDelete { .. } => {
                let example = self.content().plain(keys::DELETE_NO);
                self.not_an_option(&example);
            }
            Screen::LoggingCall { step, draft, .. } => self.call_log_text(step, draft, text),
            Screen::AskTimeZone { .. } => self.zone_typed(text),
            Screen::Paid { .. } => self.paid_typed(text),
            // A reminder's buttons set or cancel it: only words read as typed.
            Screen::Remind { .. } | Screen::Reminders { .. } => self.press_typed(text, false),
            Screen::Menu
            | Screen::Summary
            | Screen::Findings { .. }
            | Screen::Timing
            | Screen::Scripts
            | Screen::Offer => self.press_typed(text, true),
        }
    }

    /// Presses the button of the picker shown last that the text names
    /// (its label or the words for it; a near miss too); false when none.
    fn press_picked(&mut self, text: &str) -> bool {
        let picker = match self.picker {
            Some(Picker::Scripts) => self.view.script_picker(self.bill(), self.reference, None),
            Some(Picker::Letters) => self.view.letter_picker(),
            Some(Picker::Questions) => self.view.faq_list(),
            None => return false,
        };
        let Output::Message { keyboard, .. } = picker else {
            return false;
        };
        let buttons: Vec<Button> = keyboard.into_iter().flatten().collect();
        let named: Vec<reading::Choice> = buttons
            .iter()
            .map(|button| {
                reading::Choice::new([button.label.as_str()]).and(self.words.choice_words("buttons", &button.data))
            })
            .collect();
        let pressed = match read_choice(text, &named, self.words) {
            Ok(Reading::Sure(at) | Reading::Guess(at)) => Some(at),
            _ => read_keyword(text, &named),
        };
        match pressed.and_then(|at| Action::parse(&buttons[at].data)) {
            Some(action) => {
                self.action(action);
                true
            }
            None => false,
        }
    }

    /// Words typed at a screen of buttons ("review", "scripts"): the one
    /// button they name, as if tapped (a near miss too, where `guesses`,
    /// on screens that only move around); else a short line.
    fn press_typed(&mut self, text: &str, guesses: bool) {
        let mut shown = vec![self.view.current(&self.state, self.reference)];
        // The summary's message is followed by the plan's, with its buttons.
        if self.state.screen == Screen::Summary {
            shown.push(super::report::plan(self.bill(), self.reference, &self.view));
        }
        let mut buttons: Vec<Button> = Vec::new();
        let shown_buttons = shown.into_iter().flat_map(|output| match output {
            Output::Message { keyboard, .. } | Output::ReplacePressed { keyboard, .. } => keyboard,
            Output::Document { .. } => Vec::new(),
        });
        // A button on both messages (Main menu) is one button.
        for button in shown_buttons.flatten() {
            if !buttons.iter().any(|each| each.data == button.data) {
                buttons.push(button);
            }
        }
        // Each button by its label and the words for it ("check my bill"
        // for Review a bill); then, on screens that only move around, the
        // commands by their words ("new bill").
        let mut named: Vec<reading::Choice> = buttons
            .iter()
            .map(|button| {
                reading::Choice::new([button.label.as_str()]).and(self.words.choice_words("buttons", &button.data))
            })
            .collect();
        let commands: Vec<Command> = match guesses {
            true => Command::LISTED
                .into_iter()
                .filter(|command| self.words.choice_words("commands", command.name()).is_some())
                .collect(),
            false => Vec::new(),
        };
        named.extend(commands.iter().map(|command| {
            reading::Choice::new([format!("/{}", command.name())])
                .and(self.words.choice_words("commands", command.name()))
        }));
        // Then each language by its name ("español", "spanish"), to switch.
        let languages: Vec<Lang> = match guesses {
            true => Lang::ALL.into_iter().filter(|lang| self.languages.has(*lang)).collect(),
            false => Vec::new(),
        };
        named.extend(languages.iter().map(|lang| {
            let name = self.languages.get(*lang).content.plain(keys::LANGUAGE_NAME);
            reading::Choice::new([name]).and(self.words.choice_words("languages", lang.code()))
        }));
        let pressed = match read_choice(text, &named, self.words) {
            Ok(Reading::Sure(at)) => Some(at),
            Ok(Reading::Guess(at)) if guesses => Some(at),
            _ if guesses => read_keyword(text, &named[..buttons.len()]),
            _ => None,
        };
        let past_buttons = pressed.and_then(|at| at.checked_sub(buttons.len()));
        if let Some(command) = past_buttons.and_then(|at| commands.get(at)) {
            return self.command(*command);
        }
        let language = past_buttons.and_then(|at| at.checked_sub(commands.len()));
        if let Some(lang) = language.and_then(|at| languages.get(at)) {
            return self.set_language(*lang);
        }
        match pressed
            .and_then(|at| buttons.get(at))
            .and_then(|button| Action::parse(&button.data))
        {
            Some(action) => {
                let before = self.outputs.len();
                self.action(action);
                // Typing pressed no message to edit: what would replace it is sent.
                for output in &mut self.outputs[before..] {
                    if let Output::ReplacePressed { text, keyboard } = output {
                        *output = Output::Message {
                            text: std::mem::take(text),
                            keyboard: std::mem::take(keyboard),
                            typed_answer: false,
                        };
                    }
                }
            }
            None => self.say_then_current(keys::INPUT_NOT_UNDERSTOOD),
        }
    }

    fn answer_typed(&mut self, q: Question, text: &str) {
        let read = q.read_typed(text, self.content(), self.words);
        // A typed question's extra button can be typed too ("no estimate").
        if let Some(Ok(Reading::Sure(id))) = read {
            return self.choose_typed(q, id);
        }
        if self.says_keep(q, text) {
            return self.action(Action::Keep(q));
        }
        if self.says_same_as_before(q, text) {
            return self.same_as_before(q);
        }
        match q.answer_kind() {
            AnswerKind::Choice => match read {
                Some(Ok(Reading::Guess(id))) => match q.options().iter().position(|(each, _)| *each == id) {
                    Some(at) => self.go_to(Screen::ConfirmGuess {
                        question: q,
                        guess: Guess::Choice(at),
                    }),
                    None => self.choice_refused(q),
                },
                Some(Ok(Reading::DontKnow)) => self.choice_not_known(q),
                _ if q == Question::HasItemized => self.itemized_pasted(text),
                _ => self.choice_refused(q),
            },
            AnswerKind::Amount => self.answer_amount(q, text),
            AnswerKind::Date => self.answer_date(q, text),
            AnswerKind::Count => self.answer_count(q, text),
            AnswerKind::UsState => match read_state(text, self.words) {
                Ok(Reading::Sure(at)) => self.accept_guess(q, Guess::State(at)),
                Ok(Reading::Guess(at)) => self.go_to(Screen::ConfirmGuess {
                    question: q,
                    guess: Guess::State(at),
                }),
                Ok(Reading::DontKnow) if q.is_optional() => self.skip(q),
                _ => self.say_then_current(keys::STATE_UNREADABLE),
            },
            AnswerKind::Items => match self.items_said(text) {
                Some("done") => self.items_done(false),
                Some("none") if self.bill().items.is_empty() => self.action(Action::ItemsNone),
                _ if is_done_word(text) => self.items_done(false),
                _ => self.add_items(text, false),
            },
            AnswerKind::NotReceived => self.toggle_typed(text),
        }
    }

    /// Whether the text presses the question's "Keep: …" button, shown
    /// when it already has an answer: its whole label, or the button's
    /// word alone ("keep", the label without the answer).
    fn says_keep(&self, q: Question, text: &str) -> bool {
        let Some(answer) = q.current_answer(self.bill(), self.content(), self.today()) else {
            return false;
        };
        let keep = |answer: &str| {
            self.content()
                .render(keys::REVIEW_KEEP, &[("answer", Fill::Text(answer))])
                .to_plain()
        };
        let label = reading::Choice::new([keep(&answer)]);
        let word = reading::Choice::new([keep("")]);
        matches!(read_choice(text, &[label], self.words), Ok(Reading::Sure(_))) || read_keyword(text, &[word]).is_some()
    }

    /// Whether the text asks for the answer given on an earlier bill
    /// ("same as before"), where there is one.
    fn says_same_as_before(&self, q: Question, text: &str) -> bool {
        if self.state.earlier_answer(q).is_none() {
            return false;
        }
        let choice = reading::Choice::new(["same"]).and(self.words.choice_words("same_as_before", "same"));
        matches!(read_choice(text, &[choice], self.words), Ok(Reading::Sure(_)))
    }

    /// A person's answer given on an earlier bill, given again.
    fn same_as_before(&mut self, q: Question) {
        let mut bill = self.bill().clone();
        match self.state.earlier_answer(q) {
            Some(earlier) if q.copy_answer(earlier, &mut bill) => {
                self.record(q, bill);
                self.outputs.push(self.view.answered(q, self.bill()));
                self.advance_from(q);
            }
            _ => self.stale(),
        }
    }

    /// Typed at "I read that as … Is that right?": a plain yes keeps the
    /// reading, a plain no asks again; anything else is a new answer.
    fn check_typed(&mut self, q: Question, guess: Guess, text: &str) {
        // At a yes/no question too, a yes here keeps what was read: the
        // check asked "Is that right?".
        match self.yes_or_no(text) {
            Some(true) => self.accept_guess(q, guess),
            // "no its 3": the number after the no is the answer.
            Some(false) => match (guess, number_after_no(text)) {
                (Guess::Amount(_) | Guess::Count(_), Some(correction)) => self.answer_typed(q, correction),
                _ => {
                    self.say(keys::GUESS_TYPE_AGAIN);
                    self.forget_read(q);
                }
            },
            None => self.answer_or_keep(q, guess, text),
        }
    }

    /// Something typed at a guess's check that is neither yes nor no: a new
    /// answer to the question, or, when it does not answer that one but
    /// does answer the next ("3 people?" answered with "38000", the
    /// income), kept for the next question while the check waits. Nothing
    /// typed is lost for a tap not made.
    fn answer_or_keep(&mut self, q: Question, guess: Guess, text: &str) {
        let before = (self.state.clone(), self.outputs.len(), self.effects.len());
        let unread = |turn: &Turn, asked: Question, shown: &Screen| {
            turn.state.screen == *shown || turn.state.screen == (Screen::Asking { question: asked })
        };
        let waiting = Screen::ConfirmGuess { question: q, guess };
        self.answer_typed(q, text);
        // "idk" at "Is that right?" doubts the guess; it is no answer to
        // the next question (found by the random conversations).
        if self.state.kept.is_some() || !unread(self, q, &waiting) || self.words.says_dont_know(text) {
            return;
        }
        let refused = (
            self.state.clone(),
            self.outputs.split_off(before.1),
            self.effects.split_off(before.2),
        );
        // Would the next question read it, once the guess is taken?
        self.state = before.0.clone();
        self.accept_guess(q, guess);
        let answers_next = match self.state.screen.clone() {
            Screen::Asking { question: next } if next != q => {
                let asked = self.state.screen.clone();
                self.answer_typed(next, text);
                !unread(self, next, &asked)
            }
            _ => false,
        };
        self.state = before.0;
        self.outputs.truncate(before.1);
        self.effects.truncate(before.2);
        if !answers_next {
            let (state, outputs, effects) = refused;
            self.state = state;
            self.outputs.extend(outputs);
            self.effects.extend(effects);
            return;
        }
        self.state.kept = Some(KeptAnswer {
            after: q,
            text: text.to_string(),
        });
        self.say_with(keys::GUESS_KEPT, &[("text", Fill::Text(text))]);
        self.show_current();
    }

    /// A plain yes or no typed at a check ("Is that right?"), in the
    /// chat's language; None for anything else.
    fn yes_or_no(&self, text: &str) -> Option<bool> {
        let yes_no = [
            reading::Choice::new([self.content().plain(keys::ANSWER_YES)])
                .and(self.words.choice_words("yes_no_not_sure", "yes")),
            reading::Choice::new([self.content().plain(keys::ANSWER_NO)])
                .and(self.words.choice_words("yes_no_not_sure", "no")),
        ];
        match read_choice(text, &yes_no, self.words) {
            Ok(Reading::Sure(at)) => Some(at == 0),
            // "that's right", "si mas o menos": a yes or no among other
            // words answers the check, unless a number there may be a new
            // answer ("right, it's 4" is read as that answer).
            Ok(Reading::Guess(at)) if !text.contains(|c: char| c.is_ascii_digit()) => Some(at == 0),
            _ => None,
        }
    }

    /// Words said at the list of items instead of items: "that's it"
    /// (done) or "i don't have it" (no itemized bill), from the words
    /// file's `line_items` set; None for anything else (read as items).
    fn items_said(&self, text: &str) -> Option<&'static str> {
        let said = ["done", "none"].map(|id| reading::Choice::new([id]).and(self.words.choice_words("line_items", id)));
        match read_choice(text, &said, self.words) {
            Ok(Reading::Sure(0)) => Some("done"),
            Ok(Reading::Sure(1)) => Some("none"),
            _ => None,
        }
    }

    /// A button answer typed as its words: recorded, and on to the next.
    fn choose_typed(&mut self, q: Question, id: &str) {
        let mut bill = self.bill().clone();
        if q.choose(&mut bill, id) {
            self.record(q, bill);
            self.advance_from(q);
        } else {
            self.choice_refused(q);
        }
    }

    /// "idk" at a button question: the button that means not knowing
    /// where it has one, a skip where it may be skipped, else a nudge to
    /// take a best guess.
    fn choice_not_known(&mut self, q: Question) {
        if let Some(id) = q.not_sure_choice() {
            self.choose_typed(q, id);
        } else if q.is_optional() {
            self.skip(q);
        } else {
            self.say_with_pointer(self.content().text(keys::INPUT_BEST_GUESS));
        }
    }

    /// A text that names none of a question's buttons.
    fn choice_refused(&mut self, q: Question) {
        let example = q.options().first().map(|(_, label)| self.content().plain(*label));
        self.not_an_option(&example.unwrap_or_default());
    }

    /// The bill's lines pasted at "Do you have the itemized bill?": the
    /// answer is Yes, and the paste is read as its lines, not lost.
    fn itemized_pasted(&mut self, text: &str) {
        let pasted = line_items::parse_bill_text(text, self.today());
        if pasted.items.is_empty() {
            return self.choice_refused(Question::HasItemized);
        }
        let mut bill = self.bill().clone();
        bill.has_itemized = Some(true);
        self.record(Question::HasItemized, bill);
        self.add_items(text, false);
    }

    /// A typed amount, read forgivingly ("$2.4k", "2400 bucks", "100/mo"):
    /// kept when read as typed, confirmed with one tap when it is a guess
    /// or was converted, skipped on "idk" where the question is optional,
    /// refused (asked again) otherwise.
    fn answer_amount(&mut self, q: Question, text: &str) {
        // "no", "cant" at what they could pay: a skip, not a refusal. At the
        // income, "i cant pay anything" is not an income: asked again.
        let cannot = reading::Choice::new(["no"]).and(self.words.choice_words("cannot_pay", "no"));
        let said_cannot = read_choice(text, &[cannot], self.words);
        let read = read_amount(text, self.words);
        if q == Question::YearlyIncome
            && matches!(said_cannot, Ok(Reading::Sure(_) | Reading::Guess(_)))
            && !matches!(&read, Ok(Reading::Sure(amount)) if !amount.value.is_zero())
        {
            return self.say_then_current(keys::INCOME_NOT_PAYMENT);
        }
        if q.is_optional() && matches!(said_cannot, Ok(Reading::Sure(_))) {
            return self.skip(q);
        }
        if let Some(amount) = read.as_ref().ok().and_then(Reading::value) {
            // A small yearly income is more likely a month's pay: ask which.
            if q == Question::YearlyIncome && AmountContext::yearly_income().doubts(amount) {
                let shown = Usd(amount.value).to_string();
                let line = self
                    .content()
                    .render(keys::INCOME_TOO_SMALL, &[("amount", Fill::Text(&shown))]);
                return self.say_with_pointer(line);
            }
            // "0" at the estimate means "none" more often than a $0 estimate.
            if q == Question::Estimate && amount.value.is_zero() {
                return self.say_then_current(keys::ESTIMATE_ZERO);
            }
        }
        match read {
            Ok(Reading::DontKnow) if q.is_optional() => self.skip(q),
            Ok(Reading::DontKnow) => self.say_then_current(amount_error(AmountError::Unreadable)),
            Ok(reading) => {
                let sure = matches!(reading, Reading::Sure(_));
                match reading.value().and_then(|amount| as_asked(q, *amount)) {
                    Some((value, false)) if sure => self.accept_guess(q, Guess::Amount(value)),
                    Some((value, _)) => self.go_to(Screen::ConfirmGuess {
                        question: q,
                        guess: Guess::Amount(value),
                    }),
                    None => self.say_then_current(amount_error(AmountError::Unreadable)),
                }
            }
            Err(error) => self.say_then_current(amount_error(error)),
        }
    }

    /// A typed number of people ("4 of us", "me and my wife").
    fn answer_count(&mut self, q: Question, text: &str) {
        let people = 1..=20;
        match read_count(text, self.words) {
            Ok(Reading::Sure(count)) if people.contains(&count) => self.accept_guess(q, Guess::Count(count)),
            Ok(Reading::Guess(count)) if people.contains(&count) => self.go_to(Screen::ConfirmGuess {
                question: q,
                guess: Guess::Count(count),
            }),
            Ok(Reading::DontKnow) if q.is_optional() => self.skip(q),
            _ => self.say_then_current(keys::COUNT_INVALID),
        }
    }

    /// Records an answer read from typing (sure, or confirmed with a tap)
    /// and moves on.
    fn accept_guess(&mut self, q: Question, guess: Guess) {
        let mut bill = self.bill().clone();
        match guess {
            Guess::Amount(amount) => {
                q.set_amount(&mut bill, amount);
            }
            Guess::Count(count) => bill.household_size = Some(count),
            Guess::Date(date) => return self.date_read(q, date),
            Guess::State(at) => bill.state = us_states::STATES.get(at).map(|(code, _)| code.to_string()),
            Guess::Choice(at) => match q.options().get(at) {
                Some((id, _)) => return self.choose_typed(q, id),
                None => return self.ask(q),
            },
        }
        self.record(q, bill);
        self.advance_from(q);
    }

    /// A typed date, read forgivingly ("last tuesday", "20 days ago"):
    /// kept, confirmed with one tap when it is a guess (or when the day it
    /// names depends on a time zone not yet known), skipped on "idk" where
    /// the question is optional, or refused.
    fn answer_date(&mut self, q: Question, text: &str) {
        let today = self.today();
        if q.is_about_a_day_ahead() {
            return self.answer_date_ahead(q, text);
        }
        let reading = match read_date(text, today, self.words) {
            Ok(reading) => reading,
            Err(DateProblem::WhichDay) => return self.retry_date(q, keys::DATE_WHICH_DAY),
            // Only a letter's day ahead is counted from the letter.
            Err(DateProblem::CountFromTheLetter) => return self.retry_date(q, keys::DATE_UNREADABLE),
            Err(DateProblem::Impossible) => return self.retry_date(q, keys::DATE_IMPOSSIBLE),
            // A date written with a year ahead: asked about below.
            Err(DateProblem::Unreadable) => match parse_date(text, today) {
                Ok(date) => Reading::Sure(date),
                Err(DateError::Impossible) => return self.retry_date(q, keys::DATE_IMPOSSIBLE),
                Err(DateError::Unreadable) => return self.retry_date(q, keys::DATE_UNREADABLE),
            },
        };
        // "Yesterday" typed after midnight in the east, before it in the
        // west, with no zone known: which day it names is a guess.
        let zone_known = zone_for(&self.state).1;
        let reading = match reading {
            Reading::Sure(date) if !zone_known && !mainland_dates_agree(self.now) => {
                let elsewhere = local_date(self.now, zone("America/New_York"));
                let moved = read_date(text, elsewhere, self.words).ok();
                match moved.as_ref().and_then(Reading::value) {
                    Some(other) if *other != date => Reading::Guess(date),
                    _ => Reading::Sure(date),
                }
            }
            other => other,
        };
        // "5/11/26" typed day-first: where May 11 cannot be this date (it
        // is before the care) and Nov 5 can, Nov 5 is offered to confirm.
        let reading = match reading.value().and_then(|date| self.day_first(q, text, *date)) {
            Some(swapped) => Reading::Guess(swapped),
            None => reading,
        };
        match reading {
            Reading::Sure(date) => self.date_read(q, date),
            Reading::Guess(date) => self.go_to(Screen::ConfirmGuess {
                question: q,
                guess: Guess::Date(date),
            }),
            Reading::DontKnow if q.is_optional() => self.skip(q),
            Reading::DontKnow => self.say_then_current(keys::DATE_ROUGHLY),
        }
    }

    /// A day ahead that a letter announces ("dec 31", "it says jan 4"):
    /// kept; skipped on "no letter" or "idk"; "in 30 days" is asked as a
    /// date counted from the letter's own date.
    fn answer_date_ahead(&mut self, q: Question, text: &str) {
        match read_notice_date(text, self.today(), self.words) {
            Ok(Reading::Sure(date)) => self.date_read(q, date),
            // "30 days from the letter, dated nov 20": counted, so checked
            // with one tap like any other guess.
            Ok(Reading::Guess(date)) => self.go_to(Screen::ConfirmGuess {
                question: q,
                guess: Guess::Date(date),
            }),
            Ok(Reading::DontKnow) => self.skip(q),
            Err(DateProblem::CountFromTheLetter) => self.retry_date(q, keys::DATE_COUNT_FROM_LETTER),
            Err(DateProblem::Impossible) => self.retry_date(q, keys::DATE_IMPOSSIBLE),
            Err(DateProblem::WhichDay | DateProblem::Unreadable) => self.retry_date(q, keys::DATE_UNREADABLE),
        }
    }

    /// A date typed in digits as day/month (`5/11/26`, as much of the
    /// world writes it), read that way: only when the month-first reading
    /// looks wrong for the question and the day-first one is a real day
    /// that does not.
    fn day_first(&self, q: Question, text: &str, month_first: NaiveDate) -> Option<NaiveDate> {
        let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
        if !(2..=3).contains(&parts.len())
            || parts
                .iter()
                .any(|part| part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let (first, second): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
        // The month-first reading is this text's: month, then day.
        if (month_first.month(), month_first.day()) != (first, second) {
            return None;
        }
        let swapped = NaiveDate::from_ymd_opt(month_first.year(), second, first)?;
        (swapped != month_first && self.date_looks_wrong(q, month_first) && !self.date_looks_wrong(q, swapped))
            .then_some(swapped)
    }

    /// Whether a date looks wrong for the question: ahead of today, or
    /// before the care (or the first bill) it comes after.
    fn date_looks_wrong(&self, q: Question, date: NaiveDate) -> bool {
        let bill = self.bill();
        (date > self.today() && !q.is_about_a_day_ahead())
            || (q.is_about_a_day_ahead() && bill.first_bill_date.is_some_and(|first| date < first))
            || (q == Question::FirstBillDate && bill.service_date.is_some_and(|service| date < service))
            || (q == Question::CollectorLetterDate && bill.first_bill_date.is_some_and(|first| date < first))
            || (matches!(q, Question::DenialDate | Question::DischargeDate)
                && bill.service_date.is_some_and(|service| date < service))
    }

    /// A date read: kept, or questioned when it looks wrong (ahead of
    /// today, before the care).
    fn date_read(&mut self, q: Question, date: NaiveDate) {
        let bill = self.bill();
        if self.date_looks_wrong(q, date) {
            self.go_to(Screen::ConfirmDate { question: q, date });
        } else {
            let mut bill = bill.clone();
            q.set_date(&mut bill, date);
            self.record(q, bill);
            self.advance_from(q);
        }
    }

    /// A date that could not be read: the line, then the question again.
    fn retry_date(&mut self, q: Question, line: Key) {
        self.say(line);
        self.ask(q);
    }

    /// Reads pasted or uploaded text into line items.
    /// Reads pasted, uploaded or scanned text into line items; the list
    /// says when it came from a photo, and when the lines read do not add
    /// up to the total the bill prints.
    fn add_items(&mut self, text: &str, by_ocr: bool) {
        let parsed = line_items::parse_bill_text(text, self.today());
        if parsed.items.is_empty() && parsed.unreadable.is_empty() {
            self.state.screen = Screen::Asking {
                question: Question::LineItems,
            };
            return self.outputs.push(self.view.items_nothing_read(self.bill()));
        }
        let bill = self.state.bill_mut();
        let first_new = bill.items.len();
        let room = MAX_ITEMS.saturating_sub(first_new);
        let stopped_early = parsed.truncated || parsed.items.len() > room;
        let full = parsed.items.len() > room;
        let read_sum: Decimal = parsed.items.iter().take(room).map(|item| item.amount).sum();
        bill.items.extend(parsed.items.into_iter().take(room));
        if bill.items.len() > first_new {
            // New items need confirming, and marking if not received.
            bill.items_confirmed = false;
            bill.not_received_done = false;
        }
        self.state.screen = Screen::Asking {
            question: Question::LineItems,
        };
        let mut notes = Vec::new();
        if by_ocr {
            notes.push(self.content().text(keys::ITEMS_FROM_PHOTO));
        }
        if let Some(printed) = parsed
            .printed_total
            .filter(|printed| *printed != read_sum && !stopped_early)
        {
            let (read, printed) = (Usd(read_sum).to_string(), Usd(printed).to_string());
            notes.push(self.content().render(
                keys::ITEMS_TOTAL_MISMATCH,
                &[("read", Fill::Text(&read)), ("printed", Fill::Text(&printed))],
            ));
        }
        self.outputs.push(self.view.items_read(
            self.bill(),
            first_new,
            &parsed.unreadable,
            stopped_early && !full,
            &notes,
        ));
        if full {
            let most = MAX_ITEMS.to_string();
            let line = self.content().render(keys::LIMIT_ITEMS, &[("most", Fill::Text(&most))]);
            self.outputs.push(Output::line(line));
        }
    }

    /// The list is complete; `pressed` when by the Done button (whose
    /// message then shows the answer).
    fn items_done(&mut self, pressed: bool) {
        if self.bill().items.is_empty() {
            return self.say_then_current(keys::ITEMS_NONE_YET);
        }
        let bill = self.state.bill_mut();
        bill.items_confirmed = true;
        bill.skipped.remove(Question::LineItems.id());
        if pressed {
            self.outputs.push(self.view.answered(Question::LineItems, self.bill()));
        }
        self.advance_from(Question::LineItems);
    }

    /// Reads a line number (1-based) and moves to the screen `next` makes.
    fn pick_item(&mut self, text: &str, next: impl Fn(usize) -> Screen) {
        match self.item_number(text) {
            Some(index) => self.go_to(next(index)),
            None => self.not_a_line_number(),
        }
    }

    fn fix_item(&mut self, index: usize, text: &str) {
        match line_items::read_line(text, self.today()) {
            LineRead::Item(item) if index < self.bill().items.len() => {
                self.state.bill_mut().items[index] = item;
                let line = self
                    .content()
                    .render(keys::ITEMS_FIXED, &[("number", Fill::Text(&(index + 1).to_string()))]);
                self.outputs.push(Output::line(line));
                self.ask(Question::LineItems);
            }
            _ => self.say_then_current(keys::ITEMS_LINE_UNREADABLE),
        }
    }

    fn remove_item(&mut self, text: &str) {
        let Some(index) = self.item_number(text) else {
            return self.not_a_line_number();
        };
        self.state.bill_mut().remove_item(index);
        let line = self
            .content()
            .render(keys::ITEMS_REMOVED, &[("number", Fill::Text(&(index + 1).to_string()))]);
        self.outputs.push(Output::line(line));
        self.ask(Question::LineItems);
    }

    /// A typed line number, as a 0-based index into the items.
    fn item_number(&self, text: &str) -> Option<usize> {
        let number: usize = text.trim().trim_start_matches('#').parse().ok()?;
        (1..=self.bill().items.len()).contains(&number).then(|| number - 1)
    }

    fn not_a_line_number(&mut self) {
        let last = self.bill().items.len().to_string();
        let line = self
            .content()
            .render(keys::ITEMS_NOT_A_NUMBER, &[("last", Fill::Text(&last))]);
        self.outputs.push(Output::line(line));
        self.show_current();
    }

    /// Typed item numbers ("3, 5") toggle those items; "done" finishes.
    fn toggle_typed(&mut self, text: &str) {
        let got_everything = reading::Choice::new(["done"]).and(self.words.choice_words("not_received", "done"));
        let said_done = matches!(read_choice(text, &[got_everything], self.words), Ok(Reading::Sure(_)));
        if said_done || is_done_word(text) {
            self.state.bill_mut().not_received_done = true;
            return self.advance_from(Question::NotReceived);
        }
        let numbers: Option<Vec<usize>> = text
            .split([',', ' ', ';'])
            .filter(|s| !s.is_empty())
            .map(|s| self.item_number(s))
            .collect();
        match numbers {
            Some(indexes) if !indexes.is_empty() => {
                for index in indexes {
                    self.state.bill_mut().toggle_not_received(index);
                }
                self.show_current();
            }
            _ => self.say_then_current(keys::NOT_RECEIVED_HINT),
        }
    }

    /// An uploaded file's text; `by_ocr` when read from a photo or scan.
    fn file(&mut self, text: &str, by_ocr: bool) {
        if self.in_items() {
            self.add_items(text, by_ocr);
        } else if let Some(q) = self.asking_eob() {
            self.eob_file(q, text);
        } else {
            self.say_then_current(keys::FILE_NOT_NOW);
        }
    }

    /// The EOB question on screen, if one is.
    fn asking_eob(&self) -> Option<Question> {
        match self.state.screen {
            Screen::Asking { question } | Screen::ConfirmGuess { question, .. } => is_eob(question).then_some(question),
            _ => None,
        }
    }

    /// A photo or PDF of the EOB at its questions: the figures found are
    /// offered one question at a time, each kept with one tap.
    fn eob_file(&mut self, q: Question, text: &str) {
        let figures = read_eob(text, self.words);
        if figures.is_empty() {
            return self.say_then_current(keys::FILE_EOB_NOTHING);
        }
        self.state.bill_mut().eob_read = figures;
        self.say(keys::FILE_EOB_READ);
        self.ask(q);
    }

    fn file_refused(&mut self, problem: FileProblem) {
        match problem {
            FileProblem::TooLarge => {
                let line = self
                    .content()
                    .render(keys::FILE_TOO_LARGE, &[("max", Fill::Text(&upload::limit_text()))]);
                self.say_with_pointer(line);
            }
            FileProblem::NotText => self.say_then_current(keys::FILE_NOT_TEXT),
            FileProblem::NoOcr => self.say_then_current(keys::FILE_NO_OCR),
            FileProblem::Unreadable => self.say_then_current(keys::FILE_UNREADABLE),
            FileProblem::Heic => self.say_then_current(keys::FILE_HEIC),
        }
    }

    /// Stores a changed bill after an answer to `question` (no longer skipped).
    fn record(&mut self, question: Question, mut bill: Bill) {
        bill.skipped.remove(question.id());
        *self.state.bill_mut() = bill;
    }

    fn begin_review(&mut self) {
        match question::first_unanswered(self.bill()) {
            Some(q) => self.ask(q),
            None => self.go_to(Screen::Summary),
        }
    }

    fn advance_from(&mut self, q: Question) {
        let kept = match &self.state.kept {
            Some(kept) if kept.after == q => self.state.kept.take(),
            _ => None,
        };
        // Every question answered (an answer changed after the summary,
        // reached with /back): straight back to the summary, not through
        // each later answer to keep (trial 7: 14 /back and 14 "keep" to
        // change whether the hospital is a nonprofit).
        // The statement's four figures are changed together (trial 8: after
        // the first, the next ones typed met the summary and were lost).
        let next = question::next_after(q, self.bill())
            .filter(|next| question::first_unanswered(self.bill()).is_some() || (is_eob(q) && is_eob(*next)));
        match (next, kept) {
            // The answer typed while q's guess waited for its check.
            (Some(next), Some(kept)) => {
                self.ask(next);
                self.say_with(keys::GUESS_KEPT_USED, &[("text", Fill::Text(&kept.text))]);
                match self.state.screen {
                    Screen::Asking { question } if question == next => self.answer_typed(next, &kept.text),
                    _ => self.text(&kept.text),
                }
            }
            (Some(next), None) => self.ask(next),
            (None, _) => self.go_to(Screen::Summary),
        }
    }

    fn decline_delete(&mut self, back_to: Screen) {
        self.state.screen = back_to;
        self.say_then_redraw(keys::DELETE_KEPT);
    }

    fn resume(&mut self) {
        match self.state.screen {
            Screen::Menu => self.outputs.push(self.view.greeting(&self.state)),
            _ => self.show_current(),
        }
    }

    fn is_asking(&self, q: Question) -> bool {
        self.state.screen == Screen::Asking { question: q }
    }

    /// On the line-items question or one of its sub-screens.
    fn in_items(&self) -> bool {
        matches!(self.state.screen, Screen::FixItem { .. } | Screen::RemoveItem) || self.is_asking(Question::LineItems)
    }

    /// Drops a figure read from a photo that the user turned down (or
    /// stepped back from), and asks the question plainly.
    fn forget_read(&mut self, q: Question) {
        if let Some(slot) = q.eob_read_slot(&mut self.state.bill_mut().eob_read) {
            *slot = None;
        }
        self.go_to(Screen::Asking { question: q });
    }

    /// Asks `q`, or, for an EOB figure read from a photo and not yet
    /// answered, offers what was read for one tap.
    fn ask(&mut self, q: Question) {
        let bill = self.bill();
        let unanswered = q.amount(bill).is_none() && !bill.skipped.contains(q.id());
        match q.eob_read(bill) {
            Some(amount) if unanswered => self.go_to(Screen::ConfirmGuess {
                question: q,
                guess: Guess::Amount(amount),
            }),
            _ => self.go_to(Screen::Asking { question: q }),
        }
    }

    pub(super) fn go_to(&mut self, screen: Screen) {
        self.state.screen = screen;
        self.show_current();
    }

    pub(super) fn show_current(&mut self) {
        self.outputs.push(self.view.current(&self.state, self.reference));
        // The report opens with the summary, and the plan right after it.
        if self.state.screen == Screen::Summary {
            self.outputs
                .push(super::report::plan(self.bill(), self.reference, &self.view));
        }
    }

    pub(super) fn say(&mut self, line: Key) {
        self.outputs.push(Output::line(self.content().text(line)));
    }

    /// A line with its blanks filled.
    fn say_with(&mut self, line: Key, fills: &[(&str, Fill<'_>)]) {
        self.outputs.push(Output::line(self.content().render(line, fills)));
    }

    /// One short line about the screen the chat is still on (after /help,
    /// /export, an answer that can't be read), and a pointer back to it:
    /// its message is the last one with buttons, so they still work, and
    /// sending it again would bury the line under the whole screen.
    pub(super) fn say_then_current(&mut self, line: Key) {
        let line = self.content().text(line);
        self.say_with_pointer(line);
    }

    /// A line, then the whole current screen again: for when the screen
    /// the user last saw is not the one the chat is on (an old button, a
    /// side screen left).
    pub(super) fn say_then_redraw(&mut self, line: Key) {
        self.say(line);
        self.show_current();
    }

    /// `line` and where to go on: "Tap a button above, or type …".
    fn say_with_pointer(&mut self, line: Html) {
        // The menu is short, and a new chat may never have seen it.
        if self.state.screen == Screen::Menu {
            self.outputs.push(Output::line(line));
            return self.show_current();
        }
        let current = self.view.current(&self.state, self.reference);
        let (has_buttons, typed) = match &current {
            Output::Message {
                keyboard, typed_answer, ..
            } => (!keyboard.is_empty(), *typed_answer),
            Output::ReplacePressed { keyboard, .. } => (!keyboard.is_empty(), false),
            Output::Document { .. } => (false, false),
        };
        let pointer = match (has_buttons, typed) {
            (true, true) => keys::INPUT_POINTER_TYPE_OR_TAP,
            (true, false) => keys::INPUT_POINTER_TAP,
            (false, true) => keys::INPUT_POINTER_TYPE,
            // Nothing above to answer: show the screen itself.
            (false, false) => {
                self.outputs.push(Output::line(line));
                return self.show_current();
            }
        };
        let pointer = self.content().text(pointer);
        self.outputs.push(Output::line(Html::join(&[line, pointer], "\n")));
    }

    pub(super) fn stale(&mut self) {
        self.say_then_redraw(keys::INPUT_STALE_BUTTON);
    }

    pub(super) fn not_an_option(&mut self, example: &str) {
        let line = self
            .content()
            .render(keys::INPUT_NOT_AN_OPTION, &[("example", Fill::Text(example))]);
        self.say_with_pointer(line);
    }
}

/// "done", "Done.", "that's all" and the like.
fn is_done_word(text: &str) -> bool {
    let word = text.trim().trim_end_matches(['.', '!']).to_lowercase();
    matches!(
        word.as_str(),
        "done" | "finished" | "that's all" | "thats all" | "that is all" | "ok done"
    )
}

/// One of the four EOB figure questions.
fn is_eob(q: Question) -> bool {
    matches!(
        q,
        Question::EobBilled | Question::EobAllowed | Question::EobPlanPaid | Question::EobYourShare
    )
}

/// An amount in the period `q` asks for, and whether it was converted:
/// a monthly figure at the yearly income is times twelve; a period the
/// question cannot take ("40k a year" as a monthly payment) is not read.
fn as_asked(q: Question, amount: Amount) -> Option<(Decimal, bool)> {
    match (amount.period, q) {
        (Period::AsAsked, _) | (Period::PerMonth, Question::Monthly) | (Period::PerYear, Question::YearlyIncome) => {
            Some((amount.value, false))
        }
        (Period::PerMonth, Question::YearlyIncome) => Some((amount.value * Decimal::from(12), true)),
        (Period::PerMonth | Period::PerYear, _) => None,
    }
}

pub(super) fn amount_error(error: AmountError) -> Key {
    match error {
        AmountError::Unreadable => keys::AMOUNT_UNREADABLE,
        AmountError::Negative => keys::AMOUNT_NEGATIVE,
        AmountError::TooPrecise => keys::AMOUNT_TOO_PRECISE,
        AmountError::TooLarge => keys::AMOUNT_TOO_LARGE,
    }
}

/// The words from the first number on, after a "no" at a check of an
/// amount or a count ("no its 3" → "3", "nope, 1,200" → "1,200").
fn number_after_no(text: &str) -> Option<&str> {
    let at = text.find(|c: char| c.is_ascii_digit())?;
    let start = text[..at]
        .rfind(|c: char| c.is_whitespace() || c == ',')
        .map_or(0, |space| space + 1);
    Some(text[start..].trim())
}
