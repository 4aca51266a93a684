//! The bill audit: findings with the dollars at stake, most money first.
//!
//! [`audit`] runs every rule over a bill and the reference data. Each rule
//! lives in its own file and proposes findings; this module then settles
//! the money so that no dollar is counted twice (a line that is both a
//! duplicate and "not received" is at stake once, under the surer finding),
//! and orders the findings. A clean bill gives no findings, honestly.
//!
//! Rules are grouped by what they look at:
//! - [`coding`]: the codes and lines themselves (duplicates, codes that do
//!   not exist, modifiers, unbundling, units);
//! - [`visit`]: the visit and the money around it (ER level, trauma and
//!   facility fees, dates, services not received, insurance figures, No
//!   Surprises Act, prices against Medicare, financial assistance, the
//!   missing itemized bill).

pub mod by_words;
pub mod coding;
pub mod visit;

use super::bill::Bill;
use super::reference::Reference;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    /// A plain error (the same line twice, a code that does not exist).
    Certain,
    /// Very probably an error, but the provider may have a reason.
    Likely,
    /// Worth a question: often fine, sometimes not.
    WorthAsking,
}

/// What kind of problem, with the facts the explanation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    Coding(coding::CodingIssue),
    Visit(visit::VisitIssue),
}

impl FindingKind {
    /// A stable short name ("duplicate", "over_estimate"), used by the
    /// golden corpus and for the dialogue keys.
    pub fn id(&self) -> &'static str {
        match self {
            FindingKind::Coding(issue) => issue.id(),
            FindingKind::Visit(issue) => issue.id(),
        }
    }
}

impl FindingKind {
    /// The finding questions the billing codes themselves (a coding rule,
    /// the ER level, a trauma activation): what the visit notes can settle,
    /// so only then may a script ask to check the notes against the codes.
    pub fn questions_codes(&self) -> bool {
        match self {
            FindingKind::Coding(_) => true,
            FindingKind::Visit(issue) => matches!(
                issue,
                visit::VisitIssue::ErLevel { .. } | visit::VisitIssue::TraumaActivation { .. }
            ),
        }
    }
}

/// One thing to question on the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// The line items it concerns (0-based), if any.
    pub items: Vec<usize>,
    /// The dollars this finding could take off the bill, after settling
    /// (never counted in another finding too).
    pub at_stake: Decimal,
    pub certainty: Certainty,
}

/// A finding as a rule proposes it, before the money is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub kind: FindingKind,
    pub items: Vec<usize>,
    pub certainty: Certainty,
    pub stake: Stake,
}

/// Where a finding's dollars come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stake {
    /// The whole amount of these line items (0-based).
    Items(Vec<usize>),
    /// Part of one line item's amount (e.g. a price above a fair target).
    PartOfItem { item: usize, amount: Decimal },
    /// An amount not tied to line items (e.g. the bill above the EOB).
    Amount(Decimal),
    /// Nothing to count: a question or a step to take.
    Nothing,
}

/// A line's price against Medicare, for the report and the offer
/// calculator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceCheck {
    pub item: usize,
    /// Medicare's national rate for the code.
    pub medicare: Decimal,
    /// The charge per unit divided by the Medicare rate (e.g. 4.2).
    pub multiple: Decimal,
    /// A fair price to aim for (all units).
    pub target: Decimal,
}

/// The audit of one bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// Most money first; at equal money, surer first.
    pub findings: Vec<Finding>,
    pub prices: Vec<PriceCheck>,
}

impl Audit {
    /// The dollars at stake over all findings.
    pub fn total_at_stake(&self) -> Decimal {
        self.findings.iter().map(|f| f.at_stake).sum()
    }
}

/// Audits a bill. `today` dates the checks that depend on it (deleted
/// codes, deadlines).
///
/// Lines printed without codes are first read by their words as their coded
/// twins ([`by_words`]), so the same rules apply to them.
pub fn audit(bill: &Bill, reference: &Reference, today: NaiveDate) -> Audit {
    let read = by_words::read_by_words(bill, reference);
    let bill = read.as_ref();
    let mut proposals = coding::propose(bill, reference, today);
    proposals.extend(visit::propose(bill, reference, today));
    let prices = visit::price_checks(bill, reference);
    Audit {
        findings: settle(bill, proposals),
        prices,
    }
}

/// Turns proposals into findings whose dollars add up: each line item's
/// amount (and the bill's balance for amounts not tied to items) is counted
/// once, by the surest and then largest finding that claims it.
pub fn settle(bill: &Bill, mut proposals: Vec<Proposal>) -> Vec<Finding> {
    proposals.sort_by_cached_key(|p| (p.certainty, std::cmp::Reverse(raw(bill, &p.stake))));
    let mut ledger = Ledger::new(bill);
    let mut findings: Vec<Finding> = proposals
        .into_iter()
        .map(|proposal| {
            let at_stake = match &proposal.stake {
                Stake::Items(items) => items
                    .iter()
                    .map(|&i| ledger.take_item(i, bill.items.get(i).map_or(Decimal::ZERO, |item| item.amount)))
                    .sum(),
                Stake::PartOfItem { item, amount } => ledger.take_item(*item, *amount),
                Stake::Amount(amount) => ledger.take_amount(*amount),
                Stake::Nothing => Decimal::ZERO,
            };
            Finding {
                kind: proposal.kind,
                items: proposal.items,
                at_stake,
                certainty: proposal.certainty,
            }
        })
        .collect();
    findings.sort_by(|a, b| b.at_stake.cmp(&a.at_stake).then(a.certainty.cmp(&b.certainty)));
    findings
}

