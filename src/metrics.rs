//! The bot's counters, written by hand (a few atomics; no registry crate
//! needed) and shown in Prometheus's text format by `monitor::routes`.
//!
//! Counts only: a label is one of a fixed set of words chosen here (an
//! update's kind, a failure's reason), never anything a user typed, an
//! amount, a code or a chat id.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

/// The kinds of update counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateKind {
    Message,
    Button,
    Edited,
    Other,
}

impl UpdateKind {
    const ALL: [UpdateKind; 4] = [
        UpdateKind::Message,
        UpdateKind::Button,
        UpdateKind::Edited,
        UpdateKind::Other,
    ];

    fn label(self) -> &'static str {
        match self {
            UpdateKind::Message => "message",
            UpdateKind::Button => "button",
            UpdateKind::Edited => "edited_message",
            UpdateKind::Other => "other",
        }
    }
}

/// Why a reply (a send or an edit) failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyFailure {
    /// The user blocked the bot or the chat is gone (403).
    Blocked,
    /// Still 429 after the waits.
    RateLimited,
    /// A timeout or a connection that failed.
    Network,
    /// Telegram refused it (another error code).
    Refused,
    /// Anything else (an answer that could not be read).
    Other,
}

impl ReplyFailure {
    const ALL: [ReplyFailure; 5] = [
        ReplyFailure::Blocked,
        ReplyFailure::RateLimited,
        ReplyFailure::Network,
        ReplyFailure::Refused,
        ReplyFailure::Other,
    ];

    fn label(self) -> &'static str {
        match self {
            ReplyFailure::Blocked => "blocked",
            ReplyFailure::RateLimited => "rate_limited",
            ReplyFailure::Network => "network",
            ReplyFailure::Refused => "refused",
            ReplyFailure::Other => "other",
        }
    }
}

/// Upper bounds of the handling-time histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// Every counter of one running bot (the engine holds one).
#[derive(Default)]
pub struct Metrics {
    updates: [AtomicU64; 4],
    /// Per bucket (not cumulative), the last one past the largest bound.
    handling: [AtomicU64; 13],
    handling_micros: AtomicU64,
    replies_failed: [AtomicU64; 5],
    reminders_sent: AtomicU64,
    reminders_late: AtomicU64,
    reminders_failed: AtomicU64,
    /// Webhook posts refused: without the secret, not an update.
    webhook_unauthorized: AtomicU64,
    webhook_bad_request: AtomicU64,
    /// When the reminder scheduler last showed life (unix seconds on the
    /// engine's clock; 0: never).
    scheduler_beat: AtomicI64,
}

/// Figures read from the store when the metrics are asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gauges {
    pub chats: u64,
    pub reminders_pending: u64,
    pub store_bytes: u64,
}

impl Metrics {
    /// An update of `kind` was handled in `took`.
    pub fn update_handled(&self, kind: UpdateKind, took: Duration) {
        let at = UpdateKind::ALL.iter().position(|k| *k == kind).unwrap_or(3);
        self.updates[at].fetch_add(1, Ordering::Relaxed);
        let seconds = took.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        self.handling[bucket].fetch_add(1, Ordering::Relaxed);
        self.handling_micros
            .fetch_add(took.as_micros().min(u64::MAX as u128) as u64, Ordering::Relaxed);
    }

    /// How many updates of `kind` were handled.
    pub fn updates_handled(&self, kind: UpdateKind) -> u64 {
        let at = UpdateKind::ALL.iter().position(|k| *k == kind).unwrap_or(3);
        self.updates[at].load(Ordering::Relaxed)
    }

    pub fn reply_failed(&self, reason: ReplyFailure) {
        let at = ReplyFailure::ALL.iter().position(|r| *r == reason).unwrap_or(4);
        self.replies_failed[at].fetch_add(1, Ordering::Relaxed);
    }

    pub fn reminder_sent(&self) {
        self.reminders_sent.fetch_add(1, Ordering::Relaxed);
    }

    /// A reminder more than an hour after its time goes out (its message
    /// says it is late).
    pub fn reminder_late(&self) {
        self.reminders_late.fetch_add(1, Ordering::Relaxed);
    }

    pub fn reminder_failed(&self) {
        self.reminders_failed.fetch_add(1, Ordering::Relaxed);
    }

