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
pub fn audit(bill: &Bill, reference: &Reference, today: NaiveDate) -> Audit {
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
/// each line item, and of the bill as a whole (the larger of the items'
/// total and the amount due), so the findings never add up to more than
/// the bill.
struct Ledger {
    /// What is left of each line item, by index.
    items: Vec<Decimal>,
    bill: Decimal,
}

impl Ledger {
    fn new(bill: &Bill) -> Ledger {
        let items = bill.items.iter().map(|item| item.amount.max(Decimal::ZERO)).collect();
        let whole = bill
            .items_total()
            .max(bill.amount_due.unwrap_or_default())
            .max(Decimal::ZERO);
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
