//! The questions of the bill review, their order, which ones apply to a
//! bill, and how each is answered.
//!
//! `/back`, `/skip` and "what comes next" are all computed from this one
//! ordered list and the answers so far, so adding a question (or a rule
//! that skips one) changes them all consistently. Progress is by [`Part`]
//! ("Part 2 of 4"), which answers never add to.

use crate::content::{keys, Content, Key};
use crate::conversation::review::choices::{self, Choice};
use crate::domain::bill::{Bill, BillSender, ClaimStatus, Coverage, EobFigures, Estimate};
use crate::domain::money::Usd;
use crate::domain::plan::Payer;
use crate::domain::reading::{NotRead, Reading, Words};
use crate::domain::us_states;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

// The questions in groups, as patterns: one list for every match that
// treats a group alike. A match built from them is still checked for
// exhaustiveness, so a new question stops the build until it is placed.

/// Answered with a button of their own choices.
macro_rules! chosen {
    () => {
        Question::Sender
            | Question::Nonprofit
            | Question::Coverage
            | Question::MedicareKind
            | Question::Qmb
            | Question::Emergency
            | Question::InNetworkFacility
            | Question::Claim
            | Question::InCollections
            | Question::HasItemized
    };
}

/// Answered with a date.
macro_rules! dated {
    () => {
        Question::DenialDate
            | Question::ServiceDate
            | Question::FirstBillDate
            | Question::CollectionsNoticeDate
            | Question::CollectorLetterDate
            | Question::DischargeDate
    };
}

/// Answered with an amount, but for the estimate (which has its "none" button).
macro_rules! plain_amounts {
    () => {
        Question::AmountDue
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::YearlyIncome
            | Question::LumpSum
            | Question::Monthly
    };
}

/// Answered their own way: the items, the not-received marks, a count, a state.
macro_rules! own_way {
    () => {
        Question::LineItems | Question::NotReceived | Question::HouseholdSize | Question::UsState
    };
}

/// Typed, without buttons of their own.
macro_rules! without_buttons {
    () => {
        dated!() | plain_amounts!() | own_way!()
    };
}

/// Holding no amount.
macro_rules! not_an_amount {
    () => {
        chosen!() | dated!() | own_way!()
    };
}

/// Holding no date.
macro_rules! not_a_date {
    () => {
        chosen!() | Question::Estimate | plain_amounts!() | own_way!()
    };
}

/// One question of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    Sender,
    Nonprofit,
    Coverage,
    /// Medicare only: Original Medicare or Medicare Advantage?
    MedicareKind,
    /// Medicare only: Medicaid or QMB too?
    Qmb,
    Emergency,
    /// A hospital stay (room nights on the bill): the day the patient went
    /// home (optional; the room-night rule uses it).
    DischargeDate,
    /// Not emergency, out of network: was it at an in-network hospital or
    /// surgery center? (No Surprises Act protection.)
    InNetworkFacility,
    Claim,
    ServiceDate,
    DenialDate,
    FirstBillDate,
    AmountDue,
    InCollections,
    /// Not in collections yet: the date a final notice gives (a date ahead).
    CollectionsNoticeDate,
    CollectorLetterDate,
    Estimate,
    HasItemized,
    LineItems,
    NotReceived,
    EobBilled,
    EobAllowed,
    EobPlanPaid,
    EobYourShare,
    HouseholdSize,
    YearlyIncome,
    UsState,
    LumpSum,
    Monthly,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// One of a few buttons (typing the button's words works too).
    Choice,
    /// A typed amount of dollars (some also offer a button, e.g. "No estimate").
    Amount,
    /// A typed date.
    Date,
    /// A typed whole number (household size).
    Count,
    /// A typed US state.
    UsState,
    /// The bill's line items: pasted, typed or uploaded, then confirmed.
    Items,
    /// Toggle buttons over the line items.
    NotReceived,
}

impl Question {
    /// Every question, in the order they are asked.
    pub const ORDER: [Question; 29] = [
        Question::Sender,
        Question::Nonprofit,
        Question::Coverage,
        Question::MedicareKind,
        Question::Qmb,
        Question::Emergency,
        Question::InNetworkFacility,
        Question::Claim,
        Question::ServiceDate,
        Question::DenialDate,
        Question::FirstBillDate,
        Question::AmountDue,
        Question::InCollections,
        Question::CollectionsNoticeDate,
        Question::CollectorLetterDate,
        Question::Estimate,
        Question::HasItemized,
        Question::LineItems,
        Question::NotReceived,
        Question::DischargeDate,
        Question::EobBilled,
        Question::EobAllowed,
        Question::EobPlanPaid,
        Question::EobYourShare,
        Question::HouseholdSize,
        Question::YearlyIncome,
        Question::UsState,
        Question::LumpSum,
        Question::Monthly,
    ];

