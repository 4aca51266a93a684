//! The real bot binary, driven through the fake Bot API server as a user on
//! a phone would drive it.

mod support;

use serde_json::json;
use std::time::Duration;
use support::bot_process::BotProcess;
use support::fake_bot_api::{FakeBotApi, Fault};

const PAT: i64 = 5_550_001;
const SAM: i64 = 5_550_002;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_review_answer_and_amount() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    // /start: the greeting says what is stored and how to erase it, with
    // three buttons.
    api.user_sends(PAT, "/start");
    let greeting = api.nth_message(PAT, 0).await;
    assert!(greeting.text.contains("Hi, I'm billcoach"), "{}", greeting.text);
    assert!(
        greeting.text.contains("/delete"),
        "says how to erase: {}",
        greeting.text
    );
    assert_eq!(greeting.labels(), ["Review a bill", "Call script", "My reminders"]);

    // "Review a bill": question 1 with its buttons.
    api.user_presses(&greeting, "Review a bill");
    let q1 = api.nth_message(PAT, 1).await;
    assert!(q1.text.contains("Question 1 of 3"), "{}", q1.text);
    assert!(q1.text.contains("Who sent this bill?"), "{}", q1.text);
    assert_eq!(
        q1.labels(),
        [
            "Hospital",
            "Doctor or clinic",
            "Lab",
            "Ambulance",
            "Collections agency",
            "Someone else"
        ]
    );

    // An answer: the question message is edited to show it (no buttons
    // left), the button press is answered, and question 2 comes.
    api.user_presses(&q1, "Hospital");
    let q2 = api.nth_message(PAT, 2).await;
    assert!(q2.text.contains("Question 2 of 3"), "{}", q2.text);
    let q1_now = api.message(PAT, q1.message_id).unwrap();
    assert!(q1_now.edited, "the answered question is edited");
    assert!(
        q1_now.text.contains("Who sent this bill?") && q1_now.text.contains("Hospital"),
        "{}",
        q1_now.text
    );
    assert!(q1_now.buttons.is_empty(), "its buttons are gone");
    let answered = api.calls("answerCallbackQuery");
    assert_eq!(answered.len(), 2, "every button press is answered");

    api.user_presses(&q2, "Uninsured / self-pay");
    let q3 = api.nth_message(PAT, 3).await;
    assert!(
        q3.text.contains("How much does the bill say you owe now?"),
        "{}",
        q3.text
    );

    // A typo in the amount: one friendly line with an example, then the
    // same question again.
    api.user_sends(PAT, "12x");
    let error = api.nth_message(PAT, 4).await;
    assert!(error.text.contains("couldn't read that amount"), "{}", error.text);
    assert!(error.text.contains("$1,250.00"), "gives an example: {}", error.text);
    let again = api.nth_message(PAT, 5).await;
    assert_eq!(again.text, q3.text, "the same question again");

    // A real amount is accepted.
    api.user_sends(PAT, "$1,234.50");
    let summary = api.nth_message(PAT, 6).await;
    assert!(summary.text.contains("$1,234.50"), "{}", summary.text);
    assert!(
        summary.text.contains("Hospital") && summary.text.contains("Uninsured / self-pay"),
        "{}",
        summary.text
    );

    // Everything went out as HTML, commands were registered, and every
    // call matched the Bot API spec.
    for call in api.calls("sendMessage") {
        assert_eq!(call.body["parse_mode"], json!("HTML"), "{:?}", call.body);
    }
    let commands = api.calls("setMyCommands");
    assert_eq!(commands.len(), 1);
    let names: Vec<&str> = commands[0].body["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["start", "back", "cancel", "delete", "help"]);
    assert_eq!(api.violations(), Vec::<String>::new());

    assert!(bot.terminate().success(), "SIGTERM stops cleanly; log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_cancel_help_and_stale_buttons() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::spawn(&api.url, dir.path());

    api.user_sends(PAT, "/start");
    let greeting = api.nth_message(PAT, 0).await;
    api.user_presses(&greeting, "Review a bill");
    let q1 = api.nth_message(PAT, 1).await;
    api.user_sends(PAT, "doctor");
    let q2 = api.nth_message(PAT, 2).await;
    assert!(
        q2.text.contains("Question 2 of 3"),
        "typing a label answers: {}",
        q2.text
    );

    // /back: question 1 again, with the answer kept as a button.
    api.user_sends(PAT, "/back");
    let q1_again = api.nth_message(PAT, 3).await;
    assert!(q1_again.text.contains("Question 1 of 3"));
    assert!(
        q1_again.labels().contains(&"Keep: Doctor or clinic".to_string()),
        "{:?}",
        q1_again.labels()
    );

    // A button from the first, older copy of question 1 still works: it is
    // the current question.
    api.user_presses(&q1, "Lab");
    let q2_again = api.nth_message(PAT, 4).await;
    assert!(q2_again.text.contains("Question 2 of 3"));

    // A button of an older question 2 message pressed now is stale only if
    // the question changed; /help repeats the current question.
    api.user_sends(PAT, "/help");
    let help = api.nth_message(PAT, 5).await;
    assert!(
        help.text.contains("/back") && help.text.contains("not legal advice"),
        "{}",
        help.text
    );
    let current = api.nth_message(PAT, 6).await;
    assert!(current.text.contains("Question 2 of 3"));

    // /cancel pauses; the menu comes back with a reminder of the review.
    api.user_sends(PAT, "/cancel");
    let paused = api.nth_message(PAT, 7).await;
    assert!(paused.text.contains("Paused"), "{}", paused.text);
    assert_eq!(paused.labels()[0], "Review a bill");

    // Pressing an answer of question 1 now is stale: one line, then where
    // we are.
    api.user_presses(&q1, "Hospital");
    let stale = api.nth_message(PAT, 8).await;
    assert!(stale.text.contains("earlier message"), "{}", stale.text);
    api.nth_message(PAT, 9).await;

    // Review resumes at the first unanswered question.
    api.user_presses(&paused, "Review a bill");
    let resumed = api.nth_message(PAT, 10).await;
    assert!(resumed.text.contains("Question 2 of 3"), "{}", resumed.text);
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_user_is_marked_and_others_are_still_served() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());

    api.inject(Fault::blocked(PAT));
    api.user_sends(PAT, "/start");
    api.wait_until(PAT, Duration::from_secs(20), |api| {
        (!api.calls("sendMessage").is_empty()).then_some(())
    })
    .await;
    api.user_sends(SAM, "/start");
    let greeting = api.nth_message(SAM, 0).await;
    assert!(greeting.text.contains("Hi, I'm billcoach"));
    assert_eq!(
        api.calls("sendMessage")
            .iter()
            .filter(|c| c.body["chat_id"] == json!(PAT))
            .count(),
        1,
        "no retry loop on a blocked chat"
    );

    assert!(bot.terminate().success());
    let log = bot.log();
    assert!(
        log.contains(&format!("chat {PAT}: the user blocked the bot")),
        "one clear log line:\n{log}"
    );
    let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
    assert!(
        store.load_chat(PAT).unwrap().record.blocked,
        "marked blocked in the store"
    );
    assert!(!store.load_chat(SAM).unwrap().record.blocked);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_stickers_and_other_updates_get_a_sensible_answer() {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::spawn(&api.url, dir.path());
    let group = -100_200_300i64;
    let group_message = |text: &str| {
        json!({"message": {
            "message_id": 9, "date": 1_780_000_000,
            "chat": {"id": group, "type": "group", "title": "Family"},
            "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
            "text": text,
        }})
    };
    api.push_raw_update(group_message("/start"));
    api.push_raw_update(group_message("hello"));
    // A sticker in the private chat, and an edited message (ignored).
    api.push_raw_update(json!({"message": {
        "message_id": 10, "date": 1_780_000_000,
        "chat": {"id": PAT, "type": "private", "first_name": "Pat"},
        "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
        "sticker": {"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}
    }}));
    api.push_raw_update(json!({"edited_message": {
        "message_id": 11, "date": 1_780_000_000, "edit_date": 1_780_000_001,
        "chat": {"id": PAT, "type": "private", "first_name": "Pat"},
        "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
        "text": "edited"
    }}));
    api.user_sends(PAT, "/start");

    let told = api.nth_message(group, 0).await;
    assert!(told.text.contains("private chats"), "{}", told.text);
    let unsupported = api.nth_message(PAT, 0).await;
    assert!(
        unsupported.text.contains("only read typed text"),
        "{}",
        unsupported.text
    );
    let greeting = api
        .wait_until(PAT, Duration::from_secs(20), |api| {
            api.messages(PAT)
                .into_iter()
                .find(|m| m.text.contains("Hi, I'm billcoach"))
        })
        .await;
    assert_eq!(greeting.labels().len(), 3);
    assert_eq!(api.messages(group).len(), 1, "a group is told once");
    assert_eq!(api.violations(), Vec::<String>::new());
}
