//! The answers offered as buttons, each tied to a domain value, a stable
//! id (sent back by the button) and its label in `dialogues/`.

use crate::content::{keys, Content, Key};
use crate::domain::bill::{Answer3, BillSender, ClaimStatus, Coverage, MedicareKind};
use crate::domain::calls::CallOutcome;
use crate::domain::reading::{self, read_choice, NotRead, Reading, Words};

/// One button answer.
#[derive(Debug, Clone, Copy)]
pub struct Choice<T> {
    pub value: T,
    /// Stable id in button data and saved keyboards: never rename.
    pub id: &'static str,
    pub label: Key,
}

const fn choice<T>(value: T, id: &'static str, label: Key) -> Choice<T> {
    Choice { value, id, label }
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
    choice(Coverage::SelfPay, "self_pay", keys::COVERAGE_SELF_PAY),
    choice(Coverage::Medicare, "medicare", keys::COVERAGE_MEDICARE),
    choice(Coverage::Medicaid, "medicaid", keys::COVERAGE_MEDICAID),
];

pub const MEDICARE_KINDS: [Choice<MedicareKind>; 3] = [
    choice(MedicareKind::Original, "original", keys::MEDICARE_KIND_ORIGINAL),
    choice(MedicareKind::Advantage, "advantage", keys::MEDICARE_KIND_ADVANTAGE),
    choice(MedicareKind::NotSure, NOT_SURE, keys::ANSWER_NOT_SURE),
];

pub const YES_NO_NOT_SURE: [Choice<Answer3>; 3] = [
    choice(Answer3::Yes, "yes", keys::ANSWER_YES),
    choice(Answer3::No, "no", keys::ANSWER_NO),
    choice(Answer3::NotSure, NOT_SURE, keys::ANSWER_NOT_SURE),
];

pub const YES_NO: [Choice<bool>; 2] = [
    choice(true, "yes", keys::ANSWER_YES),
    choice(false, "no", keys::ANSWER_NO),
];

/// The id of every "Not sure" button.
pub const NOT_SURE: &str = "not_sure";

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
    choice(ClaimStatus::NotSure, NOT_SURE, keys::ANSWER_NOT_SURE),
];

/// The choice with this id.
pub fn by_id<T: Copy>(table: &[Choice<T>], id: &str) -> Option<T> {
    table.iter().find(|c| c.id == id).map(|c| c.value)
}

/// The label of the choice holding this value.
pub fn label_of<T: Copy + PartialEq>(table: &[Choice<T>], value: T) -> Option<Key> {
    table.iter().find(|c| c.value == value).map(|c| c.label)
}

/// The buttons of a table as (id, label) pairs.
pub fn buttons<T>(table: &[Choice<T>]) -> Vec<(&'static str, Key)> {
    table.iter().map(|c| (c.id, c.label)).collect()
}

/// Reads typed text as one of these buttons (id and label): its label, or
/// one of the other words for it in the choice `sets` of
/// `dialogues/<lang>/reading/choices.toml` (a question's own set beside
/// the yes/no one) — forgivingly (typos, words around it), see
/// [`read_choice`]. Gives the button's id.
pub fn read_button(
    buttons: &[(&'static str, Key)],
    sets: &[&str],
    typed: &str,
    content: &Content,
    words: &Words,
) -> Result<Reading<&'static str>, NotRead> {
    let choices: Vec<reading::Choice> = buttons
        .iter()
        .map(|(id, label)| {
            sets.iter()
                .fold(reading::Choice::new([content.plain(*label)]), |choice, set| {
                    choice.and(words.choice_words(set, id))
                })
        })
        .collect();
    read_choice(typed, &choices, words).map(|reading| reading.map(|at| buttons[at].0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: Copy>(table: &[Choice<T>], set: &str, typed: &str) -> Option<Reading<T>> {
        let content = Content::embedded().unwrap();
        let words = crate::resources::embedded_words();
        let reading = read_button(&buttons(table), &[set], typed, &content, &words).ok()?;
        Some(reading.map(|id| by_id(table, id).unwrap()))
    }

    #[test]
    fn everyday_words_answer_yes_no_and_self_pay() {
        for (typed, expected) in [
            ("nope", Some(Reading::Sure(false))),
            ("Nah.", Some(Reading::Sure(false))),
            ("yep", Some(Reading::Sure(true))),
            ("Y", Some(Reading::Sure(true))),
            ("it wasn't", Some(Reading::Sure(false))),
            ("yes it was the ER 😩", Some(Reading::Sure(true))),
            ("it was the ER, yes", Some(Reading::Guess(true))),
            ("idk", Some(Reading::DontKnow)),
        ] {
            assert_eq!(read(&YES_NO, "yes_no_not_sure", typed), expected, "typed {typed:?}");
        }
        assert_eq!(
            read(&YES_NO_NOT_SURE, "yes_no_not_sure", "yeah"),
            Some(Reading::Sure(Answer3::Yes))
        );
        for typed in ["no insurance", "None", "I have no insurance", "cash"] {
            assert_eq!(
                read(&COVERAGES, "coverage", typed),
                Some(Reading::Sure(Coverage::SelfPay)),
                "typed {typed:?}"
            );
        }
    }

    #[test]
    fn typed_answers_read_one_choice_or_none() {
        let cases = [
            ("Hospital", Some(Reading::Sure(BillSender::Hospital))),
            ("  hospital. ", Some(Reading::Sure(BillSender::Hospital))),
            ("hosp", Some(Reading::Sure(BillSender::Hospital))),
            ("hosptial", Some(Reading::Guess(BillSender::Hospital))),
            ("Mercy General Hospital", Some(Reading::Guess(BillSender::Hospital))),
            ("doctor", Some(Reading::Sure(BillSender::DoctorOffice))),
            ("clinic", Some(Reading::Sure(BillSender::DoctorOffice))),
            ("collections", Some(Reading::Sure(BillSender::CollectionsAgency))),
            ("lab", Some(Reading::Sure(BillSender::Lab))),
            ("not the hospital", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(read(&SENDERS, "sender", typed), expected, "typed {typed:?}");
        }
        assert_eq!(
            read(&COVERAGES, "coverage", "self-pay"),
            Some(Reading::Sure(Coverage::SelfPay))
        );
        assert_eq!(
            read(&COVERAGES, "coverage", "uninsured"),
            Some(Reading::Sure(Coverage::SelfPay))
        );
        assert_eq!(
            read(&COVERAGES, "coverage", "medicare"),
            Some(Reading::Sure(Coverage::Medicare))
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
