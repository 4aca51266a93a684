//! `/script` and `/letter`: one tap for who you are calling (or which
//! letter you need), the filled text arrives, and the user is back where
//! they were. The report's "what to say" part is the same picker, with the
//! script that fits the bill first.

pub mod calls;
pub mod facts;

use crate::content::templates::{LetterKind, ScriptKind};
use crate::content::{keys, Fill, Html, Key, Lang};
use crate::conversation::action::{Action, ReportPart};
use crate::conversation::output::{Button, Keyboard, Output};
use crate::conversation::report;
use crate::conversation::report::plan::script_for;
use crate::conversation::state::{Picker, Screen};
use crate::conversation::step::Turn;
use crate::conversation::view::View;
use crate::domain::bill::{Bill, BillSender};
use crate::domain::reference::Reference;
use facts::facts as script_facts;

impl Turn<'_> {
    /// `/script`: the picker, the fitting script first.
    pub(super) fn script_picker(&mut self) {
        let picker = self.view.script_picker(self.bill(), self.reference, None);
        self.outputs.push(picker);
        self.state.picker = Some(Picker::Scripts);
    }

    /// `/letter`: the picker of letters.
    pub(super) fn letter_picker(&mut self) {
        self.outputs.push(self.view.letter_picker());
        self.state.picker = Some(Picker::Letters);
    }

    /// The filled script, then where the user was.
    pub(super) fn send_script(&mut self, kind: ScriptKind) {
        self.outputs.push(self.script(self.bill(), kind));
        self.back_where_they_were();
    }

    /// The script in the chat's own language only, for an office that
    /// speaks it; then where the user was.
    pub(super) fn send_script_in_own_language(&mut self, kind: ScriptKind) {
        let text = self
            .templates
            .render_script(kind, &self.facts_for(self.bill(), &self.view));
        let note = vec![vec![self.view.button(keys::SCRIPT_NOTE_CALL, Action::StartCall)]];
        self.outputs.push(Output::choice(text, note));
        self.back_where_they_were();
    }

    /// The view in English, the language a US billing office speaks.
    fn english_view(&self) -> View<'_> {
        View {
            content: &self.languages.english().content,
            today: self.view.today,
        }
    }

    /// After a side trip (a script, a letter, reminders, `/paid`): the
    /// question the user was on is asked again (the review resumes); a long
    /// report message is not sent again, only a button back to it.
    pub(super) fn back_where_they_were(&mut self) {
        if self.on_report() {
            let back = vec![vec![self.view.button(keys::FAQ_BACK, Action::Resume)]];
            self.outputs
                .push(Output::choice(self.content().text(keys::SCRIPT_REPORT_WAITS), back));
        } else {
            self.show_current();
        }
    }

    /// On a part of the report (long messages, not sent again after a side
    /// trip: a button brings them back).
    pub(super) fn on_report(&self) -> bool {
        matches!(
            self.state.screen,
            Screen::Summary | Screen::Findings { .. } | Screen::Timing | Screen::Scripts | Screen::Offer
        )
    }

    /// The script of `kind` filled for `bill`, with a button to note the
    /// call afterwards. In another language than English, each line to
    /// say comes in English (what the office understands) with its meaning
    /// under it, and a button for an office that speaks the language.
    pub(super) fn script(&self, bill: &Bill, kind: ScriptKind) -> Output {
        let own = self.templates.render_script(kind, &self.facts_for(bill, &self.view));
        let mut keyboard = vec![vec![self.view.button(keys::SCRIPT_NOTE_CALL, Action::StartCall)]];
        if self.state.lang.unwrap_or_default() == Lang::En {
            return Output::choice(own, keyboard);
        }
        let english_view = self.english_view();
        let english = self
            .languages
            .english()
            .templates
            .render_script(kind, &self.facts_for(bill, &english_view));
        keyboard.insert(
            0,
            vec![self.view.button(
                keys::SCRIPT_OFFICE_SPEAKS_MINE,
                Action::ScriptOwnLanguage(kind.id().to_string()),
            )],
        );
        let marker = self.languages.english().content.plain(keys::SCRIPT_SAY_MARKER);
        Output::choice(bilingual(&english, &own, &marker), keyboard)
    }

    /// The script that fits `bill` best: the plan's first step's.
    pub(super) fn fitting_script_for(&self, bill: &Bill) -> ScriptKind {
        fitting_script(bill, self.reference, &self.view)
    }

    /// The filled letter as a document, then where the user was. In
    /// another language than English, the English letter to send comes
    /// first, then a copy in the chat's language to understand it.
    pub(super) fn send_letter(&mut self, kind: LetterKind) {
        // Trial 7: a payment-plan letter ("I want to settle it… $150 a
        // month") for a bill never sent to insurance, or one the No
        // Surprises Act puts at $0, conceded what the plan says not to.
        if kind == LetterKind::HardshipPlan
            && report::bill_plan(self.bill(), self.reference, &self.view).holds_back_offers()
        {
            self.say(keys::LETTER_HARDSHIP_NOT_YET);
            let why = self.why_no_offer_yet();
            self.outputs.push(Output::line(why));
            return self.back_where_they_were();
        }
        if kind == LetterKind::NoSurprisesDispute && !crate::domain::plan::no_surprises_letter_fits(self.bill()) {
            self.say(keys::LETTER_NO_SURPRISES_DOES_NOT_FIT);
            return self.back_where_they_were();
        }
        let name = self.content().plain(letter_label(kind));
        let caption = self
            .content()
            .render(keys::LETTER_CAPTION, &[("kind", Fill::Text(&name))]);
        let lang = self.state.lang.unwrap_or_default();
        if lang == Lang::En {
            let contents = self
                .templates
                .render_letter(kind, &self.facts_for(self.bill(), &self.view));
            self.outputs.push(Output::Document {
                file_name: kind.document_name(),
                contents,
                caption,
            });
            return self.back_where_they_were();
        }
        let english_view = self.english_view();
        let english = self
            .languages
            .english()
            .templates
            .render_letter(kind, &self.facts_for(self.bill(), &english_view));
        let copy = self
            .templates
            .render_letter(kind, &self.facts_for(self.bill(), &self.view));
        let copy_caption = self
            .content()
            .render(keys::LETTER_COPY_CAPTION, &[("kind", Fill::Text(&name))]);
        let copy_name = kind.document_name().replace(".txt", &format!("-{}.txt", lang.code()));
        self.outputs.push(Output::Document {
            file_name: kind.document_name(),
            contents: english,
            caption,
        });
        self.outputs.push(Output::Document {
            file_name: copy_name,
            contents: copy,
            caption: copy_caption,
        });
        self.back_where_they_were();
    }

    /// Why the plan offers no money yet: the 💵 offer screen's words.
    pub(super) fn why_no_offer_yet(&self) -> Html {
        match report::offer(self.bill(), self.reference, &self.view) {
            Output::Message { text, .. } => text,
            Output::ReplacePressed { text, .. } => text,
            Output::Document { .. } => Html::default(),
        }
    }

    /// What the templates are filled with: the bill, its findings and
    /// offer, in the words of `view`'s language.
    fn facts_for(&self, bill: &Bill, view: &View<'_>) -> crate::content::templates::Facts {
        let (findings, texts) = report::findings_with_texts(bill, self.reference, view);
        script_facts(bill, &findings, &texts, None, view)
    }
}

