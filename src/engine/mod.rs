//! Runs one conversation step for one chat, durably: load the chat's
//! record, call the pure [`conversation::step`], save and flush, and only
//! then hand the outputs back to the front end to show.
//!
//! Both front ends go through here, so "an acknowledged answer survives a
//! crash" and "an update delivered twice is applied once" hold for both.
//! The reminder scheduler changes chat records through here too
//! ([`reminders`]), under the same per-chat lock.

mod locks;
mod reminders;

pub use reminders::SendResult;

use crate::clock::Clock;
use crate::content::{keys, Content, Lang, Languages};
use crate::conversation::{self, Ctx, Effect, Input, Output};
use crate::metrics::Metrics;
use crate::resources::Resources;
use crate::store::{ChatRecord, Saved, Store, StoreError};
use locks::ChatLocks;
use std::sync::Arc;
use tokio::sync::Notify;

/// How many times a step is done again when another instance saved the
/// chat between its load and its save (a shared store).
const CONFLICT_TRIES: u32 = 8;

/// The conversation engine shared by all chats.
#[derive(Clone)]
pub struct Engine {
    store: Store,
    resources: Arc<Resources>,
    clock: Arc<dyn Clock>,
    locks: Arc<ChatLocks>,
    /// Woken when a chat's reminders change (a new one may be due sooner).
    reminders_changed: Arc<Notify>,
    /// The counters `/metrics` shows.
    metrics: Arc<Metrics>,
}

impl Engine {
    pub fn new(store: Store, resources: Arc<Resources>, clock: Arc<dyn Clock>) -> Engine {
        Engine {
            store,
            resources,
            clock,
            locks: Arc::new(ChatLocks::default()),
            reminders_changed: Arc::new(Notify::new()),
            metrics: Arc::default(),
        }
    }

    /// The clock every date and reminder is computed from.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Every language the bot speaks.
    pub fn languages(&self) -> &Languages {
        &self.resources.languages
    }

    /// The English copy, for lines said outside a chat's conversation.
    pub fn content(&self) -> &Content {
        &self.resources.languages.english().content
    }

    /// The counters `/metrics` shows (the shells and the scheduler add to
    /// them).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies one input to a chat and returns what to show.
    ///
    /// `update_id` is Telegram's id for the update (`None` in the terminal):
    /// an update this chat has already applied returns no outputs, so a
    /// redelivery after a crash changes nothing and shows nothing.
    pub async fn handle(&self, chat: i64, input: Input, update_id: Option<u32>) -> Result<Vec<Output>, StoreError> {
        self.handle_in(chat, input, update_id, None).await
    }

