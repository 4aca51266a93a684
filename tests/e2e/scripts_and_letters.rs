//! `/script` in the middle of a review (two taps, then the review goes on),
//! `/call` after a call, and `/letter` arriving as a document, through the
//! fake Bot API with the real bot.

use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;

const PAT: i64 = 5_550_300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_mid_review_a_call_log_and_a_letter() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);

    let q1 = pat.start_review().await;
    pat.tap(&q1, "Hospital");
    pat.expect("Is it a nonprofit hospital?").await;

    // About to call: /script, one tap, the script arrives filled in, and
    // the review is right where it was.
    pat.send("/script");
    let picker = pat.expect("Who are you calling?").await;
    assert!(
        picker.text.contains("start with: <b>Hospital billing</b>"),
        "{}",
        picker.text
    );
    assert_eq!(picker.labels()[0], "Hospital billing", "the fitting script first");
    pat.tap(&picker, "Hospital billing");
    let script = pat.expect("Call script: hospital billing office").await;
    assert!(
        script.text.contains("<b>You:</b>"),
        "turns to read aloud: {}",
        script.text
    );
    assert!(
        script.text.contains("[your account number]"),
        "a clear blank for what I don't know"
    );
    assert!(
        script.text.contains("Sat, Nov 28"),
        "today's date to write down: {}",
        script.text
    );
    assert!(
        !script.text.contains("None") && !script.text.contains('{'),
        "{}",
        script.text
    );
    pat.expect("Is it a nonprofit hospital?").await;
    pat.send("yes");
    pat.expect("What coverage did you have for this care?").await;

    // After the call: /call, a few quick answers, kept with the bill.
    pat.send("/call");
    pat.expect("Who did you talk to?").await;
    pat.send("Dana");
    pat.expect("reference or call number").await;
    pat.send("55812");
    let outcome = pat.expect("How did the call end?").await;
    pat.tap(&outcome, "They promised something");
    pat.expect("What did they promise?").await;
    pat.send("send the itemized bill");
    pat.expect("By when?").await;
    pat.send("Dec 8");
    let saved = pat.expect("Saved:").await;
    assert!(
        saved
            .text
            .contains("Sat, Nov 28: Dana (ref 55812) promised: send the itemized bill, by Tue, Dec 8"),
        "{}",
        saved.text
    );
    pat.expect("What coverage did you have for this care?").await;
    pat.send("/bills");
    let bills = pat.expect("Your bills").await;
    assert!(
        bills.text.contains("Last call: Sat, Nov 28: Dana (ref 55812)"),
        "{}",
        bills.text
    );

    // A letter arrives as a document, dated, with blanks to fill.
    pat.send("/letter");
    let letters = pat.expect("Which letter do you need?").await;
    pat.tap(&letters, "Itemized bill request");
    let letter = pat.next().await;
    let (name, contents) = letter.document.clone().expect("a document");
    assert_eq!(name, "itemized-request.txt");
    assert!(letter.text.contains("not legal advice"), "{}", letter.text);
    assert!(contents.contains("November 28, 2026"), "dated: {contents}");
    assert!(contents.contains("[your account number]"), "{contents}");
    assert!(!contents.contains("None") && !contents.contains('{'), "{contents}");
    pat.expect("What coverage did you have for this care?").await;
    pat.nothing_more();

    assert_eq!(api.violations(), Vec::<String>::new());
    let log = bot.log();
    for private in ["Dana", "55812", "itemized bill"] {
        assert!(!log.contains(private), "the log must not contain {private:?}");
    }
    assert!(bot.terminate().success());
}
