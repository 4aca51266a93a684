//! A choice typed instead of tapped: "Hospital", "hosptial", "Mercy
//! General Hospital", "yes it was the ER 😩", "idk".

use super::text::{find_phrase, normalize, only_question_marks, take_phrases};
use super::{NotRead, Reading, Words};
use std::collections::BTreeMap;

/// One choice as typed text can name it: its label and the other words
/// people use for it, each a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub phrases: Vec<String>,
    /// Phrases that name it only as the whole answer ("in" alone, not in
    /// "in texas"): written with a leading "=".
    pub whole: Vec<String>,
    /// A vague choice that gives way when one other choice is named beside
    /// it ("aetna thru my job, hospital is in network" is In network, not
    /// "insured, not sure"): written as the entry "(yields)".
    pub yields: bool,
}

/// The entry that marks a choice as [`Choice::yields`].
const YIELDS: &str = "(yields)";

impl Choice {
    /// A choice named by these phrases (normalized here; a mark such as
    /// "👍" that normalizing would erase is kept as typed; one starting
    /// with "=" names it only as the whole answer).
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> Choice {
        let mut choice = Choice {
            phrases: Vec::new(),
            whole: Vec::new(),
            yields: false,
        };
        for phrase in phrases {
            let phrase = phrase.as_ref().trim();
            if phrase == YIELDS {
                choice.yields = true;
                continue;
            }
            let (list, phrase) = match phrase.strip_prefix('=') {
                Some(rest) => (&mut choice.whole, rest),
                None => (&mut choice.phrases, phrase),
            };
            let plain = match normalize(phrase) {
                plain if plain.is_empty() => phrase.to_string(),
                plain => plain,
            };
            if !plain.is_empty() {
                list.push(plain);
            }
        }
        choice
    }

    /// This choice named by another choice's phrases too.
    pub fn and(mut self, other: Option<&Choice>) -> Choice {
        if let Some(other) = other {
            for (mine, theirs) in [(&mut self.phrases, &other.phrases), (&mut self.whole, &other.whole)] {
                for phrase in theirs {
                    if !mine.contains(phrase) {
                        mine.push(phrase.clone());
                    }
                }
            }
            self.yields |= other.yields;
        }
        self
    }

    /// Whether the choice is itself a "no", which negations do not turn.
    fn is_negative(&self, words: &Words) -> bool {
        self.phrases.iter().any(|p| words.negations.contains(p))
    }

    /// Whether one of the choice's own phrases that stands in the text
    /// holds this word ("still pending" holds "pending", "not covered"
    /// holds "not"), so the word does not turn the choice around.
    fn names_in(&self, text: &str, word: &str) -> bool {
        self.phrases
            .iter()
            .any(|p| find_phrase(p, word).is_some() && find_phrase(text, p).is_some())
    }
}

/// The choice sets of a `reading/choices.toml` file: for each set (a
/// question's buttons), each button id with the phrases that name it.
pub fn choice_sets_from_toml(text: &str) -> Result<BTreeMap<String, Vec<(String, Choice)>>, String> {
    let sets: BTreeMap<String, BTreeMap<String, Vec<String>>> = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(sets
        .into_iter()
        .map(|(set, ids)| {
            let choices = ids
                .into_iter()
                .map(|(id, phrases)| (id, Choice::new(phrases)))
                .collect();
            (set, choices)
        })
        .collect())
}

