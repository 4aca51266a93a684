//! The bottom of the conversation: [`View`], what every screen is drawn
//! with (the copy and today's date), and the two things every screen needs
//! from it. It depends on nothing else in `conversation` but the button
//! types, so every concept folder can draw with it and none draws back.

use super::action::Action;
use super::output::Button;
use crate::content::{Content, Html, Key};
use chrono::NaiveDate;

/// What screens are drawn with: the copy and today's date.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub content: &'a Content,
    pub today: NaiveDate,
}

impl View<'_> {
    /// A button whose label comes from the copy.
    pub fn button(&self, label: Key, action: Action) -> Button {
        Button {
            label: self.content.plain(label),
            data: action.encode(),
        }
    }

    /// A line of the copy as it is.
    pub fn text(&self, key: Key) -> Html {
        self.content.text(key)
    }

    /// A date as the chat's language writes it ("Tue, Jul 14").
    pub fn date(&self, date: NaiveDate) -> String {
        self.content.date(date, self.today)
    }
}
