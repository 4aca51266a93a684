//! Per-chat encryption keys, so that `/delete` really erases.
//!
//! sled is log-structured: a value removed from a tree stays in its old
//! log segments until they are rewritten. So what the store writes about a
//! chat (its record, updates kept in the inbox) is encrypted with a key of
//! that chat's own (ChaCha20-Poly1305), and the keys live outside sled, in
//! one small file beside the database, `keys.bin`, which is overwritten in
//! place. Erasing a chat overwrites its key's slot with zeros: what is left
//! in old log segments can no longer be read ("crypto-shredding").
//!
//! The file is a table of 64-byte slots (64 divides a disk sector, so a
//! slot is never torn across two): slot 0 is a header; each other slot is
//! free (all zeros) or holds chat id (i64 big-endian) ++ key (32 bytes) ++
//! CRC-32 of those 40 bytes. A slot whose CRC does not match is damaged:
//! its chat has no key (and starts fresh, see `Store::load_chat`).
//!
//! No file I/O happens when a key is made or shredded: the change waits
//! in memory until [`ChatKeys::sync`], which the commit thread calls before
//! sled's flush (see `commit`). So a record sealed with a new key is never
//! durable before the key, and a `/delete` is on disk before the bot says
//! it is done. The file is read once, at start.
//!
//! Stored form of an encrypted value: `E1` ++ 12-byte nonce ++ ciphertext.
//! A value without the `E1` mark is plain (written before encryption came).

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
pub use chacha20poly1305::Key;
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The mark of an encrypted value.
const MARK: &[u8] = b"E1";
const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;

/// One slot of the key table.
const SLOT: usize = 64;
/// What slot 0 starts with.
const HEADER: &[u8] = b"billcoach chat keys v1\n";
/// The key table's file name, in the data folder.
pub const FILE_NAME: &str = "keys.bin";
/// Where keys were kept before the table: one file per chat.
const OLD_FOLDER: &str = "keys";

/// Why a stored value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The chat's key is gone (erased) or damaged.
    NoKey,
    /// The value was changed or cut short.
    Damaged,
}

/// Every chat's key, in memory, and the table file they are kept in.
pub struct ChatKeys {
    path: PathBuf,
    table: Mutex<Table>,
    /// The open table file; only [`ChatKeys::sync`] writes to it.
    file: Mutex<File>,
}

#[derive(Default)]
struct Table {
    keys: HashMap<i64, (u32, Key)>,
    /// Slots free for a new key.
    free: Vec<u32>,
    /// Slots in the file, the header included.
    slots: u32,
    /// Slots changed in memory and not yet written, with their bytes.
    pending: BTreeMap<u32, [u8; SLOT]>,
}

