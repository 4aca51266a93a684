//! Scenario tests and a property test of the pure conversation step
//! function, through the public API of the `billcoach` library only.
//!
//! "Today" is pinned to Saturday 2026-11-28, so every date is deterministic.

use billcoach::content::templates::Templates;
use billcoach::content::{keys, Content, Fill, Key};
use billcoach::conversation::{
    claim_reminder, step, CallStep, ChatState, Command, Ctx, Due, Effect, Input, Keyboard, Output, Question, Screen,
    Step,
};
use billcoach::domain::bill::{Answer3, Bill, BillSender, ClaimStatus, Coverage, Estimate};
use billcoach::domain::dates::format_date;
use billcoach::domain::line_items::{parse_bill_text, read_line, LineItem, LineRead};
use billcoach::domain::reference::Reference;
use billcoach::domain::upload::FileProblem;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A 12-item emergency-room bill with a header, a total and a footer.
const ER_BILL: &str = include_str!("fixtures/bills/er_visit.txt");

/// A line of a charge that has no amount: unreadable, never guessed at.
const UNREADABLE_LINE: &str = "03/15/2026  0300  84484  TROPONIN I QUANT";

/// A small CSV export, as uploaded.
const CSV_BILL: &str = "\
Service Date,Rev Code,Code,Modifier,Description,Units,Charges
2026-01-20,0450,99284,25,EMERGENCY DEPT VISIT LEVEL 4,1,\"1,875.00\"
2026-01-20,0320,71046,,CHEST X-RAY 2 VIEWS,1,\"412.00\"
2026-01-20,0300,80048,,BASIC METABOLIC PANEL,1,198.00
,,,,Total,,\"2,485.00\"
";

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::embedded().expect("the embedded copy loads"))
}

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::embedded().expect("the templates load"))
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| Reference::embedded().expect("the reference data loads"))
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// A date as the bot shows it today.
fn shown(date: NaiveDate) -> String {
    format_date(date, today())
}

fn dollars(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn plain(key: Key) -> String {
    content().plain(key)
}

/// A line of copy as the user reads it (tags dropped, entities decoded).
fn line(key: Key) -> String {
    content().text(key).to_plain()
}

/// A line of copy with its placeholders filled, as the user reads it.
fn filled(key: Key, fills: &[(&str, &str)]) -> String {
    let fills: Vec<(&str, Fill<'_>)> = fills.iter().map(|(name, value)| (*name, Fill::Text(value))).collect();
    content().render(key, &fills).to_plain()
}

/// The "Question n of total" line.
fn progress(current: usize, total: usize) -> String {
    filled(
        keys::REVIEW_PROGRESS,
        &[("current", &current.to_string()), ("total", &total.to_string())],
    )
}

fn keep_label(answer: &str) -> String {
    filled(keys::REVIEW_KEEP, &[("answer", answer)])
}

fn not_an_option(example: &str) -> String {
    filled(keys::INPUT_NOT_AN_OPTION, &[("example", example)])
}

/// "label: value" as the summary shows it.
fn summary_line(label: Key, value: &str) -> String {
    filled(keys::SUMMARY_LINE, &[("label", &plain(label)), ("value", value)])
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

fn keyboard_of(output: &Output) -> &Keyboard {
    static NONE: Keyboard = Vec::new();
    match output {
        Output::Message { keyboard, .. } | Output::ReplacePressed { keyboard, .. } => keyboard,
        Output::Document { .. } => &NONE,
    }
}

fn labels_of(keyboard: &Keyboard) -> Vec<String> {
    keyboard.iter().flatten().map(|b| b.label.clone()).collect()
}

fn asking(question: Question) -> Screen {
    Screen::Asking { question }
}

/// The questions answered with a button (typing a label works too).
const CHOICE_QUESTIONS: [Question; 8] = [
    Question::Sender,
    Question::Nonprofit,
    Question::Coverage,
    Question::Emergency,
    Question::InNetworkFacility,
    Question::Claim,
    Question::InCollections,
    Question::HasItemized,
];

/// The answer a walk gives when a test does not say otherwise: a choice
/// id for choice questions, typed text for the others.
fn standard_answer(question: Question) -> &'static str {
    match question {
        Question::Sender => "hospital",
        Question::Nonprofit => "yes",
        Question::Coverage => "self_pay",
        Question::MedicareKind => "original",
        Question::Qmb => "no",
        Question::Emergency => "no",
        Question::InNetworkFacility => "yes",
        Question::Claim => "paid_part",
        Question::DenialDate => "5/5/26",
        Question::ServiceDate => "3/14/26",
        Question::FirstBillDate => "4/2/26",
        Question::AmountDue => "$1,234.50",
        Question::InCollections => "no",
        Question::CollectorLetterDate => "6/3/26",
        Question::Estimate => "$900",
        Question::HasItemized => "no",
        Question::LineItems => ER_BILL,
        Question::NotReceived => "done",
        Question::DischargeDate => "3/16/26",
        Question::EobBilled => "$4,500",
        Question::EobAllowed => "$1,200",
        Question::EobPlanPaid => "$950",
        Question::EobYourShare => "$250",
        Question::HouseholdSize => "3",
        Question::YearlyIncome => "$42,000",
        Question::UsState => "Ohio",
        Question::LumpSum => "$500",
        Question::Monthly => "$50",
    }
}

/// One chat driven through the pure step function.
struct Chat {
    state: ChatState,
    last: Option<Step>,
    /// Every question shown, in order (shown again in a row counts once).
    asked: Vec<Question>,
    /// The time the next input arrives (the pinned "now" unless moved).
    now: DateTime<Utc>,
}

impl Chat {
    fn new() -> Chat {
        Chat {
            state: ChatState::default(),
            last: None,
            asked: Vec::new(),
            now: now(),
        }
    }

    /// Applies one input, keeps the new state, returns the outputs' plain
    /// text.
    fn send(&mut self, input: Input) -> Vec<String> {
        let ctx = Ctx {
            content: content(),
            reference: reference(),
            templates: templates(),
            now: self.now,
        };
        let result = step(&self.state, input, &ctx);
        self.state = result.state.clone();
        if let Screen::Asking { question } = self.state.screen {
            if self.asked.last() != Some(&question) {
                self.asked.push(question);
            }
        }
        let texts = result.outputs.iter().map(|o| o.text().to_plain()).collect();
        self.last = Some(result);
        texts
    }

    /// Another chat in the same place, to try another answer.
    fn fork(&self) -> Chat {
        Chat {
            state: self.state.clone(),
            last: self.last.clone(),
            asked: self.asked.clone(),
            now: self.now,
        }
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

    fn bill(&self) -> &Bill {
        self.state.bill()
    }

    fn question(&self) -> Option<Question> {
        match self.state.screen {
            Screen::Asking { question } => Some(question),
            _ => None,
        }
    }

    /// The keyboard of the last output of the last step.
    /// The 🧾 summary of the last step (the 🧭 plan follows it).
    fn summary(&self) -> String {
        let heading = line(keys::SUMMARY_HEADING);
        self.outputs()
            .iter()
            .map(|output| output.text().to_plain())
            .find(|text| text.contains(&heading))
            .expect("a summary among the outputs")
    }

    fn keyboard(&self) -> &Keyboard {
        keyboard_of(self.outputs().last().expect("at least one output"))
    }

    /// Labels of the last keyboard, row by row, flattened.
    fn labels(&self) -> Vec<String> {
        labels_of(self.keyboard())
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

    /// `/start`, then "Review a bill".
    fn reviewing() -> Chat {
        let mut chat = Chat::new();
        chat.send(cmd(Command::Start));
        chat.press(&plain(keys::MENU_REVIEW));
        chat
    }

    /// Answers `question` with `answer` (a choice id or typed text), the
    /// way a user would: items are pasted then confirmed with Done.
    fn answer(&mut self, question: Question, answer: &str) {
        assert_eq!(self.question(), Some(question), "answering the question asked");
        if CHOICE_QUESTIONS.contains(&question) || (question == Question::Estimate && answer == "none") {
            self.send(button(&format!("answer:{}:{answer}", question.id())));
        } else if question == Question::LineItems {
            self.send(text(answer));
            self.send(button("items:done"));
        } else if question == Question::NotReceived && answer == "done" {
            self.send(button("nr:done"));
        } else {
            self.send(text(answer));
        }
        assert_ne!(self.question(), Some(question), "{question:?} answered with {answer:?}");
    }

    /// Answers every question asked (with `overrides`, else the standard
    /// answers) until `stop` is asked, or until the summary when `None`.
    fn answer_until(&mut self, overrides: &[(Question, &str)], stop: Option<Question>) {
        for _ in 0..40 {
            match self.state.screen {
                Screen::Summary if stop.is_none() => return,
                Screen::Asking { question } if Some(question) == stop => return,
                Screen::Asking { question } => {
                    let answer = overrides
                        .iter()
                        .find(|(q, _)| *q == question)
                        .map_or_else(|| standard_answer(question), |(_, a)| *a);
                    self.answer(question, answer);
                }
                ref other => panic!("walking to {stop:?}, stuck at {other:?}"),
            }
        }
        panic!("walking to {stop:?} did not end");
    }

    /// A chat reviewing a bill, at `stop`, earlier questions answered.
    fn at(overrides: &[(Question, &str)], stop: Question) -> Chat {
        let mut chat = Chat::reviewing();
        chat.answer_until(overrides, Some(stop));
        chat
    }

    /// A chat with one bill reviewed to the summary.
    fn reviewed(overrides: &[(Question, &str)]) -> Chat {
        let mut chat = Chat::reviewing();
        chat.answer_until(overrides, None);
        chat
    }
}

/// Overrides for an itemized bill (insured, so no estimate question).
const ITEMIZED: [(Question, &str); 3] = [
    (Question::Coverage, "in_network"),
    (Question::Claim, "pending"),
    (Question::HasItemized, "yes"),
];

/// A chat at the line-items question, no items yet.
fn at_items() -> Chat {
    Chat::at(&ITEMIZED, Question::LineItems)
}

/// A chat at the line-items question with the 12 items of [`ER_BILL`] read.
fn with_er_items() -> Chat {
    let mut chat = at_items();
    chat.send(text(ER_BILL));
    assert_eq!(chat.bill().items.len(), 12);
    chat
}

/// The items of [`ER_BILL`] as the parser reads them.
fn er_items() -> Vec<LineItem> {
    parse_bill_text(ER_BILL, today()).items
}

/// A bill of `count` lines, each readable.
fn long_bill(count: usize) -> String {
    (0..count)
        .map(|i| format!("03/{:02}/2026  0300  80053  LAB PANEL  1  {}.00", i % 28 + 1, 100 + i))
        .collect::<Vec<_>>()
        .join("\n")
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

fn yes_no_labels() -> Vec<String> {
    vec![plain(keys::ANSWER_YES), plain(keys::ANSWER_NO)]
}

fn items_labels() -> Vec<String> {
    vec![
        plain(keys::ITEMS_DONE),
        plain(keys::ITEMS_FIX),
        plain(keys::ITEMS_REMOVE),
    ]
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(haystack.contains(needle), "expected {needle:?} in:\n{haystack}");
}

fn assert_lacks(haystack: &str, needle: &str) {
    assert!(!haystack.contains(needle), "did not expect {needle:?} in:\n{haystack}");
}

// ---------------------------------------------------------------------------
// A. Scenarios: menu, answering, /back, /cancel, /help, /delete, resume
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
fn review_button_asks_question_one_of_thirteen_with_six_buttons() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(out.len(), 1);
    // Nothing is known yet: no nonprofit, claim, estimate, collector,
    // line-item or EOB question counts.
    assert_contains(&out[0], &progress(1, 13));
    assert_contains(&out[0], &line(keys::SENDER_PROMPT));
    assert_eq!(chat.labels(), sender_labels());
    assert_eq!(chat.keyboard().len(), 6);
    assert_eq!(chat.keyboard()[0][0].data, "answer:sender:hospital");
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert!(matches!(
        chat.outputs()[0],
        Output::Message {
            typed_answer: false,
            ..
        }
    ));
}

#[test]
fn pressing_a_choice_replaces_the_question_with_the_answer_then_asks_the_next() {
    let mut chat = Chat::reviewing();
    let lab = plain(keys::SENDER_LAB);
    let out = chat.press(&lab);
    assert_eq!(out.len(), 2);
    match &chat.outputs()[0] {
        Output::ReplacePressed { text, keyboard } => {
            let shown = text.to_plain();
            assert_contains(&shown, &progress(1, 13));
            assert_contains(&shown, &line(keys::SENDER_PROMPT));
            assert_contains(&shown, &lab);
            assert!(keyboard.is_empty(), "the answered question loses its buttons");
        }
        other => panic!("expected ReplacePressed, got {other:?}"),
    }
    assert_contains(&out[1], &progress(2, 13));
    assert_contains(&out[1], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
    assert_eq!(chat.bill().sender, Some(BillSender::Lab));
    assert_eq!(chat.state.screen, asking(Question::Coverage));

    // The second choice question works the same way; self-pay adds the
    // good-faith estimate question, so the total grows.
    let self_pay = plain(keys::COVERAGE_SELF_PAY);
    let out = chat.press(&self_pay);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &line(keys::COVERAGE_PROMPT));
    assert_contains(&out[0], &self_pay);
    assert_contains(&out[1], &progress(3, 14));
    assert_contains(&out[1], &line(keys::EMERGENCY_PROMPT));
    assert_eq!(chat.labels(), yes_no_labels());
    assert_eq!(chat.bill().coverage, Some(Coverage::SelfPay));
}

#[test]
fn typed_questions_offer_no_choices_and_expect_typing() {
    let chat = Chat::at(&[], Question::AmountDue);
    let out = chat.outputs().last().unwrap();
    assert_contains(&out.text().to_plain(), &progress(7, 15));
    assert_contains(&out.text().to_plain(), &line(keys::AMOUNT_DUE_PROMPT));
    assert!(
        matches!(out, Output::Message { keyboard, typed_answer: true, .. } if keyboard.is_empty()),
        "the amount is typed: {out:?}"
    );

    // An optional typed question only offers Skip.
    let chat = Chat::at(&[], Question::FirstBillDate);
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
    assert_eq!(chat.keyboard()[0][0].data, "skip:first_bill_date");
    assert!(matches!(
        chat.outputs().last(),
        Some(Output::Message { typed_answer: true, .. })
    ));
}

#[test]
fn typing_a_label_answers_a_choice_question() {
    let mut chat = Chat::reviewing();
    let out = chat.send(text("hospital"));
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));
    assert!(
        chat.outputs().iter().all(|o| matches!(o, Output::Message { .. })),
        "a typed answer has no pressed message to replace"
    );
    assert_contains(out.last().unwrap(), &progress(2, 14));
    assert_contains(out.last().unwrap(), &line(keys::NONPROFIT_PROMPT));

    chat.send(text("Not sure"));
    assert_eq!(chat.bill().nonprofit, Some(Answer3::NotSure));

    let out = chat.send(text("self-pay"));
    assert_eq!(chat.bill().coverage, Some(Coverage::SelfPay));
    assert_contains(out.last().unwrap(), &progress(4, 15));
    assert_eq!(chat.state.screen, asking(Question::Emergency));

    chat.send(text("yes"));
    assert_eq!(chat.bill().emergency, Some(true));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
}

#[test]
fn nonsense_at_a_choice_question_gives_the_not_an_option_line_and_the_same_question() {
    let cases = [
        (Question::Sender, 1, 13, plain(keys::SENDER_HOSPITAL), sender_labels()),
        (
            Question::Coverage,
            3,
            14,
            plain(keys::COVERAGE_IN_NETWORK),
            coverage_labels(),
        ),
        (Question::Emergency, 4, 15, plain(keys::ANSWER_YES), yes_no_labels()),
    ];
    for (question, n, total, example, labels) in cases {
        let mut chat = Chat::at(&[], question);
        let before = chat.state.clone();
        let out = chat.send(text("purple elephant"));
        assert_eq!(chat.state, before, "state unchanged at {question:?}");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], not_an_option(&example));
        assert_contains(&out[1], &progress(n, total));
        assert_eq!(chat.labels(), labels);
    }
}

