//! The terminal front end's [`Terminal`] (not to be confused with the
//! conversation's `Screen`, the step a chat is on): printing outputs to the
//! terminal and remembering the buttons shown, so a typed number can press one.

use super::typed_input;
use crate::content::Html;
use crate::conversation::{Button, Input, Keyboard, Output};
use std::io::Write;

/// The terminal as the user sees it.
pub struct Terminal {
    interactive: bool,
    /// The buttons of the last message, in printed order.
    buttons: Vec<Button>,
    /// The last message takes a typed answer: its buttons are lettered
    /// (`a)`, `b)`) so that a typed number stays an answer.
    lettered: bool,
}

impl Terminal {
    pub fn new(interactive: bool) -> Terminal {
        Terminal {
            interactive,
            buttons: Vec::new(),
            lettered: false,
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
                Output::Message {
                    text,
                    keyboard,
                    typed_answer,
                } => self.print_message(&mut out, text, keyboard, *typed_answer),
                // A toggle list changed: print it again with its buttons.
                Output::ReplacePressed { text, keyboard } if !keyboard.is_empty() => {
                    self.print_message(&mut out, text, keyboard, true)
                }
                // The answer the user just chose: echo it, as the edited
                // question does on Telegram.
                Output::ReplacePressed { text, .. } => {
                    if let Some(answer) = text.to_plain().lines().last() {
                        out.push_str(&format!("{answer}\n"));
                    }
                }
                // A letter: printed whole, to copy, between rules.
                Output::Document {
                    file_name,
                    contents,
                    caption,
                } => {
                    let rule = "-".repeat(60);
                    out.push_str(&format!(
                        "\n{}\n{rule} {file_name}\n{contents}\n{rule}\n",
                        caption.to_plain()
                    ));
                }
            }
        }
        print!("{out}");
        let _ = std::io::stdout().flush();
    }

    /// A message and its numbered (or lettered) buttons, which typed
    /// numbers (or letters) now refer to.
    fn print_message(&mut self, out: &mut String, text: &Html, keyboard: &Keyboard, typed_answer: bool) {
        out.push('\n');
        out.push_str(&text.to_plain());
        out.push('\n');
        self.buttons = keyboard.iter().flatten().cloned().collect();
        self.lettered = typed_answer;
        for (index, button) in self.buttons.iter().enumerate() {
            out.push_str(&format!("  {}) {}\n", self.marker(index), button.label));
        }
    }

    /// How the button at `index` is picked: `1`, `2`... or `a`, `b`...
    fn marker(&self, index: usize) -> String {
        match (self.lettered, u8::try_from(index)) {
            (true, Ok(i)) if i < 26 => char::from(b'a' + i).to_string(),
            _ => (index + 1).to_string(),
        }
    }

    /// Asks for the next line when a person is typing.
    pub fn prompt(&self) {
        if self.interactive {
            print!("> ");
            let _ = std::io::stdout().flush();
        }
    }

    /// Turns a typed line into an input: a button's number (or letter)
    /// presses it.
    pub fn input_for(&self, typed: &str) -> Input {
        let button = (0..self.buttons.len())
            .find(|&i| self.marker(i).eq_ignore_ascii_case(typed))
            .map(|i| self.buttons[i].data.as_str());
        typed_input(typed, button)
    }
}
