//! How many people live in a household, as people say it: "4", "four",
//! "4 of us", "just me", "me and my wife", "me, my wife and 2 kids".

use super::text::{find_phrase, normalize, take_phrases};
use super::{NotRead, Reading, Words};

/// The largest household the bot reads (a larger number is a typo, or an
/// amount typed at the wrong question).
const MOST: u32 = 20;

/// Reads a count of people. A bare number ("4", "four", "4 of us") is
/// sure; a count added up from parts ("me and my wife", "2 adults 2 kids")
/// is a guess to confirm. Anything not understood, a sum of money among it,
/// or no one at all, is not read.
pub fn read_count(text: &str, words: &Words) -> Result<Reading<u32>, NotRead> {
    read_explained(text, words, true)
}

/// [`read_count`]; a total followed by who they are is looked for only
/// where `explained` (not again inside the parts of one, which keeps the
/// work a square of the words, not a power).
fn read_explained(text: &str, words: &Words, explained: bool) -> Result<Reading<u32>, NotRead> {
    // "3 of us, me and my 2 kids": a number, then who they are after a
    // comma, read like brackets.
    let after_comma = text
        .split_once(',')
        .filter(|(number, _)| number.contains(|c: char| c.is_ascii_digit()))
        .map(|(number, who)| (number.to_string(), who.to_string()));
    if let Some((outside, inside)) = split_brackets(text)
        .or(after_comma)
        .or_else(|| explained.then(|| number_then_who(text, words)).flatten())
    {
        // "2 (me and my mom)": the brackets explain the number outside;
        // if they count to another number, ask.
        let reading = read_count(&outside, words)?;
        return match (
            reading.value(),
            read_count(&inside, words).ok().as_ref().and_then(Reading::value),
        ) {
            (Some(outer), Some(inner)) if outer != inner => Err(NotRead),
            _ => Ok(reading),
        };
    }
    if words.says_dont_know(text) {
        return Ok(Reading::DontKnow);
    }
    // "4 i guess": a hedge makes the count a guess.
    let (normalized, hedged) = take_phrases(&normalize(text), &words.hedges);
    if normalized.contains('$') {
        return Err(NotRead);
    }
    let counted = &words.count;
    // Number words become digits ("four" → "4", "a couple" → "2"), and a
    // number glued to a word stands apart ("3ppl" → "3 ppl").
    let mut text = unglue(&normalized.replace(',', " "));
    for pair in &counted.numbers {
        while let Some(at) = find_phrase(&text, &pair[0]) {
            text.replace_range(at..at + pair[0].len(), &pair[1]);
        }
    }
    // "6 incl me": the person typing is in the number already.
    let (text, _) = take_phrases(&text, &counted.me_included);
    // The person typing, if they name themselves; "me" stands once.
    let (rest, me) = take_phrases(&text, &counted.me);
    let mut total: u32 = u32::from(me);
    let mut parts = usize::from(me);
    // Others named one by one ("my wife", "our son").
    let mut rest = rest;
    for word in &counted.one_each {
        while let Some(at) = find_phrase(&rest, word) {
            // "1 kid": the number before the word already counts it.
            let numbered = rest[..at]
                .split_whitespace()
                .next_back()
                .is_some_and(|t| t.parse::<u32>().is_ok());
            rest.replace_range(at..at + word.len(), " ");
            if !numbered {
                total += 1;
                parts += 1;
            }
        }
    }
    let (rest, _) = take_phrases(&rest, &counted.around);
    // What is left must be numbers, each one more part.
    for token in rest.split_whitespace() {
        let n: u32 = token.parse().map_err(|_| NotRead)?;
        total = total.checked_add(n).ok_or(NotRead)?;
        parts += 1;
    }
    if parts == 0 || total == 0 || total > MOST {
        return Err(NotRead);
    }
    // Plural words with no number to count them ("me and the kids").
    let unnumbered_plural = counted.plural.iter().any(|word| find_phrase(&text, word).is_some())
        && !text.split_whitespace().any(|t| t.parse::<u32>().is_ok());
    if unnumbered_plural {
        return Err(NotRead);
    }
    // "2 kids" alone counts only part of the household.
    let only_part = parts == 1 && counted.part_only.iter().any(|word| find_phrase(&text, word).is_some());
    if only_part {
        return Err(NotRead);
    }
    Ok(match parts {
        1 if !hedged => Reading::Sure(total),
        _ => Reading::Guess(total),
    })
}

/// "3 me and my 2 kids", "we are 4 me my wife and 2 kids", "somos 4 yo
/// mi esposo y 2 hijos": a total first (a number, with words such as "we
/// are" around it), then who they are, naming the person typing — the
/// total is the household, the rest explains it (not "4 + me + wife + 2").
/// "2 adults 2 kids" names no one and is added up.
fn number_then_who(text: &str, words: &Words) -> Option<(String, String)> {
    let names_someone = |part: &str| {
        let part = normalize(part);
        words
            .count
            .me
            .iter()
            .chain(&words.count.one_each)
            .any(|word| find_phrase(&part, word).is_some())
    };
    let cuts = text.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(at, _)| at);
    for at in cuts {
        let (total, who) = (&text[..at], &text[at..]);
        // The total alone: one number, in digits or a plain number word
        // ("we are 4", "somos cuatro"; not "twins"), sure, naming no one.
        let plain = normalize(total);
        let numbered = plain.contains(|c: char| c.is_ascii_digit())
            || plain
                .split_whitespace()
                .any(|word| words.number_words.iter().any(|pair| pair[0] == word && pair[0] != "a"));
        let stated =
            numbered && matches!(read_explained(total, words, false), Ok(Reading::Sure(_))) && !names_someone(total);
        if !stated {
            continue;
        }
        let who_normalized = normalize(who);
        let names_the_speaker = words
            .count
            .me
            .iter()
            .any(|me| find_phrase(&who_normalized, me).is_some());
        let counts_someone = read_explained(who, words, false)
            .ok()
            .as_ref()
            .and_then(Reading::value)
            .is_some();
        return (names_the_speaker && counts_someone).then(|| (total.to_string(), who.to_string()));
    }
    None
}

