//! The questions of the bill review, their order, and which ones apply.
//!
//! Progress ("Question 2 of 3"), `/back` and "what comes next" are all
//! computed from this one ordered list and the answers so far, so adding a
//! question (or a rule that skips one) changes them all consistently.

use super::choices::{self, Choice};
use crate::content::{keys, Content, Key};
use crate::domain::bill::Bill;
use crate::domain::money::Usd;
use serde::{Deserialize, Serialize};

/// One question of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    Sender,
    Coverage,
    AmountDue,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// One of a few buttons (typing the button's words works too).
    Choice,
    /// A typed amount of dollars.
    Amount,
}

impl Question {
    /// Every question, in the order they are asked.
    pub const ORDER: [Question; 3] = [Question::Sender, Question::Coverage, Question::AmountDue];

    /// Stable id used in button data: never rename.
    pub fn id(self) -> &'static str {
        match self {
            Question::Sender => "sender",
            Question::Coverage => "coverage",
            Question::AmountDue => "amount_due",
        }
    }

    pub fn from_id(id: &str) -> Option<Question> {
        Question::ORDER.into_iter().find(|q| q.id() == id)
    }

    pub fn prompt(self) -> Key {
        match self {
            Question::Sender => keys::SENDER_PROMPT,
            Question::Coverage => keys::COVERAGE_PROMPT,
            Question::AmountDue => keys::AMOUNT_DUE_PROMPT,
        }
    }

    pub fn answer_kind(self) -> AnswerKind {
        match self {
            Question::Sender | Question::Coverage => AnswerKind::Choice,
            Question::AmountDue => AnswerKind::Amount,
        }
    }

    /// The buttons of a choice question, as (id, label); empty otherwise.
    pub fn options(self) -> Vec<(&'static str, Key)> {
        fn pairs<T>(table: &[Choice<T>]) -> Vec<(&'static str, Key)> {
            table.iter().map(|c| (c.id, c.label)).collect()
        }
        match self {
            Question::Sender => pairs(&choices::SENDERS),
            Question::Coverage => pairs(&choices::COVERAGES),
            Question::AmountDue => Vec::new(),
        }
    }

    /// Records the choice with this id; false when the id is not one of
    /// this question's.
    pub fn choose(self, bill: &mut Bill, id: &str) -> bool {
        match self {
            Question::Sender => choices::by_id(&choices::SENDERS, id)
                .map(|v| bill.sender = Some(v))
                .is_some(),
            Question::Coverage => choices::by_id(&choices::COVERAGES, id)
                .map(|v| bill.coverage = Some(v))
                .is_some(),
            Question::AmountDue => false,
        }
    }

    /// The id of the choice that typed text names, if exactly one.
    pub fn match_typed(self, typed: &str, content: &Content) -> Option<&'static str> {
        match self {
            Question::Sender => choices::match_typed(&choices::SENDERS, typed, content).map(|c| c.id),
            Question::Coverage => choices::match_typed(&choices::COVERAGES, typed, content).map(|c| c.id),
            Question::AmountDue => None,
        }
    }

    /// The answer given so far, in words, if any.
    pub fn current_answer(self, bill: &Bill, content: &Content) -> Option<String> {
        match self {
            Question::Sender => bill
                .sender
                .and_then(|v| choices::label_of(&choices::SENDERS, v))
                .map(|k| content.plain(k)),
            Question::Coverage => bill
                .coverage
                .and_then(|v| choices::label_of(&choices::COVERAGES, v))
                .map(|k| content.plain(k)),
            Question::AmountDue => bill.amount_due.map(|v| Usd(v).to_string()),
        }
    }

    /// Whether this question is asked for this bill. Every question of the
    /// first part of the review applies to every bill.
    pub fn applies(self, _bill: &Bill) -> bool {
        true
    }

    pub fn is_answered(self, bill: &Bill) -> bool {
        match self {
            Question::Sender => bill.sender.is_some(),
            Question::Coverage => bill.coverage.is_some(),
            Question::AmountDue => bill.amount_due.is_some(),
        }
    }
}

/// The questions that apply to this bill, in order.
pub fn applicable(bill: &Bill) -> Vec<Question> {
    Question::ORDER.into_iter().filter(|q| q.applies(bill)).collect()
}

/// The first question that applies and has no answer yet.
pub fn first_unanswered(bill: &Bill) -> Option<Question> {
    applicable(bill).into_iter().find(|q| !q.is_answered(bill))
}

/// The question asked after `question`, if any.
pub fn next_after(question: Question, bill: &Bill) -> Option<Question> {
    let list = applicable(bill);
    let at = list.iter().position(|q| *q == question)?;
    list.get(at + 1).copied()
}

/// The question asked before `question`, if any.
pub fn previous(question: Question, bill: &Bill) -> Option<Question> {
    let list = applicable(bill);
    let at = list.iter().position(|q| *q == question)?;
    at.checked_sub(1).map(|i| list[i])
}

/// The last question that applies (where `/back` from the summary goes).
pub fn last(bill: &Bill) -> Option<Question> {
    applicable(bill).last().copied()
}

/// "Question `n` of `total`" for this question and bill.
pub fn progress(question: Question, bill: &Bill) -> (usize, usize) {
    let list = applicable(bill);
    let at = list.iter().position(|q| *q == question).unwrap_or(0);
    (at + 1, list.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn ids_round_trip() {
        for q in Question::ORDER {
            assert_eq!(Question::from_id(q.id()), Some(q));
        }
    }

    #[test]
    fn order_and_progress() {
        let mut bill = Bill::default();
        assert_eq!(first_unanswered(&bill), Some(Question::Sender));
        assert_eq!(previous(Question::Sender, &bill), None);
        assert_eq!(next_after(Question::Sender, &bill), Some(Question::Coverage));
        assert_eq!(progress(Question::Coverage, &bill), (2, 3));
        bill.sender = Some(crate::domain::bill::BillSender::Lab);
        bill.amount_due = Some(Decimal::ONE);
        assert_eq!(first_unanswered(&bill), Some(Question::Coverage));
        assert_eq!(last(&bill), Some(Question::AmountDue));
    }
}
