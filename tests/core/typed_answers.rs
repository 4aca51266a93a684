//! What people really type, read by the forgiving readers: a corpus of
//! real-style answers (`fixtures/typed_answers.toml`, written by someone
//! playing stressed patients, with the reading a careful human would
//! take, or "ask"). Nearly all (the goal is 95%) of the answers a human would read are
//! read (sure, or a guess confirmed with one tap), and none is read wrong.
//! A yes/no question's set is written `yes_no_not_sure+<question id>`: it
//! reads both, as the conversation does.

use billcoach::domain::reading::{
    choice_sets_from_toml, read_amount_for, read_choice, read_count, read_date, read_notice_date, Amount,
    AmountContext, Choice, Period, Reading, Words,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;

#[derive(Deserialize)]
struct Corpus {
    answer: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    kind: String,
    set: String,
    asked: String,
    text: String,
    expect: String,
}

/// What a reader made of an answer, in the corpus's terms.
#[derive(Debug, PartialEq)]
enum Outcome {
    Read(String),
    DontKnow,
    Refused,
}

fn outcome<T>(result: Result<Reading<T>, impl std::fmt::Debug>, show: impl Fn(T) -> String) -> Outcome {
    match result {
        Ok(Reading::Sure(value)) | Ok(Reading::Guess(value)) => Outcome::Read(show(value)),
        Ok(Reading::DontKnow) => Outcome::DontKnow,
        Err(_) => Outcome::Refused,
    }
}

fn show_amount(amount: Amount) -> String {
    let value = amount.value.normalize().to_string();
    match amount.period {
        Period::AsAsked => value,
        Period::PerMonth => format!("{value}/month"),
        Period::PerYear => format!("{value}/year"),
    }
}

/// An expected amount written as [`show_amount`] writes one, so "3812.50"
/// equals a read 3812.5: the figure compared as a Decimal, the period
/// suffix ("/month", "/year") kept as written.
fn expected_amount(expect: &str) -> String {
    let (figure, suffix) = match expect.find('/') {
        Some(at) => expect.split_at(at),
        None => (expect, ""),
    };
    let value = Decimal::from_str(figure).unwrap_or_else(|_| panic!("expected amount {expect:?} is not a number"));
    format!("{}{suffix}", value.normalize())
}

#[test]
fn typed_answers_are_read_and_never_misread() {
    let root = env!("CARGO_MANIFEST_DIR");
    let read_file = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).unwrap();
    let words = Words::from_toml(&read_file("dialogues/en/reading/words.toml")).unwrap();
    let sets = choice_sets_from_toml(&read_file("dialogues/en/reading/choices.toml")).unwrap();
    let corpus: Corpus = toml::from_str(&read_file("tests/fixtures/typed_answers.toml")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();

    let (mut readable, mut read, mut wrong, mut refused) = (0, 0, Vec::new(), Vec::new());
    for entry in &corpus.answer {
        let got = match entry.kind.as_str() {
            "amount" => {
                // The question asked, as the conversation passes it.
                let context = match entry.asked.as_str() {
                    "yearly household income" => AmountContext::yearly_income(),
                    _ => AmountContext::default(),
                };
                outcome(read_amount_for(&entry.text, &words, context), show_amount)
            }
            "count" => outcome(read_count(&entry.text, &words), |n| n.to_string()),
            // A final notice's collections day is a day ahead, or counted
            // from the letter, as the conversation reads it.
            "date" if entry.asked == "final notice collections date" => {
                outcome(read_notice_date(&entry.text, today, &words), |d| d.to_string())
            }
            "date" => outcome(read_date(&entry.text, today, &words), |d| d.to_string()),
            "choice" => {
                // "yes_no_not_sure+emergency": the question reads both
                // sets, each button named by the phrases of either.
                let mut set: Vec<(String, Choice)> = Vec::new();
                for name in entry.set.split('+') {
                    let named = sets.get(name).unwrap_or_else(|| panic!("no choice set {name}"));
                    for (id, choice) in named {
                        match set.iter_mut().find(|(each, _)| each == id) {
                            Some((_, known)) => *known = known.clone().and(Some(choice)),
                            None => set.push((id.clone(), choice.clone())),
                        }
                    }
                }
                let choices: Vec<_> = set.iter().map(|(_, choice)| choice.clone()).collect();
                outcome(read_choice(&entry.text, &choices, &words), |i| set[i].0.clone())
            }
            other => panic!("unknown kind {other}"),
        };
        let expected = match entry.expect.as_str() {
            "ask" => None,
            "dont_know" => Some(Outcome::DontKnow),
            value if entry.kind == "amount" => Some(Outcome::Read(expected_amount(value))),
            value => Some(Outcome::Read(value.to_string())),
        };
        let line = format!("{} {:?} expected {} got {got:?}", entry.kind, entry.text, entry.expect);
        match expected {
            // A human would ask again: reading a value would be wrong.
            None => {
                if matches!(got, Outcome::Read(_)) {
                    wrong.push(line);
                }
            }
            Some(expected) => {
                readable += 1;
                // "dont_know" is the Not sure button where the set has one.
                let not_sure_button = expected == Outcome::DontKnow
                    && got == Outcome::Read("not_sure".to_string())
                    && entry.set.split('+').any(|name| {
                        sets.get(name)
                            .is_some_and(|set| set.iter().any(|(id, _)| id == "not_sure"))
                    });
                if got == expected || not_sure_button {
                    read += 1;
                } else if got == Outcome::Refused {
                    refused.push(line);
                } else {
                    wrong.push(line);
                }
            }
        }
    }
    let rate = f64::from(read) * 100.0 / f64::from(readable.max(1));
    println!(
        "{} answers; {read} of {readable} a human would read were read ({rate:.1}%), {} refused, {} read wrong",
        corpus.answer.len(),
        refused.len(),
        wrong.len()
    );
    for line in &refused {
        println!("refused: {line}");
    }
    assert!(
        corpus.answer.len() >= 400,
        "the corpus has {} answers",
        corpus.answer.len()
    );
    assert!(wrong.is_empty(), "read wrong:\n{}", wrong.join("\n"));
    // Issue 18 asks for 95% (the readers are at 97.0% of 532). This floor
    // only rises: a change that reads less fails here.
    assert!(rate >= 96.9, "only {rate:.1}% read");
}
