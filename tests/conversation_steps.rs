//! Scenario tests and a property test of the pure conversation step
//! function, through the public API of the `billcoach` library only.

use billcoach::content::{keys, Content, Fill, Key};
use billcoach::conversation::{step, ChatState, Command, Ctx, Effect, Input, Keyboard, Output, Question, Screen, Step};
use billcoach::domain::bill::{BillSender, Coverage};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::embedded().expect("the embedded copy loads"))
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap()
}

fn plain(key: Key) -> String {
    content().plain(key).to_string()
}

/// A line of copy as the user reads it (tags dropped, entities decoded).
fn line(key: Key) -> String {
    content().text(key).to_plain()
}

/// The "Question n of total" line.
fn progress(current: usize, total: usize) -> String {
    content()
        .render(
            keys::REVIEW_PROGRESS,
            &[
                ("current", Fill::Text(&current.to_string())),
                ("total", Fill::Text(&total.to_string())),
            ],
        )
        .to_plain()
}

fn keep_label(answer: &str) -> String {
    content()
        .render(keys::REVIEW_KEEP, &[("answer", Fill::Text(answer))])
        .to_plain()
}

fn not_an_option(example: &str) -> String {
    content()
        .render(keys::INPUT_NOT_AN_OPTION, &[("example", Fill::Text(example))])
        .to_plain()
}

fn cmd(command: Command) -> Input {
    Input::Command(command)
}

fn text(t: &str) -> Input {
    Input::Text(t.to_string())
}

fn button(data: &str) -> Input {
    Input::Button(data.to_string())
}

fn keyboard_of(output: &Output) -> Option<&Keyboard> {
    match output {
        Output::Message { keyboard, .. } => Some(keyboard),
        Output::ReplacePressed { .. } => None,
    }
}

/// One chat driven through the pure step function.
struct Chat {
    state: ChatState,
    last: Option<Step>,
}

impl Chat {
    fn new() -> Chat {
        Chat {
            state: ChatState::default(),
            last: None,
        }
    }

    /// Applies one input, keeps the new state, returns the outputs' plain
    /// text.
    fn send(&mut self, input: Input) -> Vec<String> {
        let ctx = Ctx {
            content: content(),
            now: now(),
        };
        let result = step(&self.state, input, &ctx);
        self.state = result.state.clone();
        let texts = result.outputs.iter().map(|o| o.text().to_plain()).collect();
        self.last = Some(result);
        texts
    }

    fn last_step(&self) -> &Step {
        self.last.as_ref().expect("an input was sent")
    }

    fn outputs(&self) -> &[Output] {
        &self.last_step().outputs
    }

    fn effects(&self) -> &[Effect] {
        &self.last_step().effects
    }

    /// The keyboard of the last output of the last step.
    fn keyboard(&self) -> &Keyboard {
        keyboard_of(self.outputs().last().expect("at least one output")).expect("the last output is a message")
    }

    /// Labels of the last keyboard, row by row, flattened.
    fn labels(&self) -> Vec<String> {
        self.keyboard().iter().flatten().map(|b| b.label.clone()).collect()
    }

    /// The data of the button with this label on the last keyboard.
    fn data_of(&self, label: &str) -> String {
        self.keyboard()
            .iter()
            .flatten()
            .find(|b| b.label == label)
            .unwrap_or_else(|| panic!("no button {label:?} in {:?}", self.keyboard()))
            .data
            .clone()
    }

    /// Presses the button with this label on the last keyboard.
    fn press(&mut self, label: &str) -> Vec<String> {
        let data = self.data_of(label);
        self.send(Input::Button(data))
    }

    /// A chat at question `n` (1-based), earlier questions answered.
    fn at_question(n: usize) -> Chat {
        let mut chat = Chat::new();
        chat.send(cmd(Command::Start));
        chat.press(&plain(keys::MENU_REVIEW));
        if n >= 2 {
            chat.press(&plain(keys::SENDER_HOSPITAL));
        }
        if n >= 3 {
            chat.press(&plain(keys::COVERAGE_SELF_PAY));
        }
        assert_eq!(
            chat.state.screen,
            Screen::Asking {
                question: Question::ORDER[n - 1]
            }
        );
        chat
    }
}

