//! What to offer and where to stop: the figures behind the 💵 Offer
//! message.
//!
//! - [`collections_offer`]: a lump-sum settlement with a collector, opening
//!   at 30% of the balance and stopping at 50%.
//! - [`lump_sum_ask`]: a discount to ask a provider for paying at once,
//!   30–60% off for self-pay patients, 10–20% (prompt pay) otherwise, with a
//!   fair price from the audit's Medicare-based targets when every line has
//!   one.
//! - [`payment_plan`] and [`equal_payments`]: an interest-free schedule
//!   whose payments add up to the balance exactly, to the cent.
//! - [`offers`]: all of the above for one bill, as the message shows it.
//!
//! Sources (`shared/design/domain-facts.md` §B and the seed guide
//! `shared/seed/how-to-negotiate-medical-bills.txt`):
//! - collectors: "start by offering 30-50% of the total balance" (seed);
//!   "typically 20–60% of the balance (30–50% is the usual quote). Get the
//!   terms in writing before paying" (B, [S]);
//! - self-pay: "a self-pay discount … can sometimes cut costs by 30-60%"
//!   (seed); "commonly 30–60% off gross charges … A prompt-pay discount may
//!   add 10–20%" (B, [S]);
//! - a fair price: "hospitals often accept 10–30% above Medicare" (B, [S],
//!   a heuristic), which is how the audit sets each line's target.
//!
//! Everything is [`Decimal`] rounded to cents, half away from zero; nothing
//! here reads the clock (dates are passed in) or holds words (the words are
//! in `dialogues/en/offers.toml`).

use super::audit::PriceCheck;
use super::bill::{Bill, BillSender, Coverage};
use super::money::MAX_AMOUNT;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Seed and B: open a collector settlement at 30% of the balance.
pub const COLLECTIONS_OPENING_PCT: u32 = 30;
/// Seed and B: settle with a collector by 50% of the balance at most.
pub const COLLECTIONS_WALK_AWAY_PCT: u32 = 50;
/// Seed and B: the self-pay discount is commonly 30–60% off.
pub const SELF_PAY_DISCOUNT_PCT: (u32, u32) = (30, 60);
/// B: a prompt-pay discount "may add 10–20%"; the ask for insured patients
/// (whose share is already a negotiated price).
pub const PROMPT_PAY_DISCOUNT_PCT: (u32, u32) = (10, 20);
/// Our rule of thumb, not a sourced figure: a plan longer than this many
/// months is worth checking with the office before counting on it. (The
/// only sourced length is Colorado's: the rest is forgiven after 36
/// payments under Hospital Discounted Care, domain-facts A8.)
pub const USUAL_PLAN_MONTHS: u32 = 12;
/// A plan longer than this (10 years) is not a plan worth proposing: the
/// user needs financial help or a lower balance first.
pub const MAX_PLAN_MONTHS: u32 = 120;

/// A settlement to offer a collector: open at [`Self::opening`], go no
/// higher than [`Self::walk_away`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectionsOffer {
    /// The balance the collector asks for, in cents (never negative).
    pub balance: Decimal,
    pub opening_pct: u32,
    /// [`COLLECTIONS_OPENING_PCT`] of the balance.
    pub opening: Decimal,
    pub walk_away_pct: u32,
    /// [`COLLECTIONS_WALK_AWAY_PCT`] of the balance: the most to pay.
    pub walk_away: Decimal,
}

impl CollectionsOffer {
    /// Where an amount the user can pay at once stands against the offer.
    pub fn fit(&self, amount: Decimal) -> Fit {
        Fit::of(amount, self.opening, self.walk_away)
    }
}

/// The settlement figures for a collector's balance (a negative balance
/// counts as zero). Always `opening ≤ walk_away ≤ balance`.
pub fn collections_offer(balance: Decimal) -> CollectionsOffer {
    let balance = cents(balance.max(Decimal::ZERO));
    CollectionsOffer {
        balance,
        opening_pct: COLLECTIONS_OPENING_PCT,
        opening: percent_of(balance, COLLECTIONS_OPENING_PCT),
        walk_away_pct: COLLECTIONS_WALK_AWAY_PCT,
        walk_away: percent_of(balance, COLLECTIONS_WALK_AWAY_PCT),
    }
}

/// Which discount figures apply, so the words can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountBasis {
    /// Uninsured (self-pay): the self-pay discount, 30–60% off.
    SelfPay,
    /// Insured, or coverage not known: a prompt-pay discount, 10–20% off.
    PromptPay,
}

/// Where an amount the user can pay at once stands against a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Less than the low end: offer it, and ask about help for the rest.
    Below,
    /// Inside the range: a fair offer as it is.
    Within,
    /// More than the high end: do not offer it all.
    Above,
}

