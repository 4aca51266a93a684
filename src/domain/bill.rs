//! The facts about one bill that the review collects, answer by answer.
//!
//! Every answer is optional until given, so a half-finished review is a
//! valid value that can be saved, resumed and shown. New fields are added
//! with `#[serde(default)]` so records saved by older versions still load.

use super::calls::CallLog;
use super::line_items::LineItem;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Who sent the bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillSender {
    Hospital,
    DoctorOffice,
    Lab,
    Ambulance,
    CollectionsAgency,
    Other,
}

/// The patient's insurance situation for this bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    InNetwork,
    OutOfNetwork,
    InsuredNotSure,
    SelfPay,
    Medicare,
    Medicaid,
}

impl Coverage {
    /// Insurance (of any kind) is involved.
    pub fn is_insured(self) -> bool {
        self != Coverage::SelfPay
    }
}

/// Which kind of Medicare: the appeal deadlines differ (domain-facts-2 E3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MedicareKind {
    Original,
    Advantage,
    NotSure,
}

/// Yes, no, or not sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer3 {
    Yes,
    No,
    NotSure,
}

/// Where the insurance claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    PaidPart,
    Denied,
    Pending,
    NotSent,
    /// The patient does not know whether the insurer got or decided it.
    NotSure,
}

impl ClaimStatus {
    /// The insurer has decided (so there is an EOB to read).
    pub fn is_processed(self) -> bool {
        matches!(self, ClaimStatus::PaidPart | ClaimStatus::Denied)
    }
}

/// The figures on the insurer's explanation of benefits (EOB).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EobFigures {
    pub billed: Option<Decimal>,
    pub allowed: Option<Decimal>,
    pub plan_paid: Option<Decimal>,
    pub your_share: Option<Decimal>,
}

impl EobFigures {
    /// No figure at all.
    pub fn is_empty(&self) -> bool {
        *self == EobFigures::default()
    }
}

/// A good-faith estimate (self-pay patients are entitled to one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "amount")]
pub enum Estimate {
    NotReceived,
    Amount(Decimal),
}

/// One bill as far as the user has described it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Bill {
    pub sender: Option<BillSender>,
    /// Hospitals only: a nonprofit (tax-exempt) hospital?
    pub nonprofit: Option<Answer3>,
    pub coverage: Option<Coverage>,
    /// Medicare only: Original Medicare or a Medicare Advantage plan.
    pub medicare: Option<MedicareKind>,
    /// Medicare only: Medicaid or QMB too (the Medicare Savings Program that
    /// pays Medicare's cost sharing, E2)?
    pub qmb: Option<Answer3>,
    pub emergency: Option<bool>,
    /// Non-emergency, out of network: was the care at an in-network
    /// hospital or surgery center?
    pub in_network_facility: Option<Answer3>,
    pub claim: Option<ClaimStatus>,
    /// The date of the insurer's denial (the EOB or letter), when denied.
    pub denial_date: Option<NaiveDate>,
    pub service_date: Option<NaiveDate>,
    /// A hospital stay: the day the patient went home, when the user gave
    /// it (optional; the room-night rule reads it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharge_date: Option<NaiveDate>,
    /// The date of the first bill (statement) for this care.
    pub first_bill_date: Option<NaiveDate>,
    /// What the bill says is due now, in dollars.
    pub amount_due: Option<Decimal>,
    pub in_collections: Option<bool>,
    /// Not in collections yet: the day a letter from the office (a final
    /// notice) says the bill goes to collections, when the user gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections_notice_date: Option<NaiveDate>,
    pub collector_letter_date: Option<NaiveDate>,
    pub estimate: Option<Estimate>,
    pub has_itemized: Option<bool>,
    pub items: Vec<LineItem>,
    /// Set once the user confirmed the list of items.
    pub items_confirmed: bool,
    /// Numbers (0-based) of items the user did not receive.
    pub not_received: BTreeSet<usize>,
    /// Set once the user finished marking items not received.
    pub not_received_done: bool,
    pub eob: EobFigures,
    /// Figures read from a photo or PDF of the EOB, each offered at its
    /// question for one tap before it is kept in `eob`.
    #[serde(default, skip_serializing_if = "EobFigures::is_empty")]
    pub eob_read: EobFigures,
    pub household_size: Option<u32>,
    pub yearly_income: Option<Decimal>,
    /// Two-letter US state or territory code.
    pub state: Option<String>,
    pub lump_sum: Option<Decimal>,
    pub monthly: Option<Decimal>,
    /// Optional questions the user skipped (by their stable ids).
    pub skipped: BTreeSet<String>,
    /// Calls about this bill, oldest first.
    pub calls: Vec<CallLog>,
    /// Settled (`/paid`): what was paid in the end, and when.
    pub paid: Option<Settlement>,
}

