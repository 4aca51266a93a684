//! A fake Telegram Bot API server on 127.0.0.1, for driving the real bot in
//! tests without the network.
//!
//! It serves long polling (`getUpdates`) from a queue the test fills by
//! "being the user" ([`FakeBotApi::user_sends`], [`FakeBotApi::user_presses`]),
//! records every call the bot makes, keeps the bot's messages as a phone
//! would show them (edits applied), can be told to fail calls ([`Fault`]:
//! 403, 429 with `retry_after`, 400, slow answers, connection resets), and
//! checks every request against the Bot API spec (`bot-api-spec.json`): an
//! unknown method, a missing required field or an unknown field is a
//! violation the tests assert away.
//!
//! Like Telegram, it keeps every update until the bot confirms it by
//! calling `getUpdates` with a higher `offset`: an update the bot received
//! but had not confirmed when it died is delivered again to the next bot
//! process ([`FakeBotApi::unconfirmed_update_ids`]).
//!
//! After `setWebhook` it posts the updates instead, as Telegram does: one at
//! a time, in order, to the URL given, with the secret token in
//! `X-Telegram-Bot-Api-Secret-Token`; an update is confirmed (forgotten)
//! when a post of it is answered 200, and posted again 100 ms after any
//! other answer or a failed connection. `getUpdates` is then refused with
//! 409, and `deleteWebhook` goes back to long polling.

use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::serve::{IncomingStream, Listener};
use axum::Router;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// The bot's own user id and username, as `getMe` reports them.
pub const BOT_ID: i64 = 7_000_000;
pub const BOT_USERNAME: &str = "billcoach_test_bot";

/// A message the bot sent, as the user sees it now (after edits).
#[derive(Debug, Clone)]
pub struct BotMessage {
    pub chat: i64,
    pub message_id: i64,
    pub text: String,
    /// Button rows as (label, callback data).
    pub buttons: Vec<Vec<(String, String)>>,
    pub edited: bool,
    /// How many times the bot edited it.
    pub edits: usize,
    /// A document's file name and contents (the text is its caption).
    pub document: Option<(String, String)>,
}

impl BotMessage {
    /// All buttons, row after row.
    pub fn flat_buttons(&self) -> Vec<(String, String)> {
        self.buttons.iter().flatten().cloned().collect()
    }

    pub fn labels(&self) -> Vec<String> {
        self.flat_buttons().into_iter().map(|(label, _)| label).collect()
    }
}

/// A `sendMessage` the server took (answered `ok`), as it was sent.
#[derive(Debug, Clone)]
pub struct Accepted {
    /// When the server stored it.
    pub at: std::time::Instant,
    pub message: BotMessage,
}

/// One call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
}

/// A failure to answer instead of the real result, or a slow answer.
///
/// Build one with a constructor ([`Fault::blocked`], [`Fault::retry_after`],
/// [`Fault::bad_request`], [`Fault::slow`], [`Fault::reset`]...) and adjust
/// it with [`Fault::times`] or struct update syntax.
#[derive(Debug, Clone)]
pub struct Fault {
    /// Method name, case-insensitive (`sendMessage`; `getUpdates` works too).
    pub method: String,
    /// Only calls for this chat (`None`: any chat).
    pub chat: Option<i64>,
    /// The error to answer with; `0`: no error, answer normally (after
    /// `delay`).
    pub error_code: u16,
    pub description: String,
    pub retry_after: Option<u64>,
    /// How many calls fail before the fault is used up.
    pub times: usize,
    /// Wait this long before answering (or before failing).
    pub delay: Option<Duration>,
    /// Close the connection without answering (after `delay`), as a
    /// connection reset: the client sees a network error, and the call has
    /// no effect (a message is not sent).
    pub reset: bool,
}

impl Fault {
    fn new(method: &str, chat: Option<i64>) -> Fault {
        Fault {
            method: method.into(),
            chat,
            error_code: 0,
            description: String::new(),
            retry_after: None,
            times: 1,
            delay: None,
            reset: false,
        }
    }

    /// Telegram's answer when the user blocked the bot (every
    /// `sendMessage` to the chat, until the test says otherwise).
    pub fn blocked(chat: i64) -> Fault {
        Fault {
            error_code: 403,
            description: "Forbidden: bot was blocked by the user".into(),
            times: usize::MAX,
            ..Fault::new("sendMessage", Some(chat))
        }
    }

