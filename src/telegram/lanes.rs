//! One lane per chat: a chat's updates are handled one at a time, in the
//! order they came, and different chats never wait for each other.
//!
//! The receiver puts each update in its chat's lane without ever waiting
//! (a lock held for a push, no `.await`). A lane holds at most `limit`
//! updates; past that an update is dropped and counted, and the lane's
//! worker says so to the user once, in order, where the drop happened
//! ([`Work::Skipped`]). A chat's worker is a task that lives while its lane
//! has work, so a chat that floods the bot costs one task and `limit`
//! updates of memory, and every other chat is served beside it.
//!
//! Generic over the update type, so it is tested without Telegram.

use futures::future::{BoxFuture, FutureExt};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// What a lane's worker is given, in order.
#[derive(Debug, PartialEq, Eq)]
pub enum Work<T> {
    /// An update to handle.
    Update(T),
    /// This many updates came while the lane was full and were dropped.
    Skipped(usize),
}

/// Where a pushed update went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    Queued,
    /// The lane was full: the update was dropped (and will be reported).
    Dropped,
}

/// Handles one piece of work of one chat.
pub type Handler<T> = Arc<dyn Fn(i64, Work<T>) -> BoxFuture<'static, ()> + Send + Sync>;

/// One chat's queue.
struct Lane<T> {
    work: VecDeque<Work<T>>,
    /// Updates in `work` (not counting `Skipped` marks).
    updates: usize,
}

struct Shared<T> {
    lanes: HashMap<i64, Lane<T>>,
    /// No new work is started (shutting down).
    closed: bool,
}

/// Every chat's lane, and the workers draining them.
pub struct ChatLanes<T> {
    shared: Arc<Mutex<Shared<T>>>,
    limit: usize,
    handler: Handler<T>,
    /// How many workers are running (to wait for them at shutdown).
    running: watch::Sender<usize>,
}

