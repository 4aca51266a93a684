//! What the conversation asks a front end to show.

use crate::content::Html;

/// A button: the words on it and the data it sends back when pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Plain text (not HTML).
    pub label: String,
    pub data: String,
}

/// Rows of buttons under a message.
pub type Keyboard = Vec<Vec<Button>>;

/// One thing to show the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A new message, with buttons when the answer is a choice.
    Message {
        text: Html,
        keyboard: Keyboard,
        /// The question takes a typed answer (an amount, a date), so a
        /// typed number is an answer, not a button's number.
        typed_answer: bool,
    },
    /// Replace the message whose button was just pressed: a question
    /// becomes the question plus the chosen answer (no buttons), a toggle
    /// list shows its new marks.
    ReplacePressed { text: Html, keyboard: Keyboard },
    /// A file to keep or print (a letter), with a short caption.
    Document {
        file_name: String,
        contents: String,
        caption: Html,
    },
}

impl Output {
    /// A message without buttons.
    pub fn line(text: Html) -> Output {
        Output::Message {
            text,
            keyboard: Vec::new(),
            typed_answer: false,
        }
    }

    /// A message whose answer is one of its buttons.
    pub fn choice(text: Html, keyboard: Keyboard) -> Output {
        Output::Message {
            text,
            keyboard,
            typed_answer: false,
        }
    }

    /// The text of the output, whichever kind it is.
    pub fn text(&self) -> &Html {
        match self {
            Output::Message { text, .. } | Output::ReplacePressed { text, .. } => text,
            Output::Document { caption, .. } => caption,
        }
    }
}