    /// 429 Too Many Requests with `retry_after` seconds, once.
    pub fn retry_after(method: &str, chat: Option<i64>, seconds: u64) -> Fault {
        Fault {
            error_code: 429,
            description: format!("Too Many Requests: retry after {seconds}"),
            retry_after: Some(seconds),
            ..Fault::new(method, chat)
        }
    }

    /// 400 Bad Request with Telegram's `description`, once.
    pub fn bad_request(method: &str, chat: Option<i64>, description: &str) -> Fault {
        Fault {
            error_code: 400,
            description: description.into(),
            ..Fault::new(method, chat)
        }
    }

    /// `editMessageText` refused: the new text and buttons are the same.
    pub fn message_not_modified(chat: i64) -> Fault {
        Fault::bad_request(
            "editMessageText",
            Some(chat),
            "Bad Request: message is not modified: specified new message content and reply markup are \
             exactly the same as a current content and reply markup of the message",
        )
    }

    /// `editMessageText` refused: the message is gone (deleted by the user).
    pub fn message_to_edit_not_found(chat: i64) -> Fault {
        Fault::bad_request("editMessageText", Some(chat), "Bad Request: message to edit not found")
    }

    /// The call succeeds, but only after `delay`, once.
    pub fn slow(method: &str, chat: Option<i64>, delay: Duration) -> Fault {
        Fault {
            delay: Some(delay),
            ..Fault::new(method, chat)
        }
    }

    /// The connection is closed without an answer (a reset), once.
    pub fn reset(method: &str, chat: Option<i64>) -> Fault {
        Fault {
            reset: true,
            ..Fault::new(method, chat)
        }
    }

    /// Applies to the next `times` matching calls.
    pub fn times(mut self, times: usize) -> Fault {
        self.times = times;
        self
    }
}

#[derive(Default)]
struct Inner {
    pending: VecDeque<Value>,
    /// Every update ever queued, by id (for redelivery).
    history: BTreeMap<u32, Value>,
    next_update_id: u32,
    next_message_id: i64,
    next_callback_id: u64,
    calls: Vec<Call>,
    /// `sendMessage` calls answered `ok`, in the order taken (a call
    /// refused by a fault is in `calls` only).
    accepted: Vec<Accepted>,
    messages: BTreeMap<(i64, i64), BotMessage>,
    /// Message ids in the order they were sent, per chat.
    order: HashMap<i64, Vec<i64>>,
    faults: Vec<Fault>,
    violations: Vec<String>,
    /// Each chat's device language, when not "en".
    languages: HashMap<i64, String>,
    /// Files the user uploaded: file id → (path, bytes).
    files: HashMap<String, (String, Vec<u8>)>,
    /// Ids of the updates `getUpdates` has handed out so far.
    handed_out: HashSet<u32>,
    /// How many times `getUpdates` was called (it is not in `calls`).
    polls: usize,
    /// Where to post updates, and the secret token, after `setWebhook`.
    webhook: Option<(String, Option<String>)>,
    /// The posting task was started.
    posting: bool,
    /// Every webhook post: (update id, status; 0 when the connection
    /// failed).
    posts: Vec<(u32, u16)>,
    /// How long each post answered 200 took.
    post_times: Vec<Duration>,
    /// The next update made is not queued (a test posts it itself).
    hold_next: bool,
}

/// The running fake server.
#[derive(Clone)]
pub struct FakeBotApi {
    /// Base URL for `TELOXIDE_API_URL`.
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    changed: watch::Sender<u64>,
    /// Connections to cut (by the bot's address), see [`Fault::reset`].
    cuts: Cuts,
}

