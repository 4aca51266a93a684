//! billcoach: a Telegram bot (and terminal program) that helps US patients
//! check and negotiate their medical bills.
//!
//! The code is a pure core with thin shells around it (see ARCHITECTURE.md):
//! [`domain`] and [`conversation`] are plain functions of their inputs;
//! [`engine`] runs one conversation step against the [`store`]; the
//! [`telegram`] and [`console`] front ends turn updates and keystrokes into
//! inputs and outputs into messages.

pub mod app;
pub mod backup;
pub mod clock;
pub mod config;
pub mod console;
pub mod content;
pub mod conversation;
pub mod documents;
pub mod domain;
pub mod engine;
pub mod metrics;
pub mod monitor;
pub mod reminders;
pub mod resources;
pub mod signals;
pub mod store;
pub mod telegram;

/// An error that stops the bot, said in one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Content(#[from] content::ContentError),
    #[error(transparent)]
    Reference(#[from] domain::reference::ReferenceError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A shell's own reason (`.ok_or("…")?`, `map_err(|e| format!(…))?`).
    #[error("{0}")]
    Said(String),
}

impl From<&str> for StartError {
    fn from(said: &str) -> StartError {
        StartError::Said(said.to_string())
    }
}

impl From<String> for StartError {
    fn from(said: String) -> StartError {
        StartError::Said(said)
    }
}
