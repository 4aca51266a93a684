//! Long polling of our own. Ask Telegram for a batch of updates, write the
//! whole batch to the inbox, hand each update to its chat's lane, wait
//! until the batch is durable, and only then ask for the next batch —
//! whose `offset` is what tells Telegram this batch arrived. So "received
//! means saved" holds with at most one flush per batch, and usually none
//! of its own: the batch rides on the commit of the first reply (see
//! `Store::flush_soon`), which must be durable before it goes out anyway.

use super::inbox;
use crate::store::Store;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Update};
use tokio::sync::watch;

/// Telegram's largest batch.
const BATCH: u8 = 100;

/// The longest pause after failed polls (they back off from 100 ms).
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// The update kinds the bot serves (a button press, a message, an edit).
pub fn allowed() -> Vec<AllowedUpdate> {
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::EditedMessage,
        AllowedUpdate::CallbackQuery,
    ]
}

/// Polls until `stop` turns true, handing each update kept in the inbox to
/// `hand_on`, in Telegram's order. `wait` is how long one poll may wait
/// for updates.
pub async fn poll(
    bot: &Bot,
    store: &Store,
    wait: Duration,
    mut stop: watch::Receiver<bool>,
    mut hand_on: impl FnMut(Update),
) {
    let mut offset: Option<i32> = None;
    let mut failures: u32 = 0;
    loop {
        let mut request = bot
            .get_updates()
            .timeout(wait.as_secs() as u32)
            .limit(BATCH)
            .allowed_updates(allowed());
        if let Some(offset) = offset {
            request = request.offset(offset);
        }
        let answer = tokio::select! {
            answer = request.send() => answer,
            _ = stop.wait_for(|stop| *stop) => break,
        };
        match answer {
            Ok(batch) => {
                failures = 0;
                if let Some(last) = batch.last() {
                    offset = Some(next_offset(last));
                }
                // Asked before the batch is handed on: a lane that replies
                // at once then commits the batch with its reply, instead of
                // the poll waiting out the grace alone after it.
                let flushed = inbox::keep_all(store, &batch).then(|| store.flush_soon());
                batch.into_iter().for_each(&mut hand_on);
                if let Some(flushed) = flushed {
                    if let Err(e) = flushed.await {
                        log::error!("a batch of updates was not flushed: {e}");
                    }
                }
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                let pause = backoff(failures);
                log::warn!("polling failed ({e}); trying again in {} ms", pause.as_millis());
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stop.wait_for(|stop| *stop) => break,
                }
            }
        }
    }
    // Tell Telegram the last batch arrived, so the next start does not get
    // it again (it would be skipped as applied, but need not come at all).
    if let Some(offset) = offset {
        if let Err(e) = bot.get_updates().offset(offset).timeout(0).limit(1).send().await {
            log::debug!("the last batch was not confirmed ({e}); it comes again at the next start");
        }
    }
}

/// The offset that confirms `update` and every one before it.
fn next_offset(update: &Update) -> i32 {
    (update.id.0 as i32).wrapping_add(1)
}

/// How long to wait after `failures` polls in a row failed: 100 ms,
/// doubling, at most [`MAX_BACKOFF`].
fn backoff(failures: u32) -> Duration {
    let millis = 100u64.saturating_mul(1 << failures.saturating_sub(1).min(16));
    Duration::from_millis(millis).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_polls_back_off_up_to_ten_seconds() {
        assert_eq!(backoff(1), Duration::from_millis(100));
        assert_eq!(backoff(2), Duration::from_millis(200));
        assert_eq!(backoff(5), Duration::from_millis(1_600));
        assert_eq!(backoff(8), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }
}
