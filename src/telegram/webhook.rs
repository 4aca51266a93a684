//! Webhook mode: Telegram posts each update to our listener instead of the
//! bot asking for it (`BILLCOACH_WEBHOOK_URL`, `BILLCOACH_LISTEN`).
//!
//! Received means saved here too. Telegram keeps an update, and posts it
//! again, until a post of it is answered 200; so the update is written to
//! the inbox and made durable **before** the 200 (as polling makes a batch
//! durable before the `offset` that confirms it). A crash before the 200
//! means Telegram posts it again; a crash after it finds the update in the
//! inbox at the next start. The update is handed to its chat's lane before
//! the flush is awaited, so the first reply's commit usually carries it
//! (see `Store::flush_soon`), as in polling. From the lane on, both modes
//! are the same code.
//!
//! Every post must carry the secret token the bot gave `setWebhook`
//! (Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`); one without
//! it is answered 401 and changes nothing. The secret is random, made at
//! the first start in webhook mode and kept in the data folder
//! (`webhook-secret`, `0600`), so a restart keeps accepting the posts
//! Telegram retries meanwhile.

use super::inbox::{self, Kept};
use super::polling;
use super::TgBot;
use crate::engine::Engine;
use crate::StartError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::Update;

/// The file in the data folder that keeps the secret token.
pub const SECRET_FILE: &str = "webhook-secret";

/// The header Telegram puts the secret token in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Paths of the listener that are not the webhook's.
const RESERVED_PATHS: [&str; 2] = ["/healthz", "/metrics"];

/// The webhook's secret token: the one kept in `data_dir`, or a new one
/// (64 hex digits from the OS's random source, within Telegram's
/// `A-Za-z0-9_-`, 1 to 256 characters) written there `0600`.
pub fn secret(data_dir: &Path) -> std::io::Result<String> {
    let path = data_dir.join(SECRET_FILE);
    if let Ok(kept) = std::fs::read_to_string(&path) {
        let kept = kept.trim();
        if crate::config::usable_secret(kept) {
            return Ok(kept.to_string());
        }
        log::warn!("{SECRET_FILE}: not a usable secret token; a new one is made");
    }
    let secret = new_secret();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path)?;
    file.write_all(secret.as_bytes())?;
    file.sync_all()?;
    Ok(secret)
}

/// A new random secret token: 64 hex digits from the OS's random source.
pub fn new_secret() -> String {
    use chacha20poly1305::aead::{KeyInit, OsRng};
    let random = chacha20poly1305::ChaCha20Poly1305::generate_key(&mut OsRng);
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// The path of the webhook URL the listener takes updates at; refuses a
/// URL that cannot be read or whose path is one of the listener's own.
pub fn path_of(url: &str) -> Result<(url::Url, String), StartError> {
    let parsed = url::Url::parse(url).map_err(|e| format!("BILLCOACH_WEBHOOK_URL is not a URL: {e}"))?;
    let path = parsed.path().to_string();
    if RESERVED_PATHS.contains(&path.as_str()) {
        return Err(format!("BILLCOACH_WEBHOOK_URL's path cannot be {path}: the listener serves it").into());
    }
    Ok((parsed, path))
}

/// Tells Telegram to post updates to `url` with the secret token, for the
/// kinds of update the bot serves. Updates waiting at Telegram are kept.
pub async fn register(bot: &TgBot, url: url::Url, secret: &str) -> Result<(), StartError> {
    bot.set_webhook(url)
        .secret_token(secret.to_string())
        .allowed_updates(polling::allowed())
        .await
        .map_err(|e| format!("Telegram did not accept the webhook (setWebhook): {e}"))?;
    Ok(())
}

/// What the webhook route needs.
struct Receiving {
    secret: String,
    engine: Arc<Engine>,
    hand_on: Arc<dyn Fn(Update) + Send + Sync>,
}

/// The route that takes Telegram's posts at `path`; each update that is
/// kept is given to `hand_on` (the same `receive` polling uses).
pub fn route(path: &str, secret: String, engine: Arc<Engine>, hand_on: Arc<dyn Fn(Update) + Send + Sync>) -> Router {
    let receiving = Arc::new(Receiving {
        secret,
        engine,
        hand_on,
    });
    Router::new().route(path, post(take_update)).with_state(receiving)
}

/// One post from Telegram: 401 without the secret, 400 for a body that is
/// not an update, 500 when the inbox cannot keep it (Telegram posts it
/// again), 200 once it is durable in the inbox.
async fn take_update(State(receiving): State<Arc<Receiving>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !same_secret(given, receiving.secret.as_bytes()) {
        let refused = receiving.engine.metrics().webhook_unauthorized();
        if refused == 1 || refused % 100 == 0 {
            log::warn!("webhook: a post without the right secret token; refused (401), {refused} so far");
        }
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(_) => {
            receiving.engine.metrics().webhook_bad_request();
            // No detail: the error would quote the body.
            log::warn!(
                "webhook: a post whose body is not an update ({} bytes); refused",
                body.len()
            );
            return StatusCode::BAD_REQUEST;
        }
    };
    let id = update.id.0;
    let store = receiving.engine.store();
    let flushed = match inbox::keep(store, &update) {
        Kept::Written => Some(store.flush_soon()),
        Kept::NotNeeded => None,
        Kept::Failed => return StatusCode::INTERNAL_SERVER_ERROR,
    };
    (receiving.hand_on)(update);
    if let Some(flushed) = flushed {
        if let Err(e) = flushed.await {
            // Telegram posts it again; the engine applies an update once.
            log::error!("update {id}: not flushed ({e}); Telegram will post it again");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    StatusCode::OK
}

/// Compares the secret without stopping at the first difference.
fn same_secret(given: &[u8], secret: &[u8]) -> bool {
    given.len() == secret.len() && given.iter().zip(secret).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_made_once_and_kept_private() {
        let dir = tempfile::tempdir().unwrap();
        let first = secret(dir.path()).unwrap();
        assert_eq!(first.len(), 64);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(secret(dir.path()).unwrap(), first, "kept across starts");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = tempfile::tempdir().unwrap();
        assert_ne!(secret(other.path()).unwrap(), first, "random");
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn the_webhook_path_comes_from_the_url_and_cannot_be_the_listeners_own() {
        assert_eq!(path_of("https://bot.example.org/tg/hook").unwrap().1, "/tg/hook");
        assert_eq!(path_of("https://bot.example.org").unwrap().1, "/");
        assert!(path_of("https://bot.example.org/metrics").is_err());
        assert!(path_of("not a url").is_err());
    }
}
