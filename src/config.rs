//! Settings from the environment (and a `.env` file, loaded by `main`).
//! `.env.example` lists and explains every variable.

use chrono::{DateTime, Utc};
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
    /// The sled database folder (`BILLCOACH_DB`); with a database URL,
    /// only the control socket lives there.
    pub db_path: PathBuf,
    /// The shared PostgreSQL store (`BILLCOACH_DATABASE_URL`,
    /// `postgres://user:password@host/db`) instead of the embedded one.
    pub database_url: Option<Secret>,
    /// The master key that seals the chats' keys in PostgreSQL, 64 hex
    /// digits (`BILLCOACH_MASTER_KEY`), or a file holding them
    /// (`BILLCOACH_MASTER_KEY_FILE`, which wins).
    pub master_key: Option<Secret>,
    pub master_key_file: Option<PathBuf>,
    /// A folder of dialogue files that replaces the built-in copy
    /// (`BILLCOACH_DIALOGUES`).
    pub dialogues_dir: Option<PathBuf>,
    /// How many messages (sends and edits) one chat gets per second and
    /// per minute (`BILLCOACH_CHAT_MESSAGES_PER_SECOND`, `..._PER_MINUTE`).
    pub chat_rate: ChatRate,
    /// A starting "now" (`BILLCOACH_NOW`, RFC 3339) for tests and demos: the
    /// clock starts there and runs on; every
    /// date the bot computes counts from it instead of the real clock.
    pub fixed_now: Option<DateTime<Utc>>,
    /// How long one call to Telegram may take before it counts as failed
    /// (`BILLCOACH_TELEGRAM_TIMEOUT_SECONDS`, default 17).
    pub telegram_timeout: std::time::Duration,
    /// Bulk messages (reminders) the bot may send a second, all chats
    /// together (`BILLCOACH_BULK_MESSAGES_PER_SECOND`, default 30: Telegram's
    /// guideline; a bot with paid broadcasts may go higher).
    pub bulk_per_second: u32,
    /// `fdatasync` sled's log before each reply (`BILLCOACH_FSYNC=1`), so a
    /// power cut loses nothing acknowledged; off by default.
    pub fsync: bool,
    /// The public HTTPS address Telegram posts updates to
    /// (`BILLCOACH_WEBHOOK_URL`): set, the bot runs by webhook instead of
    /// long polling, and listens at its path on [`Config::listen`].
    pub webhook_url: Option<String>,
    /// The webhook's secret token, the same on every instance
    /// (`BILLCOACH_WEBHOOK_SECRET`, 16 to 256 of `A-Za-z0-9_-`); unset, it
    /// is kept in the shared store, or made and kept in the data folder.
    pub webhook_secret: Option<Secret>,
    /// Where the bot's own HTTP listener binds (`BILLCOACH_LISTEN`,
    /// address:port): the webhook, `/healthz` and `/metrics`.
    pub listen: Option<std::net::SocketAddr>,
    /// One JSON object per log line (`BILLCOACH_LOG_FORMAT=json`) instead
    /// of text.
    pub log_json: bool,
    /// The operator's chat (`BILLCOACH_ADMIN_CHAT`, a chat id): `/stats`
    /// there answers with counts about the bot.
    pub admin_chat: Option<i64>,
    /// How long an instance holds a chat's turn on the shared store before
    /// renewing it (`BILLCOACH_CHAT_TURN_SECONDS`, default 30): a dead
    /// instance's chats wait at most this long for another instance.
    pub chat_turn: std::time::Duration,
    /// How long a claimed reminder stays with the instance that claimed it
    /// on the shared store (`BILLCOACH_REMINDER_LEASE_SECONDS`, default
    /// 120): a dead instance's reminders wait at most this long.
    pub reminder_lease: std::time::Duration,
}

/// A setting that must not be printed (a password, a key): `Debug`
/// shows only that it is set.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Outgoing message limits for one private chat. Telegram asks bots to stay
/// around one message per second in a chat and allows short bursts; a
/// reply here is often two or three messages (the edited question, a line,
/// the next question), so the default allows a small burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatRate {
    pub per_second: u32,
    pub per_minute: u32,
}

impl Default for ChatRate {
    fn default() -> Self {
        ChatRate {
            per_second: 3,
            per_minute: 60,
        }
    }
}

