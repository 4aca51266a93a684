//! `/healthz` and `/metrics` on `BILLCOACH_LISTEN` beside long polling: a
//! counter moves when a message is handled, and nothing a user typed
//! appears; the bot's profile is set at start. (The stalled scheduler's 503 is in
//! `tests/core/reminder_scheduler.rs`, with a clock moved by hand.)

use crate::bot::http::{self, free_port};
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;

const PAT: i64 = 5_550_080;

/// The value of a sample line (`name{labels}`) in a metrics text.
fn sample(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in:\n{text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics_are_served_beside_polling_and_a_message_moves_a_counter() {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start_with_env(&[("BILLCOACH_LISTEN", &listen)]).await;
    let base = format!("http://{listen}");
    let mut pat = Phone::new(&api, PAT);
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;

    let health = http::get(&format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status, 200, "{}", health.body);
    let messages = "billcoach_updates_handled_total{kind=\"message\"}";
    // An update is counted when its handler ends, just after its last
    // reply went out: wait for the count rather than read it at once.
    let count_reaching = |at_least: u64| {
        let url = format!("{base}/metrics");
        async move {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            loop {
                let page = http::get(&url).await.unwrap();
                assert_eq!(page.status, 200);
                if sample(&page.body, messages) >= at_least || std::time::Instant::now() > deadline {
                    return page.body;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
    };
    let before = count_reaching(1).await;
    let handled = sample(&before, messages);
    assert_eq!(handled, 1, "{before}");

    pat.send("/bills");
    pat.expect("Your bills").await;
    pat.send("Zebra-Quartz 4471.93 99213");
    pat.next().await;
    let after = count_reaching(handled + 2).await;
    assert_eq!(sample(&after, messages), handled + 2, "{after}");
    assert!(sample(&after, "billcoach_update_handling_seconds_count") >= handled + 2);
    assert_eq!(sample(&after, "billcoach_chats_stored"), 1);
    assert!(sample(&after, "billcoach_store_bytes") > 0);
    for typed in ["Zebra", "4471", "99213", &PAT.to_string()] {
        assert!(!after.contains(typed), "{typed} in the metrics:\n{after}");
    }
    assert!(after
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .all(|l| l.starts_with("billcoach_")));
    // The profile was set at start, from dialogues/, privacy line included.
    let description = api.calls("setMyDescription");
    // English for everyone, then one per other language the bot speaks.
    assert_eq!(
        description.len(),
        billcoach::content::Lang::ALL.len(),
        "{description:?}"
    );
    assert!(description[0].body["description"].as_str().unwrap().contains("/delete"));
    let short = api.calls("setMyShortDescription");
    assert!(short[0].body["short_description"].as_str().unwrap().chars().count() <= 120);
    assert!(api.violations().is_empty(), "{:?}", api.violations());
    let unknown = http::get(&format!("{base}/telegram/hook")).await.unwrap();
    assert_eq!(unknown.status, 404, "no webhook route in polling mode");
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_are_one_object_a_line_without_what_was_typed() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start_with_env(&[("BILLCOACH_LOG_FORMAT", "json")]).await;
    let mut pat = Phone::new(&api, PAT);
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;
    pat.send("Zebra-Quartz 4471.93");
    pat.next().await;
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
    let log = bot.log();
    let mut lines = 0;
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        let object: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        for field in ["ts", "level", "target", "msg"] {
            assert!(object[field].is_string(), "{field} in {line}");
        }
        lines += 1;
    }
    assert!(lines > 3, "{log}");
    assert!(log.contains("connected as @"), "{log}");
    assert!(!log.contains("Zebra") && !log.contains("4471"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_chat_gets_stats_and_everyone_else_the_normal_bot() {
    const ADMIN: i64 = 5_550_081;
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start_with_env(&[("BILLCOACH_ADMIN_CHAT", &ADMIN.to_string())]).await;
    let mut pat = Phone::new(&api, PAT);
    let q1 = pat.start_review().await;
    pat.tap(&q1, "Ambulance");
    pat.expect("What coverage did you have for this care?").await;

    let mut admin = Phone::new(&api, ADMIN);
    admin.send("/start");
    admin.expect("Hi, I'm billcoach").await;
    admin.send("/stats");
    let stats = admin.expect("billcoach 0.").await;
    // (A chat's record starts with a bill of its own.)
    for line in ["chats: 2", "bills: 2", "reminders pending: 0", "store: ", " KB", "up "] {
        assert!(stats.text.contains(line), "{line} in {}", stats.text);
    }
    assert!(!stats.text.contains(&PAT.to_string()) && !stats.text.contains("Ambulance"));

    // Anyone else's /stats is an unknown command to the normal bot.
    pat.send("/stats");
    let reply = pat.next().await;
    assert!(!reply.text.contains("chats:"), "{}", reply.text);
    assert!(api.violations().is_empty(), "{:?}", api.violations());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}
