//! A backup of the whole store in one file: every sled tree, then the key
//! table, then a CRC-32 of all of it.
//!
//! ```text
//! "billcoach backup v1\n"
//! u32 trees, then per tree: u32 name length, name,
//!   then per entry: 1, u32 key length, key, u32 value length, value;
//!   then 0 (the tree's end: the inbox may change while it is read, so
//!   no count is written ahead)
//! u64 key table length, the key table (as `keys.bin` holds it)
//! u32 CRC-32 of everything above
//! ```
//! (big-endian). Values stay sealed with their chats' keys, and the key
//! table travels with them, so a backup file is as sensitive as the data
//! folder: it is written `0600`.
//!
//! Consistency is the caller's: the engine takes every chat's lock first
//! (no record, items and reminder index half written). The trees are read
//! before the key table, so every key a copied value was sealed with is in
//! the copy (keys are only ever added, or shredded with their chat).

use super::sled_store::create_private_dir;
use super::{chat_keys, SledStore, StoreError};
use std::io::{BufWriter, Write};
use std::path::Path;

const MAGIC: &[u8] = b"billcoach backup v1\n";

/// Why a restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("the data folder {0} is not empty; restore only into an empty or new folder")]
    NotEmpty(String),
    #[error("the file is not a billcoach backup, or it is damaged")]
    NotABackup,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// A writer that keeps the CRC of what went through it.
struct Summing<W: Write> {
    inner: W,
    crc: crc32fast::Hasher,
    written: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl SledStore {
    /// Writes a backup of the store to `path` (through a temporary file
    /// beside it, renamed when complete and synced); returns its size.
    /// Blocking: call it off the async runtime, with writers held off.
    pub fn write_backup(&self, path: &Path) -> Result<u64, StoreError> {
        let partial = path.with_extension("partial");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&partial)?;
        let mut out = Summing {
            inner: BufWriter::new(file),
            crc: crc32fast::Hasher::new(),
            written: 0,
        };
        out.write_all(MAGIC)?;
        let names = self.db.tree_names();
        out.write_all(&(names.len() as u32).to_be_bytes())?;
        for name in names {
            let tree = self.db.open_tree(&name)?;
            out.write_all(&(name.len() as u32).to_be_bytes())?;
            out.write_all(&name)?;
            for entry in tree.iter() {
                let (key, value) = entry?;
                out.write_all(&[1])?;
                out.write_all(&(key.len() as u32).to_be_bytes())?;
                out.write_all(&key)?;
                out.write_all(&(value.len() as u32).to_be_bytes())?;
                out.write_all(&value)?;
            }
            out.write_all(&[0])?;
        }
        let keys = self.keys.snapshot();
        out.write_all(&(keys.len() as u64).to_be_bytes())?;
        out.write_all(&keys)?;
        let crc = out.crc.clone().finalize();
        out.write_all(&crc.to_be_bytes())?;
        let written = out.written;
        let file = out.inner.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&partial, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(written)
    }

    /// Restores the backup file `backup` into the data folder `dir`, which
    /// must be missing or empty; the store is flushed before it returns.
    pub fn restore_backup(backup: &Path, dir: &Path) -> Result<(), RestoreError> {
        SledStore::restore_backup_bytes(&std::fs::read(backup)?, dir)
    }

    /// [`SledStore::restore_backup`] from a backup's bytes.
    pub fn restore_backup_bytes(bytes: &[u8], dir: &Path) -> Result<(), RestoreError> {
        if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
            return Err(RestoreError::NotEmpty(dir.display().to_string()));
        }
        let (trees, keys) = parse(bytes).ok_or(RestoreError::NotABackup)?;
        create_private_dir(dir)?;
        // The keys first: the store opens them.
        std::fs::write(dir.join(chat_keys::FILE_NAME), keys)?;
        let store = SledStore::open(dir)?;
        for (name, entries) in trees {
            let tree = store.db.open_tree(name).map_err(StoreError::from)?;
            let mut batch = sled::Batch::default();
            for (key, value) in entries {
                batch.insert(key, value);
            }
            tree.apply_batch(batch).map_err(StoreError::from)?;
        }
        store.db.flush().map_err(StoreError::from)?;
        Ok(())
    }
}

type Entries<'a> = Vec<(&'a [u8], &'a [u8])>;
/// Each tree's name and entries.
type Trees<'a> = Vec<(&'a [u8], Entries<'a>)>;

/// The trees and the key table of a backup, if it is whole.
fn parse(bytes: &[u8]) -> Option<(Trees<'_>, &[u8])> {
    let (body, crc) = bytes.split_at_checked(bytes.len().checked_sub(4)?)?;
    if crc32fast::hash(body).to_be_bytes() != crc {
        return None;
    }
    let mut at = body.strip_prefix(MAGIC)?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, rest) = at.split_at_checked(n)?;
        at = rest;
        Some(head)
    };
    let mut trees = Vec::new();
    let count = u32::from_be_bytes(take(4)?.try_into().ok()?);
    for _ in 0..count {
        let name_len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
        let name = take(name_len)?;
        let mut tree = Vec::new();
        while take(1)? == [1] {
            let key_len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
            let key = take(key_len)?;
            let value_len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
            let value = take(value_len)?;
            tree.push((key, value));
        }
        trees.push((name, tree));
    }
    let keys_len = u64::from_be_bytes(take(8)?.try_into().ok()?) as usize;
    let keys = take(keys_len)?;
    at.is_empty().then_some((trees, keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ChatRecord, Store};

    #[test]
    fn a_backup_restores_every_record_and_key_and_refuses_damage_and_a_used_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        let mut record = ChatRecord::new();
        record.state.time_zone = Some("America/Chicago".into());
        store.save_chat(1, &record).unwrap().written().unwrap();
        store.save_chat(2, &ChatRecord::new()).unwrap().written().unwrap();
        store.keep_update(3, 77, b"an update").unwrap();
        let file = dir.path().join("backup.bin");
        let size = store.write_backup(&file).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().len(), size);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a backup holds the keys");
        }

        let restored = dir.path().join("restored");
        Store::restore_backup(&file, &restored).unwrap();
        let again = Store::open(&restored).unwrap();
        let loaded = again.load_chat(1).unwrap();
        assert!(!loaded.was_reset, "readable: its key came along");
        assert_eq!(loaded.record.state.time_zone.as_deref(), Some("America/Chicago"));
        assert!(again.has_chat_key(2));
        assert_eq!(again.kept_updates().unwrap(), [(3, 77, b"an update".to_vec())]);
        drop(again);

        assert!(matches!(
            Store::restore_backup(&file, &restored),
            Err(RestoreError::NotEmpty(_))
        ));
        let mut damaged = std::fs::read(&file).unwrap();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 1;
        std::fs::write(&file, damaged).unwrap();
        assert!(matches!(
            Store::restore_backup(&file, &dir.path().join("other")),
            Err(RestoreError::NotABackup)
        ));
    }
}