impl FakeBotApi {
    /// Starts the server on a random port of 127.0.0.1.
    pub async fn start() -> FakeBotApi {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let cuts = Cuts::default();
        let inner = Inner {
            next_update_id: 1,
            next_message_id: 1,
            ..Inner::default()
        };
        let (changed, _) = watch::channel(0);
        let server = FakeBotApi {
            url: format!("http://127.0.0.1:{port}"),
            inner: Arc::new(Mutex::new(inner)),
            changed,
            cuts: cuts.clone(),
        };
        let app = Router::new().fallback(handle).with_state(server.clone());
        let listener = CuttableListener { inner: listener, cuts };
        tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<Peer>())
                .await
                .expect("fake server runs");
        });
        server
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    fn push_update(&self, make: impl FnOnce(&mut Inner, u32) -> Value) -> u32 {
        let id = {
            let mut inner = self.lock();
            let id = inner.next_update_id;
            inner.next_update_id += 1;
            let update = make(&mut inner, id);
            inner.history.insert(id, update.clone());
            if !inner.hold_next {
                inner.pending.push_back(update);
            }
            inner.hold_next = false;
            id
        };
        self.bump();
        id
    }

    /// The user of `chat` has a device set to `language` ("es-US").
    pub fn set_language(&self, chat: i64, language: &str) {
        self.lock().languages.insert(chat, language.to_string());
    }

    /// The user of private chat `chat` types `text`. Returns the update id.
    pub fn user_sends(&self, chat: i64, text: &str) -> u32 {
        let text = text.to_string();
        self.push_update(move |inner, id| {
            let mut message = json!({
                "message_id": 100_000 + id as i64,
                "date": 1_780_000_000,
                "chat": private_chat(chat),
                "from": user(inner, chat),
                "text": text,
            });
            if text.starts_with('/') {
                let length = text.split_whitespace().next().unwrap_or("").encode_utf16().count();
                message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": length}]);
            }
            json!({"update_id": id, "message": message})
        })
    }

    /// Any update body (a sticker, a group message, an edited message...).
    pub fn push_raw_update(&self, body: Value) -> u32 {
        self.push_update(move |_, id| {
            let mut update = body;
            update["update_id"] = json!(id);
            update
        })
    }

    /// The user presses the button with `data` under the bot's message.
    pub fn user_presses_data(&self, message: &BotMessage, data: &str) -> u32 {
        let (chat, message_id, data) = (message.chat, message.message_id, data.to_string());
        self.push_update(move |inner, id| {
            inner.next_callback_id += 1;
            let shown = inner
                .messages
                .get(&(chat, message_id))
                .map(message_json)
                .unwrap_or_else(|| json!({}));
            json!({
                "update_id": id,
                "callback_query": {
                    "id": format!("cb{}", inner.next_callback_id),
                    "from": user(inner, chat),
                    "message": shown,
                    "chat_instance": format!("ci{chat}"),
                    "data": data,
                }
            })
        })
    }

    /// The user presses the button labelled `label` under the message.
    pub fn user_presses(&self, message: &BotMessage, label: &str) -> u32 {
        let data = message
            .flat_buttons()
            .into_iter()
            .find(|(l, _)| l == label)
            .map(|(_, data)| data)
            .unwrap_or_else(|| panic!("no button {label:?} under {message:#?}"));
        self.user_presses_data(message, &data)
    }

    /// The user of private chat `chat` uploads a file as a document.
    pub fn user_uploads(&self, chat: i64, name: &str, contents: &[u8]) -> u32 {
        let (name, contents) = (name.to_string(), contents.to_vec());
        self.push_update(move |inner, id| {
            let file_id = format!("file{id}");
            let mime = match name.rsplit('.').next() {
                Some("csv") => "text/csv",
                Some("txt") => "text/plain",
                Some("pdf") => "application/pdf",
                _ => "application/octet-stream",
            };
            let size = contents.len();
            inner.files.insert(file_id.clone(), (format!("documents/{file_id}_{name}"), contents));
            json!({"update_id": id, "message": {
                "message_id": 100_000 + id as i64,
                "date": 1_780_000_000,
                "chat": private_chat(chat),
                "from": user(inner, chat),
                "document": {"file_id": file_id, "file_unique_id": format!("u{file_id}"), "file_name": name, "mime_type": mime, "file_size": size},
            }})
        })
    }

    /// The user sends a photo: Telegram offers a thumbnail and the full
    /// size (this picture), both downloadable.
    pub fn user_sends_photo(&self, chat: i64, jpeg: &[u8], width: u32, height: u32) -> u32 {
        let jpeg = jpeg.to_vec();
        self.push_update(move |inner, id| {
            let (thumb, full) = (format!("thumb{id}"), format!("photo{id}"));
            let size = jpeg.len();
            inner.files.insert(thumb.clone(), (format!("photos/{thumb}.jpg"), b"tiny".to_vec()));
            inner.files.insert(full.clone(), (format!("photos/{full}.jpg"), jpeg));
            json!({"update_id": id, "message": {
                "message_id": 100_000 + id as i64,
                "date": 1_780_000_000,
                "chat": private_chat(chat),
                "from": user(inner, chat),
                "photo": [
                    {"file_id": thumb, "file_unique_id": format!("u{thumb}"), "width": 90, "height": 120, "file_size": 4},
                    {"file_id": full, "file_unique_id": format!("u{full}"), "width": width, "height": height, "file_size": size},
                ],
            }})
        })
    }

    /// How many times the bot edited a message.
    pub fn edits_of(&self, chat: i64, message_id: i64) -> usize {
        self.lock()
            .messages
            .get(&(chat, message_id))
            .map(|m| m.edits)
            .unwrap_or(0)
    }

    /// Makes calls fail as described.
    pub fn inject(&self, fault: Fault) {
        self.lock().faults.push(fault);
    }

    /// The bot's messages in a chat, in the order sent, as shown now.
    pub fn messages(&self, chat: i64) -> Vec<BotMessage> {
        let inner = self.lock();
        let ids = inner.order.get(&chat).cloned().unwrap_or_default();
        ids.iter()
            .filter_map(|id| inner.messages.get(&(chat, *id)).cloned())
            .collect()
    }

    /// One of the bot's messages as shown now.
    pub fn message(&self, chat: i64, message_id: i64) -> Option<BotMessage> {
        self.lock().messages.get(&(chat, message_id)).cloned()
    }

    /// Every call of a method (case-insensitive), in order.
    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// Every `sendMessage` the server took (answered `ok`), in order, as
    /// sent: unlike [`FakeBotApi::calls`], a call a fault refused, reset
    /// or held past the bot's timeout is not here.
    pub fn accepted_sends(&self) -> Vec<Accepted> {
        self.lock().accepted.clone()
    }

    /// How many `sendMessage` calls the server took (cheap to poll).
    pub fn accepted_count(&self) -> usize {
        self.lock().accepted.len()
    }

    /// Requests that did not match the Bot API spec.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// Queues an update again, as Telegram does when a bot crashed before
    /// confirming it.
    pub fn redeliver(&self, update_id: u32) {
        {
            let mut inner = self.lock();
            let update = inner.history.get(&update_id).cloned().expect("a known update");
            inner.pending.push_front(update);
        }
        self.bump();
    }

    /// The id the next update gets. Telegram numbers updates in sequence,
    /// but "if there are no new updates for at least a week, then
    /// identifier of the next update will be chosen randomly instead of
    /// sequentially" (Bot API, `Update`): it may be lower than before.
    pub fn set_next_update_id(&self, id: u32) {
        self.lock().next_update_id = id;
    }

    /// Updates the bot has not confirmed yet.
    pub fn unconfirmed_updates(&self) -> usize {
        self.lock().pending.len()
    }

    /// Updates the bot received but has not confirmed (by asking for a
    /// higher `offset`): after a crash they are delivered again, as
    /// Telegram does, since they stay queued until confirmed.
    pub fn unconfirmed_update_ids(&self) -> Vec<u32> {
        let inner = self.lock();
        inner
            .pending
            .iter()
            .filter_map(|u| u["update_id"].as_u64().map(|id| id as u32))
            .filter(|id| inner.handed_out.contains(id))
            .collect()
    }

    /// How many times a bot called `getUpdates`: one more after a start
    /// means the bot is serving (its stop signal is listened for).
    pub fn polls(&self) -> usize {
        self.lock().polls
    }

    /// Every webhook post so far: (update id, status; 0 when the
    /// connection failed or was cut).
    pub fn webhook_posts(&self) -> Vec<(u32, u16)> {
        self.lock().posts.clone()
    }

    /// How long each webhook post answered 200 took (connect, the bot
    /// keeping the update durably, the answer), in order.
    pub fn webhook_post_times(&self) -> Vec<Duration> {
        self.lock().post_times.clone()
    }

    /// An update as Telegram would post it (for a test that posts it
    /// itself).
    pub fn update_json(&self, update_id: u32) -> Value {
        self.lock().history.get(&update_id).cloned().expect("a known update")
    }

    /// Builds the update of the user of `chat` typing `text` without
    /// queueing it (a test posts it itself); returns its JSON.
    pub fn user_message_unqueued(&self, chat: i64, text: &str) -> Value {
        self.lock().hold_next = true;
        let id = self.user_sends(chat, text);
        self.update_json(id)
    }

    /// Every call that names chat `chat` (`chat_id`), in the order made,
    /// whatever the method and whether it failed.
    pub fn chat_calls(&self, chat: i64) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| chat_of(&c.body) == Some(chat))
            .cloned()
            .collect()
    }

    /// Waits until `ready` holds, or panics after `timeout` with what the
    /// chat shows, so a failing test says what the bot did instead.
    pub async fn wait_until<T>(
        &self,
        chat: i64,
        timeout: Duration,
        mut ready: impl FnMut(&FakeBotApi) -> Option<T>,
    ) -> T {
        let mut changes = self.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(value) = ready(self) {
                return value;
            }
            if tokio::time::timeout_at(deadline, changes.changed()).await.is_err() {
                let shown: Vec<String> = self
                    .messages(chat)
                    .iter()
                    .map(|m| format!("#{} {:?} {:?}", m.message_id, m.text, m.labels()))
                    .collect();
                panic!("timed out; chat {chat} shows:\n{}", shown.join("\n"));
            }
        }
    }

    /// Waits for the `n`-th message (0-based) of the chat and returns it.
    pub async fn nth_message(&self, chat: i64, n: usize) -> BotMessage {
        self.wait_until(chat, Duration::from_secs(20), |api| api.messages(chat).get(n).cloned())
            .await
    }
}

