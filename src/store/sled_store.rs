//! The embedded store, over sled: one process, nothing to install.
//!
//! One sled database per process, with a few fixed trees:
//! - `chats`: chat id (i64, big-endian) → [`ChatRecord`] as JSON, sealed
//!   with the chat's key, without its bills' line items;
//! - `bill_items`: chat id ++ bill index (u32, big-endian) → that bill's
//!   line items as JSON, sealed; written only when they change (the
//!   record keeps their digest), so an answer writes the small record, not
//!   a 500-line bill again;
//! - `set_aside`: records that could not be read, kept for inspection
//!   (chat id ++ sequence number → the original bytes);
//! - `groups_told`: group chats already told the bot is private-only;
//! - `inbox`: updates received from Telegram and not handled yet (chat id
//!   ++ update id → the update as the front end stored it), so an update
//!   Telegram considers delivered survives a crash (see [`SledStore::keep_update`]);
//! - `reminders_due`: the time index of reminders still to send, derived
//!   from the chat records (see [`due`]): due time ++ chat id ++ reminder
//!   id → nothing. It is written in the same transaction as the record, so
//!   the two never disagree;
//! - `chat_due`: chat id → that chat's keys in `reminders_due`, so a save
//!   finds what to change in the index without reading the old record
//!   again (written only when they change).
//!
//! Records and kept updates are encrypted with a key per chat, kept in
//! `keys.bin` beside the database; `/delete` destroys the key
//! ([`chat_keys`]).
//!
//! Writers call [`SledStore::flush`] before telling the user anything, so an
//! answer the bot acknowledged survives a crash or `kill -9`.

use super::cache::RecordCache;
use super::chat_keys::{ChatKeys, Unreadable};
use super::commit::{self, GroupCommit};
use super::{due, packing, record, ChatRecord, DueEntry, Durability, LoadedChat, Saved, StoreError, MAX_CHAT_BYTES};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use std::path::Path;
use std::sync::Arc;

/// sled's log file, in the data folder.
const SLED_LOG: &str = "db";

/// The embedded store: a sled database in the data folder.
#[derive(Clone)]
pub struct SledStore {
    pub(super) db: sled::Db,
    chats: sled::Tree,
    bill_items: sled::Tree,
    set_aside: sled::Tree,
    groups_told: sled::Tree,
    due: sled::Tree,
    chat_due: sled::Tree,
    inbox: sled::Tree,
    /// What is stored about a chat is sealed with its own key (see
    /// [`chat_keys`]), so erasing the key erases it for good.
    pub(super) keys: Arc<ChatKeys>,
    /// Makes writes durable for many writers at once.
    commit: Arc<GroupCommit>,
    /// Records last read or written, decoded (checked against the stored
    /// bytes before use).
    cache: Arc<RecordCache>,
    /// The data folder (sled's files and `keys/`).
    path: std::path::PathBuf,
}

impl SledStore {
    /// Opens (or creates) the database in `path`, readable only by the user
    /// running the bot.
    pub fn open(path: &Path) -> Result<SledStore, StoreError> {
        SledStore::open_with(path, Durability::default())
    }

    /// [`SledStore::open`], with commits as durable as `durability` says.
    pub fn open_with(path: &Path, durability: Durability) -> Result<SledStore, StoreError> {
        create_private_dir(path)?;
        let db = open_waiting_for_the_lock(path)?;
        let keys = Arc::new(ChatKeys::open(path)?);
        restrict_files(path);
        let commit = {
            let (db, keys) = (db.clone(), keys.clone());
            let log_file = match durability {
                Durability::Flush => None,
                Durability::Fsync => Some(std::fs::File::open(path.join(SLED_LOG))?),
            };
            GroupCommit::start(commit::GRACE, move || {
                keys.sync()?;
                db.flush()?;
                if let Some(file) = &log_file {
                    file.sync_data()?;
                }
                Ok(())
            })?
        };
        Ok(SledStore {
            keys,
            commit: Arc::new(commit),
            cache: Arc::new(RecordCache::default()),
            chats: db.open_tree("chats")?,
            bill_items: db.open_tree("bill_items")?,
            set_aside: db.open_tree("set_aside")?,
            groups_told: db.open_tree("groups_told")?,
            due: db.open_tree("reminders_due")?,
            chat_due: db.open_tree("chat_due")?,
            inbox: db.open_tree("inbox")?,
            db,
            path: path.to_path_buf(),
        })
    }

