//! The terminal front end: the same conversation as on Telegram, typed.
//!
//! Messages print as plain text; buttons print numbered, and typing a
//! number presses that button. Anything else typed is sent as text, and
//! `/commands` work as on Telegram. The terminal user is one chat
//! ([`CONSOLE_CHAT`]) in the same store.

mod screen;

use crate::content::keys;
use crate::conversation::{Command, Input};
use crate::engine::Engine;
use crate::signals::stop_signal;
use crate::StartError;
use screen::Screen;
use std::io::IsTerminal;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The chat id of the terminal user. Telegram chat ids are never 0.
pub const CONSOLE_CHAT: i64 = 0;

/// Runs the conversation on stdin/stdout until end of input or a signal.
pub async fn run(engine: Engine) -> Result<(), StartError> {
    let interactive = std::io::stdin().is_terminal();
    let mut screen = Screen::new(interactive);
    screen.note(&engine.content().text(keys::CONSOLE_NO_TOKEN).to_plain());
    screen.note(&engine.content().text(keys::CONSOLE_HOW_TO_ANSWER).to_plain());

    let outputs = engine.handle(CONSOLE_CHAT, Input::Resume, None).await?;
    screen.show(&outputs);

    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        screen.prompt();
        let line = tokio::select! {
            line = lines.next_line() => line?,
            _ = &mut stop => None,
        };
        let Some(line) = line else { break };
        let typed = line.trim();
        if typed.is_empty() {
            continue;
        }
        let input = screen.input_for(typed);
        let outputs = engine.handle(CONSOLE_CHAT, input, None).await?;
        screen.show(&outputs);
    }
    Ok(())
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
