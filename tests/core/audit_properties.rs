//! Properties of the audit's confidence over random bills built from the
//! golden corpus's lines (`tests/fixtures/audit/`):
//! - adding a legitimately modified repeat of a line (76, 77, 91, 59, XE,
//!   XS, XP, XU) never adds an "an error" (`Certain`) finding;
//! - with the EOB's figures, no finding puts more at stake than the insured
//!   patient is asked to pay.
//!
//! Cases: 64 by default; set `AUDIT_PROPTEST_CASES` for a longer run.

use billcoach::domain::audit::{audit, Certainty};
use billcoach::domain::bill::{Bill, ClaimStatus, Coverage, EobFigures};
use billcoach::domain::line_items::LineItem;
use billcoach::domain::reference::{CodeStatus, Reference};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::sync::OnceLock;

const REPEAT_MARKS: [&str; 8] = ["76", "77", "91", "59", "XE", "XS", "XP", "XU"];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| Reference::embedded().unwrap())
}

#[derive(Deserialize)]
struct Fixture {
    bill: Bill,
}

/// Every charge line of the corpus with a code that exists today (a copy
/// of a retired code's line is its own, separate error), all moved to one
/// date so that they meet in one visit.
fn pool() -> &'static [LineItem] {
    static POOL: OnceLock<Vec<LineItem>> = OnceLock::new();
    POOL.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
        let mut items = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let fixture: Fixture = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for mut item in fixture.bill.items {
                let active = item
                    .code
                    .as_deref()
                    .is_none_or(|code| reference().code_status(code, today()) == CodeStatus::Active);
                if item.amount > Decimal::ZERO && active {
                    item.date = NaiveDate::from_ymd_opt(2026, 3, 14);
                    items.push(item);
                }
            }
        }
        items
    })
}

fn certain(bill: &Bill) -> usize {
    audit(bill, reference(), today())
        .findings
        .iter()
        .filter(|f| f.certainty == Certainty::Certain)
        .count()
}

fn cases() -> u32 {
    std::env::var("AUDIT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

fn lines() -> impl Strategy<Value = Vec<LineItem>> {
    let pool = pool();
    proptest::collection::vec(0..pool.len(), 1..12)
        .prop_map(move |picks| picks.into_iter().map(|i| pool[i].clone()).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_marked_repeat_never_adds_an_error(
        items in lines(),
        which in any::<prop::sample::Index>(),
        mark in prop::sample::select(REPEAT_MARKS.to_vec()),
        hospital in any::<bool>(),
    ) {
        let bill = Bill {
            items,
            sender: Some(if hospital {
                billcoach::domain::bill::BillSender::Hospital
            } else {
                billcoach::domain::bill::BillSender::DoctorOffice
            }),
            coverage: Some(Coverage::SelfPay),
            ..Bill::default()
        };
        let before = certain(&bill);
        let mut repeat = bill.items[which.index(bill.items.len())].clone();
        repeat.modifiers = vec![mark.to_string()];
        let mut with_repeat = bill.clone();
        with_repeat.items.push(repeat.clone());
        let after = certain(&with_repeat);
        prop_assert!(after <= before, "{before} → {after} certain findings after adding {repeat:?}");
    }

    #[test]
    fn an_insured_patient_never_has_more_at_stake_than_their_share(
        items in lines(),
        share_cents in 0i64..200_000,
        due_known in any::<bool>(),
        not_received in proptest::collection::btree_set(0usize..12, 0..4),
    ) {
        let share = Decimal::new(share_cents, 2);
        let bill = Bill {
            not_received: not_received.into_iter().filter(|&i| i < items.len()).collect(),
            items,
            coverage: Some(Coverage::InNetwork),
            claim: Some(ClaimStatus::PaidPart),
            amount_due: due_known.then_some(share),
            eob: EobFigures {
                your_share: Some(share),
                ..EobFigures::default()
            },
            ..Bill::default()
        };
        let result = audit(&bill, reference(), today());
        for finding in &result.findings {
            prop_assert!(finding.at_stake <= share, "{} has {} at stake, share {share}", finding.kind.id(), finding.at_stake);
        }
        prop_assert!(result.total_at_stake() <= share);
    }
}
