//! Typed text made comparable: lowercase, emoji and stray marks gone, one
//! space between words; and phrases found or taken out at word boundaries.

/// Lowercase, curly quotes straightened, every character that is not a
/// letter, a digit or one of `$ . , / ' ~ & + - %` made a space (emoji,
/// `!`, `?`, brackets), spaces collapsed, a trailing `.` or `,` dropped.
pub fn normalize(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            c if c.is_alphanumeric() => c,
            '$' | '.' | ',' | '/' | '\'' | '~' | '&' | '+' | '-' | '%' => c,
            _ => ' ',
        })
        .flat_map(char::to_lowercase)
        .collect();
    let joined = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches(['.', ',']).trim().to_string()
}

/// Whether the raw text is only question marks (and spaces): "?" or "??".
pub fn only_question_marks(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().all(|c| c == '?' || c.is_whitespace())
}

/// Takes every occurrence of each phrase out of `text` (phrases longest
/// first, each at word boundaries; a phrase that starts or ends with a mark
/// such as `/mo` or `~` may touch the word beside it). Returns what is left
/// (spaces collapsed) and whether anything was taken.
pub fn take_phrases(text: &str, phrases: &[String]) -> (String, bool) {
    let mut rest = text.to_string();
    let mut taken = false;
    for phrase in phrases {
        while let Some(at) = find_phrase(&rest, phrase) {
            rest.replace_range(at..at + phrase.len(), " ");
            taken = true;
        }
    }
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), taken)
}

/// Where `phrase` stands in `text` at word boundaries, if it does.
pub fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    if phrase.is_empty() {
        return None;
    }
    let loose_start = !phrase.starts_with(char::is_alphanumeric);
    let loose_end = !phrase.ends_with(char::is_alphanumeric);
    let mut from = 0;
    while let Some(found) = text[from..].find(phrase) {
        let at = from + found;
        let end = at + phrase.len();
        let before_ok = loose_start || text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = loose_end || text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + phrase.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn emoji_marks_and_case_go() {
        assert_eq!(normalize("Yes it was the ER 😩!!"), "yes it was the er");
        assert_eq!(normalize("  Maybe $500?  "), "maybe $500");
        assert_eq!(normalize("don’t know."), "don't know");
        assert!(only_question_marks(" ?? "));
        assert!(!only_question_marks("500?"));
    }

    #[test]
    fn phrases_are_taken_at_word_boundaries_only() {
        let (rest, taken) = take_phrases("about 500 a month", &list(&["a month", "about"]));
        assert_eq!((rest.as_str(), taken), ("500", true));
        // "k" is not taken out of "kids".
        assert_eq!(take_phrases("2 kids", &list(&["k"])).0, "2 kids");
        // A phrase that starts with a mark may touch the number.
        assert_eq!(take_phrases("100/mo", &list(&["/mo"])).0, "100");
        assert_eq!(take_phrases("~500", &list(&["~"])).0, "500");
        assert_eq!(take_phrases("500", &list(&["maybe"])), ("500".to_string(), false));
    }
}
