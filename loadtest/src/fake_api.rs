//! A lean fake Telegram Bot API for load tests: serves what the bots call
//! at start, long-polls `getUpdates` like Telegram (updates below `offset`
//! are confirmed and dropped), and drives a closed loop: each chat sends its
//! next message only when the bot has replied to the previous one. A reply
//! is the bot's first `sendMessage`/`editMessageText` to that chat after the
//! update was handed out; the time to the chat's last message of that step
//! is kept too. In webhook mode (several billcoach instances on one
//! database) the updates are posted instead, round-robin over the URLs the
//! bots gave `setWebhook`, with their secret token, as a load balancer
//! in front of them would.

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use tokio::sync::Notify;

/// The first chat's id of the first run; chat `i` of run `r` is
/// `FIRST_CHAT + r * RUN_CHATS + i`, so runs on one shared database (which
/// outlives a run, unlike a data folder) each start with new chats.
const FIRST_CHAT: i64 = 1_000_000;
const RUN_CHATS: i64 = 100_000;

/// What a chat sends: a fixed text each time, or billcoach's walk through
/// its menu (see [`Script::next`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Script {
    /// The same short text every time (the echo and dialogue bots).
    Text,
    /// `/start`, then button presses picked from the bot's last buttons.
    Billcoach,
}

/// What the user does next.
enum Action {
    Text(String),
    Press { data: String, message_id: i64 },
}

impl Script {
    /// The chat's `k`-th action, given the buttons of the bot's latest
    /// message with buttons (label, data) and that message's id.
    fn next(self, k: u32, chat: &ChatState) -> Action {
        match self {
            Script::Text => Action::Text(format!("hello {k}")),
            Script::Billcoach => {
                if k == 0 {
                    return Action::Text("/start".into());
                }
                // Alternate between two screens that each load, step, save
                // and flush the chat before replying: open the reminders
                // screen from the menu, then leave it back to the menu.
                let wanted = if k % 2 == 1 { "menu:reminders" } else { "leave" };
                let pick = chat
                    .buttons
                    .iter()
                    .find(|(_, d)| d == wanted)
                    .or_else(|| chat.buttons.first());
                match pick {
                    Some((_, data)) => Action::Press {
                        data: data.clone(),
                        message_id: chat.buttons_message,
                    },
                    None => Action::Text("/start".into()),
                }
            }
        }
    }
}

/// One chat of the closed loop.
#[derive(Default)]
pub struct ChatState {
    /// Messages sent so far.
    sent: u32,
    /// Waiting for the bot's reply to the last message.
    awaiting: bool,
    /// When the last message was first handed to the bot.
    handed_at: Option<Instant>,
    /// When the step being answered was handed out (for the last message).
    step_at: Option<Instant>,
    /// Time from hand-out to the latest message of the step so far.
    last_latency: Option<Duration>,
    /// The bot's latest inline keyboard and the message it is on.
    buttons: Vec<(String, String)>,
    buttons_message: i64,
}

/// Everything the fake server knows, behind one lock.
struct Inner {
    script: Script,
    first_chat: i64,
    per_chat: u32,
    trace: bool,
    queue: VecDeque<(i64, usize, Arc<str>)>,
    next_update_id: i64,
    next_message_id: i64,
    chats: Vec<ChatState>,
    done_chats: usize,
    first: Vec<u32>,
    last: Vec<u32>,
    sends: u64,
    unknown: BTreeSet<String>,
    ready: bool,
    finished_at: Option<Instant>,
    /// Webhook mode: how many bots must call `setWebhook` before the run,
    /// and the (URL, secret token) each gave.
    hooks_wanted: usize,
    hooks: Vec<(String, Option<String>)>,
}

/// The fake API, shared by the server's handlers and the runner.
pub struct FakeApi {
    inner: Mutex<Inner>,
    updates: Notify,
    ready: Notify,
    finished: Notify,
}

/// What a run measured.
pub struct Outcome {
    /// Replies (first messages) received: updates answered.
    pub answered: usize,
    /// Reply latencies to the first message, µs.
    pub first: Vec<u32>,
    /// Latencies to the step's last message, µs.
    pub last: Vec<u32>,
    /// Messages the bot sent or edited.
    pub sends: u64,
    /// Methods this fake does not know (answered with `true`).
    pub unknown: BTreeSet<String>,
}

