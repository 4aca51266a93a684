//! Sends reminders on Telegram for the scheduler, through the same outbox
//! as the conversation: each reminder takes a turn from the bulk budget
//! (about thirty a second in all) and from its chat's budget, so a pile
//! of due reminders never crowds out the conversations.

use super::deliver::is_gone;
use super::outbox::Outbox;
use crate::conversation::Output;
use crate::engine::SendResult;
use crate::reminders::Notifier;
use teloxide::types::ChatId;
use teloxide::RequestError;

/// The Telegram notifier.
pub struct TelegramNotifier {
    outbox: Outbox,
}

impl TelegramNotifier {
    pub fn new(outbox: Outbox) -> TelegramNotifier {
        TelegramNotifier { outbox }
    }
}

impl Notifier for TelegramNotifier {
    async fn notify(&self, chat: i64, output: Output) -> SendResult {
        let Output::Message { text, keyboard, .. } = output else {
            log::error!("chat {chat}: a reminder is not a message; not sent");
            return SendResult::Failed;
        };
        self.outbox.bulk_turn().await;
        match self.outbox.send(ChatId(chat), text.as_str(), &keyboard).await {
            Ok(()) => SendResult::Delivered,
            Err(error) if is_gone(&error) => SendResult::Blocked,
            Err(error) => {
                log::warn!("chat {chat}: reminder not sent: {}", kind_of(&error));
                SendResult::Failed
            }
        }
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
