//! Crash safety under `kill -9`: scripted conversations run through the real
//! binary and the fake Bot API while the bot is killed with SIGKILL at
//! pseudo-random moments and started again on the same data folder.
//!
//! How it checks:
//!
//! - The users follow scripts drawn from a seeded xorshift generator: real
//!   review steps (a tap on a button of the message on screen, a typed
//!   answer that fits the question: a date, an amount, a label, "yes"), now
//!   and then `/back` or a typo. Several chats are in the air at once, all
//!   against one bot process.
//! - The pure `conversation::step` (the same one the bot runs) is the model:
//!   for each chat the test keeps the states the chat can be in, and for
//!   each user action the exact messages and edits it must cause. Every
//!   message and edit the bot makes in a chat must be explained, in order:
//!   nothing missing once a reply is complete, nothing twice, nothing else.
//!   So an update applied twice (a redelivery answered a second time, a
//!   "Part 1 of 4" shown twice in a row where the model shows it once)
//!   fails the test at once, with what was seen and what was expected.
//! - The bot is killed after replies are complete (then the next step must
//!   go on from the acknowledged answer) or while updates are in flight
//!   (after a random number of the expected messages). Updates the bot had
//!   received but not confirmed are delivered again by the fake server, as
//!   Telegram does; and after some kills the test also delivers again
//!   updates the bot had certainly applied, which must be skipped silently.
//! - After a kill in flight, a user whose reply did not finish sends
//!   `/help`, which shows the current question: the answer was applied or
//!   not (the bot may die before or after saving, before, during or after
//!   replying), and the messages seen say which, so the model follows.
//! - At the end the bot is stopped cleanly and the store is opened: each
//!   chat's saved state must be the one the model holds, so every answer the
//!   bot acknowledged is still in effect and the conversation goes on at the
//!   right question.
//!
//! The scripts are deterministic for a seed; where a kill lands is not
//! (it races the bot), which is why the model accepts every outcome a
//! crash allows and nothing else.
//!
//! Size: `BILLCOACH_CRASH_CONVERSATIONS` conversations in all (default 40
//! times `BILLCOACH_TEST_SCALE`, which is 1 in CI; split over two tests
//! that run side by side: 100 took about a minute on 2 cores, most of it
//! teloxide's Throttle, which sends queued messages every 250 ms), `BILLCOACH_CRASH_SEED` to change the scripts; each test prints
//! its seed and counts with `--nocapture`. At most 6 chats are in the air
//! at once: with 8 or more the bot deadlocks in sled (see
//! `forty_chats_writing_at_once_are_all_answered` below).

use crate::bot::bot_process::BotProcess;
use crate::bot::fake_bot_api::{buttons_of, BotMessage, FakeBotApi};
use crate::bot::test_bot::TestBot;
use billcoach::conversation::{step, AnswerKind, ChatState, Command, Ctx, Input, Keyboard, Output, Screen};
use billcoach::resources::Resources;
use billcoach::store::Store;
use billcoach::telegram::split_text;
use chrono::{DateTime, TimeZone, Utc};
use std::time::{Duration, Instant};

/// Telegram's limit for one message, as the bot splits long texts.
const MESSAGE_LIMIT: usize = 4096;

/// How long one reply may take before the test gives up.
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------
// Pseudo-random scripts
// ---------------------------------------------------------------------------

/// xorshift64: small, deterministic, good enough for scripts.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: u64) -> bool {
        self.next() % 100 < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

// ---------------------------------------------------------------------------
// The model: the pure step function the bot runs
// ---------------------------------------------------------------------------

struct Model {
    resources: Resources,
    /// `BILLCOACH_NOW` as `BotProcess` sets it.
    now: DateTime<Utc>,
}

impl Model {
    fn load() -> Model {
        Model {
            resources: Resources::load(None).expect("the built-in copy and data load"),
            now: Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap(),
        }
    }

    fn step(&self, state: &ChatState, input: &Input) -> (ChatState, Vec<Output>) {
        let ctx = Ctx {
            languages: &self.resources.languages,
            reference: &self.resources.reference,
            now: self.now,
        };
        let result = step(state, input.clone(), &ctx);
        (result.state, result.outputs)
    }
}

/// Buttons as rows of (label, callback data).
type Rows = Vec<Vec<(String, String)>>;

