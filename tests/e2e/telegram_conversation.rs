//! The real bot binary, driven through the fake Bot API server as a user on
//! a phone would drive it.

use crate::bot::fake_bot_api::Fault;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use serde_json::json;
use std::time::Duration;

const PAT: i64 = 5_550_001;
const SAM: i64 = 5_550_002;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_review_answer_and_amount() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);

    // /start: the greeting says what is stored and how to erase it, with
    // three buttons.
    pat.send("/start");
    let greeting = pat.expect("Hi, I'm billcoach").await;
    assert!(
        greeting.text.contains("/delete"),
        "says how to erase: {}",
        greeting.text
    );
    assert_eq!(greeting.labels(), ["Review a bill", "Call script", "My reminders"]);

    // "Review a bill": question 1 with its buttons.
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Who sent this bill?").await;
    assert!(q1.text.contains("Part 1 of 4 · About the bill"), "{}", q1.text);
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
    // left), the button press is answered, and the next question comes. A
    // hospital adds the nonprofit question, still in part 1 of 4.
    pat.tap(&q1, "Hospital");
    let nonprofit = pat.expect("Is it a nonprofit hospital?").await;
    assert!(nonprofit.text.contains("Part 1 of 4"), "{}", nonprofit.text);
    let q1_now = pat.reread(&q1);
    assert!(q1_now.edited, "the answered question is edited");
    assert!(
        q1_now.text.contains("Who sent this bill?") && q1_now.text.contains("✅ <b>Hospital</b>"),
        "{}",
        q1_now.text
    );
    assert!(q1_now.buttons.is_empty(), "its buttons are gone");
    assert_eq!(
        api.calls("answerCallbackQuery").len(),
        2,
        "every button press is answered"
    );

    pat.tap(&nonprofit, "Not sure");
    let coverage = pat.expect("What coverage did you have for this care?").await;
    pat.tap(&coverage, "Uninsured / self-pay");
    let emergency = pat.expect("Was this emergency care?").await;
    pat.send("no");
    pat.expect("When did you get the care?").await;
    pat.send("3/14/26");
    pat.expect("first bill").await;
    pat.send("Apr 2 2026");
    pat.expect("How much does the bill say you owe now?").await;
    assert_eq!(api.calls("answerCallbackQuery").len(), 4);
    assert!(
        !pat.reread(&emergency).edited,
        "a typed answer leaves the question as it was"
    );

    // A typo in the amount: one friendly line with an example, pointing
    // at the question just above (not the question again).
    pat.send("12x");
    let error = pat.expect("couldn't read that amount").await;
    assert!(error.text.contains("$1,250.00"), "gives an example: {}", error.text);
    assert!(error.text.contains("question above"), "points back: {}", error.text);

    // A real amount is accepted, and the review goes on.
    pat.send("$1,234.50");
    pat.expect("gone to a collections agency?").await;
    pat.send("/bills");
    let bills = pat.expect("Your bills").await;
    assert!(bills.text.contains("Hospital · $1,234.50"), "{}", bills.text);

    // Everything went out as HTML, commands were registered, and every
    // call matched the Bot API spec.
    for call in api.calls("sendMessage") {
        assert_eq!(call.body["parse_mode"], json!("HTML"), "{:?}", call.body);
    }
    let commands = api.calls("setMyCommands");
    assert!(!commands.is_empty());
    assert!(
        commands[0].body.get("language_code").is_none(),
        "English first, for everyone"
    );
    let names: Vec<&str> = commands[0].body["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "start",
            "back",
            "skip",
            "cancel",
            "new",
            "bills",
            "script",
            "letter",
            "call",
            "remind",
            "reminders",
            "paid",
            "faq",
            "export",
            "delete",
            "language",
            "help"
        ]
    );
    // The other languages' menus, for devices set to them, list the same.
    for call in &commands[1..] {
        assert!(call.body["language_code"].is_string(), "{:?}", call.body);
        assert_eq!(call.body["commands"].as_array().unwrap().len(), names.len());
    }
    assert_eq!(api.violations(), Vec::<String>::new());
    pat.nothing_more();

    assert!(bot.terminate().success(), "SIGTERM stops cleanly; log:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_cancel_help_and_stale_buttons() {
    let TestBot {
        api,
        bot: _bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);

    pat.send("/start");
    let greeting = pat.next().await;
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Part 1 of 4 · About the bill").await;
    pat.send("doctor");
    pat.expect("What coverage did you have for this care?").await;

    // /back: question 1 again, with the answer kept as a button.
    pat.send("/back");
    let q1_again = pat.expect("Part 1 of 4 · About the bill").await;
    assert!(
        q1_again.labels().contains(&"Keep: Doctor or clinic".to_string()),
        "{:?}",
        q1_again.labels()
    );

    // A button from the first, older copy of question 1 still works: it is
    // the current question.
    pat.tap(&q1, "Lab");
    pat.expect("What coverage did you have for this care?").await;

    // /help lists the commands and points back at the question above,
    // whose buttons still work (the question is not sent again).
    pat.send("/help");
    let help = pat.expect("/back").await;
    assert!(help.text.contains("not legal advice"), "{}", help.text);
    assert!(help.text.contains("Tap a button above"), "{}", help.text);

    // /cancel pauses; the menu comes back with a reminder of the review.
    pat.send("/cancel");
    let paused = pat.expect("Paused").await;
    assert_eq!(paused.labels()[0], "Review a bill");

    // Pressing an answer of question 1 now is stale: one line, then where
    // we are.
    pat.tap(&q1, "Hospital");
    pat.expect("earlier message").await;
    pat.expect("What would you like to do?").await;

    // Review resumes at the first unanswered question.
    pat.tap(&paused, "Review a bill");
    pat.expect("What coverage did you have for this care?").await;
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_user_is_marked_and_others_are_still_served() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;

    api.inject(Fault::blocked(PAT));
    api.user_sends(PAT, "/start");
    api.wait_until(PAT, Duration::from_secs(20), |api| {
        (!api.calls("sendMessage").is_empty()).then_some(())
    })
    .await;
    let mut sam = Phone::new(&api, SAM);
    sam.send("/start");
    sam.expect("Hi, I'm billcoach").await;
    let sent_to_pat = api
        .calls("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == json!(PAT))
        .count();
    assert_eq!(sent_to_pat, 1, "no retry loop on a blocked chat");

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
    let TestBot {
        api,
        bot: _bot,
        dir: _dir,
    } = TestBot::start().await;
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
    // A sticker in the private chat, and an edited message (not read: one
    // line says to send the answer again).
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
    let mut pat = Phone::new(&api, PAT);
    pat.send("/start");

    let told = api.nth_message(group, 0).await;
    assert!(told.text.contains("private chats"), "{}", told.text);
    pat.expect("I can read typed text, button taps").await;
    pat.expect("What would you like to do?").await;
    pat.expect("I don't read edited messages").await;
    let greeting = pat.expect("Hi, I'm billcoach").await;
    assert_eq!(greeting.labels().len(), 3);
    assert_eq!(api.messages(group).len(), 1, "a group is told once");
    pat.nothing_more();
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_the_bot_cannot_read_are_refused_before_download() {
    let TestBot { api, bot, dir: _dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    pat.send("/start");
    pat.next().await;
    pat.upload("notes.docx", "PK");
    pat.expect("I can read a photo of the bill, a PDF").await;
    pat.next().await;
    // A PDF is fetched; this one holds no text.
    pat.upload("scan.pdf", "%PDF-1.7");
    pat.expect("couldn't read any text").await;
    pat.next().await;
    pat.upload("items.csv", "85025,CBC,142.00\n");
    let reply = pat.next().await;
    assert!(
        reply.text.contains("only need a file when I ask"),
        "{}\nlog:\n{}",
        reply.text,
        bot.log()
    );
    assert_eq!(
        api.calls("getFile").len(),
        2,
        "the PDF and the text file, not the .docx"
    );
    let log = bot.log();
    assert!(
        !log.contains("85025") && !log.contains("CBC"),
        "the file's contents are not logged:\n{log}"
    );
}
