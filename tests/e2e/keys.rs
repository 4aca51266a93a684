//! A chat's key damaged is a clear state: the user is told their saved
//! answers could not be read, starts fresh, and `/delete` works. The key
//! table removed while the bot runs is written again from memory, so
//! nothing is ever sealed with a key that is not on disk.

use crate::bot::bot_process::BotProcess;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use billcoach::store::chat_keys::{slot_offset_in, FILE_NAME};
use billcoach::store::Store;
use std::path::Path;

const PAT: i64 = 5_880_001;
const SAM: i64 = 5_880_002;

/// `/start`, "Review a bill", "Hospital": a record sealed with the chat's key.
async fn answer_one(phone: &mut Phone) -> crate::bot::fake_bot_api::BotMessage {
    let q1 = phone.start_review().await;
    phone.tap(&q1, "Hospital");
    phone.expect("Is it a nonprofit hospital?").await
}

fn key_table(dir: &Path) -> std::path::PathBuf {
    dir.join("data").join(FILE_NAME)
}

/// Whether the chat has a key on disk (the bot stopped).
fn has_key_on_disk(dir: &Path, chat: i64) -> bool {
    Store::open(&dir.join("data")).unwrap().has_chat_key(chat)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_key_file_means_a_fresh_start_and_delete_still_works() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);
    answer_one(&mut pat).await;
    answer_one(&mut sam).await;
    assert!(bot.terminate().success());

    // A byte of Pat's key changed (a disk fault, a bad restore).
    let at = slot_offset_in(&key_table(dir.path()), PAT).expect("Pat has a key") as usize;
    let mut table = std::fs::read(key_table(dir.path())).unwrap();
    table[at + 20] ^= 0xff;
    std::fs::write(key_table(dir.path()), table).unwrap();
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    pat.send("/start");
    pat.expect("I couldn't read what I had saved").await;
    let greeting = pat.expect("Hi, I'm billcoach").await;
    pat.tap(&greeting, "Review a bill");
    let q1 = pat.expect("Who sent this bill?").await;
    assert!(q1.text.contains("Part 1 of 4"), "a fresh review: {}", q1.text);
    pat.tap(&q1, "Lab");
    pat.expect("What coverage did you have for this care?").await;

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
    assert!(!has_key_on_disk(dir.path(), PAT), "the new key is shredded too");
    assert!(has_key_on_disk(dir.path(), SAM));
    assert!(
        !bot.log().contains("something went wrong"),
        "never the false 'your answers are saved'"
    );
    assert_eq!(api.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_table_removed_while_running_is_written_again_and_nothing_is_lost() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let q2 = answer_one(&mut pat).await;

    // The key table disappears while the bot runs.
    std::fs::remove_file(key_table(dir.path())).unwrap();
    pat.tap(&q2, "Not sure");
    pat.expect("What coverage did you have for this care?").await;
    assert!(
        key_table(dir.path()).exists(),
        "written again before the answer was confirmed"
    );
    assert!(bot.terminate().success());
    assert!(bot.log().contains("writing it again"), "the log says so");
    assert!(has_key_on_disk(dir.path(), PAT));

    // What was saved before and after the loss reads after a restart.
    let mut bot = BotProcess::spawn(&api.url, dir.path());
    pat.send("/bills");
    let bills = pat.next().await;
    assert!(!bills.text.contains("couldn't read"), "{}", bills.text);
    assert!(bot.terminate().success());
    assert_eq!(api.violations(), Vec::<String>::new());
}
