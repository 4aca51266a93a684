//! The words the readers accept, as a translator writes them in
//! `dialogues/<lang>/reading/words.toml`.

use super::choice::{choice_sets_from_toml, Choice};
use super::text::{find_phrase, normalize, only_question_marks};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Every word list the readers use, normalized (lowercase, single spaces)
/// and longest phrase first, so "a little over" is taken before "over".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Words {
    pub dont_know: Vec<String>,
    /// Marks that alone say "I don't know" ("🤷"), kept as typed.
    #[serde(default)]
    pub dont_know_marks: Vec<String>,
    /// Words that alone mean an amount of zero ("nothing").
    #[serde(default)]
    pub zero: Vec<String>,
    pub hedges: Vec<String>,
    pub money: Vec<String>,
    pub thousand: Vec<String>,
    pub per_month: Vec<String>,
    pub per_year: Vec<String>,
    pub not_money: Vec<String>,
    pub fillers: Vec<String>,
    /// Words that start an aside after an amount ("1k if they take it").
    #[serde(default)]
    pub asides: Vec<String>,
    /// Words that start a reason after an amount ("0 because they denied
    /// it"): the figure stays as typed.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Words that say the figure asked cannot be given ("i dont have the
    /// eob handy", "i shouldnt have to pay this"): at an amount, read as
    /// not knowing, so an optional question is skipped and another asked
    /// again. Not for choices: "i dont have it" is a "no" at "do you have
    /// the itemized bill?".
    #[serde(default)]
    pub no_figure: Vec<String>,
    /// Words that say how the user feels or what they need, not what they
    /// answer ("idk what to do", "please help"): taken out before a choice
    /// is read, so "i got an ER bill and idk what to do" is not a doubt.
    #[serde(default)]
    pub remarks: Vec<String>,
    /// Numbers in words for amounts: a word and its value (`["fifty",
    /// "50"]`); "hundred" multiplies what comes before it.
    #[serde(default)]
    pub number_words: Vec<Vec<String>>,
    pub negations: Vec<String>,
    /// Words that leave a choice read among them in doubt ("medicaid
    /// pending"), unless the choice itself names the doubt.
    #[serde(default)]
    pub doubts: Vec<String>,
    pub count: CountWords,
    pub dates: DateWords,
    pub eob: EobWords,
    /// Words about a logged call's name and reference number.
    #[serde(default)]
    pub calls: CallWords,
    /// The other words for each button answer, by choice set and button id
    /// (`reading/choices.toml`, added by [`Words::with_choices`]).
    #[serde(skip)]
    pub choices: BTreeMap<String, Vec<(String, Choice)>>,
}

/// The labels an EOB prints before each of its figures.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EobWords {
    pub billed: Vec<String>,
    pub allowed: Vec<String>,
    pub plan_paid: Vec<String>,
    pub your_share: Vec<String>,
}

/// Words typed for a logged call's name and reference number.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CallWords {
    /// Said for either, meaning there is none ("she didnt give one").
    pub none: Vec<String>,
    /// Words before a name ("a lady named maria").
    pub name_labels: Vec<String>,
    /// Words before a reference number ("ref 44821").
    pub reference_labels: Vec<String>,
}

/// Words about how many people live in a household.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CountWords {
    pub me: Vec<String>,
    pub one_each: Vec<String>,
    pub around: Vec<String>,
    pub plural: Vec<String>,
    /// Words saying the person typing is in the number ("6 incl me").
    #[serde(default)]
    pub me_included: Vec<String>,
    /// Words for only part of a household ("2 kids" is not its size).
    #[serde(default)]
    pub part_only: Vec<String>,
    /// A number word and its digits: `["four", "4"]`.
    pub numbers: Vec<Vec<String>>,
}

