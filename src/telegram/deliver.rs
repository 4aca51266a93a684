//! Showing the conversation's outputs on Telegram, and what to do when
//! Telegram refuses.

use super::split::{split_text, MESSAGE_LIMIT};
use super::TgBot;
use crate::conversation::{Keyboard, Output};
use crate::engine::Engine;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode};

/// Telegram's limit for a document's caption.
const CAPTION_LIMIT: usize = 1024;
use teloxide::{ApiError, RequestError};

/// Sends outputs in order. `pressed` is the message whose button was
/// pressed (the one a `ReplacePressed` edits).
pub async fn deliver(bot: &TgBot, engine: &Engine, chat: ChatId, outputs: Vec<Output>, pressed: Option<MessageId>) {
    for output in outputs {
        let result = match output {
            Output::Message { text, keyboard, .. } => send(bot, chat, text.as_str(), &keyboard).await,
            Output::Document {
                file_name,
                contents,
                caption,
            } => send_document(bot, chat, file_name, contents, caption.as_str()).await,
            Output::ReplacePressed { text, keyboard } => match pressed {
                Some(message) => edit(bot, chat, message, text.as_str(), &keyboard).await,
                None => Ok(()),
            },
        };
        if let Err(error) = result {
            if !handle_error(engine, chat, &error).await {
                return;
            }
        }
    }
}

pub(super) async fn send(bot: &TgBot, chat: ChatId, html: &str, keyboard: &Keyboard) -> Result<(), RequestError> {
    let chunks = split_text(html, MESSAGE_LIMIT);
    let last = chunks.len().saturating_sub(1);
    for (i, chunk) in chunks.into_iter().enumerate() {
        let request = bot.send_message(chat, chunk).parse_mode(ParseMode::Html);
        if i == last && !keyboard.is_empty() {
            request.reply_markup(markup(keyboard)).await?;
        } else {
            request.await?;
        }
    }
    Ok(())
}

/// Sends a text file (a letter) with a caption.
async fn send_document(
    bot: &TgBot,
    chat: ChatId,
    file_name: String,
    contents: String,
    caption: &str,
) -> Result<(), RequestError> {
    let file = InputFile::memory(contents.into_bytes()).file_name(file_name);
    let caption = split_text(caption, CAPTION_LIMIT)
        .into_iter()
        .next()
        .unwrap_or_default();
    bot.send_document(chat, file)
        .caption(caption)
        .parse_mode(ParseMode::Html)
        .await?;
    Ok(())
}

/// Edits the pressed message; without a keyboard its buttons disappear.
async fn edit(
    bot: &TgBot,
    chat: ChatId,
    message: MessageId,
    html: &str,
    keyboard: &Keyboard,
) -> Result<(), RequestError> {
    // An edited message is short; a long one keeps its first part.
    let text = split_text(html, MESSAGE_LIMIT).into_iter().next().unwrap_or_default();
    let request = bot.edit_message_text(chat, message, text).parse_mode(ParseMode::Html);
    if keyboard.is_empty() {
        request.await?;
    } else {
        request.reply_markup(markup(keyboard)).await?;
    }
    Ok(())
}

fn markup(keyboard: &Keyboard) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(keyboard.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}

/// Telegram says the chat cannot be written to any more: the user blocked
/// the bot, deleted their account, or the chat is gone.
pub(super) fn is_gone(error: &RequestError) -> bool {
    matches!(
        error,
        RequestError::Api(
            ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::BotKicked | ApiError::ChatNotFound
        )
    )
}

/// Logs one clear line for a failed call and reacts to it. Returns whether
/// the remaining outputs should still be sent.
async fn handle_error(engine: &Engine, chat: ChatId, error: &RequestError) -> bool {
    match error {
        error if is_gone(error) => {
            log::info!("chat {chat}: the user blocked the bot or is gone; marked blocked");
            if let Err(e) = engine.mark_blocked(chat.0).await {
                log::error!("chat {chat}: could not mark blocked: {e}");
            }
            false
        }
        // The edit would not change anything, or the message is gone: the
        // conversation goes on with the next output.
        RequestError::Api(
            ApiError::MessageNotModified | ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited,
        ) => {
            log::debug!("chat {chat}: edit skipped: {error}");
            true
        }
        _ => {
            log::warn!("chat {chat}: Telegram call failed: {error}");
            true
        }
    }
}
