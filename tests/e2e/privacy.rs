//! What the bot keeps private: logs never hold what the user typed, amounts,
//! codes, names or the token (at debug level too); /export hands the user
//! everything stored about them; /delete erases it from every tree.

use crate::bot::bot_process::TEST_TOKEN;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;

const PAT: i64 = 5_550_400;
const SAM: i64 = 5_550_401;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_hold_no_user_data_export_has_it_all_and_delete_erases_it() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);

    // A review with distinctive values, a pasted line, a call log.
    pat.send("/start");
    let greeting = pat.next().await;
    pat.tap(&greeting, "Review a bill");
    let q = pat.expect("Who sent this bill?").await;
    pat.tap(&q, "Doctor or clinic");
    let q = pat.expect("What coverage did you have for this care?").await;
    pat.tap(&q, "Uninsured / self-pay");
    pat.expect("Was this emergency care?").await;
    pat.send("no");
    pat.expect("When did you get the care?").await;
    pat.send("March 3");
    pat.expect("first bill").await;
    pat.send("/skip");
    pat.expect("How much does the bill say you owe now?").await;
    pat.send("$4,321.09");
    pat.expect("gone to a collections agency?").await;
    pat.send("/call");
    pat.expect("Who did you talk to?").await;
    pat.send("Zelda Quixote");
    pat.expect("reference or call number").await;
    pat.send("REF-99817");
    let outcome = pat.expect("How did the call end?").await;
    pat.tap(&outcome, "They said no");
    pat.expect("Saved:").await;
    pat.next().await;
    sam.send("/start");
    sam.next().await;

    // /export: everything stored, as a JSON document.
    pat.send("/export");
    let export = pat.next().await;
    let (name, contents) = export.document.clone().expect("a document");
    assert_eq!(name, "billcoach-export.json");
    let json: serde_json::Value = serde_json::from_str(&contents).expect("valid JSON");
    assert_eq!(json["state"]["bills"][0]["amount_due"], "4321.09");
    assert_eq!(json["state"]["bills"][0]["calls"][0]["rep"], "Zelda Quixote");
    // One line after the file, pointing back at the screen above.
    let sent = pat.expect("everything I saved").await;
    assert!(sent.text.contains("above"), "{}", sent.text);

    // At rest, the data folder holds none of it readable: every record and
    // kept update is sealed with the chat's own key.
    for private in ["4321.09", "Zelda Quixote", "REF-99817"] {
        let found = files_containing(&dir.path().join("data"), private.as_bytes());
        assert!(found.is_empty(), "{private:?} readable in {found:?}");
    }

    // /delete, confirmed.
    pat.send("/delete");
    let confirm = pat.expect("erases everything").await;
    pat.tap(&confirm, "Yes, erase");
    pat.expect("I erased everything").await;
    assert!(bot.terminate().success());

    // Nothing typed, no amount, code, name or the token in the log.
    let log = bot.log();
    assert!(log.contains(&format!("chat {PAT}")), "chat ids may appear");
    for private in [
        "4,321.09",
        "4321.09",
        "Zelda",
        "Quixote",
        "REF-99817",
        "March 3",
        TEST_TOKEN,
        "TEST-token",
    ] {
        assert!(!log.contains(private), "the log must not contain {private:?}");
    }

    // Every tree is free of Pat's chat id; Sam is untouched.
    let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
    let pat_key = PAT.to_be_bytes();
    let left: Vec<_> = store
        .all_keys()
        .into_iter()
        .filter(|(_, key)| key.starts_with(&pat_key))
        .collect();
    assert!(left.is_empty(), "keys about the chat left after /delete: {left:?}");
    // Its key is gone too, so what sled's old log segments still hold of
    // the chat can never be read again.
    assert!(!store.has_chat_key(PAT), "the chat's key was shredded");
    assert!(store.has_chat_key(SAM));
    assert!(store
        .all_keys()
        .iter()
        .any(|(_, key)| key.starts_with(&SAM.to_be_bytes())));
}

/// The files under `dir` whose bytes contain `needle`.
fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if std::fs::read(&path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle)) {
                found.push(path);
            }
        }
    }
    found
}
