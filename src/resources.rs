//! What the bot knows that is not code: for each language it speaks, its
//! words (`dialogues/<lang>/`), call scripts, letters and reader words;
//! and the CMS reference data. Loaded and checked once at start-up, so a
//! broken copy or data file stops the bot with a clear message instead of
//! failing in the middle of a conversation.

use crate::content::templates::Templates;
use crate::content::{embedded_files, Content, Lang, Language, Languages};
use crate::domain::reading::Words;
use crate::domain::reference::Reference;
use crate::StartError;
use std::path::{Path, PathBuf};

/// Everything loaded at start-up, shared by all chats.
pub struct Resources {
    /// Each language's copy, scripts and letters, and reader words.
    pub languages: Languages,
    pub reference: Reference,
}

/// The English readers' words built in (checked by a test below).
pub fn embedded_words() -> Words {
    reader_words(Lang::En, None).unwrap_or_else(|e| panic!("the built-in reading words: {e}"))
}

/// A language's reader words: `reading/words.toml` and
/// `reading/choices.toml` from `dir` where it has them, else built in.
fn reader_words(lang: Lang, dir: Option<&Path>) -> Result<Words, StartError> {
    let built_in = embedded_files(lang, "reading");
    let read = |name: &str| -> Result<String, StartError> {
        if let Some(path) = dir.map(|dir| dir.join("reading").join(name)).filter(|p| p.exists()) {
            return Ok(std::fs::read_to_string(path)?);
        }
        built_in
            .iter()
            .find(|(file, _)| Path::new(file).file_name().is_some_and(|f| f == name))
            .map(|(_, text)| text.clone())
            .ok_or_else(|| StartError::from(format!("{}: no reading/{name}", lang.code())))
    };
    let words =
        Words::from_toml(&read("words.toml")?).map_err(|e| format!("{}/reading/words.toml: {e}", lang.code()))?;
    Ok(words
        .with_choices(&read("choices.toml")?)
        .map_err(|e| format!("{}/reading/choices.toml: {e}", lang.code()))?)
}

/// Where a language's replacement copy is in a `BILLCOACH_DIALOGUES`
/// folder: its `<code>/` subfolder, or (English only) the folder itself
/// when it holds the `.toml` files directly, as before languages.
fn folder_for(dialogues: &Path, lang: Lang) -> Option<PathBuf> {
    let own = dialogues.join(lang.code());
    if own.is_dir() {
        return Some(own);
    }
    (lang == Lang::En).then(|| dialogues.to_path_buf())
}

/// One language, from a folder or built in; None when neither has it.
fn load_language(lang: Lang, dialogues: Option<&Path>) -> Result<Option<Language>, StartError> {
    if let Some(dir) = dialogues.and_then(|dir| folder_for(dir, lang)) {
        return Ok(Some(Language {
            content: Content::from_dir(&dir)?,
            templates: Templates::from_dir(&dir)?,
            words: reader_words(lang, Some(&dir))?,
        }));
    }
    if embedded_files(lang, "").is_empty() {
        return Ok(None);
    }
    Ok(Some(Language {
        content: Content::embedded_in(lang)?,
        templates: Templates::embedded_in(lang)?,
        words: reader_words(lang, None)?,
    }))
}

impl Resources {
    /// Every language built into the binary, or from the folder
    /// `dialogues` (see `BILLCOACH_DIALOGUES`) where it has one; the
    /// reference data is built in.
    pub fn load(dialogues: Option<&Path>) -> Result<Resources, StartError> {
        let english = load_language(Lang::En, dialogues)?.ok_or("no English dialogues")?;
        let mut languages = Languages::new(english);
        for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
            if let Some(language) = load_language(lang, dialogues)? {
                languages.add(lang, language);
            }
        }
        Ok(Resources {
            languages,
            reference: Reference::embedded()?,
        })
    }

    /// A language's words (English's when it is not loaded).
    pub fn language(&self, lang: Lang) -> &Language {
        self.languages.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_resources_load() {
        let resources = Resources::load(None).expect("built-in copy, templates and data load");
        for lang in Lang::ALL {
            assert!(resources.languages.has(lang), "dialogues/{} is built in", lang.code());
        }
    }
}