impl ChatKeys {
    /// Opens the key table in the data folder `dir` (made if missing,
    /// readable by its owner only), moving in the keys of the older
    /// one-file-per-chat folder if there is one.
    pub fn open(dir: &Path) -> std::io::Result<ChatKeys> {
        let path = dir.join(FILE_NAME);
        let (file, table) = match std::fs::read(&path) {
            Ok(bytes) => (open_private(&path, false)?, read_table(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut file = open_private(&path, true)?;
                file.write_all(&header())?;
                file.sync_all()?;
                sync_dir(dir);
                (file, Table::new())
            }
            Err(e) => return Err(e),
        };
        let keys = ChatKeys {
            path,
            table: Mutex::new(table),
            file: Mutex::new(file),
        };
        keys.move_in_old_folder(&dir.join(OLD_FOLDER))?;
        Ok(keys)
    }

    /// The chat's key, made (in memory, durable at the next [`sync`]) when
    /// `create` and the chat has none.
    ///
    /// [`sync`]: ChatKeys::sync
    fn key(&self, chat: i64, create: bool) -> Option<Key> {
        let mut table = self.lock();
        if let Some((_, key)) = table.keys.get(&chat) {
            return Some(*key);
        }
        if !create {
            return None;
        }
        let key = ChaCha20Poly1305::generate_key(&mut OsRng);
        table.insert(chat, key);
        Some(key)
    }

    /// `plain` encrypted with the chat's key (made if it has none).
    pub fn seal(&self, chat: i64, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        let key = self
            .key(chat, true)
            .ok_or_else(|| std::io::Error::other("the chat's key could not be made"))?;
        seal_with(&key, plain)
    }

    /// A stored value made readable: decrypted, or as it is when it was
    /// written plain.
    pub fn open_value(&self, chat: i64, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
        if !stored.starts_with(MARK) {
            return Ok(stored.to_vec());
        }
        let key = self.key(chat, false).ok_or(Unreadable::NoKey)?;
        open_with(&key, stored)
    }

    /// Destroys the chat's key: nothing sealed with it can be read again
    /// once its slot is overwritten with zeros, at the next [`sync`].
    ///
    /// [`sync`]: ChatKeys::sync
    pub fn shred(&self, chat: i64) -> std::io::Result<()> {
        let mut table = self.lock();
        if let Some((slot, _)) = table.keys.remove(&chat) {
            table.pending.insert(slot, [0; SLOT]);
            table.free.push(slot);
        }
        Ok(())
    }

    /// The whole table as `keys.bin` would hold it, from memory (every key
    /// made so far, none shredded), for a backup.
    pub fn snapshot(&self) -> Vec<u8> {
        self.lock().encode()
    }

    /// Whether the chat has a key (for tests).
    pub fn has_key(&self, chat: i64) -> bool {
        self.lock().keys.contains_key(&chat)
    }

    /// Writes the keys made and shredded since the last call, durably.
    /// Called by the commit thread, never on the async runtime.
    ///
    /// If the table file was removed or replaced while the bot runs, it is
    /// written again whole from memory (and the log says so), so a key
    /// that sealed a record is never lost from disk.
    pub fn sync(&self) -> std::io::Result<()> {
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if !still_in_place(&file, &self.path) {
            log::warn!("the key table file was removed or replaced while running; writing it again");
            *file = self.rewrite_whole()?;
            return Ok(());
        }
        let pending = std::mem::take(&mut self.lock().pending);
        if pending.is_empty() {
            return Ok(());
        }
        let written = write_slots(&file, &pending).and_then(|()| file.sync_data());
        if written.is_err() {
            // Not on disk: tried again at the next sync (newer changes to
            // the same slots win).
            let mut table = self.lock();
            for (slot, bytes) in pending {
                table.pending.entry(slot).or_insert(bytes);
            }
        }
        written
    }

    /// Writes a fresh table file with every key in memory, in place of the
    /// one at `path`, and returns it open.
    fn rewrite_whole(&self) -> std::io::Result<File> {
        let bytes = {
            let mut table = self.lock();
            table.pending.clear();
            table.encode()
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        check_folder(dir)?;
        let partial = self.path.with_extension("bin.new");
        let mut file = open_private(&partial, true)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, &self.path)?;
        sync_dir(dir);
        Ok(file)
    }

    /// Moves the keys of the one-file-per-chat folder into the table
    /// (durably), then shreds the old files and removes the folder.
    fn move_in_old_folder(&self, old: &Path) -> std::io::Result<()> {
        let Ok(entries) = std::fs::read_dir(old) else {
            return Ok(());
        };
        let mut old_files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let chat = path
                .file_name()
                .and_then(|name| name.to_str())
                .and_then(|name| name.strip_suffix(".key"))
                .and_then(|chat| chat.parse::<i64>().ok());
            if let (Some(chat), Ok(bytes)) = (chat, std::fs::read(&path)) {
                let mut table = self.lock();
                if bytes.len() == KEY_LEN && !table.keys.contains_key(&chat) {
                    table.insert(chat, *Key::from_slice(&bytes));
                }
            }
            old_files.push(path);
        }
        self.sync()?;
        for path in &old_files {
            shred_file(path)?;
        }
        std::fs::remove_dir(old)?;
        log::info!("moved {} chat keys into {FILE_NAME}", old_files.len());
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Table {
    fn new() -> Table {
        Table {
            slots: 1,
            ..Table::default()
        }
    }

    /// Puts a key in a free slot (or a new one at the end), pending.
    fn insert(&mut self, chat: i64, key: Key) {
        let slot = self.free.pop().unwrap_or_else(|| {
            self.slots += 1;
            self.slots - 1
        });
        self.pending.insert(slot, slot_bytes(chat, &key));
        self.keys.insert(chat, (slot, key));
    }

    /// The whole file: the header and every slot.
    fn encode(&self) -> Vec<u8> {
        let mut bytes = vec![0u8; self.slots as usize * SLOT];
        bytes[..SLOT].copy_from_slice(&header());
        for (chat, (slot, key)) in &self.keys {
            let at = *slot as usize * SLOT;
            bytes[at..at + SLOT].copy_from_slice(&slot_bytes(*chat, key));
        }
        bytes
    }
}

/// Reads a table file; damaged slots are left out (and logged).
/// A new random key.
pub fn new_key() -> Key {
    ChaCha20Poly1305::generate_key(&mut OsRng)
}

/// `plain` encrypted with `key`, in the stored form (`E1` ++ nonce ++
/// ciphertext). The PostgreSQL store seals with it too, with each chat's
/// key and with the master key that seals the chat keys.
pub fn seal_with(key: &Key, plain: &[u8]) -> std::io::Result<Vec<u8>> {
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = ChaCha20Poly1305::new(key)
        .encrypt(&nonce, plain)
        .map_err(|_| std::io::Error::other("encryption failed"))?;
    let mut out = Vec::with_capacity(MARK.len() + NONCE_LEN + sealed.len());
    out.extend_from_slice(MARK);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// A value [`seal_with`] sealed with `key`, decrypted; a value without the
/// mark is returned as it is (written plain, before encryption).
pub fn open_with(key: &Key, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
    let Some(rest) = stored.strip_prefix(MARK) else {
        return Ok(stored.to_vec());
    };
    if rest.len() < NONCE_LEN {
        return Err(Unreadable::Damaged);
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    ChaCha20Poly1305::new(key)
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map_err(|_| Unreadable::Damaged)
}

fn read_table(bytes: &[u8]) -> Table {
    let mut table = Table::new();
    let slots = bytes.len() / SLOT;
    table.slots = slots.max(1) as u32;
    for slot in 1..slots {
        let bytes = &bytes[slot * SLOT..(slot + 1) * SLOT];
        match read_slot(bytes) {
            Slot::Free => table.free.push(slot as u32),
            Slot::Key(chat, key) => {
                table.keys.insert(chat, (slot as u32, key));
            }
            Slot::Damaged => {
                log::warn!("key slot {slot} is damaged; its chat starts fresh");
                table.free.push(slot as u32);
            }
        }
    }
    // Lowest slots are reused first.
    table.free.sort_unstable_by(|a, b| b.cmp(a));
    table
}

enum Slot {
    Free,
    Key(i64, Key),
    Damaged,
}

fn read_slot(bytes: &[u8]) -> Slot {
    if bytes.iter().all(|b| *b == 0) {
        return Slot::Free;
    }
    let (body, rest) = bytes.split_at(8 + KEY_LEN);
    let stored_crc = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]);
    if crc32fast::hash(body) != stored_crc {
        return Slot::Damaged;
    }
    let chat = i64::from_be_bytes(body[..8].try_into().unwrap_or_default());
    Slot::Key(chat, *Key::from_slice(&body[8..]))
}

fn slot_bytes(chat: i64, key: &Key) -> [u8; SLOT] {
    let mut bytes = [0u8; SLOT];
    bytes[..8].copy_from_slice(&chat.to_be_bytes());
    bytes[8..8 + KEY_LEN].copy_from_slice(key.as_slice());
    let crc = crc32fast::hash(&bytes[..8 + KEY_LEN]);
    bytes[8 + KEY_LEN..8 + KEY_LEN + 4].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn header() -> [u8; SLOT] {
    let mut bytes = [0u8; SLOT];
    bytes[..HEADER.len()].copy_from_slice(HEADER);
    bytes
}

/// Writes each slot at its place in the file.
fn write_slots(file: &File, slots: &BTreeMap<u32, [u8; SLOT]>) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    for (slot, bytes) in slots {
        file.write_all_at(bytes, u64::from(*slot) * SLOT as u64)?;
    }
    Ok(())
}

/// Whether `path` is still the file open as `file` (not removed, not
/// replaced by another).
fn still_in_place(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Opens (or creates) a file readable by its owner only, for writing.
fn open_private(path: &Path, create: bool) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .truncate(create)
        .mode(0o600)
        .open(path)
}

/// Overwrites a file with zeros, durably, then removes it.
fn shred_file(path: &Path) -> std::io::Result<()> {
    let length = std::fs::metadata(path)?.len() as usize;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(&vec![0u8; length])?;
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)
}

/// Makes sure the data folder is there and is a folder.
fn check_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if !dir.is_dir() {
        return Err(std::io::Error::other(format!("{} is not a folder", dir.display())));
    }
    Ok(())
}

