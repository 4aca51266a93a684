//! Printing outputs to the terminal and remembering the buttons shown, so a
//! typed number can press one.

use super::typed_input;
use crate::conversation::{Button, Input, Output};
use std::io::Write;

/// The terminal as the user sees it.
pub struct Screen {
    interactive: bool,
    /// The buttons of the last message that had any, in printed order.
    buttons: Vec<Button>,
}

impl Screen {
    pub fn new(interactive: bool) -> Screen {
        Screen {
            interactive,
            buttons: Vec::new(),
        }
    }

    /// A line from the terminal front end itself.
    pub fn note(&self, text: &str) {
        println!("{text}");
    }

    /// Prints what the conversation said.
    pub fn show(&mut self, outputs: &[Output]) {
        let mut out = String::new();
        for output in outputs {
            match output {
                Output::Message { text, keyboard } => {
                    out.push('\n');
                    out.push_str(&text.to_plain());
                    out.push('\n');
                    // Numbers always refer to the last message's buttons.
                    self.buttons = keyboard.iter().flatten().cloned().collect();
                    for (number, button) in self.buttons.iter().enumerate() {
                        out.push_str(&format!("  {}) {}\n", number + 1, button.label));
                    }
                }
                // The answer the user just chose: echo it, as the edited
                // question does on Telegram.
                Output::ReplacePressed { text } => {
                    if let Some(answer) = text.to_plain().lines().last() {
                        out.push_str(&format!("{answer}\n"));
                    }
                }
            }
        }
        print!("{out}");
        let _ = std::io::stdout().flush();
    }

    /// Asks for the next line when a person is typing.
    pub fn prompt(&self) {
        if self.interactive {
            print!("> ");
            let _ = std::io::stdout().flush();
        }
    }

    /// Turns a typed line into an input: a number picks a shown button.
    pub fn input_for(&self, typed: &str) -> Input {
        let button = typed
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.buttons.get(i))
            .map(|b| b.data.as_str());
        typed_input(typed, button)
    }
}