/// How a bill ended: what the user paid in the end, and the day they said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub amount: Decimal,
    pub date: NaiveDate,
}

impl Bill {
    /// True when no question has been answered yet.
    pub fn is_empty(&self) -> bool {
        *self == Bill::default()
    }

    /// E2: Original Medicare sends a Medicare Summary Notice (MSN), not
    /// an EOB (Medicare Advantage plans send EOBs).
    pub fn gets_msn(&self) -> bool {
        self.coverage == Some(Coverage::Medicare) && self.medicare == Some(MedicareKind::Original)
    }

    /// The insurer has decided on the claim (there is an EOB).
    pub fn insurance_processed(&self) -> bool {
        self.coverage.is_some_and(Coverage::is_insured) && self.claim.is_some_and(ClaimStatus::is_processed)
    }

    /// Removes item `index` and keeps the not-received marks pointing at the
    /// same items.
    pub fn remove_item(&mut self, index: usize) {
        if index >= self.items.len() {
            return;
        }
        self.items.remove(index);
        if self.items.is_empty() {
            // An empty list is not a confirmed list.
            self.items_confirmed = false;
            self.not_received_done = false;
        }
        self.not_received = self
            .not_received
            .iter()
            .filter(|&&i| i != index)
            .map(|&i| if i > index { i - 1 } else { i })
            .collect();
    }

    /// Marks or unmarks item `index` as not received.
    pub fn toggle_not_received(&mut self, index: usize) {
        if index < self.items.len() && !self.not_received.remove(&index) {
            self.not_received.insert(index);
        }
    }

    /// What the patient is billed, to compare with a good-faith estimate:
    /// the amount due, or the line items' total when no amount is known;
    /// `None` when neither is. The gross charges of an itemized bill are not
    /// what a self-pay patient is asked to pay (the $400 test of the
    /// patient-provider dispute is on the bill, domain-facts-2 E4). The
    /// audit, the timing advice and the plan all use it, so they agree on
    /// "$400 over the estimate".
    pub fn billed_total(&self) -> Option<Decimal> {
        match self.amount_due {
            Some(due) => Some(due),
            None if self.items.is_empty() => None,
            None => Some(self.items_total()),
        }
    }

    /// The sum of the line items (credits included).
    pub fn items_total(&self) -> Decimal {
        self.items.iter().map(|item| item.amount).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(amount: i64) -> LineItem {
        LineItem {
            date: None,
            revenue_code: None,
            code: None,
            modifiers: Vec::new(),
            description: format!("item {amount}"),
            units: 1,
            amount: Decimal::from(amount),
        }
    }

    #[test]
    fn removing_an_item_keeps_marks_on_the_same_items() {
        let mut bill = Bill {
            items: vec![item(1), item(2), item(3), item(4)],
            ..Bill::default()
        };
        bill.toggle_not_received(1);
        bill.toggle_not_received(3);
        bill.remove_item(0);
        assert_eq!(bill.not_received, BTreeSet::from([0, 2]));
        bill.remove_item(0);
        assert_eq!(bill.not_received, BTreeSet::from([1]));
        assert_eq!(bill.items_total(), Decimal::from(7));
    }

    #[test]
    fn toggling_twice_unmarks_and_out_of_range_is_ignored() {
        let mut bill = Bill {
            items: vec![item(1)],
            ..Bill::default()
        };
        bill.toggle_not_received(0);
        bill.toggle_not_received(0);
        bill.toggle_not_received(5);
        assert!(bill.not_received.is_empty());
    }

    #[test]
    fn a_version_1_bill_still_loads() {
        let bill: Bill =
            serde_json::from_str(r#"{"sender":"hospital","coverage":"self_pay","amount_due":"1234.50"}"#).unwrap();
        assert_eq!(bill.sender, Some(BillSender::Hospital));
        assert!(bill.items.is_empty());
    }
}