impl FakeApi {
    /// The fake API of run number `run`, for `chats` chats sending
    /// `per_chat` messages each.
    pub fn new(script: Script, run: usize, chats: usize, per_chat: u32, trace: bool) -> Arc<FakeApi> {
        Arc::new(FakeApi {
            inner: Mutex::new(Inner {
                script,
                first_chat: FIRST_CHAT + run as i64 * RUN_CHATS,
                per_chat,
                trace,
                queue: VecDeque::new(),
                next_update_id: 1,
                next_message_id: 1,
                chats: (0..chats).map(|_| ChatState::default()).collect(),
                done_chats: 0,
                first: Vec::with_capacity(chats * per_chat as usize),
                last: Vec::with_capacity(chats * per_chat as usize),
                sends: 0,
                unknown: BTreeSet::new(),
                ready: false,
                finished_at: None,
                hooks_wanted: 0,
                hooks: Vec::new(),
            }),
            updates: Notify::new(),
            ready: Notify::new(),
            finished: Notify::new(),
        })
    }

    /// Serves the API on `listener` until the process ends.
    pub async fn serve(self: Arc<Self>, listener: tokio::net::TcpListener) {
        let app = axum::Router::new().fallback(handle).with_state(self);
        axum::serve(listener, app).await.expect("fake API server");
    }

    /// Webhook mode: the run starts once `instances` bots set their webhook,
    /// and updates are posted to them instead of handed to `getUpdates`.
    pub fn expect_webhooks(&self, instances: usize) {
        self.inner.lock().unwrap().hooks_wanted = instances;
    }

    /// Waits for the bot's first `getUpdates` (webhook mode: for every
    /// instance's `setWebhook`).
    pub async fn wait_ready(&self, limit: Duration) -> bool {
        let notified = self.ready.notified();
        if self.inner.lock().unwrap().ready {
            return true;
        }
        tokio::time::timeout(limit, notified).await.is_ok()
    }

    /// Every chat sends its first message; returns the start instant.
    pub fn start(self: &Arc<Self>) -> Instant {
        let mut inner = self.inner.lock().unwrap();
        for i in 0..inner.chats.len() {
            enqueue(&mut inner, i);
        }
        let webhooks = inner.hooks_wanted > 0;
        drop(inner);
        if webhooks {
            tokio::spawn(post_updates(self.clone()));
        }
        self.updates.notify_one();
        Instant::now()
    }

    /// Waits until every chat got all its replies or `limit` passes;
    /// returns when the last reply came (or `None` on time-out).
    pub async fn wait_finished(&self, limit: Duration) -> Option<Instant> {
        let notified = self.finished.notified();
        if let Some(at) = self.inner.lock().unwrap().finished_at {
            return Some(at);
        }
        let _ = tokio::time::timeout(limit, notified).await;
        self.inner.lock().unwrap().finished_at
    }

    /// The figures so far.
    pub fn outcome(&self) -> Outcome {
        let mut inner = self.inner.lock().unwrap();
        let pending: Vec<u32> = inner
            .chats
            .iter_mut()
            .filter_map(|c| c.last_latency.take())
            .map(micros)
            .collect();
        inner.last.extend(pending);
        Outcome {
            answered: inner.first.len(),
            first: std::mem::take(&mut inner.first),
            last: std::mem::take(&mut inner.last),
            sends: inner.sends,
            unknown: inner.unknown.clone(),
        }
    }
}

fn micros(d: Duration) -> u32 {
    d.as_micros().min(u32::MAX as u128) as u32
}

fn user(chat: i64) -> Value {
    json!({"id": chat, "is_bot": false, "first_name": "Pat", "language_code": "en"})
}

fn private_chat(chat: i64) -> Value {
    json!({"id": chat, "type": "private", "first_name": "Pat"})
}

fn bot_user() -> Value {
    json!({"id": 42, "is_bot": true, "first_name": "bench", "username": "bench_bot"})
}

/// Queues chat `i`'s next message as an update.
fn enqueue(inner: &mut Inner, i: usize) {
    let chat_id = inner.first_chat + i as i64;
    let update_id = inner.next_update_id;
    inner.next_update_id += 1;
    let k = inner.chats[i].sent;
    let action = inner.script.next(k, &inner.chats[i]);
    let update = match action {
        Action::Text(text) => {
            let mut message = json!({
                "message_id": 1_000 + k, "date": 1_780_000_000,
                "chat": private_chat(chat_id), "from": user(chat_id), "text": text,
            });
            if text.starts_with('/') {
                let len = text.split(' ').next().unwrap_or("").len();
                message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
            }
            json!({"update_id": update_id, "message": message})
        }
        Action::Press { data, message_id } => json!({
            "update_id": update_id,
            "callback_query": {
                "id": format!("cq{update_id}"), "from": user(chat_id), "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": message_id, "date": 1_780_000_000,
                    "chat": private_chat(chat_id), "from": bot_user(), "text": "…",
                },
            },
        }),
    };
    let chat = &mut inner.chats[i];
    chat.sent += 1;
    chat.awaiting = true;
    chat.handed_at = None;
    inner.queue.push_back((update_id, i, Arc::from(update.to_string())));
}