#[test]
fn an_unreadable_amount_gives_the_friendly_error_and_the_same_question() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let before = chat.state.clone();
    let out = chat.send(text("12x"));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE));
    assert_contains(&out[1], &progress(7, 15));
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
    let base = Chat::at(&[], Question::AmountDue);
    for (typed, key) in cases {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(out[0], line(key), "typed {typed:?}");
        assert_contains(out.last().unwrap(), &line(keys::AMOUNT_DUE_PROMPT));
    }
}

#[test]
fn a_lone_separator_is_not_an_amount() {
    let base = Chat::at(&[], Question::AmountDue);
    for typed in [".", ",", "$.", " . ", "usd ,"] {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE), "typed {typed:?}");
    }
}

#[test]
fn a_formatted_amount_is_stored_as_a_decimal_and_shown_in_the_summary() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let out = chat.send(text("$1,234.50"));
    assert_eq!(chat.bill().amount_due, Some(dollars(123_450)));
    // The amount is no longer the last question.
    assert_eq!(chat.state.screen, asking(Question::InCollections));
    assert_eq!(out.len(), 1, "a typed answer replaces nothing");
    assert_contains(&out[0], &progress(8, 15));

    chat.answer_until(&[], None);
    assert_eq!(chat.state.screen, Screen::Summary);
    let summary = chat.summary();
    assert_contains(&summary, &summary_line(keys::SUMMARY_AMOUNT_DUE, "$1,234.50"));
    assert_contains(&summary, &plain(keys::SENDER_HOSPITAL));
    assert_contains(&summary, &plain(keys::COVERAGE_SELF_PAY));
    // The summary keeps its buttons; the plan after it ends with the same
    // ways on, after its own.
    let outputs = chat.outputs();
    assert_eq!(outputs.len(), 2, "the summary, then the plan");
    assert_eq!(
        labels_of(keyboard_of(&outputs[0])),
        vec![
            plain(keys::REPORT_SEE_FINDINGS),
            plain(keys::MENU_MAIN),
            plain(keys::BILLS_NEW)
        ]
    );
    assert_contains(&outputs[1].text().to_plain(), &line(keys::PLAN_HEADING));
    assert_eq!(chat.keyboard()[0][0].data, "report:findings:0");
    let last_row = chat.keyboard().last().unwrap();
    assert_eq!(last_row[0].data, "menu:main");
    assert_eq!(last_row[1].data, "bill:new");

    // The main menu button from the summary goes back to the menu.
    let out = chat.press(&plain(keys::MENU_MAIN));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_contains(out.last().unwrap(), &line(keys::MENU_PROMPT));
    assert_lacks(out.last().unwrap(), &line(keys::START_REVIEW_IN_PROGRESS));
    assert_eq!(chat.labels(), menu_labels());
    // Review again with everything answered shows the summary.
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_contains(out.last().unwrap(), "$1,234.50");
}

#[test]
fn back_from_question_two_offers_to_keep_the_answer() {
    let mut chat = Chat::at(&[], Question::Nonprofit);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(1, 14));
    let hospital = plain(keys::SENDER_HOSPITAL);
    let keep = keep_label(&hospital);
    assert_eq!(keep, format!("Keep: {hospital}"));
    let mut expected = sender_labels();
    expected.push(keep.clone());
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&keep), "keep:sender");

    let out = chat.press(&keep);
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));
    assert_eq!(chat.state.screen, asking(Question::Nonprofit));
    assert_eq!(out.len(), 2);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &hospital);
    assert_contains(&out[1], &progress(2, 14));
    assert_eq!(
        chat.labels(),
        vec![
            plain(keys::ANSWER_YES),
            plain(keys::ANSWER_NO),
            plain(keys::ANSWER_NOT_SURE)
        ],
        "the nonprofit question has no answer yet"
    );
}

#[test]
fn back_from_the_summary_goes_to_the_last_question_with_its_answer() {
    let mut chat = Chat::reviewed(&[]);
    assert_eq!(chat.state.screen, Screen::Summary);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Monthly));
    assert_contains(&out[0], &progress(15, 15));
    let keep = keep_label("$50.00");
    assert_eq!(chat.labels(), vec![keep.clone(), plain(keys::ANSWER_SKIP)]);
    chat.press(&keep);
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().monthly, Some(dollars(5000)));
}

#[test]
fn back_walks_over_questions_that_do_not_apply() {
    // A lab bill with self-pay: /back from the service date goes to the
    // emergency question, from coverage straight to the sender.
    let mut chat = Chat::at(&[(Question::Sender, "lab")], Question::ServiceDate);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Emergency));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Coverage));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Sender));
}

#[test]
fn back_from_question_one_goes_to_the_menu() {
    let mut chat = Chat::reviewing();
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
    let mut chat = Chat::at(&[], Question::AmountDue);
    let answered = chat.bill().clone();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_eq!(chat.bill(), &answered);
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::REVIEW_PAUSED));
    assert_lacks(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));
    assert_eq!(chat.labels(), menu_labels());

    // /start keeps the answers too, and reminds of the review.
    let out = chat.send(cmd(Command::Start));
    assert_eq!(chat.bill(), &answered);
    assert_contains(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));

    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_contains(&out[0], &progress(7, 15));
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
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Help));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::HELP_TEXT));
    for command in Command::LISTED {
        assert_contains(&out[0], &format!("/{}", command.name()));
    }
    assert_contains(&out[1], &progress(3, 14));
    assert_contains(&out[1], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn unknown_command_says_so_and_shows_the_current_screen() {
    let mut chat = Chat::reviewing();
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Unknown));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::INPUT_UNKNOWN_COMMAND));
    assert_eq!(chat.labels(), sender_labels());
}

#[test]
fn stale_buttons_give_the_stale_line_and_the_current_screen() {
    let stale = [
        "answer:sender:lab",        // question 1, but we are at question 3
        "answer:amount_due:x",      // not a choice question
        "answer:coverage:hospital", // the right question, a foreign choice
        "keep:coverage",            // nothing to keep yet
        "keep:sender",              // not the current question
        "skip:monthly",             // not the current question
        "items:done",               // not at the line items
        "items:fix",                // not at the line items
        "items:list",               // not at the line items
        "nr:t:0:0",                 // not at the not-received toggles
        "nr:p:1",                   // not at the not-received toggles
        "nr:done",                  // not at the not-received toggles
        "date:yes",                 // no date to confirm
        "date:no",                  // no date to confirm
        "bill:7",                   // no such bill
        "delete:yes",               // no deletion asked for
        "delete:no",                // no deletion asked for
        "zzz",                      // not data this version knows
        "menu:nope",                // unknown menu entry
        "",                         // empty
    ];
    let base = Chat::at(&[], Question::Coverage);
    for data in stale {
        let mut chat = base.fork();
        let out = chat.send(button(data));
        assert_eq!(chat.state, base.state, "data {data:?}");
        assert!(chat.effects().is_empty(), "data {data:?}");
        assert_eq!(out.len(), 2, "data {data:?}");
        assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON), "data {data:?}");
        assert_contains(&out[1], &progress(3, 14));
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
    let mut chat = Chat::at(&[], Question::AmountDue);
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
fn the_reminders_button_lists_none_yet_and_the_script_button_opens_the_picker() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REMINDERS));
    assert_eq!(out, [line(keys::REMINDERS_EMPTY)]);
    assert_eq!(chat.labels(), [plain(keys::REMINDERS_ADD), plain(keys::REMIND_LEAVE)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    assert_eq!(chat.state, ChatState::default(), "back at the menu, nothing changed");
    assert_eq!(chat.labels(), menu_labels());

    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_SCRIPT));
    assert_eq!(chat.state, ChatState::default(), "a picker changes nothing");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], plain(keys::SCRIPT_PICK));
    assert_eq!(chat.labels().len(), 6, "one button per script");
}

#[test]
fn delete_asks_and_no_returns_to_where_the_user_was() {
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Delete));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], line(keys::DELETE_CONFIRM));
    assert_eq!(chat.labels(), vec![plain(keys::DELETE_YES), plain(keys::DELETE_NO)]);
    assert_eq!(chat.data_of(&plain(keys::DELETE_YES)), "delete:yes");
    assert_eq!(chat.data_of(&plain(keys::DELETE_NO)), "delete:no");
    assert_eq!(chat.state.bills, before.bills);

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
    assert_contains(&out[1], &progress(3, 14));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn back_and_cancel_at_the_delete_confirmation_decline_it() {
    for command in [Command::Back, Command::Cancel] {
        let mut chat = Chat::at(&[], Question::AmountDue);
        let before = chat.state.clone();
        chat.send(cmd(Command::Delete));
        let out = chat.send(cmd(command));
        assert!(chat.effects().is_empty());
        assert_eq!(chat.state, before, "{command:?}");
        assert_eq!(out[0], line(keys::DELETE_KEPT));
    }
}

#[test]
fn delete_yes_erases_the_chat_with_every_bill() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    chat.press(&plain(keys::SENDER_LAB));
    assert_eq!(chat.state.bills.len(), 2);
    chat.send(cmd(Command::Delete));
    let out = chat.press(&plain(keys::DELETE_YES));
    assert_eq!(chat.effects(), [Effect::EraseChat]);
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out, vec![line(keys::DELETE_DONE)]);
    assert!(matches!(chat.outputs()[0], Output::Message { .. }));

    // After the erase, the review starts from scratch.
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_contains(&out[0], &progress(1, 13));
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
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(3, 14));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn resume_on_sub_screens_shows_them_again() {
    // The date confirmation.
    let mut chat = Chat::at(&[], Question::ServiceDate);
    chat.send(text("12/25/26"));
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(
        &out[0],
        &filled(keys::DATE_IN_FUTURE, &[("date", &shown(day(2026, 12, 25)))]),
    );
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);

    // Fixing a line, half way.
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_FIX));
    chat.send(text("3"));
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_SEND_CORRECTED,
            &[
                ("number", "3"),
                ("line", "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"),
            ],
        ),
    );
}

// ---------------------------------------------------------------------------
// B. Scenarios: which questions apply, and the progress line
// ---------------------------------------------------------------------------

#[test]
fn nonprofit_is_asked_only_for_hospitals() {
    for (sender, _) in Question::Sender.options() {
        let mut chat = Chat::reviewing();
        chat.send(button(&format!("answer:sender:{sender}")));
        let expected = if sender == "hospital" {
            Question::Nonprofit
        } else {
            Question::Coverage
        };
        assert_eq!(chat.state.screen, asking(expected), "sender {sender}");
    }
    // The nonprofit question explains how to check.
    let chat = Chat::at(&[], Question::Nonprofit);
    let out = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&out, &line(keys::NONPROFIT_PROMPT));
    assert_eq!(chat.keyboard()[2][0].data, "answer:nonprofit:not_sure");
}

#[test]
fn claim_status_is_asked_only_when_insured() {
    for (coverage, _) in Question::Coverage.options() {
        let mut chat = Chat::at(&[(Question::Coverage, coverage)], Question::Emergency);
        chat.answer(Question::Emergency, "no");
        let expected = if coverage == "self_pay" {
            Question::ServiceDate
        } else {
            Question::Claim
        };
        assert_eq!(chat.state.screen, asking(expected), "coverage {coverage}");
    }
    let chat = Chat::at(&[(Question::Coverage, "medicare")], Question::Claim);
    assert_eq!(
        chat.labels(),
        [
            keys::CLAIM_PAID_PART,
            keys::CLAIM_DENIED,
            keys::CLAIM_PENDING,
            keys::CLAIM_NOT_SENT,
            keys::ANSWER_NOT_SURE
        ]
        .map(plain)
    );
}

#[test]
fn eob_figures_are_asked_only_when_insurance_paid_part_or_denied() {
    for (claim, _) in Question::Claim.options() {
        let overrides = [(Question::Coverage, "in_network"), (Question::Claim, claim)];
        let mut chat = Chat::at(&overrides, Question::HasItemized);
        chat.answer(Question::HasItemized, "no");
        let processed = claim == "paid_part" || claim == "denied";
        let expected = if processed {
            Question::EobBilled
        } else {
            Question::HouseholdSize
        };
        assert_eq!(chat.state.screen, asking(expected), "claim {claim}");
        if processed {
            // The four figures, each optional, then the optional questions.
            for (question, answer) in [
                (Question::EobBilled, "$4,500"),
                (Question::EobAllowed, "$1,200"),
                (Question::EobPlanPaid, "$950"),
                (Question::EobYourShare, "$250"),
            ] {
                assert_eq!(chat.state.screen, asking(question));
                assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
                chat.answer(question, answer);
            }
            assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
            let eob = &chat.bill().eob;
            assert_eq!(
                [eob.billed, eob.allowed, eob.plan_paid, eob.your_share],
                [
                    Some(dollars(450_000)),
                    Some(dollars(120_000)),
                    Some(dollars(95_000)),
                    Some(dollars(25_000))
                ]
            );
        }
    }
    // Self-pay never reaches the EOB.
    let chat = Chat::reviewed(&[]);
    assert!(!chat.asked.contains(&Question::EobBilled));
}

#[test]
fn denial_date_is_asked_only_when_insurance_denied_the_claim() {
    for (claim, _) in Question::Claim.options() {
        let mut chat = Chat::at(&[(Question::Coverage, "in_network")], Question::Claim);
        chat.send(button(&format!("answer:claim:{claim}")));
        assert_eq!(chat.state.screen, asking(Question::ServiceDate), "claim {claim}");
        chat.send(text("3/14/26"));
        let expected = if claim == "denied" {
            Question::DenialDate
        } else {
            Question::FirstBillDate
        };
        assert_eq!(chat.state.screen, asking(expected), "claim {claim}");
    }
    // Optional, typed, and read like the other dates.
    let mut chat = Chat::at(
        &[(Question::Coverage, "in_network"), (Question::Claim, "denied")],
        Question::DenialDate,
    );
    assert_contains(&chat.outputs().last().unwrap().text().to_plain(), &progress(7, 20));
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
    chat.send(text("May 5"));
    assert_eq!(chat.bill().denial_date, Some(day(2026, 5, 5)));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
}

#[test]
fn collector_letter_date_is_asked_only_in_collections() {
    let mut chat = Chat::at(&[], Question::InCollections);
    chat.answer(Question::InCollections, "no");
    assert_eq!(chat.state.screen, asking(Question::Estimate));

    let mut chat = Chat::at(&[], Question::InCollections);
    let out = chat.press(&plain(keys::ANSWER_YES));
    assert_eq!(chat.state.screen, asking(Question::CollectorLetterDate));
    assert_contains(&out[1], &progress(9, 16));
    assert_contains(&out[1], &line(keys::COLLECTOR_LETTER_DATE_PROMPT));
    chat.answer(Question::CollectorLetterDate, "6/3/26");
    assert_eq!(chat.bill().collector_letter_date, Some(day(2026, 6, 3)));
    assert_eq!(chat.state.screen, asking(Question::Estimate));
}