/// "3ppl" → "3 ppl": a space after digits that a letter follows.
fn unglue(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut previous = ' ';
    for c in text.chars() {
        if previous.is_ascii_digit() && c.is_alphabetic() {
            out.push(' ');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// A text with a bracketed part: the text outside it, and inside.
fn split_brackets(text: &str) -> Option<(String, String)> {
    let open = text.find(['(', '['])?;
    let close = open + text[open..].find([')', ']'])?;
    let outside = format!("{} {}", &text[..open], &text[close + 1..]);
    Some((outside, text[open + 1..close].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;

    fn read(text: &str) -> Result<Reading<u32>, NotRead> {
        read_count(text, &english())
    }

    #[test]
    fn a_number_however_said_is_sure() {
        for (text, n) in [
            ("4", 4),
            ("four", 4),
            ("4 of us", 4),
            ("Four people", 4),
            ("family of 5", 5),
            ("we are 3", 3),
        ] {
            assert_eq!(read(text), Ok(Reading::Sure(n)), "{text}");
        }
        assert_eq!(read("just me"), Ok(Reading::Sure(1)));
        assert_eq!(read("only me 🙃"), Ok(Reading::Sure(1)));
    }

    #[test]
    fn people_named_one_by_one_add_up_to_a_guess() {
        assert_eq!(read("me and my wife"), Ok(Reading::Guess(2)));
        // A number, then who they are: the number is the household.
        assert_eq!(read("3 me and my 2 kids"), Ok(Reading::Sure(3)));
        assert_eq!(read("4 me my wife and 2 kids"), Ok(Reading::Sure(4)));
        assert_eq!(read("5 me and my 2 kids"), Err(NotRead));
        // A total said first wins over the people listed after it, when
        // they agree; when not, asked.
        assert_eq!(read("we are 4 me my wife and 2 kids"), Ok(Reading::Sure(4)));
        assert_eq!(read("4 of us me my husband and 2 kids"), Ok(Reading::Sure(4)));
        assert_eq!(read("we are 5 me my wife and 2 kids"), Err(NotRead));
        assert_eq!(read("my wife and me"), Ok(Reading::Guess(2)));
        assert_eq!(
            read("twins + me + wife"),
            Ok(Reading::Guess(4)),
            "twins are people, not a total"
        );
        assert_eq!(read("we are four me my wife and 2 kids"), Ok(Reading::Sure(4)));
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        assert_eq!(
            read_count("somos 4 yo mi esposo y 2 hijos", &spanish),
            Ok(Reading::Sure(4))
        );
        assert_eq!(
            read_count("somos 4, yo mi esposo y 2 hijos", &spanish),
            Ok(Reading::Sure(4))
        );
        assert_eq!(read_count("somos 5 yo mi esposo y 2 hijos", &spanish), Err(NotRead));
        let long = "me and my wife and ".repeat(40);
        assert_eq!(read(&long), Err(NotRead), "a long text is read quickly, and too many");
        assert_eq!(read("2 adults 2 kids"), Ok(Reading::Guess(4)));
        assert_eq!(read("3 i think"), Ok(Reading::Guess(3)));
        assert_eq!(read("me, my wife and 2 kids"), Ok(Reading::Guess(4)));
        assert_eq!(read("2 adults 2 kids"), Ok(Reading::Guess(4)));
        assert_eq!(read("my husband and me and our son"), Ok(Reading::Guess(3)));
        assert_eq!(read("me and a couple kids"), Ok(Reading::Guess(3)));
    }

    #[test]
    fn brackets_explain_and_a_number_counts_the_word_after_it() {
        assert_eq!(read("1 (me)"), Ok(Reading::Sure(1)));
        assert_eq!(read("2 (me and my mom)"), Ok(Reading::Sure(2)));
        assert_eq!(read("1 adult 1 kid"), Ok(Reading::Guess(2)));
        assert_eq!(read("6 incl me"), Ok(Reading::Sure(6)));
        assert_eq!(read("4 i guess"), Ok(Reading::Guess(4)));
        assert_eq!(read("5 ppl"), Ok(Reading::Sure(5)));
        assert_eq!(read("3ppl"), Ok(Reading::Sure(3)));
        assert_eq!(read("just me and my dog lol"), Ok(Reading::Sure(1)));
    }

    #[test]
    fn what_is_not_a_count_is_not_read() {
        for text in [
            "$40,000",
            "40k",
            "me and the kids",
            "lots",
            "0",
            "none",
            "55000",
            "4 of us and some",
            "2 kids",
            "3 (me and my wife)",
        ] {
            assert_eq!(read(text), Err(NotRead), "{text}");
        }
        assert_eq!(read("idk"), Ok(Reading::DontKnow));
    }
}
