//! What users send is read as they meant it and cannot reach another chat:
//! a UTF-16 text file is read, and a button press acts on its sender's own
//! chat, never on the chat named in a (forged) attached message.

use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use serde_json::json;

const PAT: i64 = 5_990_001;
const SAM: i64 = 5_990_002;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_utf16_text_file_is_read() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;
    // Windows "Unicode" text: UTF-16 little-endian with a byte-order mark.
    let text = "03/14/2026 85025 CBC $42.00\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    api.user_uploads(PAT, "bill.txt", &bytes);
    // Read as text (it is just not the moment for a file), not refused.
    pat.expect("I only need a file when I ask for the itemized bill").await;
    assert!(bot.terminate().success());
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_press_acts_on_its_senders_chat_only() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    let sam_q1 = sam.start_review().await;
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;

    // Pat forges a press on Sam's question: Sam's message, Pat as sender.
    let sams_message = api.message(SAM, sam_q1.message_id).unwrap();
    let mut shown = json!({
        "message_id": sams_message.message_id, "date": 1_780_000_000,
        "chat": {"id": SAM, "type": "private", "first_name": "Sam"},
        "from": {"id": 7_000_000, "is_bot": true, "first_name": "billcoach", "username": "billcoach_test_bot"},
        "text": sams_message.text,
    });
    shown["reply_markup"] = json!({"inline_keyboard": [[{"text": "Lab", "callback_data": "answer:sender:lab"}]]});
    api.push_raw_update(json!({"callback_query": {
        "id": "cb-forged", "from": {"id": PAT, "is_bot": false, "first_name": "Pat"},
        "message": shown, "chat_instance": "ci-forged", "data": "answer:sender:lab",
    }}));
    api.wait_until(PAT, std::time::Duration::from_secs(20), |api| {
        api.calls("answerCallbackQuery")
            .iter()
            .any(|c| c.body["callback_query_id"] == json!("cb-forged"))
            .then_some(())
    })
    .await;

    // Sam's question is untouched and still waits for Sam's answer.
    sam.tap(&sam_q1, "Hospital");
    sam.expect("Is it a nonprofit hospital?").await;
    assert!(
        !api.message(SAM, sam_q1.message_id).unwrap().text.contains("✅ <b>Lab"),
        "the forged press changed nothing"
    );
    assert!(bot.terminate().success());
    pat.nothing_more();
    let log = bot.log();
    assert!(
        log.contains("a button press on another chat's message, ignored"),
        "{log}"
    );
    assert_eq!(api.violations(), Vec::<String>::new());
}
