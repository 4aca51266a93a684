//! `billcoach migrate-store`: copies everything one store holds into
//! another, empty one (sled → PostgreSQL to move a deployment onto a shared
//! database, or back).
//!
//! It goes through the [`Store`] interface, not the stored bytes: each
//! chat's record is loaded (opened with the source's key) and saved in the
//! target (sealed with a new key of the target's), which rebuilds the
//! reminder index there; kept updates and the groups told follow. A record
//! the source cannot read is set aside there, as any load would, and is
//! not copied (it is counted). Neither store may be in use by a bot while
//! it runs: sled's folder lock refuses a running bot's folder, and for
//! PostgreSQL the operator stops the instances first (README).

use super::{Store, StoreError};

/// What a copy moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Copied {
    pub chats: u64,
    /// Records the source could not read: set aside there, not copied.
    pub unreadable: u64,
    pub kept_updates: u64,
    pub groups_told: u64,
}

/// Copies `from` into `to`, which must hold no chat and no kept update.
pub fn copy_store(from: &Store, to: &Store) -> Result<Copied, StoreError> {
    if !to.chat_ids()?.is_empty() || !to.kept_updates()?.is_empty() {
        return Err(StoreError::Unsupported(
            "the target store is not empty: migrate-store copies into an empty one only",
        ));
    }
    let mut copied = Copied::default();
    for chat in from.chat_ids()? {
        let loaded = from.load_chat(chat)?;
        if loaded.was_reset {
            copied.unreadable += 1;
            continue;
        }
        let mut record = loaded.record;
        // The digests say which items the source holds; the target holds
        // none yet, so every bill's items are written.
        record.item_digests.clear();
        to.save_chat(chat, &record)?.written()?;
        copied.chats += 1;
    }
    for (chat, update_id, bytes) in from.kept_updates()? {
        to.keep_update(chat, update_id, &bytes)?;
        copied.kept_updates += 1;
    }
    for chat in from.groups_told()? {
        let _ = to.note_group_told(chat)?;
        copied.groups_told += 1;
    }
    Ok(copied)
}
