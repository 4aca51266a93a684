//! The operator's chat (`BILLCOACH_ADMIN_CHAT`): `/stats` there answers
//! with counts about the whole bot (chats, bills, reminders pending, store
//! size, uptime, version), never anything about one chat. Every other
//! message from that chat, and every other chat, gets the normal bot.
//! The words are the operator's, in English, like the log's.

use super::deliver::deliver;
use super::outbox::Outbox;
use crate::content::Html;
use crate::conversation::Output;
use crate::engine::Engine;
use teloxide::types::ChatId;

/// Whether `text` is `/stats` (or `/stats@thisbot`).
pub fn is_stats(text: &str, bot_username: &str) -> bool {
    let command = text.trim();
    let (name, to) = command.split_once('@').unwrap_or((command, bot_username));
    name.eq_ignore_ascii_case("/stats") && to.eq_ignore_ascii_case(bot_username)
}

/// Answers `/stats` in the admin chat; `started`: when the bot started.
pub async fn stats(outbox: &Outbox, engine: &Engine, started: std::time::Instant, chat: ChatId) {
    log::info!("chat {chat}: /stats (admin)");
    let store = engine.store().clone();
    let counted = tokio::task::spawn_blocking(move || {
        let totals = store.totals();
        let due = store.counts();
        (totals, due, store.folder_bytes())
    })
    .await;
    let text = match counted {
        Ok((Ok((chats, bills)), Ok((_, pending)), bytes)) => format!(
            "<b>billcoach {}</b>, up {}\nchats: {chats}\nbills: {bills}\nreminders pending: {pending}\nstore: {}",
            env!("CARGO_PKG_VERSION"),
            uptime(started.elapsed()),
            size(bytes)
        ),
        _ => "The store could not be read; see the log.".to_string(),
    };
    let line = Output::line(Html::trusted(text));
    deliver(outbox, engine, chat, vec![line], None).await;
}

/// `840 KB`, `12.5 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => format!("{} KB", bytes.div_ceil(1000)),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// `3 d 4 h`, `2 h 5 min`, `12 min`.
fn uptime(took: std::time::Duration) -> String {
    let minutes = took.as_secs() / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min"),
        (0, _) => format!("{hours} h {minutes} min"),
        _ => format!("{days} d {hours} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_is_read_with_or_without_the_bot_name() {
        assert!(is_stats("/stats", "billcoach_bot"));
        assert!(is_stats(" /Stats@Billcoach_Bot ", "billcoach_bot"));
        assert!(!is_stats("/stats@other_bot", "billcoach_bot"));
        assert!(!is_stats("/start", "billcoach_bot"));
    }

    #[test]
    fn sizes_and_uptime_read_at_a_glance() {
        assert_eq!(size(41_234), "42 KB");
        assert_eq!(size(12_500_000), "12.5 MB");
        assert_eq!(uptime(std::time::Duration::from_secs(12 * 60 + 5)), "12 min");
        assert_eq!(uptime(std::time::Duration::from_secs(2 * 3600 + 300)), "2 h 5 min");
        assert_eq!(uptime(std::time::Duration::from_secs(3 * 86400 + 4 * 3600)), "3 d 4 h");
    }
}