    /// Stable id used in button data and saved records: never rename.
    pub fn id(self) -> &'static str {
        match self {
            Question::Sender => "sender",
            Question::Nonprofit => "nonprofit",
            Question::Coverage => "coverage",
            Question::MedicareKind => "medicare_kind",
            Question::Qmb => "qmb",
            Question::Emergency => "emergency",
            Question::InNetworkFacility => "in_network_facility",
            Question::Claim => "claim",
            Question::DenialDate => "denial_date",
            Question::ServiceDate => "service_date",
            Question::FirstBillDate => "first_bill_date",
            Question::AmountDue => "amount_due",
            Question::InCollections => "in_collections",
            Question::CollectionsNoticeDate => "collections_notice_date",
            Question::CollectorLetterDate => "collector_letter_date",
            Question::Estimate => "estimate",
            Question::HasItemized => "has_itemized",
            Question::LineItems => "line_items",
            Question::NotReceived => "not_received",
            Question::DischargeDate => "discharge_date",
            Question::EobBilled => "eob_billed",
            Question::EobAllowed => "eob_allowed",
            Question::EobPlanPaid => "eob_plan_paid",
            Question::EobYourShare => "eob_your_share",
            Question::HouseholdSize => "household_size",
            Question::YearlyIncome => "yearly_income",
            Question::UsState => "us_state",
            Question::LumpSum => "lump_sum",
            Question::Monthly => "monthly",
        }
    }

    pub fn from_id(id: &str) -> Option<Question> {
        Question::ORDER.into_iter().find(|q| q.id() == id)
    }

    pub fn prompt(self) -> Key {
        match self {
            Question::Sender => keys::SENDER_PROMPT,
            Question::Nonprofit => keys::NONPROFIT_PROMPT,
            Question::Coverage => keys::COVERAGE_PROMPT,
            Question::MedicareKind => keys::MEDICARE_KIND_PROMPT,
            Question::Qmb => keys::QMB_PROMPT,
            Question::Emergency => keys::EMERGENCY_PROMPT,
            Question::InNetworkFacility => keys::IN_NETWORK_FACILITY_PROMPT,
            Question::Claim => keys::CLAIM_PROMPT,
            Question::DenialDate => keys::DENIAL_DATE_PROMPT,
            Question::ServiceDate => keys::SERVICE_DATE_PROMPT,
            Question::FirstBillDate => keys::FIRST_BILL_DATE_PROMPT,
            Question::AmountDue => keys::AMOUNT_DUE_PROMPT,
            Question::InCollections => keys::IN_COLLECTIONS_PROMPT,
            Question::CollectionsNoticeDate => keys::COLLECTIONS_NOTICE_DATE_PROMPT,
            Question::CollectorLetterDate => keys::COLLECTOR_LETTER_DATE_PROMPT,
            Question::Estimate => keys::ESTIMATE_PROMPT,
            Question::HasItemized => keys::HAS_ITEMIZED_PROMPT,
            Question::LineItems => keys::LINE_ITEMS_PROMPT,
            Question::NotReceived => keys::NOT_RECEIVED_PROMPT,
            Question::DischargeDate => keys::DISCHARGE_DATE_PROMPT,
            Question::EobBilled => keys::EOB_BILLED_PROMPT,
            Question::EobAllowed => keys::EOB_ALLOWED_PROMPT,
            Question::EobPlanPaid => keys::EOB_PLAN_PAID_PROMPT,
            Question::EobYourShare => keys::EOB_YOUR_SHARE_PROMPT,
            Question::HouseholdSize => keys::HOUSEHOLD_SIZE_PROMPT,
            Question::YearlyIncome => keys::YEARLY_INCOME_PROMPT,
            Question::UsState => keys::US_STATE_PROMPT,
            Question::LumpSum => keys::LUMP_SUM_PROMPT,
            Question::Monthly => keys::MONTHLY_PROMPT,
        }
    }

    /// The prompt for `bill`: Original Medicare's statement is the
    /// Medicare Summary Notice, never an EOB (E2); with the kind of
    /// Medicare not known, Medicare or the Medicare plan decides, never
    /// "your insurance".
    pub fn prompt_for(self, bill: &Bill) -> Key {
        let not_sure = Payer::of(bill) == Payer::MedicareNotSure;
        match self {
            Question::Claim if not_sure => keys::MEDICARE_OR_PLAN_CLAIM_PROMPT,
            Question::DenialDate if not_sure => keys::MEDICARE_OR_PLAN_DENIAL_DATE_PROMPT,
            Question::EobBilled if not_sure => keys::MEDICARE_OR_PLAN_BILLED_PROMPT,
            Question::Claim if bill.gets_msn() => keys::MSN_CLAIM_PROMPT,
            Question::DenialDate if bill.gets_msn() => keys::MSN_DENIAL_DATE_PROMPT,
            Question::EobBilled if bill.gets_msn() => keys::MSN_BILLED_PROMPT,
            Question::EobAllowed if bill.gets_msn() => keys::MSN_ALLOWED_PROMPT,
            Question::EobPlanPaid if bill.gets_msn() => keys::MSN_PLAN_PAID_PROMPT,
            Question::EobYourShare if bill.gets_msn() => keys::MSN_YOUR_SHARE_PROMPT,
            _ => self.prompt(),
        }
    }

    /// The summary's word for this answer on `bill` (Original Medicare:
    /// the Medicare Summary Notice's, E2).
    pub fn summary_label_for(self, bill: &Bill) -> Key {
        match self {
            Question::EobBilled if bill.gets_msn() => keys::SUMMARY_MSN_BILLED,
            Question::EobAllowed if bill.gets_msn() => keys::SUMMARY_MSN_ALLOWED,
            Question::EobPlanPaid if bill.gets_msn() => keys::SUMMARY_MSN_PLAN_PAID,
            Question::EobYourShare if bill.gets_msn() => keys::SUMMARY_MSN_YOUR_SHARE,
            _ => self.summary_label(),
        }
    }

    /// The word used for this question's answer in the summary.
    pub fn summary_label(self) -> Key {
        match self {
            Question::Sender => keys::SUMMARY_SENDER,
            Question::Nonprofit => keys::SUMMARY_NONPROFIT,
            Question::Coverage => keys::SUMMARY_COVERAGE,
            Question::MedicareKind => keys::SUMMARY_MEDICARE_KIND,
            Question::Qmb => keys::SUMMARY_QMB,
            Question::Emergency => keys::SUMMARY_EMERGENCY,
            Question::InNetworkFacility => keys::SUMMARY_IN_NETWORK_FACILITY,
            Question::Claim => keys::SUMMARY_CLAIM,
            Question::DenialDate => keys::SUMMARY_DENIAL_DATE,
            Question::ServiceDate => keys::SUMMARY_SERVICE_DATE,
            Question::FirstBillDate => keys::SUMMARY_FIRST_BILL_DATE,
            Question::AmountDue => keys::SUMMARY_AMOUNT_DUE,
            Question::InCollections => keys::SUMMARY_IN_COLLECTIONS,
            Question::CollectionsNoticeDate => keys::SUMMARY_COLLECTIONS_NOTICE_DATE,
            Question::CollectorLetterDate => keys::SUMMARY_COLLECTOR_LETTER_DATE,
            Question::Estimate => keys::SUMMARY_ESTIMATE,
            Question::HasItemized => keys::SUMMARY_HAS_ITEMIZED,
            Question::LineItems => keys::SUMMARY_LINE_ITEMS,
            Question::NotReceived => keys::SUMMARY_NOT_RECEIVED,
            Question::DischargeDate => keys::SUMMARY_DISCHARGE_DATE,
            Question::EobBilled => keys::SUMMARY_EOB_BILLED,
            Question::EobAllowed => keys::SUMMARY_EOB_ALLOWED,
            Question::EobPlanPaid => keys::SUMMARY_EOB_PLAN_PAID,
            Question::EobYourShare => keys::SUMMARY_EOB_YOUR_SHARE,
            Question::HouseholdSize => keys::SUMMARY_HOUSEHOLD_SIZE,
            Question::YearlyIncome => keys::SUMMARY_YEARLY_INCOME,
            Question::UsState => keys::SUMMARY_US_STATE,
            Question::LumpSum => keys::SUMMARY_LUMP_SUM,
            Question::Monthly => keys::SUMMARY_MONTHLY,
        }
    }

    pub fn answer_kind(self) -> AnswerKind {
        match self {
            chosen!() => AnswerKind::Choice,
            dated!() => AnswerKind::Date,
            Question::AmountDue
            | Question::Estimate
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::YearlyIncome
            | Question::LumpSum
            | Question::Monthly => AnswerKind::Amount,
            Question::HouseholdSize => AnswerKind::Count,
            Question::UsState => AnswerKind::UsState,
            Question::LineItems => AnswerKind::Items,
            Question::NotReceived => AnswerKind::NotReceived,
        }
    }

    /// Whether the answer is about the person, not the bill: the same on
    /// each of their bills, so asked once and then offered with one tap.
    pub fn is_about_person(self) -> bool {
        matches!(
            self,
            Question::HouseholdSize | Question::YearlyIncome | Question::UsState
        )
    }

    /// Copies a person's answer from one bill to another; false when
    /// `from` has none, or the question is about the bill.
    pub fn copy_answer(self, from: &Bill, to: &mut Bill) -> bool {
        match self {
            Question::HouseholdSize => match from.household_size {
                Some(size) => to.household_size = Some(size),
                None => return false,
            },
            Question::YearlyIncome => match from.yearly_income {
                Some(income) => to.yearly_income = Some(income),
                None => return false,
            },
            Question::UsState => match &from.state {
                Some(state) => to.state = Some(state.clone()),
                None => return false,
            },
            chosen!()
            | dated!()
            | Question::Estimate
            | Question::AmountDue
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::LumpSum
            | Question::Monthly
            | Question::LineItems
            | Question::NotReceived => return false,
        }
        true
    }

    /// Optional questions can be skipped (`/skip` or the Skip button).
    pub fn is_optional(self) -> bool {
        matches!(
            self,
            Question::DenialDate
                | Question::FirstBillDate
                | Question::CollectionsNoticeDate
                | Question::CollectorLetterDate
                | Question::DischargeDate
                | Question::EobBilled
                | Question::EobAllowed
                | Question::EobPlanPaid
                | Question::EobYourShare
                | Question::HouseholdSize
                | Question::YearlyIncome
                | Question::UsState
                | Question::LumpSum
                | Question::Monthly
        )
    }

    /// A date question whose answer is a day ahead, as a letter announces
    /// one ("dec 31", "in 30 days"), not a day that has passed.
    pub fn is_about_a_day_ahead(self) -> bool {
        match self {
            Question::CollectionsNoticeDate => true,
            Question::DenialDate
            | Question::ServiceDate
            | Question::FirstBillDate
            | Question::CollectorLetterDate
            | Question::DischargeDate => false,
            not_a_date!() => false,
        }
    }

    /// Whether this question is asked for this bill, given the answers so far.
    pub fn applies(self, bill: &Bill) -> bool {
        match self {
            Question::Nonprofit => bill.sender == Some(BillSender::Hospital),
            Question::MedicareKind | Question::Qmb => bill.coverage == Some(Coverage::Medicare),
            // A3/E4: an out-of-network doctor or lab at an in-network
            // hospital or surgery center cannot balance-bill non-emergency
            // care. Asked of a clinician's bill only: emergency care is
            // protected wherever it was given, a hospital's own bill is the
            // facility, and an ambulance is not care at a facility (ground
            // ambulances are outside the Act). In network, Medicare,
            // Medicaid or self-pay, the answer changes nothing. The prompt
            // says what each button means, so a visit at the doctor's own
            // office is a plain "No".
            Question::InNetworkFacility => {
                bill.emergency == Some(false)
                    && matches!(bill.coverage, Some(Coverage::OutOfNetwork | Coverage::InsuredNotSure))
                    && matches!(
                        bill.sender,
                        Some(BillSender::DoctorOffice | BillSender::Lab | BillSender::Other)
                    )
            }
            Question::Claim => bill.coverage.is_some_and(Coverage::is_insured),
            Question::DenialDate => {
                bill.coverage.is_some_and(Coverage::is_insured) && bill.claim == Some(ClaimStatus::Denied)
            }
            // A bill from a collections agency is in collections already.
            Question::InCollections => bill.sender != Some(BillSender::CollectionsAgency),
            Question::CollectionsNoticeDate => {
                bill.in_collections == Some(false) && bill.sender != Some(BillSender::CollectionsAgency)
            }
            Question::CollectorLetterDate => {
                bill.in_collections == Some(true) || bill.sender == Some(BillSender::CollectionsAgency)
            }
            // A good-faith estimate comes before scheduled care; emergency
            // care has none to ask about.
            Question::Estimate => bill.coverage == Some(Coverage::SelfPay) && bill.emergency != Some(true),
            Question::LineItems => bill.has_itemized == Some(true),
            Question::NotReceived => bill.has_itemized == Some(true) && !bill.items.is_empty(),
            Question::DischargeDate => {
                bill.has_itemized == Some(true) && crate::domain::audit::visit::has_room_nights(bill)
            }
            Question::EobBilled | Question::EobAllowed | Question::EobPlanPaid | Question::EobYourShare => {
                bill.insurance_processed()
            }
            Question::Sender
            | Question::Coverage
            | Question::Emergency
            | Question::ServiceDate
            | Question::FirstBillDate
            | Question::AmountDue
            | Question::HasItemized
            | Question::HouseholdSize
            | Question::YearlyIncome
            | Question::UsState
            | Question::LumpSum
            | Question::Monthly => true,
        }
    }

    /// Answered, or skipped.
    pub fn is_answered(self, bill: &Bill) -> bool {
        if bill.skipped.contains(self.id()) {
            return true;
        }
        match self {
            Question::Sender => bill.sender.is_some(),
            Question::Nonprofit => bill.nonprofit.is_some(),
            Question::Coverage => bill.coverage.is_some(),
            Question::MedicareKind => bill.medicare.is_some(),
            Question::Qmb => bill.qmb.is_some(),
            Question::Emergency => bill.emergency.is_some(),
            Question::InNetworkFacility => bill.in_network_facility.is_some(),
            Question::Claim => bill.claim.is_some(),
            Question::InCollections => bill.in_collections.is_some(),
            Question::HasItemized => bill.has_itemized.is_some(),
            Question::Estimate => bill.estimate.is_some(),
            Question::LineItems => bill.items_confirmed,
            Question::NotReceived => bill.not_received_done,
            Question::HouseholdSize => bill.household_size.is_some(),
            Question::UsState => bill.state.is_some(),
            dated!() => self.date(bill).is_some(),
            Question::AmountDue
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::YearlyIncome
            | Question::LumpSum
            | Question::Monthly => self.amount(bill).is_some(),
        }
    }

    /// The buttons of a question, as (id, label): the choices of a choice
    /// question, or a typed question's extra button ("No estimate").
    pub fn options(self) -> Vec<(&'static str, Key)> {
        use choices::buttons as pairs;
        match self {
            Question::Sender => pairs(&choices::SENDERS),
            Question::Nonprofit | Question::InNetworkFacility | Question::Qmb => pairs(&choices::YES_NO_NOT_SURE),
            Question::Coverage => pairs(&choices::COVERAGES),
            Question::MedicareKind => pairs(&choices::MEDICARE_KINDS),
            Question::Claim => pairs(&choices::CLAIM_STATUSES),
            Question::Emergency | Question::InCollections | Question::HasItemized => pairs(&choices::YES_NO),
            Question::Estimate => pairs(&choices::NO_ESTIMATE),
            without_buttons!() => Vec::new(),
        }
    }

    /// Records the choice with this id; false when the id is not one of
    /// this question's.
    pub fn choose(self, bill: &mut Bill, id: &str) -> bool {
        fn set<T: Copy>(slot: &mut Option<T>, table: &[Choice<T>], id: &str) -> bool {
            choices::by_id(table, id).map(|v| *slot = Some(v)).is_some()
        }
        match self {
            Question::Sender => set(&mut bill.sender, &choices::SENDERS, id),
            Question::Nonprofit => set(&mut bill.nonprofit, &choices::YES_NO_NOT_SURE, id),
            Question::InNetworkFacility => set(&mut bill.in_network_facility, &choices::YES_NO_NOT_SURE, id),
            Question::Coverage => set(&mut bill.coverage, &choices::COVERAGES, id),
            Question::MedicareKind => set(&mut bill.medicare, &choices::MEDICARE_KINDS, id),
            Question::Qmb => set(&mut bill.qmb, &choices::YES_NO_NOT_SURE, id),
            Question::Emergency => set(&mut bill.emergency, &choices::YES_NO, id),
            Question::Claim => set(&mut bill.claim, &choices::CLAIM_STATUSES, id),
            Question::InCollections => set(&mut bill.in_collections, &choices::YES_NO, id),
            Question::HasItemized => set(&mut bill.has_itemized, &choices::YES_NO, id),
            Question::Estimate if id == choices::ESTIMATE_NONE => {
                bill.estimate = Some(Estimate::NotReceived);
                true
            }
            Question::DischargeDate
            | Question::ServiceDate
            | Question::DenialDate
            | Question::FirstBillDate
            | Question::AmountDue
            | Question::CollectionsNoticeDate
            | Question::CollectorLetterDate
            | Question::Estimate
            | Question::LineItems
            | Question::NotReceived
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::HouseholdSize
            | Question::YearlyIncome
            | Question::UsState
            | Question::LumpSum
            | Question::Monthly => false,
        }
    }

    /// The button "I don't know" means at this question: its Not sure;
    /// at the coverage, insured but not sure of the network (someone
    /// unsure whether they have insurance at all is rare); at the itemized
    /// bill, No (not knowing what it is, they have not got one).
    pub fn not_sure_choice(self) -> Option<&'static str> {
        match self {
            Question::Coverage => Some("insured_not_sure"),
            Question::HasItemized => Some("no"),
            Question::Nonprofit
            | Question::InNetworkFacility
            | Question::Qmb
            | Question::MedicareKind
            | Question::Claim => Some(choices::NOT_SURE),
            Question::Sender | Question::Emergency | Question::InCollections => None,
            dated!() | plain_amounts!() | own_way!() | Question::Estimate => None,
        }
    }

    /// The button answer typed text names, read forgivingly (see
    /// [`choices::read_button`]); None for a question without buttons.
    /// A yes/no question reads the yes/no words and its own (a set named
    /// by its id: "i went to the ER" is a yes to "emergency").
    pub fn read_typed(
        self,
        typed: &str,
        content: &Content,
        words: &Words,
    ) -> Option<Result<Reading<&'static str>, NotRead>> {
        let sets: &[&str] = match self {
            Question::Sender => &["sender"],
            Question::Coverage => &["coverage"],
            Question::MedicareKind => &["medicare_kind"],
            Question::Claim => &["claim"],
            Question::Estimate => &["estimate"],
            Question::Nonprofit
            | Question::InNetworkFacility
            | Question::Qmb
            | Question::Emergency
            | Question::InCollections
            | Question::HasItemized => &["yes_no_not_sure", self.id()],
            without_buttons!() => return None,
        };
        Some(choices::read_button(&self.options(), sets, typed, content, words))
    }

    /// The amount this question holds, for amount questions.
    pub fn amount(self, bill: &Bill) -> Option<Decimal> {
        match self {
            Question::AmountDue => bill.amount_due,
            Question::Estimate => match bill.estimate {
                Some(Estimate::Amount(amount)) => Some(amount),
                _ => None,
            },
            Question::EobBilled => bill.eob.billed,
            Question::EobAllowed => bill.eob.allowed,
            Question::EobPlanPaid => bill.eob.plan_paid,
            Question::EobYourShare => bill.eob.your_share,
            Question::YearlyIncome => bill.yearly_income,
            Question::LumpSum => bill.lump_sum,
            Question::Monthly => bill.monthly,
            not_an_amount!() => None,
        }
    }

    /// The figure read from a photo or PDF of the EOB for this question,
    /// waiting to be confirmed.
    pub fn eob_read(self, bill: &Bill) -> Option<Decimal> {
        let mut read = bill.eob_read.clone();
        self.eob_read_slot(&mut read).and_then(|slot| *slot)
    }

    /// This question's place among EOB figures, for an EOB question.
    pub fn eob_read_slot(self, figures: &mut EobFigures) -> Option<&mut Option<Decimal>> {
        match self {
            Question::EobBilled => Some(&mut figures.billed),
            Question::EobAllowed => Some(&mut figures.allowed),
            Question::EobPlanPaid => Some(&mut figures.plan_paid),
            Question::EobYourShare => Some(&mut figures.your_share),
            Question::AmountDue
            | Question::Estimate
            | Question::YearlyIncome
            | Question::LumpSum
            | Question::Monthly
            | not_an_amount!() => None,
        }
    }

    /// Records a typed amount; false for a question that takes none.
    pub fn set_amount(self, bill: &mut Bill, amount: Decimal) -> bool {
        let slot = match self {
            Question::AmountDue => &mut bill.amount_due,
            Question::Estimate => {
                bill.estimate = Some(Estimate::Amount(amount));
                return true;
            }
            Question::EobBilled => &mut bill.eob.billed,
            Question::EobAllowed => &mut bill.eob.allowed,
            Question::EobPlanPaid => &mut bill.eob.plan_paid,
            Question::EobYourShare => &mut bill.eob.your_share,
            Question::YearlyIncome => &mut bill.yearly_income,
            Question::LumpSum => &mut bill.lump_sum,
            Question::Monthly => &mut bill.monthly,
            not_an_amount!() => return false,
        };
        *slot = Some(amount);
        true
    }

    /// The date this question holds, for date questions.
    pub fn date(self, bill: &Bill) -> Option<NaiveDate> {
        match self {
            Question::DenialDate => bill.denial_date,
            Question::ServiceDate => bill.service_date,
            Question::FirstBillDate => bill.first_bill_date,
            Question::CollectionsNoticeDate => bill.collections_notice_date,
            Question::CollectorLetterDate => bill.collector_letter_date,
            Question::DischargeDate => bill.discharge_date,
            not_a_date!() => None,
        }
    }

    /// Records a date; false for a question that takes none.
    pub fn set_date(self, bill: &mut Bill, date: NaiveDate) -> bool {
        let slot = match self {
            Question::DenialDate => &mut bill.denial_date,
            Question::ServiceDate => &mut bill.service_date,
            Question::FirstBillDate => &mut bill.first_bill_date,
            Question::CollectionsNoticeDate => &mut bill.collections_notice_date,
            Question::CollectorLetterDate => &mut bill.collector_letter_date,
            Question::DischargeDate => &mut bill.discharge_date,
            not_a_date!() => return false,
        };
        *slot = Some(date);
        true
    }

    /// The answer given so far, in words (`None` when unanswered or skipped).
    pub fn current_answer(self, bill: &Bill, content: &Content, today: NaiveDate) -> Option<String> {
        fn label<T: Copy + PartialEq>(table: &[Choice<T>], value: Option<T>, content: &Content) -> Option<String> {
            value
                .and_then(|v| choices::label_of(table, v))
                .map(|k| content.plain(k))
        }
        match self {
            Question::Sender => label(&choices::SENDERS, bill.sender, content),
            Question::Nonprofit => label(&choices::YES_NO_NOT_SURE, bill.nonprofit, content),
            Question::InNetworkFacility => label(&choices::YES_NO_NOT_SURE, bill.in_network_facility, content),
            Question::Coverage => label(&choices::COVERAGES, bill.coverage, content),
            Question::MedicareKind => label(&choices::MEDICARE_KINDS, bill.medicare, content),
            Question::Qmb => label(&choices::YES_NO_NOT_SURE, bill.qmb, content),
            Question::Emergency => label(&choices::YES_NO, bill.emergency, content),
            Question::Claim => label(&choices::CLAIM_STATUSES, bill.claim, content),
            Question::InCollections => label(&choices::YES_NO, bill.in_collections, content),
            Question::HasItemized => label(&choices::YES_NO, bill.has_itemized, content),
            Question::Estimate if bill.estimate == Some(Estimate::NotReceived) => {
                Some(content.plain(keys::ESTIMATE_NONE))
            }
            Question::DenialDate
            | Question::ServiceDate
            | Question::FirstBillDate
            | Question::CollectionsNoticeDate
            | Question::CollectorLetterDate => self.date(bill).map(|d| content.date(d, today)),
            Question::HouseholdSize => bill.household_size.map(|n| n.to_string()),
            Question::UsState => bill.state.as_deref().and_then(us_states::name).map(String::from),
            Question::LineItems => bill.items_confirmed.then(|| {
                let count = bill.items.len().to_string();
                let total = Usd(bill.items_total()).to_string();
                let total = ("total", crate::content::Fill::Text(&total));
                match bill.items.len() {
                    1 => content.render(keys::ITEMS_COUNT_ONE, &[total]),
                    _ => content.render(
                        keys::ITEMS_COUNT,
                        &[("count", crate::content::Fill::Text(&count)), total],
                    ),
                }
                .to_plain()
            }),
            Question::NotReceived => bill.not_received_done.then(|| {
                if bill.not_received.is_empty() {
                    content.plain(keys::NOT_RECEIVED_NONE)
                } else {
                    // "line 10", "lines 3, 5": numbers of lines, not a count.
                    let numbers = bill
                        .not_received
                        .iter()
                        .map(|i| (i + 1).to_string())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let key = match bill.not_received.len() {
                        1 => keys::NOT_RECEIVED_LINES_ONE,
                        _ => keys::NOT_RECEIVED_LINES_OTHER,
                    };
                    content
                        .render(key, &[("numbers", crate::content::Fill::Text(&numbers))])
                        .to_plain()
                }
            }),
            Question::DischargeDate
            | Question::AmountDue
            | Question::Estimate
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare
            | Question::YearlyIncome
            | Question::LumpSum
            | Question::Monthly => self.amount(bill).map(|a| Usd(a).to_string()),
        }
    }
}

