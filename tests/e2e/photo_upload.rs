//! A photo of the bill, sent from a phone, through the fake Bot API:
//! fetched at its largest size (getFile and the download), read by OCR,
//! listed like a paste, and on to the report. Another user is answered
//! while the photo is being read.

use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use crate::support::render::{jpeg_bytes, render, Look, MONO};

const PAT: i64 = 5_660_100;
const SAM: i64 = 5_660_200;

const BILL: &str = "\
MERCY GENERAL HOSPITAL
ITEMIZED STATEMENT
DATE        REV   CODE    DESCRIPTION                QTY     AMOUNT
11/02/2026  0450  99284   ER VISIT LEVEL 4             1   1,650.00
11/02/2026  0300  85025   CBC W/AUTO DIFF              1     145.00
11/02/2026  0300  36415   VENIPUNCTURE                 1      30.00
11/02/2026  0320  71046   CHEST X-RAY 2 VIEWS          1     412.00
11/02/2026  0636  J2405   ONDANSETRON INJ              4      96.00
                                          TOTAL CHARGES   2,333.00
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_of_the_bill_is_read_and_reaches_the_report() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    let mut pat = Phone::new(&api, PAT);
    let mut sam = Phone::new(&api, SAM);

    let q = pat.start_review().await;
    pat.tap(&q, "Hospital");
    let q = pat.expect("nonprofit hospital?").await;
    pat.tap(&q, "Yes");
    let q = pat.expect("What coverage did you have for this care?").await;
    pat.tap(&q, "Uninsured / self-pay");
    let q = pat.expect("Was this emergency care?").await;
    pat.tap(&q, "Yes");
    pat.expect("When did you get the care?").await;
    pat.send("11/02/2026");
    pat.expect("first bill").await;
    pat.send("11/20/2026");
    pat.expect("How much does the bill say you owe now?").await;
    pat.send("2333");
    let q = pat.expect("gone to a collections agency?").await;
    pat.tap(&q, "No");
    let q = pat.expect("Did a letter say when this bill goes to collections?").await;
    pat.tap(&q, "Skip");
    // Emergency care: no good-faith estimate to ask about.
    let q = pat.expect("Do you have the itemized bill?").await;
    pat.tap(&q, "Yes");
    pat.expect("Send me the bill's line items").await;

    // The photo, and another user writing while it is read.
    let picture = render(
        BILL,
        Look {
            turn: 1.0,
            grain: 6.0,
            ..Look::clean(MONO, 30.0)
        },
    );
    let before = api.messages(PAT).len();
    pat.photo(&jpeg_bytes(&picture, 85), picture.width(), picture.height());
    sam.send("/start");
    sam.expect("Hi, I'm billcoach").await;
    assert_eq!(
        api.messages(PAT).len(),
        before,
        "Sam was answered while Pat's photo was being read"
    );
    let read = pat.expect("I read 5 lines").await;
    assert!(read.text.contains("5 items, total <b>$2,333.00</b>"), "{}", read.text);
    assert!(read.text.contains("I read this from a picture"), "{}", read.text);
    assert!(
        !read.text.contains("total says"),
        "the lines add up to the printed total"
    );
    let fetched: Vec<String> = api.calls("getFile").iter().map(|call| call.body.to_string()).collect();
    assert_eq!(fetched.len(), 1, "one download: {fetched:?}");
    assert!(
        fetched[0].contains("photo"),
        "the full size, not the thumbnail: {fetched:?}"
    );
    pat.tap(&read, "Done");

    let toggles = pat.expect("Did you get every service on the bill?").await;
    pat.tap(&toggles, "Done");
    let summary = pat.answer_the_last_questions("ohio", "/skip").await;
    assert!(summary.text.contains("5 items, $2,333.00"), "{}", summary.text);
    pat.expect("Your plan").await;

    assert!(bot.terminate().success());
    let log = bot.log();
    assert!(log.contains("by OCR"), "the log says how it was read");
    assert!(
        !log.contains("VENIPUNCTURE") && !log.contains("36415"),
        "nothing read is logged"
    );
}