/// A setting that cannot be read: start-up stops and names the variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("BILLCOACH_NOW must be a time like 2026-11-28T15:00:00Z, not {text:?}")]
    Time { text: String },
    #[error("{name} must be a whole number above 0, not {text:?}")]
    Number { name: &'static str, text: String },
    #[error("{name} must be 1 or 0, not {text:?}")]
    Switch { name: &'static str, text: String },
    #[error("BILLCOACH_ADMIN_CHAT must be a chat id (a whole number), not {text:?}")]
    AdminChat { text: String },
    #[error("BILLCOACH_LOG_FORMAT must be text or json, not {text:?}")]
    LogFormat { text: String },
    #[error("BILLCOACH_LISTEN must be an address and port like 0.0.0.0:8080, not {text:?}")]
    Listen { text: String },
    #[error("BILLCOACH_WEBHOOK_SECRET must be 16 to 256 letters, digits, _ or - (Telegram's rule)")]
    WebhookSecret,
    #[error("BILLCOACH_WEBHOOK_URL needs BILLCOACH_LISTEN (the address:port the bot listens on)")]
    WebhookWithoutListen,
    #[error(
        "BILLCOACH_WEBHOOK_URL must be a full https:// address (http:// for a local Bot API server), not {text:?}"
    )]
    WebhookUrl { text: String },
}

impl Config {
    /// Reads the settings from environment variables. Empty values count as
    /// unset; a value that cannot be read stops start-up with a message
    /// naming the variable, rather than being silently ignored.
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let fixed_now = match var("BILLCOACH_NOW") {
            Some(text) => Some(
                DateTime::parse_from_rfc3339(&text)
                    .map_err(|_| ConfigError::Time { text: text.clone() })?
                    .to_utc(),
            ),
            None => None,
        };
        let defaults = ChatRate::default();
        let (webhook_url, listen) = webhook_settings(var)?;
        Ok(Config {
            token: var("TELOXIDE_TOKEN"),
            api_url: var("TELOXIDE_API_URL"),
            db_path: var("BILLCOACH_DB")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DB_PATH)),
            database_url: var("BILLCOACH_DATABASE_URL").map(Secret),
            master_key: var("BILLCOACH_MASTER_KEY").map(Secret),
            master_key_file: var("BILLCOACH_MASTER_KEY_FILE").map(PathBuf::from),
            dialogues_dir: var("BILLCOACH_DIALOGUES").map(PathBuf::from),
            fixed_now,
            telegram_timeout: std::time::Duration::from_secs(
                number("BILLCOACH_TELEGRAM_TIMEOUT_SECONDS", var, 17)?.into(),
            ),
            chat_rate: ChatRate {
                per_second: number("BILLCOACH_CHAT_MESSAGES_PER_SECOND", var, defaults.per_second)?,
                per_minute: number("BILLCOACH_CHAT_MESSAGES_PER_MINUTE", var, defaults.per_minute)?,
            },
            bulk_per_second: number("BILLCOACH_BULK_MESSAGES_PER_SECOND", var, 30)?,
            fsync: switch("BILLCOACH_FSYNC", var)?,
            webhook_url,
            webhook_secret: match var("BILLCOACH_WEBHOOK_SECRET") {
                Some(text) if usable_secret(&text) => Some(Secret(text)),
                Some(_) => return Err(ConfigError::WebhookSecret),
                None => None,
            },
            listen,
            chat_turn: std::time::Duration::from_secs(number("BILLCOACH_CHAT_TURN_SECONDS", var, 30)?.into()),
            reminder_lease: std::time::Duration::from_secs(
                number("BILLCOACH_REMINDER_LEASE_SECONDS", var, 120)?.into(),
            ),
            admin_chat: match var("BILLCOACH_ADMIN_CHAT") {
                Some(text) => Some(
                    text.parse()
                        .map_err(|_| ConfigError::AdminChat { text: text.clone() })?,
                ),
                None => None,
            },
            log_json: match var("BILLCOACH_LOG_FORMAT").map(|v| v.to_ascii_lowercase()).as_deref() {
                None | Some("text") => false,
                Some("json") => true,
                Some(_) => {
                    return Err(ConfigError::LogFormat {
                        text: var("BILLCOACH_LOG_FORMAT").unwrap_or_default(),
                    })
                }
            },
        })
    }
}

