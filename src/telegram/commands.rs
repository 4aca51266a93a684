//! The bot's commands as Telegram knows them: read with the conversation's
//! one [`Command`] parser (which also knows `/cmd@botname`), and registered
//! with `setMyCommands` so Telegram shows them in its menu, described in the
//! words of `dialogues/`. A command is declared once, in
//! `conversation/input.rs`; nothing here lists them again.

use super::TgBot;
use crate::content::{keys, Content, Lang, Languages};
use crate::conversation::Command;
use teloxide::prelude::*;

/// The one command enum, under the name the Telegram shell used to give its twin.
pub use crate::conversation::Command as BotCommand;

/// Reads a message text as a command: `None` when it is not one. A command
/// addressed to another bot (`/start@otherbot`) is [`Command::Unknown`], and
/// so is a bare `/` (Telegram's menu sends nothing else that way).
pub fn parse(text: &str, bot_username: &str) -> Option<Command> {
    Command::parse_for(text, Some(bot_username))
        .or_else(|| text.trim_start().starts_with('/').then_some(Command::Unknown))
}

/// The menu Telegram shows, in the conversation's order.
pub fn menu(content: &Content) -> Vec<teloxide::types::BotCommand> {
    Command::LISTED
        .into_iter()
        .map(|command| teloxide::types::BotCommand::new(command.name(), content.plain(command.description())))
        .collect()
}

/// Registers the command menu, English for everyone and each other
/// language for devices set to it; a failure is logged, not fatal.
pub async fn register(bot: &TgBot, languages: &Languages) {
    for lang in Lang::ALL.into_iter().filter(|lang| languages.has(*lang)) {
        let commands = menu(&languages.get(lang).content);
        let request = match lang {
            Lang::En => bot.set_my_commands(commands),
            other => bot.set_my_commands(commands).language_code(other.code()),
        };
        if let Err(e) = request.await {
            log::warn!("could not register the {} command menu: {e}", lang.code());
        }
    }
}

/// Telegram's limits on the profile's texts, in characters.
const DESCRIPTION_LIMIT: usize = 512;
const SHORT_DESCRIPTION_LIMIT: usize = 120;

/// The profile's description and short description in a language, cut to
/// Telegram's limits (the copy is checked to fit, see the tests).
pub fn profile(content: &Content) -> (String, String) {
    let cut = |text: String, limit: usize| text.chars().take(limit).collect::<String>();
    (
        cut(content.plain(keys::SHELL_PROFILE_DESCRIPTION), DESCRIPTION_LIMIT),
        cut(
            content.plain(keys::SHELL_PROFILE_SHORT_DESCRIPTION),
            SHORT_DESCRIPTION_LIMIT,
        ),
    )
}

/// Sets the bot's profile (`setMyDescription`, `setMyShortDescription`)
/// from `dialogues/`, English for everyone and each other language for
/// devices set to it; a failure is logged, not fatal.
pub async fn register_profile(bot: &TgBot, languages: &Languages) {
    for lang in Lang::ALL.into_iter().filter(|lang| languages.has(*lang)) {
        let (description, short) = profile(&languages.get(lang).content);
        let mut long_request = bot.set_my_description().description(description);
        let mut short_request = bot.set_my_short_description().short_description(short);
        if lang != Lang::En {
            long_request = long_request.language_code(lang.code());
            short_request = short_request.language_code(lang.code());
        }
        if let Err(e) = long_request.await {
            log::warn!("could not set the {} profile description: {e}", lang.code());
        }
        if let Err(e) = short_request.await {
            log::warn!("could not set the {} short description: {e}", lang.code());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_with_and_without_the_bot_name() {
        assert_eq!(parse("/start", "billcoach_bot"), Some(Command::Start));
        assert_eq!(parse("/back@billcoach_bot", "billcoach_bot"), Some(Command::Back));
        assert_eq!(parse("/nope", "billcoach_bot"), Some(Command::Unknown));
        assert_eq!(parse("/Start", "billcoach_bot"), Some(Command::Start));
        assert_eq!(parse("/HELP@Billcoach_Bot", "billcoach_bot"), Some(Command::Help));
        assert_eq!(parse("/help@other_bot", "billcoach_bot"), Some(Command::Unknown));
        assert_eq!(parse("/", "billcoach_bot"), Some(Command::Unknown));
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

    #[test]
    fn the_profile_fits_telegrams_limits_and_says_how_to_erase() {
        let content = Content::embedded().unwrap();
        let (description, short) = profile(&content);
        let (full, full_short) = (
            content.plain(keys::SHELL_PROFILE_DESCRIPTION),
            content.plain(keys::SHELL_PROFILE_SHORT_DESCRIPTION),
        );
        assert!(full.chars().count() <= DESCRIPTION_LIMIT, "{}", full.chars().count());
        assert!(
            full_short.chars().count() <= SHORT_DESCRIPTION_LIMIT,
            "{}",
            full_short.chars().count()
        );
        assert_eq!(
            (description.as_str(), short.as_str()),
            (full.as_str(), full_short.as_str())
        );
        assert!(description.contains("/delete") && short.contains("/delete"));
    }
}
