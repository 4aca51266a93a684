//! `/language`: the chat picks the language it is written to in, one
//! button per language loaded, each named in its own words ("Español").

use super::action::Action;
use super::output::{Button, Output};
use super::step::Turn;
use crate::content::{keys, Lang, Languages};

/// The picker: the prompt in the chat's language, a button per language.
fn picker(languages: &Languages, lang: Lang) -> Output {
    let keyboard = Lang::ALL
        .into_iter()
        .filter(|each| languages.has(*each))
        .map(|each| {
            vec![Button {
                label: languages.get(each).content.plain(keys::LANGUAGE_NAME),
                data: Action::Language(each).encode(),
            }]
        })
        .collect();
    Output::choice(languages.get(lang).content.text(keys::LANGUAGE_PROMPT), keyboard)
}

impl Turn<'_> {
    /// Shows the language picker.
    pub(super) fn pick_language(&mut self) {
        let picker = picker(self.languages, self.state.lang.unwrap_or_default());
        self.outputs.push(picker);
    }

    /// Speaks `lang` from now on: a line in it, then the screen again.
    pub(super) fn set_language(&mut self, lang: Lang) {
        if !self.languages.has(lang) {
            return self.say_then_redraw(keys::INPUT_STALE_BUTTON);
        }
        // Already spoken (the terminal's `--lang` each start): no line.
        if self.state.lang.unwrap_or_default() == lang {
            self.state.lang = Some(lang);
            return self.show_current();
        }
        self.state.lang = Some(lang);
        let language = self.languages.get(lang);
        self.view.content = &language.content;
        self.templates = &language.templates;
        self.words = &language.words;
        self.say_then_redraw(keys::LANGUAGE_SET);
    }
}
