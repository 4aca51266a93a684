//! An answer the bot acknowledged survives `kill -9`: after a restart the
//! conversation continues at the right question, and an update Telegram
//! delivers again is not applied twice.

use crate::bot::bot_process::BotProcess;
use crate::bot::fake_bot_api::{FakeBotApi, Fault};
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use std::time::Duration;

const PAT: i64 = 5_550_010;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledged_answer_survives_sigkill() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);

    let q1 = pat.start_review().await;
    let ambulance = pat.tap(&q1, "Ambulance");
    // The next question arriving is the acknowledgement.
    let q2 = pat.expect("What coverage did you have for this care?").await;

    bot.kill9();
    // Telegram delivers again an update the bot had not confirmed before
    // it died: the bot must not apply or answer it a second time.
    api.redeliver(ambulance);
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    pat.tap(&q2, "Medicare");
    pat.expect("Which Medicare do you have?").await;
    pat.send("/bills");
    let bills = pat.expect("Your bills").await;
    assert!(
        bills.text.contains("Ambulance"),
        "the answer before the crash is kept: {}",
        bills.text
    );
    assert!(bills.text.contains("part 1 of 4"), "{}", bills.text);
    pat.nothing_more();
    assert!(bot.log().contains("was already applied"), "log:\n{}", bot.log());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_telegram_forgot_is_applied_after_sigkill() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);

    let q1 = pat.start_review().await;

    // The press is received, but its handling hangs before the answer is
    // applied; meanwhile the bot asks for the next updates, so Telegram
    // forgets the press.
    // (answerCallbackQuery names no chat, so the fault names none either.)
    api.inject(Fault::slow("answerCallbackQuery", None, Duration::from_secs(30)));
    let press = pat.tap(&q1, "Ambulance");
    api.wait_until(PAT, Duration::from_secs(10), |api| {
        let stuck = api.calls("answerCallbackQuery").len() == 2;
        let forgotten = !api.unconfirmed_update_ids().contains(&press) && api.polls() > 0;
        (stuck && forgotten).then_some(())
    })
    .await;
    assert!(!api.unconfirmed_update_ids().contains(&press));

    let asked_before_the_kill = |api: &FakeBotApi| {
        api.messages(PAT)
            .iter()
            .any(|m| m.text.contains("What coverage did you have for this care?"))
    };
    assert!(
        !asked_before_the_kill(&api),
        "the press was not handled before the kill"
    );
    bot.kill9();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    // Kept in the data folder, the press is applied after the restart.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !api
        .messages(PAT)
        .iter()
        .any(|m| m.text.contains("What coverage did you have for this care?"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the press was not applied after the restart; log:\n{}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(bot.took_one_update_from_the_inbox(), "log:\n{}", bot.log());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}
