//! What the user noted after a call with a billing office, collector or
//! insurer: who they spoke to, the reference number, what happened and
//! what was promised by when. Kept with the bill, shown in `/bills` and in
//! later scripts, so the next call can say "On Jun 3 Dana (ref 55812)
//! promised an itemized bill".

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// They promised to do something (send the itemized bill, fix a line...).
    Promised,
    /// They lowered the bill.
    Reduced,
    /// A payment plan was agreed.
    PaymentPlan,
    /// They said no.
    Refused,
    /// Call back later.
    CallBack,
}

/// One call, as the user logged it. Every part is optional but the date.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallLog {
    pub date: NaiveDate,
    #[serde(default)]
    pub rep: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub outcome: Option<CallOutcome>,
    /// What was promised, in the user's words.
    #[serde(default)]
    pub promise: Option<String>,
    #[serde(default)]
    pub promised_by: Option<NaiveDate>,
    /// What is due after they lowered the bill.
    #[serde(default)]
    pub new_amount: Option<Decimal>,
    /// A payment plan agreed on the call: how much each month...
    #[serde(default)]
    pub plan_monthly: Option<Decimal>,
    /// ...and when the first payment is due.
    #[serde(default)]
    pub plan_first_due: Option<NaiveDate>,
}

impl CallLog {
    /// A new log for a call made on `date`.
    pub fn new(date: NaiveDate) -> CallLog {
        CallLog {
            date,
            rep: None,
            reference: None,
            outcome: None,
            promise: None,
            promised_by: None,
            new_amount: None,
            plan_monthly: None,
            plan_first_due: None,
        }
    }
}

/// The longest name, reference or promise kept (a pasted essay is cut).
pub const MAX_NOTE_CHARS: usize = 200;

/// A typed note, trimmed and cut to [`MAX_NOTE_CHARS`]; `None` when empty.
pub fn note(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.chars().take(MAX_NOTE_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_cut_and_never_empty() {
        assert_eq!(note("  Dana  "), Some("Dana".to_string()));
        assert_eq!(note("   "), None);
        assert_eq!(note(&"x".repeat(500)).unwrap().chars().count(), MAX_NOTE_CHARS);
    }

    #[test]
    fn an_old_log_without_the_optional_parts_loads() {
        let log: CallLog = serde_json::from_str(r#"{"date":"2026-06-03"}"#).unwrap();
        assert_eq!(log, CallLog::new(NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()));
    }
}