    /// Loads a chat's record; a chat never seen gets a fresh one, and a
    /// record that cannot be read is set aside and replaced by a fresh one.
    pub fn load_chat(&self, chat: i64) -> Result<LoadedChat, StoreError> {
        let Some(bytes) = self.chats.get(chat.to_be_bytes())? else {
            return Ok(LoadedChat {
                record: ChatRecord::new(),
                was_reset: false,
                revision: 0,
            });
        };
        if let Some(record) = self.cache.get(chat, &bytes) {
            return Ok(LoadedChat {
                record,
                was_reset: false,
                revision: 0,
            });
        }
        let read = match self.unseal(chat, &bytes) {
            Ok(plain) => record::decode(&plain)
                .map_err(|e| e.to_string())
                .and_then(|mut record| self.fill_items(chat, &mut record).map(|()| record)),
            Err(Unreadable::NoKey) => Err("its key is missing".to_string()),
            Err(Unreadable::Damaged) => Err("it does not decrypt".to_string()),
        };
        match read {
            Ok(record) => {
                self.cache.put(chat, bytes, record.clone());
                Ok(LoadedChat {
                    record,
                    was_reset: false,
                    revision: 0,
                })
            }
            Err(error) => {
                log::warn!("chat {chat}: stored record set aside: {error}");
                let mut key = chat.to_be_bytes().to_vec();
                key.extend_from_slice(&self.db.generate_id()?.to_be_bytes());
                self.set_aside.insert(key, bytes)?;
                self.chats.remove(chat.to_be_bytes())?;
                Ok(LoadedChat {
                    record: ChatRecord::new(),
                    was_reset: true,
                    revision: 0,
                })
            }
        }
    }

    /// Puts back the line items a record keeps apart.
    fn fill_items(&self, chat: i64, record: &mut ChatRecord) -> Result<(), String> {
        for (index, digest) in record.item_digests.iter().enumerate() {
            if *digest == 0 {
                continue;
            }
            let stored = self
                .bill_items
                .get(items_key(chat, index))
                .map_err(|e| e.to_string())?
                .ok_or("a bill's items are missing")?;
            let plain = self
                .unseal(chat, &stored)
                .map_err(|_| "a bill's items do not decrypt")?;
            let items = record::decode_items(&plain).map_err(|e| e.to_string())?;
            let bill = record
                .state
                .bills
                .get_mut(index)
                .ok_or("items of a bill that is not there")?;
            bill.items = items;
        }
        Ok(())
    }

