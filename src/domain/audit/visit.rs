//! Rules about the visit and the money around it: ER level and trauma and
//! facility fees, charges after discharge, services not received, insurance
//! figures, No Surprises Act protections, prices against Medicare, financial
//! assistance, and the itemized bill to ask for first.

use super::{PriceCheck, Proposal};
use crate::domain::bill::Bill;
use crate::domain::reference::Reference;
use chrono::NaiveDate;

/// A problem with the visit or the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitIssue {}

impl VisitIssue {
    /// A stable short name for the corpus and the dialogue keys.
    pub fn id(&self) -> &'static str {
        match *self {}
    }
}

/// Every visit and money finding this bill gives rise to.
pub fn propose(_bill: &Bill, _reference: &Reference, _today: NaiveDate) -> Vec<Proposal> {
    Vec::new()
}

/// Each priced line against Medicare's rate.
pub fn price_checks(_bill: &Bill, _reference: &Reference) -> Vec<PriceCheck> {
    Vec::new()
}