fn private_chat(chat: i64) -> Value {
    json!({"id": chat, "type": "private", "first_name": "Pat"})
}

/// The user of a private chat, with their device's language ("en"
/// unless a test set another, see [`FakeBotApi::set_language`]).
fn user(inner: &Inner, chat: i64) -> Value {
    let language = inner.languages.get(&chat).map_or("en", String::as_str);
    json!({"id": chat, "is_bot": false, "first_name": "Pat", "language_code": language})
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "billcoach", "username": BOT_USERNAME})
}

fn message_json(message: &BotMessage) -> Value {
    let mut value = json!({
        "message_id": message.message_id,
        "date": 1_780_000_000,
        "chat": private_chat(message.chat),
        "from": bot_user(),
        "text": message.text,
    });
    if !message.buttons.is_empty() {
        let rows: Vec<Value> = message
            .buttons
            .iter()
            .map(|row| {
                row.iter()
                    .map(|(label, data)| json!({"text": label, "callback_data": data}))
                    .collect()
            })
            .collect();
        value["reply_markup"] = json!({"inline_keyboard": rows});
    }
    if message.edited {
        value["edit_date"] = json!(1_780_000_100);
    }
    value
}

/// The inline keyboard of a request body, as rows of (label, data).
pub fn buttons_of(body: &Value) -> Vec<Vec<(String, String)>> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    row.as_array()
                        .into_iter()
                        .flatten()
                        .map(|b| {
                            (
                                b["text"].as_str().unwrap_or("").to_string(),
                                b["callback_data"].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A method's fields in the spec: (required ones, all of them).
type MethodFields = (Vec<String>, Vec<String>);

/// The spec: method name (lower case) → its fields.
fn spec() -> &'static HashMap<String, MethodFields> {
    static SPEC: OnceLock<HashMap<String, MethodFields>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = include_str!("bot-api-spec.json");
        let spec: Value = serde_json::from_str(text).expect("spec is JSON");
        let mut methods = HashMap::new();
        for (name, method) in spec["methods"].as_object().expect("methods") {
            let fields = method["fields"].as_array().cloned().unwrap_or_default();
            let all: Vec<String> = fields
                .iter()
                .filter_map(|f| f["name"].as_str().map(String::from))
                .collect();
            let required = fields
                .iter()
                .filter(|f| f["required"].as_bool() == Some(true))
                .filter_map(|f| f["name"].as_str().map(String::from))
                .collect();
            methods.insert(name.to_ascii_lowercase(), (required, all));
        }
        methods
    })
}

