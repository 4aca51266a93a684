//! Showing the conversation's outputs on Telegram, and what to do when
//! Telegram refuses.

use super::outbox::Outbox;
use crate::conversation::Output;
use crate::engine::Engine;
use crate::metrics::ReplyFailure;
use teloxide::prelude::*;
use teloxide::types::MessageId;
use teloxide::{ApiError, RequestError};

/// Sends outputs in order. `pressed` is the message whose button was
/// pressed (the one a `ReplacePressed` edits).
pub async fn deliver(outbox: &Outbox, engine: &Engine, chat: ChatId, outputs: Vec<Output>, pressed: Option<MessageId>) {
    for output in outputs {
        let result = match output {
            Output::Message { text, keyboard, .. } => outbox.send(chat, text.as_str(), &keyboard).await,
            Output::Document {
                file_name,
                contents,
                caption,
            } => {
                outbox
                    .send_document(chat, &file_name, &contents, caption.as_str())
                    .await
            }
            Output::ReplacePressed { text, keyboard } => match pressed {
                Some(message) => outbox.edit(chat, message, text.as_str(), &keyboard).await,
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

/// Why a reply failed, for `/metrics`; `None` for an edit that changed
/// nothing or whose message is gone (the conversation goes on).
fn failure_reason(error: &RequestError) -> Option<ReplyFailure> {
    Some(match error {
        error if is_gone(error) => ReplyFailure::Blocked,
        RequestError::Api(
            ApiError::MessageNotModified | ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited,
        ) => return None,
        RequestError::RetryAfter(_) => ReplyFailure::RateLimited,
        RequestError::Network(_) => ReplyFailure::Network,
        RequestError::Api(_) => ReplyFailure::Refused,
        _ => ReplyFailure::Other,
    })
}

/// Logs one clear line for a failed call and reacts to it. Returns whether
/// the remaining outputs should still be sent.
async fn handle_error(engine: &Engine, chat: ChatId, error: &RequestError) -> bool {
    if let Some(reason) = failure_reason(error) {
        engine.metrics().reply_failed(reason);
    }
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
            if let Err(e) = engine.mark_screen_lost(chat.0).await {
                log::error!("chat {chat}: could not note the lost message: {e}");
            }
            true
        }
    }
}
