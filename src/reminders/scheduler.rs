//! The scheduler loop: deliver what is due, then sleep until the next due
//! time, a new reminder, or the stop signal.

use super::Notifier;
use crate::engine::{Engine, SendResult};
use crate::store::{DueEntry, StoreError};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// The longest the scheduler sleeps without looking at the index (the
/// clock may have been changed, a wake-up missed).
const MAX_SLEEP: Duration = Duration::from_secs(30);
/// The shortest pause between two passes that found something still due
/// (a reminder being retried), so a stuck entry cannot spin the loop.
const MIN_PAUSE: Duration = Duration::from_millis(250);
/// Due reminders taken in one pass.
const BATCH: usize = 500;
/// Chats served at once; one chat's reminders go one after another.
const PARALLEL_CHATS: usize = 8;

/// Delivers due reminders through a notifier.
pub struct Scheduler<N: Notifier> {
    engine: Engine,
    notifier: Arc<N>,
    /// Serve this chat only (the terminal serves its own user, never the
    /// Telegram chats of a shared data folder).
    only_chat: Option<i64>,
    /// Set when the bot is stopping: no new reminder is claimed, the ones
    /// being sent finish.
    stopping: Arc<AtomicBool>,
}

impl<N: Notifier> Scheduler<N> {
    pub fn new(engine: Engine, notifier: N) -> Scheduler<N> {
        Scheduler {
            engine,
            notifier: Arc::new(notifier),
            only_chat: None,
            stopping: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Serves one chat only.
    pub fn only_chat(mut self, chat: i64) -> Scheduler<N> {
        self.only_chat = Some(chat);
        self
    }

    /// Runs until `stop` resolves; the sends in flight then finish, and
    /// no new reminder is claimed.
    pub async fn run(self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            let pass = self.deliver_due();
            tokio::pin!(pass);
            let result = tokio::select! {
                result = &mut pass => result,
                _ = &mut stop => {
                    self.stopping.store(true, Ordering::SeqCst);
                    let _ = pass.await;
                    break;
                }
            };
            let looked_at = match result {
                Ok(count) => count,
                Err(e) => {
                    log::error!("reminders: {e}");
                    0
                }
            };
            // A full batch: more may be due at once.
            if looked_at > 0 && looked_at == BATCH.min(self.engine.store().claim_at_most()) {
                continue;
            }
            let wait = self.until_next_due();
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.engine.reminders_changed() => {}
                _ = &mut stop => break,
            }
        }
        log::info!("reminders: stopped");
    }

    /// How long to sleep before the next pass.
    fn until_next_due(&self) -> Duration {
        match self.engine.next_reminder_due(self.only_chat) {
            Ok(Some(due)) => (due - self.engine.now())
                .to_std()
                .unwrap_or(Duration::ZERO)
                .clamp(MIN_PAUSE, MAX_SLEEP),
            Ok(None) => MAX_SLEEP,
            Err(e) => {
                log::error!("reminders: {e}");
                MAX_SLEEP
            }
        }
    }

    /// Delivers every reminder due now (one batch); returns how many index
    /// entries it looked at.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        self.beat();
        let entries = self.engine.due_reminders(BATCH, self.only_chat)?;
        let count = entries.len();
        let mut by_chat: BTreeMap<i64, Vec<DueEntry>> = BTreeMap::new();
        for entry in entries {
            by_chat.entry(entry.chat).or_default().push(entry);
        }
        let permits = Arc::new(Semaphore::new(PARALLEL_CHATS));
        let mut tasks = JoinSet::new();
        for (chat, entries) in by_chat {
            let engine = self.engine.clone();
            let notifier = self.notifier.clone();
            let permits = permits.clone();
            let stopping = self.stopping.clone();
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                if let Err(e) = deliver_chat(&engine, notifier.as_ref(), entries, &stopping).await {
                    log::error!("chat {chat}: reminders: {e}");
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            self.beat();
            if let Err(e) = done {
                log::error!("reminders: a delivery task failed: {e}");
            }
        }
        self.beat();
        Ok(count)
    }

    /// Shows life for `/healthz`: a pass starts, a chat's reminders are
    /// done, a pass ends.
    fn beat(&self) {
        self.engine.metrics().scheduler_beat(self.engine.now().timestamp());
    }
}

/// One chat's due reminders, in order; stops at a block, or when the bot
/// is stopping.
async fn deliver_chat<N: Notifier>(
    engine: &Engine,
    notifier: &N,
    entries: Vec<DueEntry>,
    stopping: &AtomicBool,
) -> Result<(), StoreError> {
    for entry in entries {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Some(output) = engine.claim_reminder(entry).await? else {
            continue;
        };
        let result = notifier.notify(entry.chat, output).await;
        engine.finish_reminder(entry, result).await?;
        if result == SendResult::Blocked {
            break;
        }
    }
    Ok(())
}