impl View<'_> {
    /// Who are you calling? The script that fits the bill first. In the
    /// report (`report_part`), with the buttons to go on.
    pub fn script_picker(&self, bill: &Bill, reference: &Reference, report_part: Option<()>) -> Output {
        let fitting = fitting_script(bill, reference, self);
        let mut kinds = vec![fitting];
        kinds.extend(ScriptKind::ALL.iter().copied().filter(|kind| *kind != fitting));
        let mut keyboard: Keyboard = kinds
            .chunks(2)
            .map(|row| {
                row.iter()
                    .map(|kind| self.button(script_label(*kind), Action::Script(kind.id().to_string())))
                    .collect()
            })
            .collect();
        let text = if bill.is_empty() {
            self.content.text(keys::SCRIPT_PICK)
        } else {
            let name = self.content.plain(script_label(fitting));
            self.content
                .render(keys::SCRIPT_PICK_SUGGESTED, &[("kind", Fill::Text(&name))])
        };
        if report_part.is_some() {
            // "What to offer" only when the plan says to offer money now.
            if report::bill_plan(bill, reference, self).offers_now() {
                keyboard.push(vec![
                    self.button(keys::REPORT_SEE_OFFER, Action::Report(ReportPart::Offer))
                ]);
            }
            keyboard.push(vec![
                self.button(keys::REPORT_BACK_TO_TIMING, Action::Report(ReportPart::Timing))
            ]);
        }
        Output::choice(text, keyboard)
    }

    /// Which letter do you need?
    pub fn letter_picker(&self) -> Output {
        let keyboard: Keyboard = LetterKind::ALL
            .iter()
            .map(|&kind| {
                vec![Button {
                    label: self.content.plain(letter_label(kind)),
                    data: Action::Letter(kind.id().to_string()).encode(),
                }]
            })
            .collect();
        Output::choice(self.content.text(keys::LETTER_PICK), keyboard)
    }
}