async fn handle(State(api): State<Arc<FakeApi>>, uri: Uri, body: Bytes) -> Response {
    let method = uri
        .path()
        .rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    if method == "getupdates" {
        return get_updates(&api, &body).await;
    }
    let raw = body.clone();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match method.as_str() {
        "getme" => ok(json!({
            "id": 42, "is_bot": true, "first_name": "bench", "username": "bench_bot",
            "can_join_groups": false, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "sendmessage" | "editmessagetext" => {
            let edit = method == "editmessagetext";
            ok(bot_message(&api, &body, edit))
        }
        "senddocument" | "sendphoto" => {
            let mut inner = api.inner.lock().unwrap();
            let message_id = inner.next_message_id;
            inner.next_message_id += 1;
            ok(json!({
                "message_id": message_id, "date": 1_780_000_000, "chat": private_chat(inner.first_chat),
                "from": bot_user(),
                "document": {"file_id": "f1", "file_unique_id": "u1", "file_name": "letter.txt"},
            }))
        }
        "setwebhook" => {
            // teloxide sends setWebhook as a multipart form (it may carry a
            // certificate), not JSON.
            let url = form_field(&raw, "url").unwrap_or_default();
            let secret = form_field(&raw, "secret_token");
            let mut inner = api.inner.lock().unwrap();
            inner.hooks.retain(|(known, _)| *known != url);
            inner.hooks.push((url, secret));
            if inner.hooks_wanted > 0 && inner.hooks.len() >= inner.hooks_wanted && !inner.ready {
                inner.ready = true;
                api.ready.notify_one();
            }
            ok(json!(true))
        }
        "getwebhookinfo" => ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})),
        "deletewebhook"
        | "setmycommands"
        | "answercallbackquery"
        | "sendchataction"
        | "deletemessage"
        | "editmessagereplymarkup"
        | "setmydescription"
        | "setmyshortdescription"
        | "setchatmenubutton" => ok(json!(true)),
        other => {
            api.inner.lock().unwrap().unknown.insert(other.to_string());
            ok(json!(true))
        }
    }
}

/// A field of a multipart form: the text between its part's headers and
/// the next boundary.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let start = text.find(&format!("name=\"{name}\""))?;
    let value = &text[start..];
    let value = &value[value.find("\r\n\r\n")? + 4..];
    Some(value[..value.find("\r\n")?].to_string())
}

