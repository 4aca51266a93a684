//! The words for one audit finding, as each group of rules renders them
//! (`findings_coding.rs`, `findings_visit.rs`); the report lays them out.

use crate::content::{Content, Html};
use crate::domain::line_items::LineItem;
use crate::domain::reference::Reference;

/// A finding in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingText {
    /// A short heading: "The same blood count billed twice".
    pub title: Html,
    /// What we saw and why it matters, in one or two plain sentences with
    /// the lines, dates and dollars.
    pub explain: Html,
    /// The exact thing to ask the billing office for.
    pub ask: Html,
}

/// Our plain name of a code in the chat's language: the language's own
/// (`dialogues/<lang>/code_names.csv`), else the reference data's English.
pub fn plain_name<'a>(code: &str, reference: &'a Reference, content: &'a Content) -> Option<&'a str> {
    content.code_name(code).or_else(|| reference.plain_name(code))
}

/// How a finding names a line beside its number: its code and our plain
/// name ("99285, ER visit, level 5 of 5 …"), else its code and its own
/// words, else whichever it has ("" for neither). The billing office
/// searches the account by code; the patient knows the words.
pub fn line_label(item: &LineItem, reference: &Reference, content: &Content) -> String {
    let code = item.code.as_deref().unwrap_or("").trim().to_ascii_uppercase();
    let description = item.description.trim();
    match plain_name(&code, reference, content) {
        Some(name) => format!("{code}, {name}"),
        None if !description.is_empty() => format!("{code} {description}").trim().to_string(),
        None => code,
    }
}
