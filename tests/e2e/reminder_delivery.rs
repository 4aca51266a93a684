//! Reminder delivery end to end: reminders seeded in the data folder, the
//! real binary's scheduler sending them to the fake Bot API while it
//! answers 429, times out, resets connections and says a user blocked the
//! bot, and a `kill -9` in the middle. Each reminder must arrive once
//! (twice only when the bot died between Telegram taking it and the bot
//! marking it delivered), a blocked chat must cost one attempt, and the
//! store and its time index must end consistent.

use crate::bot::bot_process::BotProcess;
use crate::bot::fake_bot_api::{Accepted, FakeBotApi, Fault};
use crate::support::day;
use billcoach::domain::reminder_book::ReminderBook;
use billcoach::domain::reminders::{ReminderKind, ReminderPlan, ReminderStatus};
use billcoach::store::{ChatRecord, Store};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal_macros::dec;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// The scheduler serves this many chats at once (`PARALLEL_CHATS` in
/// src/reminders/scheduler.rs), one reminder in flight per chat.
const PARALLEL_CHATS: usize = 8;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// The bot's "now" when it starts (`BILLCOACH_NOW` in bot_process.rs).
fn bot_start() -> DateTime<Utc> {
    utc("2026-11-28T15:00:00Z")
}

/// A far-off time: every reminder still in the index is due before it.
fn far_future() -> DateTime<Utc> {
    utc("2099-01-01T00:00:00Z")
}

/// Payment `number` of a plan, to arrive on `deliver_on` (each number is
/// a distinct reminder, so a chat can hold many).
fn payment(number: u32, deliver_on: NaiveDate) -> ReminderPlan {
    ReminderPlan {
        kind: ReminderKind::Payment {
            number,
            amount: dec!(25.00),
        },
        date: deliver_on + chrono::Days::new(3),
        deliver_on,
    }
}

/// A chat in `zone` whose reminders `fill` sets.
fn chat_record(zone: Tz, fill: impl FnOnce(&mut ReminderBook, Tz)) -> ChatRecord {
    let mut record = ChatRecord::new();
    record.state.time_zone = Some(zone.name().to_string());
    fill(&mut record.state.reminders, zone);
    record
}

/// A New York chat with `count` payment reminders due at the bot's start
/// (set at 9 AM Eastern for 10 AM Eastern the same day: not late).
fn due_now(count: u32) -> ChatRecord {
    chat_record(chrono_tz::America::New_York, |book, zone| {
        for number in 1..=count {
            book.add(
                0,
                &payment(number, day(2026, 11, 28)),
                zone,
                utc("2026-11-28T14:00:00Z"),
            )
            .unwrap();
        }
    })
}

/// Writes the records into the bot's data folder and closes the store
/// (sled locks its folder) before the bot starts.
async fn seed(dir: &Path, records: Vec<(i64, ChatRecord)>) {
    let store = Store::open(&dir.join("data")).unwrap();
    for (chat, record) in &records {
        store.save_chat(*chat, record).unwrap().written().unwrap();
    }
    store.flush().await.unwrap();
    let due = store.due_reminders(bot_start(), 100_000, None).unwrap();
    let expected_due: usize = records
        .iter()
        .map(|(_, r)| r.state.reminders.items.iter().filter(|r| r.due <= bot_start()).count())
        .sum();
    assert_eq!(due.len(), expected_due, "the index holds every seeded reminder due");
}

/// The reminder a message is (its "Done" button names it), with its chat.
fn reminder_of(message: &crate::bot::fake_bot_api::BotMessage) -> Option<(i64, u32)> {
    message.flat_buttons().iter().find_map(|(_, data)| {
        data.strip_prefix("remind:done:")
            .and_then(|id| id.parse().ok())
            .map(|id| (message.chat, id))
    })
}

