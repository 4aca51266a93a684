//! The golden corpus of audited bills: every file in
//! `tests/fixtures/audit/` is a bill with the findings it must produce (and
//! only those), so each audit rule is pinned by at least one real-looking
//! bill, clean bills stay clean, and the money never adds up to more than
//! the bill.
//!
//! A fixture is TOML:
//! ```toml
//! description = "What this bill shows"
//! today = "2026-11-28"          # the date the audit runs on
//! [bill]                        # a Bill, as the review stores it
//! sender = "hospital"
//! [[bill.items]]
//! code = "85025"
//! amount = "142.00"
//! [[expect]]                    # one per finding, most money first or any order
//! kind = "duplicate"            # FindingKind::id()
//! items = [1, 2]                # 1-based line numbers, as the user sees them
//! at_stake = "142.00"           # optional
//! certainty = "certain"         # optional: certain | likely | worth_asking
//! ```

use billcoach::domain::audit::{audit, patient_share, Certainty};
use billcoach::domain::bill::Bill;
use billcoach::domain::reference::Reference;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    description: String,
    today: NaiveDate,
    bill: Bill,
    #[serde(default)]
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    #[serde(default)]
    items: Vec<usize>,
    at_stake: Option<Decimal>,
    certainty: Option<String>,
}

fn certainty_name(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Certain => "certain",
        Certainty::Likely => "likely",
        Certainty::WorthAsking => "worth_asking",
    }
}

fn fixtures() -> Vec<(PathBuf, Fixture)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let fixture: Fixture =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: not a valid fixture: {e}", path.display()));
            (path, fixture)
        })
        .collect()
}

#[test]
fn every_bill_in_the_corpus_gives_exactly_its_findings() {
    let reference = Reference::embedded().unwrap();
    let mut problems = Vec::new();
    for (path, fixture) in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let result = audit(&fixture.bill, &reference, fixture.today);
        let mut unmatched: Vec<_> = result.findings.iter().collect();
        for expected in &fixture.expect {
            let items: Vec<usize> = expected.items.iter().map(|n| n - 1).collect();
            let position = unmatched.iter().position(|f| {
                let mut found = f.items.clone();
                found.sort();
                let mut wanted = items.clone();
                wanted.sort();
                f.kind.id() == expected.kind && found == wanted
            });
            match position {
                Some(at) => {
                    let finding = unmatched.remove(at);
                    if let Some(stake) = expected.at_stake {
                        if finding.at_stake != stake {
                            problems.push(format!(
                                "{name}: {} on {:?} has ${} at stake, expected ${stake}",
                                expected.kind, expected.items, finding.at_stake
                            ));
                        }
                    }
                    if let Some(certainty) = &expected.certainty {
                        if certainty_name(finding.certainty) != certainty {
                            problems.push(format!(
                                "{name}: {} is {}, expected {certainty}",
                                expected.kind,
                                certainty_name(finding.certainty)
                            ));
                        }
                    }
                }
                None => problems.push(format!(
                    "{name} ({}): expected {} on lines {:?}; got {:?}",
                    fixture.description,
                    expected.kind,
                    expected.items,
                    result
                        .findings
                        .iter()
                        .map(|f| (f.kind.id(), &f.items))
                        .collect::<Vec<_>>()
                )),
            }
        }
        for extra in unmatched {
            problems.push(format!(
                "{name} ({}): unexpected {} on lines {:?} (${}, {})",
                fixture.description,
                extra.kind.id(),
                extra.items.iter().map(|i| i + 1).collect::<Vec<_>>(),
                extra.at_stake,
                certainty_name(extra.certainty)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_corpus_is_big_enough_and_has_clean_bills() {
    let all = fixtures();
    assert!(all.len() >= 78, "at least 78 bills, found {}", all.len());
    let clean = all
        .iter()
        .filter(|(_, f)| f.expect.iter().all(|e| e.certainty.as_deref() == Some("worth_asking")))
        .count();
    assert!(clean >= 5, "at least 5 bills without an error finding, found {clean}");
}

#[test]
fn the_money_at_stake_never_exceeds_the_bill() {
    let reference = Reference::embedded().unwrap();
    for (path, fixture) in fixtures() {
        let result = audit(&fixture.bill, &reference, fixture.today);
        let ceiling = fixture
            .bill
            .items_total()
            .max(fixture.bill.amount_due.unwrap_or_default())
            .max(Decimal::ZERO);
        assert!(
            result.total_at_stake() <= ceiling,
            "{}: ${} at stake on a ${ceiling} bill",
            path.display(),
            result.total_at_stake()
        );
        let mut sorted = result.findings.clone();
        sorted.sort_by_key(|f| std::cmp::Reverse(f.at_stake));
        assert_eq!(
            sorted.iter().map(|f| f.at_stake).collect::<Vec<_>>(),
            result.findings.iter().map(|f| f.at_stake).collect::<Vec<_>>(),
            "{}: most money first",
            path.display()
        );
    }
}

#[test]
fn legitimate_repeats_and_pairs_are_never_called_an_error() {
    // The bills written for issue 15's situations (normal repeats, visits
    // with shots, ER levels, EOB arithmetic): no "an error" among them,
    // except the one bill that prints modifiers and repeats an X-ray.
    let reference = Reference::embedded().unwrap();
    let mut checked = 0;
    for (path, fixture) in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let situation = ["repeat-", "er-level-", "eob-", "iv-", "words-", "contrast-", "room-"]
            .iter()
            .any(|prefix| name.starts_with(prefix));
        if !situation {
            continue;
        }
        checked += 1;
        let result = audit(&fixture.bill, &reference, fixture.today);
        for finding in result.findings {
            assert_ne!(finding.certainty, Certainty::Certain, "{name}: {}", finding.kind.id());
        }
    }
    assert!(checked >= 20, "{checked} situation bills");
}

#[test]
fn no_finding_puts_more_at_stake_than_the_insured_patients_share() {
    // With the EOB's figures in, an insured patient can save at most what
    // they are asked to pay, whatever the gross charges.
    let reference = Reference::embedded().unwrap();
    let mut checked = 0;
    for (path, fixture) in fixtures() {
        let Some(share) = patient_share(&fixture.bill) else {
            continue;
        };
        checked += 1;
        let result = audit(&fixture.bill, &reference, fixture.today);
        for finding in &result.findings {
            assert!(
                finding.at_stake <= share,
                "{}: {} has ${} at stake, above the patient's ${share}",
                path.display(),
                finding.kind.id(),
                finding.at_stake
            );
        }
        assert!(result.total_at_stake() <= share, "{}", path.display());
    }
    assert!(
        checked >= 5,
        "at least 5 insured bills with EOB figures, found {checked}"
    );
}

#[test]
fn a_bill_with_every_problem_at_once_stays_within_its_total() {
    // Every fixture's items in one bill: overlapping findings must still
    // not count a dollar twice.
    let reference = Reference::embedded().unwrap();
    let mut bill = Bill::default();
    let mut today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for (_, fixture) in fixtures() {
        bill.items.extend(fixture.bill.items.clone());
        today = today.max(fixture.today);
    }
    bill.not_received = (0..bill.items.len()).step_by(3).collect();
    let result = audit(&bill, &reference, today);
    assert!(result.total_at_stake() <= bill.items_total().max(Decimal::ZERO));
}