/// Which of `choices` the text names, by index.
///
/// - Sure: the text is one of a choice's phrases, once words that change
///   nothing ("it was the …", emoji) are taken out.
/// - Guess: one choice's phrase stands among other words ("Mercy General
///   Hospital"), or one choice is a typo away ("hosptial").
/// - Not read: no choice, or more than one, or a word that turns it
///   around ("not the hospital") — asked again rather than read wrongly.
pub fn read_choice(text: &str, choices: &[Choice], words: &Words) -> Result<Reading<usize>, NotRead> {
    let normalized = match take_phrases(&normalize(text), &words.remarks) {
        (rest, true) if !rest.is_empty() => rest,
        _ => normalize(text),
    };
    if only_question_marks(text) || words.is_dont_know(&normalized) {
        return Ok(Reading::DontKnow);
    }
    if normalized.is_empty() {
        // Only marks: a choice's own mark ("👍"), or a shrug.
        let mark = text.trim();
        if let [only] = indexes(choices, |choice| choice.phrases.iter().any(|p| p == mark))[..] {
            return Ok(Reading::Sure(only));
        }
        return match words.says_dont_know(text) {
            true => Ok(Reading::DontKnow),
            false => Err(NotRead),
        };
    }
    // "out of netwrk": a word one typo from a word of the buttons is read
    // as that word, as a guess.
    if let Some(fixed) = typos_fixed(&normalized, choices, words) {
        return read_choice(&fixed, choices, words).map(Reading::as_guess);
    }
    // "the er doctors, not the hospital": a button said in the negative
    // beside another is not meant; the other is read, as a guess.
    if let Some(rest) = without_negated(&normalized, choices, words) {
        return read_choice(&rest, choices, words).map(Reading::as_guess);
    }
    let (plain, _) = take_phrases(&normalized, &words.fillers);
    let named_exactly = |text: &str| -> Vec<usize> {
        indexes(choices, |choice| {
            choice.phrases.iter().chain(&choice.whole).any(|p| p == text)
        })
    };
    if let [only] = named_exactly(&normalized)[..] {
        return Ok(Reading::Sure(only));
    }
    if let [only] = named_exactly(&plain)[..] {
        return Ok(Reading::Sure(only));
    }
    // A phrase among other words; one inside another choice's longer
    // phrase does not count ("network" in "out of network", "er" in "er
    // physicians").
    let typed_text = normalized.as_str();
    let mut outer: Vec<usize> = outer_spans(typed_text, choices).iter().map(|(i, _, _)| *i).collect();
    outer.sort_unstable();
    outer.dedup();
    // "bcbs, out of network i think": a vague choice named beside one other
    // gives way to it, as a guess to confirm.
    let yielded = outer.len() == 2 && outer.iter().filter(|&&i| choices[i].yields).count() == 1;
    if yielded {
        outer.retain(|&i| !choices[i].yields);
        return guarded(outer[0], &normalized, choices, words);
    }
    // "not sure, card says aetna": a Not sure named among words that may
    // answer the question is asked again, not taken as Not sure.
    let only_doubt = |choice: &Choice| {
        choice
            .phrases
            .iter()
            .filter(|p| find_phrase(typed_text, p).is_some())
            .all(|p| words.dont_know.contains(p))
    };
    match outer[..] {
        [only] if only_doubt(&choices[only]) => return Err(NotRead),
        [only] => {
            // "no it was just bloodwork": said first, then why, is the
            // answer as typed (unless hedged: "in network i think").
            let reading = guarded(only, &normalized, choices, words)?;
            let said_first = choices[only]
                .phrases
                .iter()
                .any(|p| normalized.starts_with(&format!("{p} ")));
            let hedged = words.hedges.iter().any(|h| find_phrase(&normalized, h).is_some());
            return Ok(match reading {
                Reading::Guess(at) if said_first && !hedged => Reading::Sure(at),
                other => other,
            });
        }
        [] => {}
        _ => return Err(NotRead),
    }
    // A typo of a choice's phrase: the nearest, then the one of most words
    // ("out of netwrk" is "out of network", not "network").
    // A word the reader knows on its own is meant as typed, not as a typo
    // of another ("none" at a yes/no question is not "nope").
    let typed: Vec<(&str, bool)> = plain
        .split_whitespace()
        .map(|word| (word, words.knows_word(word)))
        .collect();
    let scores: Vec<Option<(usize, std::cmp::Reverse<usize>)>> = choices
        .iter()
        .map(|choice| {
            choice
                .phrases
                .iter()
                .filter_map(|phrase| typo_distance(&typed, phrase))
                .min()
        })
        .collect();
    let best = scores.iter().flatten().min();
    let nearest: Vec<usize> = scores
        .iter()
        .enumerate()
        .filter(|(_, score)| score.is_some() && score.as_ref() == best)
        .map(|(i, _)| i)
        .collect();
    match nearest[..] {
        [only] => guarded(only, &normalized, choices, words),
        _ if words.says_dont_know(text) => Ok(Reading::DontKnow),
        _ => Err(NotRead),
    }
}

/// Where each choice's phrases stand in the text, outermost only: a
/// phrase inside another choice's longer phrase does not count ("network"
/// in "out of network"). Choice, start, end.
fn outer_spans(text: &str, choices: &[Choice]) -> Vec<(usize, usize, usize)> {
    let spans: Vec<(usize, usize, usize)> = choices
        .iter()
        .enumerate()
        .flat_map(|(i, choice)| {
            choice
                .phrases
                .iter()
                .filter_map(move |p| find_phrase(text, p).map(|at| (i, at, at + p.len())))
        })
        .collect();
    spans
        .iter()
        .filter(|(i, start, end)| {
            !spans
                .iter()
                .any(|(j, s, e)| j != i && s <= start && end <= e && (e - s) > (end - start))
        })
        .copied()
        .collect()
}

