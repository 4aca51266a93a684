//! The reminder scheduler in-process, with a clock the test moves by hand
//! (no real time is slept): reminders come at 10 AM local through a
//! daylight-saving week, never at night, late ones say so, snooze brings
//! one back a day later, failures are retried, a block drops them.
//!
//! Each test drives the real engine, store and scheduler pass
//! ([`Scheduler::deliver_due`]) with a notifier that records what it was
//! given.

use crate::support::day;
use billcoach::clock::Clock;
use billcoach::conversation::{Input, Output};
use billcoach::domain::reminders::{ReminderKind, ReminderPlan, ReminderStatus};
use billcoach::engine::{Engine, SendResult};
use billcoach::reminders::{Notifier, Scheduler};
use billcoach::resources::Resources;
use billcoach::store::{ChatRecord, Store};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use std::sync::{Arc, Mutex};

/// A clock the test sets.
#[derive(Clone)]
struct HandClock(Arc<Mutex<DateTime<Utc>>>);

impl HandClock {
    fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap() = at;
    }
}

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// One message the notifier was given: chat, when, plain text, buttons.
#[derive(Debug, Clone)]
struct Sent {
    chat: i64,
    at: DateTime<Utc>,
    text: String,
    buttons: Vec<String>,
}

/// Records reminders and answers with a result the test chooses.
#[derive(Clone)]
struct Recorder {
    sent: Arc<Mutex<Vec<Sent>>>,
    answer: Arc<Mutex<SendResult>>,
    clock: HandClock,
}

impl Notifier for Recorder {
    async fn notify(&self, chat: i64, output: Output) -> SendResult {
        let Output::Message { text, keyboard, .. } = output else {
            panic!("a reminder is a message")
        };
        let answer = *self.answer.lock().unwrap();
        if answer == SendResult::Delivered {
            self.sent.lock().unwrap().push(Sent {
                chat,
                at: self.clock.now(),
                text: text.to_plain(),
                buttons: keyboard.iter().flatten().map(|b| b.data.clone()).collect(),
            });
        }
        answer
    }
}

/// An engine on a fresh store, its scheduler, and the hand clock.
struct World {
    _dir: tempfile::TempDir,
    engine: Engine,
    scheduler: Scheduler<Recorder>,
    recorder: Recorder,
    clock: HandClock,
}

impl World {
    fn new(start: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        let clock = HandClock(Arc::new(Mutex::new(utc(start))));
        let resources = Arc::new(Resources::load(None).unwrap());
        let engine = Engine::new(store, resources, Arc::new(clock.clone()));
        let recorder = Recorder {
            sent: Arc::default(),
            answer: Arc::new(Mutex::new(SendResult::Delivered)),
            clock: clock.clone(),
        };
        World {
            _dir: dir,
            scheduler: Scheduler::new(engine.clone(), recorder.clone()),
            engine,
            recorder,
            clock,
        }
    }

    /// Gives `chat` a time zone and one reminder per day in `days`.
    async fn seed(&self, chat: i64, zone: &str, days: &[NaiveDate]) {
        let mut record = ChatRecord::new();
        record.state.time_zone = Some(zone.to_string());
        let tz: Tz = zone.parse().unwrap();
        for (number, day) in days.iter().enumerate() {
            let plan = ReminderPlan {
                kind: ReminderKind::Payment {
                    number: number as u32 + 1,
                    amount: 25.into(),
                },
                date: *day,
                deliver_on: *day,
            };
            record.state.reminders.add(0, &plan, tz, self.clock.now()).unwrap();
        }
        self.engine.store().save_chat(chat, &record).unwrap().written().unwrap();
        self.engine.flush().await.unwrap();
    }

    /// Moves the clock and runs one scheduler pass.
    async fn at(&self, when: DateTime<Utc>) {
        self.clock.set(when);
        self.scheduler.deliver_due().await.unwrap();
    }

    fn sent(&self) -> Vec<Sent> {
        self.recorder.sent.lock().unwrap().clone()
    }

    fn answer_with(&self, result: SendResult) {
        *self.recorder.answer.lock().unwrap() = result;
    }

