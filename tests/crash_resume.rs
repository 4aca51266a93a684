//! An answer the bot acknowledged survives `kill -9`: after a restart the
//! conversation continues at the right question, and an update Telegram
//! delivers again is not applied twice.

mod support;

use support::bot_process::BotProcess;
use support::fake_bot_api::FakeBotApi;
use support::phone::Phone;

const PAT: i64 = 5_550_010;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledged_answer_survives_sigkill() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    let mut pat = Phone::new(&api, PAT);

    pat.send("/start");
    let greeting = pat.next().await;
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Who sent this bill?").await;
    let ambulance = pat.tap(&q1, "Ambulance");
    // The next question arriving is the acknowledgement.
    let q2 = pat.expect("Question 2 of 13").await;

    bot.kill9();
    // Telegram delivers again an update the bot had not confirmed before
    // it died: the bot must not apply or answer it a second time.
    api.redeliver(ambulance);
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    pat.tap(&q2, "Medicare");
    pat.expect("Question 3 of 14").await;
    pat.send("/bills");
    let bills = pat.expect("Your bills").await;
    assert!(
        bills.text.contains("Ambulance"),
        "the answer before the crash is kept: {}",
        bills.text
    );
    assert!(bills.text.contains("question 3 of 14"), "{}", bills.text);
    pat.nothing_more();
    assert!(bot.log().contains("was already applied"), "log:\n{}", bot.log());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}