    /// A webhook post without the right secret was refused; returns how
    /// many so far (the log says the first and every hundredth).
    pub fn webhook_unauthorized(&self) -> u64 {
        self.webhook_unauthorized.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A webhook post that is not an update was refused.
    pub fn webhook_bad_request(&self) {
        self.webhook_bad_request.fetch_add(1, Ordering::Relaxed);
    }

    /// The scheduler is alive at `now` (unix seconds).
    pub fn scheduler_beat(&self, now: i64) {
        self.scheduler_beat.store(now, Ordering::Relaxed);
    }

    /// When the scheduler last showed life (unix seconds), if ever.
    pub fn last_scheduler_beat(&self) -> Option<i64> {
        Some(self.scheduler_beat.load(Ordering::Relaxed)).filter(|at| *at != 0)
    }

    /// Everything in Prometheus's text format (version 0.0.4).
    pub fn render(&self, gauges: Gauges) -> String {
        let mut out = String::new();
        let mut lines: Vec<String> = Vec::new();
        let name = family(
            &mut out,
            "billcoach_updates_handled_total",
            "counter",
            "Updates handled, by kind.",
        );
        for (kind, count) in UpdateKind::ALL.iter().zip(&self.updates) {
            lines.push(format!(
                "{name}{{kind=\"{}\"}} {}",
                kind.label(),
                count.load(Ordering::Relaxed)
            ));
        }
        flush(&mut out, &mut lines);

        let name = family(
            &mut out,
            "billcoach_update_handling_seconds",
            "histogram",
            "Time from taking an update from its chat's lane to its last reply.",
        );
        let mut cumulative = 0;
        for (bound, count) in BUCKETS.iter().zip(&self.handling) {
            cumulative += count.load(Ordering::Relaxed);
            lines.push(format!("{name}_bucket{{le=\"{bound}\"}} {cumulative}"));
        }
        cumulative += self.handling[BUCKETS.len()].load(Ordering::Relaxed);
        lines.push(format!("{name}_bucket{{le=\"+Inf\"}} {cumulative}"));
        let sum = self.handling_micros.load(Ordering::Relaxed) as f64 / 1e6;
        lines.push(format!("{name}_sum {sum}"));
        lines.push(format!("{name}_count {cumulative}"));
        flush(&mut out, &mut lines);

        let name = family(
            &mut out,
            "billcoach_replies_failed_total",
            "counter",
            "Replies (sends and edits) Telegram did not take, by reason.",
        );
        for (reason, count) in ReplyFailure::ALL.iter().zip(&self.replies_failed) {
            lines.push(format!(
                "{name}{{reason=\"{}\"}} {}",
                reason.label(),
                count.load(Ordering::Relaxed)
            ));
        }
        flush(&mut out, &mut lines);

        let name = family(
            &mut out,
            "billcoach_webhook_refused_total",
            "counter",
            "Webhook posts refused: without the secret token (401), not an update (400).",
        );
        lines.push(format!(
            "{name}{{reason=\"unauthorized\"}} {}",
            self.webhook_unauthorized.load(Ordering::Relaxed)
        ));
        lines.push(format!(
            "{name}{{reason=\"bad_request\"}} {}",
            self.webhook_bad_request.load(Ordering::Relaxed)
        ));
        flush(&mut out, &mut lines);

        for (name, kind, help, value) in [
            (
                "billcoach_reminders_pending",
                "gauge",
                "Reminders still to send, all chats.",
                gauges.reminders_pending,
            ),
            (
                "billcoach_reminders_sent_total",
                "counter",
                "Reminders Telegram took.",
                self.reminders_sent.load(Ordering::Relaxed),
            ),
            (
                "billcoach_reminders_late_total",
                "counter",
                "Reminders claimed more than an hour after their time (the message says it is late; a retry counts again).",
                self.reminders_late.load(Ordering::Relaxed),
            ),
            (
                "billcoach_reminders_failed_total",
                "counter",
                "Reminder sends that failed and will be tried again.",
                self.reminders_failed.load(Ordering::Relaxed),
            ),
            ("billcoach_chats_stored", "gauge", "Chats with a stored record.", gauges.chats),
            (
                "billcoach_store_bytes",
                "gauge",
                "Bytes the data folder takes on disk.",
                gauges.store_bytes,
            ),
        ] {
            let name = family(&mut out, name, kind, help);
            lines.push(format!("{name} {value}"));
            flush(&mut out, &mut lines);
        }
        out
    }
}

/// Writes a family's header lines; returns its name.
fn family(out: &mut String, name: &str, kind: &str, help: &str) -> String {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    name.to_string()
}

/// Appends a family's sample lines after its header lines.
fn flush(out: &mut String, lines: &mut Vec<String>) {
    for line in lines.drain(..) {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_format_counts_and_buckets_cumulatively() {
        let metrics = Metrics::default();
        metrics.update_handled(UpdateKind::Message, Duration::from_millis(3));
        metrics.update_handled(UpdateKind::Message, Duration::from_millis(40));
        metrics.update_handled(UpdateKind::Button, Duration::from_secs(60));
        metrics.reply_failed(ReplyFailure::Blocked);
        metrics.reminder_sent();
        metrics.reminder_late();
        let text = metrics.render(Gauges {
            chats: 2,
            reminders_pending: 5,
            store_bytes: 1234,
        });
        for line in [
            "billcoach_updates_handled_total{kind=\"message\"} 2",
            "billcoach_updates_handled_total{kind=\"button\"} 1",
            "billcoach_update_handling_seconds_bucket{le=\"0.005\"} 1",
            "billcoach_update_handling_seconds_bucket{le=\"0.05\"} 2",
            "billcoach_update_handling_seconds_bucket{le=\"30\"} 2",
            "billcoach_update_handling_seconds_bucket{le=\"+Inf\"} 3",
            "billcoach_update_handling_seconds_count 3",
            "billcoach_replies_failed_total{reason=\"blocked\"} 1",
            "billcoach_reminders_sent_total 1",
            "billcoach_reminders_late_total 1",
            "billcoach_reminders_pending 5",
            "billcoach_chats_stored 2",
            "billcoach_store_bytes 1234",
            "# TYPE billcoach_update_handling_seconds histogram",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing from:\n{text}");
        }
        assert!(text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .all(|l| l.starts_with("billcoach_")));
    }
}