fn menu_labels() -> Vec<String> {
    vec![
        plain(keys::MENU_REVIEW),
        plain(keys::MENU_SCRIPT),
        plain(keys::MENU_REMINDERS),
    ]
}

fn sender_labels() -> Vec<String> {
    [
        keys::SENDER_HOSPITAL,
        keys::SENDER_DOCTOR_OFFICE,
        keys::SENDER_LAB,
        keys::SENDER_AMBULANCE,
        keys::SENDER_COLLECTIONS,
        keys::SENDER_OTHER,
    ]
    .into_iter()
    .map(plain)
    .collect()
}

fn coverage_labels() -> Vec<String> {
    [
        keys::COVERAGE_IN_NETWORK,
        keys::COVERAGE_OUT_OF_NETWORK,
        keys::COVERAGE_NOT_SURE,
        keys::COVERAGE_SELF_PAY,
        keys::COVERAGE_MEDICARE,
        keys::COVERAGE_MEDICAID,
    ]
    .into_iter()
    .map(plain)
    .collect()
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(haystack.contains(needle), "expected {needle:?} in:\n{haystack}");
}

// ---------------------------------------------------------------------------
// A. Scenarios
// ---------------------------------------------------------------------------

#[test]
fn start_greets_with_the_three_menu_buttons() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Start));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::START_GREETING));
    assert_contains(&out[0], &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
    assert_eq!(chat.keyboard().len(), 3, "one button per row");
    let data: Vec<_> = chat.keyboard().iter().flatten().map(|b| &b.data).collect();
    assert_eq!(data, ["menu:review", "menu:script", "menu:reminders"]);
    assert_eq!(chat.state, ChatState::default());
    assert!(chat.effects().is_empty());
}

#[test]
fn review_button_asks_question_one_of_three_with_six_buttons() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(1, 3));
    assert_contains(&out[0], &line(keys::SENDER_PROMPT));
    assert_eq!(chat.labels(), sender_labels());
    assert_eq!(chat.keyboard().len(), 6);
    assert_eq!(chat.keyboard()[0][0].data, "answer:sender:hospital");
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::Sender
        }
    );
}

#[test]
fn pressing_a_choice_replaces_the_question_with_the_answer_then_asks_the_next() {
    let mut chat = Chat::at_question(1);
    let lab = plain(keys::SENDER_LAB);
    let out = chat.press(&lab);
    assert_eq!(out.len(), 2);
    match &chat.outputs()[0] {
        Output::ReplacePressed { text } => {
            let shown = text.to_plain();
            assert_contains(&shown, &progress(1, 3));
            assert_contains(&shown, &line(keys::SENDER_PROMPT));
            assert_contains(&shown, &lab);
        }
        other => panic!("expected ReplacePressed, got {other:?}"),
    }
    assert_contains(&out[1], &progress(2, 3));
    assert_contains(&out[1], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
    assert_eq!(chat.state.bill.sender, Some(BillSender::Lab));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::Coverage
        }
    );

    // The second choice question works the same way.
    let self_pay = plain(keys::COVERAGE_SELF_PAY);
    let out = chat.press(&self_pay);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &line(keys::COVERAGE_PROMPT));
    assert_contains(&out[0], &self_pay);
    assert_contains(&out[1], &progress(3, 3));
    assert_contains(&out[1], &line(keys::AMOUNT_DUE_PROMPT));
    assert!(chat.keyboard().is_empty(), "the amount is typed");
    assert_eq!(chat.state.bill.coverage, Some(Coverage::SelfPay));
}

#[test]
fn typing_a_label_answers_a_choice_question() {
    let mut chat = Chat::at_question(1);
    let out = chat.send(text("hospital"));
    assert_eq!(chat.state.bill.sender, Some(BillSender::Hospital));
    assert!(
        chat.outputs().iter().all(|o| matches!(o, Output::Message { .. })),
        "a typed answer has no pressed message to replace"
    );
    assert_contains(out.last().unwrap(), &progress(2, 3));
    assert_contains(out.last().unwrap(), &line(keys::COVERAGE_PROMPT));

    let out = chat.send(text("self-pay"));
    assert_eq!(chat.state.bill.coverage, Some(Coverage::SelfPay));
    assert_contains(out.last().unwrap(), &progress(3, 3));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::AmountDue
        }
    );
}