    /// Writes a chat's record (and the items of each bill whose items
    /// changed since it was loaded) and brings the reminder time index in
    /// line with it, in one transaction (durable after [`SledStore::flush`]);
    /// a save that changes only the record is one insert. The caller holds
    /// the chat's lock (the engine's), so two saves of a chat never race.
    /// Nothing is written when it would take more than [`MAX_CHAT_BYTES`].
    pub fn save_chat(&self, chat: i64, record: &ChatRecord) -> Result<Saved, StoreError> {
        let (body, items) = record::encode_apart(record);
        if body.len() + items.iter().map(|part| part.json.len()).sum::<usize>() > MAX_CHAT_BYTES {
            return Ok(Saved::TooLarge);
        }
        let bytes = sled::IVec::from(self.seal(chat, &body)?);
        let read_back = record::read_back(record, &items);
        // Each bill's items whose digest differs from the one on disk:
        // written, or removed when none are left.
        let on_disk = |index: usize| record.item_digests.get(index).copied().unwrap_or(0);
        let mut item_writes: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::new();
        for (index, part) in items.iter().enumerate() {
            if part.digest != on_disk(index) {
                let sealed = match part.digest {
                    0 => None,
                    _ => Some(self.seal(chat, &part.json)?),
                };
                item_writes.push((items_key(chat, index), sealed));
            }
        }
        for index in items.len()..record.item_digests.len() {
            if on_disk(index) != 0 {
                item_writes.push((items_key(chat, index), None));
            }
        }
        let new_keys = due::keys_of(chat, record);
        let new_list = due::join_keys(&new_keys);
        // Most answers change only the record. One insert is atomic by
        // itself, and a sled transaction costs two more log writes (a page
        // each on disk) for its batch marker. A chat's saves take turns
        // under the engine's chat lock, so `chat_due` read here is current.
        let key = chat.to_be_bytes();
        let old_list = self.chat_due.get(key)?;
        let due_unchanged = match &old_list {
            Some(list) => list.as_ref() == new_list.as_slice(),
            // A chat's first save: nothing of it is in the index yet.
            None => new_keys.is_empty() && !self.chats.contains_key(key)?,
        };
        if item_writes.is_empty() && due_unchanged {
            if old_list.is_none() {
                // Its (empty) list first: a crash before the record leaves
                // no record, which is a chat never seen.
                self.chat_due.insert(key, new_list)?;
            }
            self.chats.insert(key, bytes.clone())?;
            self.cache.put(chat, bytes, read_back);
            return Ok(Saved::Written);
        }
        (&self.chats, &self.due, &self.bill_items, &self.chat_due)
            .transaction(|(chats, due_index, bill_items, chat_due)| {
                let old_list = chat_due.get(chat.to_be_bytes())?;
                let old_keys = match &old_list {
                    Some(list) => due::split_keys(list),
                    // Saved before `chat_due` was kept: read from the old
                    // record, once.
                    None => match chats.get(chat.to_be_bytes())? {
                        Some(old) => self
                            .unseal(chat, &old)
                            .ok()
                            .and_then(|plain| record::decode(&plain).ok())
                            .map(|old| due::keys_of(chat, &old))
                            .unwrap_or_default(),
                        None => Default::default(),
                    },
                };
                for key in old_keys.difference(&new_keys) {
                    due_index.remove(key.as_slice())?;
                }
                for key in new_keys.difference(&old_keys) {
                    due_index.insert(key.as_slice(), &[])?;
                }
                if old_list.as_deref() != Some(new_list.as_slice()) {
                    chat_due.insert(&chat.to_be_bytes(), new_list.as_slice())?;
                }
                for (key, sealed) in &item_writes {
                    match sealed {
                        Some(sealed) => bill_items.insert(key.as_slice(), sealed.as_slice())?,
                        None => bill_items.remove(key.as_slice())?,
                    };
                }
                chats.insert(&chat.to_be_bytes(), bytes.clone())?;
                Ok::<(), ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => StoreError::Sled(e),
                TransactionError::Abort(()) => StoreError::Sled(sled::Error::Unsupported("aborted".into())),
            })?;
        self.cache.put(chat, bytes, read_back);
        Ok(Saved::Written)
    }

    /// Removes everything stored about a chat, from every tree.
    pub fn erase_chat(&self, chat: i64) -> Result<(), StoreError> {
        self.cache.forget(chat);
        self.chats.remove(chat.to_be_bytes())?;
        self.chat_due.remove(chat.to_be_bytes())?;
        for entry in self.bill_items.scan_prefix(chat.to_be_bytes()) {
            let (key, _) = entry?;
            self.bill_items.remove(key)?;
        }
        for entry in self.set_aside.scan_prefix(chat.to_be_bytes()) {
            let (key, _) = entry?;
            self.set_aside.remove(key)?;
        }
        for entry in self.inbox.scan_prefix(chat.to_be_bytes()) {
            let (key, _) = entry?;
            self.inbox.remove(key)?;
        }
        // The whole index, not just the record's keys: a key left behind by
        // a record that was set aside goes too.
        for key in self.due.iter().keys() {
            let key = key?;
            if DueEntry::from_key(&key).is_some_and(|entry| entry.chat == chat) {
                self.due.remove(key)?;
            }
        }
        // What is left of the chat in sled's old log segments can no
        // longer be read.
        self.keys.shred(chat)?;
        Ok(())
    }

    /// `plain` sealed with the chat's key.
    fn seal(&self, chat: i64, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        Ok(self.keys.seal(chat, &packing::pack(plain))?)
    }

    /// A stored value made readable again: opened, then unpacked.
    fn unseal(&self, chat: i64, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
        packing::unpack(self.keys.open_value(chat, stored)?).ok_or(Unreadable::Damaged)
    }

    /// Whether the chat still has an encryption key (for tests).
    pub fn has_chat_key(&self, chat: i64) -> bool {
        self.keys.has_key(chat)
    }