/// The money still unclaimed while findings are settled: what is left of
/// each line item, and of the bill as a whole (what the patient is asked to
/// pay: the amount due, else the items' total), so the findings never add
/// up to more than the patient could save.
struct Ledger {
    /// What is left of each line item, by index.
    items: Vec<Decimal>,
    bill: Decimal,
}

impl Ledger {
    /// The whole-bill budget is capped at what the patient can save: for an
    /// insured patient with the EOB's figures, the share they are asked to
    /// pay (the amount due, else the EOB's "your share"), never the gross
    /// charges the insurer already cut down.
    fn new(bill: &Bill) -> Ledger {
        let items = bill.items.iter().map(|item| item.amount.max(Decimal::ZERO)).collect();
        // Lines already paid or adjusted are no saving: at most what is due.
        let whole = bill.amount_due.unwrap_or_else(|| bill.items_total()).max(Decimal::ZERO);
        let whole = match patient_share(bill) {
            Some(share) => whole.min(share.max(Decimal::ZERO)),
            None => whole,
        };
        Ledger { items, bill: whole }
    }

    /// Claims up to `wanted` of one line item.
    fn take_item(&mut self, item: usize, wanted: Decimal) -> Decimal {
        let Some(left) = self.items.get_mut(item) else {
            return Decimal::ZERO;
        };
        let taken = (*left).min(wanted.max(Decimal::ZERO)).min(self.bill);
        *left -= taken;
        self.bill -= taken;
        taken
    }

    /// Claims up to `wanted` of the bill as a whole.
    fn take_amount(&mut self, wanted: Decimal) -> Decimal {
        let taken = wanted.max(Decimal::ZERO).min(self.bill);
        self.bill -= taken;
        taken
    }
}

/// What an insured patient is asked to pay when the EOB's figures are in:
/// the bill's amount due, else the EOB's "your share". `None` for a
/// self-pay patient or without EOB figures (the charges are what they owe).
pub fn patient_share(bill: &Bill) -> Option<Decimal> {
    let insured = bill.coverage.is_some_and(super::bill::Coverage::is_insured);
    let share = bill.eob.your_share?;
    insured.then(|| bill.amount_due.unwrap_or(share))
}

/// What a stake would be before settling, for ordering.
fn raw(bill: &Bill, stake: &Stake) -> Decimal {
    match stake {
        Stake::Items(items) => items
            .iter()
            .filter_map(|&i| bill.items.get(i))
            .map(|item| item.amount)
            .sum(),
        Stake::PartOfItem { amount, .. } | Stake::Amount(amount) => *amount,
        Stake::Nothing => Decimal::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bill::{ClaimStatus, Coverage, EobFigures};
    use crate::domain::line_items::LineItem;

    fn line(amount: i64) -> LineItem {
        LineItem {
            date: None,
            revenue_code: None,
            code: None,
            modifiers: Vec::new(),
            description: String::new(),
            units: 1,
            amount: Decimal::from(amount),
        }
    }

    fn whole_lines(items: Vec<usize>) -> Proposal {
        Proposal {
            kind: FindingKind::Visit(visit::VisitIssue::NotReceived { amount: Decimal::ZERO }),
            items: items.clone(),
            certainty: Certainty::Likely,
            stake: Stake::Items(items),
        }
    }

    #[test]
    fn an_insured_patient_can_save_at_most_their_share() {
        // A $250 office visit, the plan paid, a $60 balance: $60 at stake.
        let mut bill = Bill {
            items: vec![line(250), line(40)],
            coverage: Some(Coverage::InNetwork),
            claim: Some(ClaimStatus::PaidPart),
            amount_due: Some(Decimal::from(60)),
            eob: EobFigures {
                your_share: Some(Decimal::from(60)),
                ..EobFigures::default()
            },
            ..Bill::default()
        };
        let found = settle(&bill, vec![whole_lines(vec![0]), whole_lines(vec![1])]);
        assert_eq!(found.iter().map(|f| f.at_stake).sum::<Decimal>(), Decimal::from(60));
        assert!(found.iter().all(|f| f.at_stake <= Decimal::from(60)));
        // Without the EOB's figures the charges count, but never beyond
        // the amount due: that is all the patient could save.
        bill.eob.your_share = None;
        let found = settle(&bill, vec![whole_lines(vec![0])]);
        assert_eq!(found[0].at_stake, Decimal::from(60));
        bill.amount_due = None;
        let found = settle(&bill, vec![whole_lines(vec![0])]);
        assert_eq!(found[0].at_stake, Decimal::from(250));
        bill.eob.your_share = Some(Decimal::from(60));
        bill.coverage = Some(Coverage::SelfPay);
        assert_eq!(patient_share(&bill), None);
    }
}
