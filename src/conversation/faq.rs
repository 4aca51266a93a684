//! `/faq`: the questions people ask most, one tap each, and a way back to
//! where they were.

use super::action::Action;
use super::output::Output;
use super::view::View;
use crate::content::{keys, Key};

/// Each question's button label and answer.
pub const QUESTIONS: [(Key, Key); 6] = [
    (keys::FAQ_COLLECTOR_LABEL, keys::FAQ_COLLECTOR_ANSWER),
    (keys::FAQ_PAID_LABEL, keys::FAQ_PAID_ANSWER),
    (keys::FAQ_CREDIT_LABEL, keys::FAQ_CREDIT_ANSWER),
    (keys::FAQ_DENIED_LABEL, keys::FAQ_DENIED_ANSWER),
    (keys::FAQ_CHARITY_LABEL, keys::FAQ_CHARITY_ANSWER),
    (keys::FAQ_ADVOCATE_LABEL, keys::FAQ_ADVOCATE_ANSWER),
];

impl View<'_> {
    /// The list of questions.
    pub fn faq_list(&self) -> Output {
        let mut keyboard: Vec<_> = QUESTIONS
            .iter()
            .enumerate()
            .map(|(index, (label, _))| vec![self.button(*label, Action::Faq(index))])
            .collect();
        keyboard.push(vec![self.button(keys::FAQ_BACK, Action::Resume)]);
        Output::choice(self.content.text(keys::FAQ_HEADING), keyboard)
    }

    /// One answer, with the ways on; `None` for a question that does not exist.
    pub fn faq_answer(&self, index: usize) -> Option<Output> {
        let (_, answer) = QUESTIONS.get(index)?;
        Some(Output::choice(
            self.content.text(*answer),
            vec![
                vec![self.button(keys::FAQ_OTHER_QUESTIONS, Action::FaqList)],
                vec![self.button(keys::FAQ_BACK, Action::Resume)],
            ],
        ))
    }
}