impl Fit {
    fn of(amount: Decimal, low: Decimal, high: Decimal) -> Fit {
        if amount < low {
            Fit::Below
        } else if amount > high {
            Fit::Above
        } else {
            Fit::Within
        }
    }
}

/// A discount to ask a provider for paying the balance at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LumpSumAsk {
    pub balance: Decimal,
    pub basis: DiscountBasis,
    /// The smaller discount, in percent (30 self-pay, 10 prompt pay).
    pub low_discount_pct: u32,
    /// The larger discount, in percent (60 self-pay, 20 prompt pay).
    pub high_discount_pct: u32,
    /// The balance less the larger discount: the low end of the ask.
    pub ask_low: Decimal,
    /// The balance less the smaller discount: the high end of the ask.
    pub ask_high: Decimal,
    /// Self-pay only: the balance with every line brought down to the
    /// audit's fair target (Medicare + 30%) and lines not received taken
    /// off, when every charged line has a Medicare rate and that comes to
    /// less than [`Self::ask_high`] (otherwise the discount is the better
    /// ask).
    pub fair_target: Option<Decimal>,
    /// What the user said they could pay at once.
    pub user_can_pay: Option<Decimal>,
}

impl LumpSumAsk {
    /// Where what the user can pay at once stands against the ask.
    pub fn fit(&self) -> Option<Fit> {
        self.user_can_pay
            .map(|amount| Fit::of(amount, self.ask_low, self.ask_high))
    }
}

/// The bill is with a collector.
pub fn in_collections(bill: &Bill) -> bool {
    bill.sender == Some(BillSender::CollectionsAgency) || bill.in_collections == Some(true)
}

/// What is owed, in cents: the amount due, or for a self-pay bill without
/// one, the total of the line items. `None` when nothing positive is known.
pub fn balance(bill: &Bill) -> Option<Decimal> {
    let positive = |amount: Decimal| (amount > Decimal::ZERO).then(|| cents(amount));
    match bill.amount_due {
        Some(due) => positive(due),
        None if bill.coverage == Some(Coverage::SelfPay) => positive(bill.items_total()),
        None => None,
    }
}

/// The discount to ask a provider for when paying at once; `None` for a
/// bill with a collector (see [`collections_offer`]) or without a balance.
/// `prices` are the audit's price checks (`audit::audit(..).prices`).
pub fn lump_sum_ask(bill: &Bill, prices: &[PriceCheck]) -> Option<LumpSumAsk> {
    lump_sum_ask_from(bill, balance(bill)?, prices)
}

/// The same, starting from `balance` (what the patient should really owe,
/// which may be less than the bill; the Medicare-based fair price is only
/// worked out when it is the bill's own balance).
pub fn lump_sum_ask_from(bill: &Bill, balance: Decimal, prices: &[PriceCheck]) -> Option<LumpSumAsk> {
    if in_collections(bill) || balance <= Decimal::ZERO {
        return None;
    }
    let balance = cents(balance);
    let own_balance = super::offers::balance(bill) == Some(balance);
    let basis = match bill.coverage {
        Some(Coverage::SelfPay) => DiscountBasis::SelfPay,
        _ => DiscountBasis::PromptPay,
    };
    let (low, high) = match basis {
        DiscountBasis::SelfPay => SELF_PAY_DISCOUNT_PCT,
        DiscountBasis::PromptPay => PROMPT_PAY_DISCOUNT_PCT,
    };
    let ask_high = balance - percent_of(balance, low);
    Some(LumpSumAsk {
        balance,
        basis,
        low_discount_pct: low,
        high_discount_pct: high,
        ask_low: balance - percent_of(balance, high),
        ask_high,
        fair_target: match basis {
            DiscountBasis::SelfPay if own_balance => {
                fair_target(bill, prices, balance).filter(|target| *target < ask_high)
            }
            DiscountBasis::SelfPay => None,
            DiscountBasis::PromptPay => None,
        },
        user_can_pay: bill.lump_sum.filter(|amount| *amount > Decimal::ZERO).map(cents),
    })
}

/// The balance less what every line charges above its fair target and
/// less the lines not received; `None` unless every other charged line has
/// a target and the result is between zero and the balance.
fn fair_target(bill: &Bill, prices: &[PriceCheck], balance: Decimal) -> Option<Decimal> {
    let mut above_fair = Decimal::ZERO;
    let mut charged = 0;
    for (index, item) in bill.items.iter().enumerate() {
        if item.amount <= Decimal::ZERO {
            continue;
        }
        charged += 1;
        if bill.not_received.contains(&index) {
            above_fair += item.amount;
            continue;
        }
        let check = prices.iter().find(|check| check.item == index)?;
        above_fair += (item.amount - check.target).max(Decimal::ZERO);
    }
    let target = cents(balance - above_fair);
    (charged > 0 && target > Decimal::ZERO && target < balance).then_some(target)
}

