//! Group commit: one thread makes writes durable for every writer waiting.
//!
//! A writer that must not answer before its write is on disk (the engine
//! before it replies, the inbox before it confirms a batch) asks
//! [`GroupCommit::durable`] and waits. The commit thread takes every
//! request queued so far, makes the store durable once (`commit`: the key
//! table, then sled's flush), and answers them all. A request queued while
//! a commit runs is served by the next one, which starts after its write:
//! so each writer's write is durable when its answer comes, and a hundred
//! chats answering at once cost a few flushes, not a hundred.
//!
//! A writer in less of a hurry (the inbox, which only needs its batch
//! durable before it asks Telegram for the next one) asks
//! [`GroupCommit::durable_soon`]: it rides on the next commit someone else
//! asks for, or on one of its own after [`GRACE`]. A user's update then
//! costs one flush, shared by the inbox and the reply.

use super::StoreError;
use std::future::Future;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// How long a request made with [`GroupCommit::durable_soon`] waits for
/// another writer's commit before it gets one of its own, in the store.
pub const GRACE: Duration = Duration::from_millis(2);

/// How long a commit waits for more writers when several are queued.
const LINGER: Duration = Duration::from_millis(1);

/// One request: its answer goes out when a commit that started after the
/// request ended.
struct Request {
    answer: oneshot::Sender<Result<(), StoreError>>,
    /// Whether the request may wait up to [`GRACE`] to share a commit.
    soon: bool,
}

/// The handle writers use; the commit thread ends when every handle is
/// dropped.
pub struct GroupCommit {
    queue: mpsc::Sender<Request>,
}

impl GroupCommit {
    /// Starts the commit thread; `commit` makes everything written so far
    /// durable; a request that may wait waits at most `grace`.
    pub fn start<F>(grace: Duration, commit: F) -> std::io::Result<GroupCommit>
    where
        F: FnMut() -> Result<(), StoreError> + Send + 'static,
    {
        let (queue, requests) = mpsc::channel::<Request>();
        std::thread::Builder::new()
            .name("billcoach-commit".into())
            .spawn(move || serve(requests, grace, commit))?;
        Ok(GroupCommit { queue })
    }

    /// Resolves once everything written before this call is durable. The
    /// request is queued now, when this is called, not when it is awaited.
    pub fn durable(&self) -> impl Future<Output = Result<(), StoreError>> + Send + 'static {
        self.request(false)
    }

    /// Like [`GroupCommit::durable`], but the commit may start up to the
    /// grace later, so that it is shared with other writers.
    pub fn durable_soon(&self) -> impl Future<Output = Result<(), StoreError>> + Send + 'static {
        self.request(true)
    }

    fn request(&self, soon: bool) -> impl Future<Output = Result<(), StoreError>> + Send + 'static {
        let (sender, answer) = oneshot::channel();
        let queued = self.queue.send(Request { answer: sender, soon }).is_ok();
        async move {
            if !queued {
                return Err(StoreError::CommitStopped);
            }
            answer.await.map_err(|_| StoreError::CommitStopped)?
        }
    }
}

/// The commit thread: each pass serves every request queued before it
/// starts. A pass with only requests that may wait gathers more for up to
/// the grace first.
fn serve<F>(requests: mpsc::Receiver<Request>, grace: Duration, mut commit: F)
where
    F: FnMut() -> Result<(), StoreError>,
{
    while let Ok(first) = requests.recv() {
        let mut waiting = vec![first];
        waiting.extend(requests.try_iter());
        if waiting.iter().all(|request| request.soon) {
            let until = Instant::now() + grace;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                match requests.recv_timeout(left) {
                    Ok(request) => {
                        let urgent = !request.soon;
                        waiting.push(request);
                        if urgent {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
            waiting.extend(requests.try_iter());
        } else if waiting.iter().filter(|request| !request.soon).count() > 1 {
            // Under load (several writers queued during the last commit):
            // a moment more gathers the writers right behind them, so the
            // log is written in fewer, fuller pieces.
            let until = Instant::now() + LINGER;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                match requests.recv_timeout(left) {
                    Ok(request) => waiting.push(request),
                    Err(_) => break,
                }
            }
        }
        let result = commit();
        if let Err(e) = &result {
            log::error!("a commit failed: {e}");
        }
        for request in waiting {
            // A writer that stopped waiting needs no answer.
            let _ = request.answer.send(result.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn writers_queued_during_a_commit_share_the_next_one() {
        let commits = Arc::new(AtomicUsize::new(0));
        let (release, hold) = mpsc::channel::<()>();
        let hold = Mutex::new(hold);
        let counted = commits.clone();
        let group = GroupCommit::start(GRACE, move || {
            if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                // The first commit runs until the test lets it end.
                let _ = hold.lock().unwrap().recv();
            }
            Ok(())
        })
        .unwrap();
        let first = group.durable();
        while commits.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // Fifty writers ask while the first commit runs.
        let later: Vec<_> = (0..50).map(|_| group.durable()).collect();
        release.send(()).unwrap();
        first.await.unwrap();
        for waiter in later {
            waiter.await.unwrap();
        }
        assert_eq!(commits.load(Ordering::SeqCst), 2, "one commit served all fifty");
    }

    #[tokio::test]
    async fn a_writer_that_can_wait_rides_on_the_next_urgent_commit() {
        let commits = Arc::new(AtomicUsize::new(0));
        let counting = |commits: &Arc<AtomicUsize>| {
            let counted = commits.clone();
            move || {
                counted.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        };
        // Alone, it gets a commit of its own after the grace.
        let group = GroupCommit::start(GRACE, counting(&commits)).unwrap();
        let asked = Instant::now();
        group.durable_soon().await.unwrap();
        assert!(asked.elapsed() >= GRACE);
        assert_eq!(commits.load(Ordering::SeqCst), 1);
        // With an urgent writer behind it within the grace (a long one
        // here, so a busy machine cannot split them), both share one
        // commit, which starts as soon as the urgent one asks.
        let group = GroupCommit::start(Duration::from_secs(30), counting(&commits)).unwrap();
        let soon = group.durable_soon();
        let urgent = group.durable();
        urgent.await.unwrap();
        soon.await.unwrap();
        assert_eq!(commits.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_commit_is_reported_to_each_writer() {
        let group = GroupCommit::start(GRACE, || Err(StoreError::CommitStopped)).unwrap();
        assert!(group.durable().await.is_err());
        assert!(group.durable().await.is_err());
    }
}
