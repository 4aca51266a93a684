//! Updates in, inputs to the engine, outputs back out. Updates from one
//! chat arrive here one at a time, in order (its lane, [`super::lanes`]),
//! while different chats run concurrently.

use super::admin;
use super::commands;
use super::deliver::deliver;
use super::inbox::Handled;
use super::lanes::Work;
use super::outbox::Outbox;
use super::turns::{self, Turns};
use super::uploads::Uploads;
use crate::content::{keys, Fill, Lang};
use crate::conversation::{Input, Output};
use crate::engine::Engine;
use crate::metrics;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{Me, MessageId, UpdateKind};

/// Handler errors are logged by the dispatcher; ours never carry user text.
type HandlerResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// What every handler needs.
pub struct Served {
    pub outbox: Outbox,
    pub me: Me,
    pub engine: Arc<Engine>,
    pub uploads: Uploads,
    /// The operator's chat, where `/stats` works ([`super::admin`]).
    pub admin_chat: Option<i64>,
    /// When the bot started (for `/stats`).
    pub started: std::time::Instant,
    /// This instance's turns at chats' updates ([`super::turns`]).
    pub turns: Arc<Turns>,
}

/// Handles one piece of a chat's work from its lane: an update by its
/// kind, or the line saying updates were skipped.
pub async fn handle(served: &Served, chat: i64, work: Work<Update>) {
    let update = match work {
        Work::Update(update) => update,
        Work::Skipped(count) => {
            log::info!("chat {chat}: told {count} updates were skipped");
            let content = served.engine.content();
            let line = match count {
                1 => content.text(keys::SHELL_SLOW_DOWN_ONE),
                _ => content.render(keys::SHELL_SLOW_DOWN, &[("count", Fill::Text(&count.to_string()))]),
            };
            deliver(
                &served.outbox,
                &served.engine,
                ChatId(chat),
                vec![Output::line(line)],
                None,
            )
            .await;
            return;
        }
    };
    // One instance at a time handles a chat's updates, first kept first
    // (see `turns`); without the turn the update waits in the inbox.
    let id = update.id.0;
    let Some(_turn) = served.turns.take(chat) else {
        log::debug!("chat {chat}: update {id} waits in the inbox: another instance has the chat's turn");
        return;
    };
    for earlier in turns::kept_before(served.engine.store(), chat, id) {
        handle_update(served, chat, earlier).await;
    }
    handle_update(served, chat, update).await;
}

/// Handles one update of the chat whose turn this instance holds, and
/// forgets it from the inbox however the handler ends.
async fn handle_update(served: &Served, chat: i64, update: Update) {
    let _handled = Handled::new(&served.engine, &update);
    let id = update.id.0;
    let (outbox, engine) = (&served.outbox, served.engine.as_ref());
    let started = std::time::Instant::now();
    let kind = match &update.kind {
        UpdateKind::Message(_) => metrics::UpdateKind::Message,
        UpdateKind::CallbackQuery(_) => metrics::UpdateKind::Button,
        UpdateKind::EditedMessage(_) => metrics::UpdateKind::Edited,
        _ => metrics::UpdateKind::Other,
    };
    let result = match update.kind {
        UpdateKind::Message(msg) => on_message(served, msg, id).await,
        UpdateKind::CallbackQuery(query) => on_callback(outbox, query, id, engine).await,
        UpdateKind::EditedMessage(msg) => on_edited(outbox, msg, engine).await,
        _ => Ok(()),
    };
    if let Err(e) = result {
        log::error!("chat {chat}: update {id} failed: {e}");
    }
    engine.metrics().update_handled(kind, started.elapsed());
}