/// How many times each reminder was taken by the server.
fn deliveries(sends: &[Accepted]) -> BTreeMap<(i64, u32), usize> {
    let mut counts = BTreeMap::new();
    for send in sends {
        let key = reminder_of(&send.message)
            .unwrap_or_else(|| panic!("a message that is not a reminder: {:?}", send.message.text));
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// `sendMessage` calls to a chat, taken or not.
fn send_calls_to(api: &FakeBotApi, chat: i64) -> usize {
    api.calls("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == json!(chat))
        .count()
}

/// Polls `ready` until it holds, or panics after `timeout` with `what`
/// and what `status` says then.
async fn wait_for(timeout: Duration, what: &str, mut ready: impl FnMut() -> bool, status: impl Fn() -> String) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        if Instant::now() > deadline {
            panic!("timed out after {timeout:?} waiting for {what}; {}", status());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn count_lines(lines: &[String], needle: &str) -> usize {
    lines.iter().filter(|l| l.contains(needle)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_reminders_arrive_once_each_through_429s_timeouts_and_a_block() {
    // 16 × 62 + 8 = 1000. The scheduler takes 500 due reminders a pass and
    // serves 8 chats at once, each chat's one after another; teloxide's
    // Throttle lets one message per chat through every 250 ms. So about 8
    // chats per pass keep every slot busy: 9 chats of 110 would take a
    // minute.
    const PER_CHAT: u32 = 62;
    let chats: Vec<i64> = (0..16).map(|n| 5_570_001 + n).collect();
    // Its id sorts last: its reminders come in the last pass.
    let blocked = 5_570_100;
    let dir = tempfile::tempdir().unwrap();
    let mut records: Vec<(i64, ChatRecord)> = chats.iter().map(|&c| (c, due_now(PER_CHAT))).collect();
    records.push((blocked, due_now(8)));
    seed(dir.path(), records).await;
    let expected: BTreeSet<(i64, u32)> = chats
        .iter()
        .flat_map(|&chat| (0..PER_CHAT).map(move |id| (chat, id)))
        .collect();

    let api = FakeBotApi::start().await;
    // The blocked chat's fault comes first, so nothing else answers it.
    api.inject(Fault::blocked(blocked));
    // A "timeout": Telegram holds the call past the bot's 3 s timeout and
    // never takes the message (the connection is then cut).
    let timeout = |chat: Option<i64>| Fault {
        delay: Some(Duration::from_secs(4)),
        ..Fault::reset("sendMessage", chat)
    };
    // Faults for one chat in each of the scheduler's two batches of 500...
    api.inject(Fault::retry_after("sendMessage", Some(chats[1]), 1));
    api.inject(Fault::retry_after("sendMessage", Some(chats[12]), 1));
    api.inject(Fault::reset("sendMessage", Some(chats[3])).times(2));
    api.inject(timeout(Some(chats[10])));
    let mut too_many_requests = 2;
    let mut network_failures = 3;
    let started = Instant::now();
    let mut bot = BotProcess::spawn_with_env(&api.url, dir.path(), &[("BILLCOACH_TELEGRAM_TIMEOUT_SECONDS", "3")]);

    // ...and more for whichever chat sends next, once delivery is well on.
    wait_for(
        Duration::from_secs(30),
        "300 reminders taken",
        || api.accepted_count() >= 300,
        || format!("{} taken", api.accepted_count()),
    )
    .await;
    api.inject(Fault::retry_after("sendMessage", None, 1).times(2));
    api.inject(timeout(None).times(2));
    api.inject(Fault::reset("sendMessage", None).times(2));
    too_many_requests += 2;
    network_failures += 4;

    wait_for(
        Duration::from_secs(90),
        "every reminder taken",
        || api.accepted_count() >= expected.len(),
        || format!("{} of {} taken", api.accepted_count(), expected.len()),
    )
    .await;
    let took = started.elapsed();
    // Anything sent twice would show up now.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sends = api.accepted_sends();
    let counts = deliveries(&sends);
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    let delivered: BTreeSet<(i64, u32)> = counts.keys().copied().collect();
    assert_eq!(
        delivered.symmetric_difference(&expected).collect::<Vec<_>>(),
        Vec::<&(i64, u32)>::new(),
        "every reminder of every chat that did not block the bot, and only those"
    );
    assert!(
        sends.iter().all(|s| !s.message.text.contains("Sorry, this comes late")),
        "nothing was late"
    );

    // The blocked chat: one try, then nothing.
    assert!(api.messages(blocked).is_empty());
    assert_eq!(send_calls_to(&api, blocked), 1, "one attempt for the blocked chat");
    // Every fault was met once and cost exactly one more call.
    let calls = api.calls("sendMessage").len();
    assert_eq!(
        calls,
        expected.len() + too_many_requests + network_failures + 1,
        "calls: the reminders, the 429s, the network failures, the block"
    );
    assert_eq!(api.violations(), Vec::<String>::new());

    let status = bot.terminate();
    let lines = bot.log_lines();
    assert!(status.success(), "{status:?}");
    let all = lines.join("\n");
    assert_eq!(
        count_lines(&lines, "not sent; will try again"),
        network_failures,
        "one line per failed send:\n{all}"
    );
    assert_eq!(count_lines(&lines, "given up"), 0, "{all}");
    assert_eq!(
        count_lines(
            &lines,
            &format!("chat {blocked}: blocked the bot; its reminders are dropped")
        ),
        1,
        "{all}"
    );

    let store = Store::open(&dir.path().join("data")).unwrap();
    for &chat in &chats {
        let book = store.load_chat(chat).unwrap().record.state.reminders;
        assert_eq!(book.items.len(), PER_CHAT as usize);
        let not_delivered: Vec<_> = book
            .items
            .iter()
            .filter(|r| !matches!(r.status, ReminderStatus::Delivered { .. }))
            .map(|r| (r.id, r.status))
            .collect();
        assert!(not_delivered.is_empty(), "chat {chat}: {not_delivered:?}");
    }
    let record = store.load_chat(blocked).unwrap().record;
    assert!(record.blocked, "the chat is marked blocked");
    assert!(record.state.reminders.pending().is_empty(), "its reminders are dropped");
    assert_eq!(store.due_reminders(far_future(), 10_000, None).unwrap(), vec![]);
    eprintln!(
        "{} reminders delivered in {took:?} ({calls} sendMessage calls)",
        expected.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_while_reminders_are_due_delivers_each_exactly_once_after_restart() {
    const PER_CHAT: u32 = 50;
    let chats: Vec<i64> = (0..4).map(|n| 5_571_001 + n).collect();
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), chats.iter().map(|&c| (c, due_now(PER_CHAT))).collect()).await;
    let expected: BTreeSet<(i64, u32)> = chats
        .iter()
        .flat_map(|&chat| (0..PER_CHAT).map(move |id| (chat, id)))
        .collect();

    let api = FakeBotApi::start().await;
    // Telegram takes a while with each message: delivery lasts seconds.
    api.inject(Fault::slow("sendMessage", None, Duration::from_millis(30)).times(100_000));
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    wait_for(
        Duration::from_secs(30),
        "40 reminders taken",
        || api.accepted_count() >= 40,
        || format!("{} taken", api.accepted_count()),
    )
    .await;
    bot.kill9();
    // A call the server was still answering may be taken after the kill:
    // it counts as taken before the restart (the bot never heard back).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = api.accepted_sends();
    assert!(
        before.len() < expected.len(),
        "the kill came before everything was sent ({} taken)",
        before.len()
    );

    let mut bot = BotProcess::spawn(&api.url, dir.path());
    wait_for(
        Duration::from_secs(40),
        "every reminder taken after the restart",
        || {
            let delivered: BTreeSet<(i64, u32)> = deliveries(&api.accepted_sends()).into_keys().collect();
            delivered.is_superset(&expected)
        },
        || format!("{} taken", api.accepted_count()),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let status = bot.terminate();
    assert!(status.success(), "{status:?}");

    let sends = api.accepted_sends();
    let after = &sends[before.len()..];
    let counts = deliveries(&sends);
    assert_eq!(counts.keys().copied().collect::<BTreeSet<_>>(), expected);
    let repeated: Vec<(i64, u32)> = counts.iter().filter(|(_, n)| **n > 1).map(|(k, _)| *k).collect();
    assert!(counts.values().all(|n| *n <= 2), "nothing sent three times: {counts:?}");
    // At most one reminder per chat was between "taken by Telegram" and
    // "marked delivered" when the bot died.
    assert!(
        repeated.len() <= chats.len().min(PARALLEL_CHATS),
        "repeated: {repeated:?}"
    );
    for &(chat, id) in &repeated {
        let first = before
            .iter()
            .rposition(|s| reminder_of(&s.message) == Some((chat, id)))
            .expect("a repeat was taken before the kill");
        assert!(
            first + 2 * PARALLEL_CHATS >= before.len(),
            "{:?} was taken {} messages before the kill",
            (chat, id),
            before.len() - first
        );
        let last_before = before
            .iter()
            .rev()
            .find(|s| s.message.chat == chat)
            .and_then(|s| reminder_of(&s.message));
        assert_eq!(
            last_before,
            Some((chat, id)),
            "a repeat is the last reminder its chat got before the kill"
        );
        assert_eq!(
            after
                .iter()
                .filter(|s| reminder_of(&s.message) == Some((chat, id)))
                .count(),
            1,
            "sent again once, after the restart"
        );
    }
    // Nothing taken before the kill (but a repeat) came again, and the
    // rest came once after the restart.
    let before_set: BTreeSet<(i64, u32)> = deliveries(&before).into_keys().collect();
    let after_counts = deliveries(after);
    for (key, n) in &after_counts {
        assert_eq!(*n, 1, "{key:?} sent twice after the restart");
        assert!(
            !before_set.contains(key) || repeated.contains(key),
            "{key:?} taken before the kill and sent again"
        );
    }
    assert_eq!(api.violations(), Vec::<String>::new());

    let store = Store::open(&dir.path().join("data")).unwrap();
    for &chat in &chats {
        let book = store.load_chat(chat).unwrap().record.state.reminders;
        assert_eq!(book.items.len(), PER_CHAT as usize);
        assert!(
            book.items
                .iter()
                .all(|r| matches!(r.status, ReminderStatus::Delivered { .. })),
            "chat {chat}: {:?}",
            book.items.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>()
        );
    }
    assert_eq!(store.due_reminders(far_future(), 10_000, None).unwrap(), vec![]);
    eprintln!(
        "{} taken before the kill, {} repeated after the restart",
        before.len(),
        repeated.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_missed_while_down_comes_late_once_and_none_comes_early_or_at_night() {
    let pat = 5_572_001; // New York
    let kim = 5_572_002; // Tokyo, where the bot's start is midnight
    let dir = tempfile::tempdir().unwrap();
    let (mut late, mut soon, mut tomorrow) = (0, 0, 0);
    let pat_record = chat_record(chrono_tz::America::New_York, |book, zone| {
        // Due yesterday at 10 AM Eastern, while the bot was down.
        late = book
            .add(0, &payment(1, day(2026, 11, 27)), zone, utc("2026-11-27T14:00:00Z"))
            .unwrap();
        // Set 3 s after the bot's start for "today": due then, not before.
        soon = book
            .add(0, &payment(2, day(2026, 11, 28)), zone, utc("2026-11-28T15:00:03Z"))
            .unwrap();
        // Tomorrow at 10 AM Eastern.
        tomorrow = book
            .add(0, &payment(3, day(2026, 11, 29)), zone, utc("2026-11-28T14:00:00Z"))
            .unwrap();
    });
    assert_eq!(
        pat_record.state.reminders.get(soon).unwrap().due,
        utc("2026-11-28T15:00:03Z")
    );
    let kim_record = chat_record(chrono_tz::Asia::Tokyo, |book, zone| {
        // 10 AM in Tokyo on Nov 28 (01:00Z): past, and the bot starts at
        // midnight there.
        book.add(0, &payment(1, day(2026, 11, 28)), zone, utc("2026-11-27T00:00:00Z"))
            .unwrap();
    });
    seed(dir.path(), vec![(pat, pat_record), (kim, kim_record)]).await;

    let api = FakeBotApi::start().await;
    let spawned = Instant::now();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    wait_for(
        Duration::from_secs(30),
        "the late and the soon reminder",
        || api.accepted_count() >= 2,
        || format!("{:?}", api.accepted_sends()),
    )
    .await;
    // Give anything wrongly due a chance to show up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let status = bot.terminate();
    assert!(status.success(), "{status:?}");
    let lines = bot.log_lines();

    let sends = api.accepted_sends();
    let order: Vec<Option<(i64, u32)>> = sends.iter().map(|s| reminder_of(&s.message)).collect();
    assert_eq!(
        order,
        vec![Some((pat, late)), Some((pat, soon))],
        "once each, nothing else"
    );
    assert!(
        sends[0].message.text.contains("Sorry, this comes late"),
        "{}",
        sends[0].message.text
    );
    assert!(
        !sends[1].message.text.contains("Sorry, this comes late"),
        "{}",
        sends[1].message.text
    );
    assert!(
        sends[1].at.duration_since(spawned) >= Duration::from_secs(3),
        "the soon reminder waited for its time: {:?}",
        sends[1].at.duration_since(spawned)
    );
    assert_eq!(send_calls_to(&api, kim), 0, "nothing at night");
    assert_eq!(
        count_lines(&lines, &format!("chat {kim}: reminder 0 moved to the morning")),
        1,
        "{}",
        lines.join("\n")
    );
    assert_eq!(api.violations(), Vec::<String>::new());

    let store = Store::open(&dir.path().join("data")).unwrap();
    let book = store.load_chat(pat).unwrap().record.state.reminders;
    for id in [late, soon] {
        assert!(matches!(book.get(id).unwrap().status, ReminderStatus::Delivered { .. }));
    }
    assert_eq!(book.get(tomorrow).unwrap().status, ReminderStatus::Scheduled);
    let kim_book = store.load_chat(kim).unwrap().record.state.reminders;
    let postponed = kim_book.get(0).unwrap();
    assert_eq!(postponed.status, ReminderStatus::Scheduled);
    assert_eq!(
        postponed.due,
        utc("2026-11-29T00:00:00Z"),
        "9 AM in Tokyo, the first hour after the night"
    );
    let index: Vec<(i64, u32, DateTime<Utc>)> = store
        .due_reminders(far_future(), 10_000, None)
        .unwrap()
        .into_iter()
        .map(|e| (e.chat, e.reminder, e.due))
        .collect();
    assert_eq!(
        index,
        vec![
            (kim, 0, utc("2026-11-29T00:00:00Z")),
            (pat, tomorrow, utc("2026-11-29T15:00:00Z")),
        ]
    );
}