#[test]
fn good_faith_estimate_is_asked_only_for_self_pay_with_a_no_estimate_button_or_a_typed_amount() {
    // Self-pay: the question, with one button and no Skip (it is needed).
    let base = Chat::at(&[], Question::Estimate);
    let out = base.outputs().last().unwrap();
    assert_contains(&out.text().to_plain(), &progress(9, 15));
    assert_contains(&out.text().to_plain(), &line(keys::ESTIMATE_PROMPT));
    assert!(matches!(out, Output::Message { typed_answer: true, .. }));
    assert_eq!(base.labels(), vec![plain(keys::ESTIMATE_NONE)]);
    assert_eq!(base.keyboard()[0][0].data, "answer:estimate:none");

    let mut chat = base.fork();
    let out = chat.press(&plain(keys::ESTIMATE_NONE));
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &plain(keys::ESTIMATE_NONE));
    assert_eq!(chat.bill().estimate, Some(Estimate::NotReceived));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));

    let mut chat = base.fork();
    chat.send(text("$900"));
    assert_eq!(chat.bill().estimate, Some(Estimate::Amount(dollars(90_000))));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));

    // /back shows the typed amount as the answer to keep, next to the button.
    chat.send(cmd(Command::Back));
    assert_eq!(chat.labels(), vec![plain(keys::ESTIMATE_NONE), keep_label("$900.00")]);

    // Insured bills never get it.
    for coverage in ["in_network", "medicaid", "insured_not_sure"] {
        let chat = Chat::reviewed(&[(Question::Coverage, coverage), (Question::Claim, "pending")]);
        assert!(!chat.asked.contains(&Question::Estimate), "coverage {coverage}");
        assert!(chat.asked.contains(&Question::Claim), "coverage {coverage}");
    }
}

#[test]
fn medicare_asks_which_kind_and_about_qmb_and_the_plan_follows() {
    // Medicare brings its two questions right after the insurance one.
    let mut chat = Chat::at(&[(Question::Coverage, "medicare")], Question::MedicareKind);
    assert_eq!(
        chat.labels(),
        vec![
            plain(keys::MEDICARE_KIND_ORIGINAL),
            plain(keys::MEDICARE_KIND_ADVANTAGE),
            plain(keys::ANSWER_NOT_SURE)
        ]
    );
    chat.press(&plain(keys::MEDICARE_KIND_ADVANTAGE));
    assert_eq!(chat.state.screen, asking(Question::Qmb));
    // Typing works as for any yes/no/not sure question.
    chat.send(text("yes"));
    assert_eq!(chat.bill().qmb, Some(billcoach::domain::bill::Answer3::Yes));
    assert_eq!(
        chat.bill().medicare,
        Some(billcoach::domain::bill::MedicareKind::Advantage)
    );
    // With QMB, the plan's step 1 is that Medicare's cost sharing can't be billed.
    chat.answer_until(&[(Question::Coverage, "medicare"), (Question::Qmb, "yes")], None);
    let plan = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&plan, &line(keys::PLAN_HEADING));
    assert_contains(&plan, &format!("1. {}", plain(keys::PLAN_QMB)));
    // Not asked without Medicare.
    let chat = Chat::reviewed(&[]);
    assert!(!chat.asked.contains(&Question::MedicareKind));
    assert!(!chat.asked.contains(&Question::Qmb));
}

#[test]
fn only_the_questions_that_apply_are_asked_in_order() {
    let chat = Chat::reviewed(&[
        (Question::Sender, "lab"),
        (Question::Coverage, "in_network"),
        (Question::Claim, "pending"),
    ]);
    assert_eq!(
        chat.asked,
        [
            Question::Sender,
            Question::Coverage,
            Question::Emergency,
            Question::Claim,
            Question::ServiceDate,
            Question::FirstBillDate,
            Question::AmountDue,
            Question::InCollections,
            Question::HasItemized,
            Question::HouseholdSize,
            Question::YearlyIncome,
            Question::UsState,
            Question::LumpSum,
            Question::Monthly,
        ]
    );

    // Everything that can apply at once to a hospital ER bill: 23 questions
    // (the facility question is for a doctor's or lab's bill).
    let chat = Chat::reviewed(&[
        (Question::Coverage, "out_of_network"),
        (Question::Claim, "denied"),
        (Question::InCollections, "yes"),
        (Question::HasItemized, "yes"),
    ]);
    // The discharge date is for a stay with room nights; this ER bill has none.
    let mut expected: Vec<Question> = Question::ORDER.to_vec();
    expected.retain(|q| {
        ![
            Question::Estimate,
            Question::InNetworkFacility,
            Question::MedicareKind,
            Question::Qmb,
            Question::DischargeDate,
        ]
        .contains(q)
    });
    assert_eq!(chat.asked, expected);
}

#[test]
fn progress_follows_the_answers_that_change_what_applies() {
    let mut chat = Chat::reviewing();
    assert_contains(&chat.outputs()[0].text().to_plain(), &progress(1, 13));

    // A hospital adds the nonprofit question.
    let out = chat.press(&plain(keys::SENDER_HOSPITAL));
    assert_contains(&out[1], &progress(2, 14));

    // Changing the answer to a lab takes it away again.
    let out = chat.send(cmd(Command::Back));
    assert_contains(&out[0], &progress(1, 14));
    let out = chat.press(&plain(keys::SENDER_LAB));
    assert_contains(&out[0], &progress(1, 13));
    assert_contains(&out[1], &progress(2, 13));
    assert_eq!(chat.state.screen, asking(Question::Coverage));

    // Insurance adds the claim question.
    let out = chat.press(&plain(keys::COVERAGE_IN_NETWORK));
    assert_contains(&out[1], &progress(3, 14));
    chat.press(&plain(keys::ANSWER_NO));
    assert_eq!(chat.state.screen, asking(Question::Claim));
    assert_contains(&chat.outputs()[1].text().to_plain(), &progress(4, 14));

    // A claim paid in part adds the four EOB figures.
    let out = chat.press(&plain(keys::CLAIM_PAID_PART));
    assert_contains(&out[1], &progress(5, 18));

    // Back, and "pending" takes them away.
    chat.send(cmd(Command::Back));
    let out = chat.press(&plain(keys::CLAIM_PENDING));
    assert_contains(&out[1], &progress(5, 14));

    // Collections adds the letter date; an itemized bill adds the line
    // items, and line items add the not-received question.
    chat.answer_until(&[(Question::InCollections, "yes")], Some(Question::HasItemized));
    assert_contains(&chat.outputs().last().unwrap().text().to_plain(), &progress(10, 15));
    let out = chat.press(&plain(keys::ANSWER_YES));
    assert_contains(&out[1], &progress(11, 16));
    let out = chat.send(text(ER_BILL));
    assert_lacks(&out[0], &progress(11, 16));
    let out = chat.press(&plain(keys::ITEMS_DONE));
    assert_contains(&out[0], &progress(11, 17));
    assert_contains(&out[1], &progress(12, 17));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
}

// ---------------------------------------------------------------------------
// C. Scenarios: dates
// ---------------------------------------------------------------------------

#[test]
fn dates_are_read_the_ways_people_type_them() {
    let base = Chat::at(&[], Question::ServiceDate);
    assert_contains(&base.outputs().last().unwrap().text().to_plain(), &progress(5, 15));
    let cases = [
        ("3/14/26", day(2026, 3, 14)),
        ("March 14", day(2026, 3, 14)),
        ("yesterday", day(2026, 11, 27)),
        ("2026-03-14", day(2026, 3, 14)),
        ("Dec 14", day(2025, 12, 14)),
        ("today", day(2026, 11, 28)),
    ];
    for (typed, expected) in cases {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.bill().service_date, Some(expected), "typed {typed:?}");
        assert_eq!(chat.state.screen, asking(Question::FirstBillDate), "typed {typed:?}");
        assert_eq!(out.len(), 1, "typed {typed:?}");
        assert_contains(&out[0], &progress(6, 15));
        // /back shows it the short way, to keep.
        chat.send(cmd(Command::Back));
        assert_eq!(chat.labels(), vec![keep_label(&shown(expected))]);
    }
}

#[test]
fn a_future_date_asks_to_confirm_with_keep_and_retype() {
    let base = Chat::at(&[], Question::ServiceDate);
    let christmas = day(2026, 12, 25);

    let mut chat = base.fork();
    let out = chat.send(text("12/25/26"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmDate {
            question: Question::ServiceDate,
            date: christmas
        }
    );
    assert_eq!(chat.bill().service_date, None, "not stored before it is confirmed");
    assert_eq!(out, vec![filled(keys::DATE_IN_FUTURE, &[("date", &shown(christmas))])]);
    assert_eq!(out[0], "Fri, Dec 25 is in the future. Is that right?");
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);
    assert_eq!(chat.data_of(&plain(keys::DATE_KEEP_IT)), "date:yes");
    assert_eq!(chat.data_of(&plain(keys::DATE_RETYPE)), "date:no");

    // Keep it: stored, and the review goes on.
    let mut kept = chat.fork();
    kept.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(kept.bill().service_date, Some(christmas));
    assert_eq!(kept.state.screen, asking(Question::FirstBillDate));

    // Retype: the question again, nothing stored.
    let out = chat.press(&plain(keys::DATE_RETYPE));
    assert_eq!(out[0], line(keys::DATE_TYPE_AGAIN));
    assert_contains(&out[1], &progress(5, 15));
    assert_contains(&out[1], &line(keys::SERVICE_DATE_PROMPT));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().service_date, None);
    chat.send(text("3/14/26"));
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));

    // Typing another date at the confirmation answers too; /back leaves it.
    let mut chat = base.fork();
    chat.send(text("12/25/26"));
    chat.send(text("March 14"));
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
    let mut chat = base.fork();
    chat.send(text("12/25/26"));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().service_date, None);
}

#[test]
fn a_first_bill_dated_before_the_care_asks_to_confirm() {
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    let out = chat.send(text("3/1/26"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmDate {
            question: Question::FirstBillDate,
            date: day(2026, 3, 1)
        }
    );
    assert_eq!(
        out,
        vec![filled(
            keys::DATE_BEFORE_SERVICE,
            &[
                ("date", &shown(day(2026, 3, 1))),
                ("service_date", &shown(day(2026, 3, 14)))
            ]
        )]
    );
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);
    chat.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 3, 1)));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));

    // The same day as the care is fine.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("3/14/26"));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
}

#[test]
fn a_collector_letter_dated_before_the_first_bill_asks_to_confirm() {
    let mut chat = Chat::at(&[(Question::InCollections, "yes")], Question::CollectorLetterDate);
    let out = chat.send(text("3/20/26"));
    assert_eq!(
        out,
        vec![filled(
            keys::DATE_BEFORE_FIRST_BILL,
            &[
                ("date", &shown(day(2026, 3, 20))),
                ("first_bill_date", &shown(day(2026, 4, 2)))
            ]
        )]
    );
    chat.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(chat.bill().collector_letter_date, Some(day(2026, 3, 20)));
}

#[test]
fn an_impossible_or_unreadable_date_gets_the_friendly_line_and_the_same_question() {
    let base = Chat::at(&[], Question::ServiceDate);
    for (typed, key) in [
        ("13/45/2026", keys::DATE_IMPOSSIBLE),
        ("Feb 30", keys::DATE_IMPOSSIBLE),
        ("tomorrowish", keys::DATE_UNREADABLE),
        ("", keys::DATE_UNREADABLE),
    ] {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(out.len(), 2, "typed {typed:?}");
        assert_eq!(out[0], line(key), "typed {typed:?}");
        assert_contains(&out[1], &progress(5, 15));
        assert_contains(&out[1], &line(keys::SERVICE_DATE_PROMPT));
    }
}

// ---------------------------------------------------------------------------
// D. Scenarios: /skip
// ---------------------------------------------------------------------------

#[test]
fn skip_passes_an_optional_question_and_the_summary_says_so() {
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(7, 15));
    assert!(chat.bill().skipped.contains("first_bill_date"));
    assert!(Question::FirstBillDate.is_answered(chat.bill()));
    assert_eq!(chat.bill().first_bill_date, None);

    // The Skip button does the same.
    chat.answer_until(&[], Some(Question::HouseholdSize));
    chat.press(&plain(keys::ANSWER_SKIP));
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));
    assert!(chat.bill().skipped.contains("household_size"));

    chat.answer_until(&[], None);
    let summary = chat.summary();
    let skipped = plain(keys::SUMMARY_SKIPPED);
    assert_contains(&summary, &summary_line(keys::SUMMARY_FIRST_BILL_DATE, &skipped));
    assert_contains(&summary, &summary_line(keys::SUMMARY_HOUSEHOLD_SIZE, &skipped));

    // Answering a skipped question later replaces the "skipped".
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)], "nothing to keep");
    chat.send(text("4/2/26"));
    assert!(!chat.bill().skipped.contains("first_bill_date"));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 4, 2)));
}

#[test]
fn skip_on_an_answered_optional_question_keeps_the_answer() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Monthly));
    chat.send(cmd(Command::Skip));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().monthly, Some(dollars(5000)));
    assert!(!chat.bill().skipped.contains("monthly"));
}

#[test]
fn skip_refuses_a_required_question() {
    for question in [
        Question::Sender,
        Question::ServiceDate,
        Question::AmountDue,
        Question::Estimate,
    ] {
        let mut chat = Chat::at(&[], question);
        let before = chat.state.clone();
        let out = chat.send(cmd(Command::Skip));
        assert_eq!(chat.state, before, "{question:?}");
        assert_eq!(out.len(), 2, "{question:?}");
        assert_eq!(out[0], line(keys::INPUT_CANNOT_SKIP), "{question:?}");
        assert_contains(&out[1], &line(question.prompt()));
        assert!(
            !chat.labels().contains(&plain(keys::ANSWER_SKIP)),
            "no Skip button for {question:?}"
        );
        // A forged Skip press is refused the same way.
        let out = chat.send(button(&format!("skip:{}", question.id())));
        assert_eq!(chat.state, before, "{question:?}");
        assert_eq!(out[0], line(keys::INPUT_CANNOT_SKIP), "{question:?}");
    }
    // The line items and the not-received marks are not skippable either.
    let mut chat = with_er_items();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(out[0], line(keys::INPUT_CANNOT_SKIP));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
}

#[test]
fn skip_with_no_question_says_there_is_nothing_to_skip() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOTHING_TO_SKIP));
    assert_eq!(chat.labels(), menu_labels());

    let mut chat = Chat::reviewed(&[]);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::INPUT_NOTHING_TO_SKIP));
}

// ---------------------------------------------------------------------------
// E. Scenarios: line items
// ---------------------------------------------------------------------------