/// One thing the user sees happen in the chat.
#[derive(Debug, Clone, PartialEq)]
enum Event {
    Send { text: String, buttons: Rows },
    Edit { message: i64, text: String, buttons: Rows },
    Document { caption: String },
}

impl Event {
    /// One line for failure messages.
    fn short(&self) -> String {
        let cut = |text: &str| {
            let text = text.replace('\n', " ⏎ ");
            match text.char_indices().nth(90) {
                Some((at, _)) => format!("{}…", &text[..at]),
                None => text,
            }
        };
        match self {
            Event::Send { text, buttons } => format!("send {:?} {} button(s)", cut(text), buttons.concat().len()),
            Event::Edit { message, text, .. } => format!("edit #{message} {:?}", cut(text)),
            Event::Document { caption } => format!("document {:?}", cut(caption)),
        }
    }
}

/// The calls the bot must make for `outputs` (as `telegram::deliver` does:
/// long texts split, the keyboard under the last part, an edit of the
/// pressed message).
fn expected_events(outputs: &[Output], pressed: Option<i64>) -> Vec<Event> {
    let rows = |keyboard: &Keyboard| -> Rows {
        keyboard
            .iter()
            .map(|row| row.iter().map(|b| (b.label.clone(), b.data.clone())).collect())
            .collect()
    };
    let mut events = Vec::new();
    for output in outputs {
        match output {
            Output::Message { text, keyboard, .. } => {
                let chunks = split_text(text.as_str(), MESSAGE_LIMIT);
                let last = chunks.len().saturating_sub(1);
                for (i, chunk) in chunks.into_iter().enumerate() {
                    let buttons = if i == last { rows(keyboard) } else { Vec::new() };
                    events.push(Event::Send { text: chunk, buttons });
                }
            }
            Output::ReplacePressed { text, keyboard } => {
                if let Some(message) = pressed {
                    let text = split_text(text.as_str(), MESSAGE_LIMIT)
                        .into_iter()
                        .next()
                        .unwrap_or_default();
                    events.push(Event::Edit {
                        message,
                        text,
                        buttons: rows(keyboard),
                    });
                }
            }
            Output::Document { caption, .. } => events.push(Event::Document {
                caption: split_text(caption.as_str(), 1024)
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
            }),
        }
    }
    events
}

