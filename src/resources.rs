//! What the bot knows that is not code: its words (`dialogues/`), the call
//! scripts and letters, and the CMS reference data. Loaded and checked once
//! at start-up, so a broken copy or data file stops the bot with a clear
//! message instead of failing in the middle of a conversation.

use crate::content::templates::Templates;
use crate::content::Content;
use crate::domain::reading::Words;
use crate::domain::reference::Reference;
use crate::StartError;
use std::path::Path;

/// Everything loaded at start-up, shared by all chats.
pub struct Resources {
    pub content: Content,
    pub templates: Templates,
    pub reference: Reference,
    /// The words the forgiving readers accept ("idk", "bucks", "4 of us").
    pub words: Words,
}

/// The readers' words built in (`dialogues/en/reading/words.toml`).
const WORDS: &str = include_str!("../dialogues/en/reading/words.toml");

/// The other words for button answers built in (`reading/choices.toml`).
const CHOICES: &str = include_str!("../dialogues/en/reading/choices.toml");

/// The readers' built-in words (checked by a test below).
pub fn embedded_words() -> Words {
    Words::from_toml(WORDS)
        .and_then(|words| words.with_choices(CHOICES))
        .unwrap_or_else(|e| panic!("the built-in reading words: {e}"))
}

/// The readers' words from a dialogues folder: each of its two files, or
/// the built-in one where the folder has none.
fn words_from(dir: &Path) -> Result<Words, StartError> {
    let read = |name: &str, built_in: &'static str| -> Result<String, StartError> {
        let path = dir.join("reading").join(name);
        match path.exists() {
            true => Ok(std::fs::read_to_string(&path)?),
            false => Ok(built_in.to_string()),
        }
    };
    let words = Words::from_toml(&read("words.toml", WORDS)?).map_err(|e| format!("reading/words.toml: {e}"))?;
    Ok(words
        .with_choices(&read("choices.toml", CHOICES)?)
        .map_err(|e| format!("reading/choices.toml: {e}"))?)
}

impl Resources {
    /// The copy built into the binary, or the folder `dialogues` (see
    /// `BILLCOACH_DIALOGUES`) when given; the reference data is built in.
    pub fn load(dialogues: Option<&Path>) -> Result<Resources, StartError> {
        let (content, templates) = match dialogues {
            Some(dir) => (Content::from_dir(dir)?, Templates::from_dir(dir)?),
            None => (Content::embedded()?, Templates::embedded()?),
        };
        let words = match dialogues {
            Some(dir) => words_from(dir)?,
            None => embedded_words(),
        };
        Ok(Resources {
            content,
            templates,
            reference: Reference::embedded()?,
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_resources_load() {
        Resources::load(None).expect("built-in copy, templates and data load");
    }
}