#[test]
fn nonsense_at_a_choice_question_gives_the_not_an_option_line_and_the_same_question() {
    for n in [1, 2] {
        let mut chat = Chat::at_question(n);
        let before = chat.state.clone();
        let out = chat.send(text("purple elephant"));
        assert_eq!(chat.state, before, "state unchanged at question {n}");
        assert_eq!(out.len(), 2);
        let example = if n == 1 {
            plain(keys::SENDER_HOSPITAL)
        } else {
            plain(keys::COVERAGE_IN_NETWORK)
        };
        assert_eq!(out[0], not_an_option(&example));
        assert_contains(&out[1], &progress(n, 3));
        let expected = if n == 1 { sender_labels() } else { coverage_labels() };
        assert_eq!(chat.labels(), expected);
    }
}

#[test]
fn an_unreadable_amount_gives_the_friendly_error_and_the_same_question() {
    let mut chat = Chat::at_question(3);
    let before = chat.state.clone();
    let out = chat.send(text("12x"));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE));
    assert_contains(&out[1], &progress(3, 3));
    assert_contains(&out[1], &line(keys::AMOUNT_DUE_PROMPT));
}

#[test]
fn every_amount_error_has_its_own_line_and_repeats_the_question() {
    let cases = [
        ("-5", keys::AMOUNT_NEGATIVE),
        ("12.345", keys::AMOUNT_TOO_PRECISE),
        ("99999999999", keys::AMOUNT_TOO_LARGE),
        ("", keys::AMOUNT_UNREADABLE),
        ("twelve", keys::AMOUNT_UNREADABLE),
    ];
    for (typed, key) in cases {
        let mut chat = Chat::at_question(3);
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(out[0], line(key), "typed {typed:?}");
        assert_contains(out.last().unwrap(), &line(keys::AMOUNT_DUE_PROMPT));
    }
}

#[test]
fn a_lone_separator_is_not_an_amount() {
    for typed in [".", ",", "$.", " . ", "usd ,"] {
        let mut chat = Chat::at_question(3);
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE), "typed {typed:?}");
    }
}

#[test]
fn a_formatted_amount_is_stored_as_a_decimal_and_shown_in_the_summary() {
    let mut chat = Chat::at_question(3);
    let out = chat.send(text("$1,234.50"));
    assert_eq!(chat.state.bill.amount_due, Some(Decimal::new(123_450, 2)));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(out.len(), 1);
    let summary = &out[0];
    assert_contains(summary, "$1,234.50");
    assert_contains(summary, &plain(keys::SENDER_HOSPITAL));
    assert_contains(summary, &plain(keys::COVERAGE_SELF_PAY));
    assert_eq!(chat.labels(), vec![plain(keys::MENU_MAIN)]);
    assert_eq!(chat.keyboard()[0][0].data, "menu:main");

    // The main menu button from the summary goes back to the menu.
    let out = chat.press(&plain(keys::MENU_MAIN));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_contains(out.last().unwrap(), &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
    // Review again with everything answered shows the summary.
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_contains(out.last().unwrap(), "$1,234.50");
}

#[test]
fn back_from_question_two_offers_to_keep_the_answer() {
    let mut chat = Chat::at_question(2);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::Sender
        }
    );
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(1, 3));
    let hospital = plain(keys::SENDER_HOSPITAL);
    let keep = keep_label(&hospital);
    assert_eq!(keep, format!("Keep: {hospital}"));
    let mut expected = sender_labels();
    expected.push(keep.clone());
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&keep), "keep:sender");

    let out = chat.press(&keep);
    assert_eq!(chat.state.bill.sender, Some(BillSender::Hospital));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::Coverage
        }
    );
    assert_eq!(out.len(), 2);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &hospital);
    assert_contains(&out[1], &progress(2, 3));
    assert_eq!(chat.labels(), coverage_labels(), "coverage has no answer yet");
}

#[test]
fn back_from_the_summary_goes_to_the_last_question_with_its_answer() {
    let mut chat = Chat::at_question(3);
    chat.send(text("80"));
    assert_eq!(chat.state.screen, Screen::Summary);
    chat.send(cmd(Command::Back));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::AmountDue
        }
    );
    let keep = keep_label("$80.00");
    assert_eq!(chat.labels(), vec![keep.clone()]);
    chat.press(&keep);
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.state.bill.amount_due, Some(Decimal::new(8000, 2)));
}