#[test]
fn pasting_an_itemized_bill_lists_the_items_with_total_and_buttons() {
    let mut chat = at_items();
    // Before anything is read: the prompt, and a way out for a user who
    // does not have the itemized bill after all.
    let prompt = chat.outputs().last().unwrap();
    assert_contains(&prompt.text().to_plain(), &line(keys::LINE_ITEMS_PROMPT));
    assert_eq!(labels_of(keyboard_of(prompt)), vec![plain(keys::ITEMS_DONT_HAVE)]);

    let out = chat.send(text(ER_BILL));
    assert_eq!(out.len(), 1);
    let shown = &out[0];
    assert_contains(shown, &filled(keys::ITEMS_READ, &[("count", "12")]));
    for expected in [
        "1. Sat, Mar 14 · 0450 · 99284-25 · ER VISIT LEVEL 4 $1,650.00",
        "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00",
        "7. Sat, Mar 14 · 0636 · J1885 · KETOROLAC INJ 15MG · ×2 $92.00",
        "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00",
    ] {
        assert_contains(shown, expected);
    }
    let numbered = shown
        .lines()
        .filter(|l| l.split_once(". ").is_some_and(|(n, _)| n.parse::<usize>().is_ok()))
        .count();
    assert_eq!(numbered, 12, "one numbered line per item:\n{shown}");
    assert_contains(
        shown,
        &filled(keys::ITEMS_TOTAL, &[("count", "12"), ("total", "$6,787.50")]),
    );
    assert_contains(shown, &line(keys::ITEMS_NEXT));
    // Header, total and footer lines are not items.
    for ignored in ["RIVERSIDE", "Alex Smith", "TOTAL CHARGES", "Page 1 of 1", "555-0100"] {
        assert_lacks(shown, ignored);
    }
    let unreadable = filled(keys::ITEMS_UNREADABLE, &[("lines", "")]);
    assert_lacks(shown, unreadable.lines().next().unwrap());
    assert_eq!(chat.labels(), items_labels());
    let data: Vec<_> = chat.keyboard().iter().flatten().map(|b| b.data.as_str()).collect();
    assert_eq!(data, ["items:done", "items:fix", "items:remove"]);
    assert!(matches!(chat.outputs()[0], Output::Message { typed_answer: true, .. }));
    assert_eq!(chat.bill().items, er_items());
    assert!(!chat.bill().items_confirmed, "not confirmed until Done");
    assert_eq!(chat.state.screen, asking(Question::LineItems));

    // Done: the list is confirmed and the not-received question comes.
    let out = chat.press(&plain(keys::ITEMS_DONE));
    assert!(chat.bill().items_confirmed);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_COUNT, &[("count", "12"), ("total", "$6,787.50")]),
    );
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
}

#[test]
fn an_unreadable_line_is_listed_separately() {
    let mut chat = at_items();
    let pasted = ER_BILL.replace("Page 1 of 1", &format!("{UNREADABLE_LINE}\nPage 1 of 1"));
    let out = chat.send(text(&pasted));
    assert_eq!(chat.bill().items.len(), 12, "the readable lines are kept");
    assert_contains(&out[0], &filled(keys::ITEMS_UNREADABLE, &[("lines", UNREADABLE_LINE)]));
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "12")]));
    assert_eq!(chat.labels(), items_labels());
    // The unreadable line is not among the numbered items.
    assert_lacks(&out[0], "13. ");

    // Only an unreadable line: nothing read, no buttons yet.
    let mut chat = at_items();
    let out = chat.send(text("99285 ER VISIT $2,40.00"));
    assert!(chat.bill().items.is_empty());
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_UNREADABLE, &[("lines", "99285 ER VISIT $2,40.00")]),
    );
    assert_contains(&out[0], &line(keys::ITEMS_NONE_YET));
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_DONT_HAVE)]);
}

#[test]
fn without_the_itemized_bill_after_all_the_review_goes_on() {
    let mut chat = at_items();
    chat.press(&plain(keys::ITEMS_DONT_HAVE));
    assert_eq!(chat.bill().has_itemized, Some(false));
    assert!(!matches!(
        chat.state.screen,
        Screen::Asking {
            question: Question::LineItems | Question::NotReceived
        }
    ));
}

#[test]
fn items_typed_one_by_one_add_to_the_list() {
    let mut chat = at_items();
    let out = chat.send(text("Mar 14 85025 CBC $142.00"));
    assert_contains(&out[0], "1. Sat, Mar 14 · 85025 · CBC $142.00");
    let out = chat.send(text("99285 ER visit level 5 $2,400"));
    assert_contains(&out[0], &line(keys::ITEMS_READ_ONE));
    assert_contains(&out[0], "2. 99285 · ER visit level 5 $2,400.00");
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "2"), ("total", "$2,542.00")]),
    );
    assert_eq!(chat.bill().items.len(), 2);

    // Text with no charge in it: one message, one line and the count, not
    // the list again.
    let before = chat.state.clone();
    let out = chat.send(text("I think they overcharged me"));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::ITEMS_NOTHING_READ));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "2"), ("total", "$2,542.00")]),
    );
    assert!(!out[0].contains("ER visit level 5"), "{}", out[0]);

    // "done" typed works like the button.
    chat.send(text("Done."));
    assert!(chat.bill().items_confirmed);
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
}

#[test]
fn a_long_list_is_sent_once_and_then_referred_to() {
    let mut chat = at_items();
    let paste: Vec<String> = (1..=30).map(|n| format!("Mar 14 85025 CBC q{n}q $1{n}.00")).collect();
    let out = chat.send(text(&paste.join("\n")));
    assert_contains(&out[0], "30. Sat, Mar 14 · 85025 · CBC q30q");
    let once = out.concat().len();

    // Unreadable texts: each answer stays short, whatever the list's length.
    for _ in 0..3 {
        let out = chat.send(text("what?"));
        assert_eq!(out.len(), 1);
        assert!(!out[0].contains("CBC q"), "{}", out[0]);
        assert!(out[0].len() < once / 4, "{}", out[0]);
    }
    // Asking which line to fix refers to the list instead of repeating it.
    let out = chat.press(&plain(keys::ITEMS_FIX));
    assert!(!out.concat().contains("CBC q7q"), "{out:?}");
    assert_contains(&out[0], &filled(keys::ITEMS_LIST_LONG, &[("count", "30")]));
    chat.send(text("7"));
    let out = chat.send(text("Mar 14 85025 CBC fixed $5.00"));
    assert!(!out.concat().contains("CBC q8q"), "{out:?}");
    // The whole list again only when asked for.
    let out = chat.press(&plain(keys::ITEMS_SHOW_LIST));
    let all = out.concat();
    assert!(
        all.contains("CBC q30q") && all.contains("7. Sat, Mar 14 · 85025 · CBC fixed"),
        "{all}"
    );
}

#[test]
fn done_with_no_items_says_none_yet() {
    let mut chat = at_items();
    let before = chat.state.clone();
    let out = chat.send(text("done"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::ITEMS_NONE_YET));
    assert_contains(&out[1], &line(keys::LINE_ITEMS_PROMPT));
    // A forged Done press too.
    let out = chat.send(button("items:done"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::ITEMS_NONE_YET));
    // Fix and Remove have nothing to work on.
    let out = chat.send(button("items:fix"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON));
}

#[test]
fn fix_a_line_replaces_it_with_the_corrected_line() {
    let mut chat = with_er_items();
    let out = chat.press(&plain(keys::ITEMS_FIX));
    assert_eq!(chat.state.screen, Screen::FixItem { number: None });
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::ITEMS_LIST_HEADING));
    assert_contains(&out[0], "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00");
    assert_contains(&out[0], &filled(keys::ITEMS_WHICH_TO_FIX, &[("last", "12")]));
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_BACK_TO_LIST)]);
    assert_eq!(chat.keyboard()[0][0].data, "items:list");

    // A number out of range: the hint, and the same question.
    let out = chat.send(text("13"));
    assert_eq!(out[0], filled(keys::ITEMS_NOT_A_NUMBER, &[("last", "12")]));
    assert_eq!(chat.state.screen, Screen::FixItem { number: None });

    let out = chat.send(text("3"));
    assert_eq!(chat.state.screen, Screen::FixItem { number: Some(2) });
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_SEND_CORRECTED,
            &[
                ("number", "3"),
                ("line", "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"),
            ],
        ),
    );
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_BACK_TO_LIST)]);

    // A correction that is not a bill line is refused.
    let before = chat.state.clone();
    let out = chat.send(text("it was less"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::ITEMS_LINE_UNREADABLE));

    let corrected = "03/14/2026 85025 CBC W/AUTO DIFF $45.00";
    let out = chat.send(text(corrected));
    let LineRead::Item(expected) = read_line(corrected, today()) else {
        panic!("the corrected line reads");
    };
    let mut items = er_items();
    items[2] = expected;
    assert_eq!(chat.bill().items, items);
    assert_eq!(out[0], filled(keys::ITEMS_FIXED, &[("number", "3")]));
    assert_contains(&out[1], "3. Sat, Mar 14 · 85025 · CBC W/AUTO DIFF $45.00");
    assert_contains(
        &out[1],
        &filled(keys::ITEMS_TOTAL, &[("count", "12"), ("total", "$6,687.50")]),
    );
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    assert_eq!(chat.labels(), items_labels());
}

#[test]
fn back_to_the_list_leaves_fix_and_remove_unchanged() {
    for (label, data_or_command) in [
        (keys::ITEMS_FIX, Some("items:list")),
        (keys::ITEMS_REMOVE, Some("items:list")),
        (keys::ITEMS_FIX, None),
        (keys::ITEMS_REMOVE, None),
    ] {
        let mut chat = with_er_items();
        let items = chat.bill().items.clone();
        chat.press(&plain(label));
        match data_or_command {
            Some(data) => chat.send(button(data)),
            None => chat.send(cmd(Command::Back)),
        };
        assert_eq!(chat.state.screen, asking(Question::LineItems));
        assert_eq!(chat.bill().items, items);
        assert_eq!(chat.labels(), items_labels());
    }
}

#[test]
fn remove_a_line_keeps_not_received_marks_on_the_same_items() {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    chat.press("5");
    chat.press("9");
    assert_eq!(chat.bill().not_received, BTreeSet::from([4, 8]));
    let before = er_items();

    // Back to the list, remove line 2.
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let out = chat.press(&plain(keys::ITEMS_REMOVE));
    assert_eq!(chat.state.screen, Screen::RemoveItem);
    assert_contains(&out[0], &filled(keys::ITEMS_WHICH_TO_REMOVE, &[("last", "12")]));
    let out = chat.send(text("#2"));
    assert_eq!(out[0], filled(keys::ITEMS_REMOVED, &[("number", "2")]));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let items = &chat.bill().items;
    assert_eq!(items.len(), 11);
    assert!(!items.contains(&before[1]));
    assert_eq!(chat.bill().not_received, BTreeSet::from([3, 7]));
    assert_eq!(items[3], before[4], "the first mark follows its item");
    assert_eq!(items[7], before[8], "the second mark follows its item");

    // Removing a marked item drops its mark only.
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(text("4"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([6]));
    assert_eq!(chat.bill().items[6], before[8]);

    // The toggles show the mark on the right number.
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    let labels = chat.labels();
    assert!(labels.contains(&"✗ 7".to_string()), "{labels:?}");
    assert_eq!(labels.iter().filter(|l| l.starts_with('✗')).count(), 1, "{labels:?}");
    assert_contains(
        &chat.outputs().last().unwrap().text().to_plain(),
        "✗ 7. Sat, Mar 14 · 0260 · 96374 · IV PUSH SINGLE DRUG $480.00",
    );
}

#[test]
fn adding_items_after_done_asks_to_confirm_the_list_and_the_marks_again() {
    // A changed list needs confirming again (this is why the property lets
    // a growing list lose its confirmation); the marks stay.
    let mut chat = at_not_received();
    chat.press("2");
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.send(cmd(Command::Back));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let out = chat.send(text("Mar 15 85025 CBC $142.00"));
    assert_contains(&out[0], "13. Sun, Mar 15 · 85025 · CBC $142.00");
    assert_eq!(chat.bill().items.len(), 13);
    assert!(!chat.bill().items_confirmed);
    assert!(!chat.bill().not_received_done);
    assert_eq!(chat.bill().not_received, BTreeSet::from([1]));

    // Paused now, the review comes back to the list.
    chat.send(cmd(Command::Cancel));
    chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    chat.press(&plain(keys::ITEMS_DONE));
    assert!(chat.labels().contains(&"✗ 2".to_string()));
    assert!(chat.labels().contains(&"13".to_string()));
}

#[test]
fn an_uploaded_file_at_the_items_question_adds_items() {
    let mut chat = at_items();
    let out = chat.send(Input::File {
        name: "bill.csv".to_string(),
        text: CSV_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 3);
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "3")]));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "3"), ("total", "$2,485.00")]),
    );
    assert_eq!(chat.labels(), items_labels());

    // A second file adds to the list, numbered on.
    let out = chat.send(Input::File {
        name: "more.txt".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 15);
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "12")]));
    assert_contains(&out[0], "4. Sat, Mar 14 · 0450 · 99284-25 · ER VISIT LEVEL 4 $1,650.00");

    // While fixing or removing a line, a file adds too.
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(Input::File {
        name: "bill.csv".to_string(),
        text: CSV_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 15);
    assert_eq!(chat.state.screen, asking(Question::LineItems));
}

#[test]
fn a_file_at_another_question_gets_the_not_now_line() {
    for stop in [Question::AmountDue, Question::Sender] {
        let mut chat = Chat::at(&[], stop);
        let before = chat.state.clone();
        let out = chat.send(Input::File {
            name: "bill.txt".to_string(),
            text: ER_BILL.to_string(),
        });
        assert_eq!(chat.state, before);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], line(keys::FILE_NOT_NOW));
        assert_contains(&out[1], &line(stop.prompt()));
    }
    let mut chat = Chat::new();
    let out = chat.send(Input::File {
        name: "bill.txt".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::FILE_NOT_NOW));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn a_scanned_bill_is_listed_with_a_line_to_check_it_and_a_total_that_does_not_add_up_is_said() {
    // Read from a photo: the list, and a line asking to check it.
    let mut chat = at_items();
    let out = chat.send(Input::Scan {
        name: "photo.jpg".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_contains(&out[0], "I read 12 lines");
    assert_contains(&out[0], &line(keys::ITEMS_FROM_PHOTO));
    assert!(
        !out[0].contains("total says"),
        "the ER bill adds up to its total: {}",
        out[0]
    );

    // A line lost (as OCR may lose one): the printed total says so.
    let mut chat = at_items();
    let missing_a_line = ER_BILL.replace(
        "03/14/2026  0300  85025     CBC W/AUTO DIFF                    1      145.00\n",
        "",
    );
    assert_ne!(missing_a_line, ER_BILL);
    let out = chat.send(Input::File {
        name: "bill.txt".to_string(),
        text: missing_a_line,
    });
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_TOTAL_MISMATCH,
            &[("read", "$6,642.50"), ("printed", "$6,787.50")],
        ),
    );
    assert!(
        !out[0].contains(&line(keys::ITEMS_FROM_PHOTO)),
        "typed text is not a photo"
    );
}

#[test]
fn refused_files_get_their_line_and_the_same_screen() {
    let mut chat = at_items();
    let before = chat.state.clone();
    let out = chat.send(Input::FileRefused(FileProblem::TooLarge));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(
        out[0],
        filled(
            keys::FILE_TOO_LARGE,
            &[("max", "20 MB for a photo or PDF, 1 MB for a text file")]
        )
    );
    assert_contains(&out[1], &line(keys::LINE_ITEMS_PROMPT));

    for (problem, key) in [
        (FileProblem::NotText, keys::FILE_NOT_TEXT),
        (FileProblem::NoOcr, keys::FILE_NO_OCR),
        (FileProblem::Unreadable, keys::FILE_UNREADABLE),
    ] {
        let out = chat.send(Input::FileRefused(problem));
        assert_eq!(chat.state, before);
        assert_eq!(out[0], line(key));
        assert_contains(&out[1], &line(keys::LINE_ITEMS_PROMPT));
    }
}

