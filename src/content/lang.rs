//! The languages the bot speaks ([`Lang`]) and, for each, everything it
//! says and reads ([`Language`]): its copy, its scripts and letters, and
//! the words its readers accept. A chat's language is stored with it;
//! every language has every key (checked at start-up, like English).

use super::templates::Templates;
use super::Content;
use crate::domain::reading::Words;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A language the bot speaks; its code names its `dialogues/<code>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The folder under `dialogues/` and the code in button data.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language for a device's language tag, as Telegram sends it
    /// (`language_code`: "es", "es-MX", "es-US"); English for any other.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Lang::from_code(&primary).unwrap_or_default()
    }
}

/// Everything one language says and reads.
#[derive(Debug, Clone)]
pub struct Language {
    pub content: Content,
    pub templates: Templates,
    pub words: Words,
}

/// The languages loaded, English always among them.
#[derive(Debug, Clone)]
pub struct Languages {
    english: Language,
    others: BTreeMap<Lang, Language>,
}

impl Languages {
    pub fn new(english: Language) -> Languages {
        Languages {
            english,
            others: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) a language.
    pub fn add(&mut self, lang: Lang, language: Language) {
        match lang {
            Lang::En => self.english = language,
            other => {
                self.others.insert(other, language);
            }
        }
    }

    /// A language's words, or English's when it is not loaded.
    pub fn get(&self, lang: Lang) -> &Language {
        self.others.get(&lang).unwrap_or(&self.english)
    }

    /// Whether the language is loaded (English always is).
    pub fn has(&self, lang: Lang) -> bool {
        lang == Lang::En || self.others.contains_key(&lang)
    }

    /// English, the language every other falls back to.
    pub fn english(&self) -> &Language {
        &self.english
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_language_tags_pick_a_language() {
        assert_eq!(Lang::from_tag("es"), Lang::Es);
        assert_eq!(Lang::from_tag("es-MX"), Lang::Es);
        assert_eq!(Lang::from_tag("ES_us"), Lang::Es);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("pt-BR"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }
}
