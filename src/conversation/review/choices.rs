//! The answers offered as buttons, each tied to a domain value, a stable
//! id (sent back by the button) and its label in `dialogues/`.

use crate::content::{keys, Content, Key};
use crate::domain::bill::{Answer3, BillSender, ClaimStatus, Coverage, MedicareKind};
use crate::domain::calls::CallOutcome;

/// One button answer.
#[derive(Debug, Clone, Copy)]
pub struct Choice<T> {
    pub value: T,
    /// Stable id in button data and saved keyboards: never rename.
    pub id: &'static str,
    pub label: Key,
    /// Other whole answers people type for it (a comma-separated list in
    /// `dialogues/`), if any.
    pub also: Option<Key>,
}

const fn choice<T>(value: T, id: &'static str, label: Key) -> Choice<T> {
    Choice {
        value,
        id,
        label,
        also: None,
    }
}

/// A choice that other typed words answer too.
const fn choice_also<T>(value: T, id: &'static str, label: Key, also: Key) -> Choice<T> {
    Choice {
        value,
        id,
        label,
        also: Some(also),
    }
}

pub const SENDERS: [Choice<BillSender>; 6] = [
    choice(BillSender::Hospital, "hospital", keys::SENDER_HOSPITAL),
    choice(BillSender::DoctorOffice, "doctor_office", keys::SENDER_DOCTOR_OFFICE),
    choice(BillSender::Lab, "lab", keys::SENDER_LAB),
    choice(BillSender::Ambulance, "ambulance", keys::SENDER_AMBULANCE),
    choice(
        BillSender::CollectionsAgency,
        "collections_agency",
        keys::SENDER_COLLECTIONS,
    ),
    choice(BillSender::Other, "other", keys::SENDER_OTHER),
];

pub const COVERAGES: [Choice<Coverage>; 6] = [
    choice(Coverage::InNetwork, "in_network", keys::COVERAGE_IN_NETWORK),
    choice(Coverage::OutOfNetwork, "out_of_network", keys::COVERAGE_OUT_OF_NETWORK),
    choice(Coverage::InsuredNotSure, "insured_not_sure", keys::COVERAGE_NOT_SURE),
    choice_also(
        Coverage::SelfPay,
        "self_pay",
        keys::COVERAGE_SELF_PAY,
        keys::COVERAGE_SELF_PAY_ALSO,
    ),
    choice(Coverage::Medicare, "medicare", keys::COVERAGE_MEDICARE),
    choice(Coverage::Medicaid, "medicaid", keys::COVERAGE_MEDICAID),
];

pub const MEDICARE_KINDS: [Choice<MedicareKind>; 3] = [
    choice(MedicareKind::Original, "original", keys::MEDICARE_KIND_ORIGINAL),
    choice(MedicareKind::Advantage, "advantage", keys::MEDICARE_KIND_ADVANTAGE),
    choice(MedicareKind::NotSure, "not_sure", keys::ANSWER_NOT_SURE),
];

pub const YES_NO_NOT_SURE: [Choice<Answer3>; 3] = [
    choice_also(Answer3::Yes, "yes", keys::ANSWER_YES, keys::ANSWER_YES_ALSO),
    choice_also(Answer3::No, "no", keys::ANSWER_NO, keys::ANSWER_NO_ALSO),
    choice(Answer3::NotSure, "not_sure", keys::ANSWER_NOT_SURE),
];

pub const YES_NO: [Choice<bool>; 2] = [
    choice_also(true, "yes", keys::ANSWER_YES, keys::ANSWER_YES_ALSO),
    choice_also(false, "no", keys::ANSWER_NO, keys::ANSWER_NO_ALSO),
];

/// The estimate question's one button, "No estimate".
pub const NO_ESTIMATE: [Choice<()>; 1] = [choice((), ESTIMATE_NONE, keys::ESTIMATE_NONE)];

/// The id of the "No estimate" button.
pub const ESTIMATE_NONE: &str = "none";

/// How a logged call ended.
pub const CALL_OUTCOMES: [Choice<CallOutcome>; 5] = [
    choice(CallOutcome::Promised, "promised", keys::CALL_OUTCOME_PROMISED),
    choice(CallOutcome::Reduced, "reduced", keys::CALL_OUTCOME_REDUCED),
    choice(CallOutcome::PaymentPlan, "payment_plan", keys::CALL_OUTCOME_PLAN),
    choice(CallOutcome::Refused, "refused", keys::CALL_OUTCOME_REFUSED),
    choice(CallOutcome::CallBack, "call_back", keys::CALL_OUTCOME_CALL_BACK),
];

pub const CLAIM_STATUSES: [Choice<ClaimStatus>; 5] = [
    choice(ClaimStatus::PaidPart, "paid_part", keys::CLAIM_PAID_PART),
    choice(ClaimStatus::Denied, "denied", keys::CLAIM_DENIED),
    choice(ClaimStatus::Pending, "pending", keys::CLAIM_PENDING),
    choice(ClaimStatus::NotSent, "not_sent", keys::CLAIM_NOT_SENT),
    choice(ClaimStatus::NotSure, "not_sure", keys::ANSWER_NOT_SURE),
];

