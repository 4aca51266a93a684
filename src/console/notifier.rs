//! Prints reminders in the terminal as they fall due; their buttons can be
//! pressed by number like any other.

use super::lock;
use super::terminal::Terminal;
use crate::conversation::Output;
use crate::engine::SendResult;
use crate::reminders::Notifier;
use std::sync::{Arc, Mutex};

/// The terminal notifier.
pub struct ConsoleNotifier {
    screen: Arc<Mutex<Terminal>>,
    /// The rule printed above a reminder.
    header: String,
}

impl ConsoleNotifier {
    pub fn new(screen: Arc<Mutex<Terminal>>, header: String) -> ConsoleNotifier {
        ConsoleNotifier { screen, header }
    }
}

impl Notifier for ConsoleNotifier {
    async fn notify(&self, _chat: i64, output: Output) -> SendResult {
        let mut screen = lock(&self.screen);
        screen.note(&format!("\n{}", self.header));
        screen.show(&[output]);
        screen.prompt();
        SendResult::Delivered
    }
}
