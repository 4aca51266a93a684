//! Telegram misbehaving: the fake Bot API answers 429 with `retry_after`,
//! answers slowly or not in time, resets the connection, refuses edits
//! (400) and messages (403), and delivers updates the bot does not expect.
//! The real binary must answer or ignore each sensibly, keep serving the
//! other chats, keep every answer it acknowledged, and log one clear line
//! per problem.

use crate::bot::bot_process::TEST_TOKEN;
use crate::bot::fake_bot_api::{FakeBotApi, Fault};
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const PAT: i64 = 5_560_001;
const SAM: i64 = 5_560_002;

/// The lines that contain every one of `needles`.
fn lines_with(lines: &[String], needles: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| needles.iter().all(|n| l.contains(n)))
        .cloned()
        .collect()
}

/// Warnings and errors about a chat.
fn complaints_about(lines: &[String], chat: i64) -> Vec<String> {
    lines
        .iter()
        .filter(|l| (l.contains(" WARN ") || l.contains(" ERROR ")) && l.contains(&chat.to_string()))
        .cloned()
        .collect()
}

/// Sends to a chat, whether they went through or not.
fn sends_to(api: &FakeBotApi, chat: i64) -> usize {
    api.calls("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == json!(chat))
        .count()
}

/// `/start`, then "Review a bill": returns question 1.
async fn to_question_one(phone: &mut Phone) -> crate::bot::fake_bot_api::BotMessage {
    phone.send("/start");
    let greeting = phone.expect("Hi, I'm billcoach").await;
    phone.tap(&greeting, "Review a bill");
    phone.expect("Who sent this bill?").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_message_arrives_once() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);

    api.inject(Fault::retry_after("sendMessage", Some(PAT), 1));
    let asked = Instant::now();
    pat.send("/start");
    // Sam writes while Pat's message waits: the 429 was about Pat's chat,
    // so only Pat's messages wait it out.
    sam.send("/start");
    let greeting = pat.expect("Hi, I'm billcoach").await;
    assert!(asked.elapsed() >= Duration::from_secs(1), "retry_after was waited out");
    sam.expect("Hi, I'm billcoach").await;
    assert_eq!(sends_to(&api, PAT), 2, "refused once, sent once");

    // The conversation goes on normally.
    pat.tap(&greeting, "Review a bill");
    pat.expect("Part 1 of 4 · About the bill").await;
    pat.nothing_more();
    sam.nothing_more();

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    // One line names the wait; only Pat's chat waits it out.
    let retry = lines_with(&lines, &["Telegram asks to wait 1s (429)", "the others do not"]);
    assert_eq!(retry.len(), 1, "one clear line for the 429:\n{}", lines.join("\n"));
    assert!(complaints_about(&lines, PAT).is_empty(), "{lines:#?}");
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_holds_up_only_its_own_chat() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let q1 = to_question_one(&mut pat).await;

    // Telegram takes 3 s to take Pat's next question.
    api.inject(Fault::slow("sendMessage", Some(PAT), Duration::from_secs(3)));
    let asked = Instant::now();
    pat.tap(&q1, "Hospital");
    sam.send("/start");
    let sam_greeting = sam.expect("Hi, I'm billcoach").await;
    assert!(
        api.messages(PAT).len() == 2,
        "Sam was answered while Pat's message was still on its way"
    );
    let q2 = pat.expect("Is it a nonprofit hospital?").await;
    assert!(asked.elapsed() >= Duration::from_secs(3));

    // Both go on.
    pat.tap(&q2, "Yes");
    pat.expect("What coverage did you have for this care?").await;
    sam.tap(&sam_greeting, "Review a bill");
    sam.expect("Who sent this bill?").await;
    pat.nothing_more();
    sam.nothing_more();
    assert_eq!(sends_to(&api, PAT), 4, "nothing was sent twice");

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    assert!(
        complaints_about(&lines, PAT).is_empty(),
        "a slow answer is not a problem:\n{}",
        lines.join("\n")
    );
}