// ---------------------------------------------------------------------------
// F. Scenarios: services not received
// ---------------------------------------------------------------------------

/// A chat at the not-received toggles of the 12-item bill.
fn at_not_received() -> Chat {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    chat
}

#[test]
fn the_not_received_question_shows_every_item_with_a_toggle() {
    let chat = at_not_received();
    let out = chat.outputs().last().unwrap();
    let shown = out.text().to_plain();
    assert_contains(&shown, &line(keys::NOT_RECEIVED_PROMPT));
    assert_contains(&shown, &line(keys::NOT_RECEIVED_LIST));
    assert_contains(&shown, "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00");
    assert_lacks(&shown, "Page ");
    let rows: Vec<Vec<&str>> = chat
        .keyboard()
        .iter()
        .map(|row| row.iter().map(|b| b.label.as_str()).collect())
        .collect();
    let done = plain(keys::NOT_RECEIVED_DONE);
    assert_eq!(
        rows,
        vec![
            vec!["1", "2", "3", "4", "5"],
            vec!["6", "7", "8", "9", "10"],
            vec!["11", "12"],
            vec![done.as_str()],
        ]
    );
    assert_eq!(chat.keyboard()[0][2].data, "nr:t:2:0");
    assert_eq!(chat.keyboard()[3][0].data, "nr:done");
}

#[test]
fn pressing_a_number_toggles_it_in_place() {
    let mut chat = at_not_received();
    let out = chat.press("3");
    assert_eq!(out.len(), 1);
    let Output::ReplacePressed { text, keyboard } = &chat.outputs()[0] else {
        panic!("a toggle edits the list in place: {:?}", chat.outputs());
    };
    assert!(text
        .to_plain()
        .contains("✗ 3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"));
    let labels = labels_of(keyboard);
    assert_eq!(labels[2], "✗ 3");
    assert_eq!(keyboard[0][2].data, "nr:t:2:0");
    assert_eq!(labels.iter().filter(|l| l.starts_with('✗')).count(), 1);
    assert_eq!(chat.bill().not_received, BTreeSet::from([2]));
    assert!(!chat.bill().not_received_done);
    assert_eq!(chat.state.screen, asking(Question::NotReceived));

    // Pressing it again unmarks it.
    chat.press("✗ 3");
    assert!(chat.bill().not_received.is_empty());
    assert_eq!(chat.labels()[2], "3");
}

#[test]
fn typed_numbers_toggle_too() {
    let mut chat = at_not_received();
    let out = chat.send(text("3, 5"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([2, 4]));
    assert!(matches!(chat.outputs().last(), Some(Output::Message { .. })));
    let labels = chat.labels();
    assert!(labels.contains(&"✗ 3".to_string()) && labels.contains(&"✗ 5".to_string()));
    assert_contains(
        out.last().unwrap(),
        "✗ 5. Sat, Mar 14 · 0320 · 71046 · CHEST X-RAY 2 VIEWS $412.00",
    );

    chat.send(text("3"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([4]));

    // Numbers that are not items: the hint, nothing changes.
    for typed in ["0", "13", "3, x", "all of them"] {
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(out[0], line(keys::NOT_RECEIVED_HINT), "typed {typed:?}");
    }

    // "done" finishes.
    chat.send(text("done"));
    assert!(chat.bill().not_received_done);
    assert_eq!(chat.bill().not_received, BTreeSet::from([4]));
    assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
}

#[test]
fn a_long_bill_pages_the_toggles() {
    let mut chat = at_items();
    chat.send(text(&long_bill(45)));
    assert_eq!(chat.bill().items.len(), 45);
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));

    let page = |page: &str| filled(keys::NOT_RECEIVED_PAGE, &[("page", page), ("pages", "3")]);
    let next = plain(keys::NOT_RECEIVED_NEXT);
    let previous = plain(keys::NOT_RECEIVED_PREVIOUS);
    let done = plain(keys::NOT_RECEIVED_DONE);
    let numbers = |range: std::ops::RangeInclusive<usize>| range.map(|n| n.to_string()).collect::<Vec<_>>();

    // Page 1: items 1–20, "More", Done.
    let shown = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&shown, &page("1"));
    assert_contains(&shown, "20. ");
    assert_lacks(&shown, "21. ");
    let mut expected = numbers(1..=20);
    expected.extend([next.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&next), "nr:p:1");

    // Page 2: items 21–40, both ways, edited in place.
    let out = chat.press(&next);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &page("2"));
    assert_contains(&out[0], "21. ");
    assert_lacks(&out[0], "\n1. ");
    let mut expected = numbers(21..=40);
    expected.extend([previous.clone(), next.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&previous), "nr:p:0");
    assert_eq!(chat.data_of(&next), "nr:p:2");
    assert_eq!(chat.data_of("25"), "nr:t:24:1");

    // Toggling on page 2 stays on page 2.
    let out = chat.press("25");
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &page("2"));
    assert_contains(&out[0], "✗ 25. ");
    assert!(chat.labels().contains(&"✗ 25".to_string()));
    assert_eq!(chat.bill().not_received, BTreeSet::from([24]));

    // Page 3: items 41–45, back only.
    let out = chat.press(&next);
    assert_contains(&out[0], &page("3"));
    let mut expected = numbers(41..=45);
    expected.extend([previous.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    chat.press("44");

    // Back to page 1 shows the marks made elsewhere are kept.
    chat.press(&previous);
    let out = chat.press(&previous);
    assert_contains(&out[0], &page("1"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([24, 43]));

    // Done records them, and the summary lists them.
    let out = chat.press(&done);
    assert!(chat.bill().not_received_done);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], "25, 44");
    chat.answer_until(&[], None);
    let summary = chat.summary();
    assert_contains(&summary, &summary_line(keys::SUMMARY_NOT_RECEIVED, "25, 44"));
    assert_contains(
        &summary,
        &summary_line(
            keys::SUMMARY_LINE_ITEMS,
            &filled(keys::ITEMS_COUNT, &[("count", "45"), ("total", "$5,490.00")]),
        ),
    );
}

#[test]
fn done_with_nothing_marked_says_none() {
    let mut chat = at_not_received();
    let out = chat.press(&plain(keys::NOT_RECEIVED_DONE));
    assert!(chat.bill().not_received_done);
    assert!(chat.bill().not_received.is_empty());
    assert_contains(&out[0], &plain(keys::NOT_RECEIVED_NONE));
    assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
}

// ---------------------------------------------------------------------------
// G. Scenarios: several bills
// ---------------------------------------------------------------------------

#[test]
fn new_keeps_the_first_bill_and_starts_question_one_for_another() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let first = chat.bill().clone();
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(chat.state.current, 1);
    assert_eq!(chat.state.bills[0], first);
    assert!(chat.bill().is_empty());
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::BILLS_STARTED_NEW));
    assert_contains(&out[1], &progress(1, 13));
    assert_contains(&out[1], &line(keys::SENDER_PROMPT));
    assert_eq!(chat.labels(), sender_labels(), "no Keep: the new bill is empty");

    // /new on an empty bill does not pile up empty bills.
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &progress(1, 13));

    // The summary's New bill button does the same as /new.
    let mut chat = Chat::reviewed(&[]);
    chat.press(&plain(keys::BILLS_NEW));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(chat.state.current, 1);
    assert_eq!(chat.state.screen, asking(Question::Sender));
}

#[test]
fn bills_lists_every_bill_with_its_stage_and_switches_between_them() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(cmd(Command::New));
    chat.press(&plain(keys::SENDER_LAB));
    assert_eq!(chat.state.screen, asking(Question::Coverage));
    let second = chat.state.screen.clone();

    let out = chat.send(cmd(Command::Bills));
    assert_eq!(chat.state.screen, second, "listing does not move the review");
    assert_eq!(out.len(), 1);
    let no_amount = plain(keys::BILLS_NO_AMOUNT);
    let stage =
        |current: &str, total: &str| filled(keys::BILLS_STAGE_QUESTION, &[("current", current), ("total", total)]);
    let first_line = filled(
        keys::BILLS_LINE,
        &[
            ("number", "1"),
            ("sender", &plain(keys::SENDER_HOSPITAL)),
            ("amount", &no_amount),
            ("stage", &stage("7", "15")),
        ],
    );
    let second_line = filled(
        keys::BILLS_LINE,
        &[
            ("number", "2"),
            ("sender", &plain(keys::SENDER_LAB)),
            ("amount", &no_amount),
            ("stage", &stage("2", "13")),
        ],
    );
    assert_contains(&out[0], &line(keys::BILLS_HEADING));
    assert_contains(&out[0], &first_line);
    assert_contains(&out[0], &second_line);
    let html = chat.outputs()[0].text().as_str().to_string();
    assert!(html.contains("<b>2. Lab"), "the current bill stands out: {html}");
    let first_button = filled(
        keys::BILLS_BUTTON,
        &[("number", "1"), ("sender", &plain(keys::SENDER_HOSPITAL))],
    );
    let second_button = filled(
        keys::BILLS_BUTTON,
        &[("number", "2"), ("sender", &plain(keys::SENDER_LAB))],
    );
    assert_eq!(
        chat.labels(),
        vec![first_button.clone(), second_button.clone(), plain(keys::BILLS_NEW)]
    );
    assert_eq!(chat.data_of(&first_button), "bill:0");
    assert_eq!(chat.data_of(&second_button), "bill:1");
    assert_eq!(chat.data_of(&plain(keys::BILLS_NEW)), "bill:new");

    // Switching resumes the first bill where it was.
    let out = chat.press(&first_button);
    assert_eq!(chat.state.current, 0);
    assert_eq!(out[0], filled(keys::BILLS_SWITCHED, &[("number", "1")]));
    assert_contains(&out[1], &progress(7, 15));
    assert_contains(&out[1], &line(keys::AMOUNT_DUE_PROMPT));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    chat.send(text("$300"));
    assert_eq!(chat.state.bills[0].amount_due, Some(dollars(30_000)));
    assert_eq!(chat.state.bills[1].amount_due, None, "the other bill is untouched");

    // And back to the second one, where it was.
    chat.send(cmd(Command::Bills));
    let out = chat.press(&second_button);
    assert_eq!(chat.state.current, 1);
    assert_contains(&out[1], &progress(2, 13));
    assert_eq!(chat.state.screen, asking(Question::Coverage));

    // A reviewed bill shows as reviewed, with its amount.
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    let out = chat.send(cmd(Command::Bills));
    assert_contains(
        &out[0],
        &filled(
            keys::BILLS_LINE,
            &[
                ("number", "1"),
                ("sender", &plain(keys::SENDER_HOSPITAL)),
                ("amount", "$1,234.50"),
                ("stage", &plain(keys::BILLS_STAGE_REVIEWED)),
            ],
        ),
    );
    assert_contains(
        &out[0],
        &filled(
            keys::BILLS_LINE,
            &[
                ("number", "2"),
                ("sender", &plain(keys::BILLS_UNNAMED)),
                ("amount", &no_amount),
                ("stage", &stage("1", "13")),
            ],
        ),
    );
    // Switching to a reviewed bill shows its summary.
    chat.press(&filled(
        keys::BILLS_BUTTON,
        &[("number", "1"), ("sender", &plain(keys::SENDER_HOSPITAL))],
    ));
    assert_eq!(chat.state.screen, Screen::Summary);
}

#[test]
fn cancel_keeps_a_half_done_review_among_several_bills() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    chat.answer_until(&[(Question::Sender, "ambulance")], Some(Question::ServiceDate));
    let bills = chat.state.bills.clone();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_eq!(chat.state.bills, bills);
    assert_eq!(chat.state.current, 1);
    assert_contains(&out[0], &line(keys::REVIEW_PAUSED));
    assert_lacks(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));
    chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().sender, Some(BillSender::Ambulance));
}

// ---------------------------------------------------------------------------
// H. Scenarios: the summary
// ---------------------------------------------------------------------------

#[test]
fn the_summary_lists_every_answer() {
    let mut chat = Chat::at(
        &[
            (Question::Nonprofit, "not_sure"),
            (Question::Coverage, "in_network"),
            (Question::Emergency, "yes"),
            (Question::Claim, "denied"),
            (Question::InCollections, "yes"),
            (Question::HasItemized, "yes"),
        ],
        Question::NotReceived,
    );
    chat.press("3");
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.answer_until(&[(Question::UsState, "oh")], Some(Question::HouseholdSize));
    chat.send(cmd(Command::Skip));
    chat.answer_until(&[(Question::UsState, "oh")], Some(Question::Monthly));
    assert_contains(&chat.outputs().last().unwrap().text().to_plain(), &progress(23, 23));
    let out = chat.send(text("75"));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(out.len(), 2, "the summary, then the plan");
    assert_contains(&out[1], &line(keys::PLAN_HEADING));
    let summary = &out[0];

    let skipped = plain(keys::SUMMARY_SKIPPED);
    let items = filled(keys::ITEMS_COUNT, &[("count", "12"), ("total", "$6,787.50")]);
    let expected = [
        (keys::SUMMARY_SENDER, plain(keys::SENDER_HOSPITAL)),
        (keys::SUMMARY_NONPROFIT, plain(keys::ANSWER_NOT_SURE)),
        (keys::SUMMARY_COVERAGE, plain(keys::COVERAGE_IN_NETWORK)),
        (keys::SUMMARY_EMERGENCY, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_CLAIM, plain(keys::CLAIM_DENIED)),
        (keys::SUMMARY_SERVICE_DATE, shown(day(2026, 3, 14))),
        (keys::SUMMARY_DENIAL_DATE, shown(day(2026, 5, 5))),
        (keys::SUMMARY_FIRST_BILL_DATE, shown(day(2026, 4, 2))),
        (keys::SUMMARY_AMOUNT_DUE, "$1,234.50".to_string()),
        (keys::SUMMARY_IN_COLLECTIONS, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_COLLECTOR_LETTER_DATE, shown(day(2026, 6, 3))),
        (keys::SUMMARY_HAS_ITEMIZED, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_LINE_ITEMS, items),
        (keys::SUMMARY_NOT_RECEIVED, "3".to_string()),
        (keys::SUMMARY_EOB_BILLED, "$4,500.00".to_string()),
        (keys::SUMMARY_EOB_ALLOWED, "$1,200.00".to_string()),
        (keys::SUMMARY_EOB_PLAN_PAID, "$950.00".to_string()),
        (keys::SUMMARY_EOB_YOUR_SHARE, "$250.00".to_string()),
        (keys::SUMMARY_HOUSEHOLD_SIZE, skipped),
        (keys::SUMMARY_YEARLY_INCOME, "$42,000.00".to_string()),
        (keys::SUMMARY_US_STATE, "Ohio".to_string()),
        (keys::SUMMARY_LUMP_SUM, "$500.00".to_string()),
        (keys::SUMMARY_MONTHLY, "$75.00".to_string()),
    ];
    let mut at = 0;
    for (label, value) in &expected {
        let wanted = summary_line(*label, value);
        let found = summary[at..]
            .find(&wanted)
            .unwrap_or_else(|| panic!("expected {wanted:?} after byte {at} in:\n{summary}"));
        at += found + wanted.len();
    }
    assert_eq!(
        summary
            .lines()
            .filter(|l| l.contains(": ") && !l.contains("Send /back"))
            .count(),
        expected.len()
    );
    assert_lacks(summary, &plain(keys::SUMMARY_ESTIMATE));
    assert_contains(summary, &line(keys::SUMMARY_HEADING));
    assert_contains(summary, &line(keys::SUMMARY_FOOTER));
    assert_eq!(chat.bill().state.as_deref(), Some("OH"));
    assert_eq!(chat.bill().household_size, None);
    assert_eq!(chat.bill().claim, Some(ClaimStatus::Denied));
}