/// The questions that apply to this bill, in order.
pub fn applicable(bill: &Bill) -> Vec<Question> {
    Question::ORDER.into_iter().filter(|q| q.applies(bill)).collect()
}

/// The first question that applies and has no answer yet.
pub fn first_unanswered(bill: &Bill) -> Option<Question> {
    applicable(bill).into_iter().find(|q| !q.is_answered(bill))
}

/// The question asked after `question`, if any.
pub fn next_after(question: Question, bill: &Bill) -> Option<Question> {
    let at = Question::ORDER.iter().position(|q| *q == question)?;
    Question::ORDER[at + 1..].iter().copied().find(|q| q.applies(bill))
}

/// The question asked before `question`, if any.
pub fn previous(question: Question, bill: &Bill) -> Option<Question> {
    let at = Question::ORDER.iter().position(|q| *q == question)?;
    Question::ORDER[..at].iter().rev().copied().find(|q| q.applies(bill))
}

/// The last question that applies (where `/back` from the summary goes).
pub fn last(bill: &Bill) -> Option<Question> {
    applicable(bill).last().copied()
}

/// The parts of the review, in the order they are asked. Progress is
/// shown as "Part 2 of 4": answers add and remove questions, never parts,
/// so the finish line does not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Who sent it, the coverage, the kind of care.
    Bill,
    /// When the care was, what is owed, collections.
    Dates,
    /// The itemized lines and the insurer's figures.
    Charges,
    /// Household, income and state, for financial help and an offer.
    You,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Bill, Part::Dates, Part::Charges, Part::You];

    /// Its name above each of its questions.
    pub fn name(self) -> Key {
        match self {
            Part::Bill => keys::REVIEW_PART_BILL,
            Part::Dates => keys::REVIEW_PART_DATES,
            Part::Charges => keys::REVIEW_PART_CHARGES,
            Part::You => keys::REVIEW_PART_YOU,
        }
    }

    /// "Part `n` of `total`", from 1.
    pub fn progress(self) -> (usize, usize) {
        let at = Part::ALL.iter().position(|part| *part == self).unwrap_or(0);
        (at + 1, Part::ALL.len())
    }
}

