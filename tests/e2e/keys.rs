//! A chat's key file damaged or gone is a clear state: the user is told
//! their saved answers could not be read, starts fresh, and `/delete`
//! works; nothing is ever sealed with a key that is not on disk.

use crate::bot::bot_process::BotProcess;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use std::path::Path;

const PAT: i64 = 5_880_001;
const SAM: i64 = 5_880_002;

/// `/start`, "Review a bill", "Hospital": a record sealed with the chat's key.
async fn answer_one(phone: &mut Phone) -> crate::bot::fake_bot_api::BotMessage {
    let q1 = phone.start_review().await;
    phone.tap(&q1, "Hospital");
    phone.expect("Is it a nonprofit hospital?").await
}

fn key_file(dir: &Path, chat: i64) -> std::path::PathBuf {
    dir.join("data").join("keys").join(format!("{chat}.key"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_key_file_means_a_fresh_start_and_delete_still_works() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    answer_one(&mut pat).await;
    answer_one(&mut sam).await;
    assert!(bot.terminate().success());

    // Five bytes left of Pat's key (a disk fault, a bad restore).
    std::fs::write(key_file(dir.path(), PAT), b"12345").unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    pat.send("/start");
    pat.expect("I couldn't read what I had saved").await;
    let greeting = pat.expect("Hi, I'm billcoach").await;
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Who sent this bill?").await;
    assert!(q1.text.contains("Question 1 of"), "a fresh review: {}", q1.text);
    pat.tap(&q1, "Lab");
    pat.expect("Did insurance cover this care?").await;

    // Sam's chat is untouched.
    sam.send("/bills");
    let bills = sam.expect("Your bills").await;
    assert!(!bills.text.contains("couldn't read"), "{}", bills.text);

    // /delete works.
    pat.send("/delete");
    let confirm = pat.expect("Erase it?").await;
    pat.tap(&confirm, "Yes, erase");
    pat.expect("I erased everything").await;
    assert!(bot.terminate().success());
    assert!(!key_file(dir.path(), PAT).exists(), "the new key is shredded too");
    assert!(key_file(dir.path(), SAM).exists());
    assert!(
        !bot.log().contains("something went wrong"),
        "never the false 'your answers are saved'"
    );
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_removed_while_running_are_not_used_from_memory() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let q2 = answer_one(&mut pat).await;

    // The keys folder disappears while the bot runs.
    std::fs::remove_dir_all(dir.path().join("data").join("keys")).unwrap();
    pat.tap(&q2, "Not sure");
    pat.expect("I couldn't read what I had saved").await;
    // A fresh start: the old question's button is stale now.
    pat.expect("from an earlier message").await;
    pat.expect("What would you like to do?").await;
    pat.send("/start");
    let greeting = pat.expect("Hi, I'm billcoach").await;
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Who sent this bill?").await;
    pat.tap(&q1, "Lab");
    pat.expect("Did insurance cover this care?").await;
    assert!(key_file(dir.path(), PAT).exists(), "a new key, on disk");
    assert!(bot.terminate().success());

    // What was saved after the loss reads after a restart.
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    pat.send("/bills");
    let bills = pat.next().await;
    assert!(!bills.text.contains("couldn't read"), "{}", bills.text);
    assert!(bot.terminate().success());
    assert_eq!(api.violations(), Vec::<String>::new());
}
