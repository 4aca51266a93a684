//! Received means saved. Telegram forgets an update as soon as the bot asks
//! for the ones after it, and teloxide asks while the dispatcher is still
//! handling the last batch: a crash in between would lose what the user
//! sent. So every update is written to the store's inbox (and flushed)
//! before the listener hands it on, which is before the next `getUpdates`
//! can confirm it; the handler forgets it once handled ([`Handled`]). At
//! start-up the updates still in the inbox are handled first; one that was
//! applied already is skipped by the engine's duplicate check.

use crate::engine::Engine;
use crate::store::Store;
use futures::stream::{self, BoxStream, StreamExt};
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};
use teloxide::RequestError;

/// An update listener that keeps each update in the inbox before handing
/// it on, and hands on the ones kept before the last stop first.
pub struct InboxListener<L> {
    inner: L,
    store: Store,
}

impl<L> InboxListener<L> {
    pub fn new(inner: L, store: Store) -> InboxListener<L> {
        InboxListener { inner, store }
    }
}

impl<L> UpdateListener for InboxListener<L>
where
    L: UpdateListener<Err = RequestError> + Send + 'static,
{
    type Err = RequestError;

    fn stop_token(&mut self) -> StopToken {
        self.inner.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.inner.hint_allowed_updates(hint);
    }
}

impl<'a, L> AsUpdateStream<'a> for InboxListener<L>
where
    L: UpdateListener<Err = RequestError> + Send + 'static,
{
    type StreamErr = RequestError;
    type Stream = BoxStream<'a, Result<Update, RequestError>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let kept = kept_updates(&self.store);
        let store = self.store.clone();
        // A getUpdates batch comes out of teloxide's stream all at once:
        // the whole batch is kept with one flush before any of it is handed
        // on (and before the stream is polled again, which is when the next
        // getUpdates confirms it).
        let live = self
            .inner
            .as_stream()
            .ready_chunks(BATCH)
            .then(move |batch| {
                let store = store.clone();
                async move {
                    keep_all(&store, &batch).await;
                    stream::iter(batch)
                }
            })
            .flatten();
        stream::iter(kept.into_iter().map(Ok)).chain(live).boxed()
    }
}

/// At most this many updates are kept with one flush (Telegram's largest
/// getUpdates answer).
const BATCH: usize = 100;

/// The chat an update is kept under (0 for updates without a chat): for a
/// button press, the sender's own chat (see `handlers::on_callback`).
pub fn chat_of(update: &Update) -> i64 {
    match &update.kind {
        UpdateKind::CallbackQuery(query) => query.from.id.0 as i64,
        _ => update.chat().map_or(0, |chat| chat.id.0),
    }
}

/// Writes a batch of updates to the inbox, then flushes once.
async fn keep_all(store: &Store, batch: &[Result<Update, RequestError>]) {
    let mut kept_any = false;
    for update in batch.iter().flatten() {
        kept_any |= keep(store, update);
    }
    if kept_any {
        if let Err(e) = store.flush().await {
            log::error!("a batch of updates was not flushed: {e}");
        }
    }
}

/// Writes an update to the inbox (durable at the next flush); whether it
/// was written.
fn keep(store: &Store, update: &Update) -> bool {
    let id = update.id.0;
    if let UpdateKind::Error(_) = update.kind {
        // teloxide drops these; say so once, without the content.
        log::warn!("update {id}: a kind this version cannot read; skipped");
        return false;
    }
    let bytes = match serde_json::to_vec(update) {
        Ok(bytes) => bytes,
        Err(e) => {
            log::error!("update {id}: cannot be kept ({e}); handled without a copy");
            return false;
        }
    };
    match store.keep_update(chat_of(update), id, &bytes) {
        Ok(()) => true,
        Err(e) => {
            log::error!("update {id}: not kept: {e}");
            false
        }
    }
}

/// The updates received before the last stop and never handled.
fn kept_updates(store: &Store) -> Vec<Update> {
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
        .filter_map(|(chat, id, bytes)| match serde_json::from_slice::<Update>(&bytes) {
            Ok(update) => Some(update),
            Err(_) => {
                log::warn!("update {id}: the kept copy cannot be read; dropped");
                let _ = store.forget_update(chat, id);
                None
            }
        })
        .collect()
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
