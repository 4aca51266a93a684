//! The terminal front end: the same conversation as on Telegram, typed.
//!
//! Messages print as plain text; buttons print numbered, and typing a
//! number presses that button. Anything else typed is sent as text, and
//! `/commands` work as on Telegram. The terminal user is one chat
//! ([`CONSOLE_CHAT`]) in the same store. Reminders that fall due while the
//! program runs are printed ([`notifier`]).

mod notifier;
mod terminal;

use crate::content::keys;
use crate::conversation::{Command, Input};
use crate::engine::Engine;
use crate::reminders::Scheduler;
use crate::signals::stop_signal;
use crate::StartError;
use notifier::ConsoleNotifier;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use terminal::Terminal;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The chat id of the terminal user. Telegram chat ids are never 0.
pub const CONSOLE_CHAT: i64 = 0;

/// Runs the conversation on stdin/stdout until end of input or a signal.
pub async fn run(engine: Engine) -> Result<(), StartError> {
    let interactive = std::io::stdin().is_terminal();
    let screen = Arc::new(Mutex::new(Terminal::new(interactive)));
    let show = |outputs: &[crate::conversation::Output]| lock(&screen).show(outputs);
    lock(&screen).note(&engine.content().text(keys::CONSOLE_NO_TOKEN).to_plain());
    lock(&screen).note(&engine.content().text(keys::CONSOLE_HOW_TO_ANSWER).to_plain());

    let outputs = engine.handle(CONSOLE_CHAT, Input::Resume, None).await?;
    show(&outputs);

    let (stopping, mut stop_seen) = tokio::sync::watch::channel(false);
    let header = engine.content().text(keys::CONSOLE_REMINDER).to_plain();
    let scheduler =
        Scheduler::new(engine.clone(), ConsoleNotifier::new(screen.clone(), header)).only_chat(CONSOLE_CHAT);
    let reminders = tokio::spawn(scheduler.run(async move {
        let _ = stop_seen.wait_for(|stop| *stop).await;
    }));

    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        lock(&screen).prompt();
        let line = tokio::select! {
            line = lines.next_line() => line?,
            _ = &mut stop => None,
        };
        let Some(line) = line else { break };
        let typed = line.trim();
        if typed.is_empty() {
            continue;
        }
        let input = lock(&screen).input_for(typed);
        let outputs = engine.handle(CONSOLE_CHAT, input, None).await?;
        show(&outputs);
    }
    let _ = stopping.send(true);
    let _ = reminders.await;
    Ok(())
}

/// The screen, shared by the typing loop and the reminders (a panic while
/// printing leaves it usable).
fn lock(screen: &Mutex<Terminal>) -> std::sync::MutexGuard<'_, Terminal> {
    screen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a typed line means: a button by number, a command, or text.
fn typed_input(typed: &str, button_data: Option<&str>) -> Input {
    if let Some(data) = button_data {
        return Input::Button(data.to_string());
    }
    match Command::parse(typed) {
        Some(command) => Input::Command(command),
        None => Input::Text(typed.to_string()),
    }
}