/// What the bot did in a chat so far, in order.
fn observed_events(api: &FakeBotApi, chat: i64) -> Vec<Event> {
    api.chat_calls(chat)
        .into_iter()
        .filter_map(|call| {
            let body = &call.body;
            let text = |field: &str| body[field].as_str().unwrap_or("").to_string();
            match call.method.to_ascii_lowercase().as_str() {
                "sendmessage" => Some(Event::Send {
                    text: text("text"),
                    buttons: buttons_of(body),
                }),
                "editmessagetext" => Some(Event::Edit {
                    message: body["message_id"].as_i64().unwrap_or(0),
                    text: text("text"),
                    buttons: buttons_of(body),
                }),
                "senddocument" => Some(Event::Document {
                    caption: text("caption"),
                }),
                _ => None,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------

/// What a user does.
#[derive(Debug, Clone)]
enum Action {
    Type(String),
    Tap { message: i64, label: String, data: String },
}

impl Action {
    fn input(&self) -> Input {
        match self {
            Action::Type(text) => match Command::parse(text) {
                Some(command) => Input::Command(command),
                None => Input::Text(text.clone()),
            },
            Action::Tap { data, .. } => Input::Button(data.clone()),
        }
    }

    /// The message whose button was pressed.
    fn pressed(&self) -> Option<i64> {
        match self {
            Action::Tap { message, .. } => Some(*message),
            Action::Type(_) => None,
        }
    }

    fn send(&self, api: &FakeBotApi, chat: i64) -> u32 {
        match self {
            Action::Type(text) => api.user_sends(chat, text),
            Action::Tap { message, data, .. } => {
                let shown = api.message(chat, *message).expect("the tapped message exists");
                api.user_presses_data(&shown, data)
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            Action::Type(text) => format!("types {text:?}"),
            Action::Tap { message, label, .. } => format!("taps {label:?} on #{message}"),
        }
    }
}

const DATES: [&str; 7] = [
    "3/14/26",
    "March 14",
    "4/2/26",
    "yesterday",
    "Apr 2 2026",
    "5/5/26",
    "13/45/2026",
];
const AMOUNTS: [&str; 6] = ["$1,234.50", "900", "$42,000", "$250", "12x", "0"];

/// The user's next move, from what the chat shows: the state the model
/// says it is in, and the last message on screen (whose buttons can be
/// tapped).
fn choose(rng: &mut XorShift, state: &ChatState, last: Option<&BotMessage>, step_number: usize) -> Action {
    if step_number == 0 {
        return Action::Type("/start".into());
    }
    let buttons: Vec<(String, String)> = last.map(|m| m.flat_buttons()).unwrap_or_default();
    let tap = |rng: &mut XorShift, buttons: &[(String, String)]| {
        let (label, data) = rng.pick(buttons).clone();
        Action::Tap {
            message: last.expect("buttons are on a message").message_id,
            label,
            data,
        }
    };
    fn typed(text: &str) -> Action {
        Action::Type(text.to_string())
    }
    if step_number > 1 && rng.percent(10) {
        return typed("/back");
    }
    match &state.screen {
        Screen::Menu => match buttons.iter().position(|(_, data)| data.contains("review")) {
            Some(i) => tap(rng, &buttons[i..=i]),
            None => typed("/start"),
        },
        Screen::Asking { question } => match question.answer_kind() {
            AnswerKind::Choice if !buttons.is_empty() => {
                if rng.percent(75) {
                    tap(rng, &buttons)
                } else {
                    // Typing a button's words answers too.
                    typed(&rng.pick(&buttons).0.clone())
                }
            }
            AnswerKind::Choice => typed(rng.word(&["yes", "no", "hospital", "not sure"])),
            _ if !buttons.is_empty() && rng.percent(15) => tap(rng, &buttons),
            AnswerKind::Date => typed(rng.word(&DATES)),
            AnswerKind::Amount => typed(rng.word(&AMOUNTS)),
            AnswerKind::Count => typed(rng.word(&["3", "1", "four"])),
            AnswerKind::UsState => typed(rng.word(&["Ohio", "tx", "Narnia"])),
            AnswerKind::Items => {
                let done = buttons.iter().position(|(_, data)| data == "items:done");
                match done {
                    Some(i) if rng.percent(50) => tap(rng, &buttons[i..=i]),
                    _ => typed("Mar 14 85025 CBC $142.00"),
                }
            }
            AnswerKind::NotReceived if !buttons.is_empty() => tap(rng, &buttons),
            AnswerKind::NotReceived => typed("hello"),
        },
        _ if !buttons.is_empty() => tap(rng, &buttons),
        _ => typed("/back"),
    }
}

/// An action sent whose reply is not explained yet.
struct Sent {
    action: Action,
    update_id: u32,
}

/// One possible course of events since the last explained one.
struct Explanation {
    events: Vec<Event>,
    state: ChatState,
    /// The pending update was applied in this course.
    applied: bool,
}

enum Progress {
    /// These explanations match exactly what was seen.
    Done(Vec<usize>),
    /// What was seen is the start of at least one explanation.
    Waiting,
    /// Nothing explains what was seen.
    Impossible,
}

fn classify(seen: &[Event], explanations: &[Explanation]) -> Progress {
    let done: Vec<usize> = (0..explanations.len())
        .filter(|&i| explanations[i].events == seen)
        .collect();
    if !done.is_empty() {
        Progress::Done(done)
    } else if explanations
        .iter()
        .any(|e| e.events.len() > seen.len() && e.events[..seen.len()] == *seen)
    {
        Progress::Waiting
    } else {
        Progress::Impossible
    }
}

/// One user's conversation.
struct Conversation {
    chat: i64,
    /// The states the chat may be in (one, unless a crash left it open
    /// whether an answer was applied and nothing has shown it since).
    states: Vec<ChatState>,
    /// How many of the chat's events are explained.
    explained: usize,
    steps_done: usize,
    steps: usize,
    pending: Option<Sent>,
    /// Updates certainly applied (safe to deliver again: must be skipped).
    applied: Vec<u32>,
    /// What happened, for failure messages.
    story: Vec<String>,
}

impl Conversation {
    fn new(chat: i64, steps: usize) -> Conversation {
        Conversation {
            chat,
            states: vec![ChatState::default()],
            explained: 0,
            steps_done: 0,
            steps,
            pending: None,
            applied: Vec::new(),
            story: Vec::new(),
        }
    }

    fn finished(&self) -> bool {
        self.steps_done >= self.steps && self.pending.is_none()
    }

    /// The user acts: picks a move from what is on screen and sends it.
    fn act(&mut self, api: &FakeBotApi, rng: &mut XorShift) {
        let last = api.messages(self.chat).last().cloned();
        let action = choose(rng, &self.states[0], last.as_ref(), self.steps_done);
        let update_id = action.send(api, self.chat);
        self.story
            .push(format!("user {} (update {update_id})", action.describe()));
        self.steps_done += 1;
        self.pending = Some(Sent { action, update_id });
    }

    /// The courses of events a normal reply can take.
    fn reply_explanations(&self, model: &Model) -> Vec<Explanation> {
        let sent = self.pending.as_ref().expect("an action is pending");
        let input = sent.action.input();
        self.states
            .iter()
            .map(|state| {
                let (next, outputs) = model.step(state, &input);
                Explanation {
                    events: expected_events(&outputs, sent.action.pressed()),
                    state: next,
                    applied: true,
                }
            })
            .collect()
    }

    /// The courses of events possible when the bot was killed while the
    /// pending update was in flight, followed by `/help`: the update was
    /// lost, or applied with none, some or all of its reply shown.
    fn crash_explanations(&self, model: &Model) -> Vec<Explanation> {
        let help = Input::Command(Command::Help);
        let help_events = |state: &ChatState| {
            let (after, outputs) = model.step(state, &help);
            (expected_events(&outputs, None), after)
        };
        let mut explanations = Vec::new();
        for state in &self.states {
            let (events, after) = help_events(state);
            explanations.push(Explanation {
                events,
                state: after,
                applied: false,
            });
            if let Some(sent) = &self.pending {
                let (next, outputs) = model.step(state, &sent.action.input());
                let reply = expected_events(&outputs, sent.action.pressed());
                let (help_after, after) = help_events(&next);
                for shown in 0..=reply.len() {
                    let mut events = reply[..shown].to_vec();
                    events.extend(help_after.iter().cloned());
                    explanations.push(Explanation {
                        events,
                        state: after.clone(),
                        applied: true,
                    });
                }
            }
        }
        explanations
    }

    /// Waits until what the chat shows since the last explained event is
    /// exactly one of `explanations`, then moves the model on.
    async fn settle(&mut self, api: &FakeBotApi, explanations: Vec<Explanation>, what: &str) -> Settled {
        let chat = self.chat;
        let from = self.explained;
        let waited = tokio::time::timeout(
            REPLY_TIMEOUT,
            api.wait_until(chat, Duration::from_secs(3600), |api| {
                let seen = observed_events(api, chat);
                let seen = &seen[from.min(seen.len())..];
                match classify(seen, &explanations) {
                    Progress::Done(matching) => Some(Ok((matching, seen.len()))),
                    Progress::Waiting => None,
                    Progress::Impossible => Some(Err(())),
                }
            }),
        )
        .await;
        let (matching, count) = match waited {
            Ok(Ok(found)) => found,
            Ok(Err(())) => self.fail(
                api,
                &explanations,
                &format!("{what}: the bot showed something no course of events explains"),
            ),
            Err(_) => self.fail(
                api,
                &explanations,
                &format!("{what}: no complete reply within {REPLY_TIMEOUT:?}"),
            ),
        };
        self.explained = from + count;
        let mut states: Vec<ChatState> = Vec::new();
        for &i in &matching {
            if !states.contains(&explanations[i].state) {
                states.push(explanations[i].state.clone());
            }
        }
        let applied = matching.iter().all(|&i| explanations[i].applied);
        let partial = matching.iter().any(|&i| {
            let e = &explanations[i];
            e.applied
                && e.events.len()
                    < explanations
                        .iter()
                        .filter(|x| x.applied)
                        .map(|x| x.events.len())
                        .max()
                        .unwrap_or(0)
        });
        self.story.push(format!(
            "  {what}: {} event(s) seen, {} possible state(s), applied: {}",
            count,
            states.len(),
            if applied {
                "yes"
            } else if matching.iter().any(|&i| explanations[i].applied) {
                "maybe"
            } else {
                "no"
            },
        ));
        self.states = states;
        let sent = self.pending.take();
        if let Some(sent) = sent {
            if applied {
                self.applied.push(sent.update_id);
            }
        }
        Settled {
            applied,
            lost: matching.iter().all(|&i| !explanations[i].applied),
            partial,
        }
    }

    fn fail(&self, api: &FakeBotApi, explanations: &[Explanation], problem: &str) -> ! {
        let seen = observed_events(api, self.chat);
        let seen: Vec<String> = seen[self.explained.min(seen.len())..]
            .iter()
            .map(Event::short)
            .collect();
        let expected: Vec<String> = explanations
            .iter()
            .map(|e| {
                let events: Vec<String> = e.events.iter().map(Event::short).collect();
                format!("  - applied {}: [\n      {}\n    ]", e.applied, events.join("\n      "))
            })
            .collect();
        panic!(
            "chat {}: {problem}\nthe story so far:\n{}\nseen since:\n  {}\nexpected one of:\n{}",
            self.chat,
            self.story.join("\n"),
            seen.join("\n  "),
            expected.join("\n")
        );
    }
}

struct Settled {
    applied: bool,
    lost: bool,
    partial: bool,
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Stats {
    conversations: usize,
    user_steps: usize,
    kills: usize,
    kills_in_flight: usize,
    /// Updates the bot had received but not confirmed when killed.
    unconfirmed_at_kill: usize,
    /// Updates delivered again by the test after a kill (already applied).
    redelivered_applied: usize,
    /// In-flight updates that turned out applied, lost, or applied with a
    /// reply cut short by the kill.
    in_flight_applied: usize,
    in_flight_lost: usize,
    in_flight_partial: usize,
    skipped_lines: usize,
}

/// Runs `conversations` scripted conversations, `parallel` chats at a
/// time, through one bot process at a time, killing it now and then.
async fn run(seed: u64, conversations: usize, parallel: usize, first_chat: i64) -> Stats {
    let started = Instant::now();
    let model = Model::load();
    let mut rng = XorShift::new(seed);
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    // A stop signal is only listened for once the bot is serving: the
    // last start must have polled before the test stops it.
    let mut polls_at_start = api.polls();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    let mut logs = String::new();
    let mut stats = Stats::default();
    let mut active: Vec<Conversation> = Vec::new();
    let mut done: Vec<Conversation> = Vec::new();
    let mut started_count = 0;

    loop {
        while active.len() < parallel && started_count < conversations {
            let steps = rng.between(5, 10);
            active.push(Conversation::new(first_chat + started_count as i64, steps));
            started_count += 1;
        }
        if active.is_empty() {
            break;
        }

        // Some of the users act, all at once.
        let mut acting: Vec<usize> = (0..active.len()).filter(|_| rng.percent(85)).collect();
        if acting.is_empty() {
            acting.push(rng.below(active.len()));
        }
        for &i in &acting {
            active[i].act(&api, &mut rng);
            stats.user_steps += 1;
        }

        let ending = rng.below(100);
        if ending < 50 {
            // No crash: every reply completes and is checked.
            for &i in &acting {
                let explanations = active[i].reply_explanations(&model);
                active[i].settle(&api, explanations, "reply").await;
            }
        } else if ending < 70 {
            // Killed after the replies were acknowledged.
            for &i in &acting {
                let explanations = active[i].reply_explanations(&model);
                active[i].settle(&api, explanations, "reply").await;
            }
            stats.unconfirmed_at_kill += api.unconfirmed_update_ids().len();
            bot.kill9();
            stats.kills += 1;
            logs.push_str(&bot.log());
            // Telegram may deliver again what was applied: it must change
            // and show nothing.
            let mut again: Vec<u32> = Vec::new();
            for conversation in active.iter().chain(done.iter().rev().take(2)) {
                if let Some(&id) = conversation.applied.last() {
                    if rng.percent(30) {
                        again.push(id);
                    }
                }
            }
            again.sort_unstable();
            for &id in again.iter().rev() {
                api.redeliver(id);
            }
            stats.redelivered_applied += again.len();
            polls_at_start = api.polls();
            bot = BotProcess::spawn(&api.url, dir.path());
            // Sometimes check right away where each chat is.
            let mut asking: Vec<usize> = Vec::new();
            for (i, conversation) in active.iter_mut().enumerate() {
                if conversation.steps_done > 0 && rng.percent(15) {
                    let help = Action::Type("/help".into());
                    let update_id = help.send(&api, conversation.chat);
                    conversation.story.push(format!(
                        "bot killed; after the restart, user types \"/help\" (update {update_id})"
                    ));
                    conversation.pending = Some(Sent {
                        action: help,
                        update_id,
                    });
                    asking.push(i);
                }
            }
            for i in asking {
                let explanations = active[i].reply_explanations(&model);
                active[i].settle(&api, explanations, "help after a restart").await;
            }
        } else {
            // Killed while updates are in flight: after a random number of
            // the messages and edits the replies will make.
            let expected: usize = acting
                .iter()
                .map(|&i| {
                    let explanations = active[i].reply_explanations(&model);
                    explanations.iter().map(|e| e.events.len()).min().unwrap_or(0)
                })
                .sum();
            let kill_after = rng.below(expected + 1);
            if kill_after > 0 {
                let marks: Vec<(i64, usize)> = acting.iter().map(|&i| (active[i].chat, active[i].explained)).collect();
                let _ = tokio::time::timeout(
                    REPLY_TIMEOUT,
                    api.wait_until(marks[0].0, Duration::from_secs(3600), |api| {
                        let shown: usize = marks
                            .iter()
                            .map(|&(chat, from)| observed_events(api, chat).len().saturating_sub(from))
                            .sum();
                        (shown >= kill_after).then_some(())
                    }),
                )
                .await;
            }
            stats.unconfirmed_at_kill += api.unconfirmed_update_ids().len();
            bot.kill9();
            stats.kills += 1;
            stats.kills_in_flight += 1;
            logs.push_str(&bot.log());
            polls_at_start = api.polls();
            bot = BotProcess::spawn(&api.url, dir.path());
            // Each user whose update was in flight asks where they are.
            let mut helps: Vec<(usize, Sent)> = Vec::new();
            for &i in &acting {
                let conversation = &mut active[i];
                let help = Action::Type("/help".into());
                let update_id = help.send(&api, conversation.chat);
                conversation.story.push(format!(
                    "bot killed in flight; after the restart, user types \"/help\" (update {update_id})"
                ));
                helps.push((
                    i,
                    Sent {
                        action: help,
                        update_id,
                    },
                ));
            }
            for (i, help) in helps {
                let conversation = &mut active[i];
                let explanations = conversation.crash_explanations(&model);
                let settled = conversation.settle(&api, explanations, "after the crash").await;
                conversation.applied.push(help.update_id);
                if settled.applied {
                    stats.in_flight_applied += 1;
                }
                if settled.lost {
                    stats.in_flight_lost += 1;
                }
                if settled.partial {
                    stats.in_flight_partial += 1;
                }
            }
        }

        // Finished conversations leave the air.
        let mut i = 0;
        while i < active.len() {
            if active[i].finished() {
                done.push(active.remove(i));
                stats.conversations += 1;
            } else {
                i += 1;
            }
        }
    }

    // Updates delivered again after the last kill are taken before the
    // stop (the stop finishes updates in flight), so nothing is left out of
    // the check below that nothing unexplained was shown.
    api.wait_until(first_chat, REPLY_TIMEOUT, |api| {
        (api.polls() > polls_at_start && api.unconfirmed_updates() == 0).then_some(())
    })
    .await;
    let status = bot.terminate();
    logs.push_str(&bot.log());
    assert!(status.success(), "SIGTERM stops the bot cleanly; log:\n{}", bot.log());
    for conversation in &done {
        let shown = observed_events(&api, conversation.chat).len();
        assert_eq!(
            shown,
            conversation.explained,
            "chat {}: the bot showed more than the conversation explains:\n{:#?}\nstory:\n{}",
            conversation.chat,
            &observed_events(&api, conversation.chat)[conversation.explained.min(shown)..],
            conversation.story.join("\n")
        );
    }

    // Every chat's saved state is the model's: the acknowledged answers are
    // kept, and the conversation goes on at the right question.
    let store = Store::open(&dir.path().join("data")).expect("the store opens after a clean stop");
    for conversation in &done {
        let record = store.load_chat(conversation.chat).expect("the record loads").record;
        assert!(
            conversation.states.contains(&record.state),
            "chat {}: the saved state is not the model's\nsaved: {:#?}\nmodel: {:#?}\nstory:\n{}",
            conversation.chat,
            record.state,
            conversation.states,
            conversation.story.join("\n")
        );
    }
    assert_eq!(api.violations(), Vec::<String>::new());
    assert!(!logs.contains("panicked"), "the bot panicked:\n{logs}");
    stats.skipped_lines = logs.matches("was already applied, skipped").count();
    eprintln!("seed {seed}: {stats:?} in {:.1?}", started.elapsed());
    stats
}

fn seed() -> u64 {
    env_number("BILLCOACH_CRASH_SEED").unwrap_or(0x5eed_b111_c0ac_4001)
}

/// Half of the conversations each (the two tests run side by side).
fn conversations() -> usize {
    let total = env_number("BILLCOACH_CRASH_CONVERSATIONS").unwrap_or_else(|| crate::support::scaled(40)) as usize;
    total.div_ceil(2)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill_at_random_moments() {
    let stats = run(seed(), conversations(), 5, 6_100_000).await;
    assert!(stats.kills >= conversations() / 5, "{stats:?}");
    assert!(
        stats.redelivered_applied == 0 || stats.skipped_lines > 0,
        "a redelivered update is logged as skipped: {stats:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill_with_six_chats_in_the_air() {
    let stats = run(seed().rotate_left(17) ^ 0x9e37_79b9, conversations(), 6, 6_200_000).await;
    assert!(stats.kills >= conversations() / 5, "{stats:?}");
}

// ---------------------------------------------------------------------------
// Bugs the harness ran into, pinned down (ignored until src/ is fixed)
// ---------------------------------------------------------------------------

/// Many chats writing at the same moment must all be answered. With sled
/// 0.34's `flush_async` (src/store/mod.rs, `Store::flush`) every update
/// parks one of sled's own I/O threads in `flush` waiting for a log write
/// that is queued on that same pool; with 8 or more updates in flight the
/// pool has no thread left to do the write and the bot hangs for good (a
/// SIGTERM then waits forever for the updates in flight). The harness runs
/// at most 6 chats at once for that reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_chats_writing_at_once_are_all_answered() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let chats: Vec<i64> = (0..40).map(|i| 6_300_000 + i).collect();
    for &chat in &chats {
        api.user_sends(chat, "/start");
    }
    let answered = tokio::time::timeout(
        Duration::from_secs(15),
        api.wait_until(chats[0], Duration::from_secs(3600), |api| {
            chats.iter().all(|&c| !api.messages(c).is_empty()).then_some(())
        }),
    )
    .await;
    let unanswered = chats.iter().filter(|&&c| api.messages(c).is_empty()).count();
    assert!(
        answered.is_ok(),
        "{unanswered} of 40 chats got no answer within 15 s (the bot hangs)"
    );
    assert!(bot.terminate().success());
}

/// Telegram numbers updates in sequence, but after a week without updates
/// it picks the next id at random, so it can be lower than the last one a
/// chat applied. The engine (src/engine.rs, `id <= last` in
/// `Engine::handle`) then takes every new update of that chat for a
/// redelivery and skips it silently, until the ids climb past the old
/// ones: a returning user is ignored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returning_user_is_answered_after_update_ids_start_lower() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let chat = 6_400_000;
    api.set_next_update_id(500);
    api.user_sends(chat, "/start");
    api.wait_until(chat, REPLY_TIMEOUT, |api| {
        (!api.messages(chat).is_empty()).then_some(())
    })
    .await;
    assert!(bot.terminate().success());

    // A quiet week later, the next update id is chosen at random: lower.
    api.set_next_update_id(7);
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    api.user_sends(chat, "/help");
    let answered = tokio::time::timeout(
        Duration::from_secs(5),
        api.wait_until(chat, Duration::from_secs(3600), |api| {
            (api.messages(chat).len() > 1).then_some(())
        }),
    )
    .await;
    assert!(bot.terminate().success());
    assert!(
        answered.is_ok(),
        "the returning user got no answer; log:\n{}",
        bot.log()
    );
}
