//! What the bot remembers about one chat between messages.

use super::question::Question;
use crate::domain::bill::Bill;
use serde::{Deserialize, Serialize};

/// A chat's conversation state: where the user is and what they told us.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatState {
    pub screen: Screen,
    pub bill: Bill,
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
    /// Every question that applies is answered.
    Summary,
    /// `/delete` was sent; waiting for yes or no.
    ConfirmDelete { back_to: Box<Screen> },
}