impl Question {
    /// The part of the review the question is asked in (the discharge
    /// date comes once the items show a stay).
    pub fn part(self) -> Part {
        match self {
            Question::Sender
            | Question::Nonprofit
            | Question::Coverage
            | Question::MedicareKind
            | Question::Qmb
            | Question::Emergency
            | Question::InNetworkFacility
            | Question::Claim => Part::Bill,
            Question::ServiceDate
            | Question::DenialDate
            | Question::FirstBillDate
            | Question::AmountDue
            | Question::InCollections
            | Question::CollectionsNoticeDate
            | Question::CollectorLetterDate
            | Question::Estimate => Part::Dates,
            Question::HasItemized
            | Question::LineItems
            | Question::NotReceived
            | Question::DischargeDate
            | Question::EobBilled
            | Question::EobAllowed
            | Question::EobPlanPaid
            | Question::EobYourShare => Part::Charges,
            Question::HouseholdSize
            | Question::YearlyIncome
            | Question::UsState
            | Question::LumpSum
            | Question::Monthly => Part::You,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn original_medicare_is_asked_about_its_medicare_summary_notice() {
        use crate::domain::bill::MedicareKind;
        let original = Bill {
            coverage: Some(Coverage::Medicare),
            medicare: Some(MedicareKind::Original),
            ..Bill::default()
        };
        let insured = Bill {
            coverage: Some(Coverage::InNetwork),
            ..Bill::default()
        };
        for (q, msn) in [
            (Question::Claim, keys::MSN_CLAIM_PROMPT),
            (Question::DenialDate, keys::MSN_DENIAL_DATE_PROMPT),
            (Question::EobBilled, keys::MSN_BILLED_PROMPT),
            (Question::EobYourShare, keys::MSN_YOUR_SHARE_PROMPT),
        ] {
            assert_eq!(q.prompt_for(&original), msn, "{q:?}");
            assert_eq!(q.prompt_for(&insured), q.prompt(), "{q:?}");
        }
    }

    #[test]
    fn medicare_of_a_kind_not_known_is_asked_about_medicare_or_the_plan() {
        use crate::domain::bill::MedicareKind;
        let not_sure = Bill {
            coverage: Some(Coverage::Medicare),
            medicare: Some(MedicareKind::NotSure),
            ..Bill::default()
        };
        assert_eq!(
            Question::Claim.prompt_for(&not_sure),
            keys::MEDICARE_OR_PLAN_CLAIM_PROMPT
        );
        assert_eq!(
            Question::DenialDate.prompt_for(&not_sure),
            keys::MEDICARE_OR_PLAN_DENIAL_DATE_PROMPT
        );
        assert_eq!(
            Question::EobBilled.prompt_for(&not_sure),
            keys::MEDICARE_OR_PLAN_BILLED_PROMPT
        );
    }

    #[test]
    fn ids_round_trip_and_are_unique() {
        for q in Question::ORDER {
            assert_eq!(Question::from_id(q.id()), Some(q));
        }
    }

    #[test]
    fn only_questions_that_apply_are_asked() {
        let mut bill = Bill::default();
        let asked = applicable(&bill);
        assert!(!asked.contains(&Question::Nonprofit));
        assert!(!asked.contains(&Question::Estimate));
        assert!(!asked.contains(&Question::EobBilled));

        bill.sender = Some(BillSender::Hospital);
        bill.coverage = Some(Coverage::SelfPay);
        let asked = applicable(&bill);
        assert!(asked.contains(&Question::Nonprofit));
        assert!(asked.contains(&Question::Estimate));
        assert!(!asked.contains(&Question::Claim), "no claim without insurance");

        bill.coverage = Some(Coverage::InNetwork);
        bill.claim = Some(ClaimStatus::Denied);
        bill.in_collections = Some(true);
        bill.has_itemized = Some(true);
        let asked = applicable(&bill);
        assert!(asked.contains(&Question::EobYourShare));
        assert!(asked.contains(&Question::CollectorLetterDate));
        assert!(asked.contains(&Question::LineItems));
        assert!(!asked.contains(&Question::NotReceived), "nothing to mark without items");
        assert!(!asked.contains(&Question::DischargeDate), "no stay without room nights");
    }

    #[test]
    fn a_hospital_stay_asks_the_discharge_date_which_is_optional() {
        let room = |revenue: Option<&str>, description: &str| crate::domain::line_items::LineItem {
            date: None,
            revenue_code: revenue.map(str::to_string),
            code: None,
            modifiers: Vec::new(),
            description: description.to_string(),
            units: 2,
            amount: Decimal::from(4000),
        };
        let mut bill = Bill {
            has_itemized: Some(true),
            items: vec![room(Some("0120"), "ROOM SEMI-PRIVATE")],
            ..Bill::default()
        };
        assert!(applicable(&bill).contains(&Question::DischargeDate));
        assert!(Question::DischargeDate.is_optional());
        assert_eq!(Question::DischargeDate.answer_kind(), AnswerKind::Date);
        // A room line printed without a code, recognised by its words.
        bill.items = vec![room(None, "Room & board, semi-private")];
        assert!(applicable(&bill).contains(&Question::DischargeDate));
        let went_home = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        assert!(Question::DischargeDate.set_date(&mut bill, went_home));
        assert_eq!(bill.discharge_date, Some(went_home));
        assert!(Question::DischargeDate.is_answered(&bill));
        // An ER visit sent home: not asked.
        bill.items = vec![room(Some("0450"), "ER VISIT")];
        assert!(!applicable(&bill).contains(&Question::DischargeDate));
    }

    #[test]
    fn parts_come_in_the_order_questions_are_asked() {
        // Asked in order, a review never goes back a part, except the
        // discharge date, asked once the items show a stay.
        let parts: Vec<Part> = Question::ORDER
            .into_iter()
            .filter(|q| *q != Question::DischargeDate)
            .map(Question::part)
            .collect();
        assert!(parts.windows(2).all(|pair| {
            let at = |part| Part::ALL.iter().position(|each| *each == part);
            at(pair[0]) <= at(pair[1])
        }));
        assert_eq!(Question::Sender.part().progress(), (1, 4));
        assert_eq!(Question::Monthly.part().progress(), (4, 4));
    }

    #[test]
    fn the_questions_around_one_follow_what_applies() {
        let mut bill = Bill {
            sender: Some(BillSender::Hospital),
            ..Bill::default()
        };
        assert_eq!(previous(Question::Coverage, &bill), Some(Question::Nonprofit));
        bill.sender = Some(BillSender::Lab);
        assert_eq!(previous(Question::Coverage, &bill), Some(Question::Sender));
        assert_eq!(next_after(Question::Sender, &bill), Some(Question::Coverage));
    }

    #[test]
    fn skipped_questions_count_as_answered() {
        let mut bill = Bill::default();
        assert!(!Question::UsState.is_answered(&bill));
        bill.skipped.insert(Question::UsState.id().to_string());
        assert!(Question::UsState.is_answered(&bill));
    }
}
