//! The facts about one bill that the review collects, answer by answer.
//!
//! Every answer is optional until given, so a half-finished review is a
//! valid value that can be saved, resumed and shown.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

impl BillSender {
    /// Every choice, in the order the buttons show them.
    pub const ALL: [BillSender; 6] = [
        BillSender::Hospital,
        BillSender::DoctorOffice,
        BillSender::Lab,
        BillSender::Ambulance,
        BillSender::CollectionsAgency,
        BillSender::Other,
    ];
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
    /// Every choice, in the order the buttons show them.
    pub const ALL: [Coverage; 6] = [
        Coverage::InNetwork,
        Coverage::OutOfNetwork,
        Coverage::InsuredNotSure,
        Coverage::SelfPay,
        Coverage::Medicare,
        Coverage::Medicaid,
    ];
}

/// One bill as far as the user has described it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub sender: Option<BillSender>,
    pub coverage: Option<Coverage>,
    /// What the bill says is due now, in dollars.
    pub amount_due: Option<Decimal>,
}

impl Bill {
    /// True when no question has been answered yet.
    pub fn is_empty(&self) -> bool {
        *self == Bill::default()
    }
}
