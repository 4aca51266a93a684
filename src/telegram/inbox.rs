//! Received means saved. Telegram forgets an update once the bot asks for
//! the ones after it, so the polling loop ([`super::polling`]) writes each
//! batch to the store's inbox, with one flush, before it hands any update
//! on and before it asks for the next batch; in webhook mode
//! ([`super::webhook`]) each update is written and flushed before the 200
//! that tells Telegram it arrived. The handler forgets an update
//! once handled ([`Handled`]). At start-up the updates still in the inbox
//! are handled first; one that was applied already is skipped by the
//! engine's duplicate check.

use crate::engine::Engine;
use crate::store::Store;
use teloxide::types::{Update, UpdateKind};

/// The chat an update is kept under (0 for updates without a chat): for a
/// button press, the sender's own chat (see `handlers::on_callback`).
pub fn chat_of(update: &Update) -> i64 {
    match &update.kind {
        UpdateKind::CallbackQuery(query) => query.from.id.0 as i64,
        _ => update.chat().map_or(0, |chat| chat.id.0),
    }
}

/// Writes a batch of updates to the inbox (durable at the next flush);
/// whether any was written.
pub fn keep_all(store: &Store, batch: &[Update]) -> bool {
    let mut kept_any = false;
    for update in batch {
        kept_any |= keep(store, update) == Kept::Written;
    }
    kept_any
}

/// What [`keep`] did with an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// In the inbox (durable at the next flush).
    Written,
    /// Not worth keeping: a kind this version cannot read, or one that
    /// cannot be written as JSON (handled without a copy).
    NotNeeded,
    /// The store refused it.
    Failed,
}

/// Writes an update to the inbox (durable at the next flush).
pub fn keep(store: &Store, update: &Update) -> Kept {
    let id = update.id.0;
    if let UpdateKind::Error(_) = update.kind {
        // teloxide drops these; say so once, without the content.
        log::warn!("update {id}: a kind this version cannot read; skipped");
        return Kept::NotNeeded;
    }
    let bytes = match serde_json::to_vec(update) {
        Ok(bytes) => bytes,
        Err(e) => {
            log::error!("update {id}: cannot be kept ({e}); handled without a copy");
            return Kept::NotNeeded;
        }
    };
    match store.keep_update(chat_of(update), id, &bytes) {
        Ok(()) => Kept::Written,
        Err(e) => {
            log::error!("update {id}: not kept: {e}");
            Kept::Failed
        }
    }
}

/// The updates received before the last stop and never handled.
pub fn kept_updates(store: &Store) -> Vec<Update> {
    let kept = match store.kept_updates() {
        Ok(kept) => kept,
        Err(e) => {
            log::error!("the inbox cannot be read: {e}");
            return Vec::new();
        }
    };
    if !kept.is_empty() {
        log::info!("handling {} updates received before the last stop", kept.len());
    }
    kept.into_iter()
        .filter_map(|(chat, id, bytes)| read(store, chat, id, &bytes))
        .collect()
}

/// A kept update read back; one that cannot be read is dropped from the
/// inbox.
pub fn read(store: &Store, chat: i64, id: u32, bytes: &[u8]) -> Option<Update> {
    match serde_json::from_slice::<Update>(bytes) {
        Ok(update) => Some(update),
        Err(_) => {
            log::warn!("update {id}: the kept copy cannot be read; dropped");
            let _ = store.forget_update(chat, id);
            None
        }
    }
}

/// Forgets an update from the inbox when its handler is done with it,
/// however the handler ends.
pub struct Handled {
    store: Store,
    chat: i64,
    id: u32,
}

impl Handled {
    pub fn new(engine: &Engine, update: &Update) -> Handled {
        Handled {
            store: engine.store().clone(),
            chat: chat_of(update),
            id: update.id.0,
        }
    }
}

impl Drop for Handled {
    fn drop(&mut self) {
        if let Err(e) = self.store.forget_update(self.chat, self.id) {
            log::warn!("update {}: could not be forgotten from the inbox: {e}", self.id);
        }
    }
}