/// The bot's HTTP client gives up after `BILLCOACH_TELEGRAM_TIMEOUT_SECONDS`
/// (17 s by default; 3 s here, which proves the same in less time, while
/// Telegram holds the call 10 s) and teloxide does not retry a failed `sendMessage` (it could not know whether
/// Telegram delivered it). So an answer is never sent twice, but the user
/// may miss the next question: what is honestly achievable is that the
/// answer is saved, the failure is logged once, other chats are served,
/// and the user's next message shows where they are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_loses_at_most_one_message_never_the_answer() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start_with_env(&[("BILLCOACH_TELEGRAM_TIMEOUT_SECONDS", "3")]).await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let q1 = to_question_one(&mut pat).await;

    api.inject(Fault::slow("sendMessage", Some(PAT), Duration::from_secs(10)));
    let asked = Instant::now();
    pat.tap(&q1, "Ambulance");
    // Meanwhile Sam is served.
    sam.send("/start");
    sam.expect("Hi, I'm billcoach").await;
    // The bot gives up on the call and logs it.
    api.wait_until(PAT, Duration::from_secs(30), |_| {
        let lines = bot.log_lines();
        (!complaints_about(&lines, PAT).is_empty()).then_some(())
    })
    .await;
    let gave_up_after = asked.elapsed();
    // It waited its whole timeout, and gave up before Telegram answered.
    assert!(gave_up_after >= Duration::from_secs(3), "{gave_up_after:?}");
    assert!(gave_up_after < Duration::from_secs(10), "{gave_up_after:?}");

    // Pat's next message works and shows the question after the answer.
    pat.send("/help");
    let shown = api
        .wait_until(PAT, Duration::from_secs(20), |api| {
            let texts: Vec<String> = api.messages(PAT).iter().map(|m| m.text.clone()).collect();
            texts.iter().any(|t| t.contains("What I can do")).then_some(texts)
        })
        .await;
    let q2 = api
        .wait_until(PAT, Duration::from_secs(20), |api| {
            let all = api.messages(PAT);
            let help = all.iter().position(|m| m.text.contains("What I can do"))?;
            all.get(help + 1).cloned()
        })
        .await;
    assert!(
        q2.text.contains("What coverage did you have for this care?"),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .filter(|t| t.contains("What coverage did you have for this care?"))
            .count()
            <= 2,
        "the timed-out question was not sent again: {shown:#?}"
    );
    pat.tap(&q2, "Medicare");
    api.wait_until(PAT, Duration::from_secs(20), |api| {
        api.messages(PAT)
            .iter()
            .any(|m| m.text.contains("Which Medicare do you have?"))
            .then_some(())
    })
    .await;

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    let failed = lines_with(&lines, &[&format!("chat {PAT}: Telegram call failed")]);
    assert_eq!(failed.len(), 1, "one clear line:\n{}", lines.join("\n"));
    assert!(
        !bot.log().contains(TEST_TOKEN.split(':').nth(1).unwrap()),
        "the token is not logged"
    );
}

