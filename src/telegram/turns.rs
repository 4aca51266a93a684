//! Turns: one instance at a time handles a chat's updates, in the order
//! Telegram numbered them, when several instances share one store behind a
//! load balancer that may hand one chat's updates to two of them at once.
//!
//! Every update is in the store's inbox before the post is answered 200
//! ([`super::webhook`]), so the inbox holds each chat's updates not yet
//! handled, whichever instance took them. Before an instance handles a
//! chat's update it takes the chat's turn ([`Store::take_turn`], leased for
//! `BILLCOACH_CHAT_TURN_SECONDS`), handles first the chat's kept updates
//! numbered before it, renews the turn while a long handler runs, and ends
//! it when done (also when the handler panics: [`Turn`] ends it on drop).
//! An instance that cannot take the turn leaves the update in the inbox,
//! and [`pick_up_waiting`] on some instance later hands the kept updates of
//! every chat whose turn is free to that chat's lane, first kept first. A
//! turn left by a killed instance is free once its lease runs out, so its
//! chats wait at most one lease.
//!
//! On the embedded store (one process) the turn is always free and no chat
//! is ever waiting: the chat lanes ([`super::lanes`]) already give each
//! chat one turn, in order, so a turn there is only counted: no renewal
//! task and no look at the inbox per update (issue 14's hot path).

use super::inbox;
use crate::store::Store;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use teloxide::types::Update;

/// How often an instance looks for chats whose kept updates wait for a
/// free turn.
const PICK_UP_EVERY: Duration = Duration::from_millis(250);

/// At most this many waiting chats are picked up in one look.
const PICK_UP_CHATS: usize = 64;

/// This instance's turns.
pub struct Turns {
    store: Store,
    /// This instance's id in the turns table: unique per process start, so
    /// a restarted instance does not take its dead self's turns early.
    owner: String,
    lease: Duration,
    /// How many [`Turn`]s this instance holds now.
    held: AtomicUsize,
}

impl Turns {
    pub fn new(store: Store, lease: Duration) -> Arc<Turns> {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let host = std::env::var("HOSTNAME").unwrap_or_default();
        Arc::new(Turns {
            store,
            owner: format!("{host}:{}:{started:x}", std::process::id()),
            lease: lease.max(Duration::from_secs(1)),
            held: AtomicUsize::new(0),
        })
    }

    /// Takes the chat's turn, renewed in the background until the [`Turn`]
    /// is dropped; `None` while another instance holds it (or the store
    /// cannot say: the update stays in the inbox either way).
    pub fn take(self: &Arc<Self>, chat: i64) -> Option<Turn> {
        match self.store.take_turn(chat, &self.owner, self.lease) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                log::warn!("chat {chat}: its turn could not be taken ({e}); its updates wait in the inbox");
                return None;
            }
        }
        self.held.fetch_add(1, Ordering::SeqCst);
        if !self.store.is_shared() {
            return Some(Turn {
                turns: self.clone(),
                chat,
                renewing: None,
            });
        }
        let turns = self.clone();
        let renewing = tokio::spawn(async move {
            loop {
                tokio::time::sleep(turns.lease / 3).await;
                match turns.store.renew_turn(chat, &turns.owner, turns.lease) {
                    Ok(true) => {}
                    Ok(false) => log::warn!("chat {chat}: its turn ran out during a long handler"),
                    Err(e) => log::warn!("chat {chat}: its turn could not be renewed: {e}"),
                }
            }
        });
        Some(Turn {
            turns: self.clone(),
            chat,
            renewing: Some(renewing),
        })
    }
}

/// A chat's turn, held by this instance until dropped.
pub struct Turn {
    turns: Arc<Turns>,
    chat: i64,
    /// The task renewing the lease (none on the embedded store).
    renewing: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.turns.held.fetch_sub(1, Ordering::SeqCst);
        let Some(renewing) = &self.renewing else {
            return;
        };
        renewing.abort();
        if let Err(e) = self.turns.store.end_turn(self.chat, &self.turns.owner) {
            log::warn!(
                "chat {}: its turn could not be ended ({e}); it ends with its lease",
                self.chat
            );
        }
    }
}