    fn record(&self, chat: i64) -> ChatRecord {
        self.engine.store().load_chat(chat).unwrap().record
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

#[tokio::test]
async fn through_the_week_clocks_go_back_each_reminder_comes_once_at_ten_local() {
    let world = World::new("2026-10-27T12:00:00Z");
    // Daylight saving time ends Sunday, Nov 1, 2026 in the US.
    let days: Vec<NaiveDate> = (28..=31)
        .map(|d| day(2026, 10, d))
        .chain((1..=4).map(|d| day(2026, 11, d)))
        .collect();
    world.seed(1, "America/Chicago", &days).await;
    world.seed(2, "America/Phoenix", &days).await;

    // Every quarter hour for nine days.
    let mut now = utc("2026-10-28T00:00:00Z");
    while now < utc("2026-11-06T00:00:00Z") {
        world.at(now).await;
        now += Duration::minutes(15);
    }

    let sent = world.sent();
    assert_eq!(sent.len(), 2 * days.len(), "each reminder once");
    for chat in [1i64, 2] {
        let tz: Tz = if chat == 1 {
            chrono_tz::America::Chicago
        } else {
            chrono_tz::America::Phoenix
        };
        let arrivals: Vec<_> = sent.iter().filter(|s| s.chat == chat).collect();
        for (arrival, day) in arrivals.iter().zip(&days) {
            let local = arrival.at.with_timezone(&tz);
            assert_eq!(
                (local.date_naive(), local.hour(), local.minute()),
                (*day, 10, 0),
                "chat {chat}"
            );
            assert!(!arrival.text.contains("late"), "{}", arrival.text);
        }
    }
    // Chicago moved from UTC-5 to UTC-6; Arizona stayed at UTC-7.
    let chicago: Vec<u32> = sent.iter().filter(|s| s.chat == 1).map(|s| s.at.hour()).collect();
    assert_eq!(chicago, [15, 15, 15, 15, 16, 16, 16, 16]);
    assert!(sent.iter().filter(|s| s.chat == 2).all(|s| s.at.hour() == 17));
    // Nothing left to send, everything delivered.
    assert_eq!(world.engine.next_reminder_due(None).unwrap(), None);
    assert!(world
        .record(1)
        .state
        .reminders
        .items
        .iter()
        .all(|r| matches!(r.status, ReminderStatus::Delivered { .. })));
}

#[tokio::test]
async fn a_reminder_missed_while_down_waits_for_morning_and_says_it_is_late() {
    let world = World::new("2026-11-27T12:00:00Z");
    world.seed(7, "America/New_York", &[day(2026, 11, 30)]).await;
    // The bot was down all day and comes back at 11 PM Eastern.
    world.at(utc("2026-12-01T04:00:00Z")).await;
    assert!(world.sent().is_empty(), "nothing at night");
    world.at(utc("2026-12-01T13:59:00Z")).await; // 8:59 AM
    assert!(world.sent().is_empty(), "nothing before 9");
    world.at(utc("2026-12-01T14:00:00Z")).await; // 9:00 AM
    let sent = world.sent();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].text.contains("Sorry, this comes late"), "{}", sent[0].text);
    world.at(utc("2026-12-01T15:00:00Z")).await;
    assert_eq!(world.sent().len(), 1, "sent once");
}

#[tokio::test]
async fn snooze_brings_a_delivered_reminder_back_the_next_day_once() {
    let world = World::new("2026-11-27T12:00:00Z");
    world.seed(9, "America/New_York", &[day(2026, 11, 30)]).await;
    world.at(utc("2026-11-30T15:00:00Z")).await;
    let first = world.sent();
    assert_eq!(first.len(), 1);
    let snooze = first[0]
        .buttons
        .iter()
        .find(|b| b.starts_with("remind:snooze:"))
        .unwrap()
        .clone();

    world.clock.set(utc("2026-11-30T15:20:00Z"));
    world.engine.handle(9, Input::Button(snooze), None).await.unwrap();
    assert_eq!(
        world.engine.next_reminder_due(None).unwrap(),
        Some(utc("2026-12-01T15:20:00Z"))
    );
    world.at(utc("2026-12-01T15:19:00Z")).await;
    assert_eq!(world.sent().len(), 1, "not before its time");
    world.at(utc("2026-12-01T15:20:00Z")).await;
    world.at(utc("2026-12-01T16:00:00Z")).await;
    let sent = world.sent();
    assert_eq!(sent.len(), 2, "once more, once");
    assert!(!sent[1].text.contains("late"));
}

