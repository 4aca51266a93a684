//! The bot's commands as Telegram knows them: declared with `BotCommands`
//! (which parses `/cmd@botname`), mapped to the conversation's commands,
//! and registered with `setMyCommands` so Telegram shows them in its menu,
//! described in the words of `dialogues/`.

use super::TgBot;
use crate::content::{keys, Content};
use crate::conversation::Command;
use teloxide::prelude::*;
use teloxide::utils::command::BotCommands;

/// Commands as Telegram parses them.
#[derive(BotCommands, Clone, Copy, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum BotCommand {
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
}

impl From<BotCommand> for Command {
    fn from(command: BotCommand) -> Command {
        match command {
            BotCommand::Start => Command::Start,
            BotCommand::Help => Command::Help,
            BotCommand::Back => Command::Back,
            BotCommand::Cancel => Command::Cancel,
            BotCommand::Skip => Command::Skip,
            BotCommand::New => Command::New,
            BotCommand::Bills => Command::Bills,
            BotCommand::Script => Command::Script,
            BotCommand::Letter => Command::Letter,
            BotCommand::Call => Command::Call,
            BotCommand::Remind => Command::Remind,
            BotCommand::Reminders => Command::Reminders,
            BotCommand::Paid => Command::Paid,
            BotCommand::Faq => Command::Faq,
            BotCommand::Export => Command::Export,
            BotCommand::Delete => Command::Delete,
        }
    }
}

/// Reads a message text as a command: `None` when it is not one.
pub fn parse(text: &str, bot_username: &str) -> Option<Command> {
    // "/Start" typed with a capital (phones do that) is still /start.
    let text = match text.split_once(char::is_whitespace) {
        Some((word, rest)) => format!("{} {rest}", word.to_lowercase()),
        None => text.to_lowercase(),
    };
    match BotCommand::parse(&text, &bot_username.to_lowercase()) {
        Ok(command) => Some(command.into()),
        // "/something" we do not know (or a command for another bot).
        Err(_) if text.trim_start().starts_with('/') => Some(Command::Unknown),
        Err(_) => None,
    }
}

/// The menu Telegram shows, in the conversation's order.
pub fn menu(content: &Content) -> Vec<teloxide::types::BotCommand> {
    Command::LISTED
        .into_iter()
        .map(|command| {
            let description = match command {
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
                Command::Delete | Command::Unknown => keys::COMMAND_DELETE,
            };
            teloxide::types::BotCommand::new(command.name(), content.plain(description))
        })
        .collect()
}

/// Registers the command menu; a failure is logged, not fatal.
pub async fn register(bot: &TgBot, content: &Content) {
    if let Err(e) = bot.set_my_commands(menu(content)).await {
        log::warn!("could not register the command menu: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_and_the_conversation_know_the_same_commands() {
        let declared: Vec<String> = BotCommand::bot_commands()
            .into_iter()
            .map(|c| c.command.trim_start_matches('/').to_string())
            .collect();
        let listed: Vec<String> = Command::LISTED.iter().map(|c| c.name().to_string()).collect();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort();
        assert_eq!(declared_sorted, listed_sorted);
    }

    #[test]
    fn commands_parse_with_and_without_the_bot_name() {
        assert_eq!(parse("/start", "billcoach_bot"), Some(Command::Start));
        assert_eq!(parse("/back@billcoach_bot", "billcoach_bot"), Some(Command::Back));
        assert_eq!(parse("/nope", "billcoach_bot"), Some(Command::Unknown));
        assert_eq!(parse("/Start", "billcoach_bot"), Some(Command::Start));
        assert_eq!(parse("/HELP@Billcoach_Bot", "billcoach_bot"), Some(Command::Help));
        assert_eq!(parse("$1,234", "billcoach_bot"), None);
    }

    #[test]
    fn the_menu_has_a_description_for_every_command() {
        let content = Content::embedded().unwrap();
        let menu = menu(&content);
        assert_eq!(menu.len(), Command::LISTED.len());
        assert!(menu
            .iter()
            .all(|c| !c.description.is_empty() && c.description.len() <= 256));
    }
}
