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
    /// The buttons on screen, each with how it is picked (`1`, `2`... or
    /// `a`, `b`...): every button of the last outputs that had any, numbered
    /// on across messages so that each number picks one button. A message
    /// that takes a typed answer letters its buttons, so that a typed
    /// number stays an answer.
    buttons: Vec<(String, Button)>,
}

impl Terminal {
    pub fn new(interactive: bool) -> Terminal {
        Terminal {
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
        // New buttons replace the ones on screen; a line without any (a
        // pointer back to the question above) leaves them working.
        let has_buttons = outputs.iter().any(|output| match output {
            Output::Message { keyboard, .. } | Output::ReplacePressed { keyboard, .. } => !keyboard.is_empty(),
            Output::Document { .. } => false,
        });
        if has_buttons {
            self.buttons.clear();
        }
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
    /// numbers (or letters) now refer to, after those of the messages
    /// before it.
    fn print_message(&mut self, out: &mut String, text: &Html, keyboard: &Keyboard, typed_answer: bool) {
        out.push('\n');
        out.push_str(&text.to_plain());
        out.push('\n');
        for button in keyboard.iter().flatten() {
            let marker = self.next_marker(typed_answer);
            out.push_str(&format!("  {marker}) {}\n", button.label));
            self.buttons.push((marker, button.clone()));
        }
    }

    /// How the next button is picked: the next number, or the next letter
    /// (numbers past `z`).
    fn next_marker(&self, lettered: bool) -> String {
        let is_letter = |marker: &str| marker.bytes().all(|b| b.is_ascii_lowercase());
        if lettered {
            let letters = self.buttons.iter().filter(|(m, _)| is_letter(m)).count();
            if let Ok(i) = u8::try_from(letters) {
                if i < 26 {
                    return char::from(b'a' + i).to_string();
                }
            }
        }
        let numbers = self.buttons.iter().filter(|(m, _)| !is_letter(m)).count();
        (numbers + 1).to_string()
    }

    /// Asks for the next line when a person is typing.
    pub fn prompt(&self) {
        if self.interactive {
            print!("> ");
            let _ = std::io::stdout().flush();
        }
    }

    /// Turns a typed line into an input: a button's number (or letter),
    /// or its words, press it.
    pub fn input_for(&self, typed: &str) -> Input {
        let button = self
            .buttons
            .iter()
            .find(|(marker, _)| marker.eq_ignore_ascii_case(typed))
            .or_else(|| self.buttons.iter().find(|(_, button)| same_words(&button.label, typed)))
            .map(|(_, button)| button.data.as_str());
        typed_input(typed, button)
    }
}

/// A typed line that is a button's label, ignoring case, spacing and the
/// signpost emoji in front ("note this call" for "📞 Note this call").
fn same_words(label: &str, typed: &str) -> bool {
    let words = |text: &str| -> String {
        text.split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let label = words(label);
    !label.is_empty() && label == words(typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn button(label: &str, data: &str) -> Button {
        Button {
            label: label.to_string(),
            data: data.to_string(),
        }
    }

    fn message(keyboard: Keyboard, typed_answer: bool) -> Output {
        Output::Message {
            text: Html::trusted("text".to_string()),
            keyboard,
            typed_answer,
        }
    }

    fn pressed(terminal: &Terminal, typed: &str) -> Option<String> {
        match terminal.input_for(typed) {
            Input::Button(data) => Some(data),
            _ => None,
        }
    }

    #[test]
    fn every_button_of_several_messages_has_its_own_number() {
        let mut terminal = Terminal::new(false);
        terminal.show(&[
            message(vec![vec![button("📞 Note this call", "call:start")]], false),
            message(
                vec![vec![button("Hospital", "script:hospital"), button("Back", "leave")]],
                false,
            ),
        ]);
        assert_eq!(pressed(&terminal, "1").as_deref(), Some("call:start"));
        assert_eq!(pressed(&terminal, "2").as_deref(), Some("script:hospital"));
        assert_eq!(pressed(&terminal, "3").as_deref(), Some("leave"));
        assert_eq!(pressed(&terminal, "4"), None);
    }

    #[test]
    fn a_typed_label_presses_its_button() {
        let mut terminal = Terminal::new(false);
        terminal.show(&[message(vec![vec![button("📞 Note this call", "call:start")]], false)]);
        assert_eq!(pressed(&terminal, "note this call").as_deref(), Some("call:start"));
        assert_eq!(pressed(&terminal, "Note  this call").as_deref(), Some("call:start"));
        assert_eq!(pressed(&terminal, "note"), None);
    }

    #[test]
    fn typed_answer_buttons_are_lettered_and_a_number_stays_an_answer() {
        let mut terminal = Terminal::new(false);
        terminal.show(&[message(vec![vec![button("Not sure", "answer:x:not_sure")]], true)]);
        assert_eq!(pressed(&terminal, "a").as_deref(), Some("answer:x:not_sure"));
        assert_eq!(terminal.input_for("1"), Input::Text("1".to_string()));
    }

    #[test]
    fn a_line_without_buttons_leaves_the_buttons_above_working() {
        let mut terminal = Terminal::new(false);
        terminal.show(&[message(vec![vec![button("Hospital", "answer:sender:hospital")]], false)]);
        terminal.show(&[message(Vec::new(), false)]);
        assert_eq!(pressed(&terminal, "1").as_deref(), Some("answer:sender:hospital"));
    }
}