#[test]
fn back_from_question_one_goes_to_the_menu() {
    let mut chat = Chat::at_question(1);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_contains(out.last().unwrap(), &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn back_at_the_menu_says_there_is_nothing_before() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::INPUT_NOTHING_BEFORE));
    assert_contains(&out[1], &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn cancel_mid_review_keeps_answers_and_review_resumes_at_the_first_unanswered() {
    let mut chat = Chat::at_question(2);
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_eq!(chat.state.bill.sender, Some(BillSender::Hospital));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::REVIEW_PAUSED));
    assert_contains(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));
    assert_eq!(chat.labels(), menu_labels());

    // /start keeps the answers too, and reminds of the review.
    let out = chat.send(cmd(Command::Start));
    assert_eq!(chat.state.bill.sender, Some(BillSender::Hospital));
    assert_contains(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));

    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(
        chat.state.screen,
        Screen::Asking {
            question: Question::Coverage
        }
    );
    assert_contains(&out[0], &progress(2, 3));
}

#[test]
fn cancel_at_the_menu_says_there_is_nothing_to_cancel() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOTHING_TO_CANCEL));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn help_shows_the_help_text_then_repeats_the_current_question() {
    let mut chat = Chat::at_question(2);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Help));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::HELP_TEXT));
    assert_contains(&out[1], &progress(2, 3));
    assert_contains(&out[1], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn unknown_command_says_so_and_shows_the_current_screen() {
    let mut chat = Chat::at_question(1);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Unknown));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::INPUT_UNKNOWN_COMMAND));
    assert_eq!(chat.labels(), sender_labels());
}

#[test]
fn stale_buttons_give_the_stale_line_and_the_current_screen() {
    let stale = [
        "answer:sender:lab",        // question 1, but we are at question 2
        "answer:amount_due:x",      // not a choice question
        "answer:coverage:hospital", // the right question, a foreign choice
        "keep:coverage",            // nothing to keep yet
        "keep:sender",              // not the current question
        "delete:yes",               // no deletion asked for
        "delete:no",                // no deletion asked for
        "zzz",                      // not data this version knows
        "menu:nope",                // unknown menu entry
        "",                         // empty
    ];
    for data in stale {
        let mut chat = Chat::at_question(2);
        let before = chat.state.clone();
        let out = chat.send(button(data));
        assert_eq!(chat.state, before, "data {data:?}");
        assert!(chat.effects().is_empty(), "data {data:?}");
        assert_eq!(out.len(), 2, "data {data:?}");
        assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON), "data {data:?}");
        assert_contains(&out[1], &progress(2, 3));
        assert_eq!(chat.labels(), coverage_labels(), "data {data:?}");
    }

    // At the menu too.
    let mut chat = Chat::new();
    let out = chat.send(button("zzz"));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn unsupported_input_gives_the_unsupported_line_and_the_current_screen() {
    let mut chat = Chat::at_question(3);
    let before = chat.state.clone();
    let out = chat.send(Input::Unsupported);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::INPUT_UNSUPPORTED));
    assert_contains(&out[1], &line(keys::AMOUNT_DUE_PROMPT));
}

#[test]
fn text_at_the_menu_is_not_understood() {
    let mut chat = Chat::new();
    let out = chat.send(text("hello"));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOT_UNDERSTOOD));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn script_and_reminders_are_not_ready_yet() {
    for (label, key) in [
        (keys::MENU_SCRIPT, keys::MENU_SCRIPT_NOT_READY),
        (keys::MENU_REMINDERS, keys::MENU_REMINDERS_NOT_READY),
    ] {
        let mut chat = Chat::new();
        chat.send(cmd(Command::Start));
        let out = chat.press(&plain(label));
        assert_eq!(chat.state, ChatState::default());
        assert_eq!(out[0], line(key));
        assert_eq!(chat.labels(), menu_labels());
    }
}

