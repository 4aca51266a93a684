//! Forgiving readers: what a person types on a phone, read as an answer of
//! one kind — a choice, an amount, a count of people, a date — or found not
//! to be one.
//!
//! Each reader says how sure it is ([`Reading`]): read as typed, a guess to
//! confirm with one tap ("$2,400 — right?"), or "I don't know". A text it
//! cannot read is an error, so the conversation asks again: a wrong reading
//! is worse than a question, so a reader refuses whenever words are left
//! over that it does not understand ("4 of us" is never an income of $4).
//!
//! The words each reader accepts ("idk", "bucks", "last tuesday", "me and
//! my wife") come from `dialogues/<lang>/reading/words.toml` ([`Words`]),
//! so a translator extends them without touching code.

mod amount;
mod call_note;
mod choice;
mod count;
mod date;
mod eob;
mod state;
mod text;
mod words;

pub use amount::{read_amount, read_amount_for, Amount, AmountContext, Period};
pub use call_note::{name_in, reference_in, says_none};
pub use choice::{choice_sets_from_toml, read_choice, read_keyword, Choice};
pub use count::read_count;
pub use date::{read_date, read_date_ahead, read_notice_date, DateProblem};
pub use eob::read_eob;
pub use state::read_state;
pub use words::Words;

/// How an answer was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading<T> {
    /// Read as typed.
    Sure(T),
    /// Probably this (a hedge like "maybe", a typo, words around it): to be
    /// confirmed with one tap before it is used.
    Guess(T),
    /// The person said they do not know ("idk", "not sure", "?").
    DontKnow,
}

impl<T> Reading<T> {
    /// The value read, sure or guessed.
    pub fn value(&self) -> Option<&T> {
        match self {
            Reading::Sure(value) | Reading::Guess(value) => Some(value),
            Reading::DontKnow => None,
        }
    }

    /// The same reading of another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reading<U> {
        match self {
            Reading::Sure(value) => Reading::Sure(f(value)),
            Reading::Guess(value) => Reading::Guess(f(value)),
            Reading::DontKnow => Reading::DontKnow,
        }
    }

    /// A sure reading made a guess (something around it was unsure).
    pub fn as_guess(self) -> Reading<T> {
        match self {
            Reading::Sure(value) => Reading::Guess(value),
            other => other,
        }
    }
}

/// A text that is not an answer of the kind asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRead;
