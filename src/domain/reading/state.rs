//! A US state typed as people type it: "texas!!", "i live in ohio",
//! "ohiio", "fla", "OH".

use super::{read_choice, Choice, NotRead, Reading, Words};
use crate::domain::us_states::{parse_state, STATES};

/// The state the text names, by its place in [`STATES`]: sure when it is
/// a name, a two-letter code or an unambiguous start of a name ("calif");
/// a guess when a name stands among other words or is a typo away; "idk"
/// where said. The other names people use for a state ("fla", "cali")
/// come from the words file's `us_state` choice set, by code.
pub fn read_state(text: &str, words: &Words) -> Result<Reading<usize>, NotRead> {
    if let Some(code) = parse_state(text) {
        if let Some(at) = STATES.iter().position(|(each, _)| *each == code) {
            return Ok(Reading::Sure(at));
        }
    }
    let states: Vec<Choice> = STATES
        .iter()
        .map(|(code, name)| {
            Choice::new([name.to_string(), format!("={}", code.to_lowercase())])
                .and(words.choice_words("us_state", code))
        })
        .collect();
    read_choice(text, &states, words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;

    fn read(text: &str) -> Option<Reading<&'static str>> {
        read_state(text, &english())
            .ok()
            .map(|reading| reading.map(|at| STATES[at].0))
    }

    #[test]
    fn states_typed_loosely_are_read_or_offered() {
        assert_eq!(read("Ohio"), Some(Reading::Sure("OH")));
        assert_eq!(read("tx"), Some(Reading::Sure("TX")));
        assert_eq!(read("texas!!"), Some(Reading::Sure("TX")));
        assert_eq!(read("i live in ohio"), Some(Reading::Guess("OH")));
        assert_eq!(read("ohiio"), Some(Reading::Guess("OH")));
        assert_eq!(read("fla"), Some(Reading::Sure("FL")));
        assert_eq!(read("idk"), Some(Reading::DontKnow));
        // Two states, or none: asked again.
        assert_eq!(read("moved from ohio to texas"), None);
        assert_eq!(read("the moon"), None);
        // A code is read only alone: "in" is Indiana, "live in texas" is not.
        assert_eq!(read("in"), Some(Reading::Sure("IN")));
        assert_eq!(read("i live in texas"), Some(Reading::Guess("TX")));
    }
}
