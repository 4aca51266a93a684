//! The records last read or written, kept decoded: the next update of a
//! busy chat skips decrypting, inflating and parsing its record again.
//!
//! An entry is used only while the bytes stored for its chat are the very
//! bytes it was made from, so a write that went around the cache (another
//! path, a repair) makes it miss, never serve an old record. Bounded by the
//! stored bytes it keeps: past [`CACHE_BYTES`], the oldest entries go.

use super::record::ChatRecord;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// About this many stored bytes of records are kept (decoded, a record
/// takes a few times its stored size).
pub const CACHE_BYTES: usize = 8 << 20;

/// Decoded records by chat, each with the stored bytes it stands for.
#[derive(Default)]
pub struct RecordCache {
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    /// Each chat's stored bytes, decoded record, and the number of the put
    /// that made it.
    by_chat: HashMap<i64, (sled::IVec, ChatRecord, u64)>,
    /// Puts, oldest first: a chat's entry goes when its last put does.
    order: VecDeque<(i64, u64)>,
    puts: u64,
    bytes: usize,
}

impl RecordCache {
    /// The record `stored` decodes to, when it is the one kept for `chat`.
    pub fn get(&self, chat: i64, stored: &sled::IVec) -> Option<ChatRecord> {
        let entries = self.lock();
        match entries.by_chat.get(&chat) {
            Some((bytes, record, _)) if bytes == stored => Some(record.clone()),
            _ => None,
        }
    }

    /// Keeps `record` as what `stored` decodes to for `chat`.
    pub fn put(&self, chat: i64, stored: sled::IVec, record: ChatRecord) {
        let mut entries = self.lock();
        entries.puts += 1;
        let put = entries.puts;
        entries.bytes += stored.len();
        if let Some((old, _, _)) = entries.by_chat.insert(chat, (stored, record, put)) {
            entries.bytes -= old.len();
        }
        entries.order.push_back((chat, put));
        // Old puts of chats put again since are dropped as they come up;
        // a chat's entry goes at its last put, while over the budget.
        while entries.bytes > CACHE_BYTES || entries.order.len() > 2 * entries.by_chat.len() + 64 {
            let Some((oldest, put)) = entries.order.pop_front() else {
                break;
            };
            let last = entries.by_chat.get(&oldest).is_some_and(|(_, _, at)| *at == put);
            if last && entries.bytes > CACHE_BYTES {
                if let Some((old, _, _)) = entries.by_chat.remove(&oldest) {
                    entries.bytes -= old.len();
                }
            } else if last {
                // Under the budget: keep it, at the back.
                entries.order.push_back((oldest, put));
                break;
            }
        }
    }

    /// Forgets a chat (erased).
    pub fn forget(&self, chat: i64) {
        let mut entries = self.lock();
        if let Some((old, _, _)) = entries.by_chat.remove(&chat) {
            entries.bytes -= old.len();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_within_its_budget_and_keeps_the_latest() {
        let cache = RecordCache::default();
        let size = 64 * 1024;
        for round in 0..3 {
            for chat in 0..400 {
                let bytes = sled::IVec::from(vec![round as u8; size]);
                cache.put(chat, bytes, ChatRecord::new());
            }
        }
        let entries = cache.lock();
        assert!(entries.bytes <= CACHE_BYTES, "{} bytes kept", entries.bytes);
        assert!(entries.order.len() <= 2 * entries.by_chat.len() + 64);
        drop(entries);
        let latest = sled::IVec::from(vec![2u8; size]);
        assert!(cache.get(399, &latest).is_some(), "the last put is kept");
        assert!(
            cache.get(399, &sled::IVec::from(vec![1u8; size])).is_none(),
            "old bytes miss"
        );
        cache.forget(399);
        assert!(cache.get(399, &latest).is_none());
    }
}
