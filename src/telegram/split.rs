//! Splitting long HTML texts into messages Telegram accepts (4096
//! characters each), at line breaks where possible, never inside a tag or
//! an entity, and with formatting closed and reopened across the cut.

/// Telegram's limit for one message's text.
pub const MESSAGE_LIMIT: usize = 4096;

/// Room kept in each chunk for closing and reopening tags.
const TAG_RESERVE: usize = 128;

/// Splits `html` into chunks of at most `limit` UTF-16 units (how Telegram
/// counts), each valid HTML on its own.
pub fn split_text(html: &str, limit: usize) -> Vec<String> {
    if utf16_len(html) <= limit {
        return vec![html.to_string()];
    }
    let budget = limit.saturating_sub(TAG_RESERVE).max(16);
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    for unit in units(html, budget) {
        if !current.is_empty() && utf16_len(&current) + utf16_len(unit) > budget {
            chunks.push(std::mem::take(&mut current));
        }
        current.push_str(unit);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    balance_tags(chunks)
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The pieces to pack: lines, or for an overlong line its words, or for an
/// overlong word its tokens (a tag, an entity or one character).
fn units(html: &str, budget: usize) -> Vec<&str> {
    let mut out = Vec::new();
    for line in html.split_inclusive('\n') {
        if utf16_len(line) <= budget {
            out.push(line);
            continue;
        }
        for word in line.split_inclusive(' ') {
            if utf16_len(word) <= budget {
                out.push(word);
            } else {
                out.extend(tokens(word));
            }
        }
    }
    out
}

/// Tags and entities as single tokens, other text char by char.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let len = match rest.chars().next() {
            Some('<') => rest.find('>').map(|e| e + 1).unwrap_or(1),
            Some('&') => rest.find(';').filter(|e| *e <= 10).map(|e| e + 1).unwrap_or(1),
            Some(c) => c.len_utf8(),
            None => break,
        };
        out.push(&rest[..len]);
        i += len;
    }
    out
}

/// Closes the tags still open at the end of each chunk and reopens them at
/// the start of the next.
fn balance_tags(chunks: Vec<String>) -> Vec<String> {
    let mut open: Vec<(String, String)> = Vec::new(); // (name, opening tag)
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let mut text: String = open.iter().map(|(_, tag)| tag.as_str()).collect();
        text.push_str(&chunk);
        for token in tokens(&chunk) {
            if let Some(inner) = token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
                if let Some(name) = inner.strip_prefix('/') {
                    if let Some(at) = open.iter().rposition(|(n, _)| n == name) {
                        open.remove(at);
                    }
                } else {
                    let name = inner.split_whitespace().next().unwrap_or("").to_string();
                    open.push((name, token.to_string()));
                }
            }
        }
        for (name, _) in open.iter().rev() {
            text.push_str(&format!("</{name}>"));
        }
        let trimmed = text.trim_matches('\n').to_string();
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Html;

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(split_text("<b>hi</b>", MESSAGE_LIMIT), vec!["<b>hi</b>"]);
    }

    #[test]
    fn long_texts_split_at_lines_within_the_limit() {
        let line = "Line with an amount of $1,234.50 and &amp; an entity.\n";
        let text = line.repeat(200);
        let chunks = split_text(&text, MESSAGE_LIMIT);
        assert!(chunks.len() > 1);
        for chunk in &chunks {
            assert!(utf16_len(chunk) <= MESSAGE_LIMIT);
            assert!(chunk.ends_with("entity."), "cut at a line break");
        }
        let rejoined: String = chunks.join("\n");
        assert_eq!(rejoined.matches("&amp;").count(), 200, "nothing lost");
    }

    #[test]
    fn formatting_is_closed_and_reopened_across_a_cut() {
        let text = format!("<b>{}</b>", "word ".repeat(2000));
        let chunks = split_text(&text, MESSAGE_LIMIT);
        assert!(chunks.len() > 1);
        for chunk in &chunks {
            assert!(utf16_len(chunk) <= MESSAGE_LIMIT);
            Html::trusted(chunk.clone()).check_tags().unwrap();
            assert!(chunk.starts_with("<b>") && chunk.ends_with("</b>"));
        }
    }

    #[test]
    fn a_text_without_spaces_is_cut_between_characters_not_inside_entities() {
        let text = "é&amp;".repeat(1500);
        let chunks = split_text(&text, MESSAGE_LIMIT);
        for chunk in &chunks {
            assert!(utf16_len(chunk) <= MESSAGE_LIMIT);
            assert!(!chunk.ends_with('&') && !chunk.starts_with("amp;"));
        }
        assert_eq!(chunks.concat().matches("&amp;").count(), 1500);
    }
}