/// `BILLCOACH_WEBHOOK_URL` and `BILLCOACH_LISTEN`: a webhook needs a
/// listener and a full http(s) URL; a listener alone serves `/healthz`
/// and `/metrics` beside long polling.
type WebhookSettings = (Option<String>, Option<std::net::SocketAddr>);

fn webhook_settings(var: impl Fn(&str) -> Option<String>) -> Result<WebhookSettings, ConfigError> {
    let listen = match var("BILLCOACH_LISTEN") {
        Some(text) => Some(text.parse().map_err(|_| ConfigError::Listen { text: text.clone() })?),
        None => None,
    };
    let webhook_url = var("BILLCOACH_WEBHOOK_URL");
    if let Some(url) = &webhook_url {
        let scheme = url.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
        if !matches!(scheme.as_deref(), Some("https") | Some("http")) {
            return Err(ConfigError::WebhookUrl { text: url.clone() });
        }
        if listen.is_none() {
            return Err(ConfigError::WebhookWithoutListen);
        }
    }
    Ok((webhook_url, listen))
}

/// Whether Telegram takes `secret` as a webhook's secret token (1 to 256
/// of `A-Za-z0-9_-`; at least 16 here, so it cannot be guessed).
pub fn usable_secret(secret: &str) -> bool {
    (16..=256).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An on/off setting: `1`/`true`/`yes` or `0`/`false`/`no`; off when unset.
fn switch(name: &'static str, var: impl Fn(&str) -> Option<String>) -> Result<bool, ConfigError> {
    match var(name).map(|v| v.to_ascii_lowercase()) {
        None => Ok(false),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(text) => Err(ConfigError::Switch { name, text }),
    }
}

/// A positive whole number from a variable, or the default when unset.
fn number(name: &'static str, var: impl Fn(&str) -> Option<String>, default: u32) -> Result<u32, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .ok()
            .filter(|n: &u32| *n > 0)
            .ok_or(ConfigError::Number { name, text }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(value: Option<&str>) -> impl Fn(&str) -> Option<String> + '_ {
        move |_| value.map(str::to_string)
    }

    #[test]
    fn an_on_off_setting_reads_the_usual_words_and_refuses_others() {
        assert_eq!(switch("X", from(None)), Ok(false));
        assert_eq!(switch("X", from(Some("1"))), Ok(true));
        assert_eq!(switch("X", from(Some("TRUE"))), Ok(true));
        assert_eq!(switch("X", from(Some("0"))), Ok(false));
        assert!(switch("X", from(Some("sometimes")))
            .unwrap_err()
            .to_string()
            .contains("X must be 1 or 0"));
    }

    #[test]
    fn a_webhook_secret_is_what_telegram_takes() {
        assert!(usable_secret(&"a1_-".repeat(4)));
        assert!(!usable_secret("short"));
        assert!(!usable_secret(&"x y ".repeat(8)));
        assert!(!usable_secret(&"x".repeat(257)));
    }

    #[test]
    fn a_webhook_needs_a_listener_and_a_full_url() {
        let vars = |webhook: Option<&'static str>, listen: Option<&'static str>| {
            move |name: &str| match name {
                "BILLCOACH_WEBHOOK_URL" => webhook.map(String::from),
                "BILLCOACH_LISTEN" => listen.map(String::from),
                _ => None,
            }
        };
        assert_eq!(
            webhook_settings(vars(Some("https://x.org/hook"), None)),
            Err(ConfigError::WebhookWithoutListen)
        );
        assert!(matches!(
            webhook_settings(vars(Some("x.org/hook"), Some("0.0.0.0:8080"))),
            Err(ConfigError::WebhookUrl { .. })
        ));
        assert!(matches!(
            webhook_settings(vars(None, Some("8080"))),
            Err(ConfigError::Listen { .. })
        ));
        let (url, listen) = webhook_settings(vars(Some("https://x.org/hook"), Some("0.0.0.0:8080"))).unwrap();
        assert_eq!(url.as_deref(), Some("https://x.org/hook"));
        assert_eq!(listen, Some("0.0.0.0:8080".parse().unwrap()));
        assert_eq!(webhook_settings(vars(None, None)), Ok((None, None)));
    }
}
