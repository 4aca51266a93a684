//! How long the audit of a 500-line hospital bill takes, and how long the
//! reference data takes to load. Run with `cargo bench --bench audit`;
//! figures and the machine they came from are in BENCHMARKS.md.
//!
//! A plain harness (no framework): it warms up, then times batches and
//! prints the median and the fastest batch per audit, so a noisy neighbour
//! shows as a spread rather than a wrong figure.

use billcoach::domain::audit::audit;
use billcoach::domain::bill::{Bill, BillSender, Coverage};
use billcoach::domain::line_items::LineItem;
use billcoach::domain::reference::Reference;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Codes seen on ER and inpatient bills, cycled to build a long bill with
/// duplicates, panels and their parts, and priced lines.
const CODES: [(&str, &str, i64); 12] = [
    ("0450", "99285", 245_000),
    ("0300", "85025", 14_200),
    ("0300", "80053", 31_000),
    ("0300", "82565", 6_400),
    ("0300", "36415", 3_800),
    ("0636", "J1885", 9_000),
    ("0450", "96374", 42_000),
    ("0320", "71046", 38_000),
    ("0250", "J7050", 7_500),
    ("0730", "93005", 26_000),
    ("0272", "99070", 6_500),
    ("0120", "", 180_000),
];

fn long_bill(lines: usize) -> Bill {
    let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let items = (0..lines)
        .map(|i| {
            let (revenue, code, cents) = CODES[i % CODES.len()];
            LineItem {
                date: Some(first + chrono::Days::new((i / 40) as u64)),
                revenue_code: Some(revenue.to_string()),
                code: (!code.is_empty()).then(|| code.to_string()),
                modifiers: Vec::new(),
                description: format!("LINE {i}"),
                units: 1,
                amount: Decimal::new(cents, 2),
            }
        })
        .collect();
    Bill {
        sender: Some(BillSender::Hospital),
        coverage: Some(Coverage::SelfPay),
        has_itemized: Some(true),
        items,
        items_confirmed: true,
        ..Bill::default()
    }
}

/// Runs `work` in batches for about `budget` and returns the median and
/// minimum time of one run.
fn measure(budget: Duration, mut work: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..3 {
        work();
    }
    let start = Instant::now();
    work();
    let one = start.elapsed().max(Duration::from_nanos(1));
    let per_batch = ((Duration::from_millis(20).as_nanos() / one.as_nanos()) as u32).clamp(1, 100_000);
    let mut samples = Vec::new();
    let began = Instant::now();
    while began.elapsed() < budget || samples.len() < 5 {
        let start = Instant::now();
        for _ in 0..per_batch {
            work();
        }
        samples.push(start.elapsed() / per_batch);
    }
    samples.sort();
    (samples[samples.len() / 2], samples[0])
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let (load_median, load_min) = measure(Duration::from_secs(2), || {
        black_box(Reference::embedded().unwrap());
    });
    println!("load reference data       median {load_median:>10.2?}   min {load_min:>10.2?}");

    let reference = Reference::embedded().unwrap();
    for lines in [15, 100, 500] {
        let bill = long_bill(lines);
        let findings = audit(&bill, &reference, today).findings.len();
        let (median, min) = measure(Duration::from_secs(2), || {
            black_box(audit(black_box(&bill), &reference, today));
        });
        println!("audit {lines:>3}-line bill       median {median:>10.2?}   min {min:>10.2?}   ({findings} findings)");
    }
}