    /// Keeps an update just received, until [`SledStore::forget_update`]
    /// (durable after [`SledStore::flush`]). The bytes are the front end's.
    pub fn keep_update(&self, chat: i64, update_id: u32, bytes: &[u8]) -> Result<(), StoreError> {
        self.inbox.insert(inbox_key(chat, update_id), self.seal(chat, bytes)?)?;
        Ok(())
    }

    /// The update was handled (applied, refused or ignored).
    pub fn forget_update(&self, chat: i64, update_id: u32) -> Result<(), StoreError> {
        self.inbox.remove(inbox_key(chat, update_id))?;
        Ok(())
    }

    /// The chat's kept updates in id order, as (update id, bytes).
    pub fn kept_of(&self, chat: i64) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        let mut updates = Vec::new();
        for entry in self.inbox.scan_prefix(chat.to_be_bytes()) {
            let (key, bytes) = entry?;
            let Ok(id) = key[8..].try_into().map(u32::from_be_bytes) else {
                continue;
            };
            match self.unseal(chat, &bytes) {
                Ok(plain) => updates.push((id, plain)),
                Err(_) => log::warn!("update {id}: the kept copy does not decrypt; skipped"),
            }
        }
        Ok(updates)
    }

    /// The lowest id of the chat's kept updates, if it has any.
    pub fn first_kept(&self, chat: i64) -> Result<Option<u32>, StoreError> {
        match self.inbox.scan_prefix(chat.to_be_bytes()).next() {
            Some(entry) => Ok(entry?.0[8..].try_into().ok().map(u32::from_be_bytes)),
            None => Ok(None),
        }
    }

    /// Updates received but not handled before the last stop or crash, as
    /// (chat, update id, bytes), in the order Telegram numbered them.
    pub fn kept_updates(&self) -> Result<Vec<(i64, u32, Vec<u8>)>, StoreError> {
        let mut updates = Vec::new();
        for entry in self.inbox.iter() {
            let (key, bytes) = entry?;
            let (Ok(chat), Ok(id)) = (key[..8].try_into(), key[8..].try_into()) else {
                continue;
            };
            let (chat, id) = (i64::from_be_bytes(chat), u32::from_be_bytes(id));
            match self.unseal(chat, &bytes) {
                Ok(plain) => updates.push((chat, id, plain)),
                Err(_) => log::warn!("update {id}: the kept copy does not decrypt; skipped"),
            }
        }
        updates.sort_by_key(|(_, id, _)| *id);
        Ok(updates)
    }

    /// Reminders due at or before `now`, soonest first, at most `limit`;
    /// of one chat only when `only_chat` is set.
    pub fn due_reminders(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        limit: usize,
        only_chat: Option<i64>,
    ) -> Result<Vec<DueEntry>, StoreError> {
        let mut entries = Vec::new();
        for key in self.due.range(..due::upper_bound(now)).keys() {
            if entries.len() == limit {
                break;
            }
            match DueEntry::from_key(&key?) {
                Some(entry) if only_chat.is_none_or(|chat| chat == entry.chat) => entries.push(entry),
                _ => {}
            }
        }
        Ok(entries)
    }

    /// When the next reminder is due (of one chat only when `only_chat` is
    /// set), if any.
    pub fn next_due(&self, only_chat: Option<i64>) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        for key in self.due.iter().keys() {
            match DueEntry::from_key(&key?) {
                Some(entry) if only_chat.is_none_or(|chat| chat == entry.chat) => return Ok(Some(entry.due)),
                _ => {}
            }
        }
        Ok(None)
    }

    /// Removes one index entry that no record backs any more (its chat was
    /// set aside, or the reminder moved while it was being looked at).
    pub fn drop_due_entry(&self, entry: &DueEntry) -> Result<(), StoreError> {
        self.due.remove(entry.key())?;
        Ok(())
    }

    /// Records that a group chat was told the bot is private-only; true the
    /// first time only.
    pub fn note_group_told(&self, chat: i64) -> Result<bool, StoreError> {
        Ok(self.groups_told.insert(chat.to_be_bytes(), &[])?.is_none())
    }

    /// Marks a chat as having blocked the bot and drops its reminders still
    /// to come (a blocked chat costs nothing). A chat with no record (never
    /// seen, or just erased with `/delete`) stays without one.
    /// Notes that a message to `chat` was lost (see
    /// [`ChatRecord::screen_lost`]); a chat with no record is left alone.
    pub fn mark_screen_lost(&self, chat: i64) -> Result<(), StoreError> {
        if !self.chats.contains_key(chat.to_be_bytes())? {
            return Ok(());
        }
        let mut record = self.load_chat(chat)?.record;
        if record.screen_lost {
            return Ok(());
        }
        record.screen_lost = true;
        self.save_chat(chat, &record)?.written()
    }

    pub fn mark_blocked(&self, chat: i64) -> Result<(), StoreError> {
        if !self.chats.contains_key(chat.to_be_bytes())? {
            return Ok(());
        }
        let mut record = self.load_chat(chat)?.record;
        record.blocked = true;
        record.state.reminders.drop_pending();
        self.save_chat(chat, &record)?.written()
    }

    /// Waits until everything written so far is on disk, together with
    /// every other writer waiting ([`commit`]).
    ///
    /// sled 0.34's `flush_async` waits on sled's own I/O threads for a
    /// write queued on those same threads: with eight or more chats
    /// flushing at once they all wait and the bot hangs (found by the
    /// fault tests). The commit thread calls the blocking `flush` instead,
    /// off the async runtime.
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.commit.durable().await
    }

    /// Like [`SledStore::flush`], for a writer that can wait a moment (up to
    /// [`commit::GRACE`]) to share the commit of the next writer who
    /// cannot: the inbox, whose batch is then made durable by the
    /// commit of the first reply. The request is queued when this is
    /// called, not when it is awaited: ask before handing the batch on, so
    /// the replies' commits, which come after, can carry it.
    pub fn flush_soon(&self) -> impl std::future::Future<Output = Result<(), StoreError>> + Send + 'static {
        self.commit.durable_soon()
    }

    /// How many chats have a record, and how many reminders are still to
    /// send (entries of the time index), for `/metrics`; reads every key.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        Ok((self.chats.len() as u64, self.due.len() as u64))
    }

    /// How many chats have a readable record, and how many bills they hold
    /// in all (for the admin's `/stats`). Reads and decrypts every record,
    /// changes nothing (an unreadable one is skipped, not set aside).
    pub fn totals(&self) -> Result<(u64, u64), StoreError> {
        let (mut chats, mut bills) = (0, 0);
        for entry in self.chats.iter() {
            let (key, bytes) = entry?;
            let Ok(chat) = key.as_ref().try_into().map(i64::from_be_bytes) else {
                continue;
            };
            let Ok(plain) = self.unseal(chat, &bytes) else {
                continue;
            };
            if let Ok(record) = record::decode(&plain) {
                chats += 1;
                bills += record.state.bills.len() as u64;
            }
        }
        Ok((chats, bills))
    }

    /// How many bytes the data folder takes on disk now (sled's files and
    /// the keys), for tests and benchmarks of what storage costs.
    pub fn folder_bytes(&self) -> u64 {
        fn size(path: &Path) -> u64 {
            std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| match entry.metadata() {
                    Ok(meta) if meta.is_dir() => size(&entry.path()),
                    Ok(meta) => meta.len(),
                    Err(_) => 0,
                })
                .sum()
        }
        size(&self.path)
    }

    /// See [`super::Store::chat_ids`].
    pub fn chat_ids(&self) -> Result<Vec<i64>, StoreError> {
        ids_of(&self.chats)
    }

    /// See [`super::Store::groups_told`].
    pub fn groups_told(&self) -> Result<Vec<i64>, StoreError> {
        ids_of(&self.groups_told)
    }

    /// See [`super::Store::damage_record_for_tests`].
    pub fn damage_record_for_tests(&self, chat: i64) -> Result<(), StoreError> {
        self.cache.forget(chat);
        self.chats.insert(chat.to_be_bytes(), b"{broken".to_vec())?;
        Ok(())
    }

    /// Every key of every tree, for tests that check what is stored.
    pub fn all_keys(&self) -> Vec<(String, Vec<u8>)> {
        let mut keys = Vec::new();
        for name in self.db.tree_names() {
            if let Ok(tree) = self.db.open_tree(&name) {
                let tree_name = String::from_utf8_lossy(&name).to_string();
                keys.extend(tree.iter().keys().flatten().map(|k| (tree_name.clone(), k.to_vec())));
            }
        }
        keys
    }
}