fn ok(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

/// Records a bot message to a chat (advancing the closed loop) and returns
/// the `Message` Telegram would.
fn bot_message(api: &FakeApi, body: &Value, edit: bool) -> Value {
    let now = Instant::now();
    let chat_id = body["chat_id"]
        .as_i64()
        .or_else(|| body["chat_id"].as_str().and_then(|c| c.parse().ok()))
        .unwrap_or(0);
    let text = body["text"].as_str().unwrap_or("");
    let buttons: Vec<(String, String)> = body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row.as_array())
        .flatten()
        .map(|b| {
            (
                b["text"].as_str().unwrap_or("").to_string(),
                b["callback_data"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut inner = api.inner.lock().unwrap();
    inner.sends += 1;
    let message_id = if edit {
        body["message_id"].as_i64().unwrap_or(0)
    } else {
        let id = inner.next_message_id;
        inner.next_message_id += 1;
        id
    };
    let index = chat_id - inner.first_chat;
    if index >= 0 && (index as usize) < inner.chats.len() {
        let i = index as usize;
        if inner.trace {
            eprintln!(
                "[{chat_id}] {} #{message_id}: {:?} {:?}",
                if edit { "edit" } else { "send" },
                text.chars().take(70).collect::<String>(),
                buttons.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>()
            );
        }
        let per_chat = inner.per_chat;
        let chat = &mut inner.chats[i];
        if !buttons.is_empty() {
            chat.buttons = buttons;
            chat.buttons_message = message_id;
        }
        let mut reply = None;
        match chat.handed_at {
            Some(handed) if chat.awaiting => {
                // The step's last message so far becomes final now.
                let previous = chat.last_latency.take();
                chat.awaiting = false;
                chat.step_at = Some(handed);
                chat.last_latency = Some(now - handed);
                reply = Some((now - handed, previous, chat.sent < per_chat));
            }
            _ => {
                if let Some(step) = chat.step_at {
                    chat.last_latency = Some(now - step);
                }
            }
        }
        if let Some((latency, previous, more)) = reply {
            inner.first.push(micros(latency));
            if let Some(p) = previous {
                inner.last.push(micros(p));
            }
            if more {
                enqueue(&mut inner, i);
                drop(inner);
                api.updates.notify_one();
            } else {
                inner.done_chats += 1;
                if inner.done_chats == inner.chats.len() {
                    inner.finished_at = Some(now);
                    drop(inner);
                    api.finished.notify_one();
                }
            }
        }
    }
    let mut message = json!({
        "message_id": message_id, "date": 1_780_000_000,
        "chat": private_chat(chat_id), "from": bot_user(), "text": text,
    });
    if let Some(markup) = body.get("reply_markup").filter(|m| m.is_object()) {
        message["reply_markup"] = markup.clone();
    }
    if edit {
        message["edit_date"] = json!(1_780_000_100);
    }
    message
}

/// `getUpdates`: drops confirmed updates, hands out up to `limit` pending
/// ones, or waits up to `timeout` seconds for one.
async fn get_updates(api: &FakeApi, body: &[u8]) -> Response {
    let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(50));
    let deadline = Instant::now() + timeout;
    loop {
        let notified = api.updates.notified();
        {
            let mut inner = api.inner.lock().unwrap();
            if !inner.ready {
                inner.ready = true;
                api.ready.notify_one();
            }
            while inner.queue.front().is_some_and(|(id, _, _)| *id < offset) {
                inner.queue.pop_front();
            }
            if !inner.queue.is_empty() {
                let now = Instant::now();
                let taken: Vec<(usize, Arc<str>)> = inner
                    .queue
                    .iter()
                    .take(limit)
                    .map(|(_, chat, json)| (*chat, json.clone()))
                    .collect();
                let mut out = String::with_capacity(taken.len() * 300 + 32);
                out.push_str("{\"ok\":true,\"result\":[");
                for (n, (chat, json)) in taken.iter().enumerate() {
                    let state = &mut inner.chats[*chat];
                    if state.awaiting && state.handed_at.is_none() {
                        state.handed_at = Some(now);
                    }
                    if n > 0 {
                        out.push(',');
                    }
                    out.push_str(json);
                }
                out.push_str("]}");
                // More may wait: let another poller (if any) look too.
                return ([(header::CONTENT_TYPE, "application/json")], out).into_response();
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || tokio::time::timeout(left, notified).await.is_err() {
            return (
                [(header::CONTENT_TYPE, "application/json")],
                "{\"ok\":true,\"result\":[]}",
            )
                .into_response();
        }
    }
}

/// Webhook mode: posts each queued update to the next instance in turn, as
/// soon as it is queued, each post on its own task (Telegram keeps several
/// connections open to a bot). A post that fails or is not answered 200 is
/// posted again, to the next instance, after 50 ms.
async fn post_updates(api: Arc<FakeApi>) {
    let client = reqwest::Client::new();
    let mut turn = 0usize;
    loop {
        let notified = api.updates.notified();
        let (batch, hooks) = {
            let mut inner = api.inner.lock().unwrap();
            if inner.finished_at.is_some() {
                return;
            }
            let now = Instant::now();
            let batch: Vec<(usize, Arc<str>)> = inner.queue.drain(..).map(|(_, chat, json)| (chat, json)).collect();
            for (chat, _) in &batch {
                let state = &mut inner.chats[*chat];
                if state.awaiting && state.handed_at.is_none() {
                    state.handed_at = Some(now);
                }
            }
            (batch, inner.hooks.clone())
        };
        for (_, json) in batch {
            turn += 1;
            let (client, hooks, first) = (client.clone(), hooks.clone(), turn);
            tokio::spawn(async move {
                for attempt in 0.. {
                    let (url, secret) = &hooks[(first + attempt) % hooks.len()];
                    let mut post = client
                        .post(url)
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(json.to_string());
                    if let Some(secret) = secret {
                        post = post.header("x-telegram-bot-api-secret-token", secret);
                    }
                    match post.send().await {
                        Ok(answer) if answer.status().is_success() => return,
                        failed => {
                            if attempt == 0 {
                                eprintln!("posting to {url} failed: {:?}", failed.map(|a| a.status()));
                            }
                            tokio::time::sleep(Duration::from_millis(50)).await
                        }
                    }
                }
            });
        }
        notified.await;
    }
}
