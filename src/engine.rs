//! Runs one conversation step for one chat, durably: load the chat's
//! record, call the pure [`conversation::step`], save and flush, and only
//! then hand the outputs back to the front end to show.
//!
//! Both front ends go through here, so "an acknowledged answer survives a
//! crash" and "an update delivered twice is applied once" hold for both.

use crate::clock::Clock;
use crate::content::{keys, Content};
use crate::conversation::{self, Ctx, Effect, Input, Output};
use crate::resources::Resources;
use crate::store::{ChatRecord, Store, StoreError};
use std::sync::Arc;

/// The conversation engine shared by all chats.
#[derive(Clone)]
pub struct Engine {
    store: Store,
    resources: Arc<Resources>,
    clock: Arc<dyn Clock>,
}

impl Engine {
    pub fn new(store: Store, resources: Arc<Resources>, clock: Arc<dyn Clock>) -> Engine {
        Engine {
            store,
            resources,
            clock,
        }
    }

    pub fn content(&self) -> &Content {
        &self.resources.content
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
        let loaded = self.store.load_chat(chat)?;
        let mut record = loaded.record;
        if let Some(id) = update_id.filter(|id| record.has_applied(*id)) {
            log::info!("chat {chat}: update {id} was already applied, skipped");
            return Ok(Vec::new());
        }
        log::debug!("chat {chat}: {}", input_kind(&input));
        let ctx = Ctx {
            content: &self.resources.content,
            reference: &self.resources.reference,
            templates: &self.resources.templates,
            now: self.clock.now(),
        };
        let step = conversation::step(&record.state, input, &ctx);

        let export = step.effects.contains(&Effect::ExportChat).then(|| self.export(&record));
        if step.effects.contains(&Effect::EraseChat) {
            self.store.erase_chat(chat)?;
            log::info!("chat {chat}: erased at the user's request");
        } else {
            record.state = step.state;
            record.blocked = false;
            if let Some(id) = update_id {
                record.note_applied(id);
            }
            self.store.save_chat(chat, &record)?;
        }
        self.store.flush().await?;

        let mut outputs = step.outputs;
        if let Some(document) = export {
            // The file first, then the line that says it was sent.
            outputs.insert(0, document);
        }
        if loaded.was_reset {
            outputs.insert(0, Output::line(self.resources.content.text(keys::STORE_RECORD_RESET)));
        }
        Ok(outputs)
    }

    /// Everything stored about a chat, as a JSON document for the user.
    fn export(&self, record: &ChatRecord) -> Output {
        // A record is plain data: serializing it cannot fail.
        let contents = serde_json::to_string_pretty(record).unwrap_or_default();
        Output::Document {
            file_name: "billcoach-export.json".to_string(),
            contents,
            caption: self.resources.content.text(keys::EXPORT_CAPTION),
        }
    }

    /// Remembers that a chat blocked the bot (cleared when they write
    /// again), so later features (reminders) skip it.
    pub async fn mark_blocked(&self, chat: i64) -> Result<(), StoreError> {
        self.store.mark_blocked(chat)?;
        self.store.flush().await
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
        Input::FileRefused(_) => "refused file",
        Input::Unsupported => "unsupported message",
        Input::Resume => "resume",
    }
}