#[test]
fn household_size_and_state_are_checked() {
    let mut chat = Chat::at(&[], Question::HouseholdSize);
    for typed in ["0", "21", "three", "-1"] {
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(out[0], line(keys::COUNT_INVALID), "typed {typed:?}");
    }
    chat.send(text(" 4 "));
    assert_eq!(chat.bill().household_size, Some(4));
    chat.answer_until(&[], Some(Question::UsState));
    let before = chat.state.clone();
    let out = chat.send(text("Narnia"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::STATE_UNREADABLE));
    chat.send(text("new york"));
    assert_eq!(chat.bill().state.as_deref(), Some("NY"));
}

// ---------------------------------------------------------------------------
// I. Known bugs, each isolated so the rest keeps running
// ---------------------------------------------------------------------------

#[test]
fn pasting_only_unreadable_lines_keeps_a_confirmed_list_confirmed() {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.send(cmd(Command::Back));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let before = chat.bill().clone();
    let out = chat.send(text(UNREADABLE_LINE));
    assert_contains(&out[0], &filled(keys::ITEMS_UNREADABLE, &[("lines", UNREADABLE_LINE)]));
    assert_eq!(chat.bill().items, before.items);
    assert!(
        Question::LineItems.is_answered(chat.bill()),
        "the unchanged list is no longer confirmed"
    );
    assert!(
        Question::NotReceived.is_answered(chat.bill()),
        "the marks are no longer done"
    );
}

#[test]
fn typing_no_estimate_answers_the_estimate_question() {
    // The prompt offers "No estimate"; the code comment in step.rs
    // (`answer_typed`) says a typed question's extra button can be typed.
    let mut chat = Chat::at(&[], Question::Estimate);
    chat.send(text("No estimate"));
    assert_eq!(chat.bill().estimate, Some(Estimate::NotReceived));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));
}

#[test]
fn a_typed_done_at_the_items_question_replaces_nothing() {
    // `ReplacePressed` edits the message whose button was pressed; typed
    // text has none (typed choice answers send no `ReplacePressed` either).
    let mut chat = with_er_items();
    chat.send(text("done"));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    assert!(
        chat.outputs().iter().all(|o| matches!(o, Output::Message { .. })),
        "{:?}",
        chat.outputs()
    );
}

#[test]
fn removing_every_item_does_not_leave_an_empty_list_confirmed() {
    // Done refuses an empty list ("No line items yet"), so removing the
    // last item of a confirmed list must not leave it confirmed either.
    let mut chat = at_items();
    chat.send(text("Mar 14 85025 CBC $142.00"));
    chat.press(&plain(keys::ITEMS_DONE));
    chat.send(cmd(Command::Back));
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(text("1"));
    assert!(chat.bill().items.is_empty());
    assert!(
        !Question::LineItems.is_answered(chat.bill()),
        "an empty list counts as confirmed"
    );
}

// ---------------------------------------------------------------------------
// I2. Scenarios: reminders, the time zone, /paid
// ---------------------------------------------------------------------------

/// A reviewed hospital bill first billed Nov 1, 2026: day 90 is Jan 30, 2027.
fn reviewed_new_bill() -> Chat {
    Chat::reviewed(&[(Question::FirstBillDate, "11/1/26")])
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// The picker's button for a reminder: what it is for, and its day.
fn remind_button(what: Key, date: NaiveDate) -> String {
    filled(keys::REMIND_BUTTON, &[("what", &plain(what)), ("date", &shown(date))])
}

/// A reviewed new bill in Eastern time with one reminder set from the
/// picker; returns the chat and the reminder's id.
fn chat_with_reminder(what: Key, date: NaiveDate) -> (Chat, u32) {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Remind));
    chat.press(&remind_button(what, date));
    let id = chat.state.reminders.items.last().expect("a reminder is set").id;
    (chat, id)
}

/// What the scheduler's claim gives for reminder `id` at `now`.
fn claim_at(state: &mut ChatState, id: u32, now: DateTime<Utc>) -> Due {
    let ctx = Ctx {
        content: content(),
        reference: reference(),
        templates: templates(),
        now,
    };
    claim_reminder(state, id, &ctx)
}

#[test]
fn remind_offers_the_bills_dates_and_asks_the_time_zone_only_once() {
    let mut chat = reviewed_new_bill();
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::REMIND_HEADING));
    let week_before = remind_button(keys::REMIND_KIND_COLLECTIONS_WEEK, day(2027, 1, 23));
    let best_day = remind_button(keys::REMIND_KIND_BEST_DAY, day(2026, 11, 30));
    assert!(chat.labels().contains(&week_before), "{:?}", chat.labels());
    assert!(chat.labels().contains(&best_day), "{:?}", chat.labels());

    // The first reminder asks the time zone.
    chat.press(&week_before);
    assert!(matches!(chat.state.screen, Screen::AskTimeZone { .. }));
    assert_eq!(chat.labels().len(), 8, "seven US zones and Other");
    let out = chat.press(&plain(keys::ZONE_EASTERN));
    assert_eq!(out[0], filled(keys::ZONE_SET, &[("zone", "Eastern")]));
    let when = format!("{} at 10:00 AM", shown(day(2027, 1, 23)));
    assert_eq!(
        out[1],
        filled(
            keys::REMIND_SET,
            &[("what", &plain(keys::REMIND_KIND_COLLECTIONS_WEEK)), ("when", &when)]
        )
    );
    assert!(matches!(chat.state.screen, Screen::Remind { .. }), "back on the picker");
    assert!(!chat.labels().contains(&week_before), "a set reminder has no button");
    assert_eq!(chat.state.time_zone.as_deref(), Some("America/New_York"));
    let reminder = &chat.state.reminders.items[0];
    assert_eq!(reminder.due, utc("2027-01-23T15:00:00Z"), "10 AM Eastern");

    // The second one is set at once.
    let out = chat.press(&best_day);
    assert_eq!(out.len(), 2, "the line and the picker: {out:?}");
    assert_eq!(chat.state.reminders.items.len(), 2);
    assert_eq!(chat.state.reminders.items[1].due, utc("2026-11-30T15:00:00Z"));

    // Done: back where the user was.
    chat.press(&plain(keys::REMIND_LEAVE));
    assert_eq!(chat.state.screen, Screen::Summary);
}

#[test]
fn set_all_sets_every_reminder_offered_and_a_typed_zone_is_read() {
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Remind));
    let all = chat
        .labels()
        .into_iter()
        .find(|l| l.starts_with("🔔"))
        .expect("a set-all button");
    chat.press(&all);
    let out = chat.send(text("Mars/Olympus"));
    assert_eq!(out[0], line(keys::ZONE_UNKNOWN));
    assert!(matches!(chat.state.screen, Screen::AskTimeZone { .. }));
    let out = chat.send(text("america/chicago"));
    assert_eq!(out[0], filled(keys::ZONE_SET, &[("zone", "Central")]));
    let count = chat.state.reminders.items.len();
    assert!(count >= 4, "week before, day before, best day, financial help: {count}");
    assert_eq!(out[1], filled(keys::REMIND_SET_MANY, &[("count", &count.to_string())]));
    // 10 AM Central, in winter and in summer time.
    for reminder in &chat.state.reminders.items {
        let local = reminder.due.with_timezone(&chrono_tz::America::Chicago);
        assert_eq!(local.format("%H:%M").to_string(), "10:00", "{reminder:?}");
    }
}

#[test]
fn reminders_lists_the_coming_ones_and_cancels_one() {
    let (mut chat, _) = chat_with_reminder(keys::REMIND_KIND_COLLECTIONS_DAY, day(2027, 1, 29));
    chat.press(&remind_button(keys::REMIND_KIND_BEST_DAY, day(2026, 11, 30)));
    let out = chat.send(cmd(Command::Reminders));
    let listed = &out[0];
    assert_contains(listed, &filled(keys::REMINDERS_HEADING, &[("zone", "Eastern")]));
    // Soonest first.
    let first = listed.find(&plain(keys::REMIND_KIND_BEST_DAY)).unwrap();
    let second = listed.find(&plain(keys::REMIND_KIND_COLLECTIONS_DAY)).unwrap();
    assert!(first < second);
    let out = chat.press(&filled(keys::REMINDERS_CANCEL, &[("number", "1")]));
    assert_contains(&out[0], &plain(keys::REMIND_KIND_BEST_DAY));
    assert_eq!(chat.state.reminders.items.len(), 1);
    assert!(
        !out[1].contains(&plain(keys::REMIND_KIND_BEST_DAY)),
        "the list shows again without it"
    );
    // A cancel button from an old list.
    let out = chat.send(button("remind:cancel:1"));
    assert_eq!(out[0], line(keys::REMIND_NO_LONGER));
}

#[test]
fn a_call_with_a_promised_date_offers_a_reminder_on_that_date() {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Call));
    chat.send(text("Dana"));
    chat.send(text("55812"));
    chat.press(&plain(keys::CALL_OUTCOME_PROMISED));
    chat.send(text("send the itemized bill"));
    let out = chat.send(text("12/11"));
    let offer = filled(
        keys::REMIND_FOLLOW_UP_AFTER_CALL,
        &[("date", &shown(day(2026, 12, 11)))],
    );
    let saved = chat
        .outputs()
        .iter()
        .find(|o| o.text().to_plain().starts_with("Saved"))
        .expect("the saved line");
    assert_eq!(labels_of(keyboard_of(saved)), [offer, plain(keys::FAQ_BACK)], "{out:?}");
    assert_eq!(chat.outputs().len(), 1, "the long report is not sent again");
    let data = keyboard_of(saved)[0][0].data.clone();
    chat.send(button(&data));
    let reminder = &chat.state.reminders.items[0];
    assert_eq!(reminder.date, day(2026, 12, 11));
    assert_eq!(reminder.due, utc("2026-12-11T15:00:00Z"));
    assert_eq!(chat.state.screen, Screen::Summary, "still where the user was");

    // On that day the reminder quotes the promise.
    let mut state = chat.state.clone();
    let Due::Send(message) = claim_at(&mut state, reminder.id, reminder.due) else {
        panic!("not sent")
    };
    assert_contains(&message.text().to_plain(), "send the itemized bill");
}

#[test]
fn a_call_that_lowered_the_bill_asks_the_new_amount_and_keeps_it() {
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Call));
    chat.send(text("Ana"));
    chat.send(cmd(Command::Skip));
    let out = chat.press(&plain(keys::CALL_OUTCOME_REDUCED));
    assert_eq!(out.last().unwrap(), &line(keys::CALL_NEW_AMOUNT_PROMPT));
    let out = chat.send(text("about half"));
    assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE));
    let out = chat.send(text("$617.25"));
    assert_contains(&out[0], "Ana lowered the bill to $617.25");
    assert_contains(&out[0], &filled(keys::CALL_AMOUNT_UPDATED, &[("amount", "$617.25")]));
    assert_eq!(chat.bill().amount_due, Some(dollars(61725)));
    assert_eq!(chat.bill().calls[0].new_amount, Some(dollars(61725)));
    assert_eq!(chat.state.screen, Screen::Summary, "back where the user was");
}

#[test]
fn a_letter_from_the_report_does_not_send_the_long_report_again() {
    let mut chat = Chat::reviewed(&[]);
    assert_eq!(chat.state.screen, Screen::Summary);
    chat.send(cmd(Command::Letter));
    chat.press(&plain(keys::LETTER_ITEMIZED_REQUEST));
    let outputs = chat.outputs();
    assert_eq!(outputs.len(), 2, "{outputs:?}");
    assert!(matches!(outputs[0], Output::Document { .. }));
    assert_eq!(outputs[1].text().to_plain(), line(keys::SCRIPT_REPORT_WAITS));
    let out = chat.press(&plain(keys::FAQ_BACK));
    assert_contains(&out[0], &line(keys::SUMMARY_FOOTER));
    // Mid-review, the question is asked again instead.
    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(cmd(Command::Script));
    let out = chat.press(&plain(keys::SCRIPT_HOSPITAL));
    assert_contains(out.last().unwrap(), &line(keys::AMOUNT_DUE_PROMPT));
}

#[test]
fn an_out_of_network_doctor_is_asked_about_the_facility_and_the_act_applies() {
    let overrides = [
        (Question::Sender, "doctor_office"),
        (Question::Coverage, "out_of_network"),
        (Question::Emergency, "no"),
        (Question::InNetworkFacility, "yes"),
        (Question::Claim, "paid_part"),
        (Question::AmountDue, "$900"),
        (Question::EobYourShare, "$150"),
    ];
    let mut chat = Chat::reviewing();
    chat.answer_until(&overrides, None);
    assert!(chat.asked.contains(&Question::InNetworkFacility));
    assert_eq!(chat.bill().in_network_facility, Some(Answer3::Yes));
    let out = chat.press(&plain(keys::REPORT_SEE_FINDINGS));
    assert_contains(&out[0], &line(keys::VISIT_FACILITY_BALANCE_BILLING_TITLE));
    // Not asked of a hospital's own bill, nor of emergency care.
    let hospital = Chat::reviewed(&[(Question::Coverage, "out_of_network")]);
    assert!(!hospital.asked.contains(&Question::InNetworkFacility));
    let emergency = Chat::reviewed(&[
        (Question::Sender, "doctor_office"),
        (Question::Coverage, "out_of_network"),
        (Question::Emergency, "yes"),
    ]);
    assert!(!emergency.asked.contains(&Question::InNetworkFacility));
}

#[test]
fn a_payment_plan_agreed_on_a_call_offers_a_reminder_for_each_payment() {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    let out = chat.press(&plain(keys::CALL_OUTCOME_PLAN));
    assert_eq!(out.last().unwrap(), &line(keys::CALL_PLAN_MONTHLY_PROMPT));
    chat.send(text("100"));
    chat.send(text("1/1"));
    let saved = chat.outputs()[0].clone();
    assert_contains(
        &saved.text().to_plain(),
        &format!(
            "agreed a payment plan of $100.00 a month from {}",
            shown(day(2027, 1, 1))
        ),
    );
    // $1,234.50 at $100 a month: 13 payments, the last $34.50.
    let each = filled(keys::REMIND_EACH_PAYMENT, &[("count", "13")]);
    assert_eq!(labels_of(keyboard_of(&saved))[0], each);
    let data = keyboard_of(&saved)[0][0].data.clone();
    chat.send(button(&data));
    let payments = &chat.state.reminders.items;
    assert_eq!(payments.len(), 13);
    assert_eq!(payments[0].date, day(2027, 1, 1));
    assert_eq!(payments[0].deliver_on, day(2026, 12, 29), "three days ahead");
    assert_eq!(payments[12].date, day(2028, 1, 1));
    let last = match payments[12].kind {
        billcoach::domain::reminders::ReminderKind::Payment { amount, .. } => amount,
        other => panic!("{other:?}"),
    };
    assert_eq!(last, dollars(3450));
}

