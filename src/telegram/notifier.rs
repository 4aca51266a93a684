//! Sends reminders on Telegram for the scheduler, through the same
//! throttled bot as the conversation (so the rate limits hold for both).

use super::deliver::{is_gone, send};
use super::TgBot;
use crate::conversation::Output;
use crate::engine::SendResult;
use crate::reminders::Notifier;
use teloxide::types::ChatId;
use teloxide::RequestError;

/// How many times a 429 "retry after" is waited out before the send counts
/// as failed (and the scheduler tries again later). The Throttle adaptor
/// retries 429s itself, so this only matters if one comes back anyway.
const RETRY_AFTER_TRIES: usize = 3;

/// The Telegram notifier.
pub struct TelegramNotifier {
    bot: TgBot,
}

impl TelegramNotifier {
    pub fn new(bot: TgBot) -> TelegramNotifier {
        TelegramNotifier { bot }
    }
}

impl Notifier for TelegramNotifier {
    async fn notify(&self, chat: i64, output: Output) -> SendResult {
        let Output::Message { text, keyboard, .. } = output else {
            log::error!("chat {chat}: a reminder is not a message; not sent");
            return SendResult::Failed;
        };
        for _ in 0..RETRY_AFTER_TRIES {
            match send(&self.bot, ChatId(chat), text.as_str(), &keyboard).await {
                Ok(()) => return SendResult::Delivered,
                Err(RequestError::RetryAfter(wait)) => {
                    log::info!("chat {chat}: Telegram asks to wait {}s before sending", wait.seconds());
                    tokio::time::sleep(wait.duration()).await;
                }
                Err(error) if is_gone(&error) => return SendResult::Blocked,
                Err(error) => {
                    log::warn!("chat {chat}: reminder not sent: {}", kind_of(&error));
                    return SendResult::Failed;
                }
            }
        }
        SendResult::Failed
    }
}

/// What went wrong, in words that never quote the message.
fn kind_of(error: &RequestError) -> &'static str {
    match error {
        RequestError::Network(e) if e.is_timeout() => "timed out",
        RequestError::Network(_) => "network error",
        RequestError::Api(_) => "Telegram refused it",
        RequestError::RetryAfter(_) => "rate limited",
        RequestError::MigrateToChatId(_) => "the chat moved",
        RequestError::InvalidJson { .. } => "unreadable answer from Telegram",
        RequestError::Io(_) => "I/O error",
    }
}
