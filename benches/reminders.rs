//! How fast the scheduler gets due reminders out of the store: 10,000
//! reminders over 100 chats, all due, delivered by real scheduler passes
//! (claim, flush, notify, mark delivered, flush) to a notifier that returns
//! at once, so what is measured is the engine and the store, not Telegram.
//! Also: how long setting one reminder through the conversation takes
//! (a `/remind` button press: step, save with the index, flush).
//!
//! Run with `cargo bench --bench reminders`; figures and the machine are in
//! BENCHMARKS.md.

use billcoach::clock::FixedClock;
use billcoach::conversation::{Input, Output};
use billcoach::domain::reminders::{ReminderKind, ReminderPlan};
use billcoach::engine::{Engine, SendResult};
use billcoach::reminders::{Notifier, Scheduler};
use billcoach::resources::Resources;
use billcoach::store::{ChatRecord, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHATS: i64 = 100;
const PER_CHAT: u32 = 100;

/// Counts what it is given and says it was delivered.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Notifier for Counter {
    async fn notify(&self, _chat: i64, _output: Output) -> SendResult {
        self.0.fetch_add(1, Ordering::Relaxed);
        SendResult::Delivered
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn engine(dir: &std::path::Path, now: DateTime<Utc>) -> Engine {
    let store = Store::open(&dir.join("data")).unwrap();
    let resources = Arc::new(Resources::load(None).unwrap());
    Engine::new(store, resources, Arc::new(FixedClock(now)))
}

/// 100 chats with 100 payment reminders each, all due at `due_day` 10 AM
/// Eastern.
async fn seed(engine: &Engine, due_day: NaiveDate) {
    let set_at = utc("2026-11-27T12:00:00Z");
    for chat in 1..=CHATS {
        let mut record = ChatRecord::new();
        record.state.time_zone = Some("America/New_York".into());
        for number in 1..=PER_CHAT {
            let plan = ReminderPlan {
                kind: ReminderKind::Payment {
                    number,
                    amount: 25.into(),
                },
                date: due_day,
                deliver_on: due_day,
            };
            record
                .state
                .reminders
                .add(0, &plan, chrono_tz::America::New_York, set_at)
                .unwrap();
        }
        engine.store().save_chat(chat, &record).unwrap().written().unwrap();
    }
    engine.flush().await.unwrap();
}

async fn deliver_all() -> (Duration, usize) {
    let dir = tempfile::tempdir().unwrap();
    let now = utc("2026-11-30T15:00:00Z");
    let engine = engine(dir.path(), now);
    seed(&engine, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).await;
    let counter = Counter::default();
    let scheduler = Scheduler::new(engine.clone(), counter.clone());
    let started = Instant::now();
    while scheduler.deliver_due().await.unwrap() > 0 {}
    (started.elapsed(), counter.0.load(Ordering::Relaxed))
}

async fn set_reminders(presses: usize) -> Vec<Duration> {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine(dir.path(), utc("2026-11-28T15:00:00Z"));
    let chat = 7;
    let mut record = ChatRecord::new();
    record.state.time_zone = Some("America/New_York".into());
    record.state.bill_mut().first_bill_date = NaiveDate::from_ymd_opt(2026, 11, 1);
    record.state.bill_mut().amount_due = Some(1200.into());
    engine.store().save_chat(chat, &record).unwrap().written().unwrap();
    let mut times = Vec::new();
    for _ in 0..presses {
        let started = Instant::now();
        engine
            .handle(chat, Input::Button("remind:set:bd".into()), None)
            .await
            .unwrap();
        times.push(started.elapsed());
        engine
            .handle(chat, Input::Command(billcoach::conversation::Command::Reminders), None)
            .await
            .unwrap();
        let id = engine.store().load_chat(chat).unwrap().record.state.reminders.items[0].id;
        engine
            .handle(chat, Input::Button(format!("remind:cancel:{id}")), None)
            .await
            .unwrap();
    }
    times.sort();
    times
}

#[tokio::main]
async fn main() {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let (took, delivered) = deliver_all().await;
        assert_eq!(delivered, (CHATS as usize) * (PER_CHAT as usize));
        runs.push(took);
    }
    runs.sort();
    let total = (CHATS as u32 * PER_CHAT) as f64;
    for (label, took) in [("median", runs[1]), ("fastest", runs[0])] {
        println!(
            "deliver {total} due reminders over {CHATS} chats ({label} of 3): {:.2} s, {:.0} a second, {:.0} µs each",
            took.as_secs_f64(),
            total / took.as_secs_f64(),
            took.as_secs_f64() * 1e6 / total
        );
    }
    let times = set_reminders(200).await;
    println!(
        "set one reminder with a button (step, save with the index, flush): median {:.2} ms, fastest {:.2} ms",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}