/// Makes a file's creation or removal in `dir` durable (best effort).
fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// The slot bytes of a chat in a table file, for tests that damage one.
pub fn slot_offset_in(file: &Path, chat: i64) -> Option<u64> {
    let mut bytes = Vec::new();
    File::open(file).ok()?.read_to_end(&mut bytes).ok()?;
    (1..bytes.len() / SLOT)
        .find(|slot| bytes[slot * SLOT..slot * SLOT + 8] == chat.to_be_bytes())
        .map(|slot| (slot * SLOT) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synced(dir: &Path) -> ChatKeys {
        ChatKeys::open(dir).unwrap()
    }

    #[test]
    fn sealed_values_open_with_the_chats_key_only_until_it_is_shredded() {
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        let sealed = keys.seal(7, b"my member id W123").unwrap();
        assert!(sealed.starts_with(MARK));
        assert!(!sealed.windows(4).any(|w| w == b"W123"), "not readable as stored");
        assert_eq!(keys.open_value(7, &sealed).unwrap(), b"my member id W123");
        keys.seal(8, b"x").unwrap();
        keys.sync().unwrap();
        let other = synced(dir.path());
        assert_eq!(
            other.open_value(7, &sealed).unwrap(),
            b"my member id W123",
            "keys persist"
        );
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(keys.open_value(7, &tampered), Err(Unreadable::Damaged));
        // Plain values from before encryption read as they are.
        assert_eq!(keys.open_value(7, b"{\"version\":3}").unwrap(), b"{\"version\":3}");

        keys.shred(7).unwrap();
        keys.sync().unwrap();
        assert!(!keys.has_key(7) && keys.has_key(8));
        assert_eq!(keys.open_value(7, &sealed), Err(Unreadable::NoKey));
        let reopened = synced(dir.path());
        assert_eq!(reopened.open_value(7, &sealed), Err(Unreadable::NoKey));
        let key_bytes = &slot_bytes(7, &Key::default())[..8];
        let file = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        assert!(
            !file.chunks(SLOT).any(|slot| &slot[..8] == key_bytes),
            "the slot is zeros on disk"
        );
    }

    #[test]
    fn a_new_key_is_on_disk_only_after_sync() {
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        keys.seal(3, b"fine").unwrap();
        assert!(!synced(dir.path()).has_key(3), "not written before the commit");
        keys.sync().unwrap();
        assert!(synced(dir.path()).has_key(3));
    }

    #[test]
    fn a_damaged_slot_opens_nothing_and_its_chat_gets_a_fresh_key() {
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        let sealed = keys.seal(4, b"old answers").unwrap();
        keys.seal(5, b"other chat").unwrap();
        keys.sync().unwrap();
        let path = dir.path().join(FILE_NAME);
        let at = slot_offset_in(&path, 4).unwrap() as usize;
        let mut file = std::fs::read(&path).unwrap();
        file[at + 20] ^= 0xff;
        std::fs::write(&path, file).unwrap();

        let keys = synced(dir.path());
        assert_eq!(keys.open_value(4, &sealed), Err(Unreadable::NoKey));
        assert!(keys.has_key(5), "the other chat keeps its key");
        let fresh = keys.seal(4, b"new answers").unwrap();
        keys.sync().unwrap();
        let reopened = synced(dir.path());
        assert_eq!(reopened.open_value(4, &fresh).unwrap(), b"new answers");
        assert_eq!(reopened.open_value(4, &sealed), Err(Unreadable::Damaged));
    }

    #[test]
    fn a_table_file_removed_while_running_is_written_again_whole() {
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        let sealed = keys.seal(5, b"answers").unwrap();
        keys.sync().unwrap();
        std::fs::remove_file(dir.path().join(FILE_NAME)).unwrap();
        keys.seal(6, b"later").unwrap();
        keys.sync().unwrap();
        let restarted = synced(dir.path());
        assert_eq!(restarted.open_value(5, &sealed).unwrap(), b"answers");
        assert!(restarted.has_key(6));
    }

    #[test]
    fn keys_of_the_older_folder_are_moved_in_and_their_files_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(OLD_FOLDER);
        std::fs::create_dir(&old).unwrap();
        let key = ChaCha20Poly1305::generate_key(&mut OsRng);
        std::fs::write(old.join("12.key"), key.as_slice()).unwrap();
        std::fs::write(old.join("13.key"), b"cut").unwrap();
        std::fs::write(old.join("12.key.new"), b"half").unwrap();
        let keys = synced(dir.path());
        assert!(keys.has_key(12) && !keys.has_key(13));
        assert!(!old.exists(), "the old folder is gone");
        let sealed = {
            let cipher = ChaCha20Poly1305::new(&key);
            let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
            let mut out = MARK.to_vec();
            out.extend_from_slice(&nonce);
            out.extend(cipher.encrypt(&nonce, &b"kept"[..]).unwrap());
            out
        };
        assert_eq!(synced(dir.path()).open_value(12, &sealed).unwrap(), b"kept");
    }

    #[test]
    fn freed_slots_are_reused_so_the_file_stays_small() {
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        for chat in 0..100 {
            keys.seal(chat, b"x").unwrap();
            keys.shred(chat).unwrap();
        }
        keys.sync().unwrap();
        let size = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap().len();
        assert_eq!(size, 2 * SLOT as u64, "the header and one slot");
    }

    #[cfg(unix)]
    #[test]
    fn the_key_table_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let keys = synced(dir.path());
        keys.seal(1, b"x").unwrap();
        keys.sync().unwrap();
        let mode = std::fs::metadata(dir.path().join(FILE_NAME))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}
