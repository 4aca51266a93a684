//! Every language has what English has (issue 19): each dialogue key with
//! the same placeholders (the loader checks that for each language at
//! start-up, see `resources.rs`), and here each script, letter and blank
//! with the same `{placeholders}` and blocks, each script line for line
//! (a script in Spanish shows each English line with its meaning under
//! it), and each reader word list and choice set.

use billcoach::content::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dialogues(lang: Lang) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("dialogues")
        .join(lang.code())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `{…}` tokens of a template: placeholders and block markers.
fn tokens(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        found.push(rest[open..open + close + 1].to_string());
        rest = &rest[open + close + 1..];
    }
    found
}

/// Every key path of a TOML value, with the kind of value at it.
fn key_paths(value: &toml::Value, prefix: &str, into: &mut BTreeSet<String>) {
    match value {
        toml::Value::Table(table) => {
            for (key, value) in table {
                key_paths(value, &format!("{prefix}{key}."), into);
            }
        }
        toml::Value::Array(_) => {
            into.insert(format!("{prefix}[]"));
        }
        _ => {
            into.insert(prefix.to_string());
        }
    }
}

fn other_languages() -> impl Iterator<Item = Lang> {
    Lang::ALL.into_iter().filter(|lang| *lang != Lang::En)
}

#[test]
fn every_script_letter_and_blank_has_the_english_placeholders_and_lines() {
    for lang in other_languages() {
        for folder in ["scripts", "letters"] {
            for entry in std::fs::read_dir(dialogues(Lang::En).join(folder)).unwrap() {
                let english_path = entry.unwrap().path();
                let name = english_path.file_name().unwrap();
                let english = read(&english_path);
                let translated = read(&dialogues(lang).join(folder).join(name));
                let place = format!("{}/{folder}/{}", lang.code(), name.to_string_lossy());
                assert_eq!(
                    tokens(&translated),
                    tokens(&english),
                    "{place}: placeholders and blocks, in order"
                );
                if folder == "scripts" {
                    assert_eq!(
                        translated.lines().count(),
                        english.lines().count(),
                        "{place}: line for line with the English"
                    );
                }
            }
        }
    }
}

#[test]
fn every_reader_word_list_and_choice_set_is_there() {
    for lang in other_languages() {
        for file in ["words.toml", "choices.toml"] {
            let parse = |lang: Lang| -> toml::Value {
                toml::from_str(&read(&dialogues(lang).join("reading").join(file))).unwrap()
            };
            let (mut english, mut translated) = (BTreeSet::new(), BTreeSet::new());
            key_paths(&parse(Lang::En), "", &mut english);
            key_paths(&parse(lang), "", &mut translated);
            // State names differ by language: each lists its own.
            let missing: Vec<&String> = english
                .difference(&translated)
                .filter(|path| !path.starts_with("us_state."))
                .collect();
            assert!(missing.is_empty(), "{}/reading/{file} lacks {missing:?}", lang.code());
        }
    }
}

#[test]
fn every_dialogue_file_has_the_english_keys() {
    for lang in other_languages() {
        for entry in std::fs::read_dir(dialogues(Lang::En)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            let name = path.file_name().unwrap();
            let (mut english, mut translated) = (BTreeSet::new(), BTreeSet::new());
            key_paths(&toml::from_str(&read(&path)).unwrap(), "", &mut english);
            let other = dialogues(lang).join(name);
            key_paths(&toml::from_str(&read(&other)).unwrap(), "", &mut translated);
            assert_eq!(translated, english, "{}", other.display());
        }
    }
}

/// Every code our English names (`data/code-names.csv`) is named in each
/// other language's `code_names.csv`, and no other: a finding in Spanish
/// never falls back to an English name (trial 7 found them mixed).
#[test]
fn every_language_names_the_codes_english_names() {
    let codes = |path: &Path| -> BTreeSet<String> {
        read(path)
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .map(|line| line.split(',').next().unwrap_or_default().trim().to_string())
            .collect()
    };
    let english = codes(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/code-names.csv"));
    for lang in [Lang::Es] {
        let named = codes(&dialogues(lang).join(billcoach::content::CODE_NAMES_FILE));
        assert_eq!(named, english, "{}: the codes named differ from English's", lang.code());
        let content = billcoach::content::Content::embedded_in(lang).expect("the copy loads");
        for code in &english {
            assert!(content.code_name(code).is_some(), "{}: {code} has no name", lang.code());
        }
    }
}
