//! Every word the user reads, loaded from `dialogues/<lang>/*.toml`.
//!
//! The copy is embedded in the binary at build time so the bot runs from
//! any folder; `BILLCOACH_DIALOGUES` can point at a folder that replaces it,
//! so an advocate can improve the words without rebuilding. Either way the
//! copy is checked at start-up against [`keys::all`]: a missing key, an
//! unknown key, or a `{placeholder}` the code does not fill stops start-up
//! with a clear message instead of failing in the middle of a conversation.

pub mod html;
pub mod keys;
pub mod lang;
pub mod templates;

pub use html::{escape, Html};
pub use keys::Key;
pub use lang::{Lang, Language, Languages};

use chrono::{Datelike, NaiveDate};
use include_dir::{include_dir, Dir};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Every language's copy, one folder each (`en/`, `es/`).
pub(crate) static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/dialogues");

/// The files of one language's embedded folder below `folder` ("" for its
/// top), each named by its path inside the language's folder
/// (`scripts/hospital.txt`).
pub(crate) fn embedded_files(lang: Lang, folder: &str) -> Vec<(String, String)> {
    let path = match folder {
        "" => lang.code().to_string(),
        folder => format!("{}/{folder}", lang.code()),
    };
    let Some(dir) = EMBEDDED.get_dir(&path) else {
        return Vec::new();
    };
    dir.files()
        .map(|file| {
            let inside = file.path().strip_prefix(lang.code()).unwrap_or(file.path());
            (
                inside.display().to_string(),
                file.contents_utf8().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A value put into a `{placeholder}`.
#[derive(Debug, Clone, Copy)]
pub enum Fill<'a> {
    /// Plain text from the user or the domain: escaped for HTML.
    Text(&'a str),
    /// Text that is already HTML (rendered from the copy itself).
    Html(&'a Html),
}

/// The loaded, validated copy for one language.
#[derive(Debug, Clone)]
pub struct Content {
    texts: HashMap<&'static str, String>,
    /// Our plain names of common codes in this language, from the folder's
    /// `code_names.csv` (`code,plain_name`); English has none here and
    /// uses `data/code-names.csv` through the reference data.
    code_names: HashMap<String, String>,
}

/// The file of a language folder that names common codes in its words.
pub const CODE_NAMES_FILE: &str = "code_names.csv";

/// Why the copy could not be loaded: each line names the file or key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the dialogue files have {} problem(s):\n{}", problems.len(), listed(problems))]
pub struct ContentError {
    pub problems: Vec<String>,
}

/// The problems one a line, as `ContentError` shows them.
fn listed(problems: &[String]) -> String {
    problems.iter().map(|problem| format!("  - {problem}\n")).collect()
}

impl Content {
    /// The English copy compiled into the binary.
    pub fn embedded() -> Result<Content, ContentError> {
        Content::embedded_in(Lang::En)
    }

    /// One language's copy compiled into the binary.
    pub fn embedded_in(lang: Lang) -> Result<Content, ContentError> {
        let files = embedded_files(lang, "");
        let names = files
            .iter()
            .find(|(name, _)| name == CODE_NAMES_FILE)
            .map(|(_, text)| text.clone());
        let content = Content::from_files(files.into_iter().filter(|(name, _)| name.ends_with(".toml")))?;
        match names {
            Some(csv) => content.with_code_names(&csv),
            None => Ok(content),
        }
    }

    /// These texts with the plain code names of a `code_names.csv`.
    pub fn with_code_names(mut self, csv: &str) -> Result<Content, ContentError> {
        let mut problems = Vec::new();
        for (number, line) in csv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            match crate::domain::csv::split_csv_line(line, ',').as_slice() {
                [code, name] if !code.trim().is_empty() && !name.trim().is_empty() => {
                    self.code_names.insert(code.trim().to_string(), name.trim().to_string());
                }
                _ => problems.push(format!("{CODE_NAMES_FILE} line {}: not `code,plain_name`", number + 1)),
            }
        }
        match problems.is_empty() {
            true => Ok(self),
            false => Err(ContentError { problems }),
        }
    }

    /// Our plain name of `code` in this language, where it has its own.
    pub fn code_name(&self, code: &str) -> Option<&str> {
        self.code_names.get(code).map(String::as_str)
    }

    /// The copy in a folder of `.toml` files (see `BILLCOACH_DIALOGUES`).
    pub fn from_dir(dir: &Path) -> Result<Content, ContentError> {
        let entries = std::fs::read_dir(dir).map_err(|e| ContentError {
            problems: vec![format!("cannot read folder {}: {e}", dir.display())],
        })?;
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                match std::fs::read_to_string(&path) {
                    Ok(text) => files.push((path.display().to_string(), text)),
                    Err(e) => problems.push(format!("{}: {e}", path.display())),
                }
            }
        }
        if !problems.is_empty() {
            return Err(ContentError { problems });
        }
        let content = Content::from_files(files)?;
        match std::fs::read_to_string(dir.join(CODE_NAMES_FILE)) {
            Ok(csv) => content.with_code_names(&csv),
            Err(_) => Ok(content),
        }
    }

    /// Parses and validates `(file name, TOML text)` pairs.
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Content, ContentError> {
        let mut problems = Vec::new();
        let mut found: HashMap<String, (String, String)> = HashMap::new();
        for (file, text) in files {
            match text.parse::<toml::Table>() {
                Ok(table) => flatten(&file, "", &table, &mut found, &mut problems),
                Err(e) => problems.push(format!("{file}: not valid TOML: {e}")),
            }
        }
        let mut texts = HashMap::new();
        for key in keys::all() {
            match found.remove(key.name) {
                None => problems.push(format!("missing key `{}`", key.name)),
                Some((file, text)) => {
                    let used: BTreeSet<&str> = placeholders(&text).collect();
                    let declared: BTreeSet<&str> = key.placeholders.iter().copied().collect();
                    for name in used.difference(&declared) {
                        problems.push(format!(
                            "{file}: `{}` uses {{{name}}}, which the code does not fill",
                            key.name
                        ));
                    }
                    for name in declared.difference(&used) {
                        problems.push(format!("{file}: `{}` should use {{{name}}}", key.name));
                    }
                    texts.insert(key.name, text);
                }
            }
        }
        let mut unknown: Vec<_> = found.into_iter().collect();
        unknown.sort();
        for (name, (file, _)) in unknown {
            problems.push(format!("{file}: unknown key `{name}` (not used by the code)"));
        }
        let content = Content {
            texts,
            code_names: HashMap::new(),
        };
        if problems.is_empty() {
            problems.extend(content.markup_problems());
            for (key, count) in [
                (keys::CALENDAR_MONTHS, 12),
                (keys::CALENDAR_MONTHS_LONG, 12),
                (keys::CALENDAR_WEEKDAYS, 7),
            ] {
                let names = content.plain(key).split_whitespace().count();
                if names != count {
                    problems.push(format!("`{}` names {names}, not {count}", key.name));
                }
            }
        }
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(ContentError { problems })
        }
    }

    /// Texts whose HTML Telegram would refuse (an unknown or unclosed tag).
    fn markup_problems(&self) -> Vec<String> {
        keys::all()
            .filter_map(|key| {
                let fills: Vec<(&str, Fill<'_>)> =
                    key.placeholders.iter().map(|name| (*name, Fill::Text("x"))).collect();
                let problem = self.render(*key, &fills).check_tags().err()?;
                Some(format!("`{}`: {problem}", key.name))
            })
            .collect()
    }

    /// A key's text as plain text (tags dropped, entities decoded), for
    /// places that show no formatting: button labels, Telegram's command
    /// menu.
    pub fn plain(&self, key: Key) -> String {
        self.text(key).to_plain()
    }

    /// A date the short way the language writes it on a phone ("Tue,
    /// Jul 14"; another year's with its year), from `calendar.*`.
    pub fn date(&self, date: NaiveDate, today: NaiveDate) -> String {
        let nth = |key: Key, index: usize| -> String {
            let names = self.plain(key);
            names.split_whitespace().nth(index).unwrap_or_default().to_string()
        };
        let weekday = nth(keys::CALENDAR_WEEKDAYS, date.weekday().num_days_from_monday() as usize);
        let month = nth(keys::CALENDAR_MONTHS, date.month0() as usize);
        let day = date.day().to_string();
        let mut fills = vec![
            ("weekday", Fill::Text(&weekday)),
            ("month", Fill::Text(&month)),
            ("day", Fill::Text(&day)),
        ];
        let year = date.year().to_string();
        let key = match date.year() == today.year() {
            true => keys::CALENDAR_DATE,
            false => {
                fills.push(("year", Fill::Text(&year)));
                keys::CALENDAR_DATE_YEAR
            }
        };
        self.render(key, &fills).to_plain()
    }

    /// A date the long way a letter writes it ("July 14, 2025").
    pub fn long_date(&self, date: NaiveDate) -> String {
        let names = self.plain(keys::CALENDAR_MONTHS_LONG);
        let month = names.split_whitespace().nth(date.month0() as usize).unwrap_or_default();
        let (day, year) = (date.day().to_string(), date.year().to_string());
        self.render(
            keys::CALENDAR_LONG_DATE,
            &[
                ("month", Fill::Text(month)),
                ("day", Fill::Text(&day)),
                ("year", Fill::Text(&year)),
            ],
        )
        .to_plain()
    }

    /// The text of a key that has no placeholders.
    pub fn text(&self, key: Key) -> Html {
        self.render(key, &[])
    }

    /// The text of a key with its placeholders filled.
    ///
    /// Validation at load time guarantees the key exists and uses exactly
    /// the placeholders declared for it; a fill the key does not declare is
    /// a programming error caught by the tests.
    pub fn render(&self, key: Key, fills: &[(&str, Fill<'_>)]) -> Html {
        debug_assert!(
            fills.len() == key.placeholders.len() && fills.iter().all(|(name, _)| key.placeholders.contains(name)),
            "key `{}` is filled with the wrong placeholders",
            key.name
        );
        let template = self.texts.get(key.name).map(String::as_str).unwrap_or(key.name);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}').map(|end| (&after[..end], end)) {
                Some((name, end)) if is_placeholder_name(name) => {
                    match fills.iter().find(|(n, _)| *n == name) {
                        Some((_, Fill::Text(text))) => out.push_str(&escape(text)),
                        Some((_, Fill::Html(html))) => out.push_str(html.as_str()),
                        None => {}
                    }
                    rest = &after[end + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Html::trusted(out)
    }
}

/// Walks nested TOML tables into dotted keys (`[question.sender] prompt`
/// becomes `question.sender.prompt`).
fn flatten(
    file: &str,
    prefix: &str,
    table: &toml::Table,
    found: &mut HashMap<String, (String, String)>,
    problems: &mut Vec<String>,
) {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(text) => {
                let text = text.trim_end_matches('\n').to_string();
                if let Some((other, _)) = found.insert(key.clone(), (file.to_string(), text)) {
                    problems.push(format!("{file}: key `{key}` is also defined in {other}"));
                }
            }
            toml::Value::Table(inner) => flatten(file, &key, inner, found, problems),
            _ => problems.push(format!("{file}: `{key}` must be text")),
        }
    }
}

fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
}

/// The `{names}` a template uses.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template.split('{').skip(1).filter_map(|part| {
        let name = &part[..part.find('}')?];
        is_placeholder_name(name).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_read_as_before_languages() {
        let content = Content::embedded().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        for offset in (-800..400).step_by(7) {
            let date = today + chrono::Duration::days(offset);
            assert_eq!(
                content.date(date, today),
                crate::domain::dates::format_date(date, today)
            );
        }
        assert_eq!(content.date(today, today), "Sat, Dec 5");
        assert_eq!(content.long_date(today), crate::content::templates::long_date(today));
    }

    #[test]
    fn the_embedded_copy_is_complete_and_consistent() {
        if let Err(e) = Content::embedded() {
            panic!("{e}");
        }
    }

    #[test]
    fn copy_with_markup_telegram_refuses_is_reported() {
        let mut files = embedded_files(Lang::En, "");
        let start = files.iter_mut().find(|(name, _)| name == "start.toml").unwrap();
        start.1 = start.1.replace(
            "prompt = \"What would you like to do?\"",
            "prompt = \"<div>What?</div>\"",
        );
        let problems = Content::from_files(files).unwrap_err().problems;
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`menu.prompt`") && p.contains("<div>")),
            "{problems:?}"
        );
    }

    #[test]
    fn missing_unknown_and_misfilled_keys_are_reported() {
        let files = vec![(
            "test.toml".to_string(),
            "[start]\ngreeting = \"Hi {name}\"\n[nonsense]\nkey = \"x\"\n".to_string(),
        )];
        let problems = Content::from_files(files).unwrap_err().problems;
        assert!(
            problems.iter().any(|p| p.contains("`start.greeting` uses {name}")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("unknown key `nonsense.key`")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("missing key `help.text`")),
            "{problems:?}"
        );
    }

    #[test]
    fn fills_are_escaped_but_html_fills_are_not() {
        let content = Content::embedded().unwrap();
        let answer = Html::trusted("<b>x</b>".to_string());
        let html = content.render(
            keys::REVIEW_ANSWERED,
            &[
                ("question", Fill::Html(&answer)),
                ("answer", Fill::Text("<script> & co")),
            ],
        );
        assert!(html.as_str().contains("<b>x</b>"));
        assert!(html.as_str().contains("&lt;script&gt; &amp; co"));
    }
}