fn check_against_spec(method: &str, body: &Value) -> Vec<String> {
    let Some((required, all)) = spec().get(&method.to_ascii_lowercase()) else {
        return vec![format!("{method}: not a Bot API method")];
    };
    let fields = body.as_object().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    for name in required {
        if !fields.contains_key(name) {
            problems.push(format!("{method}: required field `{name}` missing"));
        }
    }
    for name in fields.keys() {
        if !all.contains(name) {
            problems.push(format!("{method}: unknown field `{name}`"));
        }
    }
    problems
}

fn ok(result: Value) -> axum::response::Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

/// The chat a request names: `chat_id` as a number or as a string (how
/// multipart requests send it).
fn chat_of(body: &Value) -> Option<i64> {
    body["chat_id"]
        .as_i64()
        .or_else(|| body["chat_id"].as_str().and_then(|c| c.parse().ok()))
}

/// The first fault that applies to this call (used up by one).
fn take_fault(inner: &mut Inner, method: &str, chat: Option<i64>) -> Option<Fault> {
    let position = inner
        .faults
        .iter()
        .position(|f| f.times > 0 && f.method.eq_ignore_ascii_case(method) && (f.chat.is_none() || f.chat == chat));
    position.map(|i| {
        let fault = inner.faults[i].clone();
        inner.faults[i].times -= 1;
        fault
    })
}

