//! One lock per chat (striped): a user's update and the reminder scheduler
//! never read-modify-write the same chat record at the same time.

use tokio::sync::{Mutex, MutexGuard};

/// How many locks the chats share. Two chats on the same stripe only wait
/// for each other's store write, which takes microseconds.
const STRIPES: usize = 64;

/// The chat locks.
pub struct ChatLocks {
    stripes: Vec<Mutex<()>>,
}

impl Default for ChatLocks {
    fn default() -> Self {
        ChatLocks {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }
}

impl ChatLocks {
    /// Waits for every chat's lock, stripe by stripe in order (a single
    /// chat's lock is one stripe, so nothing waits in a circle): no record
    /// changes while they are held (a backup).
    pub async fn lock_all(&self) -> Vec<MutexGuard<'_, ()>> {
        let mut guards = Vec::with_capacity(STRIPES);
        for stripe in &self.stripes {
            guards.push(stripe.lock().await);
        }
        guards
    }

    /// Waits for the chat's lock; it is held until the guard is dropped.
    pub async fn lock(&self, chat: i64) -> MutexGuard<'_, ()> {
        let stripe = chat.rem_euclid(STRIPES as i64) as usize;
        self.stripes[stripe].lock().await
    }
}