/// Words of relative dates.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DateWords {
    pub ago: Vec<String>,
    pub last: Vec<String>,
    pub days: Vec<String>,
    pub weeks: Vec<String>,
    pub months: Vec<String>,
    pub one: Vec<String>,
    pub vague: Vec<String>,
    /// Today, said another way ("this morning").
    #[serde(default)]
    pub today: Vec<String>,
    /// Yesterday, said another way ("yday").
    #[serde(default)]
    pub yesterday: Vec<String>,
    /// Tomorrow, for dates ahead ("tmrw").
    #[serde(default)]
    pub tomorrow: Vec<String>,
    /// Words before a weekday ahead ("next friday").
    #[serde(default)]
    pub next: Vec<String>,
    /// Words before a time ahead ("in 2 weeks").
    #[serde(default)]
    pub within: Vec<String>,
    /// Month names, January first, whose typos are read as guesses.
    #[serde(default)]
    pub months_named: Vec<String>,
    /// A day after or before the day named ("day after thanksgiving").
    #[serde(default)]
    pub day_after: Vec<String>,
    #[serde(default)]
    pub day_before: Vec<String>,
    /// The year before this one ("dec 20 last yr").
    #[serde(default)]
    pub last_year: Vec<String>,
    /// No day to give, where a letter's day is asked ("no letter").
    #[serde(default)]
    pub no_date: Vec<String>,
    /// Words saying a number of days runs from a letter's date ("30 days
    /// from the letter"), where a letter's day is asked.
    #[serde(default)]
    pub from_letter: Vec<String>,
    /// The middle of a month ("mid oct"): a time, not a day, so asked.
    #[serde(default)]
    pub mid_month: Vec<String>,
    /// Holidays and their rule: `["thanksgiving", "11-4-thu"]` (month,
    /// nth or "last", weekday) or `["christmas", "12-25"]`.
    #[serde(default)]
    pub holidays: Vec<Vec<String>>,
    /// Labels before a date that change nothing ("letter dated").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Monday first: each weekday's names.
    pub weekdays: Vec<Vec<String>>,
}

impl Words {
    /// Reads a words file; every list is normalized like typed text.
    pub fn from_toml(text: &str) -> Result<Words, String> {
        let mut words: Words = toml::from_str(text).map_err(|e| e.to_string())?;
        if words.dates.weekdays.len() != 7 {
            return Err(format!(
                "dates.weekdays lists {} days, not 7",
                words.dates.weekdays.len()
            ));
        }
        if words
            .count
            .numbers
            .iter()
            .chain(&words.number_words)
            .chain(&words.dates.holidays)
            .any(|pair| pair.len() != 2)
        {
            return Err("each of count.numbers is a word and its digits".to_string());
        }
        for list in words.lists_mut() {
            tidy(list);
        }
        for list in words
            .count
            .numbers
            .iter_mut()
            .chain(words.number_words.iter_mut())
            .chain(words.dates.holidays.iter_mut())
            .chain(words.dates.weekdays.iter_mut())
        {
            for word in list.iter_mut() {
                *word = normalize(word);
            }
        }
        words.count.numbers.sort_by_key(|pair| std::cmp::Reverse(pair[0].len()));
        Ok(words)
    }

    /// These words with the choice sets of a `reading/choices.toml` file.
    pub fn with_choices(mut self, choices_toml: &str) -> Result<Words, String> {
        self.choices = choice_sets_from_toml(choices_toml)?;
        Ok(self)
    }

    /// The other words for one button of a choice set, if it has any.
    pub fn choice_words(&self, set: &str, id: &str) -> Option<&Choice> {
        let set = self.choices.get(set)?;
        set.iter().find(|(each, _)| each == id).map(|(_, choice)| choice)
    }

    /// Whether `word` is a word these lists use on its own: a one-word
    /// phrase of a choice set, or of the zero, negation or don't-know
    /// lists. Such a word is what the person meant, never a typo of a
    /// different word ("none" is not "nope").
    pub fn knows_word(&self, word: &str) -> bool {
        let own = |list: &Vec<String>| list.iter().any(|phrase| phrase == word);
        own(&self.zero)
            || own(&self.negations)
            || own(&self.dont_know)
            || self
                .choices
                .values()
                .flatten()
                .any(|(_, choice)| choice.phrases.iter().chain(&choice.whole).any(|phrase| phrase == word))
    }

    /// Whether the whole text says "I don't know".
    pub fn is_dont_know(&self, normalized: &str) -> bool {
        self.dont_know.iter().any(|phrase| phrase == normalized)
    }