/// Acts out a fault: waits, then cuts the connection or answers with the
/// error. `None`: the call goes on normally (a slow answer).
async fn act_out(api: &FakeBotApi, peer: Peer, fault: Fault) -> Option<axum::response::Response> {
    if let Some(delay) = fault.delay {
        tokio::time::sleep(delay).await;
    }
    if fault.reset {
        // The answer below is never written: the connection is cut first.
        api.cuts.lock().unwrap_or_else(|e| e.into_inner()).insert(peer.0);
        return Some(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    if fault.error_code == 0 {
        return None;
    }
    let mut answer = json!({"ok": false, "error_code": fault.error_code, "description": fault.description});
    if let Some(seconds) = fault.retry_after {
        answer["parameters"] = json!({"retry_after": seconds});
    }
    let status = StatusCode::from_u16(fault.error_code).unwrap_or(StatusCode::BAD_REQUEST);
    Some((status, axum::Json(answer)).into_response())
}

async fn handle(
    State(api): State<FakeBotApi>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    if let Some(path) = uri.path().split_once("/file/bot").map(|(_, rest)| rest) {
        return download(&api, path);
    }
    let method = uri.path().rsplit('/').find(|s| !s.is_empty()).unwrap_or("").to_string();
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let body: Value = if body.is_empty() {
        json!({})
    } else if let Some(boundary) = content_type.split("boundary=").nth(1) {
        multipart_fields(&body, boundary.trim_matches('"'))
    } else {
        serde_json::from_slice(&body).unwrap_or_else(|_| json!({"_unreadable": true}))
    };

    if method.eq_ignore_ascii_case("getUpdates") {
        if api.lock().webhook.is_some() {
            let answer = json!({"ok": false, "error_code": 409, "description": "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"});
            return (StatusCode::CONFLICT, axum::Json(answer)).into_response();
        }
        let fault = {
            let mut inner = api.lock();
            inner.polls += 1;
            take_fault(&mut inner, &method, None)
        };
        api.bump();
        if let Some(fault) = fault {
            if let Some(answer) = act_out(&api, peer, fault).await {
                return answer;
            }
        }
        return get_updates(&api, &body).await;
    }

    let fault = {
        let mut inner = api.lock();
        let problems = check_against_spec(&method, &body);
        inner.violations.extend(problems);
        inner.calls.push(Call {
            method: method.clone(),
            body: body.clone(),
        });
        take_fault(&mut inner, &method, chat_of(&body))
    };
    api.bump();
    if let Some(fault) = fault {
        if let Some(answer) = act_out(&api, peer, fault).await {
            api.bump();
            return answer;
        }
    }

    let answer = match method.to_ascii_lowercase().as_str() {
        "setwebhook" => {
            let url = body["url"].as_str().unwrap_or("").to_string();
            let secret = body["secret_token"].as_str().map(String::from);
            let start = {
                let mut inner = api.lock();
                inner.webhook = Some((url, secret));
                !std::mem::replace(&mut inner.posting, true)
            };
            if start {
                tokio::spawn(post_updates(api.clone()));
            }
            ok(json!(true))
        }
        "deletewebhook" => {
            api.lock().webhook = None;
            ok(json!(true))
        }
        "getwebhookinfo" => ok(json!({
            "url": "", "has_custom_certificate": false,
            "pending_update_count": api.lock().pending.len(),
        })),
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "billcoach", "username": BOT_USERNAME,
            "can_join_groups": false, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false, "has_main_web_app": false
        })),
        "sendmessage" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let mut inner = api.lock();
            let message_id = inner.next_message_id;
            inner.next_message_id += 1;
            let message = BotMessage {
                chat,
                message_id,
                text: body["text"].as_str().unwrap_or("").to_string(),
                buttons: buttons_of(&body),
                edited: false,
                edits: 0,
                document: None,
            };
            let shown = message_json(&message);
            inner.accepted.push(Accepted {
                at: std::time::Instant::now(),
                message: message.clone(),
            });
            inner.messages.insert((chat, message_id), message);
            inner.order.entry(chat).or_default().push(message_id);
            ok(shown)
        }
        "senddocument" => {
            let chat = body["chat_id"]
                .as_str()
                .and_then(|c| c.parse().ok())
                .or(body["chat_id"].as_i64())
                .unwrap_or(0);
            let mut inner = api.lock();
            let message_id = inner.next_message_id;
            inner.next_message_id += 1;
            let message = BotMessage {
                chat,
                message_id,
                text: body["caption"].as_str().unwrap_or("").to_string(),
                buttons: Vec::new(),
                edited: false,
                edits: 0,
                document: Some((
                    body["document"]["filename"].as_str().unwrap_or("").to_string(),
                    body["document"]["content"].as_str().unwrap_or("").to_string(),
                )),
            };
            let shown = message_json(&message);
            inner.messages.insert((chat, message_id), message);
            inner.order.entry(chat).or_default().push(message_id);
            ok(shown)
        }
        "getfile" => {
            let file_id = body["file_id"].as_str().unwrap_or("").to_string();
            let inner = api.lock();
            match inner.files.get(&file_id) {
                Some((path, bytes)) => ok(json!({
                    "file_id": file_id, "file_unique_id": format!("u{file_id}"),
                    "file_size": bytes.len(), "file_path": path
                })),
                None => {
                    let answer = json!({"ok": false, "error_code": 400, "description": "Bad Request: invalid file_id"});
                    return (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response();
                }
            }
        }
        "editmessagetext" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let message_id = body["message_id"].as_i64().unwrap_or(0);
            let mut inner = api.lock();
            match inner.messages.get_mut(&(chat, message_id)) {
                Some(message) => {
                    let text = body["text"].as_str().unwrap_or("").to_string();
                    let buttons = buttons_of(&body);
                    if message.text == text && message.buttons == buttons {
                        let answer = json!({"ok": false, "error_code": 400, "description": "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"});
                        return (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response();
                    }
                    message.text = text;
                    message.buttons = buttons;
                    message.edited = true;
                    message.edits += 1;
                    ok(message_json(message))
                }
                None => {
                    let answer = json!({"ok": false, "error_code": 400, "description": "Bad Request: message to edit not found"});
                    return (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response();
                }
            }
        }
        _ => ok(json!(true)),
    };
    api.bump();
    answer
}