/// A message from a user: text, a command, or something unreadable.
async fn on_message(served: &Served, msg: Message, update_id: u32) -> HandlerResult {
    let (outbox, engine, me, uploads) = (&served.outbox, served.engine.as_ref(), &served.me, &served.uploads);
    if !msg.chat.is_private() {
        return refuse_group(outbox, engine, msg.chat.id).await;
    }
    if Some(msg.chat.id.0) == served.admin_chat && msg.text().is_some_and(|t| admin::is_stats(t, me.username())) {
        admin::stats(outbox, engine, served.started, msg.chat.id).await;
        return Ok(());
    }
    let upload = match (msg.text(), msg.document(), msg.photo()) {
        (Some(text), _, _) => {
            let input = match commands::parse(text, me.username()) {
                Some(command) => Input::Command(command),
                None => Input::Text(text.to_string()),
            };
            Some(input)
        }
        (None, Some(document), _) => {
            let mime = document.mime_type.as_ref().map(|m| m.essence_str());
            uploads
                .document(outbox.bot(), &document.file, document.file_name.as_deref(), mime)
                .await
        }
        (None, None, Some(sizes)) => uploads.photo(outbox.bot(), sizes).await,
        (None, None, None) => Some(Input::Unsupported),
    };
    let Some(input) = upload else {
        let sorry = Output::line(engine.content().text(keys::TELEGRAM_SOMETHING_WENT_WRONG));
        deliver(outbox, engine, msg.chat.id, vec![sorry], None).await;
        return Ok(());
    };
    let device = msg
        .from
        .as_ref()
        .and_then(|user| user.language_code.as_deref())
        .map(Lang::from_tag);
    run(outbox, engine, msg.chat.id, input, (update_id, device), None).await;
    Ok(())
}

/// An edited message: the answer it held was read (or not) as first sent,
/// so the user is told to send the new one again. Groups are ignored.
async fn on_edited(outbox: &Outbox, msg: Message, engine: &Engine) -> HandlerResult {
    if msg.chat.is_private() {
        log::info!("chat {}: an edited message, not read", msg.chat.id);
        let line = Output::line(engine.content().text(keys::SHELL_EDIT_NOT_READ));
        deliver(outbox, engine, msg.chat.id, vec![line], None).await;
    }
    Ok(())
}

/// A button press. Always answered, so the user's spinner stops.
///
/// The chat is the sender's own (a private chat's id is its user's id),
/// never the one named in the attached message: a forged press naming
/// another chat's message changes nothing there.
async fn on_callback(outbox: &Outbox, query: CallbackQuery, update_id: u32, engine: &Engine) -> HandlerResult {
    if let Err(e) = outbox.bot().answer_callback_query(query.id.clone()).await {
        log::debug!("callback answer failed (the query may be too old): {e}");
    }
    let chat = sender_chat(&query);
    // The bot sends no inline-mode messages, so a press without a message
    // is not ours; running it would race the chat's own updates.
    let Some(message) = &query.message else {
        log::info!("a button press without a message, ignored");
        return Ok(());
    };
    if message.chat().id != chat {
        log::warn!("chat {chat}: a button press on another chat's message, ignored");
        return Ok(());
    }
    let input = match query.data {
        Some(data) => Input::Button(data),
        None => Input::Unsupported,
    };
    let device = query.from.language_code.as_deref().map(Lang::from_tag);
    run(outbox, engine, chat, input, (update_id, device), Some(message.id())).await;
    Ok(())
}

/// The private chat of the user who pressed a button.
pub fn sender_chat(query: &CallbackQuery) -> ChatId {
    ChatId(query.from.id.0 as i64)
}

/// Applies one input and shows the result; a storage failure gets an
/// apology instead of silence.
async fn run(
    outbox: &Outbox,
    engine: &Engine,
    chat: ChatId,
    input: Input,
    (update_id, device): (u32, Option<Lang>),
    pressed: Option<MessageId>,
) {
    match engine.handle_in(chat.0, input, Some(update_id), device).await {
        Ok(outputs) => deliver(outbox, engine, chat, outputs, pressed).await,
        Err(e) => {
            log::error!("chat {chat}: update {update_id} not applied: {e}");
            let sorry = Output::line(engine.content().text(keys::TELEGRAM_SOMETHING_WENT_WRONG));
            deliver(outbox, engine, chat, vec![sorry], None).await;
        }
    }
}

/// The bot serves private chats only: a group is told once, then ignored.
async fn refuse_group(outbox: &Outbox, engine: &Engine, chat: ChatId) -> HandlerResult {
    if engine.store().note_group_told(chat.0)? {
        log::info!("chat {chat}: group or channel, told it is private-only");
        let text = engine.content().text(keys::TELEGRAM_PRIVATE_ONLY);
        if let Err(e) = outbox.send(chat, text.as_str(), &Vec::new()).await {
            log::warn!("chat {chat}: could not tell the group: {e}");
        }
    }
    Ok(())
}