#[test]
fn delete_asks_and_no_returns_to_where_the_user_was() {
    let mut chat = Chat::at_question(2);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Delete));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], line(keys::DELETE_CONFIRM));
    assert_eq!(chat.labels(), vec![plain(keys::DELETE_YES), plain(keys::DELETE_NO)]);
    assert_eq!(chat.data_of(&plain(keys::DELETE_YES)), "delete:yes");
    assert_eq!(chat.data_of(&plain(keys::DELETE_NO)), "delete:no");
    assert_eq!(chat.state.bill, before.bill);

    // Typing at the confirmation points at the buttons.
    let out = chat.send(text("maybe"));
    assert_eq!(out[0], not_an_option(&plain(keys::DELETE_NO)));
    assert_eq!(out[1], line(keys::DELETE_CONFIRM));

    // A second /delete does not forget where the user was.
    chat.send(cmd(Command::Delete));

    let out = chat.press(&plain(keys::DELETE_NO));
    assert!(chat.effects().is_empty());
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::DELETE_KEPT));
    assert_contains(&out[1], &progress(2, 3));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn back_and_cancel_at_the_delete_confirmation_decline_it() {
    for command in [Command::Back, Command::Cancel] {
        let mut chat = Chat::at_question(3);
        let before = chat.state.clone();
        chat.send(cmd(Command::Delete));
        let out = chat.send(cmd(command));
        assert!(chat.effects().is_empty());
        assert_eq!(chat.state, before, "{command:?}");
        assert_eq!(out[0], line(keys::DELETE_KEPT));
    }
}

#[test]
fn delete_yes_erases_the_chat() {
    let mut chat = Chat::at_question(3);
    chat.send(text("$250"));
    assert!(!chat.state.bill.is_empty());
    chat.send(cmd(Command::Delete));
    let out = chat.press(&plain(keys::DELETE_YES));
    assert_eq!(chat.effects(), [Effect::EraseChat]);
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out, vec![line(keys::DELETE_DONE)]);
    assert!(matches!(chat.outputs()[0], Output::Message { .. }));

    // After the erase, the review starts from scratch.
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_contains(&out[0], &progress(1, 3));
    assert_eq!(chat.labels(), sender_labels(), "no Keep button");
}

#[test]
fn resume_on_a_fresh_state_shows_the_greeting() {
    let mut chat = Chat::new();
    let out = chat.send(Input::Resume);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::START_GREETING));
    assert_eq!(chat.labels(), menu_labels());
    assert_eq!(chat.state, ChatState::default());
}

#[test]
fn resume_mid_review_shows_the_current_question() {
    let mut chat = Chat::at_question(2);
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(2, 3));
    assert_eq!(chat.labels(), coverage_labels());
}

// ---------------------------------------------------------------------------
// B. Property: random sequences of inputs
// ---------------------------------------------------------------------------

/// Every button data this version can send.
fn valid_button_data() -> Vec<String> {
    let mut data: Vec<String> = ["review", "script", "reminders", "main"]
        .iter()
        .map(|m| format!("menu:{m}"))
        .collect();
    for q in Question::ORDER {
        for (choice, _) in q.options() {
            data.push(format!("answer:{}:{choice}", q.id()));
        }
        data.push(format!("keep:{}", q.id()));
    }
    data.push("delete:yes".to_string());
    data.push("delete:no".to_string());
    data
}

/// Labels and ids people might type at a choice question.
fn typed_labels() -> Vec<String> {
    let mut typed: Vec<String> = sender_labels();
    typed.extend(coverage_labels());
    typed.extend(
        ["hospital", "self-pay", "doctor", "uninsured", "network", "lab", "hosp"]
            .iter()
            .map(|s| s.to_string()),
    );
    typed
}

fn command_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Command::Start),
        Just(Command::Help),
        Just(Command::Back),
        Just(Command::Cancel),
        Just(Command::Delete),
        Just(Command::Unknown),
    ]
    .prop_map(Input::Command)
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        // Amounts, well and badly written.
        Just(String::new()),
        "[$]?[0-9]{1,9}([.,][0-9]{1,3})?",
        "[-+(]?[$ ]?[0-9,. ']{0,14}( ?(usd|dollars|cr|\\$))?[)]?",
        "[0-9]{20,40}",
        Just("12x".to_string()),
        Just("$1,234.50".to_string()),
        Just("-0".to_string()),
        Just("$.".to_string()),
        // Labels and ids.
        proptest::sample::select(typed_labels()),
        // Anything, including markup and unicode.
        ".{0,40}",
        "[<>&\"a-z/ ]{0,40}",
        any::<String>(),
        // Very long text.
        proptest::collection::vec(any::<char>(), 1000..=5000).prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