#[test]
fn a_due_reminder_has_done_snooze_and_script_buttons() {
    let (mut chat, id) = chat_with_reminder(keys::REMIND_KIND_COLLECTIONS_WEEK, day(2027, 1, 23));

    // Too early: nothing to send.
    let mut state = chat.state.clone();
    assert_eq!(claim_at(&mut state, id, utc("2027-01-23T14:59:00Z")), Due::NotDue);
    // On time: the message, marked as being sent.
    let Due::Send(message) = claim_at(&mut state, id, utc("2027-01-23T15:00:00Z")) else {
        panic!("not sent")
    };
    let text = message.text().to_plain();
    assert_contains(&text, &filled(keys::DUE_HEADING, &[("bill", "bill 1")]));
    assert_contains(&text, "day 90");
    assert_lacks(&text, &filled(keys::DUE_LATE, &[("date", &shown(day(2027, 1, 23)))]));
    assert_eq!(
        labels_of(keyboard_of(&message)),
        [plain(keys::DUE_DONE), plain(keys::DUE_SNOOZE), plain(keys::DUE_SCRIPT)]
    );
    state.reminders.delivered(id, utc("2027-01-23T15:00:01Z"));
    chat.state = state;

    // Snooze: same time tomorrow, the message edited to say so.
    chat.now = utc("2027-01-23T15:05:00Z");
    chat.send(button(&format!("remind:snooze:{id}")));
    let Output::ReplacePressed { text, keyboard } = &chat.outputs()[0] else {
        panic!("not an edit")
    };
    assert!(keyboard.is_empty());
    assert_contains(&text.to_plain(), "Sun, Jan 24 at 10:05 AM");
    assert_eq!(chat.state.reminders.pending().len(), 1);

    // Show script: the hospital script, filled.
    chat.send(button(&format!("remind:script:{id}")));
    assert_eq!(chat.outputs().len(), 1);
    assert_eq!(
        labels_of(keyboard_of(&chat.outputs()[0])),
        [plain(keys::SCRIPT_NOTE_CALL)]
    );

    // Done: forgotten.
    chat.send(button(&format!("remind:done:{id}")));
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert!(chat.state.reminders.items.is_empty());
    let out = chat.send(button(&format!("remind:done:{id}")));
    assert_eq!(out, [line(keys::REMIND_NO_LONGER)]);
}

#[test]
fn a_reminder_found_late_says_so_and_never_comes_at_night() {
    let (chat, id) = chat_with_reminder(keys::REMIND_KIND_BEST_DAY, day(2026, 11, 30));
    let mut state = chat.state.clone();
    // The bot comes back at 11 PM Eastern on Dec 1: wait for the morning.
    assert_eq!(claim_at(&mut state, id, utc("2026-12-02T04:00:00Z")), Due::Postponed);
    assert_eq!(state.reminders.items[0].due, utc("2026-12-02T14:00:00Z"));
    let Due::Send(message) = claim_at(&mut state, id, utc("2026-12-02T14:00:00Z")) else {
        panic!("not sent")
    };
    assert_contains(
        &message.text().to_plain(),
        &filled(keys::DUE_LATE, &[("date", &shown(day(2026, 11, 30)))]),
    );
}

#[test]
fn before_any_answer_there_is_nothing_to_remind_of_or_mark_paid() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out, [line(keys::REMIND_NONE)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    let out = chat.send(cmd(Command::Paid));
    assert_eq!(out[0], line(keys::PAID_NO_BILL));
    assert_eq!(chat.state, ChatState::default());
}

#[test]
fn paid_settles_the_bill_stops_its_reminders_and_goes_back() {
    let (mut chat, _) = chat_with_reminder(keys::REMIND_KIND_COLLECTIONS_WEEK, day(2027, 1, 23));
    chat.press(&plain(keys::REMIND_LEAVE));
    chat.send(cmd(Command::Paid));
    assert_eq!(
        chat.labels(),
        [
            filled(keys::PAID_FULL, &[("amount", "$1,234.50")]),
            plain(keys::PAID_NOT_NOW)
        ]
    );
    let out = chat.send(text("a lot"));
    assert_eq!(out[0], line(keys::AMOUNT_UNREADABLE));
    let out = chat.send(text("800"));
    assert_eq!(
        out[0],
        filled(keys::PAID_DONE, &[("amount", "$800.00"), ("date", &shown(today()))])
    );
    assert_eq!(out[1], filled(keys::PAID_SAVED, &[("saved", "$434.50")]));
    assert_eq!(
        out.last().unwrap(),
        &line(keys::SCRIPT_REPORT_WAITS),
        "not the whole summary again"
    );
    assert!(chat.state.reminders.items.is_empty(), "its reminders stopped");
    assert_eq!(chat.bill().paid.map(|p| p.amount), Some(dollars(80000)));
    assert_eq!(chat.state.screen, Screen::Summary);
    // Nothing left to remind of.
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out, [line(keys::REMIND_PAID)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    // Asked again, it says what was recorded; a negative amount is refused.
    let out = chat.send(cmd(Command::Paid));
    assert_contains(
        &out[0],
        &filled(keys::PAID_ALREADY, &[("amount", "$800.00"), ("date", &shown(today()))]),
    );
    let out = chat.send(text("-5"));
    assert_eq!(out[0], line(keys::PAID_NEGATIVE));
}

#[test]
fn today_is_the_users_own_date_once_the_zone_is_known() {
    let mut chat = reviewed_new_bill();
    // 11 PM Pacific on Nov 28 is already Nov 29 in UTC.
    chat.now = utc("2026-11-29T07:00:00Z");
    chat.state.time_zone = Some("America/Los_Angeles".to_string());
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    chat.press(&plain(keys::CALL_OUTCOME_REFUSED));
    assert_eq!(chat.bill().calls[0].date, day(2026, 11, 28));
}

// ---------------------------------------------------------------------------
// J. Property: random sequences of inputs
// ---------------------------------------------------------------------------

/// Every kind of button data this version can send.
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
        data.push(format!("skip:{}", q.id()));
    }
    for fixed in [
        "items:done",
        "items:fix",
        "items:remove",
        "items:list",
        "items:none",
        "nr:done",
        "date:yes",
        "date:no",
        "bill:new",
        "delete:yes",
        "delete:no",
        "report:summary",
        "report:findings:0",
        "report:findings:1",
        "report:findings:9",
        "report:timing",
        "call:skip",
        "call:done",
        "call:outcome:promised",
        "call:outcome:refused",
        "call:outcome:nonsense",
        "faq:list",
        "faq:0",
        "faq:4",
        "faq:9",
        "resume",
        "report:scripts",
        "report:offer",
        "call:start",
        "script:hospital",
        "script:collections",
        "script:nonsense",
        "letter:itemized_request",
        "letter:debt_validation",
        "letter:nonsense",
    ] {
        data.push(fixed.to_string());
    }
    for index in [0, 1, 2, 4, 11, 12, 19, 20, 24, 44, 45, 499, 99_999] {
        for page in [0, 1, 2, 3, 99_999] {
            data.push(format!("nr:t:{index}:{page}"));
        }
    }
    for page in [0, 1, 2, 3, 7] {
        data.push(format!("nr:p:{page}"));
    }
    for bill in [0, 1, 2, 3, 99_999] {
        data.push(format!("bill:{bill}"));
    }
    data
}

/// Whether button data has one of the shapes in action.rs.
fn is_known_data(data: &str, state: &ChatState) -> bool {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = data.split(':').collect();
    match parts.as_slice() {
        ["menu", item] => ["review", "script", "reminders", "main"].contains(item),
        ["answer", q, choice] => Question::from_id(q).is_some_and(|q| q.options().iter().any(|(id, _)| id == choice)),
        ["keep", q] => Question::from_id(q).is_some(),
        ["skip", q] => Question::from_id(q).is_some_and(Question::is_optional),
        ["items", what] => ["done", "fix", "remove", "list", "none"].contains(what),
        ["nr", "t", index, page] => {
            number(index) && number(page) && index.parse::<usize>().unwrap() < state.bill().items.len()
        }
        ["nr", "p", page] => number(page),
        ["nr", "done"] | ["date", "yes" | "no"] | ["bill", "new"] | ["delete", "yes" | "no"] => true,
        ["bill", index] => number(index) && index.parse::<usize>().unwrap() < state.bills.len(),
        ["report", "summary" | "timing" | "scripts" | "offer"]
        | ["call", "skip" | "done" | "start"]
        | ["faq", "list"]
        | ["resume"] => true,
        ["script", id] => billcoach::content::templates::ScriptKind::from_id(id).is_some(),
        ["letter", id] => billcoach::content::templates::LetterKind::from_id(id).is_some(),
        ["call", "outcome", id] => ["promised", "reduced", "payment_plan", "refused", "call_back"].contains(id),
        ["faq", index] => number(index),
        ["report", "findings", page] => number(page),
        ["remind", "add" | "list" | "all" | "zone"] | ["leave"] | ["paid", "full"] => true,
        ["remind", "set", code] => ["cw", "cd", "fu", "pr", "bd", "nsa", "ap", "fa", "dv", "pay"].contains(code),
        ["remind", "cancel" | "done" | "snooze" | "script", id] => {
            number(id) && state.reminders.items.iter().any(|r| r.id.to_string() == *id)
        }
        ["zone", id] => [
            "eastern", "central", "mountain", "arizona", "pacific", "alaska", "hawaii", "other",
        ]
        .contains(id),
        _ => false,
    }
}

/// Labels and words people might type.
fn typed_words() -> Vec<String> {
    let mut typed: Vec<String> = Vec::new();
    for q in Question::ORDER {
        for (id, label) in q.options() {
            typed.push(id.to_string());
            typed.push(plain(label));
        }
    }
    typed.extend(
        [
            "yes",
            "no",
            "not sure",
            "hospital",
            "self-pay",
            "doctor",
            "uninsured",
            "network",
            "hosp",
            "no estimate",
            "done",
            "Done.",
            "that's all",
            "Ohio",
            "OH",
            "new york",
            "3",
            "1",
            "12",
            "45",
            "#2",
            "3, 5",
            "1 2 3",
            "0",
            "21",
            "skip",
            "America/Chicago",
            "eastern",
            "Mars/Base",
            "350",
            "/remind",
            "/reminders",
            "/paid",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    typed
}

/// One line of a bill: real ones, near misses, and noise.
fn bill_line_strategy() -> impl Strategy<Value = String> {
    let er_lines: Vec<String> = ER_BILL.lines().map(String::from).collect();
    prop_oneof![
        3 => proptest::sample::select(er_lines),
        2 => "(0[1-9]|1[0-2])/(0[1-9]|2[0-8])/20(25|26|27)  0[1-9][0-9]{2}  [0-9]{5}(-25)?  [A-Z ]{3,20}  [1-4]  [0-9]{1,4}\\.[0-9]{2}",
        2 => "[0-9A-Z]{5}(-[0-9A-Z]{2})? [A-Za-z ]{1,20} \\$?[0-9,]{1,7}(\\.[0-9]{1,3})?",
        1 => "(Mar|Apr|Dec) [0-9]{1,2} [A-Z][0-9]{4} [a-z ]{2,12} [0-9]{1,5}",
        1 => "[0-9]{4},[0-9]{5},[A-Z ]{2,10},[0-9]{1,2},\"[0-9,]{1,6}\\.[0-9]{2}\"",
        1 => "(TOTAL|Page|Balance|Patient|Account)[ :A-Za-z0-9$.,]{0,30}",
        1 => "13/45/2026  99285  ER VISIT  \\$[0-9]{1,3}\\.00",
        1 => "\\PC{0,60}",
    ]
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        // Amounts, well and badly written.
        Just(String::new()),
        "[$]?[0-9]{1,9}([.,][0-9]{1,3})?",
        "[-+(]?[$ ]?[0-9,. ']{0,14}( ?(usd|dollars|cr|\\$))?[)]?",
        "[0-9]{20,40}",
        // Dates.
        proptest::sample::select(vec![
            "3/14/26",
            "March 14",
            "yesterday",
            "today",
            "12/25/26",
            "13/45/2026",
            "2026-03-14",
            "Feb 30",
            "4/2/26",
            "3/1/26",
            "Tue, Jul 14, 2026",
        ])
        .prop_map(String::from),
        "[0-9]{1,2}/[0-9]{1,2}(/[0-9]{2,4})?",
        "(jan|mar|dec|sept|March) [0-9]{1,2}(st|th)?(, 20[0-9]{2})?",
        // Labels, ids, numbers and words.
        proptest::sample::select(typed_words()),
        "#?[0-9]{1,2}([, ;]{1,2}[0-9]{1,2}){0,4}",
        // Pasted bills and single code-like lines.
        bill_line_strategy(),
        proptest::collection::vec(bill_line_strategy(), 1..40).prop_map(|lines| lines.join("\n")),
        Just(ER_BILL.to_string()),
        // Anything, including markup and unicode.
        ".{0,40}",
        "[<>&\"a-z/ ]{0,40}",
        "\\PC{0,80}",
        any::<String>(),
        // Very long text.
        proptest::collection::vec(any::<char>(), 1000..=5000).prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

fn command_strategy() -> impl Strategy<Value = Input> {
    let mut commands = Command::LISTED.to_vec();
    commands.push(Command::Unknown);
    proptest::sample::select(commands).prop_map(Input::Command)
}

fn garbage_button_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "(menu|answer|keep|skip|items|nr|date|bill|delete)(:[a-z0-9_]{0,18}){0,3}",
        "nr:t:[0-9]{1,12}:[0-9]{1,12}",
        "bill:-?[0-9]{1,20}",
        "[a-z:_]{0,64}",
        any::<String>(),
    ]
}

fn file_strategy() -> impl Strategy<Value = Input> {
    (
        proptest::sample::select(vec!["bill.txt", "bill.csv", "", "scan.tsv"]),
        prop_oneof![
            proptest::collection::vec(bill_line_strategy(), 0..30).prop_map(|lines| lines.join("\r\n")),
            Just(CSV_BILL.to_string()),
            Just(long_bill(45)),
            ".{0,200}",
        ],
    )
        .prop_map(|(name, text)| Input::File {
            name: name.to_string(),
            text,
        })
}

/// One thing the random user does.
#[derive(Debug, Clone)]
enum Move {
    Send(Input),
    /// Press a button among the ones last shown (by position, wrapping).
    PressShown(usize),
    /// Type one of the answers that fit the screen (by position, wrapping).
    TypeFitting(usize),
}

/// Answers a user might type on this screen, good and bad.
fn fitting_answers(state: &ChatState) -> Vec<String> {
    let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match &state.screen {
        Screen::Asking { question } => match question {
            q if CHOICE_QUESTIONS.contains(q) => {
                let mut typed: Vec<String> = q.options().into_iter().map(|(_, label)| plain(label)).collect();
                typed.push("maybe".to_string());
                typed
            }
            Question::ServiceDate | Question::FirstBillDate | Question::CollectorLetterDate | Question::DenialDate => {
                words(&[
                    "3/14/26",
                    "March 14",
                    "yesterday",
                    "4/2/26",
                    "12/25/26",
                    "3/1/26",
                    "13/45/2026",
                    "today",
                ])
            }
            Question::HouseholdSize => words(&["3", "1", "0", "21", "four"]),
            Question::UsState => words(&["Ohio", "tx", "new york", "Narnia"]),
            Question::LineItems => vec![
                ER_BILL.to_string(),
                "Mar 14 85025 CBC $142.00".to_string(),
                "done".to_string(),
                UNREADABLE_LINE.to_string(),
                CSV_BILL.to_string(),
                "hello".to_string(),
            ],
            Question::NotReceived => words(&["3, 5", "1", "12", "done", "99", "2 4 6"]),
            _ => words(&["$1,234.50", "900", "0", "-5", "12.345", "no estimate", "$42,000"]),
        },
        Screen::ConfirmDate { .. } => words(&["3/14/26", "tomorrowish", "12/25/26"]),
        Screen::FixItem { number: None } | Screen::RemoveItem => words(&["1", "2", "#3", "12", "0", "99"]),
        Screen::FixItem { number: Some(_) } => words(&["99285 ER visit $100", "Mar 14 85025 CBC $1.00", "nope"]),
        _ => words(&["hello", "no"]),
    }
}

fn move_strategy() -> impl Strategy<Value = Move> {
    prop_oneof![
        8 => any::<usize>().prop_map(Move::PressShown),
        6 => any::<usize>().prop_map(Move::TypeFitting),
        3 => command_strategy().prop_map(Move::Send),
        5 => text_strategy().prop_map(|t| Move::Send(Input::Text(t))),
        3 => proptest::sample::select(valid_button_data()).prop_map(|d| Move::Send(Input::Button(d))),
        1 => garbage_button_strategy().prop_map(|d| Move::Send(Input::Button(d))),
        1 => file_strategy().prop_map(Move::Send),
        1 => prop_oneof![Just(FileProblem::TooLarge), Just(FileProblem::NotText)]
            .prop_map(|p| Move::Send(Input::FileRefused(p))),
        1 => Just(Move::Send(Input::Unsupported)),
        1 => Just(Move::Send(Input::Resume)),
    ]
}

/// The button data of a step's outputs.
fn shown_data(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .flat_map(|o| keyboard_of(o).iter().flatten())
        .map(|b| b.data.clone())
        .collect()
}

/// States the random walks start from, with the buttons last shown, so
/// that short walks also reach the deep screens.
fn seeds() -> &'static [(ChatState, Vec<String>)] {
    static SEEDS: OnceLock<Vec<(ChatState, Vec<String>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let seed = |chat: Chat| (chat.state.clone(), shown_data(chat.outputs()));
        let fresh = (ChatState::default(), Vec::new());
        let items = seed(with_er_items());
        let mut paged = at_items();
        paged.send(text(&long_bill(45)));
        paged.press(&plain(keys::ITEMS_DONE));
        paged.press(&plain(keys::NOT_RECEIVED_NEXT));
        paged.press("25");
        let paged = seed(paged);
        let mut two = Chat::reviewed(&[
            (Question::Coverage, "in_network"),
            (Question::Claim, "paid_part"),
            (Question::InCollections, "yes"),
            (Question::HasItemized, "yes"),
        ]);
        two.send(cmd(Command::New));
        two.press(&plain(keys::SENDER_HOSPITAL));
        two.send(cmd(Command::Bills));
        let two = seed(two);
        let mut date = Chat::at(&[], Question::FirstBillDate);
        date.send(text("3/1/26"));
        let date = seed(date);
        vec![fresh, items, paged, two, date]
    })
}

