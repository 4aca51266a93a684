//! How each screen looks: its text and its buttons.

use super::action::{Action, MenuItem};
use super::output::{Button, Keyboard, Output};
use super::question::{self, AnswerKind, Question};
use super::state::{ChatState, Screen};
use crate::content::{keys, Content, Fill, Html, Key};
use crate::domain::bill::Bill;
use crate::domain::money::Usd;

/// A button whose label comes from the copy.
pub fn button(content: &Content, label: Key, action: Action) -> Button {
    Button {
        label: content.plain(label),
        data: action.encode(),
    }
}

fn menu_keyboard(content: &Content) -> Keyboard {
    vec![
        vec![button(content, keys::MENU_REVIEW, Action::Menu(MenuItem::Review))],
        vec![button(content, keys::MENU_SCRIPT, Action::Menu(MenuItem::Script))],
        vec![button(content, keys::MENU_REMINDERS, Action::Menu(MenuItem::Reminders))],
    ]
}

/// True when a review has started but not every question is answered.
fn review_in_progress(bill: &Bill) -> bool {
    !bill.is_empty() && question::first_unanswered(bill).is_some()
}

/// The main menu, reminding of a review in progress.
pub fn menu(state: &ChatState, content: &Content, intro: Option<Html>) -> Output {
    let mut parts: Vec<Html> = intro.into_iter().collect();
    if review_in_progress(&state.bill) {
        parts.push(content.text(keys::START_REVIEW_IN_PROGRESS));
    }
    parts.push(content.text(keys::MENU_PROMPT));
    Output::choice(Html::join(&parts, "\n\n"), menu_keyboard(content))
}

/// The greeting `/start` shows, with the main menu.
pub fn greeting(state: &ChatState, content: &Content) -> Output {
    menu(state, content, Some(content.text(keys::START_GREETING)))
}

/// A question's text: progress line and prompt.
pub fn question_text(question: Question, bill: &Bill, content: &Content) -> Html {
    let (current, total) = question::progress(question, bill);
    let progress = content.render(
        keys::REVIEW_PROGRESS,
        &[
            ("current", Fill::Text(&current.to_string())),
            ("total", Fill::Text(&total.to_string())),
        ],
    );
    Html::join(&[progress, content.text(question.prompt())], "\n")
}

/// A question with its buttons (and a "Keep" button when it already has an
/// answer, e.g. after `/back`).
pub fn question(question: Question, bill: &Bill, content: &Content) -> Output {
    let mut keyboard: Keyboard = match question.answer_kind() {
        AnswerKind::Choice => question
            .options()
            .into_iter()
            .map(|(choice, label)| {
                vec![button(
                    content,
                    label,
                    Action::Answer {
                        question,
                        choice: choice.to_string(),
                    },
                )]
            })
            .collect(),
        AnswerKind::Amount => Vec::new(),
    };
    if let Some(answer) = question.current_answer(bill, content) {
        let label = content.render(keys::REVIEW_KEEP, &[("answer", Fill::Text(&answer))]);
        keyboard.push(vec![Button {
            label: label.to_plain(),
            data: Action::Keep(question).encode(),
        }]);
    }
    Output::Message {
        text: question_text(question, bill, content),
        keyboard,
        typed_answer: question.answer_kind() != AnswerKind::Choice,
    }
}

/// The question message once answered: its text plus the answer, no buttons.
pub fn answered(question: Question, bill: &Bill, content: &Content) -> Output {
    let answer = question.current_answer(bill, content).unwrap_or_default();
    let text = question_text(question, bill, content);
    Output::ReplacePressed {
        text: content.render(
            keys::REVIEW_ANSWERED,
            &[("question", Fill::Html(&text)), ("answer", Fill::Text(&answer))],
        ),
    }
}

/// What the review has collected.
pub fn summary(bill: &Bill, content: &Content) -> Output {
    let not_given = content.plain(keys::REVIEW_NOT_GIVEN);
    let answer = |q: Question| q.current_answer(bill, content).unwrap_or_else(|| not_given.clone());
    let sender = answer(Question::Sender);
    let coverage = answer(Question::Coverage);
    let amount_due = bill
        .amount_due
        .map(|a| Usd(a).to_string())
        .unwrap_or_else(|| not_given.clone());
    let text = content.render(
        keys::REVIEW_SUMMARY,
        &[
            ("sender", Fill::Text(&sender)),
            ("coverage", Fill::Text(&coverage)),
            ("amount_due", Fill::Text(&amount_due)),
        ],
    );
    Output::choice(
        text,
        vec![vec![button(content, keys::MENU_MAIN, Action::Menu(MenuItem::Main))]],
    )
}

/// The `/delete` confirmation.
pub fn confirm_delete(content: &Content) -> Output {
    Output::choice(
        content.text(keys::DELETE_CONFIRM),
        vec![vec![
            button(content, keys::DELETE_YES, Action::DeleteConfirmed),
            button(content, keys::DELETE_NO, Action::DeleteDeclined),
        ]],
    )
}

/// The current screen, shown again (after help, an error, or a restart).
pub fn current(state: &ChatState, content: &Content) -> Output {
    match &state.screen {
        Screen::Menu => menu(state, content, None),
        Screen::Asking { question: q } => question(*q, &state.bill, content),
        Screen::Summary => summary(&state.bill, content),
        Screen::ConfirmDelete { .. } => confirm_delete(content),
    }
}
