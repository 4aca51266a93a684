//! The small HTML subset Telegram understands (`<b>`, `<i>`, `<code>`...),
//! used as the one markup of all text the core produces.
//!
//! Text typed by users or computed by the domain is escaped on its way into
//! a template; the Telegram shell sends [`Html`] as it is, the terminal
//! shell turns it into plain text.

use std::fmt;

/// Text that is safe to send with Telegram's HTML parse mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// Wraps text already known to be valid HTML (from the copy or from
    /// [`escape`]).
    pub fn trusted(text: String) -> Html {
        Html(text)
    }

    /// Plain text, escaped.
    pub fn from_text(text: &str) -> Html {
        Html(escape(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Joins parts with a separator (e.g. a blank line between paragraphs).
    pub fn join(parts: &[Html], separator: &str) -> Html {
        Html(parts.iter().map(Html::as_str).collect::<Vec<_>>().join(separator))
    }

    /// The text without tags and with entities decoded, for places that
    /// show plain text (the terminal, button labels).
    pub fn to_plain(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        let mut rest = self.0.as_str();
        while let Some(start) = rest.find('<') {
            out.push_str(&rest[..start]);
            match rest[start..].find('>') {
                Some(end) => rest = &rest[start + end + 1..],
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    /// Checks that every tag is one Telegram accepts and is closed in order.
    pub fn check_tags(&self) -> Result<(), String> {
        const ALLOWED: [&str; 8] = ["b", "i", "u", "s", "code", "pre", "a", "blockquote"];
        let mut open: Vec<String> = Vec::new();
        let mut rest = self.0.as_str();
        while let Some(start) = rest.find('<') {
            let after = &rest[start + 1..];
            let end = after.find('>').ok_or("a `<` is never closed")?;
            let tag = &after[..end];
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some(top) if top == name => {}
                    _ => return Err(format!("`</{name}>` closes nothing")),
                }
            } else {
                let name = tag.split_whitespace().next().unwrap_or("");
                if !ALLOWED.contains(&name) {
                    return Err(format!("tag `<{tag}>` is not one Telegram accepts"));
                }
                open.push(name.to_string());
            }
            rest = &after[end + 1..];
        }
        match open.pop() {
            Some(name) => Err(format!("`<{name}>` is never closed")),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Escapes `<`, `>`, `&` and `"` for Telegram's HTML parse mode.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_user_text() {
        assert_eq!(
            escape("<b>Tom & \"Jerry\"</b>"),
            "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let html = Html::trusted(format!("<b>Due:</b> {}", escape("$5 <&> \"x\"")));
        assert_eq!(html.to_plain(), "Due: $5 <&> \"x\"");
    }

    #[test]
    fn finds_unbalanced_tags() {
        assert!(Html::trusted("<b>ok</b> <i>fine</i>".into()).check_tags().is_ok());
        assert!(Html::trusted("<b>open".into()).check_tags().is_err());
        assert!(Html::trusted("<div>x</div>".into()).check_tags().is_err());
        assert!(Html::trusted("<b><i>x</b></i>".into()).check_tags().is_err());
    }
}
