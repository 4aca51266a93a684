//! The answers offered as buttons, each tied to a domain value, a stable
//! id (sent back by the button) and its label in `dialogues/`.

use crate::content::{keys, Content, Key};
use crate::domain::bill::{BillSender, Coverage};

/// One button answer.
#[derive(Debug, Clone, Copy)]
pub struct Choice<T> {
    pub value: T,
    /// Stable id in button data and saved keyboards: never rename.
    pub id: &'static str,
    pub label: Key,
}

pub const SENDERS: [Choice<BillSender>; 6] = [
    Choice {
        value: BillSender::Hospital,
        id: "hospital",
        label: keys::SENDER_HOSPITAL,
    },
    Choice {
        value: BillSender::DoctorOffice,
        id: "doctor_office",
        label: keys::SENDER_DOCTOR_OFFICE,
    },
    Choice {
        value: BillSender::Lab,
        id: "lab",
        label: keys::SENDER_LAB,
    },
    Choice {
        value: BillSender::Ambulance,
        id: "ambulance",
        label: keys::SENDER_AMBULANCE,
    },
    Choice {
        value: BillSender::CollectionsAgency,
        id: "collections_agency",
        label: keys::SENDER_COLLECTIONS,
    },
    Choice {
        value: BillSender::Other,
        id: "other",
        label: keys::SENDER_OTHER,
    },
];

pub const COVERAGES: [Choice<Coverage>; 6] = [
    Choice {
        value: Coverage::InNetwork,
        id: "in_network",
        label: keys::COVERAGE_IN_NETWORK,
    },
    Choice {
        value: Coverage::OutOfNetwork,
        id: "out_of_network",
        label: keys::COVERAGE_OUT_OF_NETWORK,
    },
    Choice {
        value: Coverage::InsuredNotSure,
        id: "insured_not_sure",
        label: keys::COVERAGE_NOT_SURE,
    },
    Choice {
        value: Coverage::SelfPay,
        id: "self_pay",
        label: keys::COVERAGE_SELF_PAY,
    },
    Choice {
        value: Coverage::Medicare,
        id: "medicare",
        label: keys::COVERAGE_MEDICARE,
    },
    Choice {
        value: Coverage::Medicaid,
        id: "medicaid",
        label: keys::COVERAGE_MEDICAID,
    },
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
    }
}