    /// Whether a whole typed answer says "I don't know": only question
    /// marks, a shrug, a phrase of `dont_know`, or such a phrase among
    /// words with no number ("no idea honestly", "idk the date").
    pub fn says_dont_know(&self, text: &str) -> bool {
        let normalized = normalize(text);
        let shrug = self
            .dont_know_marks
            .iter()
            .any(|mark| !mark.is_empty() && text.contains(mark.as_str()));
        only_question_marks(text)
            || self.is_dont_know(&normalized)
            || (normalized.is_empty() && shrug)
            || (!normalized.contains(|c: char| c.is_ascii_digit())
                && self
                    .dont_know
                    .iter()
                    .any(|phrase| find_phrase(&normalized, phrase).is_some()))
    }

    /// Whether a typed answer says the figure asked cannot be given: a
    /// phrase of `no_figure` among its words.
    pub fn says_no_figure(&self, text: &str) -> bool {
        let normalized = normalize(text);
        self.no_figure
            .iter()
            .any(|phrase| find_phrase(&normalized, phrase).is_some())
    }

    fn lists_mut(&mut self) -> Vec<&mut Vec<String>> {
        vec![
            &mut self.dont_know,
            &mut self.hedges,
            &mut self.zero,
            &mut self.money,
            &mut self.thousand,
            &mut self.per_month,
            &mut self.per_year,
            &mut self.not_money,
            &mut self.fillers,
            &mut self.asides,
            &mut self.reasons,
            &mut self.no_figure,
            &mut self.remarks,
            &mut self.negations,
            &mut self.doubts,
            &mut self.count.me,
            &mut self.count.one_each,
            &mut self.count.around,
            &mut self.count.plural,
            &mut self.count.part_only,
            &mut self.count.me_included,
            &mut self.dates.ago,
            &mut self.dates.last,
            &mut self.dates.days,
            &mut self.dates.weeks,
            &mut self.dates.months,
            &mut self.dates.one,
            &mut self.dates.vague,
            &mut self.dates.today,
            &mut self.dates.yesterday,
            &mut self.dates.tomorrow,
            &mut self.dates.next,
            &mut self.dates.within,
            &mut self.dates.labels,
            &mut self.dates.day_after,
            &mut self.dates.day_before,
            &mut self.dates.last_year,
            &mut self.dates.mid_month,
            &mut self.dates.from_letter,
            &mut self.dates.no_date,
            &mut self.eob.billed,
            &mut self.eob.allowed,
            &mut self.eob.plan_paid,
            &mut self.eob.your_share,
            &mut self.calls.none,
            &mut self.calls.name_labels,
            &mut self.calls.reference_labels,
        ]
    }
}

/// Normalizes each phrase, drops empty ones, longest first.
fn tidy(list: &mut Vec<String>) {
    for phrase in list.iter_mut() {
        *phrase = normalize(phrase);
    }
    list.retain(|phrase| !phrase.is_empty());
    list.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
}

#[cfg(test)]
pub(crate) fn english() -> Words {
    Words::from_toml(include_str!("../../../dialogues/en/reading/words.toml"))
        .and_then(|words| words.with_choices(include_str!("../../../dialogues/en/reading/choices.toml")))
        .expect("the English words read")
}

#[cfg(test)]
pub(crate) fn spanish() -> Words {
    Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml"))
        .and_then(|words| words.with_choices(include_str!("../../../dialogues/es/reading/choices.toml")))
        .expect("the Spanish words read")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_words_read_and_are_tidy() {
        let words = english();
        assert!(words.is_dont_know("idk"));
        assert!(words.is_dont_know("i dont know"));
        assert!(words.says_dont_know("no idea honestly"));
        assert!(words.says_dont_know("🤷"));
        assert!(words.says_dont_know("??"));
        assert!(!words.says_dont_know("not sure, 500"), "a number may be the answer");
        assert!(
            words.hedges.windows(2).all(|w| w[0].len() >= w[1].len()),
            "longest first"
        );
    }

    #[test]
    fn a_words_file_without_seven_weekdays_is_refused() {
        let broken = include_str!("../../../dialogues/en/reading/words.toml").replace(", [\"sunday\", \"sun\"]", "");
        assert!(Words::from_toml(&broken).unwrap_err().contains("weekdays"));
    }
}
