//! The Telegram front end (teloxide; long polling, or a webhook).
//!
//! A thin shell: [`polling`] fetches updates and keeps each batch in the
//! [`inbox`] (or, in webhook mode, [`webhook`] takes Telegram's posts and
//! keeps each one before answering it); [`lanes`] run each chat's updates in order, chats side by
//! side; [`handlers`] turn updates into conversation inputs and call the
//! [`Engine`]; [`deliver`] turns outputs into Bot API calls and deals with
//! Telegram's errors, through the [`outbox`], which paces every message
//! by its chat's budget ([`pace`]); [`notifier`] sends the reminders the
//! scheduler finds due; [`turns`] let one instance at a time handle a
//! chat's updates when several share a store. No business rule lives here.

mod admin;
mod commands;
mod deliver;
mod handlers;
mod inbox;
mod lanes;
mod notifier;
mod outbox;
mod pace;
mod polling;
mod split;
mod turns;
mod uploads;
mod webhook;

pub use commands::BotCommand;
pub use split::split_text;

use crate::config::Config;
use crate::engine::Engine;
use crate::reminders::Scheduler;
use crate::signals::stop_signal;
use crate::StartError;
use handlers::Served;
use inbox::Handled;
use lanes::{ChatLanes, Pushed};
use notifier::TelegramNotifier;
use outbox::Outbox;
use pace::{PaceLimits, Pacer};
use std::sync::Arc;
use teloxide::prelude::*;

/// The Bot API client. Messages go out through the [`Outbox`], which
/// paces them; other calls use it directly.
pub type TgBot = Bot;

/// Connects to Telegram (or `TELOXIDE_API_URL`) and serves until SIGINT or
/// SIGTERM; in-flight updates finish first.
pub async fn run(engine: Engine, config: &Config) -> Result<(), StartError> {
    let token = config.token.clone().ok_or("TELOXIDE_TOKEN is not set")?;
    let client = teloxide::net::default_reqwest_settings()
        .timeout(config.telegram_timeout)
        .build()
        .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
    let mut bot = Bot::with_client(token, client);
    if let Some(url) = &config.api_url {
        let url = url.parse().map_err(|e| format!("TELOXIDE_API_URL is not a URL: {e}"))?;
        bot = bot.set_api_url(url);
    }
    let pacer = Pacer::new(PaceLimits {
        chat_per_second: config.chat_rate.per_second,
        chat_per_minute: config.chat_rate.per_minute,
        bulk_per_second: config.bulk_per_second,
    });
    let outbox = Outbox::new(bot.clone(), Arc::new(pacer));

    let me = bot
        .get_me()
        .await
        .map_err(|e| format!("Telegram did not accept the token: {e}"))?;
    log::info!("connected as @{}", me.username());
    commands::register(&bot, engine.languages()).await;
    commands::register_profile(&bot, engine.languages()).await;

    // Everything that can stop start-up comes before any work starts.
    let listener = match config.listen {
        Some(address) => Some(
            tokio::net::TcpListener::bind(address)
                .await
                .map_err(|e| format!("cannot listen on {address} (BILLCOACH_LISTEN): {e}"))?,
        ),
        None => None,
    };
    let webhook = match &config.webhook_url {
        Some(url) => {
            let (url, path) = webhook::path_of(url)?;
            // Every instance must accept every post: the operator's secret,
            // else the one the shared store keeps, else this folder's.
            let shared = match &config.webhook_secret {
                Some(secret) => Some(secret.0.clone()),
                None => engine
                    .store()
                    .shared_webhook_secret(&webhook::new_secret())
                    .map_err(|e| format!("cannot keep the webhook's secret in the database: {e}"))?,
            };
            let secret = match shared {
                Some(secret) => secret,
                None => webhook::secret(&config.db_path)
                    .map_err(|e| format!("cannot keep the webhook's secret in the data folder: {e}"))?,
            };
            webhook::register(&bot, url, &secret).await?;
            log::info!("webhook set; taking updates at {path}");
            Some((path, secret))
        }
        None => {
            if let Err(e) = bot.delete_webhook().send().await {
                log::warn!("could not remove a webhook before polling: {e}");
            }
            None
        }
    };

    let engine = Arc::new(engine);
    let (stopping, mut stop_seen) = tokio::sync::watch::channel(false);
    let stopping = Arc::new(stopping);
    let stop_on_signal = stopping.clone();
    let scheduler = Scheduler::new((*engine).clone(), TelegramNotifier::new(outbox.clone()));
    let reminders = tokio::spawn(scheduler.run(async move {
        let _ = stop_seen.wait_for(|stop| *stop).await;
    }));

    tokio::spawn(async move {
        stop_signal().await;
        log::info!("stop requested; finishing updates in flight");
        let _ = stop_on_signal.send(true);
    });

    let uploads = uploads::Uploads::new();
    let engine_store = engine.store().clone();
    let served = Arc::new(Served {
        outbox,
        me,
        engine,
        uploads,
        admin_chat: config.admin_chat,
        started: std::time::Instant::now(),
        turns: turns::Turns::new(engine_store.clone(), config.chat_turn),
    });
    let lanes = {
        let served = served.clone();
        ChatLanes::new(
            LANE_LIMIT,
            Arc::new(move |chat, work| {
                let served = served.clone();
                Box::pin(async move { handlers::handle(&served, chat, work).await })
            }),
        )
    };
    let store = served.engine.store().clone();
    for update in inbox::kept_updates(&store) {
        receive(&lanes, &served.engine, update);
    }
    let hand_on: Arc<dyn Fn(Update) + Send + Sync> = {
        let (lanes, engine) = (lanes.clone(), served.engine.clone());
        Arc::new(move |update| receive(&lanes, &engine, update))
    };
    // Updates another instance kept but could not handle then (it did not
    // have the chat's turn, or died) are picked up once the turn is free.
    let picking_up = {
        let (idle, push) = (lanes.clone(), hand_on.clone());
        tokio::spawn(turns::pick_up_waiting(
            store.clone(),
            move |chat| idle.is_idle(chat),
            move |update| push(update),
            stopping.subscribe(),
        ))
    };
    let mut routes = crate::monitor::routes(served.engine.clone());
    if let Some((path, secret)) = webhook {
        routes = routes.merge(webhook::route(&path, secret, served.engine.clone(), hand_on.clone()));
    }
    let listening = listener.map(|listener| {
        let mut stop = stopping.subscribe();
        tokio::spawn(async move {
            let stopped = async move {
                let _ = stop.wait_for(|stop| *stop).await;
            };
            if let Err(e) = axum::serve(listener, routes).with_graceful_shutdown(stopped).await {
                log::error!("the HTTP listener stopped: {e}");
            }
        })
    });
    if config.webhook_url.is_some() {
        // Telegram posts; the listener takes them until the stop signal.
        let _ = stopping.subscribe().wait_for(|stop| *stop).await;
    } else {
        let wait = polling_timeout(config.telegram_timeout);
        polling::poll(&bot, &store, wait, stopping.subscribe(), |update| hand_on(update)).await;
    }
    // Everything stops (also when polling ended for another reason than a
    // signal). Posts in flight are answered (each kept in the inbox) before
    // the lanes close, for at most a few seconds (a client that never
    // finishes its request does not hold the stop; Telegram posts again
    // what was not answered); the webhook stays set, so Telegram keeps what
    // comes meanwhile and posts it to the next start.
    let _ = stopping.send(true);
    if let Some(listening) = listening {
        if tokio::time::timeout(LISTENER_GRACE, listening).await.is_err() {
            log::warn!("the HTTP listener did not finish within {} s", LISTENER_GRACE.as_secs());
        }
    }
    // The updates in hand finish; those still waiting stay in the inbox
    // and are handled first at the next start.
    let _ = picking_up.await;
    lanes.close().await;
    // The scheduler finishes the reminders it is sending, then stops.
    let _ = reminders.await;
    Ok(())
}

