//! Settings from the environment (and a `.env` file, loaded by `main`).
//! `.env.example` lists and explains every variable.

use std::path::PathBuf;

/// Where the data lives when `BILLCOACH_DB` is not set.
pub const DEFAULT_DB_PATH: &str = "./billcoach-data";

/// Everything the bot reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// The Telegram bot token (`TELOXIDE_TOKEN`); without one the bot runs
    /// in the terminal.
    pub token: Option<String>,
    /// Another Bot API server (`TELOXIDE_API_URL`), e.g. the tests' fake.
    pub api_url: Option<String>,
    /// The sled database folder (`BILLCOACH_DB`).
    pub db_path: PathBuf,
    /// A folder of dialogue files that replaces the built-in copy
    /// (`BILLCOACH_DIALOGUES`).
    pub dialogues_dir: Option<PathBuf>,
}

impl Config {
    /// Reads the settings from environment variables. Empty values count as
    /// unset.
    pub fn from_env() -> Config {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Config {
            token: var("TELOXIDE_TOKEN"),
            api_url: var("TELOXIDE_API_URL"),
            db_path: var("BILLCOACH_DB")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DB_PATH)),
            dialogues_dir: var("BILLCOACH_DIALOGUES").map(PathBuf::from),
        }
    }
}
