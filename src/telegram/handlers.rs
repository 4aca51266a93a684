//! Updates in, inputs to the engine, outputs back out. Updates from one
//! chat arrive here one at a time, in order (teloxide's default
//! distribution by chat), while different chats run concurrently.

use super::commands;
use super::deliver::deliver;
use super::inbox::Handled;
use super::TgBot;
use crate::content::keys;
use crate::conversation::{Input, Output};
use crate::domain::upload;
use crate::engine::Engine;
use std::sync::Arc;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{Document, Me, MessageId, ParseMode};

/// Handler errors are logged by the dispatcher; ours never carry user text.
type HandlerResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// A message from a user: text, a command, or something unreadable.
pub async fn on_message(bot: TgBot, msg: Message, update: Update, me: Me, engine: Arc<Engine>) -> HandlerResult {
    let _handled = Handled::new(&engine, &update);
    if !msg.chat.is_private() {
        return refuse_group(&bot, &engine, msg.chat.id).await;
    }
    let input = match (msg.text(), msg.document()) {
        (Some(text), _) => match commands::parse(text, me.username()) {
            Some(command) => Input::Command(command),
            None => Input::Text(text.to_string()),
        },
        (None, Some(document)) => match document_input(&bot, document).await {
            Some(input) => input,
            None => {
                let sorry = Output::line(engine.content().text(keys::TELEGRAM_SOMETHING_WENT_WRONG));
                deliver(&bot, &engine, msg.chat.id, vec![sorry], None).await;
                return Ok(());
            }
        },
        (None, None) => Input::Unsupported,
    };
    run(&bot, &engine, msg.chat.id, input, update.id.0, None).await;
    Ok(())
}

/// An uploaded file as input: refused before downloading when it is not a
/// small text file; `None` when the download failed (logged).
async fn document_input(bot: &TgBot, document: &Document) -> Option<Input> {
    let mime = document.mime_type.as_ref().map(|m| m.essence_str());
    let name = document.file_name.clone().unwrap_or_default();
    if let Err(problem) = upload::check_upload(Some(&name), mime, u64::from(document.file.size)) {
        return Some(Input::FileRefused(problem));
    }
    let file = match bot.get_file(document.file.id.clone()).await {
        Ok(file) => file,
        Err(e) => {
            log::warn!("getFile failed: {e}");
            return None;
        }
    };
    let mut bytes: Vec<u8> = Vec::new();
    if let Err(e) = bot.download_file(&file.path, &mut bytes).await {
        log::warn!("file download failed: {e}");
        return None;
    }
    Some(match upload::decode_upload(&bytes) {
        Ok(text) => Input::File { name, text },
        Err(problem) => Input::FileRefused(problem),
    })
}

/// A button press. Always answered, so the user's spinner stops.
pub async fn on_callback(bot: TgBot, query: CallbackQuery, update: Update, engine: Arc<Engine>) -> HandlerResult {
    let _handled = Handled::new(&engine, &update);
    if let Err(e) = bot.answer_callback_query(query.id.clone()).await {
        log::debug!("callback answer failed (the query may be too old): {e}");
    }
    // The bot sends no inline-mode messages, so a press without a message
    // is not ours; running it would race the chat's own updates.
    let Some(message) = &query.message else {
        log::info!("a button press without a message, ignored");
        return Ok(());
    };
    let (chat, pressed) = (message.chat().id, Some(message.id()));
    if !chat.is_user() {
        return Ok(());
    }
    let input = match query.data {
        Some(data) => Input::Button(data),
        None => Input::Unsupported,
    };
    run(&bot, &engine, chat, input, update.id.0, pressed).await;
    Ok(())
}

/// Applies one input and shows the result; a storage failure gets an
/// apology instead of silence.
async fn run(bot: &TgBot, engine: &Engine, chat: ChatId, input: Input, update_id: u32, pressed: Option<MessageId>) {
    match engine.handle(chat.0, input, Some(update_id)).await {
        Ok(outputs) => deliver(bot, engine, chat, outputs, pressed).await,
        Err(e) => {
            log::error!("chat {chat}: update {update_id} not applied: {e}");
            let sorry = Output::line(engine.content().text(keys::TELEGRAM_SOMETHING_WENT_WRONG));
            deliver(bot, engine, chat, vec![sorry], None).await;
        }
    }
}

/// The bot serves private chats only: a group is told once, then ignored.
async fn refuse_group(bot: &TgBot, engine: &Engine, chat: ChatId) -> HandlerResult {
    if engine.store().note_group_told(chat.0)? {
        log::info!("chat {chat}: group or channel, told it is private-only");
        let text = engine.content().text(keys::TELEGRAM_PRIVATE_ONLY);
        if let Err(e) = bot
            .send_message(chat, text.into_string())
            .parse_mode(ParseMode::Html)
            .await
        {
            log::warn!("chat {chat}: could not tell the group: {e}");
        }
    }
    Ok(())
}
