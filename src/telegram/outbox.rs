//! Every call that shows something in a chat goes through here: it goes
//! out at once while the chat is under its budget ([`Pacer`]), waits just
//! as long as the budget asks otherwise, and a 429 is waited out by that
//! chat alone, then tried again.

use super::pace::Pacer;
use super::split::{split_text, MESSAGE_LIMIT};
use crate::conversation::Keyboard;
use std::future::Future;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode};
use teloxide::RequestError;

/// Telegram's limit for a document's caption.
const CAPTION_LIMIT: usize = 1024;

/// How many times one call waits out a 429 before it counts as failed.
const RETRY_AFTER_TRIES: usize = 3;

/// The Bot API client with the budgets its messages are paced by.
#[derive(Clone)]
pub struct Outbox {
    bot: Bot,
    pacer: Arc<Pacer>,
}

impl Outbox {
    pub fn new(bot: Bot, pacer: Arc<Pacer>) -> Outbox {
        Outbox { bot, pacer }
    }

    /// The client, for calls that show nothing in a chat (answering a
    /// button press, fetching a file).
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// Waits for a turn in the bulk budget (reminders), before the send.
    pub async fn bulk_turn(&self) {
        self.pacer.bulk_turn().await;
    }

    /// Sends HTML, split into as many messages as Telegram's limit needs;
    /// the keyboard goes with the last one.
    pub async fn send(&self, chat: ChatId, html: &str, keyboard: &Keyboard) -> Result<(), RequestError> {
        let chunks = split_text(html, MESSAGE_LIMIT);
        let last = chunks.len().saturating_sub(1);
        for (i, chunk) in chunks.into_iter().enumerate() {
            let markup = (i == last && !keyboard.is_empty()).then(|| markup(keyboard));
            self.paced(chat, || {
                let request = self.bot.send_message(chat, chunk.clone()).parse_mode(ParseMode::Html);
                match markup.clone() {
                    Some(markup) => request.reply_markup(markup).send(),
                    None => request.send(),
                }
            })
            .await?;
        }
        Ok(())
    }

    /// Sends a text file (a letter) with a caption.
    pub async fn send_document(
        &self,
        chat: ChatId,
        file_name: &str,
        contents: &str,
        caption: &str,
    ) -> Result<(), RequestError> {
        let caption = split_text(caption, CAPTION_LIMIT)
            .into_iter()
            .next()
            .unwrap_or_default();
        self.paced(chat, || {
            let file = InputFile::memory(contents.as_bytes().to_vec()).file_name(file_name.to_string());
            self.bot
                .send_document(chat, file)
                .caption(caption.clone())
                .parse_mode(ParseMode::Html)
                .send()
        })
        .await?;
        Ok(())
    }

    /// Edits a message; without a keyboard its buttons disappear. An
    /// edited message is short; a long one keeps its first part.
    pub async fn edit(
        &self,
        chat: ChatId,
        message: MessageId,
        html: &str,
        keyboard: &Keyboard,
    ) -> Result<(), RequestError> {
        let text = split_text(html, MESSAGE_LIMIT).into_iter().next().unwrap_or_default();
        let markup = (!keyboard.is_empty()).then(|| markup(keyboard));
        self.paced(chat, || {
            let request = self
                .bot
                .edit_message_text(chat, message, text.clone())
                .parse_mode(ParseMode::Html);
            match markup.clone() {
                Some(markup) => request.reply_markup(markup).send(),
                None => request.send(),
            }
        })
        .await?;
        Ok(())
    }

    /// Makes one call in the chat's turn; a 429 pauses the chat for the
    /// time Telegram asks, then the call is made again.
    async fn paced<T, F, Fut>(&self, chat: ChatId, mut call: F) -> Result<T, RequestError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let mut waited = 0;
        loop {
            self.pacer.chat_turn(chat.0).await;
            match call().await {
                Err(RequestError::RetryAfter(wait)) if waited < RETRY_AFTER_TRIES => {
                    waited += 1;
                    log::info!(
                        "chat {chat}: Telegram asks to wait {}s (429); this chat waits, the others do not",
                        wait.seconds()
                    );
                    self.pacer.pause_chat(chat.0, wait.duration());
                }
                result => return result,
            }
        }
    }
}

fn markup(keyboard: &Keyboard) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(keyboard.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}