/// What a bill says in answer to a question: its words, and whether it
/// was skipped.
fn answer_of(question: Question, bill: &Bill) -> (Option<String>, bool) {
    (
        question.current_answer(bill, content(), today()),
        bill.skipped.contains(question.id()),
    )
}

/// Whether an input on `screen` may change the answer to `question`.
fn may_change(screen: &Screen, question: Question) -> bool {
    let items = matches!(question, Question::LineItems | Question::NotReceived);
    match screen {
        // "I don't have it yet" on the empty list answers the itemized-bill
        // question again.
        Screen::Asking {
            question: Question::LineItems,
        } => items || question == Question::HasItemized,
        Screen::Asking { question: asked } | Screen::ConfirmDate { question: asked, .. } => *asked == question,
        Screen::FixItem { .. } | Screen::RemoveItem => items,
        // A call that lowered the bill sets the new amount due.
        Screen::LoggingCall {
            step: CallStep::NewAmount,
            ..
        } => question == Question::AmountDue,
        _ => false,
    }
}

fn in_items(screen: &Screen) -> bool {
    matches!(
        screen,
        Screen::Asking {
            question: Question::LineItems
        } | Screen::FixItem { .. }
            | Screen::RemoveItem
    )
}

/// Checks every property of one step from `before`.
fn check_step(before: &ChatState, input: &Input, after: &Step) -> Result<(), TestCaseError> {
    let erased = after.effects.contains(&Effect::EraseChat);
    let state = &after.state;

    // The user always has something to respond to.
    prop_assert!(!after.outputs.is_empty(), "no output for {:?}", input);
    let way_forward = match after.outputs.last() {
        Some(Output::Message { .. }) => true,
        Some(Output::ReplacePressed { keyboard, .. }) => !keyboard.is_empty(),
        Some(Output::Document { .. }) | None => false,
    };
    prop_assert!(
        way_forward,
        "the last output leaves no way forward for {:?}: {:?}",
        input,
        after.outputs.last()
    );

    for output in &after.outputs {
        // Telegram accepts the HTML.
        if let Err(problem) = output.text().check_tags() {
            return Err(TestCaseError::fail(format!(
                "bad HTML ({problem}) for {input:?}: {:?}",
                output.text().as_str()
            )));
        }
        // Every button is one Telegram takes and this version understands.
        for b in keyboard_of(output).iter().flatten() {
            prop_assert!(!b.data.is_empty() && b.data.len() <= 64, "button data {:?}", b.data);
            prop_assert!(is_known_data(&b.data, state), "unknown button data {:?}", b.data);
            prop_assert!(!b.label.trim().is_empty(), "a button without a label: {:?}", b);
        }
    }

    // Only a button press has a pressed message to replace.
    if after.outputs.iter().any(|o| matches!(o, Output::ReplacePressed { .. })) {
        prop_assert!(matches!(input, Input::Button(_)), "ReplacePressed for {:?}", input);
    }
    for bill in &state.bills {
        prop_assert!(
            !(bill.items_confirmed && bill.items.is_empty()),
            "an empty list is confirmed"
        );
    }

    // The state is consistent.
    prop_assert!(
        state.current < state.bills.len(),
        "current {} of {}",
        state.current,
        state.bills.len()
    );
    for bill in &state.bills {
        prop_assert!(
            bill.not_received.iter().all(|&i| i < bill.items.len()),
            "a not-received mark past the items: {:?} of {}",
            bill.not_received,
            bill.items.len()
        );
    }
    // Side screens do not nest, but for the time-zone question asked from
    // a reminder screen (it goes back there).
    if let Some(back_to) = state.screen.back_to() {
        let from_reminders = matches!(state.screen, Screen::AskTimeZone { .. })
            && matches!(back_to, Screen::Remind { .. } | Screen::Reminders { .. });
        let depth_ok = back_to.back_to().is_none_or(|further| further.back_to().is_none());
        prop_assert!(
            (from_reminders && depth_ok) || back_to.back_to().is_none(),
            "nested side screens: {:?}",
            state.screen
        );
    }
    // Reminders are about bills that exist, and their ids are unique.
    let ids: BTreeSet<u32> = state.reminders.items.iter().map(|r| r.id).collect();
    prop_assert_eq!(ids.len(), state.reminders.items.len(), "a reminder id used twice");
    prop_assert!(state
        .reminders
        .items
        .iter()
        .all(|r| r.bill < state.bills.len() && r.id < state.reminders.next_id));

    if erased {
        prop_assert_eq!(&after.effects, &vec![Effect::EraseChat]);
        prop_assert_eq!(state, &ChatState::default());
        prop_assert!(
            matches!(before.screen, Screen::ConfirmDelete { .. }),
            "erased without confirmation from {:?}",
            before.screen
        );
    } else {
        // The only other effect is an export, asked for with /export.
        let exported = after.effects == vec![Effect::ExportChat];
        prop_assert!(
            after.effects.is_empty() || (exported && *input == Input::Command(Command::Export)),
            "effects {:?} for {:?}",
            after.effects,
            input
        );
        // Bills are never dropped.
        prop_assert!(state.bills.len() >= before.bills.len(), "a bill was dropped");
        for (index, was) in before.bills.iter().enumerate() {
            let is = &state.bills[index];
            if index != before.current {
                prop_assert_eq!(
                    is,
                    was,
                    "bill {} changed while working on bill {}",
                    index,
                    before.current
                );
                continue;
            }
            // The items change only when fixed or removed, else only grow.
            let edited = matches!(input, Input::Text(_))
                && matches!(before.screen, Screen::FixItem { number: Some(_) } | Screen::RemoveItem);
            if edited {
                prop_assert!(is.items.len() + 1 >= was.items.len() && is.items.len() <= was.items.len());
            } else {
                prop_assert!(is.items.starts_with(&was.items), "items lost for {:?}", input);
            }
            if is.items != was.items {
                prop_assert!(in_items(&before.screen), "items changed on {:?}", before.screen);
            }
            if is.not_received != was.not_received {
                prop_assert!(
                    before.screen == asking(Question::NotReceived) || before.screen == Screen::RemoveItem,
                    "marks changed on {:?}",
                    before.screen
                );
            }
            // A confirmed answer is never lost. (More items make the list,
            // and so the marks, need confirming again: no answer is lost.)
            let grown = is.items.len() > was.items.len();
            for q in Question::ORDER {
                if grown && matches!(q, Question::LineItems | Question::NotReceived) {
                    continue;
                }
                if q.applies(was) && q.is_answered(was) {
                    prop_assert!(
                        q.is_answered(is),
                        "{:?} lost after {:?} on {:?}",
                        q,
                        input,
                        before.screen
                    );
                }
            }
            // An answer changes only while its question is being answered.
            for q in Question::ORDER {
                if answer_of(q, was) != answer_of(q, is) {
                    prop_assert!(
                        may_change(&before.screen, q),
                        "{:?} changed on {:?} by {:?}",
                        q,
                        before.screen,
                        input
                    );
                }
            }
        }
    }

    // The state survives being saved.
    let json = serde_json::to_string(state).map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let back: ChatState =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("deserialize {json}: {e}")))?;
    prop_assert_eq!(&back, state, "JSON: {}", json);
    Ok(())
}

/// Walks from a seed state through the moves, checking every step.
fn walk(seed: usize, moves: Vec<Move>) -> Result<(), TestCaseError> {
    let ctx = Ctx {
        content: content(),
        reference: reference(),
        templates: templates(),
        now: now(),
    };
    let (mut state, mut shown) = seeds()[seed].clone();
    for action in moves {
        let input = match action {
            Move::Send(input) => input,
            Move::PressShown(_) if shown.is_empty() => Input::Command(Command::Start),
            Move::PressShown(k) => Input::Button(shown[k % shown.len()].clone()),
            Move::TypeFitting(k) => {
                let answers = fitting_answers(&state);
                Input::Text(answers[k % answers.len()].clone())
            }
        };
        let after = step(&state, input.clone(), &ctx);
        check_step(&state, &input, &after)?;
        let data = shown_data(&after.outputs);
        if !data.is_empty() {
            shown = data;
        }
        state = after.state;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    /// Every property, after every step of a random conversation.
    #[test]
    fn random_conversations_keep_every_promise(
        seed in 0..5usize,
        moves in proptest::collection::vec(move_strategy(), 1..=60)
    ) {
        walk(seed, moves)?;
    }
}

/// A chat at the menu with `n` bills, each with an amount (so not empty).
fn with_bills(n: usize) -> Chat {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let bill = Bill {
        amount_due: Some(Decimal::from(100)),
        ..Bill::default()
    };
    chat.state.bills = vec![bill; n];
    chat.state.current = n - 1;
    chat
}

#[test]
fn a_chat_keeps_at_most_twenty_bills_and_says_so() {
    let mut chat = with_bills(20);
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 20);
    assert_eq!(out[0], filled(keys::LIMIT_BILLS, &[("most", "20")]));
    // One short of the limit, a new bill still starts.
    let mut chat = with_bills(19);
    chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 20);
}

#[test]
fn bills_come_eight_to_a_page() {
    let mut chat = with_bills(20);
    let bill_buttons = |chat: &Chat| {
        chat.keyboard()
            .iter()
            .flatten()
            .filter(|b| b.data.starts_with("bill:") && b.data != "bill:new")
            .map(|b| b.data.clone())
            .collect::<Vec<_>>()
    };
    let out = chat.send(cmd(Command::Bills));
    assert_contains(&out[0], &filled(keys::BILLS_PAGE, &[("page", "1"), ("pages", "3")]));
    assert_eq!(
        bill_buttons(&chat),
        (0..8).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    chat.press(&plain(keys::BILLS_MORE));
    assert!(
        matches!(chat.outputs()[0], Output::ReplacePressed { .. }),
        "the list is edited in place"
    );
    chat.press(&plain(keys::BILLS_MORE));
    assert_eq!(
        bill_buttons(&chat),
        (16..20).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    assert!(
        chat.keyboard()
            .iter()
            .flatten()
            .all(|b| b.label != plain(keys::BILLS_MORE)),
        "no page after the last"
    );
    chat.press(&plain(keys::BILLS_PREVIOUS));
    assert_eq!(
        bill_buttons(&chat),
        (8..16).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    chat.press("9. Bill");
    assert_eq!(chat.state.current, 8);
}

#[test]
fn a_bill_keeps_at_most_fifty_calls_and_says_so() {
    let mut chat = with_bills(1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    chat.state.bills[0].calls = vec![billcoach::domain::calls::CallLog::new(today); 50];
    let before = chat.state.screen.clone();
    let out = chat.send(cmd(Command::Call));
    assert_eq!(out[0], filled(keys::LIMIT_CALLS, &[("most", "50")]));
    assert_eq!(chat.state.screen, before);
    assert_eq!(chat.state.bills[0].calls.len(), 50);
}

#[test]
fn a_bill_keeps_at_most_500_lines_and_says_so() {
    let mut chat = at_items();
    let paste: String = (0..510).map(|n| format!("85025 CBC q{n}q $1{n}.00\n")).collect();
    let out = chat.send(text(&paste));
    assert_eq!(chat.bill().items.len(), 500);
    assert!(
        out.iter().any(|o| o == &filled(keys::LIMIT_ITEMS, &[("most", "500")])),
        "{out:?}"
    );
    assert!(!out.concat().contains(&line(keys::ITEMS_STOPPED_EARLY)));
}

#[test]
fn control_and_bidi_characters_are_neither_stored_nor_echoed() {
    let mut chat = at_items();
    let out = chat.send(text("85025 CBC\u{202E}LATOT\u{0} & DIFF $12.00\nzzz\u{2066}\u{1b}"));
    let stored = &chat.bill().items[0].description;
    assert_eq!(stored, "CBCLATOT & DIFF");
    for shown in &out {
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(!shown.contains('\u{202E}') && !shown.contains('\u{2066}'), "{shown:?}");
    }
    assert_contains(&out[0], "CBCLATOT & DIFF");
}