impl<T: Send + 'static> ChatLanes<T> {
    /// Lanes of at most `limit` waiting updates each (at least 1).
    pub fn new(limit: usize, handler: Handler<T>) -> Arc<ChatLanes<T>> {
        Arc::new(ChatLanes {
            shared: Arc::new(Mutex::new(Shared {
                lanes: HashMap::new(),
                closed: false,
            })),
            limit: limit.max(1),
            handler,
            running: watch::channel(0).0,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared<T>> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues an update for its chat, starting the chat's worker if it is
    /// idle. Never waits. Needs a tokio runtime (the worker is spawned).
    pub fn push(self: &Arc<Self>, chat: i64, update: T) -> Pushed {
        let mut shared = self.lock();
        let start = !shared.lanes.contains_key(&chat) && !shared.closed;
        let lane = shared.lanes.entry(chat).or_insert_with(|| Lane {
            work: VecDeque::new(),
            updates: 0,
        });
        let pushed = if lane.updates >= self.limit {
            match lane.work.back_mut() {
                Some(Work::Skipped(count)) => *count += 1,
                _ => lane.work.push_back(Work::Skipped(1)),
            }
            Pushed::Dropped
        } else {
            lane.work.push_back(Work::Update(update));
            lane.updates += 1;
            Pushed::Queued
        };
        if start {
            self.running.send_modify(|n| *n += 1);
            let lanes = self.clone();
            tokio::spawn(async move { lanes.drain(chat).await });
        }
        pushed
    }

    /// The worker of one chat: its work in order, until the lane is empty
    /// (the lane is removed under the same lock, so a push after that
    /// starts a new worker) or the lanes are closed.
    async fn drain(self: Arc<Self>, chat: i64) {
        loop {
            let next = {
                let mut shared = self.lock();
                let closed = shared.closed;
                match shared.lanes.get_mut(&chat) {
                    Some(lane) if !closed => match lane.work.pop_front() {
                        Some(work) => {
                            if matches!(work, Work::Update(_)) {
                                lane.updates -= 1;
                            }
                            Some(work)
                        }
                        None => {
                            shared.lanes.remove(&chat);
                            None
                        }
                    },
                    _ => None,
                }
            };
            let Some(work) = next else { break };
            // A handler that panics loses its update, not the chat's lane
            // (nor the shutdown, which waits for every worker).
            let handled = std::panic::AssertUnwindSafe((self.handler)(chat, work)).catch_unwind();
            if handled.await.is_err() {
                log::error!("chat {chat}: an update's handler panicked; the next one goes on");
            }
        }
        self.running.send_modify(|n| *n -= 1);
    }

    /// Stops starting work and waits for the work in flight to end. What
    /// was still waiting is not handled (the caller keeps it elsewhere:
    /// the store's inbox).
    pub async fn close(&self) {
        self.lock().closed = true;
        let mut running = self.running.subscribe();
        let _ = running.wait_for(|n| *n == 0).await;
    }

    /// Whether the chat has no work here, waiting or in hand.
    pub fn is_idle(&self, chat: i64) -> bool {
        !self.lock().lanes.contains_key(&chat)
    }

    /// Updates waiting in a chat's lane.
    #[cfg(test)]
    pub fn waiting(&self, chat: i64) -> usize {
        self.lock().lanes.get(&chat).map_or(0, |lane| lane.updates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::sync::Semaphore;

    type Log = Arc<Mutex<Vec<(i64, Work<u32>)>>>;

    /// Lanes whose handler logs its work; chat 1's handler waits for a
    /// permit each time, so the test decides when it moves.
    fn logging(limit: usize, gate: Arc<Semaphore>) -> (Arc<ChatLanes<u32>>, Log) {
        let log: Log = Arc::default();
        let seen = log.clone();
        let handler: Handler<u32> = Arc::new(move |chat, work| {
            let (seen, gate) = (seen.clone(), gate.clone());
            Box::pin(async move {
                if chat == 1 {
                    gate.acquire().await.unwrap().forget();
                }
                seen.lock().unwrap().push((chat, work));
            })
        });
        (ChatLanes::new(limit, handler), log)
    }

    async fn settle() {
        tokio::time::sleep(Duration::from_millis(30)).await;
    }

    #[tokio::test]
    async fn a_stuck_chat_does_not_hold_up_another() {
        let gate = Arc::new(Semaphore::new(0));
        let (lanes, log) = logging(20, gate.clone());
        for n in 0..5 {
            assert_eq!(lanes.push(1, n), Pushed::Queued);
        }
        lanes.push(2, 100);
        lanes.push(2, 101);
        settle().await;
        assert_eq!(
            *log.lock().unwrap(),
            [(2, Work::Update(100)), (2, Work::Update(101))],
            "chat 2 served while chat 1 is stuck"
        );
        gate.add_permits(5);
        settle().await;
        let chat1: Vec<_> = log
            .lock()
            .unwrap()
            .iter()
            .filter(|(c, _)| *c == 1)
            .map(|(_, w)| format!("{w:?}"))
            .collect();
        assert_eq!(
            chat1,
            ["Update(0)", "Update(1)", "Update(2)", "Update(3)", "Update(4)"],
            "in order"
        );
    }

    #[tokio::test]
    async fn a_full_lane_drops_and_reports_the_count_where_it_happened() {
        let gate = Arc::new(Semaphore::new(0));
        let (lanes, log) = logging(3, gate.clone());
        // Pushed before the worker first runs: three fit.
        let pushed: Vec<Pushed> = (0..10).map(|n| lanes.push(1, n)).collect();
        let queued = pushed.iter().filter(|p| **p == Pushed::Queued).count();
        assert_eq!(queued, 3, "{pushed:?}");
        settle().await;
        assert_eq!(lanes.waiting(1), 2, "one in hand (at the gate), two waiting");
        // With one in hand, one more fits; it comes after the report.
        assert_eq!(lanes.push(1, 3), Pushed::Queued);
        assert_eq!(lanes.push(1, 4), Pushed::Dropped);
        gate.add_permits(3);
        settle().await;
        // Room again: a new update queues after the report.
        assert_eq!(lanes.push(1, 50), Pushed::Queued);
        gate.add_permits(10);
        settle().await;
        let seen: Vec<_> = log.lock().unwrap().drain(..).map(|(_, w)| w).collect();
        assert_eq!(
            seen,
            [
                Work::Update(0),
                Work::Update(1),
                Work::Update(2),
                Work::Skipped(7),
                Work::Update(3),
                Work::Skipped(1),
                Work::Update(50)
            ]
        );
        assert_eq!(lanes.waiting(1), 0);
    }

    #[tokio::test]
    async fn a_panicking_handler_does_not_stop_its_chats_lane() {
        let seen: Arc<Mutex<Vec<u32>>> = Arc::default();
        let log = seen.clone();
        let handler: Handler<u32> = Arc::new(move |_, work| {
            let log = log.clone();
            Box::pin(async move {
                if let Work::Update(n) = work {
                    assert_ne!(n, 1, "a bug in one update's handling");
                    log.lock().unwrap().push(n);
                }
            })
        });
        let lanes = ChatLanes::new(5, handler);
        for n in 0..3 {
            lanes.push(7, n);
        }
        settle().await;
        lanes.push(7, 3);
        settle().await;
        assert_eq!(*seen.lock().unwrap(), [0, 2, 3]);
        lanes.close().await;
    }

    #[tokio::test]
    async fn close_waits_for_work_in_flight_and_starts_nothing_new() {
        let gate = Arc::new(Semaphore::new(0));
        let (lanes, log) = logging(20, gate.clone());
        lanes.push(1, 1);
        lanes.push(1, 2);
        settle().await;
        let closing = {
            let lanes = lanes.clone();
            tokio::spawn(async move { lanes.close().await })
        };
        settle().await;
        assert!(!closing.is_finished(), "waits for the update in hand");
        gate.add_permits(2);
        closing.await.unwrap();
        assert_eq!(*log.lock().unwrap(), [(1, Work::Update(1))], "the waiting one is left");
    }
}