/// The text with each typed word that is one typo from a word of the
/// buttons' phrases (and from only one) made that word; None when no word
/// changed. Words of five letters or more only, and never a word the reader
/// knows on its own or one of its doubts ("whats" is not "thats").
fn typos_fixed(text: &str, choices: &[Choice], words: &Words) -> Option<String> {
    let mut vocabulary: Vec<&str> = choices
        .iter()
        .flat_map(|choice| choice.phrases.iter().chain(&choice.whole))
        .flat_map(|phrase| phrase.split_whitespace())
        .filter(|word| word.chars().count() >= 5)
        .collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let mut changed = false;
    let fixed: Vec<String> = text
        .split_whitespace()
        .map(|typed| {
            let bare = typed.trim_end_matches([',', '.']);
            let skip = bare.chars().count() < 5
                || vocabulary.contains(&bare)
                || words.knows_word(bare)
                || words
                    .fillers
                    .iter()
                    .chain(&words.hedges)
                    .chain(&words.doubts)
                    .chain(&words.remarks)
                    .any(|w| w == bare);
            if skip {
                return typed.to_string();
            }
            match vocabulary.iter().filter(|word| close(bare, word)).collect::<Vec<_>>()[..] {
                [only] => {
                    changed = true;
                    typed.replacen(bare, only, 1)
                }
                _ => typed.to_string(),
            }
        })
        .collect();
    changed.then(|| fixed.join(" "))
}