/// One payment of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// 1 for the first payment.
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Decimal,
}

/// An interest-free payment plan. Its payments add up to the balance
/// exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPlan {
    pub balance: Decimal,
    /// The regular payment (the first one).
    pub monthly: Decimal,
    pub payments: Vec<Payment>,
    pub months: u32,
    /// Longer than [`USUAL_PLAN_MONTHS`] (our rule of thumb): worth asking
    /// whether the office accepts it.
    pub too_long: bool,
}

impl PaymentPlan {
    /// The last payment's amount.
    pub fn last(&self) -> Decimal {
        self.payments.last().map_or(Decimal::ZERO, |payment| payment.amount)
    }

    /// The day the plan is paid off.
    pub fn last_due(&self) -> Option<NaiveDate> {
        self.payments.last().map(|payment| payment.due)
    }
}

/// Why no plan could be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanError {
    /// The balance is zero or negative (after rounding to cents).
    NoBalance,
    /// The monthly amount is zero or negative (after rounding to cents).
    NoMonthly,
    /// The monthly amount is more than the balance: pay it at once.
    MonthlyCoversBalance,
    /// Zero months asked for.
    NoMonths,
    /// The plan would take this many months, more than [`MAX_PLAN_MONTHS`].
    TooManyMonths { months: u32 },
    /// Fewer cents than payments: some payments would be $0.00.
    LessThanACentEach,
    /// A balance or monthly amount above [`MAX_AMOUNT`].
    TooLarge,
    /// A due date beyond what the calendar handles.
    DateOutOfRange,
}

/// A plan paying `monthly` each month from `first_due` until the balance
/// is paid: every payment is `monthly` except the last, which is what
/// remains (more than zero, at most `monthly`), so the payments add up to
/// the balance to the cent. Both amounts are rounded to cents first.
pub fn payment_plan(balance: Decimal, monthly: Decimal, first_due: NaiveDate) -> Result<PaymentPlan, PlanError> {
    let balance = cents(balance);
    let monthly = cents(monthly);
    if balance <= Decimal::ZERO {
        return Err(PlanError::NoBalance);
    }
    if monthly <= Decimal::ZERO {
        return Err(PlanError::NoMonthly);
    }
    if monthly > balance {
        return Err(PlanError::MonthlyCoversBalance);
    }
    let (balance_cents, monthly_cents) = (to_cents(balance)?, to_cents(monthly)?);
    let months = balance_cents.div_ceil(monthly_cents);
    let months = match u32::try_from(months) {
        Ok(months) if months <= MAX_PLAN_MONTHS => months,
        _ => {
            let months = u32::try_from(months).unwrap_or(u32::MAX);
            return Err(PlanError::TooManyMonths { months });
        }
    };
    let last = balance - monthly * Decimal::from(months - 1);
    let amounts = (1..=months).map(|number| if number == months { last } else { monthly });
    schedule(balance, amounts, first_due)
}

/// A plan of `months` payments as equal as cents allow: they differ by at
/// most one cent and add up to the balance exactly. The first payments are
/// the balance divided by `months`, rounded down to the cent; the last ones
/// absorb the cents left over, one cent each.
pub fn equal_payments(balance: Decimal, months: u32, first_due: NaiveDate) -> Result<PaymentPlan, PlanError> {
    let balance = cents(balance);
    if balance <= Decimal::ZERO {
        return Err(PlanError::NoBalance);
    }
    if months == 0 {
        return Err(PlanError::NoMonths);
    }
    if months > MAX_PLAN_MONTHS {
        return Err(PlanError::TooManyMonths { months });
    }
    let balance_cents = to_cents(balance)?;
    let (base, left_over) = (balance_cents / u64::from(months), balance_cents % u64::from(months));
    if base == 0 {
        return Err(PlanError::LessThanACentEach);
    }
    // The last `left_over` payments (fewer than `months`) get one cent more.
    let first_bumped = u64::from(months) - left_over;
    let amounts = (0..u64::from(months)).map(|index| {
        let amount = if index >= first_bumped { base + 1 } else { base };
        Decimal::from(amount) / Decimal::ONE_HUNDRED
    });
    schedule(balance, amounts, first_due)
}

/// Dates the amounts monthly from `first_due`.
fn schedule(
    balance: Decimal,
    amounts: impl Iterator<Item = Decimal>,
    first_due: NaiveDate,
) -> Result<PaymentPlan, PlanError> {
    let payments = amounts
        .zip(1u32..)
        .map(|(amount, number)| {
            Ok(Payment {
                number,
                due: monthly_due(first_due, number - 1).ok_or(PlanError::DateOutOfRange)?,
                amount,
            })
        })
        .collect::<Result<Vec<_>, PlanError>>()?;
    let months = payments.len() as u32;
    Ok(PaymentPlan {
        balance,
        monthly: payments.first().map_or(Decimal::ZERO, |payment| payment.amount),
        payments,
        months,
        too_long: months > USUAL_PLAN_MONTHS,
    })
}

