//! Durable storage of chats: one [`Store`] interface, the engine, the
//! scheduler, the front ends, the backup and the monitor call, whatever
//! runs behind it.
//!
//! - [`SledStore`] (`sled_store.rs`), the embedded default: a sled
//!   database in the data folder, one process, nothing to install;
//! - [`PgStore`] (`postgres.rs`), chosen by `BILLCOACH_DATABASE_URL`:
//!   PostgreSQL shared by several instances. A chat's record carries a
//!   version, and [`Store::save_loaded`] writes only over the version it
//!   loaded, so two instances never interleave one chat's changes.
//!
//! [`Store`] is an enum over the implementations (enum dispatch: no boxed
//! trait objects). Its methods are synchronous, as sled's are: they are
//! called from async code between awaits, and only [`Store::flush`] (the
//! group commit) waits.
//!
//! What every implementation guarantees:
//! - a chat's record, its bills' items and its entries in the reminder
//!   time index change together or not at all ([`Store::save_chat`]);
//! - a record that cannot be read is set aside (kept for inspection) and
//!   replaced by a fresh one, and the caller is told once
//!   ([`LoadedChat::was_reset`]);
//! - what is stored about a chat is sealed with the chat's own key, and
//!   [`Store::erase_chat`] (`/delete`) removes every row of the chat and
//!   shreds its key;
//! - an update kept in the inbox ([`Store::keep_update`]) stays until
//!   [`Store::forget_update`], across crashes;
//! - what a writer wrote before [`Store::flush`] returned survives a crash
//!   or `kill -9`: writers flush before telling the user anything;
//! - one instance at a time has a chat's turn ([`Store::take_turn`]), and
//!   a turn left by a dead instance is taken over after its lease.

mod backup;
mod cache;
pub mod chat_keys;
mod commit;
mod copy;
pub mod due;
mod packing;
mod postgres;
pub mod record;
mod sled_store;

pub use backup::RestoreError;
pub use copy::{copy_store, Copied};
pub use due::DueEntry;
pub use record::ChatRecord;

pub use postgres::{master_key_from_hex, redacted, PgStore, CLAIM_AT_MOST, LEASE};
pub use sled_store::SledStore;

use std::path::Path;
use std::sync::Arc;

/// A failure of the storage (disk full, permissions, corruption).
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    #[error("storage I/O error: {0}")]
    Io(Arc<std::io::Error>),
    #[error("the chat's record is past its size limit")]
    TooLarge,
    #[error("the commit thread has stopped")]
    CommitStopped,
    /// The database refused or did not answer (no user data in it).
    #[error("database error: {0}")]
    Database(String),
    /// Another instance kept saving the chat between a load and a save.
    #[error("the chat was saved by another instance meanwhile, again and again")]
    Conflict,
    #[error("not with this store: {0}")]
    Unsupported(&'static str),
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(Arc::new(e))
    }
}

/// The most one chat's saved data may take: its record and its bills'
/// items, as JSON (README, *Limits*). 20 bills of 500 lines fit.
pub const MAX_CHAT_BYTES: usize = 4 * 1024 * 1024;

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Saved {
    Written,
    /// Past [`MAX_CHAT_BYTES`]: nothing was written.
    TooLarge,
    /// Another instance saved the chat after it was loaded: nothing was
    /// written; load it again and redo the change ([`Store::save_loaded`]).
    Conflict,
}

impl Saved {
    /// A save that must not be refused (a reminder's state): past the
    /// limit is an error.
    pub fn written(self) -> Result<(), StoreError> {
        match self {
            Saved::Written => Ok(()),
            Saved::TooLarge => Err(StoreError::TooLarge),
            Saved::Conflict => Err(StoreError::Conflict),
        }
    }
}

