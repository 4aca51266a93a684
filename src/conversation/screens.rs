//! How each screen looks: its text and its buttons.

use super::action::{Action, MenuItem};
use super::output::{Button, Keyboard, Output};
use super::report;
use super::review::question::{self, AnswerKind, Question};
use super::state::{ChatState, Guess, Screen};
pub use super::view::View;
use crate::content::{keys, Fill, Html, Key};
use crate::domain::bill::Bill;
use crate::domain::line_items::LineItem;
use crate::domain::money::Usd;
use crate::domain::reference::Reference;
use chrono::NaiveDate;

/// Items shown per page of the not-received toggles, and per row.
pub const TOGGLES_PER_PAGE: usize = 20;
const TOGGLES_PER_ROW: usize = 5;
/// A list of line items longer than this is shown in full when it is read
/// and when asked for, not again after every step.
const LIST_IN_FULL: usize = 20;
/// Bills on one page of `/bills`.
const BILLS_PER_PAGE: usize = 8;

impl View<'_> {
    fn menu_keyboard(&self) -> Keyboard {
        vec![
            vec![self.button(keys::MENU_REVIEW, Action::Menu(MenuItem::Review))],
            vec![self.button(keys::MENU_SCRIPT, Action::Menu(MenuItem::Script))],
            vec![self.button(keys::MENU_REMINDERS, Action::Menu(MenuItem::Reminders))],
        ]
    }

    /// The main menu, reminding of a review in progress.
    pub fn menu(&self, state: &ChatState, intro: Option<Html>) -> Output {
        let mut parts: Vec<Html> = intro.into_iter().collect();
        let bill = state.bill();
        if !bill.is_empty() && question::first_unanswered(bill).is_some() {
            parts.push(self.text(keys::START_REVIEW_IN_PROGRESS));
        }
        parts.push(self.text(keys::MENU_PROMPT));
        Output::choice(Html::join(&parts, "\n\n"), self.menu_keyboard())
    }

    /// The main menu after `/cancel`: "paused", which already says how to
    /// pick the review up.
    pub fn paused_menu(&self) -> Output {
        let parts = [self.text(keys::REVIEW_PAUSED), self.text(keys::MENU_PROMPT)];
        Output::choice(Html::join(&parts, "\n\n"), self.menu_keyboard())
    }

    /// The greeting `/start` shows, with the main menu.
    pub fn greeting(&self, state: &ChatState) -> Output {
        self.menu(state, Some(self.text(keys::START_GREETING)))
    }

    /// A question's text: progress line ("Part 2 of 4 · Dates and
    /// amount") and prompt.
    pub fn question_text(&self, question: Question, bill: &Bill) -> Html {
        let part = question.part();
        let (current, total) = part.progress();
        let progress = self.content.render(
            keys::REVIEW_PROGRESS,
            &[
                ("current", Fill::Text(&current.to_string())),
                ("total", Fill::Text(&total.to_string())),
                ("part", Fill::Text(&self.content.plain(part.name()))),
            ],
        );
        Html::join(&[progress, self.text(question.prompt_for(bill))], "\n")
    }

    /// A question with its buttons: choices, "Keep" when it already has an
    /// answer (after `/back`), "Skip" when it is optional.
    pub fn question(&self, question: Question, state: &ChatState) -> Output {
        let bill = state.bill();
        match question.answer_kind() {
            AnswerKind::Items => return self.items_prompt(bill, false),
            AnswerKind::NotReceived => return self.not_received(question, bill, 0),
            _ => {}
        }
        let mut keyboard: Keyboard = question
            .options()
            .into_iter()
            .map(|(choice, label)| {
                vec![self.button(
                    label,
                    Action::Answer {
                        question,
                        choice: choice.to_string(),
                    },
                )]
            })
            .collect();
        if let Some(answer) = question.current_answer(bill, self.content, self.today) {
            let label = self
                .content
                .render(keys::REVIEW_KEEP, &[("answer", Fill::Text(&answer))]);
            keyboard.push(vec![Button {
                label: label.to_plain(),
                data: Action::Keep(question).encode(),
            }]);
        }
        // A person's answer from an earlier bill, for one tap.
        let earlier = state
            .earlier_answer(question)
            .filter(|_| !question.is_answered(bill))
            .and_then(|earlier| question.current_answer(earlier, self.content, self.today));
        if let Some(answer) = earlier {
            let label = self
                .content
                .render(keys::REVIEW_SAME_AS_BEFORE, &[("answer", Fill::Text(&answer))]);
            keyboard.push(vec![Button {
                label: label.to_plain(),
                data: Action::SameAsBefore(question).encode(),
            }]);
        }
        if question.is_optional() {
            keyboard.push(vec![self.button(keys::ANSWER_SKIP, Action::Skip(question))]);
        }
        Output::Message {
            text: self.question_text(question, bill),
            keyboard,
            typed_answer: question.answer_kind() != AnswerKind::Choice,
        }
    }

    /// The question message once answered: its text plus the answer, no buttons.
    pub fn answered(&self, question: Question, bill: &Bill) -> Output {
        let answer = question
            .current_answer(bill, self.content, self.today)
            .unwrap_or_default();
        let text = self.question_text(question, bill);
        Output::ReplacePressed {
            text: self.content.render(
                keys::REVIEW_ANSWERED,
                &[("question", Fill::Html(&text)), ("answer", Fill::Text(&answer))],
            ),
            keyboard: Vec::new(),
        }
    }

    /// One line item: "3. Mar 14 · 85025 · CBC · ×2 $142.00".
    pub fn item_line(&self, number: usize, item: &LineItem) -> Html {
        let mut details: Vec<String> = Vec::new();
        if let Some(date) = item.date {
            details.push(self.date(date));
        }
        if let Some(revenue) = &item.revenue_code {
            details.push(revenue.clone());
        }
        if let Some(code) = &item.code {
            let mut code = code.clone();
            for modifier in &item.modifiers {
                code.push('-');
                code.push_str(modifier);
            }
            details.push(code);
        }
        if !item.description.is_empty() {
            details.push(item.description.clone());
        }
        if item.units > 1 {
            let units = self
                .content
                .render(keys::ITEMS_UNITS, &[("units", Fill::Text(&item.units.to_string()))]);
            details.push(units.to_plain());
        }
        let separator = self.content.plain(keys::ITEMS_DETAIL_SEPARATOR);
        self.content.render(
            keys::ITEMS_LINE,
            &[
                ("number", Fill::Text(&number.to_string())),
                ("details", Fill::Text(&details.join(&separator))),
                ("amount", Fill::Text(&Usd(item.amount).to_string())),
            ],
        )
    }

    fn items_total(&self, bill: &Bill) -> Html {
        let count = bill.items.len().to_string();
        let total = Usd(bill.items_total()).to_string();
        match bill.items.len() {
            1 => self
                .content
                .render(keys::ITEMS_TOTAL_ONE, &[("total", Fill::Text(&total))]),
            _ => self.content.render(
                keys::ITEMS_TOTAL,
                &[("count", Fill::Text(&count)), ("total", Fill::Text(&total))],
            ),
        }
    }

    fn items_keyboard(&self, bill: &Bill) -> Keyboard {
        if bill.items.is_empty() {
            return vec![vec![self.button(keys::ITEMS_DONT_HAVE, Action::ItemsNone)]];
        }
        let mut keyboard = vec![
            vec![self.button(keys::ITEMS_DONE, Action::ItemsDone)],
            vec![
                self.button(keys::ITEMS_FIX, Action::ItemsFix),
                self.button(keys::ITEMS_REMOVE, Action::ItemsRemove),
            ],
        ];
        if bill.items.len() > LIST_IN_FULL {
            keyboard.push(vec![self.button(keys::ITEMS_SHOW_LIST, Action::ItemsList)]);
        }
        keyboard
    }

    /// The line-items question: the prompt, and the list so far if any (a
    /// long list in full only when `full`: it was shown when it was read,
    /// and is one tap away).
    pub fn items_prompt(&self, bill: &Bill, full: bool) -> Output {
        let mut parts = vec![self.question_text(Question::LineItems, bill)];
        if !bill.items.is_empty() {
            parts.push(self.items_list(bill, full));
        }
        Output::Message {
            text: Html::join(&parts, "\n\n"),
            keyboard: self.items_keyboard(bill),
            typed_answer: true,
        }
    }

    /// A text at the items step that held no bill line: one line and the
    /// count so far, not the list again.
    pub fn items_nothing_read(&self, bill: &Bill) -> Output {
        let mut parts = vec![self.text(keys::ITEMS_NOTHING_READ)];
        if !bill.items.is_empty() {
            parts.push(Html::join(&[self.items_total(bill), self.text(keys::ITEMS_NEXT)], "\n"));
        }
        Output::Message {
            text: Html::join(&parts, "\n\n"),
            keyboard: self.items_keyboard(bill),
            typed_answer: true,
        }
    }

    /// The line items, numbered, with the total: every one when `full` or
    /// when there are few, else only how many and how to see them.
    pub fn items_list(&self, bill: &Bill, full: bool) -> Html {
        if !full && bill.items.len() > LIST_IN_FULL {
            let count = bill.items.len().to_string();
            return Html::join(
                &[
                    self.content
                        .render(keys::ITEMS_LIST_LONG, &[("count", Fill::Text(&count))]),
                    self.items_total(bill),
                ],
                "\n",
            );
        }
        let mut lines = vec![self.text(keys::ITEMS_LIST_HEADING)];
        lines.extend(
            bill.items
                .iter()
                .enumerate()
                .map(|(i, item)| self.item_line(i + 1, item)),
        );
        lines.push(self.items_total(bill));
        Html::join(&lines, "\n")
    }

    /// What one paste or upload added, what could not be read, and what now.
    /// `notes` come before what to do next (read from a photo, a total
    /// that does not match).
    pub fn items_read(
        &self,
        bill: &Bill,
        first_new: usize,
        unreadable: &[String],
        stopped_early: bool,
        notes: &[Html],
    ) -> Output {
        let mut parts = Vec::new();
        let added = bill.items.len().saturating_sub(first_new);
        if added > 0 {
            let read = match added {
                1 => self.content.text(keys::ITEMS_READ_ONE),
                _ => self
                    .content
                    .render(keys::ITEMS_READ, &[("count", Fill::Text(&added.to_string()))]),
            };
            let mut lines = vec![read];
            lines.extend(
                bill.items
                    .iter()
                    .enumerate()
                    .skip(first_new)
                    .map(|(i, item)| self.item_line(i + 1, item)),
            );
            lines.push(self.items_total(bill));
            parts.push(Html::join(&lines, "\n"));
        }
        if !unreadable.is_empty() {
            let shown: Vec<&str> = unreadable.iter().take(10).map(String::as_str).collect();
            parts.push(
                self.content
                    .render(keys::ITEMS_UNREADABLE, &[("lines", Fill::Text(&shown.join("\n")))]),
            );
        }
        if stopped_early {
            parts.push(self.text(keys::ITEMS_STOPPED_EARLY));
        }
        parts.extend(notes.iter().cloned());
        if bill.items.is_empty() {
            parts.push(self.text(keys::ITEMS_NONE_YET));
        } else {
            parts.push(self.text(keys::ITEMS_NEXT));
        }
        Output::Message {
            text: Html::join(&parts, "\n\n"),
            keyboard: self.items_keyboard(bill),
            typed_answer: true,
        }
    }

    /// Asks for a line number (to fix or remove), with a way back.
    pub fn which_item(&self, bill: &Bill, key: Key) -> Output {
        let last = bill.items.len().to_string();
        Output::Message {
            text: Html::join(
                &[
                    self.items_list(bill, false),
                    self.content.render(key, &[("last", Fill::Text(&last))]),
                ],
                "\n\n",
            ),
            keyboard: vec![vec![self.button(keys::ITEMS_BACK_TO_LIST, Action::ItemsList)]],
            typed_answer: true,
        }
    }

    /// Asks for the corrected text of one line.
    pub fn send_corrected(&self, bill: &Bill, index: usize) -> Output {
        let line = bill
            .items
            .get(index)
            .map(|item| self.item_line(index + 1, item))
            .unwrap_or_default();
        Output::Message {
            text: self.content.render(
                keys::ITEMS_SEND_CORRECTED,
                &[
                    ("number", Fill::Text(&(index + 1).to_string())),
                    ("line", Fill::Html(&line)),
                ],
            ),
            keyboard: vec![vec![self.button(keys::ITEMS_BACK_TO_LIST, Action::ItemsList)]],
            typed_answer: true,
        }
    }

    /// The services-not-received toggles, one page of items.
    pub fn not_received(&self, question: Question, bill: &Bill, page: usize) -> Output {
        let (text, keyboard) = self.not_received_parts(question, bill, page);
        Output::Message {
            text,
            keyboard,
            typed_answer: true,
        }
    }

    /// The same page after a toggle or page turn, edited in place.
    pub fn not_received_update(&self, bill: &Bill, page: usize) -> Output {
        let (text, keyboard) = self.not_received_parts(Question::NotReceived, bill, page);
        Output::ReplacePressed { text, keyboard }
    }

    fn not_received_parts(&self, question: Question, bill: &Bill, page: usize) -> (Html, Keyboard) {
        let pages = bill.items.len().div_ceil(TOGGLES_PER_PAGE).max(1);
        let page = page.min(pages - 1);
        let range = page * TOGGLES_PER_PAGE..((page + 1) * TOGGLES_PER_PAGE).min(bill.items.len());
        let mut lines = vec![self.question_text(question, bill), self.text(keys::NOT_RECEIVED_LIST)];
        for index in range.clone() {
            let line = self.item_line(index + 1, &bill.items[index]);
            lines.push(if bill.not_received.contains(&index) {
                self.content
                    .render(keys::NOT_RECEIVED_MARKED_LINE, &[("line", Fill::Html(&line))])
            } else {
                line
            });
        }
        if pages > 1 {
            lines.push(self.content.render(
                keys::NOT_RECEIVED_PAGE,
                &[
                    ("page", Fill::Text(&(page + 1).to_string())),
                    ("pages", Fill::Text(&pages.to_string())),
                ],
            ));
        }
        let toggles: Vec<Button> = range
            .map(|index| {
                let marked = bill.not_received.contains(&index);
                let number = (index + 1).to_string();
                let label = if marked {
                    self.content
                        .render(keys::NOT_RECEIVED_MARKED_BUTTON, &[("number", Fill::Text(&number))])
                        .to_plain()
                } else {
                    number
                };
                Button {
                    label,
                    data: Action::ToggleNotReceived { index, page }.encode(),
                }
            })
            .collect();
        let mut keyboard: Keyboard = toggles.chunks(TOGGLES_PER_ROW).map(<[Button]>::to_vec).collect();
        let mut navigation = Vec::new();
        if page > 0 {
            navigation.push(self.button(keys::NOT_RECEIVED_PREVIOUS, Action::NotReceivedPage(page - 1)));
        }
        if page + 1 < pages {
            navigation.push(self.button(keys::NOT_RECEIVED_NEXT, Action::NotReceivedPage(page + 1)));
        }
        if !navigation.is_empty() {
            keyboard.push(navigation);
        }
        keyboard.push(vec![self.button(keys::NOT_RECEIVED_DONE, Action::NotReceivedDone)]);
        (Html::join(&lines, "\n"), keyboard)
    }

    /// A date that looks wrong, with "keep it" and "retype" buttons.
    pub fn confirm_date(&self, question: Question, date: NaiveDate, bill: &Bill) -> Output {
        let shown = self.date(date);
        let text = match (question, bill.service_date, bill.first_bill_date) {
            _ if date > self.today => self
                .content
                .render(keys::DATE_IN_FUTURE, &[("date", Fill::Text(&shown))]),
            (Question::FirstBillDate | Question::DenialDate | Question::DischargeDate, Some(service), _) => {
                self.content.render(
                    keys::DATE_BEFORE_SERVICE,
                    &[
                        ("date", Fill::Text(&shown)),
                        ("service_date", Fill::Text(&self.date(service))),
                    ],
                )
            }
            (_, _, Some(first_bill)) => self.content.render(
                keys::DATE_BEFORE_FIRST_BILL,
                &[
                    ("date", Fill::Text(&shown)),
                    ("first_bill_date", Fill::Text(&self.date(first_bill))),
                ],
            ),
            _ => self
                .content
                .render(keys::DATE_IN_FUTURE, &[("date", Fill::Text(&shown))]),
        };
        Output::Message {
            text,
            keyboard: vec![vec![
                self.button(keys::DATE_KEEP_IT, Action::DateConfirmed),
                self.button(keys::DATE_RETYPE, Action::DateRejected),
            ]],
            typed_answer: true,
        }
    }

    /// A typed answer read as a guess: the question, what was read, and
    /// one tap to keep it (or type it again).
    pub fn confirm_guess(&self, question: Question, guess: Guess, bill: &Bill) -> Output {
        let shown = match guess {
            Guess::Amount(amount) => Usd(amount).to_string(),
            Guess::Count(count) => count.to_string(),
            Guess::Date(date) => self.date(date),
            Guess::State(at) => crate::domain::us_states::STATES
                .get(at)
                .map(|(_, name)| name.to_string())
                .unwrap_or_default(),
            Guess::Choice(at) => question
                .options()
                .get(at)
                .map(|(_, label)| self.content.plain(*label))
                .unwrap_or_default(),
        };
        let check = self
            .content
            .render(keys::GUESS_CHECK, &[("answer", Fill::Text(&shown))]);
        Output::Message {
            text: Html::join(&[self.question_text(question, bill), check], "\n\n"),
            keyboard: vec![vec![
                self.button(keys::GUESS_YES, Action::GuessConfirmed(question)),
                self.button(keys::GUESS_NO, Action::GuessRejected(question)),
            ]],
            typed_answer: true,
        }
    }

    /// What the review has collected, in words (the report's first part).
    pub fn summary_text(&self, bill: &Bill) -> Html {
        let mut lines = vec![self.text(keys::SUMMARY_HEADING)];
        for question in question::applicable(bill) {
            let value = if bill.skipped.contains(question.id()) {
                Some(self.content.plain(keys::SUMMARY_SKIPPED))
            } else {
                question.current_answer(bill, self.content, self.today)
            };
            if let Some(value) = value {
                let label = self.content.plain(question.summary_label_for(bill));
                lines.push(self.content.render(
                    keys::SUMMARY_LINE,
                    &[("label", Fill::Text(&label)), ("value", Fill::Text(&value))],
                ));
            }
        }
        Html::join(&[Html::join(&lines, "\n"), self.text(keys::SUMMARY_FOOTER)], "\n\n")
    }

    /// `/bills`: one page of the bills, each with its stage and a button to
    /// switch to it, and the pages around it.
    pub fn bills(&self, state: &ChatState, page: usize) -> Output {
        let pages = state.bills.len().div_ceil(BILLS_PER_PAGE).max(1);
        let page = page.min(pages - 1);
        let mut lines = vec![self.text(keys::BILLS_HEADING)];
        let mut keyboard: Keyboard = Vec::new();
        let shown = state
            .bills
            .iter()
            .enumerate()
            .skip(page * BILLS_PER_PAGE)
            .take(BILLS_PER_PAGE);
        for (index, bill) in shown {
            let number = (index + 1).to_string();
            let sender = question::Question::Sender
                .current_answer(bill, self.content, self.today)
                .unwrap_or_else(|| self.content.plain(keys::BILLS_UNNAMED));
            let amount = bill
                .amount_due
                .map(|a| Usd(a).to_string())
                .unwrap_or_else(|| self.content.plain(keys::BILLS_NO_AMOUNT));
            let stage = match (bill.paid, question::first_unanswered(bill)) {
                (Some(paid), _) => {
                    let paid = Usd(paid.amount).to_string();
                    self.content
                        .render(keys::BILLS_STAGE_PAID, &[("amount", Fill::Text(&paid))])
                        .to_plain()
                }
                (None, Some(q)) => {
                    let (current, total) = q.part().progress();
                    self.content
                        .render(
                            keys::BILLS_STAGE_QUESTION,
                            &[
                                ("current", Fill::Text(&current.to_string())),
                                ("total", Fill::Text(&total.to_string())),
                            ],
                        )
                        .to_plain()
                }
                (None, None) => self.content.plain(keys::BILLS_STAGE_REVIEWED),
            };
            let current = index == state.current;
            let (line_key, button_key) = match current {
                true => (keys::BILLS_LINE_CURRENT, keys::BILLS_BUTTON_CURRENT),
                false => (keys::BILLS_LINE, keys::BILLS_BUTTON),
            };
            let line = self.content.render(
                line_key,
                &[
                    ("number", Fill::Text(&number)),
                    ("sender", Fill::Text(&sender)),
                    ("amount", Fill::Text(&amount)),
                    ("stage", Fill::Text(&stage)),
                ],
            );
            lines.push(line);
            if let Some(call) = bill.calls.last() {
                let call = self.call_line(call);
                lines.push(
                    self.content
                        .render(keys::BILLS_LAST_CALL, &[("line", Fill::Html(&call))]),
                );
            }
            let label = self.content.render(
                button_key,
                &[("number", Fill::Text(&number)), ("sender", Fill::Text(&sender))],
            );
            keyboard.push(vec![Button {
                label: label.to_plain(),
                data: Action::SwitchBill(index).encode(),
            }]);
        }
        if pages > 1 {
            let (number, of) = ((page + 1).to_string(), pages.to_string());
            lines.push(self.content.render(
                keys::BILLS_PAGE,
                &[("page", Fill::Text(&number)), ("pages", Fill::Text(&of))],
            ));
            let mut row = Vec::new();
            if page > 0 {
                row.push(self.button(keys::BILLS_PREVIOUS, Action::BillsPage(page - 1)));
            }
            if page + 1 < pages {
                row.push(self.button(keys::BILLS_MORE, Action::BillsPage(page + 1)));
            }
            keyboard.push(row);
        }
        keyboard.push(vec![self.button(keys::BILLS_NEW, Action::NewBill)]);
        Output::choice(Html::join(&lines, "\n"), keyboard)
    }

    /// The `/delete` confirmation.
    pub fn confirm_delete(&self) -> Output {
        Output::choice(
            self.text(keys::DELETE_CONFIRM),
            vec![vec![
                self.button(keys::DELETE_YES, Action::DeleteConfirmed),
                self.button(keys::DELETE_NO, Action::DeleteDeclined),
            ]],
        )
    }

    /// The current screen, shown again (after help, an error, or a restart).
    pub fn current(&self, state: &ChatState, reference: &Reference) -> Output {
        let bill = state.bill();
        match &state.screen {
            Screen::Menu => self.menu(state, None),
            Screen::Asking { question: q } => self.question(*q, state),
            Screen::ConfirmDate { question, date } => self.confirm_date(*question, *date, bill),
            Screen::ConfirmGuess { question, guess } => self.confirm_guess(*question, *guess, bill),
            Screen::FixItem { number: None } => self.which_item(bill, keys::ITEMS_WHICH_TO_FIX),
            Screen::FixItem { number: Some(index) } => self.send_corrected(bill, *index),
            Screen::RemoveItem => self.which_item(bill, keys::ITEMS_WHICH_TO_REMOVE),
            Screen::Summary => report::summary(bill, self),
            Screen::Findings { page } => report::findings(bill, reference, self, *page),
            Screen::Timing => report::timing(bill, self),
            Screen::Scripts => self.script_picker(bill, reference, Some(())),
            Screen::Offer => report::offer(bill, reference, self),
            Screen::ConfirmDelete { .. } => self.confirm_delete(),
            Screen::LoggingCall { step, .. } => self.call_log_step(*step),
            Screen::Remind { .. } => self.remind_picker(state),
            Screen::Reminders { .. } => self.reminders_list(state),
            Screen::AskTimeZone { .. } => self.time_zone_question(bill.state.as_deref()),
            Screen::Paid { .. } => self.paid_prompt(state),
        }
    }
}
