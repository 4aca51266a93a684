//! The engine's side of reminder delivery: find what is due, claim a
//! reminder (marked `Sending`, stored and flushed before its message goes
//! out), and record how the send went. Every change happens under the
//! chat's lock, like a user's update.

use super::Engine;
use super::CONFLICT_TRIES;
use crate::conversation::{self, Due, Output};
use crate::store::{due, DueEntry, Saved, StoreError};
use chrono::{DateTime, Utc};

/// How a reminder's send went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendResult {
    /// Telegram (or the terminal) took the message.
    Delivered,
    /// The user blocked the bot (or the chat is gone): their reminders are
    /// dropped.
    Blocked,
    /// Anything else (network, timeout, Telegram error): try again later.
    Failed,
}

impl Engine {
    /// Reminders due now, soonest first (at most `limit`; of one chat only
    /// when `only_chat` is set), claimed for this instance: on a shared
    /// store no other instance gets them until their lease runs out
    /// ([`crate::store::Store::claim_due`]).
    pub fn due_reminders(&self, limit: usize, only_chat: Option<i64>) -> Result<Vec<DueEntry>, StoreError> {
        self.store.claim_due(self.clock.now(), limit, only_chat)
    }

    /// When the next reminder is due (of one chat only when `only_chat` is
    /// set).
    pub fn next_reminder_due(&self, only_chat: Option<i64>) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.store.next_due(only_chat)
    }

    /// Resolves when reminders may have changed (a user set one).
    pub async fn reminders_changed(&self) {
        self.reminders_changed.notified().await;
    }

    /// Claims a due reminder: returns its message to send now, or `None`
    /// when there is nothing to send (cancelled, delivered, snoozed, or
    /// moved to the morning because it is night where the user is).
    pub async fn claim_reminder(&self, entry: DueEntry) -> Result<Option<Output>, StoreError> {
        let _chat_lock = self.locks.lock(entry.chat).await;
        // The claim may have run out while earlier reminders went out, and
        // another instance may hold it now: then it sends, not this one.
        if !self.store.hold_claim(&entry, self.clock.now())? {
            log::info!(
                "chat {}: reminder {} claimed by another instance meanwhile; left to it",
                entry.chat,
                entry.reminder
            );
            return Ok(None);
        }
        let mut tries = 0;
        let (record, claimed, changed) = loop {
            tries += 1;
            let loaded = self.store.load_chat(entry.chat)?;
            let mut record = loaded.record;
            let before = record.clone();
            let claimed = conversation::claim_reminder(&mut record.state, entry.reminder, &self.ctx());
            let changed = record != before;
            if changed {
                match self.store.save_loaded(entry.chat, &record, loaded.revision)? {
                    // Another instance changed the chat meanwhile: claim
                    // again from what it saved.
                    Saved::Conflict if tries < CONFLICT_TRIES => continue,
                    saved => saved.written()?,
                }
            }
            break (record, claimed, changed);
        };
        let orphan = !due::keys_of(entry.chat, &record).contains(&entry.key());
        if orphan {
            // An index entry no record backs (the record was set aside).
            self.store.drop_due_entry(&entry)?;
        }
        if changed || orphan {
            self.store.flush().await?;
        }
        match claimed {
            Due::Send(output) => {
                let late = record
                    .state
                    .reminders
                    .get(entry.reminder)
                    .is_some_and(|reminder| reminder.is_late(self.clock.now()));
                if late {
                    self.metrics.reminder_late();
                }
                Ok(Some(output))
            }
            Due::Postponed => {
                log::info!("chat {}: reminder {} moved to the morning", entry.chat, entry.reminder);
                Ok(None)
            }
            Due::NotDue | Due::Gone => Ok(None),
        }
    }

    /// Records how a claimed reminder's send went.
    pub async fn finish_reminder(&self, entry: DueEntry, result: SendResult) -> Result<(), StoreError> {
        let (chat, id) = (entry.chat, entry.reminder);
        if result == SendResult::Blocked {
            log::info!("chat {chat}: blocked the bot; its reminders are dropped");
            return self.mark_blocked(chat).await;
        }
        let _chat_lock = self.locks.lock(chat).await;
        let mut tries = 0;
        loop {
            tries += 1;
            let loaded = self.store.load_chat(chat)?;
            let mut record = loaded.record;
            let now = self.clock.now();
            match result {
                SendResult::Delivered => record.state.reminders.delivered(id, now),
                _ => {
                    if record.state.reminders.failed(id, now) {
                        log::error!("chat {chat}: reminder {id} given up after repeated failures");
                    } else {
                        log::warn!("chat {chat}: reminder {id} not sent; will try again");
                    }
                }
            }
            match self.store.save_loaded(chat, &record, loaded.revision)? {
                Saved::Conflict if tries < CONFLICT_TRIES => continue,
                saved => saved.written()?,
            }
            break;
        }
        match result {
            SendResult::Delivered => {
                self.metrics.reminder_sent();
                log::info!("chat {chat}: reminder {id} delivered");
            }
            _ => self.metrics.reminder_failed(),
        }
        self.store.flush().await
    }
}