/// The script for who the user most likely has to call about this bill:
/// the one for the plan's first step (the provider's office when nothing
/// is known yet).
pub fn fitting_script(bill: &Bill, reference: &Reference, view: &View<'_>) -> ScriptKind {
    match report::bill_plan(bill, reference, view).first() {
        Some(step) => script_for(step, bill),
        None if crate::domain::timing::in_collections(bill) => ScriptKind::Collections,
        None if bill.sender == Some(BillSender::Hospital) => ScriptKind::Hospital,
        None => ScriptKind::Doctor,
    }
}

fn script_label(kind: ScriptKind) -> Key {
    match kind {
        ScriptKind::Hospital => keys::SCRIPT_HOSPITAL,
        ScriptKind::Doctor => keys::SCRIPT_DOCTOR,
        ScriptKind::Collections => keys::SCRIPT_COLLECTIONS,
        ScriptKind::InsurerAppeal => keys::SCRIPT_INSURER_APPEAL,
        ScriptKind::FinancialAssistance => keys::SCRIPT_FINANCIAL_ASSISTANCE,
        ScriptKind::NoSurprises => keys::SCRIPT_NO_SURPRISES,
    }
}

fn letter_label(kind: LetterKind) -> Key {
    match kind {
        LetterKind::ItemizedRequest => keys::LETTER_ITEMIZED_REQUEST,
        LetterKind::BillingDispute => keys::LETTER_BILLING_DISPUTE,
        LetterKind::FinancialAssistance => keys::LETTER_FINANCIAL_ASSISTANCE,
        LetterKind::DebtValidation => keys::LETTER_DEBT_VALIDATION,
        LetterKind::NoSurprisesDispute => keys::LETTER_NO_SURPRISES_DISPUTE,
        LetterKind::InsuranceAppeal => keys::LETTER_INSURANCE_APPEAL,
        LetterKind::HardshipPlan => keys::LETTER_HARDSHIP_PLAN,
        LetterKind::Complaint => keys::LETTER_COMPLAINT,
    }
}

/// A script said in English with its meaning under each line to say:
/// lines to say (with `marker`, "You:", and the lines that go on from one)
/// in English with `↳ ` and their meaning under them; every other line
/// (what to have ready, what to do if they say no) in the chat's language
/// alone. When the two renderings do not match line for line, the English
/// whole, then the meaning whole.
fn bilingual(english: &Html, meaning: &Html, marker: &str) -> Html {
    let said: Vec<&str> = english.as_str().lines().collect();
    let meant: Vec<&str> = meaning.as_str().lines().collect();
    if said.len() != meant.len() {
        return Html::join(&[english.clone(), meaning.clone()], "\n\n");
    }
    let mut lines = Vec::with_capacity(said.len() * 2);
    let mut saying = false;
    for (say, mean) in said.into_iter().zip(meant) {
        saying = say.contains(marker) || (saying && !say.trim().is_empty() && !say.starts_with("<i>"));
        match saying && say != mean {
            true => {
                lines.push(say.to_string());
                lines.push(format!("↳ {mean}"));
            }
            false => lines.push(mean.to_string()),
        }
    }
    Html::trusted(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_said_in_english_carries_its_meaning_under_each_line() {
        let english = Html::trusted("<b>You:</b> Hi.\n- the X-ray\n\n<i>Note</i>".to_string());
        let spanish = Html::trusted("<b>Usted:</b> Hola.\n- la radiografía\n\n<i>Nota</i>".to_string());
        // Lines to say in English with their meaning; a note in Spanish alone.
        assert_eq!(
            bilingual(&english, &spanish, "You:").as_str(),
            "<b>You:</b> Hi.\n↳ <b>Usted:</b> Hola.\n- the X-ray\n↳ - la radiografía\n\n<i>Nota</i>"
        );
        // Lines that do not match up: the English, then the meaning, whole.
        let longer = Html::trusted("Uno.\nDos.\nTres.\nCuatro.\nCinco.".to_string());
        assert_eq!(
            bilingual(&english, &longer, "You:").as_str(),
            "<b>You:</b> Hi.\n- the X-ray\n\n<i>Note</i>\n\nUno.\nDos.\nTres.\nCuatro.\nCinco."
        );
    }
}