fn garbage_button_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "(menu|answer|keep|delete)(:[a-z_]{0,18}){0,3}",
        "[a-z:_]{0,64}",
        any::<String>(),
    ]
}

fn input_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        3 => command_strategy(),
        4 => text_strategy().prop_map(Input::Text),
        6 => proptest::sample::select(valid_button_data()).prop_map(Input::Button),
        2 => garbage_button_strategy().prop_map(Input::Button),
        1 => Just(Input::Unsupported),
        1 => Just(Input::Resume),
    ]
}

/// Checks every property of one step from `before`.
fn check_step(before: &ChatState, input: &Input, after: &Step) -> Result<(), TestCaseError> {
    let valid = valid_button_data();
    let erased = after.effects.contains(&Effect::EraseChat);

    // The user always has something to respond to.
    prop_assert!(!after.outputs.is_empty(), "no output for {:?}", input);
    prop_assert!(
        matches!(after.outputs.last(), Some(Output::Message { .. })),
        "the last output is not a message for {:?}: {:?}",
        input,
        after.outputs
    );

    for output in &after.outputs {
        // Telegram accepts the HTML.
        if let Err(problem) = output.text().check_tags() {
            return Err(TestCaseError::fail(format!(
                "bad HTML ({problem}) for {input:?}: {:?}",
                output.text().as_str()
            )));
        }
        // Every button offered is one this version understands.
        if let Some(keyboard) = keyboard_of(output) {
            for b in keyboard.iter().flatten() {
                prop_assert!(valid.contains(&b.data), "unknown button data {:?}", b.data);
                prop_assert!(b.data.len() <= 64);
                prop_assert!(!b.label.is_empty());
            }
        }
    }

    // ReplacePressed only answers a button press.
    if after.outputs.iter().any(|o| matches!(o, Output::ReplacePressed { .. })) {
        prop_assert!(matches!(input, Input::Button(_)), "{:?}", input);
    }

    if erased {
        prop_assert_eq!(&after.effects, &vec![Effect::EraseChat]);
        prop_assert_eq!(&after.state, &ChatState::default());
        prop_assert!(
            matches!(before.screen, Screen::ConfirmDelete { .. }),
            "erased without confirmation from {:?}",
            before.screen
        );
    } else {
        prop_assert!(after.effects.is_empty());
        // No answer already given is lost.
        let (b, a) = (&before.bill, &after.state.bill);
        prop_assert!(b.sender.is_none() || a.sender.is_some(), "sender lost");
        prop_assert!(b.coverage.is_none() || a.coverage.is_some(), "coverage lost");
        prop_assert!(b.amount_due.is_none() || a.amount_due.is_some(), "amount due lost");
        // An answer changes only while its question is being asked.
        let asking = |q: Question| before.screen == Screen::Asking { question: q };
        if a.sender != b.sender {
            prop_assert!(asking(Question::Sender), "sender changed off its question");
        }
        if a.coverage != b.coverage {
            prop_assert!(asking(Question::Coverage), "coverage changed off its question");
        }
        if a.amount_due != b.amount_due {
            prop_assert!(asking(Question::AmountDue), "amount changed off its question");
        }
    }

    // The delete confirmation never nests.
    if let Screen::ConfirmDelete { back_to } = &after.state.screen {
        prop_assert!(
            !matches!(**back_to, Screen::ConfirmDelete { .. }),
            "nested confirmation"
        );
    }

    // The state survives being saved.
    let json = serde_json::to_string(&after.state).map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let back: ChatState =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("deserialize {json}: {e}")))?;
    prop_assert_eq!(&back, &after.state, "JSON: {}", json);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_conversations_keep_every_promise(
        inputs in proptest::collection::vec(input_strategy(), 1..=40)
    ) {
        let ctx = Ctx { content: content(), now: now() };
        let mut state = ChatState::default();
        for input in inputs {
            let after = step(&state, input.clone(), &ctx);
            check_step(&state, &input, &after)?;
            state = after.state;
        }
    }
}
