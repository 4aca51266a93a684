//! What users send, made safe to keep and to show back: control characters
//! (NUL, escape, the C1 range) and the invisible marks that reorder text
//! (bidi overrides and isolates) are removed, so a stored description or an
//! echoed line cannot hide or reverse what follows it. Line breaks and tabs
//! stay (bills are read line by line, some in tab-separated columns).

/// `text` without control and bidi-control characters.
pub fn clean_text(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    text.chars().filter(|c| !is_unsafe(*c)).collect()
}

/// A control character other than a line break or tab, or a mark that
/// changes the direction of the text around it.
fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\r' | '\t' => false,
        c if c.is_control() => true,
        // Left-to-right / right-to-left marks, embeddings, overrides,
        // isolates, and the Arabic letter mark.
        '\u{200E}' | '\u{200F}' | '\u{061C}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_go_and_the_rest_stays() {
        assert_eq!(clean_text("CBC\u{0}\u{1b}[31m $12"), "CBC[31m $12");
        assert_eq!(clean_text("LAB \u{202E}LATOT\u{202C} $5"), "LAB LATOT $5");
        assert_eq!(clean_text("a\u{2066}b\u{2069}c\u{200F}"), "abc");
        assert_eq!(
            clean_text("METABOLIC & PANEL\t$88\r\nnext"),
            "METABOLIC & PANEL\t$88\r\nnext"
        );
        assert_eq!(
            clean_text("Café 👩‍⚕️ ×2"),
            "Café 👩‍⚕️ ×2",
            "letters, emoji joiners, signs stay"
        );
        assert_eq!(clean_text("\u{85}x\u{9f}"), "x", "C1 controls");
    }
}