/// A reset (the connection closed without an answer) is a network error:
/// teloxide does not retry it, so the message is lost, once; the answer
/// before it is saved and the next message shows where the user is. A
/// reset on `getUpdates` only delays polling (teloxide backs off 1 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_resets_lose_one_message_never_the_answer() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let q1 = to_question_one(&mut pat).await;

    api.inject(Fault::reset("sendMessage", Some(PAT)));
    pat.tap(&q1, "Hospital");
    // The answer shows on the question (the edit went through); the next
    // question was lost with the connection.
    pat.edited(&q1, 1).await;
    api.wait_until(PAT, Duration::from_secs(20), |api| {
        (sends_to(api, PAT) == 3).then_some(())
    })
    .await;
    assert!(pat.reread(&q1).text.contains("✅ <b>Hospital</b>"));

    // Polling is reset once too; the bot keeps polling.
    api.inject(Fault::reset("getUpdates", None));
    sam.send("/start");
    sam.expect("Hi, I'm billcoach").await;

    // Pat's next message shows question 2: the answer was kept.
    pat.send("/help");
    let _lost_then_help = pat.expect("What I can do").await;
    let q2 = pat.expect("Is it a nonprofit hospital?").await;
    assert!(q2.text.contains("nonprofit"), "{}", q2.text);
    pat.nothing_more();

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    let failed = lines_with(&lines, &[&format!("chat {PAT}: Telegram call failed")]);
    assert_eq!(
        failed.len(),
        1,
        "one clear line for the lost message:\n{}",
        lines.join("\n")
    );
    let polling = lines_with(&lines, &["polling failed"]);
    assert_eq!(
        polling.len(),
        1,
        "one clear line for the failed poll:\n{}",
        lines.join("\n")
    );
    assert!(
        !bot.log().contains(TEST_TOKEN.split(':').nth(1).unwrap()),
        "the token is not logged"
    );
    let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
    let state = store.load_chat(PAT).unwrap().record.state;
    assert_eq!(
        format!("{:?}", state.bill().sender),
        "Some(Hospital)",
        "the answer before the reset is saved"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_telegram_refuses_are_skipped_quietly() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let q1 = to_question_one(&mut pat).await;

    // "message is not modified": the question stays as it was, the next
    // question comes.
    api.inject(Fault::message_not_modified(PAT));
    pat.tap(&q1, "Hospital");
    let q2 = pat.expect("Is it a nonprofit hospital?").await;
    assert!(!pat.reread(&q1).edited);

    // "message to edit not found" (the user deleted it): same.
    api.inject(Fault::message_to_edit_not_found(PAT));
    pat.tap(&q2, "Not sure");
    pat.expect("What coverage did you have for this care?").await;
    pat.nothing_more();
    assert_eq!(api.calls("editMessageText").len(), 2);

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    assert!(
        complaints_about(&lines, PAT).is_empty(),
        "no warning for a refused edit:\n{}",
        lines.join("\n")
    );
    let skipped = lines_with(&lines, &[&format!("chat {PAT}: edit skipped")]);
    assert_eq!(skipped.len(), 2, "one debug line each:\n{}", lines.join("\n"));
    assert!(skipped[0].contains("not modified"), "{skipped:?}");
    assert!(skipped[1].contains("not found"), "{skipped:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_blocks_the_bot_mid_review_is_marked_and_picks_up_when_back() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let q1 = to_question_one(&mut pat).await;

    // Pat blocks the bot, then taps an answer that was still on screen
    // (Telegram delivers it): the edit and the next message are refused.
    let blocked = Fault {
        method: "editMessageText".into(),
        ..Fault::blocked(PAT).times(1)
    };
    api.inject(blocked);
    pat.tap(&q1, "Lab");
    sam.send("/start");
    sam.expect("Hi, I'm billcoach").await;
    api.wait_until(PAT, Duration::from_secs(20), |api| {
        (api.calls("editMessageText").len() == 1).then_some(())
    })
    .await;

    // Pat unblocks and writes: the review goes on after the saved answer.
    pat.send("/help");
    pat.expect("What I can do").await;
    let q2 = pat.expect("What coverage did you have for this care?").await;
    assert!(
        q2.text.contains("What coverage did you have for this care?"),
        "{}",
        q2.text
    );
    assert_eq!(
        sends_to(&api, PAT),
        4,
        "nothing was sent after the 403 (greeting, question 1, help, question 2)"
    );
    pat.nothing_more();

    assert!(bot.terminate().success());
    let lines = bot.log_lines();
    let marked = lines_with(&lines, &[&format!("chat {PAT}: the user blocked the bot")]);
    assert_eq!(marked.len(), 1, "one clear line:\n{}", lines.join("\n"));
    let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
    let record = store.load_chat(PAT).unwrap().record;
    assert!(!record.blocked, "writing again clears the mark");
    assert_eq!(format!("{:?}", record.state.bill().sender), "Some(Lab)");
}

fn private_message(chat: i64, message_id: i64, body: Value) -> Value {
    let mut message = json!({
        "message_id": message_id,
        "date": 1_780_000_000,
        "chat": {"id": chat, "type": "private", "first_name": "Pat"},
        "from": {"id": chat, "is_bot": false, "first_name": "Pat"},
    });
    for (key, value) in body.as_object().unwrap() {
        message[key] = value.clone();
    }
    message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unexpected_updates_are_answered_or_ignored_while_another_chat_is_served() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let group = -100_300_400i64;
    let channel = -100_500_600i64;

    pat.send("/start");
    let greeting = pat.expect("Hi, I'm billcoach").await;
    sam.send("/start");
    let sam_greeting = sam.expect("Hi, I'm billcoach").await;
    sam.tap(&sam_greeting, "Review a bill");

    // An edited message: not read; one line says to send it again.
    api.push_raw_update(json!({"edited_message": private_message(PAT, 20, json!({
        "edit_date": 1_780_000_005, "text": "edited words"
    }))}));
    // A sticker and a voice message: "I can read typed text, …", then the
    // menu. (A photo is read: `photo_upload.rs`.)
    api.push_raw_update(json!({"message": private_message(PAT, 21, json!({
        "sticker": {"file_id": "s1", "file_unique_id": "us1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}
    }))}));
    let q = sam.expect("Who sent this bill?").await;
    sam.tap(&q, "Lab");
    pat.expect("I don't read edited messages").await;
    pat.expect("I can read typed text, button taps").await;
    pat.expect("What would you like to do?").await;
    api.push_raw_update(json!({"message": private_message(PAT, 22, json!({
        "voice": {"file_id": "v1", "file_unique_id": "uv1", "duration": 4, "mime_type": "audio/ogg", "file_size": 1000}
    }))}));
    pat.expect("I can read typed text, button taps").await;
    pat.expect("What would you like to do?").await;

    // A group: told once that the bot is private-only, then ignored.
    for (id, text) in [(30, "/start"), (31, "hello")] {
        api.push_raw_update(json!({"message": {
            "message_id": id, "date": 1_780_000_000,
            "chat": {"id": group, "type": "supergroup", "title": "Family"},
            "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
            "text": text,
        }}));
    }
    // A channel post: ignored.
    api.push_raw_update(json!({"channel_post": {
        "message_id": 40, "date": 1_780_000_000,
        "chat": {"id": channel, "type": "channel", "title": "News"},
        "text": "news",
    }}));
    let q = sam.expect("What coverage did you have for this care?").await;
    sam.tap(&q, "Medicare");

    // A button from an old keyboard the bot no longer knows: answered (the
    // spinner stops), one line, then where the user is.
    api.user_presses_data(&greeting, "zzz:old");
    pat.expect("from an earlier message").await;
    pat.expect("What would you like to do?").await;
    // A press on a message the bot cannot see (no `message` in the query:
    // inline mode, which the bot does not use): the spinner is stopped, and
    // nothing else happens (running it would race the chat's own updates).
    api.push_raw_update(json!({"callback_query": {
        "id": "cb-inline", "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
        "inline_message_id": "AAAA", "chat_instance": "ci-inline", "data": "zzz:old",
    }}));
    api.wait_until(PAT, std::time::Duration::from_secs(20), |api| {
        api.calls("answerCallbackQuery")
            .iter()
            .any(|c| c.body["callback_query_id"] == json!("cb-inline"))
            .then_some(())
    })
    .await;

    // An update teloxide cannot read (a field of the wrong type) is dropped;
    // the next one in the same batch is served.
    api.push_raw_update(json!({"message": private_message(PAT, 50, json!({
        "date": "yesterday", "text": "my member id is W123-45-6789"
    }))}));
    pat.send("/bills");
    pat.expect("Your bills").await;
    sam.expect("Which Medicare do you have?").await;

    assert!(bot.terminate().success());
    let told = api.messages(group);
    assert_eq!(told.len(), 1, "a group is told once");
    assert!(told[0].text.contains("private chats"), "{}", told[0].text);
    assert_eq!(
        api.calls("answerCallbackQuery").len(),
        5,
        "every press is answered: Sam's three, Pat's two old buttons"
    );
    assert!(api.messages(channel).is_empty(), "a channel gets nothing");
    pat.nothing_more();
    sam.nothing_more();
    assert_eq!(api.violations(), Vec::<String>::new());

    let lines = bot.log_lines();
    let all = lines.join("\n");
    // An update teloxide cannot parse is dropped with one line of ours and
    // none of teloxide's (its line would print the user's text).
    assert!(lines_with(&lines, &["Cannot parse an update"]).is_empty(), "{all}");
    assert_eq!(
        lines_with(&lines, &["a kind this version cannot read; skipped"]).len(),
        1,
        "one line for the unreadable update:\n{all}"
    );
    assert!(
        !all.contains("W123-45-6789"),
        "the unreadable update's text is not logged"
    );
    for (needles, what) in [
        (
            vec![&format!("chat {PAT}: an edited message, not read") as &str],
            "the edited message",
        ),
        (vec!["ignored an update of kind \"channel post\""], "the channel post"),
        (
            vec![&format!("chat {group}: group or channel, told it is private-only") as &str],
            "the group",
        ),
    ] {
        assert_eq!(lines_with(&lines, &needles).len(), 1, "one line for {what}:\n{all}");
    }
    assert_eq!(
        lines_with(&lines, &[&format!("chat {PAT}: unsupported message")]).len(),
        2,
        "one line each for the sticker and the photo:\n{all}"
    );
    assert!(complaints_about(&lines, SAM).is_empty(), "{all}");
}

/// When teloxide cannot read an update, its dispatcher logs the whole raw
/// update at ERROR, over three lines: the user's text, name and ids end up
/// in the log, against the rule that logs never carry what users wrote
/// (teloxide 0.17 `dispatching/dispatcher.rs`, "Cannot parse an update";
/// nothing in src/ filters these updates or that log target).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_update_is_logged_without_its_contents() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    api.push_raw_update(json!({"message": private_message(PAT, 50, json!({
        "date": "yesterday", "text": "my member id is W123-45-6789"
    }))}));
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;
    assert!(bot.terminate().success());
    let log = bot.log();
    assert!(!log.contains("W123-45-6789"), "the user's text is in the log:\n{log}");
}
