//! Per-chat encryption keys, so that `/delete` really erases.
//!
//! sled is log-structured: a value removed from a tree stays in its old
//! log segments until they are rewritten. So what the store writes about a
//! chat (its record, updates kept in the inbox) is encrypted with a key of
//! that chat's own (ChaCha20-Poly1305), and the keys live outside sled, one
//! small file each in `keys/` next to the database. Erasing a chat deletes
//! its key file (overwritten first): what is left in old log segments can
//! no longer be read ("crypto-shredding").
//!
//! Stored form of an encrypted value: `E1` ++ 12-byte nonce ++ ciphertext.
//! A value without the `E1` mark is plain (written before encryption came).

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The mark of an encrypted value.
const MARK: &[u8] = b"E1";
const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;

/// Why a stored value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The chat's key is gone (erased) or damaged.
    NoKey,
    /// The value was changed or cut short.
    Damaged,
}

/// The key files of every chat, with the ones in use cached.
pub struct ChatKeys {
    dir: PathBuf,
    cache: Mutex<HashMap<i64, Key>>,
}

impl ChatKeys {
    /// The key folder `dir` (created, readable by its owner only).
    pub fn open(dir: &Path) -> std::io::Result<ChatKeys> {
        check_folder(dir)?;
        Ok(ChatKeys {
            dir: dir.to_path_buf(),
            cache: Mutex::new(HashMap::new()),
        })
    }

    fn path(&self, chat: i64) -> PathBuf {
        self.dir.join(format!("{chat}.key"))
    }

    /// The chat's key, made (and written durably) when `create` and the
    /// chat has none, or only a damaged one (what it sealed cannot be read
    /// any more, whatever is done: the chat starts fresh, see
    /// `Store::load_chat`).
    ///
    /// The cache never outlives the file: a cached key is used only while
    /// its file is still there (one `stat`), so a key file or the whole
    /// folder removed while the bot runs is a missing key, not a key that
    /// seals records no restart could read.
    fn key(&self, chat: i64, create: bool) -> std::io::Result<Option<Key>> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.path(chat);
        if let Some(key) = cache.get(&chat) {
            if path.exists() {
                return Ok(Some(*key));
            }
            log::warn!("chat {chat}: its key file disappeared; what it sealed cannot be read");
            cache.remove(&chat);
        }
        let missing = match std::fs::read(&path) {
            Ok(bytes) if bytes.len() == KEY_LEN => {
                let key = *Key::from_slice(&bytes);
                cache.insert(chat, key);
                return Ok(Some(key));
            }
            Ok(_) => {
                log::warn!("chat {chat}: its key file is damaged");
                false
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(e),
        };
        if !create {
            return Ok(None);
        }
        if !missing {
            log::warn!("chat {chat}: a new key replaces the damaged one");
        }
        // The folder may have been removed or changed since the start.
        check_folder(&self.dir)?;
        let key = ChaCha20Poly1305::generate_key(&mut OsRng);
        write_private(&path, key.as_slice())?;
        cache.insert(chat, key);
        Ok(Some(key))
    }

