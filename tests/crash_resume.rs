//! An answer the bot acknowledged survives `kill -9`: after a restart the
//! conversation continues at the right question, and an update Telegram
//! delivers again is not applied twice.

mod support;

use support::bot_process::BotProcess;
use support::fake_bot_api::FakeBotApi;

const PAT: i64 = 5_550_010;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledged_answer_survives_sigkill() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    api.user_sends(PAT, "/start");
    let greeting = api.nth_message(PAT, 0).await;
    api.user_presses(&greeting, "Review a bill");
    let q1 = api.nth_message(PAT, 1).await;
    let ambulance = api.user_presses(&q1, "Ambulance");
    // The next question arriving is the acknowledgement.
    let q2 = api.nth_message(PAT, 2).await;
    assert!(q2.text.contains("Question 2 of 3"), "{}", q2.text);

    bot.kill9();
    // Telegram delivers again an update the bot had not confirmed before
    // it died: the bot must not apply or answer it a second time.
    api.redeliver(ambulance);
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    api.user_presses(&q2, "Medicare");
    let q3 = api.nth_message(PAT, 3).await;
    assert!(
        q3.text.contains("Question 3 of 3"),
        "continues at the right question: {}",
        q3.text
    );
    api.user_sends(PAT, "980");
    let summary = api.nth_message(PAT, 4).await;
    assert!(
        summary.text.contains("Ambulance"),
        "the answer before the crash is kept: {}",
        summary.text
    );
    assert!(
        summary.text.contains("Medicare") && summary.text.contains("$980.00"),
        "{}",
        summary.text
    );

    let questions_2 = api
        .messages(PAT)
        .iter()
        .filter(|m| m.text.contains("Question 2 of 3"))
        .count();
    assert_eq!(questions_2, 1, "the redelivered answer was not answered twice");
    assert!(bot.log().contains("was already applied"), "log:\n{}", bot.log());
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
}
