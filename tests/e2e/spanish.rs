//! A phone set to Spanish (`language_code: "es-US"`) gets the whole bot in
//! Spanish through the fake Bot API, from `/start` to a reminder, typing
//! the way a Spanish-speaking patient types.

use crate::bot::fake_bot_api::BotMessage;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use billcoach::content::{keys, Content, Key, Lang};

const ANA: i64 = 5_550_700;

/// The first line of a key's Spanish text, as the message shows it.
fn first_line(spanish: &Content, key: Key) -> String {
    let text = spanish.text(key);
    text.as_str().lines().next().unwrap_or_default().to_string()
}

/// Whether the message asks this question (its prompt's first line).
fn asks(message: &BotMessage, spanish: &Content, prompt: Key) -> bool {
    message.text.contains(&first_line(spanish, prompt))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_in_spanish_gets_the_bot_in_spanish_from_start_to_a_reminder() {
    let TestBot {
        api,
        mut bot,
        dir: _dir,
    } = TestBot::start().await;
    api.set_language(ANA, "es-US");
    let spanish = Content::embedded_in(Lang::Es).expect("the Spanish copy loads");
    let label = |key: Key| spanish.plain(key);
    let mut ana = Phone::new(&api, ANA);

    ana.send("/start");
    let greeting = ana.expect(&first_line(&spanish, keys::START_GREETING)).await;
    assert!(
        greeting.labels().contains(&label(keys::MENU_REVIEW)),
        "{:?}",
        greeting.labels()
    );
    // She types what she wants rather than tapping.
    ana.send("revisar mi factura");

    // The review, answered as typed: each question in Spanish, each answer
    // read from Spanish (or offered for one tap, then confirmed).
    let answers: [(Key, &str); 13] = [
        (keys::SENDER_PROMPT, "el hospital"),
        (keys::NONPROFIT_PROMPT, "sí"),
        (keys::COVERAGE_PROMPT, "sin seguro"),
        (keys::EMERGENCY_PROMPT, "si"),
        (keys::SERVICE_DATE_PROMPT, "hace 20 días"),
        (keys::FIRST_BILL_DATE_PROMPT, "11/10/26"),
        (keys::AMOUNT_DUE_PROMPT, "1.650,00 $"),
        (keys::IN_COLLECTIONS_PROMPT, "no"),
        (keys::COLLECTIONS_NOTICE_DATE_PROMPT, "no sé"),
        (keys::HAS_ITEMIZED_PROMPT, "no"),
        (keys::HOUSEHOLD_SIZE_PROMPT, "3"),
        (keys::YEARLY_INCOME_PROMPT, "$30,000"),
        (keys::US_STATE_PROMPT, "Texas"),
    ];
    let mut answered = 0;
    let plan = loop {
        let message = ana.next().await;
        if message.text.contains(&first_line(&spanish, keys::PLAN_HEADING)) {
            break message;
        }
        if message.labels().contains(&label(keys::GUESS_YES)) {
            ana.tap(&message, &label(keys::GUESS_YES));
            continue;
        }
        if let Some((_, answer)) = answers.iter().find(|(prompt, _)| asks(&message, &spanish, *prompt)) {
            ana.send(answer);
            answered += 1;
        } else if asks(&message, &spanish, keys::LUMP_SUM_PROMPT) || asks(&message, &spanish, keys::MONTHLY_PROMPT) {
            ana.send("/skip");
        }
        assert!(answered <= 20, "the review ends");
    };
    assert!(answered >= 10, "{answered} questions answered");
    assert!(!plan.text.contains("Your plan"), "{}", plan.text);

    // A reminder: set in Spanish, the time zone proposed from Texas.
    ana.send("/remind");
    let remind = ana.expect(&first_line(&spanish, keys::REMIND_HEADING)).await;
    let first = remind.labels()[0].clone();
    ana.tap(&remind, &first);
    let zone = ana.expect(&first_line(&spanish, keys::ZONE_PROMPT)).await;
    let central = spanish.plain(keys::ZONE_CENTRAL);
    let proposed = zone.labels()[0].clone();
    assert!(
        proposed.starts_with(&central) && proposed.contains("Texas"),
        "{proposed}"
    );
    ana.tap(&zone, &proposed);
    let set = ana.next().await;
    assert!(set.text.contains(&central), "{}", set.text);
    assert!(bot.terminate().success());
}
