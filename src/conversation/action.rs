//! What a button sends back when pressed, encoded in its callback data.
//!
//! The encoding is stored in keyboards already sent to users, so it must
//! stay readable across versions: add variants, never rename one.

use super::question::Question;

/// The main menu's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Review,
    Script,
    Reminders,
    Main,
}

/// A button press, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Menu(MenuItem),
    /// A choice answering a question.
    Answer {
        question: Question,
        choice: String,
    },
    /// Keep the answer already given to a question.
    Keep(Question),
    DeleteConfirmed,
    DeleteDeclined,
}

const MENU_ITEMS: [(MenuItem, &str); 4] = [
    (MenuItem::Review, "review"),
    (MenuItem::Script, "script"),
    (MenuItem::Reminders, "reminders"),
    (MenuItem::Main, "main"),
];

impl Action {
    /// The callback data for this action (at most 64 bytes, as Telegram
    /// requires).
    pub fn encode(&self) -> String {
        match self {
            Action::Menu(item) => {
                let name = MENU_ITEMS
                    .iter()
                    .find(|(i, _)| i == item)
                    .map(|(_, n)| *n)
                    .unwrap_or("main");
                format!("menu:{name}")
            }
            Action::Answer { question, choice } => format!("answer:{}:{choice}", question.id()),
            Action::Keep(question) => format!("keep:{}", question.id()),
            Action::DeleteConfirmed => "delete:yes".to_string(),
            Action::DeleteDeclined => "delete:no".to_string(),
        }
    }

    /// Decodes callback data; `None` for data this version does not know
    /// (an old keyboard, or a forged press).
    pub fn parse(data: &str) -> Option<Action> {
        let mut parts = data.splitn(3, ':');
        match (parts.next()?, parts.next(), parts.next()) {
            ("menu", Some(name), None) => MENU_ITEMS
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(i, _)| Action::Menu(*i)),
            ("answer", Some(question), Some(choice)) => Some(Action::Answer {
                question: Question::from_id(question)?,
                choice: choice.to_string(),
            }),
            ("keep", Some(question), None) => Question::from_id(question).map(Action::Keep),
            ("delete", Some("yes"), None) => Some(Action::DeleteConfirmed),
            ("delete", Some("no"), None) => Some(Action::DeleteDeclined),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_and_fits_telegram() {
        let mut actions = vec![
            Action::Keep(Question::AmountDue),
            Action::DeleteConfirmed,
            Action::DeleteDeclined,
        ];
        actions.extend(MENU_ITEMS.iter().map(|(i, _)| Action::Menu(*i)));
        for question in Question::ORDER {
            for (choice, _) in question.options() {
                actions.push(Action::Answer {
                    question,
                    choice: choice.to_string(),
                });
            }
        }
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= 64, "{data} is too long for Telegram");
            assert_eq!(Action::parse(&data), Some(action));
        }
    }

    #[test]
    fn unknown_data_is_refused() {
        for data in [
            "",
            "menu",
            "menu:nope",
            "answer:nope:x",
            "keep:",
            "delete:maybe",
            "x:y:z",
        ] {
            assert_eq!(Action::parse(data), None, "{data}");
        }
    }
}
