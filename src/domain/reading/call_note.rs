//! What a person types for a logged call's name and reference number:
//! "none" when there is none ("no she didnt give one"), a name said in a
//! sentence ("talked to a lady named maria"), a reference number named
//! beside it ("ref 44821"). The words come from the `[calls]` table of
//! `reading/words.toml`.

use super::text::{find_phrase, normalize};
use super::words::Words;

/// Whether the text says there is nothing to note: a phrase of
/// `calls.none`, "I don't know", or a negation first with no number
/// ("no she didnt give one"). A text with a digit always has something.
pub fn says_none(text: &str, words: &Words) -> bool {
    let typed = normalize(text);
    if typed.is_empty() {
        return true;
    }
    if typed.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let negation_first = typed
        .split_whitespace()
        .next()
        .is_some_and(|first| words.negations.iter().any(|n| n == first));
    words.calls.none.contains(&typed)
        || words.says_dont_know(text)
        || words
            .calls
            .none
            .iter()
            .any(|phrase| phrase.contains(' ') && find_phrase(&typed, phrase).is_some())
        || negation_first
}

/// The name after a name label ("named maria" is "Maria"; "name is ana
/// lopez" is "Ana Lopez"), up to two words and before any reference label;
/// None when no label stands in the text.
pub fn name_in(text: &str, words: &Words) -> Option<String> {
    let typed = normalize(text);
    let rest = after_label(&typed, &words.calls.name_labels)?;
    let name: Vec<String> = rest
        .split_whitespace()
        .take_while(|word| {
            !word.chars().any(|c| c.is_ascii_digit())
                && !words.calls.reference_labels.iter().any(|label| label == word)
                && !words.fillers.iter().any(|filler| filler == word)
        })
        .take(2)
        .map(|word| capitalized(word.trim_matches([',', '.'])))
        .filter(|word| !word.is_empty())
        .collect();
    (!name.is_empty()).then(|| name.join(" "))
}

/// The reference number after a reference label ("ref 44821", "reference
/// #A-552"): the first word after it that has a digit, in capitals.
pub fn reference_in(text: &str, words: &Words) -> Option<String> {
    let typed = normalize(text);
    let rest = after_label(&typed, &words.calls.reference_labels)?;
    rest.split_whitespace()
        .take(3)
        .map(|word| word.trim_matches(['#', ':', ',', '.']))
        .find(|word| word.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_uppercase)
}

/// What follows the first of `labels` found in `typed` (labels longest
/// first, each at word boundaries).
fn after_label<'a>(typed: &'a str, labels: &[String]) -> Option<&'a str> {
    let mut labels: Vec<&String> = labels.iter().collect();
    labels.sort_by_key(|label| std::cmp::Reverse(label.len()));
    labels
        .into_iter()
        .find_map(|label| find_phrase(typed, label).map(|at| &typed[at + label.len()..]))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::{english, spanish};

    #[test]
    fn none_said_many_ways_is_nothing_to_note() {
        let words = &english();
        for said in [
            "no",
            "none",
            "no she didnt give one",
            "didn't get a name",
            "idk",
            "n/a",
            "i forgot to ask",
        ] {
            assert!(says_none(said, words), "{said}");
        }
        for kept in ["Dana", "44821", "no. 5521", "maria at the front desk"] {
            assert!(!says_none(kept, words), "{kept}");
        }
        let words = &spanish();
        for said in ["no me dieron", "no me lo dio", "ninguno", "no se"] {
            assert!(says_none(said, words), "{said}");
        }
    }

    #[test]
    fn a_name_and_a_reference_said_in_one_sentence_are_found() {
        let words = &english();
        let said = "talked to a lady named maria, ref 44821 she said theyd send it";
        assert_eq!(name_in(said, words).as_deref(), Some("Maria"));
        assert_eq!(reference_in(said, words).as_deref(), Some("44821"));
        assert_eq!(name_in("her name is ana lopez", words).as_deref(), Some("Ana Lopez"));
        assert_eq!(reference_in("confirmation #A-552", words).as_deref(), Some("A-552"));
        assert_eq!(name_in("Dana", words), None, "no label: the text is the name");
        assert_eq!(reference_in("no ref given", words), None);
        let words = &spanish();
        assert_eq!(
            name_in("hable con una senora que se llama rosa", words).as_deref(),
            Some("Rosa")
        );
        assert_eq!(
            reference_in("el numero de referencia es 7731", words).as_deref(),
            Some("7731")
        );
    }
}