/// How long the listener may take to answer the requests in flight at a
/// stop.
const LISTENER_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// How many updates a chat may have waiting; more are skipped and the
/// user is told (see [`lanes`]). At Telegram's pace of about one message a
/// second to a chat, twenty is twenty seconds of backlog.
const LANE_LIMIT: usize = 20;

/// Puts an update in its chat's lane without waiting. An update that has
/// no lane (a kind the bot does not serve) or that its full lane drops is
/// forgotten from the inbox here.
fn receive(lanes: &Arc<ChatLanes<Update>>, engine: &Engine, update: Update) {
    let Some(chat) = lane_of(&update) else {
        let _handled = Handled::new(engine, &update);
        log::debug!("ignored an update of kind {:?}", update.kind_name());
        return;
    };
    let id = update.id.0;
    if lanes.push(chat, update) == Pushed::Dropped {
        log::info!("chat {chat}: update {id} skipped, {LANE_LIMIT} already waiting");
        if let Err(e) = engine.store().forget_update(chat, id) {
            log::warn!("update {id}: could not be forgotten from the inbox: {e}");
        }
    }
}

/// The lane an update is handled in: its chat's (a button press: its
/// sender's), for the kinds the bot serves.
fn lane_of(update: &Update) -> Option<i64> {
    use teloxide::types::UpdateKind;
    match &update.kind {
        UpdateKind::Message(_) | UpdateKind::EditedMessage(_) | UpdateKind::CallbackQuery(_) => {
            Some(inbox::chat_of(update))
        }
        _ => None,
    }
}

/// How long one long poll waits for updates: ten seconds, or less when the
/// HTTP timeout is shorter (a poll must end before its request times out).
fn polling_timeout(http_timeout: std::time::Duration) -> std::time::Duration {
    let ten = std::time::Duration::from_secs(10);
    ten.min(http_timeout.saturating_sub(std::time::Duration::from_secs(2)))
        .max(std::time::Duration::from_secs(1))
}

/// A short name for an update kind, for logs.
trait KindName {
    fn kind_name(&self) -> &'static str;
}

impl KindName for Update {
    fn kind_name(&self) -> &'static str {
        use teloxide::types::UpdateKind;
        match &self.kind {
            UpdateKind::Message(_) => "message",
            UpdateKind::EditedMessage(_) => "edited message",
            UpdateKind::ChannelPost(_) | UpdateKind::EditedChannelPost(_) => "channel post",
            UpdateKind::CallbackQuery(_) => "callback query",
            UpdateKind::MyChatMember(_) => "my chat member",
            _ => "other",
        }
    }
}