/// The choice with this id.
pub fn by_id<T: Copy>(table: &[Choice<T>], id: &str) -> Option<T> {
    table.iter().find(|c| c.id == id).map(|c| c.value)
}

/// The label of the choice holding this value.
pub fn label_of<T: Copy + PartialEq>(table: &[Choice<T>], value: T) -> Option<Key> {
    table.iter().find(|c| c.value == value).map(|c| c.label)
}

/// Matches what someone typed to one choice: its label or id exactly, or a
/// whole word or start of exactly one label ("doctor", "self-pay",
/// "uninsured"). Ambiguous or unknown text matches nothing.
pub fn match_typed<'t, T: Copy>(table: &'t [Choice<T>], typed: &str, content: &Content) -> Option<&'t Choice<T>> {
    let typed = normalize(typed);
    if typed.is_empty() {
        return None;
    }
    let labels: Vec<String> = table.iter().map(|c| normalize(&content.plain(c.label))).collect();
    if let Some(i) = (0..table.len()).find(|&i| labels[i] == typed || normalize(table[i].id) == typed) {
        return Some(&table[i]);
    }
    let also = |choice: &Choice<T>| {
        choice
            .also
            .map(|key| content.plain(key))
            .is_some_and(|words| words.split(',').any(|word| normalize(word) == typed))
    };
    if let Some(choice) = table.iter().find(|c| also(c)) {
        return Some(choice);
    }
    let loose: Vec<usize> = (0..table.len())
        .filter(|&i| {
            let label = &labels[i];
            (typed.len() >= 3 && label.starts_with(&typed)) || label.split(' ').any(|word| word == typed)
        })
        .collect();
    match loose.as_slice() {
        [only] => Some(&table[*only]),
        _ => None,
    }
}

/// Lower case, punctuation other than `-` turned into spaces, single spaces.
fn normalize(text: &str) -> String {
    let cleaned: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_answer_yes_no_and_self_pay() {
        let content = Content::embedded().unwrap();
        for (typed, expected) in [
            ("nope", Some(false)),
            ("Nah.", Some(false)),
            ("yep", Some(true)),
            ("Y", Some(true)),
            ("it wasn't", Some(false)),
            ("maybe", None),
        ] {
            assert_eq!(
                match_typed(&YES_NO, typed, &content).map(|c| c.value),
                expected,
                "typed {typed:?}"
            );
        }
        assert_eq!(
            match_typed(&YES_NO_NOT_SURE, "yeah", &content).map(|c| c.value),
            Some(Answer3::Yes)
        );
        for typed in ["no insurance", "None", "I have no insurance", "cash"] {
            assert_eq!(
                match_typed(&COVERAGES, typed, &content).map(|c| c.value),
                Some(Coverage::SelfPay),
                "typed {typed:?}"
            );
        }
    }

    #[test]
    fn typed_answers_match_one_choice_or_none() {
        let content = Content::embedded().unwrap();
        let cases = [
            ("Hospital", Some(BillSender::Hospital)),
            ("  hospital. ", Some(BillSender::Hospital)),
            ("hosp", Some(BillSender::Hospital)),
            ("doctor", Some(BillSender::DoctorOffice)),
            ("clinic", Some(BillSender::DoctorOffice)),
            ("collections", Some(BillSender::CollectionsAgency)),
            ("lab", Some(BillSender::Lab)),
            ("ho", None),
            ("pharmacy", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(
                match_typed(&SENDERS, typed, &content).map(|c| c.value),
                expected,
                "typed {typed:?}"
            );
        }
        assert_eq!(
            match_typed(&COVERAGES, "self-pay", &content).map(|c| c.value),
            Some(Coverage::SelfPay)
        );
        assert_eq!(
            match_typed(&COVERAGES, "uninsured", &content).map(|c| c.value),
            Some(Coverage::SelfPay)
        );
        assert_eq!(
            match_typed(&COVERAGES, "network", &content).map(|c| c.value),
            None,
            "two labels say network"
        );
        assert_eq!(
            match_typed(&COVERAGES, "medicare", &content).map(|c| c.value),
            Some(Coverage::Medicare)
        );
    }

    #[test]
    fn ids_are_unique_within_each_question() {
        fn unique<T>(table: &[Choice<T>]) -> bool {
            let mut ids: Vec<_> = table.iter().map(|c| c.id).collect();
            ids.sort();
            ids.dedup();
            ids.len() == table.len()
        }
        assert!(unique(&SENDERS));
        assert!(unique(&COVERAGES));
        assert!(unique(&YES_NO_NOT_SURE));
        assert!(unique(&YES_NO));
        assert!(unique(&CLAIM_STATUSES));
    }
}