    /// [`Engine::handle`] for a user whose device speaks `device` (from
    /// Telegram's `language_code`): a chat that has not chosen a language
    /// is written to in that one, when the bot speaks it.
    pub async fn handle_in(
        &self,
        chat: i64,
        input: Input,
        update_id: Option<u32>,
        device: Option<Lang>,
    ) -> Result<Vec<Output>, StoreError> {
        let _chat_lock = self.locks.lock(chat).await;
        // Another instance on a shared store may save the chat between the
        // load and the save: the save then writes nothing, and the step is
        // done again from what it saved (the step is pure, and an update
        // that instance applied is then seen as applied).
        let mut tries = 0;
        let mut input = Some(input);
        let (was_reset, step_outputs, redrawn, export, reminders_changed) = loop {
            tries += 1;
            let loaded = self.store.load_chat(chat)?;
            let (mut record, revision) = (loaded.record, loaded.revision);
            if let Some(id) = update_id.filter(|id| record.has_applied(*id)) {
                log::info!("chat {chat}: update {id} was already applied, skipped");
                return Ok(Vec::new());
            }
            if record.state.lang.is_none() {
                record.state.lang = device.filter(|lang| *lang != Lang::En && self.resources.languages.has(*lang));
            }
            let ctx = self.ctx();
            // Kept for another try only where another instance may come
            // between (the input may be a whole file).
            let this_input = match self.store.is_shared() {
                true => input.clone(),
                false => input.take(),
            }
            .ok_or(StoreError::Conflict)?;
            log::debug!("chat {chat}: {}", input_kind(&this_input));
            let step = conversation::step(&record.state, this_input, &ctx);
            // A lost message (or a block) may have taken the screen with it:
            // a short line pointing "above" would point at nothing, so the
            // screen follows the step's own lines.
            let lost = record.screen_lost || record.blocked;
            let redrawn = match lost && !step.effects.contains(&Effect::EraseChat) {
                true => conversation::step(&step.state, Input::Resume, &ctx).outputs,
                false => Vec::new(),
            };

            let export = step.effects.contains(&Effect::ExportChat).then(|| self.export(&record));
            let reminders_changed = step.state.reminders != record.state.reminders;
            if step.effects.contains(&Effect::EraseChat) {
                self.store.erase_chat(chat)?;
                log::info!("chat {chat}: erased at the user's request");
            } else {
                record.state = step.state;
                record.blocked = false;
                record.screen_lost = false;
                if let Some(id) = update_id {
                    record.note_applied(id);
                }
                match self.store.save_loaded(chat, &record, revision)? {
                    Saved::Written => {}
                    Saved::TooLarge => {
                        // The answer is not kept: the record stays as it was.
                        log::warn!("chat {chat}: not saved, past the size limit");
                        let content = &ctx.language(&record.state).content;
                        return Ok(vec![Output::line(content.text(keys::LIMIT_RECORD))]);
                    }
                    Saved::Conflict if tries < CONFLICT_TRIES => {
                        log::info!("chat {chat}: saved by another instance meanwhile; the step is done again");
                        continue;
                    }
                    Saved::Conflict => return Err(StoreError::Conflict),
                }
            }
            break (loaded.was_reset, step.outputs, redrawn, export, reminders_changed);
        };
        self.store.flush().await?;
        if reminders_changed {
            self.reminders_changed.notify_one();
        }

        let mut outputs = step_outputs;
        if redrawn.last().is_some() && redrawn.last() != outputs.last() {
            outputs.extend(redrawn);
        }
        if let Some(document) = export {
            // The file first, then the line that says it was sent.
            outputs.insert(0, document);
        }
        if was_reset {
            outputs.insert(0, Output::line(self.content().text(keys::STORE_RECORD_RESET)));
        }
        Ok(outputs)
    }

    /// What a conversation step needs, with the time now.
    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            languages: &self.resources.languages,
            reference: &self.resources.reference,
            now: self.clock.now(),
        }
    }

    /// Everything stored about a chat, as a JSON document for the user.
    fn export(&self, record: &ChatRecord) -> Output {
        // A record is plain data: serializing it cannot fail.
        let contents = serde_json::to_string_pretty(record).unwrap_or_default();
        Output::Document {
            file_name: "billcoach-export.json".to_string(),
            contents,
            caption: self
                .resources
                .language(record.state.lang.unwrap_or_default())
                .content
                .text(keys::EXPORT_CAPTION),
        }
    }

    /// Remembers that a chat blocked the bot (cleared when they write
    /// again) and drops its reminders still to come.
    /// A message to `chat` was lost: its next answer shows the screen again.
    pub async fn mark_screen_lost(&self, chat: i64) -> Result<(), StoreError> {
        let _chat_lock = self.locks.lock(chat).await;
        self.store.mark_screen_lost(chat)?;
        self.store.flush().await
    }

    pub async fn mark_blocked(&self, chat: i64) -> Result<(), StoreError> {
        let _chat_lock = self.locks.lock(chat).await;
        self.store.mark_blocked(chat)?;
        self.store.flush().await
    }

    /// Writes a consistent backup of the store to `path` while the bot
    /// runs: every chat's lock is held (answers wait, for about the time
    /// the copy takes), so no record, its items and its reminder index are
    /// ever half written in the copy. Returns the file's size.
    pub async fn backup_to(&self, path: std::path::PathBuf) -> Result<u64, StoreError> {
        let _all = self.locks.lock_all().await;
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.write_backup(&path))
            .await
            .map_err(|e| StoreError::from(std::io::Error::other(e.to_string())))?
    }

    /// Flushes everything to disk (on shutdown).
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.store.flush().await
    }
}

/// What kind of input this was, for logs: never its content.
fn input_kind(input: &Input) -> &'static str {
    match input {
        Input::Command(command) => command.name(),
        Input::Text(_) => "text",
        Input::Button(_) => "button",
        Input::File { .. } => "file",
        Input::Scan { .. } => "scanned file",
        Input::FileRefused(_) => "refused file",
        Input::Unsupported => "unsupported message",
        Input::Resume => "resume",
    }
}
