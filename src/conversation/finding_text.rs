//! The words for one audit finding, as each group of rules renders them
//! (`findings_coding.rs`, `findings_visit.rs`); the report lays them out.

use crate::content::Html;

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