/// A chat's record as loaded.
#[derive(Debug)]
pub struct LoadedChat {
    pub record: ChatRecord,
    /// The stored record could not be read: it was set aside and this is a
    /// fresh one. The user should be told, once.
    pub was_reset: bool,
    /// Which stored version this is, for [`Store::save_loaded`] (0: none
    /// stored; the embedded store, with one writer, always says 0).
    pub revision: u64,
}

/// How hard a commit pushes to the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// sled's flush: the log is written and `sync_file_range`d, which
    /// survives a crash of the process (`kill -9`); sled's own thread
    /// `fsync`s every half second, so a power cut can lose the last half
    /// second of answers (RELIABILITY.md).
    #[default]
    Flush,
    /// sled's flush and then an `fdatasync` of its log file before any
    /// reply goes out (`BILLCOACH_FSYNC=1`): a power cut loses nothing the
    /// user saw acknowledged, at the cost of a disk cache flush per commit.
    Fsync,
}

/// The bot's database: one of the implementations, chosen at start-up.
#[derive(Clone)]
pub enum Store {
    /// The embedded store in the data folder.
    Sled(SledStore),
    /// The shared store on PostgreSQL (several instances).
    Postgres(PgStore),
}

impl From<PgStore> for Store {
    fn from(store: PgStore) -> Store {
        Store::Postgres(store)
    }
}

impl From<SledStore> for Store {
    fn from(store: SledStore) -> Store {
        Store::Sled(store)
    }
}

