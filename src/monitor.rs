//! `/healthz` and `/metrics`, on the bot's own listener (`BILLCOACH_LISTEN`,
//! beside the webhook, or alone in polling mode).
//!
//! `/healthz` is 200 when the store answers (a read and a commit, each
//! within [`STORE_TIMEOUT`]) and the reminder scheduler showed life within
//! [`STALLED_AFTER`]; 503 with the reason otherwise. `/metrics` is the
//! counters of [`crate::metrics`] plus figures read from the store, in
//! Prometheus's text format. Neither says anything about a chat.

use crate::engine::Engine;
use crate::metrics::Gauges;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;

/// The scheduler sleeps at most 30 s between passes and shows life at the
/// start and end of a pass and after each reminder; three of its periods
/// without a sign means it is stuck.
pub const STALLED_AFTER: Duration = Duration::from_secs(90);

/// How long the store may take to answer a health check.
pub const STORE_TIMEOUT: Duration = Duration::from_secs(5);

/// The routes `/healthz` and `/metrics`.
pub fn routes(engine: Arc<Engine>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(engine)
}

async fn healthz(State(engine): State<Arc<Engine>>) -> (StatusCode, String) {
    match health(&engine).await {
        Ok(()) => (StatusCode::OK, "ok\n".to_string()),
        Err(reason) => {
            log::warn!("healthz: {reason}");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n"))
        }
    }
}

/// Whether the bot is healthy; the reason when it is not.
pub async fn health(engine: &Engine) -> Result<(), String> {
    let store = engine.store().clone();
    let read = tokio::task::spawn_blocking(move || store.next_due(None));
    match tokio::time::timeout(STORE_TIMEOUT, read).await {
        Ok(Ok(Ok(_))) => {}
        Ok(Ok(Err(e))) => return Err(format!("the store cannot be read: {e}")),
        _ => return Err("the store does not answer".into()),
    }
    match tokio::time::timeout(STORE_TIMEOUT, engine.store().flush()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("the store cannot commit: {e}")),
        Err(_) => return Err("the store does not commit".into()),
    }
    match engine.metrics().last_scheduler_beat() {
        Some(at) if engine.now().timestamp() - at <= STALLED_AFTER.as_secs() as i64 => Ok(()),
        Some(_) => Err(format!(
            "the reminder scheduler has not run for over {} s",
            STALLED_AFTER.as_secs()
        )),
        None => Err("the reminder scheduler has not run yet".into()),
    }
}

async fn metrics(State(engine): State<Arc<Engine>>) -> axum::response::Response {
    let store = engine.store().clone();
    let gauges = tokio::task::spawn_blocking(move || store.counts())
        .await
        .ok()
        .and_then(Result::ok)
        .map(|(chats, reminders_pending)| Gauges {
            chats,
            reminders_pending,
            store_bytes: engine.store().folder_bytes(),
        });
    let Some(gauges) = gauges else {
        return (StatusCode::SERVICE_UNAVAILABLE, "the store cannot be read\n").into_response();
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        engine.metrics().render(gauges),
    )
        .into_response()
}