/// The text without each button named right after a negation ("not the
/// hospital", a filler or two between), when another button is still
/// named in what is left; None otherwise.
fn without_negated(text: &str, choices: &[Choice], words: &Words) -> Option<String> {
    let spans = outer_spans(text, choices);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (_, start, end) in &spans {
        let mut before = text[..*start].trim_end();
        while let Some(filler) = words
            .fillers
            .iter()
            .find(|f| before.ends_with(f.as_str()) && find_phrase(before, f) == Some(before.len() - f.len()))
        {
            before = before[..before.len() - filler.len()].trim_end();
        }
        let negation = words
            .negations
            .iter()
            .find(|n| before.ends_with(n.as_str()) && find_phrase(before, n) == Some(before.len() - n.len()));
        if let Some(negation) = negation {
            cuts.push((before.len() - negation.len(), *end));
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut rest = text.to_string();
    cuts.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in cuts {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    for (start, end) in merged.iter().rev() {
        rest.replace_range(*start..*end, " ");
    }
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = rest.trim_matches([',', ' ', '.']).to_string();
    (!outer_spans(&rest, choices).is_empty()).then_some(rest)
}

/// Which of `choices` one typed word names as a word of its phrase
/// ("review" for "Review a bill", "scripts" for "Call scripts"), when
/// exactly one does. For buttons that only move around a screen, where
/// a near miss costs a tap back; never for an answer that is stored.
pub fn read_keyword(text: &str, choices: &[Choice]) -> Option<usize> {
    let typed = normalize(text);
    let stem = |word: &str| word.trim_end_matches('s').to_string();
    if typed.len() < 3 || typed.contains(' ') {
        return None;
    }
    let named = indexes(choices, |choice| {
        choice
            .phrases
            .iter()
            .any(|p| p.split_whitespace().any(|word| stem(word) == stem(&typed)))
    });
    match named[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// How far typed words are from a phrase, each of its words a typo of one
/// typed (edits added up, then more words first); None when one is not. A
/// typed word the reader knows on its own (the `bool`) counts only exact.
fn typo_distance(typed: &[(&str, bool)], phrase: &str) -> Option<(usize, std::cmp::Reverse<usize>)> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    if wanted.is_empty() {
        return None;
    }
    let mut total = 0;
    for w in &wanted {
        total += typed
            .iter()
            .filter(|(t, known)| close(t, w) && (!known || t == w))
            .map(|(t, _)| strsim::osa_distance(t, w))
            .min()?;
    }
    Some((total, std::cmp::Reverse(wanted.len())))
}

/// A guess at a choice, unless a negation stands in the text and the
/// choice is not itself a "no" ("not the hospital"), or a doubt
/// ("pending", "idk") stands in it that none of the choice's own phrases
/// holds ("medicaid pending"; "still pending" holds its doubt).
fn guarded(choice: usize, text: &str, choices: &[Choice], words: &Words) -> Result<Reading<usize>, NotRead> {
    // A choice read from a phrase that is itself said in the negative ("no
    // insurance") agrees with other negations ("nope no insurance").
    let said_in_negative = words.negations.iter().any(|n| choices[choice].names_in(text, n));
    let negated = !said_in_negative
        && words
            .negations
            .iter()
            .any(|n| find_phrase(text, n).is_some() && !choices[choice].names_in(text, n));
    if negated && !choices[choice].is_negative(words) {
        return Err(NotRead);
    }
    let doubted = words.doubts.iter().chain(&words.dont_know).any(|d| {
        find_phrase(text, d)
            .is_some_and(|at| !choices[choice].names_in(text, d) && !bridged(choice, text, at, d, choices, words))
    });
    if doubted {
        return Err(NotRead);
    }
    Ok(Reading::Guess(choice))
}

/// Whether a "but" (a doubt that is also an aside word) stands between
/// two sayings of the same answer: the choice named after it, and before
/// it only the choice or a vague one that gives way ("they paid some but
/// most went to my deductible", "ppo but theyre out of network").
fn bridged(choice: usize, text: &str, at: usize, doubt: &str, choices: &[Choice], words: &Words) -> bool {
    if !words.asides.iter().any(|aside| aside == doubt) {
        return false;
    }
    let spans = outer_spans(text, choices);
    let before: Vec<usize> = spans
        .iter()
        .filter(|(_, _, end)| *end <= at)
        .map(|(i, _, _)| *i)
        .collect();
    let after_named = spans
        .iter()
        .any(|(i, start, _)| *i == choice && *start >= at + doubt.len());
    after_named && !before.is_empty() && before.iter().all(|&i| i == choice || choices[i].yields)
}

fn indexes(choices: &[Choice], matches: impl Fn(&Choice) -> bool) -> Vec<usize> {
    choices
        .iter()
        .enumerate()
        .filter(|(_, choice)| matches(choice))
        .map(|(i, _)| i)
        .collect()
}

/// A typed word close enough to a wanted one to be a typo of it: one edit
/// (a swap of two letters counts as one) from 4 letters, two from 8.
fn close(typed: &str, wanted: &str) -> bool {
    let length = wanted.chars().count();
    let allowed = match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    strsim::osa_distance(typed, wanted) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;

    fn senders() -> Vec<Choice> {
        vec![
            Choice::new(["Hospital", "ER", "emergency room", "medical center"]),
            Choice::new(["Doctor's office", "doctor", "clinic"]),
            Choice::new(["Lab", "laboratory", "labcorp", "quest"]),
        ]
    }

    #[test]
    fn a_whole_answer_phrase_names_a_choice_only_alone() {
        let coverage = vec![
            Choice::new(["In network", "=in"]),
            Choice::new(["Out of network", "=out"]),
        ];
        let words = english();
        assert_eq!(read_choice("in", &coverage, &words), Ok(Reading::Sure(0)));
        assert_eq!(read_choice("Out.", &coverage, &words), Ok(Reading::Sure(1)));
        assert_eq!(read_choice("i was in texas", &coverage, &words), Err(NotRead));
    }

    #[test]
    fn one_word_of_exactly_one_label_names_it() {
        let menu = vec![
            Choice::new(["Review a bill"]),
            Choice::new(["Call scripts"]),
            Choice::new(["My reminders"]),
            Choice::new(["My bills"]),
        ];
        assert_eq!(read_keyword("review", &menu), Some(0));
        assert_eq!(read_keyword("Script", &menu), Some(1));
        assert_eq!(read_keyword("reminder", &menu), Some(2));
        assert_eq!(read_keyword("my", &menu), None, "two labels say it, and it is short");
        assert_eq!(read_keyword("bill", &menu), None, "two labels say it");
        assert_eq!(read_keyword("review it", &menu), None, "one word only");
    }

    fn yes_no() -> Vec<Choice> {
        vec![
            Choice::new(["Yes", "yeah", "yep", "y"]),
            Choice::new(["No", "nope", "nah", "n"]),
        ]
    }

    fn read(text: &str, choices: &[Choice]) -> Result<Reading<usize>, NotRead> {
        read_choice(text, choices, &english())
    }

    #[test]
    fn a_label_or_a_word_for_it_is_sure() {
        assert_eq!(read("hospital", &senders()), Ok(Reading::Sure(0)));
        assert_eq!(read("  LAB!! ", &senders()), Ok(Reading::Sure(2)));
        assert_eq!(read("it was the ER 😩", &senders()), Ok(Reading::Sure(0)));
        assert_eq!(read("yep", &yes_no()), Ok(Reading::Sure(0)));
    }

    #[test]
    fn a_name_among_words_or_a_typo_is_a_guess() {
        assert_eq!(read("Mercy General Hospital", &senders()), Ok(Reading::Guess(0)));
        assert_eq!(read("hosptial", &senders()), Ok(Reading::Guess(0)));
        assert_eq!(read("labratory", &senders()), Ok(Reading::Guess(2)));
        // Said first, then why: as typed; hedged, a guess.
        assert_eq!(read("yes it was the ER 😩", &yes_no()), Ok(Reading::Sure(0)));
        assert_eq!(read("no it wasn't", &yes_no()), Ok(Reading::Sure(1)));
        assert_eq!(read("yes probably the ER", &yes_no()), Ok(Reading::Guess(0)));
        let coverage = vec![
            Choice::new(["In network", "network"]),
            Choice::new(["Out of network", "oon"]),
        ];
        assert_eq!(
            read("pretty sure its out of network", &coverage),
            Ok(Reading::Guess(1)),
            "the longer phrase wins over the one inside it"
        );
    }

    #[test]
    fn doubt_two_choices_or_a_negation_ask_again() {
        assert_eq!(read("idk", &senders()), Ok(Reading::DontKnow));
        assert_eq!(read("hospital or lab", &senders()), Err(NotRead));
        assert_eq!(read("not the hospital", &senders()), Err(NotRead));
        assert_eq!(read("pizza", &senders()), Err(NotRead));
        assert_eq!(read("yes and no", &yes_no()), Err(NotRead));
        let coverage = vec![
            Choice::new(["Medicaid"]),
            Choice::new(["In network", "network"]),
            Choice::new(["Insured, not sure", "but not sure"]),
        ];
        assert_eq!(read("medicaid pending", &coverage), Err(NotRead));
        assert_eq!(read("in network but idk", &coverage), Err(NotRead));
        assert_eq!(read("insured but it lapsed", &coverage), Err(NotRead));
        assert_eq!(read("insured but not sure", &coverage), Ok(Reading::Guess(2)));
    }

    #[test]
    fn a_vague_choice_gives_way_to_one_named_beside_it() {
        let coverage = vec![
            Choice::new(["In network"]),
            Choice::new(["Out of network"]),
            Choice::new(["(yields)", "Insured, not sure", "aetna", "bcbs", "thru my job"]),
        ];
        assert_eq!(
            read("aetna thru my job, hospital is in network i think", &coverage),
            Ok(Reading::Guess(0))
        );
        assert_eq!(read("bcbs, out of network i think", &coverage), Ok(Reading::Guess(1)));
        assert_eq!(read("aetna", &coverage), Ok(Reading::Sure(2)));
        // Not when both others are named, nor when the one beside it is negated.
        assert_eq!(read("aetna, in network or out of network?", &coverage), Err(NotRead));
        assert_eq!(read("bcbs, not sure its in network", &coverage), Err(NotRead));
        // A list without the mark does not give way.
        let plain = vec![Choice::new(["In network"]), Choice::new(["aetna"])];
        assert_eq!(read("aetna in network", &plain), Err(NotRead));
    }

    #[test]
    fn the_nearest_typo_marks_and_negations_inside_a_phrase() {
        let plans = vec![Choice::new(["Medicare"]), Choice::new(["Medicaid", "medical"])];
        assert_eq!(read("medicaire", &plans), Ok(Reading::Guess(0)));
        assert_eq!(read("medicad", &plans), Ok(Reading::Guess(1)));
        let coverage = vec![Choice::new(["In network", "network"]), Choice::new(["Out of network"])];
        assert_eq!(read("out of netwrk", &coverage), Ok(Reading::Guess(1)));
        let thumbs = vec![Choice::new(["Yes", "👍"]), Choice::new(["No", "👎"])];
        assert_eq!(read("👎", &thumbs), Ok(Reading::Sure(1)));
        assert_eq!(read("🤷", &thumbs), Ok(Reading::DontKnow));
        let claim = vec![Choice::new(["Paid part"]), Choice::new(["Denied", "not covered"])];
        assert_eq!(read("insurance said not covered", &claim), Ok(Reading::Guess(1)));
        let insured = vec![Choice::new(["Insured"]), Choice::new(["Self-pay", "no insurance"])];
        assert_eq!(read("nope no insurance 😩", &insured), Ok(Reading::Guess(1)));
        assert_eq!(read("not insured", &insured), Err(NotRead));
        assert_eq!(read("cant tell from the letter", &claim), Ok(Reading::DontKnow));
        let kinds = vec![Choice::new(["Original"]), Choice::new(["Not sure"])];
        assert_eq!(read("not sure tbh", &kinds), Ok(Reading::Sure(1)));
        assert_eq!(read("not sure, card says aetna", &kinds), Err(NotRead));
        assert_eq!(
            read("lap", &senders()),
            Err(NotRead),
            "short words need the exact spelling"
        );
    }

    #[test]
    fn spanish_answers_from_the_trial_are_read() {
        let words = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        let sets = choice_sets_from_toml(include_str!("../../../dialogues/es/reading/choices.toml")).unwrap();
        let read_in = |names: &[&str], text: &str| -> Option<String> {
            let mut set: Vec<(String, Choice)> = Vec::new();
            for name in names {
                for (id, choice) in &sets[*name] {
                    match set.iter_mut().find(|(each, _)| each == id) {
                        Some((_, known)) => *known = known.clone().and(Some(choice)),
                        None => set.push((id.clone(), choice.clone())),
                    }
                }
            }
            let choices: Vec<Choice> = set.iter().map(|(_, choice)| choice.clone()).collect();
            let reading = read_choice(text, &choices, &words).ok()?;
            reading.value().map(|at| set[*at].0.clone())
        };
        for text in ["no tenia seguro", "no tenía seguro", "no tenía seguro en ese tiempo"] {
            assert_eq!(read_in(&["coverage"], text).as_deref(), Some("self_pay"), "{text}");
        }
        let collections = ["yes_no_not_sure", "in_collections"];
        for text in [
            "todavía no pero la carta dice que la van a mandar",
            "no pero dijeron que la van a mandar",
        ] {
            assert_eq!(read_in(&collections, text).as_deref(), Some("no"), "{text}");
        }
        assert_eq!(
            read_in(&["claim"], "el papel de medicare dice que no pagaron").as_deref(),
            Some("denied")
        );
        assert_eq!(
            read_in(&["claim"], "todavía no pagaron"),
            None,
            "not yet is not a denial"
        );
        // "no" at "¿Su seguro ya procesó esta factura?" may be pending or
        // never sent: asked.
        assert_eq!(read_in(&["claim"], "no"), None);
        assert_eq!(
            read_in(&["claim"], "pagaron algo pero lo demás se fue al deducible").as_deref(),
            Some("paid_part")
        );
        assert_eq!(
            read_in(&["coverage"], "solo medicare sin suplemento").as_deref(),
            Some("medicare")
        );
        assert_eq!(
            read_in(&["call_outcome"], "dijeron que me lo mandan").as_deref(),
            Some("promised")
        );
    }

    #[test]
    fn answers_from_the_readers3_trial_are_read() {
        let words = english();
        let read_in = |name: &str, text: &str| -> Option<String> {
            let set = &words.choices[name];
            let choices: Vec<Choice> = set.iter().map(|(_, choice)| choice.clone()).collect();
            let reading = read_choice(text, &choices, &words).ok()?;
            reading.value().map(|at| set[*at].0.clone())
        };
        let cases = [
            (
                "sender",
                "its the er docs, some physicians group not the hospital",
                Some("doctor_office"),
            ),
            ("sender", "not the hospital", None),
            (
                "sender",
                "its from a collection agency now but the bill was the hospital",
                None,
            ),
            (
                "claim",
                "they paid some but most went to my deductible",
                Some("paid_part"),
            ),
            ("claim", "it all went to my deductible", Some("paid_part")),
            ("claim", "they paid some but it was denied", None),
            ("coverage", "medicare only no supplement", Some("medicare")),
            (
                "coverage",
                "i have obamacare but they said my insurance was never on file",
                Some("insured_not_sure"),
            ),
            ("coverage", "ppo but theyre out of netwrk", Some("out_of_network")),
            ("coverage", "medicaid but it lapsed", None),
            ("call_outcome", "they said they'd mail it", Some("promised")),
        ];
        for (set, text, expected) in cases {
            assert_eq!(read_in(set, text).as_deref(), expected, "{text}");
        }
    }
}
