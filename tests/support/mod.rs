//! Test helpers both test binaries use. The end-to-end side (fake Bot API,
//! bot process, phone) is in `bot/`, which only `tests/e2e` includes.

pub mod render;

use chrono::NaiveDate;

/// A calendar date, e.g. `day(2026, 11, 28)`.
pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date")
}

/// `ci_default` times `BILLCOACH_TEST_SCALE` (a whole number, default 1):
/// how much of a heavy run (crash-harness conversations, storage-churn
/// rounds) a test does. CI runs the default; `BILLCOACH_TEST_SCALE=10 cargo
/// test` soaks ten times longer. Never below 1.
pub fn scaled(ci_default: u64) -> u64 {
    let scale = std::env::var("BILLCOACH_TEST_SCALE")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    (ci_default * scale).max(1)
}
