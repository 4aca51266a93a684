//! Scenario tests and a property test of the pure conversation step
//! function, through the public API of the `billcoach` library only.
//!
//! "Today" is pinned to Saturday 2026-11-28, so every date is deterministic.

use billcoach::content::{keys, Content, Fill, Key, Languages};
use billcoach::conversation::{
    claim_reminder, step, CallStep, ChatState, Command, Ctx, Due, Effect, Input, Keyboard, Output, Question, Screen,
    Step,
};
use billcoach::domain::bill::{Answer3, Bill, BillSender, ClaimStatus, Coverage, Estimate};
use billcoach::domain::dates::format_date;
use billcoach::domain::line_items::{parse_bill_text, read_line, LineItem, LineRead};
use billcoach::domain::reference::Reference;
use billcoach::domain::upload::FileProblem;
use billcoach::resources::Resources;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal_macros::dec;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::support::day;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A 12-item emergency-room bill with a header, a total and a footer.
const ER_BILL: &str = include_str!("../../fixtures/bills/er_visit.txt");

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

fn resources() -> &'static Resources {
    static RESOURCES: OnceLock<Resources> = OnceLock::new();
    RESOURCES.get_or_init(|| Resources::load(None).expect("the built-in copy and data load"))
}

fn languages() -> &'static Languages {
    &resources().languages
}

fn content() -> &'static Content {
    &languages().english().content
}

fn reference() -> &'static Reference {
    &resources().reference
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// A date as the bot shows it today.
fn shown(date: NaiveDate) -> String {
    format_date(date, today())
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

/// The "Part n of 4 · name" line above each question.
fn part(number: usize) -> String {
    let names = [
        keys::REVIEW_PART_BILL,
        keys::REVIEW_PART_DATES,
        keys::REVIEW_PART_CHARGES,
        keys::REVIEW_PART_YOU,
    ];
    filled(
        keys::REVIEW_PROGRESS,
        &[
            ("current", &number.to_string()),
            ("total", "4"),
            ("part", &plain(names[number - 1])),
        ],
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
        // Most bills come with no final notice yet: the usual window stands.
        Question::CollectionsNoticeDate => "idk",
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
    /// The buttons on screen: those of the last message that had any (a
    /// short line without buttons leaves them working, as on a phone).
    buttons: Keyboard,
}

impl Chat {
    fn new() -> Chat {
        Chat {
            state: ChatState::default(),
            last: None,
            asked: Vec::new(),
            now: now(),
            buttons: Keyboard::new(),
        }
    }

    /// Applies one input, keeps the new state, returns the outputs' plain
    /// text.
    fn send(&mut self, input: Input) -> Vec<String> {
        let ctx = Ctx {
            languages: languages(),
            reference: reference(),
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
        // A step ending in a message with buttons shows those; one ending
        // in a short line leaves the earlier buttons on screen.
        match result.outputs.last() {
            Some(Output::Message { keyboard, .. }) if keyboard.is_empty() && is_pointer(result.outputs.last()) => {}
            Some(last) => self.buttons = keyboard_of(last).clone(),
            None => {}
        }
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
            buttons: self.buttons.clone(),
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
        &self.buttons
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
/// A chat at the not-received toggles of the 12-item bill.
fn at_not_received() -> Chat {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    chat
}

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

mod a_menu;
mod b_applies;
mod c_dates;
mod d_skip;
mod e_items;
mod f_not_received;
mod g_bills;
mod h_summary;
mod i2_reminders;
mod i_known_bugs;
mod j_random;
mod k_limits;
mod l_typed;
mod m_languages;

/// A short line and the pointer back to the screen above (its buttons
/// still work), as one message: what /help, /export and an answer that
/// can't be read get instead of the whole screen again.
fn pointed(said: &str, pointer: Key) -> String {
    format!("{said}\n{}", line(pointer))
}

/// Whether an output is a short line pointing back at the screen above.
fn is_pointer(output: Option<&Output>) -> bool {
    let pointers = [
        keys::INPUT_POINTER_TAP,
        keys::INPUT_POINTER_TYPE,
        keys::INPUT_POINTER_TYPE_OR_TAP,
    ];
    output.is_some_and(|o| {
        let text = o.text().to_plain();
        pointers.iter().any(|&key| text.ends_with(&line(key)))
    })
}
