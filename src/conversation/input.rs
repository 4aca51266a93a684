//! What a user can send: a command, typed text, a button press, a file.

use crate::content::{keys, Key};
use crate::domain::upload::FileProblem;

/// One thing the user did, as every front end reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `/command`.
    Command(Command),
    /// Any other typed text.
    Text(String),
    /// A button press, with the button's data.
    Button(String),
    /// An uploaded file's text (already checked and downloaded).
    File { name: String, text: String },
    /// Text read by OCR from a photo or a scanned PDF: like a file, but a
    /// character may be misread, so the user is asked to check it.
    Scan { name: String, text: String },
    /// An uploaded file the bot will not read.
    FileRefused(FileProblem),
    /// Something the bot cannot read (a sticker, a photo, a voice note).
    Unsupported,
    /// Show where the user is (a front end starting up).
    Resume,
}

/// The commands the bot understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Start,
    Help,
    Back,
    Cancel,
    Skip,
    New,
    Bills,
    Script,
    Letter,
    Call,
    Remind,
    Reminders,
    Paid,
    Faq,
    Export,
    Delete,
    /// Choose the language (`/idioma` too).
    Language,
    /// A `/word` the bot does not know.
    Unknown,
}

impl Command {
    /// The commands shown in menus, in order.
    pub const LISTED: [Command; 17] = [
        Command::Start,
        Command::Back,
        Command::Skip,
        Command::Cancel,
        Command::New,
        Command::Bills,
        Command::Script,
        Command::Letter,
        Command::Call,
        Command::Remind,
        Command::Reminders,
        Command::Paid,
        Command::Faq,
        Command::Export,
        Command::Delete,
        Command::Language,
        Command::Help,
    ];

    /// The command's name without the slash.
    pub fn name(self) -> &'static str {
        match self {
            Command::Start => "start",
            Command::Help => "help",
            Command::Back => "back",
            Command::Cancel => "cancel",
            Command::Skip => "skip",
            Command::New => "new",
            Command::Bills => "bills",
            Command::Script => "script",
            Command::Letter => "letter",
            Command::Call => "call",
            Command::Remind => "remind",
            Command::Reminders => "reminders",
            Command::Paid => "paid",
            Command::Faq => "faq",
            Command::Export => "export",
            Command::Delete => "delete",
            Command::Language => "language",
            Command::Unknown => "unknown",
        }
    }

    /// The line of `dialogues/` that describes the command in menus.
    pub fn description(self) -> Key {
        match self {
            Command::Start => keys::COMMAND_START,
            Command::Help => keys::COMMAND_HELP,
            Command::Back => keys::COMMAND_BACK,
            Command::Cancel => keys::COMMAND_CANCEL,
            Command::Skip => keys::COMMAND_SKIP,
            Command::New => keys::COMMAND_NEW,
            Command::Bills => keys::COMMAND_BILLS,
            Command::Script => keys::COMMAND_SCRIPT,
            Command::Letter => keys::COMMAND_LETTER,
            Command::Call => keys::COMMAND_CALL,
            Command::Remind => keys::COMMAND_REMIND,
            Command::Reminders => keys::COMMAND_REMINDERS,
            Command::Paid => keys::COMMAND_PAID,
            Command::Faq => keys::COMMAND_FAQ,
            Command::Export => keys::COMMAND_EXPORT,
            Command::Language => keys::COMMAND_LANGUAGE,
            Command::Delete | Command::Unknown => keys::COMMAND_DELETE,
        }
    }

    /// Reads `/name`, `/name@botname` or `/name argument`; `None` when the
    /// text is not a command at all.
    pub fn parse(text: &str) -> Option<Command> {
        Command::parse_for(text, None)
    }

    /// [`Command::parse`] for a front end that knows its own name: a
    /// `/name@otherbot` is meant for another bot and reads as
    /// [`Command::Unknown`]. Both front ends read commands through here.
    pub fn parse_for(text: &str, bot_username: Option<&str>) -> Option<Command> {
        let word = text.trim().strip_prefix('/')?.split_whitespace().next()?;
        let (name, addressed) = match word.split_once('@') {
            Some((name, to)) => (name, Some(to)),
            None => (word, None),
        };
        let name = match name.to_ascii_lowercase() {
            // Spanish speakers look for /idioma.
            idioma if idioma == "idioma" => Command::Language.name().to_string(),
            name => name,
        };
        if name.is_empty() {
            return None;
        }
        if let (Some(to), Some(me)) = (addressed, bot_username) {
            if !to.eq_ignore_ascii_case(me) {
                return Some(Command::Unknown);
            }
        }
        Some(
            Command::LISTED
                .into_iter()
                .find(|c| c.name() == name)
                .unwrap_or(Command::Unknown),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_commands_as_people_and_telegram_send_them() {
        assert_eq!(Command::parse("/start"), Some(Command::Start));
        assert_eq!(Command::parse(" /Back "), Some(Command::Back));
        assert_eq!(Command::parse("/cancel@billcoach_bot"), Some(Command::Cancel));
        assert_eq!(Command::parse("/help me"), Some(Command::Help));
        assert_eq!(Command::parse("/frobnicate"), Some(Command::Unknown));
        assert_eq!(Command::parse("hello"), None);
        assert_eq!(Command::parse("/"), None);
    }
}