/// Opens sled, waiting up to two seconds for its file lock: a handle just
/// dropped in this process (a test that seeded the data) lets the lock go
/// from a background thread, a moment later. sled reports a lock held
/// elsewhere as an I/O error of no particular kind (`Other`); an error of
/// a known kind (permissions, a missing disk) is not waited for.
fn open_waiting_for_the_lock(path: &Path) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new().path(path).cache_capacity(64 * 1024 * 1024);
    let mut tries = 0;
    loop {
        match config.open() {
            Err(sled::Error::Io(e)) if e.kind() == std::io::ErrorKind::Other && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(40));
            }
            result => return Ok(result?),
        }
    }
}

/// The chat ids a tree keyed by chat id holds, in order.
fn ids_of(tree: &sled::Tree) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::new();
    for key in tree.iter().keys() {
        if let Ok(bytes) = key?.as_ref().try_into() {
            ids.push(i64::from_be_bytes(bytes));
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// Chat id ++ bill index, both big-endian: one chat's bills in order.
fn items_key(chat: i64, bill: usize) -> Vec<u8> {
    let mut key = chat.to_be_bytes().to_vec();
    key.extend_from_slice(&(bill as u32).to_be_bytes());
    key
}

/// Chat id ++ update id, both big-endian: one chat's updates in order.
fn inbox_key(chat: i64, update_id: u32) -> Vec<u8> {
    let mut key = chat.to_be_bytes().to_vec();
    key.extend_from_slice(&update_id.to_be_bytes());
    key
}

#[cfg(unix)]
pub(super) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if !path.exists() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(path)?;
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
pub(super) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)
}