/// `first` moved `months` months on, on the same day of the month or the
/// month's last day when it is shorter (Jan 31 → Feb 28 or 29 → Mar 31).
pub fn monthly_due(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(months))
}

/// The first day of the month after `today`: when a plan's first payment
/// falls due.
pub fn first_of_next_month(today: NaiveDate) -> NaiveDate {
    today
        .with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .unwrap_or(today)
}

/// The payment plan part of the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanOffer {
    /// The user's monthly amount gives this plan.
    Schedule(PaymentPlan),
    /// At the user's monthly amount the plan would take more than
    /// [`MAX_PLAN_MONTHS`]: financial help or a lower balance comes first.
    TooSlow { monthly: Decimal },
    /// No monthly amount known: ask for an interest-free plan.
    Ask,
}

/// Everything the 💵 Offer message shows for one bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offers {
    /// What is owed, when known; without it there is nothing to offer.
    pub balance: Option<Decimal>,
    /// The bill is with a collector.
    pub collections: Option<CollectionsOffer>,
    /// The bill is still with the provider.
    pub lump_sum: Option<LumpSumAsk>,
    /// What the user said they could pay at once.
    pub can_pay: Option<Decimal>,
    /// `None` when the user can pay the whole balance at once.
    pub plan: Option<PlanOffer>,
    /// A provider may propose a medical credit card instead of a plan: say
    /// what deferred interest means.
    pub credit_card_caution: bool,
}

impl Offers {
    /// The amount to say one can pay at once, as the offer advises: what
    /// the user can pay when it is no more than the top of the range (a
    /// fair offer as it is), else the range's low end: start low, never
    /// name all one could pay. `None` without an amount or a range.
    pub fn lump_sum_to_offer(&self) -> Option<Decimal> {
        let can_pay = self.can_pay?;
        let (low, high) = match (&self.collections, &self.lump_sum) {
            (Some(offer), _) => (offer.opening, offer.walk_away),
            (None, Some(ask)) => (ask.ask_low, ask.ask_high),
            (None, None) => return None,
        };
        Some(if can_pay > high { low } else { can_pay })
    }
}

/// The offers for a bill. `prices` are the audit's price checks; a plan's
/// first payment falls due on `first_due` (see [`first_of_next_month`]).
pub fn offers(bill: &Bill, prices: &[PriceCheck], first_due: NaiveDate) -> Offers {
    offers_from(bill, balance(bill), prices, first_due)
}

/// The offers starting from `owed` (what the plan says the patient should
/// really owe) instead of the bill's balance.
pub fn offers_from(bill: &Bill, owed: Option<Decimal>, prices: &[PriceCheck], first_due: NaiveDate) -> Offers {
    let Some(balance) = owed.filter(|amount| *amount > Decimal::ZERO).map(cents) else {
        return Offers {
            balance: None,
            collections: None,
            lump_sum: None,
            can_pay: None,
            plan: None,
            credit_card_caution: false,
        };
    };
    let collections = in_collections(bill);
    let can_pay = bill.lump_sum.filter(|amount| *amount > Decimal::ZERO).map(cents);
    let monthly = bill.monthly.map(cents).filter(|amount| *amount > Decimal::ZERO);
    let plan = match monthly {
        Some(monthly) => match payment_plan(balance, monthly, first_due) {
            Ok(plan) if plan.months > 1 => Some(PlanOffer::Schedule(plan)),
            Ok(_) | Err(PlanError::MonthlyCoversBalance) => None,
            Err(PlanError::TooManyMonths { .. }) => Some(PlanOffer::TooSlow { monthly }),
            Err(_) => Some(PlanOffer::Ask),
        },
        None if can_pay.is_some_and(|amount| amount >= balance) => None,
        None => Some(PlanOffer::Ask),
    };
    Offers {
        balance: Some(balance),
        collections: collections.then(|| collections_offer(balance)),
        lump_sum: lump_sum_ask_from(bill, balance, prices),
        can_pay,
        plan,
        credit_card_caution: !collections,
    }
}

/// `pct` percent of `amount`, in cents (divided first, so no amount
/// overflows).
fn percent_of(amount: Decimal, pct: u32) -> Decimal {
    cents(amount / Decimal::ONE_HUNDRED * Decimal::from(pct))
}

/// A positive amount already rounded to cents, as a count of cents.
fn to_cents(amount: Decimal) -> Result<u64, PlanError> {
    if amount > MAX_AMOUNT {
        return Err(PlanError::TooLarge);
    }
    (amount * Decimal::ONE_HUNDRED).to_u64().ok_or(PlanError::TooLarge)
}

fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line_items::LineItem;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn item(code: &str, amount: &str) -> LineItem {
        LineItem {
            date: None,
            revenue_code: None,
            code: Some(code.to_string()),
            modifiers: Vec::new(),
            description: code.to_string(),
            units: 1,
            amount: d(amount),
        }
    }

    fn check(item: usize, target: &str) -> PriceCheck {
        PriceCheck {
            item,
            medicare: d(target) / d("1.3"),
            multiple: d("4.0"),
            target: d(target),
        }
    }

    fn amounts(plan: &PaymentPlan) -> Vec<Decimal> {
        plan.payments.iter().map(|payment| payment.amount).collect()
    }

    fn dues(plan: &PaymentPlan) -> Vec<NaiveDate> {
        plan.payments.iter().map(|payment| payment.due).collect()
    }

    fn self_pay(amount_due: &str) -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            coverage: Some(Coverage::SelfPay),
            amount_due: Some(d(amount_due)),
            ..Bill::default()
        }
    }

    #[test]
    fn collections_open_at_30_and_settle_by_50_percent() {
        let offer = collections_offer(d("1500"));
        assert_eq!(
            (offer.balance, offer.opening, offer.walk_away),
            (d("1500"), d("450"), d("750"))
        );
        assert_eq!((offer.opening_pct, offer.walk_away_pct), (30, 50));
    }

    #[test]
    fn collections_figures_round_half_away_from_zero() {
        // 30% of $999.99 = $299.997, 50% = $499.995.
        let offer = collections_offer(d("999.99"));
        assert_eq!((offer.opening, offer.walk_away), (d("300.00"), d("500.00")));
        // 30% of $0.01 = $0.003, 50% = $0.005.
        let offer = collections_offer(d("0.01"));
        assert_eq!((offer.opening, offer.walk_away), (d("0.00"), d("0.01")));
        let offer = collections_offer(d("-20"));
        assert_eq!(
            (offer.balance, offer.opening, offer.walk_away),
            (d("0"), d("0"), d("0"))
        );
    }

    #[test]
    fn collections_fit_of_what_the_user_can_pay() {
        let offer = collections_offer(d("1500"));
        assert_eq!(offer.fit(d("300")), Fit::Below);
        assert_eq!(offer.fit(d("450")), Fit::Within);
        assert_eq!(offer.fit(d("750")), Fit::Within);
        assert_eq!(offer.fit(d("750.01")), Fit::Above);
    }

    #[test]
    fn self_pay_asks_for_30_to_60_percent_off() {
        let mut bill = self_pay("1500");
        bill.lump_sum = Some(d("700"));
        let ask = lump_sum_ask(&bill, &[]).unwrap();
        assert_eq!(ask.basis, DiscountBasis::SelfPay);
        assert_eq!((ask.low_discount_pct, ask.high_discount_pct), (30, 60));
        assert_eq!((ask.ask_low, ask.ask_high), (d("600"), d("1050")));
        assert_eq!(ask.fair_target, None);
        assert_eq!(ask.user_can_pay, Some(d("700")));
        assert_eq!(ask.fit(), Some(Fit::Within));
    }

    #[test]
    fn insured_asks_for_a_prompt_pay_discount_of_10_to_20_percent() {
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::InNetwork),
            amount_due: Some(d("333.33")),
            items: vec![item("99285", "2000")],
            ..Bill::default()
        };
        // A price check does not make a fair target for an insured share.
        let ask = lump_sum_ask(&bill, &[check(0, "219.51")]).unwrap();
        assert_eq!(ask.basis, DiscountBasis::PromptPay);
        assert_eq!((ask.low_discount_pct, ask.high_discount_pct), (10, 20));
        // 20% of $333.33 = $66.666 → $66.67; 10% = $33.333 → $33.33.
        assert_eq!((ask.ask_low, ask.ask_high), (d("266.66"), d("300.00")));
        assert_eq!((ask.fair_target, ask.user_can_pay, ask.fit()), (None, None, None));
        // Coverage not known: the smaller, prompt-pay figures.
        let unknown = Bill { coverage: None, ..bill };
        assert_eq!(lump_sum_ask(&unknown, &[]).unwrap().basis, DiscountBasis::PromptPay);
    }

    #[test]
    fn self_pay_fair_target_when_every_charged_line_has_one() {
        let mut bill = self_pay("3000");
        bill.items = vec![
            item("99285", "2000"),
            item("85025", "600"),
            item("71045", "400"),
            item("PAYMENT", "-100"),
        ];
        bill.amount_due = Some(d("2900"));
        let prices = [check(0, "791.01"), check(1, "14.05"), check(2, "500")];
        let ask = lump_sum_ask(&bill, &prices).unwrap();
        // Above fair: 1,208.99 + 585.95 + 0 (the x-ray is under its target).
        assert_eq!(ask.fair_target, Some(d("1105.06")));
        // One line without a Medicare rate: no fair price for the whole bill.
        let ask = lump_sum_ask(&bill, &prices[..2]).unwrap();
        assert_eq!(ask.fair_target, None);
        // ...unless that line was not received (it comes off entirely).
        bill.not_received.insert(2);
        let ask = lump_sum_ask(&bill, &prices[..2]).unwrap();
        assert_eq!(ask.fair_target, Some(d("705.06")));
    }

    #[test]
    fn no_fair_target_without_items_or_when_it_is_not_lower() {
        let mut bill = self_pay("100");
        assert_eq!(lump_sum_ask(&bill, &[]).unwrap().fair_target, None);
        bill.items = vec![item("85025", "100")];
        assert_eq!(lump_sum_ask(&bill, &[check(0, "150")]).unwrap().fair_target, None);
        // Lower than the bill but not than the discount ask ($70 to $40).
        assert_eq!(lump_sum_ask(&bill, &[check(0, "70")]).unwrap().fair_target, None);
        assert_eq!(
            lump_sum_ask(&bill, &[check(0, "69.99")]).unwrap().fair_target,
            Some(d("69.99"))
        );
    }

    #[test]
    fn no_lump_sum_ask_for_a_collector_or_without_a_balance() {
        let mut bill = self_pay("1500");
        bill.in_collections = Some(true);
        assert_eq!(lump_sum_ask(&bill, &[]), None);
        let collector = Bill {
            sender: Some(BillSender::CollectionsAgency),
            amount_due: Some(d("1500")),
            ..Bill::default()
        };
        assert_eq!(lump_sum_ask(&collector, &[]), None);
        assert_eq!(lump_sum_ask(&Bill::default(), &[]), None);
        assert_eq!(lump_sum_ask(&self_pay("0"), &[]), None);
    }

    #[test]
    fn the_balance_is_the_amount_due_or_a_self_pay_items_total() {
        assert_eq!(balance(&self_pay("12.345")), Some(d("12.35")));
        let mut bill = Bill {
            coverage: Some(Coverage::SelfPay),
            items: vec![item("85025", "60"), item("36415", "15.50")],
            ..Bill::default()
        };
        assert_eq!(balance(&bill), Some(d("75.50")));
        bill.coverage = Some(Coverage::InNetwork);
        assert_eq!(balance(&bill), None);
    }

    #[test]
    fn a_plan_of_80_a_month_for_1000_01() {
        let plan = payment_plan(d("1000.01"), d("80"), day(2026, 7, 1)).unwrap();
        assert_eq!(plan.months, 13);
        assert_eq!(plan.monthly, d("80"));
        assert_eq!(plan.last(), d("40.01"));
        assert!(plan.too_long);
        assert_eq!(amounts(&plan).iter().sum::<Decimal>(), d("1000.01"));
        assert_eq!(plan.payments[0].number, 1);
        assert_eq!(plan.payments[12].number, 13);
        assert_eq!(plan.last_due(), Some(day(2027, 7, 1)));
    }

    #[test]
    fn a_plan_that_divides_evenly_has_an_equal_last_payment() {
        let plan = payment_plan(d("1200"), d("100"), day(2026, 7, 1)).unwrap();
        assert_eq!(plan.months, 12);
        assert!(amounts(&plan).iter().all(|amount| *amount == d("100")));
        assert!(!plan.too_long, "12 months is not longer than usual");
        let plan = payment_plan(d("1200.01"), d("100"), day(2026, 7, 1)).unwrap();
        assert_eq!((plan.months, plan.last()), (13, d("0.01")));
        assert!(plan.too_long);
        let plan = payment_plan(d("50"), d("50"), day(2026, 7, 1)).unwrap();
        assert_eq!((plan.months, amounts(&plan)), (1, vec![d("50")]));
    }

    #[test]
    fn equal_payments_of_1000_01_over_7_months() {
        let plan = equal_payments(d("1000.01"), 7, day(2026, 7, 1)).unwrap();
        // 100,001 cents = 7 × 14,285 + 6: the last six take a cent more.
        assert_eq!(
            amounts(&plan),
            vec![
                d("142.85"),
                d("142.86"),
                d("142.86"),
                d("142.86"),
                d("142.86"),
                d("142.86"),
                d("142.86")
            ]
        );
        assert_eq!(amounts(&plan).iter().sum::<Decimal>(), d("1000.01"));
        assert_eq!((plan.months, plan.monthly, plan.too_long), (7, d("142.85"), false));
        assert_eq!(plan.last_due(), Some(day(2027, 1, 1)));
    }

    #[test]
    fn equal_payments_that_divide_evenly_and_errors() {
        let plan = equal_payments(d("1.00"), 4, day(2026, 7, 1)).unwrap();
        assert_eq!(amounts(&plan), vec![d("0.25"); 4]);
        let plan = equal_payments(d("1.00"), 3, day(2026, 7, 1)).unwrap();
        assert_eq!(amounts(&plan), vec![d("0.33"), d("0.33"), d("0.34")]);
        assert_eq!(
            equal_payments(d("0.05"), 7, day(2026, 7, 1)),
            Err(PlanError::LessThanACentEach)
        );
        assert_eq!(equal_payments(d("0"), 7, day(2026, 7, 1)), Err(PlanError::NoBalance));
        assert_eq!(equal_payments(d("100"), 0, day(2026, 7, 1)), Err(PlanError::NoMonths));
        assert_eq!(
            equal_payments(d("100000"), 121, day(2026, 7, 1)),
            Err(PlanError::TooManyMonths { months: 121 })
        );
        assert_eq!(equal_payments(d("100000"), 120, day(2026, 7, 1)).unwrap().months, 120);
    }

    #[test]
    fn due_dates_keep_the_day_and_clamp_to_the_end_of_shorter_months() {
        let plan = payment_plan(d("400"), d("100"), day(2027, 1, 31)).unwrap();
        assert_eq!(
            dues(&plan),
            vec![day(2027, 1, 31), day(2027, 2, 28), day(2027, 3, 31), day(2027, 4, 30)]
        );
        // Leap year: Feb 29.
        let plan = payment_plan(d("300"), d("100"), day(2028, 1, 30)).unwrap();
        assert_eq!(dues(&plan), vec![day(2028, 1, 30), day(2028, 2, 29), day(2028, 3, 30)]);
        // Over the new year.
        let plan = payment_plan(d("300"), d("100"), day(2026, 11, 15)).unwrap();
        assert_eq!(
            dues(&plan),
            vec![day(2026, 11, 15), day(2026, 12, 15), day(2027, 1, 15)]
        );
        // A plan started on Feb 29 stays on the 29th where it exists.
        assert_eq!(monthly_due(day(2028, 2, 29), 12), Some(day(2029, 2, 28)));
        assert_eq!(monthly_due(day(2028, 2, 29), 1), Some(day(2028, 3, 29)));
    }

    #[test]
    fn the_first_payment_is_due_the_first_of_next_month() {
        assert_eq!(first_of_next_month(day(2026, 6, 21)), day(2026, 7, 1));
        assert_eq!(first_of_next_month(day(2026, 12, 31)), day(2027, 1, 1));
        assert_eq!(first_of_next_month(day(2026, 7, 1)), day(2026, 8, 1));
    }

    #[test]
    fn too_long_starts_after_12_months() {
        let first = day(2026, 7, 1);
        assert!(!payment_plan(d("1200"), d("100"), first).unwrap().too_long);
        assert!(payment_plan(d("1200.01"), d("100"), first).unwrap().too_long);
        assert!(!payment_plan(d("1100.01"), d("100"), first).unwrap().too_long);
    }

    #[test]
    fn plan_errors() {
        let first = day(2026, 7, 1);
        assert_eq!(payment_plan(d("0"), d("10"), first), Err(PlanError::NoBalance));
        assert_eq!(payment_plan(d("-5"), d("10"), first), Err(PlanError::NoBalance));
        assert_eq!(payment_plan(d("100"), d("0"), first), Err(PlanError::NoMonthly));
        assert_eq!(payment_plan(d("100"), d("-10"), first), Err(PlanError::NoMonthly));
        assert_eq!(payment_plan(d("100"), d("0.004"), first), Err(PlanError::NoMonthly));
        assert_eq!(
            payment_plan(d("100"), d("100.01"), first),
            Err(PlanError::MonthlyCoversBalance)
        );
        assert_eq!(
            payment_plan(d("1200.01"), d("10"), first),
            Err(PlanError::TooManyMonths { months: 121 })
        );
        assert_eq!(payment_plan(d("1200"), d("10"), first).unwrap().months, 120);
        assert_eq!(
            payment_plan(d("99999999999"), d("99999999999"), first),
            Err(PlanError::TooLarge)
        );
        assert_eq!(
            payment_plan(d("100"), d("50"), NaiveDate::MAX),
            Err(PlanError::DateOutOfRange)
        );
    }

    #[test]
    fn offers_for_a_collections_bill() {
        let bill = Bill {
            sender: Some(BillSender::CollectionsAgency),
            amount_due: Some(d("1500")),
            lump_sum: Some(d("500")),
            monthly: Some(d("100")),
            ..Bill::default()
        };
        let offers = offers(&bill, &[], day(2026, 7, 1));
        assert_eq!(offers.collections, Some(collections_offer(d("1500"))));
        assert_eq!(offers.lump_sum, None);
        assert_eq!(offers.can_pay, Some(d("500")));
        assert!(matches!(&offers.plan, Some(PlanOffer::Schedule(plan)) if plan.months == 15));
        assert!(!offers.credit_card_caution);
    }

    #[test]
    fn offers_choose_the_plan_part() {
        let first = day(2026, 7, 1);
        let mut bill = self_pay("1000");
        let plan_of = |bill: &Bill| offers(bill, &[], first).plan;
        assert_eq!(plan_of(&bill), Some(PlanOffer::Ask));
        bill.lump_sum = Some(d("1000"));
        assert_eq!(plan_of(&bill), None, "can pay it all at once");
        bill.monthly = Some(d("1000"));
        assert_eq!(plan_of(&bill), None, "one payment is no plan");
        bill.monthly = Some(d("5"));
        assert_eq!(plan_of(&bill), Some(PlanOffer::TooSlow { monthly: d("5") }));
        bill.monthly = Some(d("0"));
        assert_eq!(plan_of(&bill), None, "can pay it all at once, nothing monthly");
        bill.lump_sum = None;
        assert_eq!(plan_of(&bill), Some(PlanOffer::Ask));
        bill.monthly = Some(d("250"));
        assert!(matches!(plan_of(&bill), Some(PlanOffer::Schedule(plan)) if plan.months == 4));
        let all = offers(&bill, &[], first);
        assert!(all.credit_card_caution && all.collections.is_none() && all.lump_sum.is_some());
    }

    #[test]
    fn nothing_to_offer_without_a_balance() {
        let none = offers(&Bill::default(), &[], day(2026, 7, 1));
        assert_eq!(none.balance, None);
        assert!(none.collections.is_none() && none.lump_sum.is_none() && none.plan.is_none());
        assert!(!none.credit_card_caution);
    }

    proptest! {
        #[test]
        fn plan_payments_add_up_to_the_balance(
            balance_cents in 1u64..=10_000_000,
            months in 1u64..=60,
            extra in 0u64..=1_000,
            start_day in 0u64..3_000,
        ) {
            // A monthly amount that gives between 1 and `months` payments.
            let smallest = balance_cents.div_ceil(months);
            let monthly_cents = (smallest + extra * smallest / 1_000).min(balance_cents);
            let balance = Decimal::new(balance_cents as i64, 2);
            let monthly = Decimal::new(monthly_cents as i64, 2);
            let first = day(2024, 1, 1) + chrono::Days::new(start_day);
            let plan = payment_plan(balance, monthly, first).unwrap();
            prop_assert_eq!(amounts(&plan).iter().sum::<Decimal>(), balance);
            prop_assert_eq!(plan.months as usize, plan.payments.len());
            prop_assert_eq!(u64::from(plan.months), balance_cents.div_ceil(monthly_cents));
            prop_assert!(u64::from(plan.months) <= months);
            let (last, rest) = plan.payments.split_last().unwrap();
            prop_assert!(rest.iter().all(|payment| payment.amount == monthly));
            prop_assert!(last.amount > Decimal::ZERO && last.amount <= monthly);
            prop_assert!(plan.payments.windows(2).all(|pair| pair[0].due < pair[1].due));
            prop_assert_eq!(plan.too_long, plan.months > USUAL_PLAN_MONTHS);
        }

        #[test]
        fn equal_payments_add_up_and_differ_by_a_cent_at_most(
            balance_cents in 1u64..=10_000_000,
            months in 1u32..=60,
        ) {
            let balance = Decimal::new(balance_cents as i64, 2);
            let result = equal_payments(balance, months, day(2026, 1, 31));
            if balance_cents < u64::from(months) {
                prop_assert_eq!(result, Err(PlanError::LessThanACentEach));
            } else {
                let plan = result.unwrap();
                let amounts = amounts(&plan);
                prop_assert_eq!(amounts.iter().sum::<Decimal>(), balance);
                prop_assert_eq!(plan.months, months);
                let low = amounts.iter().min().unwrap();
                let high = amounts.iter().max().unwrap();
                prop_assert!(*high - *low <= d("0.01") && *low > Decimal::ZERO);
                prop_assert!(amounts.windows(2).all(|pair| pair[0] <= pair[1]), "the last ones absorb the cents");
            }
        }

        #[test]
        fn collections_figures_stay_in_order(balance_cents in 0u64..=1_000_000_000) {
            let balance = Decimal::new(balance_cents as i64, 2);
            let offer = collections_offer(balance);
            prop_assert!(offer.opening <= offer.walk_away && offer.walk_away <= offer.balance);
            prop_assert_eq!(offer.balance, balance);
        }
    }
}
