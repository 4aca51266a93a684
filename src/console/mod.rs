//! The terminal front end: the same conversation as on Telegram, typed.
//!
//! Messages print as plain text; buttons print numbered, and typing a
//! number presses that button. Anything else typed is sent as text, and
//! `/commands` work as on Telegram. The terminal user is one chat
//! ([`CONSOLE_CHAT`]) in the same store. Reminders that fall due while the
//! program runs are printed ([`notifier`]).

mod notifier;
mod terminal;

use crate::content::{keys, Lang};
use crate::conversation::{Action, Command, Input};
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
pub async fn run(engine: Engine, lang: Option<Lang>) -> Result<(), StartError> {
    let interactive = std::io::stdin().is_terminal();
    let screen = Arc::new(Mutex::new(Terminal::new(interactive)));
    let show = |outputs: &[crate::conversation::Output]| lock(&screen).show(outputs);
    // The lines about the terminal itself, in the language asked for.
    let content = &engine.languages().get(lang.unwrap_or_default()).content;
    lock(&screen).note(&content.text(keys::CONSOLE_NO_TOKEN).to_plain());
    lock(&screen).note(&content.text(keys::CONSOLE_HOW_TO_ANSWER).to_plain());

    // `--lang es` on a first run greets in that language (the welcome and
    // what is kept, as a phone set to it gets); on a chat already begun it
    // switches as the /language button would, and shows where it is.
    let outputs = match lang {
        Some(lang) if engine.store().has_chat_key(CONSOLE_CHAT) => {
            let button = Input::Button(Action::Language(lang).encode());
            engine.handle(CONSOLE_CHAT, button, None).await?
        }
        device => engine.handle_in(CONSOLE_CHAT, Input::Resume, None, device).await?,
    };
    show(&outputs);

    let (stopping, mut stop_seen) = tokio::sync::watch::channel(false);
    let header = content.text(keys::CONSOLE_REMINDER).to_plain();
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
        let mut block = vec![line];
        // A paste (a bill's lines) arrives as many lines at once: read it
        // as one block, as Telegram does, not line by line (each line
        // would print the question and the list again). Piped input is
        // answers typed ahead, one a line.
        if interactive {
            while let Ok(Ok(Some(more))) = tokio::time::timeout(PASTE_GAP, lines.next_line()).await {
                block.push(more);
            }
        }
        let Some(input) = block_input(&lock(&screen), &block) else {
            continue;
        };
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

/// Lines closer together than this came in one paste (a person types
/// slower; `next_line` is cancel safe, so a timeout loses nothing).
const PASTE_GAP: std::time::Duration = std::time::Duration::from_millis(30);

/// What lines that arrived together mean: one line is a button, a command
/// or text; several (a paste) are one text. `None` for blank lines only.
fn block_input(screen: &Terminal, block: &[String]) -> Option<Input> {
    let lines: Vec<&str> = block
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect();
    match lines.as_slice() {
        [] => None,
        [typed] => Some(screen.input_for(typed)),
        _ => Some(Input::Text(lines.join("\n"))),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn a_pasted_bill_is_one_text_and_a_single_line_is_read_as_typed() {
        let screen = Terminal::new(true);
        let pasted = block(&["03/14/26 99285 ER visit $2,100.00", "", "03/14/26 85025 CBC $142.00"]);
        assert_eq!(
            block_input(&screen, &pasted),
            Some(Input::Text(
                "03/14/26 99285 ER visit $2,100.00\n03/14/26 85025 CBC $142.00".to_string()
            ))
        );
        assert_eq!(
            block_input(&screen, &block(&["/help"])),
            Some(Input::Command(Command::Help))
        );
        assert_eq!(block_input(&screen, &block(&["  ", ""])), None);
    }
}
