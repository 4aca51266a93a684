//! The report's 💵 Offer message: the figures from [`crate::domain::offers`]
//! in words: a collector settlement or a discount for paying at once, what
//! the user can pay against it, an interest-free payment plan with its
//! dates, and a word on medical credit cards.

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::view::View;
use crate::domain::audit::PriceCheck;
use crate::domain::bill::Bill;
use crate::domain::money::Usd;
use crate::domain::offers::{
    first_of_next_month, offers_from, DiscountBasis, Fit, PaymentPlan, PlanOffer, MAX_PLAN_MONTHS,
};
use crate::domain::plan::{HelpFirst, Owed, OwedBasis, Plan};

/// A schedule of more payments than this shows the first
/// [`SCHEDULE_HEAD`], a gap and the last one.
pub const SCHEDULE_SHOWN: usize = 4;
const SCHEDULE_HEAD: usize = 3;

/// The 💵 Offer message for a bill, starting from what the `plan` says the
/// patient should really owe; `prices` are the audit's price checks. A
/// plan's first payment falls due on the 1st of next month.
pub fn offer_message(bill: &Bill, plan: &Plan, prices: &[PriceCheck], view: &View<'_>) -> Html {
    let content = view.content;
    let mut lines = vec![content.text(keys::OFFER_HEADING)];
    let usd = |amount| Usd(amount).to_string();
    // Nothing to offer yet: one line says why.
    let not_yet = |key| content.text(key);
    let wait = match plan.owed {
        Owed::Nothing => Some(not_yet(keys::OFFER_OWE_NOTHING)),
        Owed::WaitForInsurance(payer) => Some(not_yet(super::plan::by_payer(
            payer,
            [
                keys::OFFER_WAIT_FOR_INSURANCE,
                keys::OFFER_WAIT_FOR_MEDICARE,
                keys::OFFER_WAIT_FOR_MEDICARE_OR_PLAN,
            ],
        ))),
        Owed::EobFirst(payer) => Some(not_yet(super::plan::by_payer(
            payer,
            [
                keys::OFFER_EOB_FIRST,
                keys::OFFER_MSN_FIRST,
                keys::OFFER_MEDICARE_OR_PLAN_FIRST,
            ],
        ))),
        // A $0 share: in network nothing is owed, there is no figure to start from.
        Owed::ConfirmNetwork(share) if share.is_zero() => Some(not_yet(keys::OFFER_CONFIRM_NETWORK_ZERO)),
        Owed::ConfirmNetwork(share) => {
            Some(content.render(keys::OFFER_CONFIRM_NETWORK, &[("share", Fill::Text(&usd(share)))]))
        }
        Owed::ConfirmFacility => Some(not_yet(keys::OFFER_CONFIRM_FACILITY)),
        Owed::ConfirmQmb => Some(not_yet(keys::OFFER_CONFIRM_QMB)),
        Owed::HelpFirst(HelpFirst::FinancialHelp) => Some(not_yet(keys::OFFER_APPLY_FIRST)),
        Owed::HelpFirst(HelpFirst::Medicaid { apply_by }) => Some(content.render(
            keys::OFFER_APPLY_MEDICAID_FIRST,
            &[("apply_by", Fill::Text(&view.date(apply_by)))],
        )),
        Owed::Unknown | Owed::Amount(..) => None,
    };
    if let Some(line) = wait {
        lines.push(line);
        return Html::join(&lines, "\n");
    }
    let owed = match plan.owed {
        // Said above: nothing to offer yet.
        Owed::Nothing
        | Owed::WaitForInsurance(_)
        | Owed::EobFirst(_)
        | Owed::ConfirmNetwork(_)
        | Owed::ConfirmFacility
        | Owed::ConfirmQmb
        | Owed::HelpFirst(_)
        | Owed::Unknown => None,
        // What is owed is settled, but a step comes first (a dispute inside
        // the collector's 30 days, an open appeal): the plan's own blocker.
        Owed::Amount(..) if plan.offer_blocker().is_some() => {
            if let Some((index, step)) = plan.offer_blocker() {
                let number = (index + 1).to_string();
                let title = super::plan::title(step, view);
                lines.push(content.render(
                    keys::OFFER_NOT_YET,
                    &[("number", Fill::Text(&number)), ("step", Fill::Html(&title))],
                ));
            }
            return Html::join(&lines, "\n");
        }
        Owed::Amount(amount, basis) => {
            let from = match basis {
                OwedBasis::Balance => None,
                // Medicare's share is on its MSN or a Medicare plan's EOB;
                // "the insurer's statement" only for an Advantage plan.
                OwedBasis::EobShare
                    if bill.coverage == Some(crate::domain::bill::Coverage::Medicare)
                        && bill.medicare != Some(crate::domain::bill::MedicareKind::Advantage) =>
                {
                    Some(keys::OFFER_FROM_MEDICARE_SHARE)
                }
                OwedBasis::EobShare => Some(keys::OFFER_FROM_EOB_SHARE),
                OwedBasis::Estimate => Some(keys::OFFER_FROM_ESTIMATE),
                OwedBasis::Audited => Some(keys::OFFER_FROM_AUDITED),
            };
            // Said only when it is less than the bill asks.
            if let (Some(key), Some(balance)) = (from, plan.balance.filter(|balance| amount < *balance)) {
                lines.push(content.render(
                    key,
                    &[
                        ("owed", Fill::Text(&usd(amount))),
                        ("balance", Fill::Text(&usd(balance))),
                    ],
                ));
            }
            Some(amount)
        }
    };
    let offers = offers_from(bill, owed, prices, first_of_next_month(view.today));
    if offers.balance.is_none() {
        lines.push(content.text(keys::OFFER_NOTHING));
        return Html::join(&lines, "\n");
    }
    let mut fit = None;
    if let Some(offer) = &offers.collections {
        lines.push(content.render(
            keys::OFFER_COLLECTIONS,
            &[
                ("opening", Fill::Text(&usd(offer.opening))),
                ("opening_pct", Fill::Text(&offer.opening_pct.to_string())),
                ("walk_away", Fill::Text(&usd(offer.walk_away))),
                ("walk_away_pct", Fill::Text(&offer.walk_away_pct.to_string())),
                ("balance", Fill::Text(&usd(offer.balance))),
            ],
        ));
        fit = offers
            .can_pay
            .map(|amount| (amount, offer.fit(amount), offer.walk_away));
    }
    if let Some(ask) = &offers.lump_sum {
        let key = match ask.basis {
            DiscountBasis::SelfPay => keys::OFFER_SELF_PAY,
            DiscountBasis::PromptPay => keys::OFFER_PROMPT_PAY,
        };
        lines.push(content.render(
            key,
            &[
                ("low", Fill::Text(&ask.low_discount_pct.to_string())),
                ("high", Fill::Text(&ask.high_discount_pct.to_string())),
                ("ask_low", Fill::Text(&usd(ask.ask_low))),
                ("ask_high", Fill::Text(&usd(ask.ask_high))),
                ("balance", Fill::Text(&usd(ask.balance))),
            ],
        ));
        if let Some(target) = ask.fair_target {
            lines.push(content.render(keys::OFFER_FAIR_TARGET, &[("target", Fill::Text(&usd(target)))]));
        }
        fit = ask
            .user_can_pay
            .zip(ask.fit())
            .map(|(amount, fit)| (amount, fit, ask.ask_high));
    }
    if let Some((amount, fit, high)) = fit {
        let amount = usd(amount);
        lines.push(match fit {
            Fit::Below => content.render(keys::OFFER_CAN_PAY_BELOW, &[("amount", Fill::Text(&amount))]),
            Fit::Within => content.render(keys::OFFER_CAN_PAY_WITHIN, &[("amount", Fill::Text(&amount))]),
            Fit::Above => content.render(
                keys::OFFER_CAN_PAY_ABOVE,
                &[("amount", Fill::Text(&amount)), ("high", Fill::Text(&usd(high)))],
            ),
        });
    }
    match &offers.plan {
        Some(PlanOffer::Schedule(plan)) => {
            lines.push(plan_summary(plan, view));
            lines.push(schedule(plan, view));
        }
        Some(PlanOffer::TooSlow { monthly }) => lines.push(content.render(
            keys::OFFER_PLAN_TOO_SLOW,
            &[
                ("monthly", Fill::Text(&usd(*monthly))),
                ("years", Fill::Text(&(MAX_PLAN_MONTHS / 12).to_string())),
            ],
        )),
        Some(PlanOffer::Ask) => lines.push(content.text(keys::OFFER_PLAN_ASK)),
        None => {}
    }
    if offers.credit_card_caution {
        lines.push(content.text(keys::OFFER_CREDIT_CARD));
    }
    Html::join(&lines, "\n")
}

