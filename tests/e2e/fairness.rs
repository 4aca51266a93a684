//! One chat can never slow down the others: a chat that floods the bot
//! with messages has a bounded backlog, is told what was skipped, and every
//! other chat is answered as quickly as if it were alone.

use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FLOODER: i64 = 6_660_000;
const FLOOD: usize = 500;
const OTHERS: i64 = 20;

/// The number in "you sent N more messages" of a slow-down line.
fn skipped_in(text: &str) -> Option<usize> {
    let rest = text.split("you sent ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_chat_does_not_slow_down_twenty_others() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut flooder = Phone::new(&api, FLOODER);
    flooder.send("/start");
    flooder.expect("Hi, I'm billcoach").await;

    // 500 messages at once, as a paste split into messages or a script.
    for n in 0..FLOOD {
        flooder.send(&format!("line {n}"));
    }

    // Twenty other users review a bill at the same time; each reply is
    // timed from the moment the user sent what it answers.
    let latencies = Arc::new(Mutex::new(Vec::<Duration>::new()));
    let mut users = Vec::new();
    for n in 0..OTHERS {
        let (api, latencies) = (api.clone(), latencies.clone());
        users.push(tokio::spawn(async move {
            let mut phone = Phone::new(&api, 7_770_000 + n);
            let timed = |started: Instant| latencies.lock().unwrap().push(started.elapsed());
            let started = Instant::now();
            phone.send("/start");
            let greeting = phone.expect("Hi, I'm billcoach").await;
            timed(started);
            let started = Instant::now();
            phone.tap(&greeting, "Review a bill");
            let q1 = phone.expect("Who sent this bill?").await;
            timed(started);
            let started = Instant::now();
            phone.tap(&q1, "Hospital");
            let q2 = phone.expect("Is it a nonprofit hospital?").await;
            timed(started);
            let started = Instant::now();
            phone.tap(&q2, "Not sure");
            let q3 = phone.expect("What coverage did you have for this care?").await;
            timed(started);
            let started = Instant::now();
            phone.tap(&q3, "Uninsured / self-pay");
            phone.expect("Was this emergency care?").await;
            timed(started);
            let started = Instant::now();
            phone.send("no");
            phone.expect("When did you get the care?").await;
            timed(started);
        }));
    }
    for user in users {
        user.await.expect("a user's review ran");
    }
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let p99 = latencies[(latencies.len() * 99).div_ceil(100) - 1];
    let median = latencies[latencies.len() / 2];
    eprintln!(
        "{} replies to 20 chats beside a flood of {FLOOD}: median {median:?}, p99 {p99:?}, slowest {:?}",
        latencies.len(),
        latencies.last().unwrap()
    );
    assert!(
        p99 <= Duration::from_secs(2),
        "p99 {p99:?} (median {median:?}); all: {latencies:?}"
    );

    // The flooder: every message was either answered or counted in a line
    // that says it was skipped; nothing vanished silently.
    let accounted = api
        .wait_until(FLOODER, Duration::from_secs(40), |api| {
            let shown = api.messages(FLOODER);
            let answered = shown.iter().filter(|m| m.text.contains("I didn't catch that")).count();
            let skipped: usize = shown.iter().filter_map(|m| skipped_in(&m.text)).sum();
            (answered + skipped == FLOOD).then_some((answered, skipped))
        })
        .await;
    eprintln!(
        "the flooder: {} answered, {} skipped and told",
        accounted.0, accounted.1
    );
    assert!(accounted.1 > 0, "the backlog is bounded: some were skipped");
    assert!(
        accounted.0 <= 40,
        "at most a lane's worth answered while flooding: {accounted:?}"
    );
    assert!(bot.terminate().success());
    assert_eq!(api.unconfirmed_updates(), 0, "polling kept up: every update confirmed");
    assert_eq!(api.violations(), Vec::<String>::new());
}