#[tokio::test]
async fn a_failed_send_is_tried_again_and_a_block_drops_the_chats_reminders() {
    let world = World::new("2026-11-27T12:00:00Z");
    world.seed(3, "America/New_York", &[day(2026, 11, 30)]).await;
    world
        .seed(
            4,
            "America/New_York",
            &[day(2026, 11, 30), day(2026, 12, 1), day(2026, 12, 2)],
        )
        .await;

    world.answer_with(SendResult::Failed);
    world.at(utc("2026-11-30T15:00:00Z")).await;
    assert!(world.sent().is_empty());
    let retry = world.record(3).state.reminders.items[0].clone();
    assert_eq!((retry.status, retry.attempts), (ReminderStatus::Scheduled, 1));
    assert_eq!(retry.due, utc("2026-11-30T15:00:02Z"), "tried again 2 s later");

    world.answer_with(SendResult::Delivered);
    world.at(utc("2026-11-30T15:00:02Z")).await;
    // Both chats are served in the same pass, side by side: in either order.
    let mut chats = world.sent().iter().map(|s| s.chat).collect::<Vec<_>>();
    chats.sort();
    assert_eq!(chats, [3, 4]);

    // Chat 4 blocks the bot: its remaining reminders go, chat 3 is untouched.
    world.answer_with(SendResult::Blocked);
    world.at(utc("2026-12-01T15:00:00Z")).await;
    let blocked = world.record(4);
    assert!(blocked.blocked);
    assert!(blocked.state.reminders.pending().is_empty());
    assert_eq!(world.engine.next_reminder_due(None).unwrap(), None);
    world.answer_with(SendResult::Delivered);
    world.at(utc("2026-12-03T15:00:00Z")).await;
    assert_eq!(world.sent().len(), 2, "nothing more for the blocked chat");
}

#[tokio::test]
async fn delete_takes_the_chats_reminders_out_of_the_index() {
    let world = World::new("2026-11-27T12:00:00Z");
    world
        .seed(5, "America/New_York", &[day(2026, 11, 30), day(2026, 12, 1)])
        .await;
    assert!(world.engine.next_reminder_due(None).unwrap().is_some());
    world
        .engine
        .handle(5, Input::Command(billcoach::conversation::Command::Delete), None)
        .await
        .unwrap();
    world
        .engine
        .handle(5, Input::Button("delete:yes".into()), None)
        .await
        .unwrap();
    assert_eq!(world.engine.next_reminder_due(None).unwrap(), None);
    let chat_bytes = 5i64.to_be_bytes();
    for (tree, key) in world.engine.store().all_keys() {
        assert!(
            !key.windows(8).any(|w| w == chat_bytes),
            "a key of the chat is left in {tree}"
        );
    }
    world.at(utc("2026-12-02T15:00:00Z")).await;
    assert!(world.sent().is_empty());
}

#[tokio::test]
async fn healthz_fails_when_the_scheduler_is_stalled_and_metrics_count_reminders() {
    let world = World::new("2026-11-28T15:00:00Z");
    let unhealthy = billcoach::monitor::health(&world.engine).await.unwrap_err();
    assert!(unhealthy.contains("scheduler has not run yet"), "{unhealthy}");

    world.seed(7, "America/New_York", &[day(2026, 11, 30)]).await;
    world.at(utc("2026-11-28T15:00:10Z")).await;
    billcoach::monitor::health(&world.engine)
        .await
        .expect("healthy after a pass");

    // Time goes on and no pass runs (the scheduler is stuck): 503.
    world.clock.set(utc("2026-11-28T15:01:30Z"));
    billcoach::monitor::health(&world.engine)
        .await
        .expect("within its period");
    world.clock.set(utc("2026-11-28T15:02:00Z"));
    let stalled = billcoach::monitor::health(&world.engine).await.unwrap_err();
    assert!(stalled.contains("has not run for over 90 s"), "{stalled}");

    // It runs again (and sends the reminder, late): healthy, and counted.
    world.at(utc("2026-12-01T15:00:00Z")).await;
    billcoach::monitor::health(&world.engine).await.expect("healthy again");
    assert_eq!(world.sent().len(), 1);
    let text = world.engine.metrics().render(Default::default());
    for line in ["billcoach_reminders_sent_total 1", "billcoach_reminders_late_total 1"] {
        assert!(text.lines().any(|l| l == line), "{line}:\n{text}");
    }
}
