//! How fast the bot may send: a budget per chat, and one for bulk work.
//!
//! Telegram asks for about one message a second in a chat, with short
//! bursts allowed, and about thirty a second in all for broadcasts. A
//! reply goes out at once while its chat is under its budget (no tick to
//! wait for); past it, it waits just until the budget allows it. Bulk
//! work (reminders) also takes a turn from the global budget, so a pile of
//! due reminders never crowds out the conversations. A 429's `retry_after`
//! pauses only the chat it was about.
//!
//! Each budget is a sliding window of the instants it was used, kept
//! bounded: a chat's window holds at most `per_minute` instants, and
//! chats that have been quiet for a minute are forgotten.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// The limits, as the operator set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaceLimits {
    /// Messages (sends and edits) one chat may get in any second.
    pub chat_per_second: u32,
    /// Messages one chat may get in any minute.
    pub chat_per_minute: u32,
    /// Bulk messages (reminders) the bot may send in any second, all chats
    /// together.
    pub bulk_per_second: u32,
}

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

/// When this many chats are remembered, the quiet ones are forgotten.
const TIDY_AT: usize = 4_096;

/// The budgets, shared by every sender.
pub struct Pacer {
    limits: PaceLimits,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    chats: HashMap<i64, ChatBudget>,
    /// Instants of bulk sends in the last second (reserved ahead).
    bulk: VecDeque<Instant>,
}

#[derive(Default)]
struct ChatBudget {
    /// Instants of sends in the last minute, oldest first (some may be
    /// reservations a little in the future).
    sent: VecDeque<Instant>,
    /// Telegram asked to wait until then (a 429).
    paused_until: Option<Instant>,
}

impl Pacer {
    pub fn new(limits: PaceLimits) -> Pacer {
        let at_least_one = |n: u32| n.max(1);
        Pacer {
            limits: PaceLimits {
                chat_per_second: at_least_one(limits.chat_per_second),
                chat_per_minute: at_least_one(limits.chat_per_minute),
                bulk_per_second: at_least_one(limits.bulk_per_second),
            },
            state: Mutex::new(State::default()),
        }
    }

    /// Waits for the chat's turn to get one more message (at once while
    /// it is under its budget) and counts the message.
    pub async fn chat_turn(&self, chat: i64) {
        let at = self.reserve_chat(chat, Instant::now());
        wait_until(at).await;
    }

    /// Waits for a turn in the bulk budget (then still take the chat's
    /// turn: both limits hold for a reminder).
    pub async fn bulk_turn(&self) {
        let at = self.reserve_bulk(Instant::now());
        wait_until(at).await;
    }

    /// Telegram answered 429 for this chat: its messages wait `wait`.
    pub fn pause_chat(&self, chat: i64, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        let budget = state.chats.entry(chat).or_default();
        budget.paused_until = Some(budget.paused_until.map_or(until, |old| old.max(until)));
    }

    /// The instant the chat's next message may go, counted as used.
    fn reserve_chat(&self, chat: i64, now: Instant) -> Instant {
        let limits = self.limits;
        let mut state = self.lock();
        if state.chats.len() >= TIDY_AT {
            state.chats.retain(|_, budget| !budget.is_quiet(now));
        }
        let budget = state.chats.entry(chat).or_default();
        while budget.sent.front().is_some_and(|t| *t + MINUTE <= now) {
            budget.sent.pop_front();
        }
        let mut at = now.max(budget.paused_until.unwrap_or(now));
        at = at.max(earliest_in_window(&budget.sent, limits.chat_per_second, SECOND, now));
        at = at.max(earliest_in_window(&budget.sent, limits.chat_per_minute, MINUTE, now));
        budget.sent.push_back(at);
        at
    }

