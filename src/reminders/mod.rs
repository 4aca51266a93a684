//! Reminder delivery: a [`Scheduler`] task that sleeps until the next
//! reminder is due (or until a user sets an earlier one), claims each due
//! reminder through the [`Engine`](crate::engine::Engine) and hands its
//! message to a [`Notifier`]: Telegram, or the terminal.
//!
//! The guarantees (see RELIABILITY.md): a reminder is claimed and flushed
//! before it is sent and marked delivered after; one found claimed after a
//! crash is sent again (the one case that can repeat a message); a
//! reminder that fell due while the bot was down is sent once, late, and
//! says so; a chat that blocked the bot has its reminders dropped.

mod scheduler;

pub use scheduler::Scheduler;

use crate::conversation::Output;
use crate::engine::SendResult;
use std::future::Future;

/// Shows a reminder's message to its chat.
pub trait Notifier: Send + Sync + 'static {
    /// Sends `output` to `chat` and says how it went.
    fn notify(&self, chat: i64, output: Output) -> impl Future<Output = SendResult> + Send;
}