/// The chat's kept updates numbered before `id` (taken by this or another
/// instance and not handled yet), first first: they go before it.
pub fn kept_before(store: &Store, chat: i64, id: u32) -> Vec<Update> {
    if !store.is_shared() {
        // One process: the chat's lane already handled them, in order.
        return Vec::new();
    }
    match store.first_kept(chat) {
        Ok(Some(first)) if first < id => {}
        Ok(_) => return Vec::new(),
        Err(e) => {
            log::warn!("chat {chat}: the inbox cannot be read ({e})");
            return Vec::new();
        }
    }
    read_kept(store, chat)
        .into_iter()
        .take_while(|update| update.id.0 < id)
        .collect()
}

/// The chat's kept updates, first first.
fn read_kept(store: &Store, chat: i64) -> Vec<Update> {
    let kept = match store.kept_of(chat) {
        Ok(kept) => kept,
        Err(e) => {
            log::warn!("chat {chat}: the inbox cannot be read ({e})");
            return Vec::new();
        }
    };
    kept.into_iter()
        .filter_map(|(id, bytes)| inbox::read(store, chat, id, &bytes))
        .collect()
}

/// Until `stop` turns true, looks every [`PICK_UP_EVERY`] for chats whose
/// kept updates wait for a free turn and gives them, first first, to
/// `hand_on` (the chat's lane), for each chat whose lane `is_idle` here.
pub async fn pick_up_waiting(
    store: Store,
    is_idle: impl Fn(i64) -> bool + Send,
    hand_on: impl Fn(Update) + Send,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|stop| *stop) => return,
            _ = tokio::time::sleep(PICK_UP_EVERY) => {}
        }
        let waiting = match store.chats_waiting(PICK_UP_CHATS) {
            Ok(waiting) => waiting,
            Err(e) => {
                log::warn!("the inbox cannot be read for chats waiting ({e})");
                continue;
            }
        };
        for chat in waiting.into_iter().filter(|chat| is_idle(*chat)) {
            let kept = read_kept(&store, chat);
            if !kept.is_empty() {
                log::debug!("chat {chat}: {} kept updates picked up", kept.len());
            }
            for update in kept {
                hand_on(update);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::telegram::lanes::{ChatLanes, Work};
    use std::sync::Mutex;

    impl Turns {
        fn held(&self) -> usize {
            self.held.load(Ordering::SeqCst)
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_handler_loses_only_its_own_update_and_ends_its_turn() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        let turns = Turns::new(store, Duration::from_secs(30));
        let served: Arc<Mutex<Vec<u32>>> = Arc::default();
        let lanes = {
            let (turns, served) = (turns.clone(), served.clone());
            ChatLanes::new(
                20,
                Arc::new(move |chat, work: Work<u32>| {
                    let (turns, served) = (turns.clone(), served.clone());
                    Box::pin(async move {
                        let Work::Update(n) = work else { return };
                        let _turn = turns.take(chat).expect("the chat's turn");
                        tokio::task::yield_now().await;
                        assert_ne!(n, 2, "the handler of update 2 panics");
                        served.lock().unwrap().push(n);
                    })
                }),
            )
        };
        for n in 1..=3 {
            lanes.push(5, n);
        }
        lanes.push(6, 10);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while served.lock().unwrap().len() < 3 {
            assert!(std::time::Instant::now() < deadline, "{:?}", served.lock().unwrap());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let mut seen = served.lock().unwrap().clone();
        seen.sort();
        assert_eq!(seen, [1, 3, 10], "only the panicking update is lost");
        assert_eq!(turns.held(), 0, "every turn ended, the panicking handler's too");
    }
}
