//! The same scenarios in every language the bot speaks (issue 19),
//! parametrised by language, not copied: the review, the report and its
//! plan, a script, a letter, a reminder and `/call`, each in the chat's
//! language, with what is said to a US billing office kept in English.

use super::*;
use billcoach::content::Lang;

/// The copy of a language the bot is built with.
fn copy(lang: Lang) -> &'static Content {
    assert!(languages().has(lang), "dialogues/{} is built in", lang.code());
    &languages().get(lang).content
}

/// The first line of a key's text, as a message shows it (plain).
fn first_line(lang: Lang, key: Key) -> String {
    copy(lang).plain(key).lines().next().unwrap_or_default().to_string()
}

/// A chat that speaks `lang`, at the menu.
fn chat_in(lang: Lang) -> Chat {
    let mut chat = Chat::new();
    chat.state.lang = Some(lang);
    chat.send(cmd(Command::Start));
    chat
}

/// A chat in `lang` through the whole review with the standard answers
/// (typed answers are digits, dates and "Ohio", read in every language),
/// checking each question is asked in `lang`.
fn reviewed_in(lang: Lang) -> Chat {
    let mut chat = chat_in(lang);
    chat.press(&copy(lang).plain(keys::MENU_REVIEW));
    let mut asked = 0;
    while let Some(question) = chat.question() {
        let shown = chat
            .last
            .as_ref()
            .unwrap()
            .outputs
            .iter()
            .map(|o| o.text().to_plain())
            .collect::<Vec<_>>()
            .join("\n");
        assert_contains(&shown, &first_line(lang, question.prompt()));
        chat.answer(question, standard_answer(question));
        asked += 1;
        assert!(asked < 40, "the review ends");
    }
    chat
}

#[test]
fn the_review_the_report_and_its_plan_speak_the_chats_language() {
    for lang in Lang::ALL {
        let chat = reviewed_in(lang);
        let shown: Vec<String> = chat.outputs().iter().map(|o| o.text().to_plain()).collect();
        let all = shown.join("\n");
        assert_contains(&all, &first_line(lang, keys::SUMMARY_HEADING));
        assert_contains(&all, &first_line(lang, keys::PLAN_HEADING));
        // Dates in the chat's language: the care was on Sat, Mar 14, 2026.
        let care = copy(lang).date(day(2026, 3, 14), today());
        assert_contains(&all, &care);
    }
}

#[test]
fn findings_name_codes_in_the_chats_language() {
    // Trial 7 (rosa, luis): English code names inside Spanish findings.
    let mut chat = chat_in(Lang::Es);
    chat.press(&copy(Lang::Es).plain(keys::MENU_REVIEW));
    chat.answer_until(&[(Question::HasItemized, "yes")], None);
    chat.press(&copy(Lang::Es).plain(keys::REPORT_SEE_FINDINGS));
    let shown: String = chat.outputs().iter().map(|o| o.text().to_plain()).collect();
    let spanish = copy(Lang::Es).code_name("J1885").expect("a Spanish name");
    assert_contains(&shown, spanish);
    assert_lacks(&shown, "Anti-inflammatory pain injection");
}

#[test]
fn a_script_to_say_comes_in_english_with_its_meaning_and_a_letter_with_a_copy() {
    for lang in Lang::ALL {
        let mut chat = reviewed_in(lang);
        chat.send(cmd(Command::Script));
        let first = chat.labels()[0].clone();
        let out = chat.press(&first);
        let script = &out[0];
        let english_line = "You:";
        assert_contains(script, english_line);
        match lang {
            Lang::En => assert_lacks(script, "↳"),
            _ => {
                assert_contains(script, "↳");
                // One tap for an office that speaks the language: no English.
                let own = copy(lang).plain(keys::SCRIPT_OFFICE_SPEAKS_MINE);
                let data = keyboard_of(&chat.outputs()[0])
                    .iter()
                    .flatten()
                    .find(|b| b.label == own)
                    .map(|b| b.data.clone())
                    .expect("a button for an office that speaks the language");
                let out = chat.send(button(&data));
                assert_lacks(&out[0], english_line);
                assert_lacks(&out[0], "↳");
            }
        }

        chat.send(cmd(Command::Letter));
        let first = chat.labels()[0].clone();
        chat.press(&first);
        let documents = chat
            .outputs()
            .iter()
            .filter(|o| matches!(o, Output::Document { .. }))
            .count();
        let expected = if lang == Lang::En { 1 } else { 2 };
        assert_eq!(
            documents,
            expected,
            "{}: the letter to send, and a copy to understand it",
            lang.code()
        );
    }
}

