//! The reminder time index: one key per reminder still to send, ordered by
//! when it is due, so the scheduler finds what is due with one range scan.
//!
//! Key: due time (unix seconds, u64 big-endian) ++ chat id (i64
//! big-endian) ++ reminder id (u32 big-endian). The value is empty: the
//! reminder itself lives in the chat's record.

use super::ChatRecord;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// One reminder found in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueEntry {
    pub due: DateTime<Utc>,
    pub chat: i64,
    pub reminder: u32,
}

const KEY_LEN: usize = 8 + 8 + 4;

impl DueEntry {
    /// The index key of this entry.
    pub fn key(&self) -> Vec<u8> {
        let seconds = u64::try_from(self.due.timestamp()).unwrap_or(0);
        let mut key = Vec::with_capacity(KEY_LEN);
        key.extend_from_slice(&seconds.to_be_bytes());
        key.extend_from_slice(&self.chat.to_be_bytes());
        key.extend_from_slice(&self.reminder.to_be_bytes());
        key
    }

    /// Reads a key; `None` for a key of another shape.
    pub fn from_key(key: &[u8]) -> Option<DueEntry> {
        if key.len() != KEY_LEN {
            return None;
        }
        let seconds = u64::from_be_bytes(key[0..8].try_into().ok()?);
        Some(DueEntry {
            due: DateTime::from_timestamp(i64::try_from(seconds).ok()?, 0)?,
            chat: i64::from_be_bytes(key[8..16].try_into().ok()?),
            reminder: u32::from_be_bytes(key[16..20].try_into().ok()?),
        })
    }
}

/// The index keys a record calls for: one per reminder still to send.
pub fn keys_of(chat: i64, record: &ChatRecord) -> BTreeSet<Vec<u8>> {
    record
        .state
        .reminders
        .items
        .iter()
        .filter(|reminder| reminder.is_pending())
        .map(|reminder| {
            DueEntry {
                due: reminder.due,
                chat,
                reminder: reminder.id,
            }
            .key()
        })
        .collect()
}

/// The first key after every entry due at or before `now`.
pub fn upper_bound(now: DateTime<Utc>) -> Vec<u8> {
    let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
    (seconds + 1).to_be_bytes().to_vec()
}

/// A chat's index keys as one value (`chat_due`): the keys one after
/// another, each [`KEY_LEN`] bytes.
pub fn join_keys(keys: &BTreeSet<Vec<u8>>) -> Vec<u8> {
    keys.iter().flatten().copied().collect()
}

/// The keys of a [`join_keys`] value; a cut tail is ignored.
pub fn split_keys(joined: &[u8]) -> BTreeSet<Vec<u8>> {
    joined.chunks_exact(KEY_LEN).map(<[u8]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chats_keys_join_into_one_value_and_split_back() {
        let key = |reminder: u32| {
            DueEntry {
                due: DateTime::from_timestamp(1_000 + i64::from(reminder), 0).unwrap(),
                chat: 7,
                reminder,
            }
            .key()
        };
        let keys: BTreeSet<Vec<u8>> = [key(1), key(2), key(3)].into();
        assert_eq!(split_keys(&join_keys(&keys)), keys);
        assert!(split_keys(&join_keys(&BTreeSet::new())).is_empty());
        let mut cut = join_keys(&keys);
        cut.truncate(KEY_LEN * 2 + 3);
        assert_eq!(split_keys(&cut).len(), 2, "a cut tail is ignored");
    }

    #[test]
    fn keys_round_trip_and_sort_by_time_first() {
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap();
        let early = DueEntry {
            due: at(1_000),
            chat: -5,
            reminder: 9,
        };
        let late = DueEntry {
            due: at(2_000),
            chat: -9_000_000_000,
            reminder: 0,
        };
        assert_eq!(DueEntry::from_key(&early.key()), Some(early));
        assert_eq!(DueEntry::from_key(&late.key()), Some(late));
        assert!(early.key() < late.key());
        assert!(early.key() < upper_bound(at(1_000)));
        assert!(late.key() > upper_bound(at(1_000)));
        assert_eq!(DueEntry::from_key(b"short"), None);
    }
}