    /// The instant the next bulk message may go, counted as used.
    fn reserve_bulk(&self, now: Instant) -> Instant {
        let limit = self.limits.bulk_per_second;
        let mut state = self.lock();
        while state.bulk.front().is_some_and(|t| *t + SECOND <= now) {
            state.bulk.pop_front();
        }
        let at = now.max(earliest_in_window(&state.bulk, limit, SECOND, now));
        state.bulk.push_back(at);
        at
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Sleeps until `at`, or not at all when it has come: tokio's timer rounds
/// a deadline up to its next millisecond tick, so sleeping until "now"
/// would hold every reply for up to a millisecond.
async fn wait_until(at: Instant) {
    if at > Instant::now() {
        tokio::time::sleep_until(at).await;
    }
}

impl ChatBudget {
    /// Nothing sent in the last minute and no pause to honour.
    fn is_quiet(&self, now: Instant) -> bool {
        self.sent.back().is_none_or(|t| *t + MINUTE <= now) && self.paused_until.is_none_or(|t| t <= now)
    }
}

/// The earliest instant one more use fits `limit` uses per `window`, given
/// the uses so far (sorted): right after the use `limit` places back
/// leaves the window.
fn earliest_in_window(used: &VecDeque<Instant>, limit: u32, window: Duration, now: Instant) -> Instant {
    match used.len().checked_sub(limit as usize) {
        Some(index) => used[index] + window,
        None => now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer(per_second: u32, per_minute: u32, bulk: u32) -> Pacer {
        Pacer::new(PaceLimits {
            chat_per_second: per_second,
            chat_per_minute: per_minute,
            bulk_per_second: bulk,
        })
    }

    #[test]
    fn a_chat_under_its_budget_is_sent_at_once() {
        let pacer = pacer(3, 60, 30);
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(pacer.reserve_chat(1, now), now, "a burst of three goes at once");
        }
        assert_eq!(pacer.reserve_chat(1, now), now + SECOND, "the fourth waits a second");
        assert_eq!(pacer.reserve_chat(2, now), now, "another chat does not wait");
    }

    #[test]
    fn the_per_minute_budget_holds_too() {
        let pacer = pacer(100, 5, 30);
        let now = Instant::now();
        for _ in 0..5 {
            assert_eq!(pacer.reserve_chat(1, now), now);
        }
        assert_eq!(pacer.reserve_chat(1, now), now + MINUTE);
        // A minute on, the window has room again.
        let later = now + MINUTE + SECOND;
        assert_eq!(pacer.reserve_chat(1, later), later);
    }

    #[test]
    fn sends_spread_out_at_the_rate_once_the_burst_is_used() {
        let pacer = pacer(1, 60, 30);
        let now = Instant::now();
        let times: Vec<Instant> = (0..4).map(|_| pacer.reserve_chat(1, now)).collect();
        assert_eq!(times, [now, now + SECOND, now + 2 * SECOND, now + 3 * SECOND]);
    }

    #[test]
    fn a_429_pauses_only_its_chat() {
        let pacer = pacer(3, 60, 30);
        pacer.pause_chat(1, Duration::from_secs(5));
        let now = Instant::now();
        assert!(pacer.reserve_chat(1, now) >= now + Duration::from_secs(4));
        assert_eq!(pacer.reserve_chat(2, now), now);
    }

    #[test]
    fn bulk_work_is_held_to_its_global_rate() {
        let pacer = pacer(3, 60, 30);
        let now = Instant::now();
        let times: Vec<Instant> = (0..31).map(|_| pacer.reserve_bulk(now)).collect();
        assert!(times[..30].iter().all(|t| *t == now));
        assert_eq!(times[30], now + SECOND);
    }

    #[test]
    fn quiet_chats_are_forgotten_so_memory_stays_bounded() {
        let pacer = pacer(3, 60, 30);
        let start = Instant::now();
        for chat in 0..TIDY_AT as i64 {
            pacer.reserve_chat(chat, start);
        }
        let later = start + MINUTE + SECOND;
        pacer.reserve_chat(-1, later);
        assert_eq!(pacer.lock().chats.len(), 1, "only the chat just served is kept");
    }

    #[tokio::test(start_paused = true)]
    async fn a_turn_waits_only_as_long_as_the_budget_asks() {
        let pacer = pacer(1, 60, 30);
        let start = Instant::now();
        pacer.chat_turn(7).await;
        assert_eq!(start.elapsed(), Duration::ZERO);
        pacer.chat_turn(7).await;
        assert_eq!(start.elapsed(), SECOND);
    }
}