#[test]
fn reminders_and_call_notes_speak_the_chats_language() {
    for lang in Lang::ALL {
        let mut chat = reviewed_in(lang);
        let out = chat.send(cmd(Command::Remind));
        assert_contains(&out[0], &first_line(lang, keys::REMIND_HEADING));
        let first = chat.labels()[0].clone();
        chat.press(&first);
        // The time zone is proposed from the state, in the chat's words.
        let eastern = copy(lang).plain(keys::ZONE_EASTERN);
        let proposed = copy(lang)
            .render(
                keys::ZONE_OF_STATE,
                &[("zone", Fill::Text(&eastern)), ("state", Fill::Text("Ohio"))],
            )
            .to_plain();
        assert_eq!(chat.labels()[0], proposed);
        let out = chat.press(&proposed);
        let set = copy(lang)
            .render(keys::ZONE_SET, &[("zone", Fill::Text(&eastern))])
            .to_plain();
        assert_eq!(out[0], set);

        let out = chat.send(cmd(Command::Call));
        assert_contains(out.last().unwrap(), &first_line(lang, keys::CALL_REP_PROMPT));
    }
}

#[test]
fn language_picks_the_language_and_the_screen_follows() {
    let mut chat = chat_in(Lang::En);
    chat.send(cmd(Command::Language));
    assert_eq!(
        chat.labels(),
        vec![
            copy(Lang::En).plain(keys::LANGUAGE_NAME),
            copy(Lang::Es).plain(keys::LANGUAGE_NAME)
        ]
    );
    let out = chat.press(&copy(Lang::Es).plain(keys::LANGUAGE_NAME));
    assert_eq!(chat.state.lang, Some(Lang::Es));
    assert_eq!(out[0], copy(Lang::Es).plain(keys::LANGUAGE_SET));
    // The menu again, in Spanish.
    assert_contains(&out[1], &first_line(Lang::Es, keys::MENU_PROMPT));
}

#[test]
fn a_languages_name_typed_at_the_menu_switches_to_it() {
    let mut chat = chat_in(Lang::En);
    let out = chat.send(text("spanish"));
    assert_eq!(chat.state.lang, Some(Lang::Es));
    assert_eq!(out[0], copy(Lang::Es).plain(keys::LANGUAGE_SET));
    chat.send(text("ingles"));
    assert_eq!(chat.state.lang, Some(Lang::En));
}

#[test]
fn a_bilingual_script_gives_instructions_in_the_chats_language_only() {
    let mut chat = reviewed_in(Lang::Es);
    chat.send(cmd(Command::Script));
    let first = chat.labels()[0].clone();
    let out = chat.press(&first);
    let english = copy(Lang::En);
    // Every English script opens with its heading, "📞 Call script: …": not
    // a line to say, so only its Spanish shows.
    assert_lacks(&out[0], "Call script:");
    let marker = english.plain(keys::SCRIPT_SAY_MARKER);
    for (at, line) in out[0].lines().enumerate() {
        if line.starts_with(&marker) {
            let next = out[0].lines().nth(at + 1).unwrap_or_default();
            assert!(next.starts_with("↳"), "a line to say has its meaning under it: {line}");
        }
    }
}