/// Makes the database files readable by their owner only (best effort).
fn restrict_files(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut pending = vec![path.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let entry_path = entry.path();
                let mode = if entry_path.is_dir() { 0o700 } else { 0o600 };
                if entry_path.is_dir() {
                    pending.push(entry_path.clone());
                }
                if let Err(e) = std::fs::set_permissions(&entry_path, std::fs::Permissions::from_mode(mode)) {
                    log::warn!("cannot restrict permissions of {}: {e}", entry_path.display());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Screen;

    #[tokio::test]
    async fn records_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = ChatRecord::new();
        record.state.screen = Screen::Summary;
        {
            let store = SledStore::open(dir.path()).unwrap();
            store.save_chat(42, &record).unwrap().written().unwrap();
            store.flush().await.unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(store.load_chat(42).unwrap().record, record);
        assert_eq!(store.load_chat(43).unwrap().record, ChatRecord::new());
    }

    #[tokio::test]
    async fn a_record_from_the_cache_is_the_record_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let mut record = ChatRecord::new();
        record.state.bill_mut().items = bill_of(3);
        record.state.bill_mut().amount_due = Some(rust_decimal_macros::dec!(1234.50));
        record.state.lang = Some(crate::content::Lang::Es);
        record.note_applied(7);
        for round in 0..4 {
            if round == 2 {
                record.state.bills.push(crate::domain::bill::Bill::default());
                record.state.bill_mut().items.clear();
            }
            store.save_chat(5, &record).unwrap().written().unwrap();
            // Read through the cache, then as a fresh start reads it.
            let cached = store.load_chat(5).unwrap().record;
            store.cache.forget(5);
            let decoded = store.load_chat(5).unwrap().record;
            assert_eq!(cached, decoded, "round {round}");
            record = cached;
            record.note_applied(8 + round);
        }
        // A write that goes around the cache is never served from it.
        let other = ChatRecord::new();
        let body = record::encode_apart(&other).0;
        store
            .chats
            .insert(5i64.to_be_bytes(), store.seal(5, &body).unwrap())
            .unwrap();
        assert_eq!(store.load_chat(5).unwrap().record, record::read_back(&other, &[]));
    }

    fn bill_of(lines: usize) -> Vec<crate::domain::line_items::LineItem> {
        let text: String = (0..lines).map(|n| format!("85025 CBC q{n}q $1{n}.00\n")).collect();
        crate::domain::line_items::parse_bill_text(&text, chrono::NaiveDate::MIN).items
    }

    #[tokio::test]
    async fn a_bills_items_are_written_once_not_with_every_answer() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let mut record = ChatRecord::new();
        record.state.bill_mut().items = bill_of(500);
        store.save_chat(9, &record).unwrap().written().unwrap();
        let stored_items = || store.bill_items.get(items_key(9, 0)).unwrap().unwrap();
        let first = stored_items();
        let record_bytes = store.chats.get(9i64.to_be_bytes()).unwrap().unwrap().len();
        assert!(record_bytes < 2_000, "the record is small: {record_bytes} bytes");

        // An answer: the record is written again, the items are not (a
        // rewrite would have a new nonce).
        let mut loaded = store.load_chat(9).unwrap().record;
        assert_eq!(loaded.state.bill().items, record.state.bill().items);
        loaded.state.screen = Screen::Summary;
        store.save_chat(9, &loaded).unwrap().written().unwrap();
        assert_eq!(stored_items(), first);

        // A changed line is written; all lines removed, the entry goes.
        let mut loaded = store.load_chat(9).unwrap().record;
        loaded.state.bill_mut().items.pop();
        store.save_chat(9, &loaded).unwrap().written().unwrap();
        assert_ne!(stored_items(), first);
        let mut loaded = store.load_chat(9).unwrap().record;
        assert_eq!(loaded.state.bill().items.len(), 499);
        loaded.state.bill_mut().items.clear();
        store.save_chat(9, &loaded).unwrap().written().unwrap();
        assert!(store.bill_items.get(items_key(9, 0)).unwrap().is_none());
        assert!(store.load_chat(9).unwrap().record.state.bill().items.is_empty());

        // /delete takes the items too.
        let mut record = ChatRecord::new();
        record.state.bill_mut().items = bill_of(3);
        store.save_chat(9, &record).unwrap().written().unwrap();
        store.erase_chat(9).unwrap();
        assert_eq!(store.bill_items.len(), 0);
    }

    #[tokio::test]
    async fn a_chat_past_its_size_limit_is_not_saved() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let mut record = ChatRecord::new();
        record.state.bill_mut().items = bill_of(500);
        let one_bill = record.state.bill().clone();
        record.state.bills = vec![one_bill; 20];
        assert_eq!(
            store.save_chat(3, &record).unwrap(),
            Saved::Written,
            "20 bills of 500 lines fit"
        );
        let mut huge = record.clone();
        for bill in &mut huge.state.bills {
            for item in &mut bill.items {
                item.description = "x".repeat(500);
            }
        }
        assert_eq!(store.save_chat(3, &huge).unwrap(), Saved::TooLarge);
        assert_eq!(
            store.load_chat(3).unwrap().record.state.bills,
            record.state.bills,
            "unchanged"
        );
    }

    #[tokio::test]
    async fn an_unreadable_record_is_set_aside_once_then_erased_with_the_chat() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.chats.insert(7i64.to_be_bytes(), b"{broken".to_vec()).unwrap();
        let first = store.load_chat(7).unwrap();
        assert!(first.was_reset);
        assert!(!store.load_chat(7).unwrap().was_reset, "told only once");
        assert_eq!(store.set_aside.len(), 1, "kept for inspection");
        store.erase_chat(7).unwrap();
        assert_eq!(store.set_aside.len(), 0);
    }

    #[tokio::test]
    async fn kept_updates_survive_reopening_until_forgotten_or_erased() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = SledStore::open(dir.path()).unwrap();
            store.keep_update(5, 100, b"first").unwrap();
            store.keep_update(5, 101, b"second").unwrap();
            store.keep_update(6, 102, b"other chat").unwrap();
            store.forget_update(5, 100).unwrap();
            store.flush().await.unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(
            store.kept_updates().unwrap(),
            [(5, 101, b"second".to_vec()), (6, 102, b"other chat".to_vec())]
        );
        store.erase_chat(6).unwrap();
        assert_eq!(store.kept_updates().unwrap(), [(5, 101, b"second".to_vec())]);
    }

    #[tokio::test]
    async fn with_fsync_records_survive_reopening_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = ChatRecord::new();
        record.state.screen = Screen::Summary;
        {
            let store = SledStore::open_with(dir.path(), Durability::Fsync).unwrap();
            store.save_chat(42, &record).unwrap().written().unwrap();
            store.flush().await.unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(store.load_chat(42).unwrap().record, record);
    }

    #[cfg(unix)]
    #[test]
    fn the_data_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let _store = SledStore::open(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}