/// The fields of a multipart body (how teloxide sends files): text fields
/// as strings, file fields as `{"filename": ..., "content": ...}`.
fn multipart_fields(body: &[u8], boundary: &str) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let attribute = |name: &str| {
            head.split(';').find_map(|piece| {
                piece
                    .trim()
                    .strip_prefix(&format!("{name}=\""))
                    .map(|v| v.trim_end_matches('"').to_string())
            })
        };
        let Some(name) = attribute("name") else { continue };
        let value = match attribute("filename") {
            Some(filename) => json!({"filename": filename, "content": content}),
            None => serde_json::from_str::<Value>(content)
                .ok()
                .filter(|v| v.is_object() || v.is_array())
                .unwrap_or_else(|| json!(content)),
        };
        fields.insert(name, value);
    }
    // Files travel as their own part, named by `attach://<part>`.
    let attached: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.strip_prefix("attach://")?.to_string())))
        .collect();
    for (name, part) in attached {
        if let Some(file) = fields.remove(&part) {
            fields.insert(name, file);
        }
    }
    Value::Object(fields)
}

/// Serves `GET /file/bot<token>/<path>` for an uploaded file.
fn download(api: &FakeBotApi, token_and_path: &str) -> axum::response::Response {
    // teloxide sends the file path as one URL segment (`/` as `%2F`).
    let path = percent_decode(token_and_path.split_once('/').map(|(_, path)| path).unwrap_or(""));
    let inner = api.lock();
    match inner.files.values().find(|(p, _)| *p == path) {
        Some((_, bytes)) => bytes.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

/// Webhook mode: posts the oldest update not confirmed to the webhook,
/// again and again until it is answered 200 (then it is confirmed and the
/// next one goes), while a webhook is set.
async fn post_updates(api: FakeBotApi) {
    let mut changes = api.changed.subscribe();
    loop {
        let next = {
            let inner = api.lock();
            match (&inner.webhook, inner.pending.front()) {
                (Some((url, secret)), Some(update)) => Some((url.clone(), secret.clone(), update.clone())),
                _ => None,
            }
        };
        let Some((url, secret, update)) = next else {
            let _ = tokio::time::timeout(Duration::from_millis(200), changes.changed()).await;
            continue;
        };
        let id = update["update_id"].as_u64().unwrap_or(0) as u32;
        api.lock().handed_out.insert(id);
        let headers: Vec<(&str, &str)> = secret
            .as_deref()
            .map(|s| {
                vec![
                    ("X-Telegram-Bot-Api-Secret-Token", s),
                    ("Content-Type", "application/json"),
                ]
            })
            .unwrap_or_else(|| vec![("Content-Type", "application/json")]);
        let body = serde_json::to_vec(&update).expect("an update is JSON");
        let started = std::time::Instant::now();
        let status = match super::http::request("POST", &url, &headers, &body).await {
            Ok(answer) => answer.status,
            Err(_) => 0,
        };
        {
            let mut inner = api.lock();
            inner.posts.push((id, status));
            if status == 200 {
                inner.post_times.push(started.elapsed());
                if let Some(at) = inner
                    .pending
                    .iter()
                    .position(|u| u["update_id"].as_u64() == Some(id as u64))
                {
                    inner.pending.remove(at);
                }
            }
        }
        api.bump();
        if status != 200 {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Long polling: confirms updates below `offset`, returns the rest, or
/// waits (up to the bot's timeout, at most 1 s, so a stopping bot is not held up) for one to arrive.
async fn get_updates(api: &FakeBotApi, body: &Value) -> axum::response::Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    let wait = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(1));
    {
        let mut inner = api.lock();
        inner.violations.extend(check_against_spec("getUpdates", body));
        inner.pending.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
    }
    api.bump();
    let mut changes = api.changed.subscribe();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let ready: Vec<Value> = {
            let mut inner = api.lock();
            let ready: Vec<Value> = inner.pending.iter().take(limit).cloned().collect();
            let ids: Vec<u32> = ready
                .iter()
                .filter_map(|u| u["update_id"].as_u64().map(|id| id as u32))
                .collect();
            inner.handed_out.extend(ids);
            ready
        };
        if !ready.is_empty() {
            return ok(Value::Array(ready));
        }
        if tokio::time::timeout_at(deadline, changes.changed()).await.is_err() {
            return ok(json!([]));
        }
    }
}

/// Connections to cut, by the bot's address and port.
type Cuts = Arc<Mutex<HashSet<SocketAddr>>>;

/// The bot's end of a connection, as the handler sees it.
#[derive(Debug, Clone, Copy)]
struct Peer(SocketAddr);

impl Connected<IncomingStream<'_, CuttableListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, CuttableListener>) -> Self {
        Peer(*stream.remote_addr())
    }
}

/// A TCP listener whose connections the server can cut (see
/// [`Fault::reset`]).
struct CuttableListener {
    inner: TcpListener,
    cuts: Cuts,
}

impl Listener for CuttableListener {
    type Io = CuttableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    let stream = CuttableStream {
                        inner: stream,
                        peer,
                        cuts: self.cuts.clone(),
                        cut: false,
                    };
                    return (stream, peer);
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection that, once its peer is listed in `cuts`, fails the next
/// write and closes with a TCP reset (`SO_LINGER` 0) instead of answering.
struct CuttableStream {
    inner: TcpStream,
    peer: SocketAddr,
    cuts: Cuts,
    cut: bool,
}

impl CuttableStream {
    fn is_cut(&mut self) -> bool {
        if !self.cut && self.cuts.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.peer) {
            self.cut = true;
            let _ = self.inner.set_zero_linger();
        }
        self.cut
    }
}

fn reset_error() -> io::Error {
    io::Error::from(io::ErrorKind::ConnectionReset)
}

impl AsyncRead for CuttableStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if self.cut {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // A cut connection is dropped without a polite FIN: the drop sends
        // the reset.
        if self.is_cut() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