impl Store {
    /// Opens (or creates) the embedded store in `path`, readable only by
    /// the user running the bot.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        SledStore::open(path).map(Store::Sled)
    }

    /// Connects to the PostgreSQL store at `url` and runs its migrations;
    /// `master_key` seals the chats' keys (the same on every instance).
    pub fn connect(url: &str, master_key: chat_keys::Key) -> Result<Store, StoreError> {
        PgStore::connect(url, master_key).map(Store::Postgres)
    }

    /// [`Store::connect`], with reminders claimed for `reminder_lease`
    /// (`BILLCOACH_REMINDER_LEASE_SECONDS`) instead of [`LEASE`].
    pub fn connect_with(
        url: &str,
        master_key: chat_keys::Key,
        reminder_lease: std::time::Duration,
    ) -> Result<Store, StoreError> {
        PgStore::connect_with(url, master_key, reminder_lease).map(Store::Postgres)
    }

    /// [`Store::open`], with commits as durable as `durability` says.
    pub fn open_with(path: &Path, durability: Durability) -> Result<Store, StoreError> {
        SledStore::open_with(path, durability).map(Store::Sled)
    }

    /// Whether other instances may write this store too (PostgreSQL): a
    /// save may then meet [`Saved::Conflict`].
    pub fn is_shared(&self) -> bool {
        matches!(self, Store::Postgres(_))
    }

    /// Loads a chat's record; a chat never seen gets a fresh one, and a
    /// record that cannot be read is set aside and replaced by a fresh one.
    pub fn load_chat(&self, chat: i64) -> Result<LoadedChat, StoreError> {
        match self {
            Store::Sled(store) => store.load_chat(chat),
            Store::Postgres(store) => store.load_chat(chat),
        }
    }

    /// Writes a chat's record, its changed bills' items and its reminder
    /// index entries together (durable after [`Store::flush`]). The caller
    /// holds the chat's lock (the engine's). Nothing is written past
    /// [`MAX_CHAT_BYTES`].
    pub fn save_chat(&self, chat: i64, record: &ChatRecord) -> Result<Saved, StoreError> {
        match self {
            Store::Sled(store) => store.save_chat(chat, record),
            Store::Postgres(store) => store.save_chat(chat, record),
        }
    }

    /// Writes a chat's record as [`Store::save_chat`] does, if no other
    /// instance saved the chat since it was loaded at `revision`
    /// ([`LoadedChat::revision`]); otherwise writes nothing and says
    /// [`Saved::Conflict`]. The engine saves this way.
    pub fn save_loaded(&self, chat: i64, record: &ChatRecord, revision: u64) -> Result<Saved, StoreError> {
        match self {
            // One process writes the folder (sled locks it) and the engine
            // holds the chat's lock: nothing can come between.
            Store::Sled(store) => store.save_chat(chat, record),
            Store::Postgres(store) => store.save_loaded(chat, record, revision),
        }
    }

    /// Removes everything stored about a chat and shreds its key.
    pub fn erase_chat(&self, chat: i64) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.erase_chat(chat),
            Store::Postgres(store) => store.erase_chat(chat),
        }
    }

    /// Whether the chat still has an encryption key (for tests).
    pub fn has_chat_key(&self, chat: i64) -> bool {
        match self {
            Store::Sled(store) => store.has_chat_key(chat),
            Store::Postgres(store) => store.has_chat_key(chat),
        }
    }

    /// Keeps an update just received, until [`Store::forget_update`]
    /// (durable after [`Store::flush`]). The bytes are the front end's.
    pub fn keep_update(&self, chat: i64, update_id: u32, bytes: &[u8]) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.keep_update(chat, update_id, bytes),
            Store::Postgres(store) => store.keep_update(chat, update_id, bytes),
        }
    }

    /// The update was handled (applied, refused or ignored).
    pub fn forget_update(&self, chat: i64, update_id: u32) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.forget_update(chat, update_id),
            Store::Postgres(store) => store.forget_update(chat, update_id),
        }
    }

    /// Updates received but not handled before the last stop or crash, as
    /// (chat, update id, bytes), in the order Telegram numbered them.
    pub fn kept_updates(&self) -> Result<Vec<(i64, u32, Vec<u8>)>, StoreError> {
        match self {
            Store::Sled(store) => store.kept_updates(),
            Store::Postgres(store) => store.kept_updates(),
        }
    }

    /// The chat's kept updates, in the order Telegram numbered them, as
    /// (update id, bytes).
    pub fn kept_of(&self, chat: i64) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        match self {
            Store::Sled(store) => store.kept_of(chat),
            Store::Postgres(store) => store.kept_of(chat),
        }
    }

    /// The lowest id of the chat's kept updates (the one to handle first),
    /// if it has any.
    pub fn first_kept(&self, chat: i64) -> Result<Option<u32>, StoreError> {
        match self {
            Store::Sled(store) => store.first_kept(chat),
            Store::Postgres(store) => store.first_kept(chat),
        }
    }

    /// Takes the chat's turn to handle its updates for `owner` (an
    /// instance's id) for `lease`: true when no one holds it, its holder's
    /// lease ran out (a dead instance), or `owner` holds it already. One
    /// process on the embedded store: its chat lanes already give each
    /// chat one turn, so the turn is always free.
    pub fn take_turn(&self, chat: i64, owner: &str, lease: std::time::Duration) -> Result<bool, StoreError> {
        match self {
            Store::Sled(_) => Ok(true),
            Store::Postgres(store) => store.take_turn(chat, owner, lease),
        }
    }

    /// Extends `owner`'s turn of the chat by `lease` from now; false when
    /// the turn is no longer `owner`'s.
    pub fn renew_turn(&self, chat: i64, owner: &str, lease: std::time::Duration) -> Result<bool, StoreError> {
        match self {
            Store::Sled(_) => Ok(true),
            Store::Postgres(store) => store.renew_turn(chat, owner, lease),
        }
    }

    /// Ends `owner`'s turn of the chat.
    pub fn end_turn(&self, chat: i64, owner: &str) -> Result<(), StoreError> {
        match self {
            Store::Sled(_) => Ok(()),
            Store::Postgres(store) => store.end_turn(chat, owner),
        }
    }

    /// Up to `limit` chats with kept updates whose turn no instance holds,
    /// those waiting longest first: updates another instance took but
    /// could not handle then. None on the embedded store, whose one
    /// process hands every update it keeps to the chat's lane at once.
    pub fn chats_waiting(&self, limit: usize) -> Result<Vec<i64>, StoreError> {
        match self {
            Store::Sled(_) => Ok(Vec::new()),
            Store::Postgres(store) => store.chats_waiting(limit),
        }
    }

    /// Reminders due at or before `now`, soonest first, at most `limit`;
    /// of one chat only when `only_chat` is set.
    pub fn due_reminders(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        limit: usize,
        only_chat: Option<i64>,
    ) -> Result<Vec<DueEntry>, StoreError> {
        match self {
            Store::Sled(store) => store.due_reminders(now, limit, only_chat),
            Store::Postgres(store) => store.due_reminders(now, limit, only_chat),
        }
    }

    /// Claims up to `limit` reminders due at or before `now` for sending
    /// (of one chat only when `only_chat` is set), soonest first: none is
    /// handed to two instances at once. PostgreSQL leases each for
    /// the reminder lease, [`LEASE`] unless set (a dead instance's claims come back after it); the
    /// embedded store has one process, whose scheduler passes never
    /// overlap, so there a claim is the read [`Store::due_reminders`].
    pub fn claim_due(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        limit: usize,
        only_chat: Option<i64>,
    ) -> Result<Vec<DueEntry>, StoreError> {
        match self {
            Store::Sled(store) => store.due_reminders(now, limit, only_chat),
            Store::Postgres(store) => store.claim_due(now, limit, only_chat),
        }
    }

    /// Keeps a reminder claimed with [`Store::claim_due`] for this
    /// instance, renewing its lease from `now`, right before its message
    /// goes out: false when another instance claimed it since (the lease
    /// ran out), and then nothing is sent. Always true on the embedded
    /// store (one process).
    pub fn hold_claim(&self, entry: &DueEntry, now: chrono::DateTime<chrono::Utc>) -> Result<bool, StoreError> {
        match self {
            Store::Sled(_) => Ok(true),
            Store::Postgres(store) => store.hold_claim(entry, now),
        }
    }

    /// The most reminders one [`Store::claim_due`] hands out, whatever the
    /// limit asked: a shared store's claims are leased, and what is claimed
    /// must be sent within the lease ([`CLAIM_AT_MOST`]).
    pub fn claim_at_most(&self) -> usize {
        match self {
            Store::Sled(_) => usize::MAX,
            Store::Postgres(_) => CLAIM_AT_MOST,
        }
    }

    /// When the next reminder is due (of one chat only when `only_chat` is
    /// set), if any.
    pub fn next_due(&self, only_chat: Option<i64>) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        match self {
            Store::Sled(store) => store.next_due(only_chat),
            Store::Postgres(store) => store.next_due(only_chat),
        }
    }

    /// Removes one index entry that no record backs any more.
    pub fn drop_due_entry(&self, entry: &DueEntry) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.drop_due_entry(entry),
            Store::Postgres(store) => store.drop_due_entry(entry),
        }
    }

    /// Records that a group chat was told the bot is private-only; true the
    /// first time only.
    pub fn note_group_told(&self, chat: i64) -> Result<bool, StoreError> {
        match self {
            Store::Sled(store) => store.note_group_told(chat),
            Store::Postgres(store) => store.note_group_told(chat),
        }
    }

    /// Notes that a message to `chat` was lost; a chat with no record is
    /// left alone.
    pub fn mark_screen_lost(&self, chat: i64) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.mark_screen_lost(chat),
            Store::Postgres(store) => store.mark_screen_lost(chat),
        }
    }

    /// Marks a chat as having blocked the bot and drops its reminders still
    /// to come; a chat with no record stays without one.
    pub fn mark_blocked(&self, chat: i64) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.mark_blocked(chat),
            Store::Postgres(store) => store.mark_blocked(chat),
        }
    }

    /// Waits until everything written so far is durable.
    pub async fn flush(&self) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.flush().await,
            // Each PostgreSQL statement has committed before it returned.
            Store::Postgres(_) => Ok(()),
        }
    }

    /// Like [`Store::flush`], for a writer that can wait a moment to share
    /// the commit of the next writer who cannot (the inbox). The request
    /// counts from this call, not from the await.
    pub fn flush_soon(&self) -> impl std::future::Future<Output = Result<(), StoreError>> + Send + 'static {
        use futures::future::Either;
        match self {
            Store::Sled(store) => Either::Left(store.flush_soon()),
            Store::Postgres(_) => Either::Right(std::future::ready(Ok(()))),
        }
    }

    /// How many chats have a record, and how many reminders are still to
    /// send, for `/metrics`.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        match self {
            Store::Sled(store) => store.counts(),
            Store::Postgres(store) => store.counts(),
        }
    }

    /// How many chats have a readable record, and how many bills they hold
    /// in all (for the admin's `/stats`); changes nothing.
    pub fn totals(&self) -> Result<(u64, u64), StoreError> {
        match self {
            Store::Sled(store) => store.totals(),
            Store::Postgres(store) => store.totals(),
        }
    }

    /// How many bytes the stored data takes now (for `/metrics`, `/stats`
    /// and tests of what storage costs).
    pub fn folder_bytes(&self) -> u64 {
        match self {
            Store::Sled(store) => store.folder_bytes(),
            Store::Postgres(store) => store.stored_bytes(),
        }
    }

    /// Every stored key, by table, for tests that check what is stored.
    pub fn all_keys(&self) -> Vec<(String, Vec<u8>)> {
        match self {
            Store::Sled(store) => store.all_keys(),
            Store::Postgres(store) => store.all_keys(),
        }
    }

    /// The webhook secret every instance shares: the one the store keeps,
    /// or `new` kept now (the first instance's wins). `None` where the store
    /// is one process's (the data folder keeps it).
    pub fn shared_webhook_secret(&self, new: &str) -> Result<Option<String>, StoreError> {
        match self {
            Store::Sled(_) => Ok(None),
            Store::Postgres(store) => store.shared_setting("webhook_secret", new).map(Some),
        }
    }

    /// Every chat that has a record, in id order (for `migrate-store`).
    pub fn chat_ids(&self) -> Result<Vec<i64>, StoreError> {
        match self {
            Store::Sled(store) => store.chat_ids(),
            Store::Postgres(store) => store.chat_ids(),
        }
    }

    /// Every group chat told the bot is private-only (for `migrate-store`).
    pub fn groups_told(&self) -> Result<Vec<i64>, StoreError> {
        match self {
            Store::Sled(store) => store.groups_told(),
            Store::Postgres(store) => store.groups_told(),
        }
    }

    /// Overwrites a chat's stored record with bytes that do not read, for
    /// the tests of what happens to a damaged record.
    #[doc(hidden)]
    pub fn damage_record_for_tests(&self, chat: i64) -> Result<(), StoreError> {
        match self {
            Store::Sled(store) => store.damage_record_for_tests(chat),
            Store::Postgres(store) => store.damage_record_for_tests(chat),
        }
    }

    /// Writes a consistent backup file to `path` (the caller holds every
    /// chat's lock); returns its size.
    pub fn write_backup(&self, path: &Path) -> Result<u64, StoreError> {
        match self {
            Store::Sled(store) => store.write_backup(path),
            Store::Postgres(_) => Err(StoreError::Unsupported(
                "back up the PostgreSQL store with pg_dump (README, Backups)",
            )),
        }
    }

    /// Restores a backup file into the empty folder `dir` (the embedded
    /// store's backup format).
    pub fn restore_backup(backup: &Path, dir: &Path) -> Result<(), RestoreError> {
        SledStore::restore_backup(backup, dir)
    }

    /// [`Store::restore_backup`] from a backup's bytes.
    pub fn restore_backup_bytes(bytes: &[u8], dir: &Path) -> Result<(), RestoreError> {
        SledStore::restore_backup_bytes(bytes, dir)
    }
}
