//! Webhook mode end to end: the fake Bot API posts updates to the bot's
//! listener as Telegram does (with the secret token the bot gave
//! `setWebhook`), posts without the secret are refused and change
//! nothing, and an update answered 200 survives a `kill -9` before its
//! reply.

use crate::bot::bot_process::BotProcess;
use crate::bot::fake_bot_api::{FakeBotApi, Fault};
use crate::bot::http::{self, free_port};
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use std::path::Path;
use std::time::Duration;

const PAT: i64 = 5_550_070;
const SAM: i64 = 5_550_071;

/// The settings of webhook mode on a free port; (settings, webhook URL).
fn webhook_env(port: u16) -> (Vec<(String, String)>, String) {
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let env = vec![
        ("BILLCOACH_WEBHOOK_URL".to_string(), url.clone()),
        ("BILLCOACH_LISTEN".to_string(), format!("127.0.0.1:{port}")),
    ];
    (env, url)
}

fn spawn(api: &FakeBotApi, dir: &Path, env: &[(String, String)]) -> BotProcess {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    BotProcess::spawn_with_env(&api.url, dir, &env)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_come_by_webhook_and_a_post_without_the_secret_changes_nothing() {
    let port = free_port();
    let (env, url) = webhook_env(port);
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = spawn(&api, dir.path(), &env);

    // A review through the webhook: the fake posts each update.
    let mut pat = Phone::new(&api, PAT);
    let q1 = pat.start_review().await;
    pat.tap(&q1, "Ambulance");
    pat.expect("What coverage did you have for this care?").await;

    let set = api.calls("setWebhook");
    assert_eq!(set.len(), 1, "{set:?}");
    assert_eq!(set[0].body["url"], url.as_str());
    let secret = set[0].body["secret_token"]
        .as_str()
        .expect("a secret token")
        .to_string();
    assert!(secret.len() >= 32, "{secret}");
    let kept = std::fs::read_to_string(dir.path().join("data/webhook-secret")).unwrap();
    assert_eq!(kept.trim(), secret, "the secret is kept in the data folder");
    assert_eq!(api.polls(), 0, "no long polling in webhook mode");
    assert!(
        api.webhook_posts().iter().all(|(_, status)| *status == 200),
        "{:?}",
        api.webhook_posts()
    );
    // Each 200 came once the update was durable (it rides on the reply's
    // commit): a few ms here, never the reply's whole round trip.
    let times = api.webhook_post_times();
    assert_eq!(times.len(), api.webhook_posts().len());
    assert!(times.iter().all(|t| *t < Duration::from_secs(2)), "{times:?}");

    // Posts without the secret, or with a wrong one: 401, and nothing is
    // applied or answered.
    let intruder = api.user_message_unqueued(SAM, "/start");
    let body = serde_json::to_vec(&intruder).unwrap();
    let json = ("Content-Type", "application/json");
    let none = http::request("POST", &url, &[json], &body).await.unwrap();
    assert_eq!(none.status, 401);
    let wrong = http::request(
        "POST",
        &url,
        &[
            json,
            ("X-Telegram-Bot-Api-Secret-Token", "not-the-secret-at-all-0000000000"),
        ],
        &body,
    )
    .await
    .unwrap();
    assert_eq!(wrong.status, 401);
    // The same post with the secret is taken (so the 401s were the
    // secret's doing), and answered; the earlier ones left nothing behind.
    let right = http::request(
        "POST",
        &url,
        &[json, ("X-Telegram-Bot-Api-Secret-Token", &secret)],
        &body,
    )
    .await
    .unwrap();
    assert_eq!(right.status, 200);
    let mut sam = Phone::new(&api, SAM);
    sam.expect("Hi, I'm billcoach").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    sam.nothing_more();
    // A body that is not an update, with the secret: refused.
    let junk = http::request(
        "POST",
        &url,
        &[json, ("X-Telegram-Bot-Api-Secret-Token", &secret)],
        b"{\"hello\": 1}",
    )
    .await
    .unwrap();
    assert_eq!(junk.status, 400);

    // The same listener serves /healthz.
    let health = http::get(&format!("http://127.0.0.1:{port}/healthz")).await.unwrap();
    assert_eq!(health.status, 200, "{}", health.body);

    let metrics = http::get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap()
        .body;
    for line in [
        "billcoach_webhook_refused_total{reason=\"unauthorized\"} 2",
        "billcoach_webhook_refused_total{reason=\"bad_request\"} 1",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in:\n{metrics}");
    }

    let log = bot.log();
    assert!(log.contains("refused (401)"), "{log}");
    assert!(api.violations().is_empty(), "{:?}", api.violations());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());

    // A restart keeps the secret (Telegram's retries still carry it).
    let mut bot = spawn(&api, dir.path(), &env);
    pat.send("/bills");
    pat.expect("Your bills").await;
    let again = api.calls("setWebhook");
    assert_eq!(again.len(), 2);
    assert_eq!(again[1].body["secret_token"].as_str(), Some(secret.as_str()));
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_answered_200_is_applied_after_a_kill_before_its_reply() {
    let port = free_port();
    let (env, _) = webhook_env(port);
    let TestBot { api, bot, dir } = TestBot::start_with_env(&[]).await;
    // This test's bot runs in webhook mode; the default one is not needed.
    drop(bot);
    let mut bot = spawn(&api, dir.path(), &env);
    let mut pat = Phone::new(&api, PAT);
    let q1 = pat.start_review().await;

    // The press is posted and answered 200, but its handling hangs before
    // the answer is applied (answerCallbackQuery comes first).
    api.inject(Fault::slow("answerCallbackQuery", None, Duration::from_secs(30)));
    let press = pat.tap(&q1, "Ambulance");
    api.wait_until(PAT, Duration::from_secs(10), |api| {
        let stuck = api.calls("answerCallbackQuery").len() == 2;
        let taken = api.webhook_posts().contains(&(press, 200));
        (stuck && taken).then_some(())
    })
    .await;
    let asked = |api: &FakeBotApi| {
        api.messages(PAT)
            .iter()
            .any(|m| m.text.contains("What coverage did you have for this care?"))
    };
    assert!(!asked(&api), "the press was not handled before the kill");
    assert_eq!(api.unconfirmed_updates(), 0, "Telegram forgot the press at the 200");

    bot.kill9();
    let mut bot = spawn(&api, dir.path(), &env);
    pat.expect("What coverage did you have for this care?").await;
    assert!(bot.took_one_update_from_the_inbox(), "log:\n{}", bot.log());
    pat.nothing_more();
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_while_the_bot_is_down_is_posted_again_and_applied_once() {
    let port = free_port();
    let (env, _) = webhook_env(port);
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = spawn(&api, dir.path(), &env);
    let mut pat = Phone::new(&api, PAT);
    let q1 = pat.start_review().await;
    bot.kill9();

    // Telegram cannot reach the bot: it keeps the update and retries. (The
    // post before it may be the one failing: its reply can arrive before
    // its 200, both after one commit, and the kill can come between; it
    // is then posted again after the restart and skipped as applied.)
    let press = pat.tap(&q1, "Hospital");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !api.webhook_posts().iter().any(|(_, status)| *status == 0) {
        assert!(
            std::time::Instant::now() < deadline,
            "no failed post: {:?}, pending {}",
            api.webhook_posts(),
            api.unconfirmed_updates()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut bot = spawn(&api, dir.path(), &env);
    pat.expect("Is it a nonprofit hospital?").await;
    // Posted again by "Telegram" after a crash: applied once.
    api.redeliver(press);
    api.wait_until(PAT, Duration::from_secs(10), |api| {
        (api.webhook_posts().iter().filter(|p| **p == (press, 200)).count() == 2).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    pat.nothing_more();
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}