/// "Payment plan: $80.00 a month for 13 months, the last one $40.01. …",
/// with the rule-of-thumb note when the plan is long.
fn plan_summary(plan: &PaymentPlan, view: &View<'_>) -> Html {
    let content = view.content;
    let monthly = Usd(plan.monthly).to_string();
    let months = plan.months.to_string();
    let summary = if plan.last() == plan.monthly {
        content.render(
            keys::OFFER_PLAN_EVEN,
            &[("monthly", Fill::Text(&monthly)), ("months", Fill::Text(&months))],
        )
    } else {
        content.render(
            keys::OFFER_PLAN,
            &[
                ("monthly", Fill::Text(&monthly)),
                ("months", Fill::Text(&months)),
                ("last", Fill::Text(&Usd(plan.last()).to_string())),
            ],
        )
    };
    if !plan.too_long {
        return summary;
    }
    let note = content.text(keys::OFFER_PLAN_TOO_LONG);
    Html::join(&[summary, note], " ")
}

/// "Due: Wed, Jul 1 $80.00 · Sat, Aug 1 $80.00 · …": every payment when
/// there are few, else the first three, a gap and the last.
fn schedule(plan: &PaymentPlan, view: &View<'_>) -> Html {
    let content = view.content;
    let payment = |key: Key, date, amount| {
        content.render(
            key,
            &[
                ("date", Fill::Text(&view.date(date))),
                ("amount", Fill::Text(&Usd(amount).to_string())),
            ],
        )
    };
    let shown: Vec<Html> = if plan.payments.len() <= SCHEDULE_SHOWN {
        plan.payments
            .iter()
            .map(|p| payment(keys::OFFER_PLAN_PAYMENT, p.due, p.amount))
            .collect()
    } else {
        let head = plan.payments[..SCHEDULE_HEAD]
            .iter()
            .map(|p| payment(keys::OFFER_PLAN_PAYMENT, p.due, p.amount));
        let last = plan
            .payments
            .last()
            .map(|p| payment(keys::OFFER_PLAN_PAYMENT, p.due, p.amount));
        head.chain([content.text(keys::OFFER_PLAN_GAP)]).chain(last).collect()
    };
    let joined = Html::join(&shown, content.text(keys::OFFER_PLAN_SEPARATOR).as_str());
    content.render(keys::OFFER_PLAN_SCHEDULE, &[("payments", Fill::Html(&joined))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::domain::bill::{BillSender, Coverage};
    use crate::domain::line_items::LineItem;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// Rendered on Sun, Jun 21, 2026: the first payment is due Wed, Jul 1.
    fn render(bill: &Bill, prices: &[PriceCheck]) -> String {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 6, 21),
        };
        let plan = crate::domain::plan::plan(bill, &[], view.today);
        let html = offer_message(bill, &plan, prices, &view);
        html.check_tags().unwrap_or_else(|e| panic!("{e}\n{html}"));
        let text = html.into_string();
        assert!(!text.contains('{') && !text.contains('}'), "placeholder left:\n{text}");
        assert!(text.starts_with("💵 <b>What to offer</b>\n"), "{text}");
        assert!(text.lines().count() <= 8, "too long:\n{text}");
        text
    }

    fn assert_has(text: &str, parts: &[&str]) {
        for part in parts {
            assert!(text.contains(part), "missing {part:?} in:\n{text}");
        }
    }

    #[test]
    fn a_collections_bill_opens_at_30_and_settles_by_50_percent() {
        let bill = Bill {
            sender: Some(BillSender::CollectionsAgency),
            amount_due: Some(d("1500")),
            lump_sum: Some(d("1000")),
            monthly: Some(d("500")),
            ..Bill::default()
        };
        let text = render(&bill, &[]);
        assert_has(
            &text,
            &[
                "Open at $450.00 (30% of $1,500.00) and go no higher than $750.00 (50%)",
                "terms in writing before you pay",
                "You said you could pay $1,000.00 at once. Don't offer it all: start low and go no higher than $750.00.",
                "Payment plan: $500.00 a month for 3 months. Ask for it interest-free.",
                "Due: Wed, Jul 1 $500.00 · Sat, Aug 1 $500.00 · Tue, Sep 1 $500.00",
            ],
        );
        assert!(!text.contains("self-pay") && !text.contains("credit card"), "{text}");
        assert_eq!(text.lines().count(), 5, "{text}");
    }

    #[test]
    fn a_self_pay_bill_with_a_monthly_amount_gets_a_dated_plan() {
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            coverage: Some(Coverage::SelfPay),
            amount_due: Some(d("1000.01")),
            lump_sum: Some(d("500")),
            monthly: Some(d("80")),
            ..Bill::default()
        };
        let text = render(&bill, &[]);
        assert_has(
            &text,
            &[
                "Ask for the self-pay discount, often 30–60% off: $400.00 to $700.01 instead of $1,000.01.",
                "You said you could pay $500.00 at once: that's inside this range",
                "Payment plan: $80.00 a month for 13 months, the last one $40.01. Ask for it interest-free. A plan this long is worth checking with the office",
                "Due: Wed, Jul 1 $80.00 · Sat, Aug 1 $80.00 · Tue, Sep 1 $80.00 · … · Thu, Jul 1, 2027 $40.01",
                "medical credit card",
            ],
        );
        assert!(!text.contains("Medicare"), "no fair target without items:\n{text}");
    }

    #[test]
    fn a_self_pay_bill_with_medicare_targets_shows_a_fair_price() {
        let item = |code: &str, amount: &str| LineItem {
            date: None,
            revenue_code: Some("0450".to_string()),
            code: Some(code.to_string()),
            modifiers: Vec::new(),
            description: code.to_string(),
            units: 1,
            amount: d(amount),
        };
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            coverage: Some(Coverage::SelfPay),
            amount_due: Some(d("2600")),
            items: vec![item("99285", "2000"), item("85025", "600")],
            ..Bill::default()
        };
        let check = |item, medicare: &str, target: &str| PriceCheck {
            item,
            medicare: d(medicare),
            multiple: d("3.3"),
            target: d(target),
        };
        let prices = [check(0, "608.43", "790.96"), check(1, "10.81", "14.05")];
        let text = render(&bill, &prices);
        assert_has(
            &text,
            &[
                "$1,040.00 to $1,820.00 instead of $2,600.00",
                "a fair price for this care is about $805.01",
                "Can't pay it all at once? Ask for an interest-free payment plan.",
            ],
        );
    }

    #[test]
    fn an_insured_bill_asks_for_a_prompt_pay_discount() {
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::InNetwork),
            amount_due: Some(d("250")),
            lump_sum: Some(d("100")),
            monthly: Some(d("50")),
            ..Bill::default()
        };
        let text = render(&bill, &[]);
        assert_has(
            &text,
            &[
                "Ask for a prompt-pay discount, sometimes 10–20% off: $200.00 to $225.00 instead of $250.00.",
                "You said you could pay $100.00 at once, less than this.",
                "Payment plan: $50.00 a month for 5 months.",
                "Due: Wed, Jul 1 $50.00 · Sat, Aug 1 $50.00 · Tue, Sep 1 $50.00 · … · Sun, Nov 1 $50.00",
            ],
        );
        assert!(!text.contains("rule of thumb"), "{text}");
    }

    #[test]
    fn a_plan_over_ten_years_asks_for_help_first() {
        let bill = Bill {
            coverage: Some(Coverage::OutOfNetwork),
            amount_due: Some(d("5000")),
            monthly: Some(d("20")),
            ..Bill::default()
        };
        let text = render(&bill, &[]);
        assert_has(
            &text,
            &["At $20.00 a month, paying this off would take more than 10 years."],
        );
        assert!(!text.contains("Due:"), "{text}");
    }

    #[test]
    fn a_bill_with_nothing_known_says_what_is_needed() {
        let content = Content::embedded().unwrap();
        let text = render(&Bill::default(), &[]);
        assert_eq!(
            text,
            format!(
                "💵 <b>What to offer</b>\n{}",
                content.text(keys::OFFER_NOTHING).as_str()
            )
        );
    }

    #[test]
    fn a_short_plan_shows_every_due_date() {
        let bill = Bill {
            coverage: Some(Coverage::SelfPay),
            amount_due: Some(d("1234.5")),
            monthly: Some(d("600")),
            ..Bill::default()
        };
        let text = render(&bill, &[]);
        assert_has(
            &text,
            &[
                "Payment plan: $600.00 a month for 3 months, the last one $34.50.",
                "Due: Wed, Jul 1 $600.00 · Sat, Aug 1 $600.00 · Tue, Sep 1 $34.50",
            ],
        );
    }
}
