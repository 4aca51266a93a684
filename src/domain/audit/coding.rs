//! Rules about the codes and lines themselves: duplicates, codes that do
//! not exist or were deleted, malformed modifiers, unbundling (a panel with
//! its own parts, several blood draws, an injection with a visit but no
//! modifier 25, the curated pairs), and implausible units.

use super::Proposal;
use crate::domain::bill::Bill;
use crate::domain::reference::Reference;
use chrono::NaiveDate;

/// A problem with the codes on the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodingIssue {}

impl CodingIssue {
    /// A stable short name for the corpus and the dialogue keys.
    pub fn id(&self) -> &'static str {
        match *self {}
    }
}

/// Every coding finding this bill gives rise to.
pub fn propose(_bill: &Bill, _reference: &Reference, _today: NaiveDate) -> Vec<Proposal> {
    Vec::new()
}