    /// `plain` encrypted with the chat's key (made if it has none).
    pub fn seal(&self, chat: i64, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        let key = self
            .key(chat, true)?
            .ok_or_else(|| std::io::Error::other("the chat's key could not be made"))?;
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = ChaCha20Poly1305::new(&key)
            .encrypt(&nonce, plain)
            .map_err(|_| std::io::Error::other("encryption failed"))?;
        let mut out = Vec::with_capacity(MARK.len() + NONCE_LEN + sealed.len());
        out.extend_from_slice(MARK);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// A stored value made readable: decrypted, or as it is when it was
    /// written plain.
    pub fn open_value(&self, chat: i64, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
        let Some(rest) = stored.strip_prefix(MARK) else {
            return Ok(stored.to_vec());
        };
        if rest.len() < NONCE_LEN {
            return Err(Unreadable::Damaged);
        }
        let key = match self.key(chat, false) {
            Ok(Some(key)) => key,
            _ => return Err(Unreadable::NoKey),
        };
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        ChaCha20Poly1305::new(&key)
            .decrypt(Nonce::from_slice(nonce), sealed)
            .map_err(|_| Unreadable::Damaged)
    }

    /// Destroys the chat's key: its file is overwritten, flushed and
    /// removed, so nothing sealed with it can be read again.
    pub fn shred(&self, chat: i64) -> std::io::Result<()> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).remove(&chat);
        let path = self.path(chat);
        match std::fs::OpenOptions::new().write(true).open(&path) {
            Ok(mut file) => {
                file.write_all(&[0u8; KEY_LEN])?;
                file.sync_all()?;
                drop(file);
                std::fs::remove_file(&path)?;
                sync_dir(&self.dir);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Whether the chat has a key file (for tests).
    pub fn has_key(&self, chat: i64) -> bool {
        self.path(chat).exists()
    }
}

/// Makes sure the key folder is there, is a folder, and is readable by its
/// owner only: at start and before each new key.
fn check_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if !dir.is_dir() {
        return Err(std::io::Error::other(format!("{} is not a folder", dir.display())));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes a file readable by its owner only, durably and whole: written
/// beside it first, then renamed into place, so a crash leaves either no
/// key file or a complete one (never a cut one that would lock the chat
/// out).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = path.with_extension("key.new");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, path)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Makes a file's creation or removal in `dir` durable (best effort).
fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_the_chats_key_only_until_it_is_shredded() {
        let dir = tempfile::tempdir().unwrap();
        let keys = ChatKeys::open(dir.path()).unwrap();
        let sealed = keys.seal(7, b"my member id W123").unwrap();
        assert!(sealed.starts_with(MARK));
        assert!(!sealed.windows(4).any(|w| w == b"W123"), "not readable as stored");
        assert_eq!(keys.open_value(7, &sealed).unwrap(), b"my member id W123");
        // Another chat's key does not open it.
        keys.seal(8, b"x").unwrap();
        let other = ChatKeys::open(dir.path()).unwrap();
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
        assert!(!keys.has_key(7) && keys.has_key(8));
        assert_eq!(keys.open_value(7, &sealed), Err(Unreadable::NoKey));
        let reopened = ChatKeys::open(dir.path()).unwrap();
        assert_eq!(reopened.open_value(7, &sealed), Err(Unreadable::NoKey));
        keys.shred(7).unwrap();
    }

    #[test]
    fn a_key_half_written_before_a_crash_is_not_in_place() {
        let dir = tempfile::tempdir().unwrap();
        // What a crash mid-write leaves: the partial file, not the key.
        std::fs::write(dir.path().join("3.key.new"), b"cut").unwrap();
        let keys = ChatKeys::open(dir.path()).unwrap();
        let sealed = keys.seal(3, b"fine").unwrap();
        assert_eq!(keys.open_value(3, &sealed).unwrap(), b"fine");
        assert!(!dir.path().join("3.key.new").exists());
    }

    #[test]
    fn a_damaged_key_opens_nothing_and_is_replaced_by_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let keys = ChatKeys::open(dir.path()).unwrap();
        let sealed = keys.seal(4, b"old answers").unwrap();
        // Cut to 5 bytes (a disk fault, a hand edit), with a new process.
        std::fs::write(dir.path().join("4.key"), b"12345").unwrap();
        let keys = ChatKeys::open(dir.path()).unwrap();
        assert_eq!(keys.open_value(4, &sealed), Err(Unreadable::NoKey));
        let fresh = keys.seal(4, b"new answers").unwrap();
        assert_eq!(std::fs::read(dir.path().join("4.key")).unwrap().len(), KEY_LEN);
        let reopened = ChatKeys::open(dir.path()).unwrap();
        assert_eq!(reopened.open_value(4, &fresh).unwrap(), b"new answers");
        assert_eq!(reopened.open_value(4, &sealed), Err(Unreadable::Damaged));
    }

    #[test]
    fn the_cache_never_outlives_the_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("keys");
        let keys = ChatKeys::open(&folder).unwrap();
        let sealed = keys.seal(5, b"answers").unwrap();
        assert_eq!(keys.open_value(5, &sealed).unwrap(), b"answers", "cached");
        // The whole folder removed while the bot runs.
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(
            keys.open_value(5, &sealed),
            Err(Unreadable::NoKey),
            "the cached key is not used without its file"
        );
        // A new key goes to disk (the folder made again) before it seals.
        let after = keys.seal(5, b"after").unwrap();
        let restarted = ChatKeys::open(&folder).unwrap();
        assert_eq!(
            restarted.open_value(5, &after).unwrap(),
            b"after",
            "readable after a restart"
        );
    }

    #[cfg(unix)]
    #[test]
    fn key_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let keys = ChatKeys::open(&dir.path().join("keys")).unwrap();
        keys.seal(1, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("keys")), 0o700);
        assert_eq!(mode(&dir.path().join("keys/1.key")), 0o600);
    }
}
