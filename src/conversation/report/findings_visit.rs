//! The words for the visit and money findings: a title, an explanation with
//! the lines, dollars and dates, and the exact thing to ask.

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::report::finding_text::{line_label, FindingText};
use crate::conversation::view::View;
use crate::domain::audit::visit::{FacilityKind, FeeSchedule, StateProgram, VisitIssue};
use crate::domain::audit::Finding;
use crate::domain::bill::Bill;
use crate::domain::money::Usd;
use crate::domain::reference::Reference;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The itemized-bill request worded for who sent the bill: revenue codes
/// are on a hospital's (facility) bill only (C3, C6).
fn itemized_ask(sender: Option<crate::domain::bill::BillSender>) -> Key {
    use crate::domain::bill::BillSender;
    match sender {
        Some(BillSender::Hospital) => keys::VISIT_ASK_ITEMIZED_ASK_HOSPITAL,
        Some(BillSender::DoctorOffice | BillSender::Lab | BillSender::Ambulance) => keys::VISIT_ASK_ITEMIZED_ASK,
        Some(BillSender::CollectionsAgency | BillSender::Other) | None => keys::VISIT_ASK_ITEMIZED_ASK_UNSURE,
    }
}

/// A visit or money finding in words.
pub fn describe(
    issue: &VisitIssue,
    finding: &Finding,
    bill: &Bill,
    reference: &Reference,
    view: &View<'_>,
) -> FindingText {
    let words = Words {
        view,
        bill,
        lines: lines(&finding.items, bill, reference, view),
    };
    match issue {
        VisitIssue::ErLevel { item, level } => words.er_level(*item, *level),
        VisitIssue::TraumaActivation {
            amount,
            not_admitted,
            without_critical_care,
        } => words.trauma(*amount, *not_admitted, *without_critical_care),
        VisitIssue::FacilityFee { kind, amount } => words.facility_fee(*kind, *amount),
        VisitIssue::AfterDischarge {
            last_night,
            discharge,
            amount,
        } => words.after_discharge(*last_night, *discharge, *amount),
        VisitIssue::DischargeDayRoom {
            admission,
            discharge,
            nights_charged,
            nights_expected,
            night_charge,
            ..
        } => words.discharge_day(*admission, *discharge, *nights_charged, *nights_expected, *night_charge),
        VisitIssue::NotReceived { amount } => words.not_received(*amount),
        // The facility's network not known: the No Surprises Act may apply,
        // so the words ask the insurer first (A3, E4), never "outside the Act".
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share }
            if crate::domain::audit::visit::facility_network_unknown(bill) =>
        {
            words.balance(
                [
                    keys::VISIT_BALANCE_EOB_TITLE,
                    keys::VISIT_BALANCE_EOB_FACILITY_EXPLAIN,
                    keys::VISIT_BALANCE_EOB_FACILITY_ASK,
                ],
                *amount_due,
                *your_share,
            )
        }
        // Out of network, outside the No Surprises Act, the share is no
        // ceiling: the words ask what the rest is, not to match the EOB.
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share }
            if bill.coverage == Some(crate::domain::bill::Coverage::OutOfNetwork) =>
        {
            words.balance(
                [
                    keys::VISIT_BALANCE_EOB_TITLE,
                    keys::VISIT_BALANCE_EOB_OON_EXPLAIN,
                    keys::VISIT_BALANCE_EOB_OON_ASK,
                ],
                *amount_due,
                *your_share,
            )
        }
        // Original Medicare: its Medicare Summary Notice, never an EOB (E2).
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share } if bill.gets_msn() => words.balance(
            [
                keys::VISIT_BALANCE_MSN_TITLE,
                keys::VISIT_BALANCE_MSN_EXPLAIN,
                keys::VISIT_BALANCE_MSN_ASK,
            ],
            *amount_due,
            *your_share,
        ),
        // Medicare: the MSN's maximum, not a network (E2). A Medicare
        // Advantage plan sends an EOB; with the kind not known, the
        // statement is "the notice from Medicare or your plan".
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share }
            if bill.coverage == Some(crate::domain::bill::Coverage::Medicare) =>
        {
            let advantage = bill.medicare == Some(crate::domain::bill::MedicareKind::Advantage);
            words.balance(
                if advantage {
                    [
                        keys::VISIT_BALANCE_EOB_TITLE,
                        keys::VISIT_BALANCE_EOB_MEDICARE_EXPLAIN,
                        keys::VISIT_BALANCE_EOB_ASK,
                    ]
                } else {
                    [
                        keys::VISIT_BALANCE_MEDICARE_TITLE,
                        keys::VISIT_BALANCE_EOB_MEDICARE_EXPLAIN,
                        keys::VISIT_BALANCE_MEDICARE_ASK,
                    ]
                },
                *amount_due,
                *your_share,
            )
        }
        // Network not known: the explanation is already "if in network";
        // the ask puts the network question first.
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share }
            if bill.coverage == Some(crate::domain::bill::Coverage::InsuredNotSure) =>
        {
            words.balance(
                [
                    keys::VISIT_BALANCE_EOB_TITLE,
                    keys::VISIT_BALANCE_EOB_EXPLAIN,
                    keys::VISIT_BALANCE_EOB_NOT_SURE_ASK,
                ],
                *amount_due,
                *your_share,
            )
        }
        VisitIssue::BalanceDiffersFromEob { amount_due, your_share } => words.balance(
            [
                keys::VISIT_BALANCE_EOB_TITLE,
                keys::VISIT_BALANCE_EOB_EXPLAIN,
                keys::VISIT_BALANCE_EOB_ASK,
            ],
            *amount_due,
            *your_share,
        ),
        VisitIssue::EobMath {
            allowed,
            plan_paid,
            your_share,
        } => words.eob_math(*allowed, *plan_paid, *your_share),
        VisitIssue::AskForEob { denied } => words.ask_for_eob(*denied),
        VisitIssue::BalanceBilling {
            amount_due,
            your_share,
            emergency: true,
        } => words.balance(
            [
                keys::VISIT_BALANCE_BILLING_TITLE,
                keys::VISIT_BALANCE_BILLING_EXPLAIN,
                keys::VISIT_BALANCE_BILLING_ASK,
            ],
            *amount_due,
            *your_share,
        ),
        VisitIssue::BalanceBilling {
            amount_due,
            your_share,
            emergency: false,
        } => words.balance(
            [
                keys::VISIT_FACILITY_BALANCE_BILLING_TITLE,
                keys::VISIT_FACILITY_BALANCE_BILLING_EXPLAIN,
                keys::VISIT_FACILITY_BALANCE_BILLING_ASK,
            ],
            *amount_due,
            *your_share,
        ),
        VisitIssue::OverEstimate {
            total,
            estimate,
            deadline,
        } => words.over_estimate(*total, *estimate, *deadline),
        VisitIssue::HighPrice {
            item,
            schedule,
            medicare,
            multiple,
            target,
        } => words.high_price(*item, *schedule, *medicare, *multiple, *target),
        VisitIssue::FinancialAssistance {
            percent,
            household,
            income,
            guideline,
            program,
            nonprofit_confirmed,
        } => words.assistance(
            *percent,
            *household,
            *income,
            *guideline,
            *program,
            *nonprofit_confirmed,
        ),
        VisitIssue::AskForItemized => FindingText {
            title: words.text(keys::VISIT_ASK_ITEMIZED_TITLE),
            explain: words.text(keys::VISIT_ASK_ITEMIZED_EXPLAIN),
            ask: words.text(itemized_ask(bill.sender)),
        },
        // E3, E11: Original Medicare's denial is a redetermination asked of
        // Medicare (trial 7: it read "To Medicare or your Medicare plan"
        // and spoke of Marketplace appeals).
        VisitIssue::AppealDenial { deadline } if bill.gets_msn() => words.deadline_step(
            [
                keys::VISIT_APPEAL_TITLE,
                keys::VISIT_APPEAL_EXPLAIN_ORIGINAL,
                keys::VISIT_APPEAL_EXPLAIN_DATED_ORIGINAL,
                keys::VISIT_APPEAL_EXPLAIN_PASSED_ORIGINAL,
                keys::VISIT_APPEAL_ASK_ORIGINAL,
                keys::VISIT_APPEAL_ASK_PASSED_ORIGINAL,
            ],
            *deadline,
        ),
        // E3: a Medicare Advantage denial is reconsidered by the plan
        // (trial 8: "To Medicare (1-800-MEDICARE) or your Medicare plan"
        // and Marketplace figures, for Humana's denial).
        VisitIssue::AppealDenial { deadline }
            if crate::domain::coverage::appeal_kind(bill) == crate::domain::coverage::AppealKind::MedicareAdvantage =>
        {
            words.deadline_step(
                [
                    keys::VISIT_APPEAL_TITLE,
                    keys::VISIT_APPEAL_EXPLAIN_ADVANTAGE,
                    keys::VISIT_APPEAL_EXPLAIN_DATED_ADVANTAGE,
                    keys::VISIT_APPEAL_EXPLAIN_PASSED_ADVANTAGE,
                    keys::VISIT_APPEAL_ASK_ADVANTAGE,
                    keys::VISIT_APPEAL_ASK_PASSED_ADVANTAGE,
                ],
                *deadline,
            )
        }
        // E2, E11: other Medicare denials are asked of Medicare (1-800-MEDICARE)
        // or the Medicare plan, not "the insurer".
        VisitIssue::AppealDenial { deadline } if bill.coverage == Some(crate::domain::bill::Coverage::Medicare) => {
            words.deadline_step(
                [
                    keys::VISIT_APPEAL_TITLE,
                    keys::VISIT_APPEAL_EXPLAIN,
                    keys::VISIT_APPEAL_EXPLAIN_DATED,
                    keys::VISIT_APPEAL_EXPLAIN_PASSED,
                    keys::VISIT_APPEAL_ASK_MEDICARE,
                    keys::VISIT_APPEAL_ASK_PASSED_MEDICARE,
                ],
                *deadline,
            )
        }
        VisitIssue::AppealDenial { deadline } => words.deadline_step(
            [
                keys::VISIT_APPEAL_TITLE,
                keys::VISIT_APPEAL_EXPLAIN,
                keys::VISIT_APPEAL_EXPLAIN_DATED,
                keys::VISIT_APPEAL_EXPLAIN_PASSED,
                keys::VISIT_APPEAL_ASK,
                keys::VISIT_APPEAL_ASK_PASSED,
            ],
            *deadline,
        ),
        VisitIssue::ValidateDebt { deadline } => words.deadline_step(
            [
                keys::VISIT_VALIDATE_TITLE,
                keys::VISIT_VALIDATE_EXPLAIN,
                keys::VISIT_VALIDATE_EXPLAIN_DATED,
                keys::VISIT_VALIDATE_EXPLAIN_PASSED,
                keys::VISIT_VALIDATE_ASK,
                keys::VISIT_VALIDATE_ASK_PASSED,
            ],
            *deadline,
        ),
    }
}

/// "line 3 (85025, blood count)" or "lines 3 (…), 5 (…)" (1-based, as the
/// user sees them), each with its code and our plain name or its own words,
/// so the billing office finds it.
fn lines(items: &[usize], bill: &Bill, reference: &Reference, view: &View<'_>) -> Html {
    let named = |index: usize, key: Key| {
        let number = (index + 1).to_string();
        let label = bill
            .items
            .get(index)
            .map(|item| line_label(item, reference, view.content))
            .unwrap_or_default();
        if label.is_empty() {
            Html::from_text(&number)
        } else {
            view.content
                .render(key, &[("number", Fill::Text(&number)), ("label", Fill::Text(&label))])
        }
    };
    match items {
        [one] => {
            let number = (one + 1).to_string();
            let labelled = bill
                .items
                .get(*one)
                .is_some_and(|item| !line_label(item, reference, view.content).is_empty());
            if labelled {
                named(*one, keys::VISIT_LINE_NAMED)
            } else {
                view.content
                    .render(keys::VISIT_LINE, &[("number", Fill::Text(&number))])
            }
        }
        _ => {
            let entries: Vec<Html> = items.iter().map(|&i| named(i, keys::VISIT_LINES_ENTRY)).collect();
            let numbers = Html::join(&entries, ", ");
            view.content
                .render(keys::VISIT_LINES, &[("numbers", Fill::Html(&numbers))])
        }
    }
}

fn money(amount: Decimal) -> String {
    Usd(amount).to_string()
}

/// A percentage as a whole number: "187".
fn whole(percent: Decimal) -> String {
    let mut rounded = percent.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(0);
    rounded.to_string()
}

struct Words<'a> {
    view: &'a View<'a>,
    bill: &'a Bill,
    lines: Html,
}

impl Words<'_> {
    fn text(&self, key: Key) -> Html {
        self.view.content.text(key)
    }

    fn render(&self, key: Key, fills: &[(&str, Fill<'_>)]) -> Html {
        self.view.content.render(key, fills)
    }

    fn date(&self, date: NaiveDate) -> String {
        self.view.date(date)
    }

    /// A step with a deadline (an appeal, a debt dispute): the explanation
    /// names the deadline when it is known.
    /// A step with a deadline: a passed deadline is never asked for; the
    /// words say what is still possible instead.
    fn deadline_step(
        &self,
        [title, explain, explain_dated, explain_passed, ask, ask_passed]: [Key; 6],
        deadline: Option<NaiveDate>,
    ) -> FindingText {
        let passed = deadline.is_some_and(|date| date < self.view.today);
        let explain = match deadline {
            Some(date) if passed => self.render(explain_passed, &[("deadline", Fill::Text(&self.date(date)))]),
            Some(date) => self.render(explain_dated, &[("deadline", Fill::Text(&self.date(date)))]),
            None => self.text(explain),
        };
        FindingText {
            title: self.text(title),
            explain,
            ask: self.text(if passed { ask_passed } else { ask }),
        }
    }

    fn nights(&self, count: u32) -> Html {
        if count == 1 {
            self.text(keys::VISIT_NIGHT)
        } else {
            self.render(keys::VISIT_NIGHTS, &[("count", Fill::Text(&count.to_string()))])
        }
    }

    fn amount_of(&self, item: usize) -> String {
        money(self.bill.items.get(item).map_or(Decimal::ZERO, |line| line.amount))
    }

    fn er_level(&self, item: usize, level: u8) -> FindingText {
        let level = level.to_string();
        let amount = self.amount_of(item);
        // Only the hospital's own bill (lines with facility revenue codes)
        // would show room charges; the ER doctor's bill never does.
        let facility_bill = self
            .bill
            .items
            .iter()
            .any(|line| line.revenue_code.as_deref().is_some_and(|rev| !rev.starts_with("09")));
        let explain = if facility_bill {
            keys::VISIT_ER_LEVEL_EXPLAIN
        } else {
            keys::VISIT_ER_LEVEL_EXPLAIN_DOCTOR
        };
        FindingText {
            title: self.render(keys::VISIT_ER_LEVEL_TITLE, &[("level", Fill::Text(&level))]),
            explain: self.render(
                explain,
                &[
                    ("lines", Fill::Html(&self.lines)),
                    ("amount", Fill::Text(&amount)),
                    ("level", Fill::Text(&level)),
                ],
            ),
            ask: self.render(
                keys::VISIT_ER_LEVEL_ASK,
                &[("lines", Fill::Html(&self.lines)), ("level", Fill::Text(&level))],
            ),
        }
    }

    fn trauma(&self, amount: Decimal, not_admitted: bool, without_critical_care: bool) -> FindingText {
        let amount = money(amount);
        let mut explain = vec![self.render(
            keys::VISIT_TRAUMA_EXPLAIN,
            &[("lines", Fill::Html(&self.lines)), ("amount", Fill::Text(&amount))],
        )];
        if not_admitted {
            explain.push(self.text(keys::VISIT_TRAUMA_NOT_ADMITTED));
        }
        if without_critical_care {
            explain.push(self.text(keys::VISIT_TRAUMA_NO_CRITICAL_CARE));
        }
        FindingText {
            title: self.render(keys::VISIT_TRAUMA_TITLE, &[("amount", Fill::Text(&amount))]),
            explain: Html::join(&explain, " "),
            ask: self.render(keys::VISIT_TRAUMA_ASK, &[("lines", Fill::Html(&self.lines))]),
        }
    }

    fn facility_fee(&self, kind: FacilityKind, amount: Decimal) -> FindingText {
        let amount = money(amount);
        let (explain, ask) = match kind {
            FacilityKind::Clinic => (keys::VISIT_FACILITY_CLINIC_EXPLAIN, keys::VISIT_FACILITY_CLINIC_ASK),
            FacilityKind::Emergency => (keys::VISIT_FACILITY_ER_EXPLAIN, keys::VISIT_FACILITY_ER_ASK),
        };
        FindingText {
            title: self.render(keys::VISIT_FACILITY_TITLE, &[("amount", Fill::Text(&amount))]),
            explain: self.render(
                explain,
                &[("lines", Fill::Html(&self.lines)), ("amount", Fill::Text(&amount))],
            ),
            ask: self.render(ask, &[("lines", Fill::Html(&self.lines))]),
        }
    }

    fn after_discharge(&self, last_night: NaiveDate, discharge: NaiveDate, amount: Decimal) -> FindingText {
        let (last_night, discharge, amount) = (self.date(last_night), self.date(discharge), money(amount));
        FindingText {
            title: self.text(keys::VISIT_AFTER_DISCHARGE_TITLE),
            explain: self.render(
                keys::VISIT_AFTER_DISCHARGE_EXPLAIN,
                &[
                    ("last_night", Fill::Text(&last_night)),
                    ("discharge", Fill::Text(&discharge)),
                    ("lines", Fill::Html(&self.lines)),
                    ("amount", Fill::Text(&amount)),
                ],
            ),
            ask: self.render(
                keys::VISIT_AFTER_DISCHARGE_ASK,
                &[
                    ("discharge", Fill::Text(&discharge)),
                    ("lines", Fill::Html(&self.lines)),
                    ("amount", Fill::Text(&amount)),
                ],
            ),
        }
    }

    fn discharge_day(
        &self,
        admission: NaiveDate,
        discharge: NaiveDate,
        charged: u32,
        expected: u32,
        night_charge: Decimal,
    ) -> FindingText {
        // The user's own discharge date, or the last charge standing in for it.
        let explain = if self.bill.discharge_date == Some(discharge) {
            keys::VISIT_DISCHARGE_DAY_EXPLAIN_DATED
        } else {
            keys::VISIT_DISCHARGE_DAY_EXPLAIN
        };
        let (admission, discharge, night_charge) = (self.date(admission), self.date(discharge), money(night_charge));
        let (charged, expected) = (self.nights(charged), self.nights(expected));
        let fills = [
            ("charged", Fill::Html(&charged)),
            ("admission", Fill::Text(&admission)),
            ("discharge", Fill::Text(&discharge)),
            ("expected", Fill::Html(&expected)),
            ("night_charge", Fill::Text(&night_charge)),
        ];
        FindingText {
            title: self.text(keys::VISIT_DISCHARGE_DAY_TITLE),
            explain: self.render(explain, &fills),
            ask: self.render(keys::VISIT_DISCHARGE_DAY_ASK, &fills),
        }
    }

    fn not_received(&self, amount: Decimal) -> FindingText {
        let amount = money(amount);
        let fills = [("lines", Fill::Html(&self.lines)), ("amount", Fill::Text(&amount))];
        FindingText {
            title: self.text(keys::VISIT_NOT_RECEIVED_TITLE),
            explain: self.render(keys::VISIT_NOT_RECEIVED_EXPLAIN, &fills),
            ask: self.render(keys::VISIT_NOT_RECEIVED_ASK, &fills),
        }
    }

    /// The bill above the EOB's share: `[title, explain, ask]` keys.
    fn balance(&self, [title, explain, ask]: [Key; 3], amount_due: Decimal, your_share: Decimal) -> FindingText {
        let over = money(amount_due - your_share);
        let (amount_due, your_share) = (money(amount_due), money(your_share));
        let all = [
            ("your_share", Fill::Text(&your_share)),
            ("amount_due", Fill::Text(&amount_due)),
            ("over", Fill::Text(&over)),
        ];
        let ask_fills: Vec<_> = all
            .iter()
            .copied()
            .filter(|(name, _)| ask.placeholders.contains(name))
            .collect();
        let title_fills: Vec<_> = all
            .iter()
            .copied()
            .filter(|(name, _)| title.placeholders.contains(name))
            .collect();
        FindingText {
            title: self.render(title, &title_fills),
            explain: self.render(explain, &all),
            ask: self.render(ask, &ask_fills),
        }
    }

    fn eob_math(&self, allowed: Decimal, plan_paid: Decimal, your_share: Decimal) -> FindingText {
        let expected = allowed - plan_paid;
        let difference = money((your_share - expected).abs());
        let (allowed, plan_paid, expected, your_share) =
            (money(allowed), money(plan_paid), money(expected), money(your_share));
        let ask = [
            ("allowed", Fill::Text(&allowed)),
            ("plan_paid", Fill::Text(&plan_paid)),
            ("expected", Fill::Text(&expected)),
            ("your_share", Fill::Text(&your_share)),
        ];
        let mut explain = ask.to_vec();
        explain.push(("difference", Fill::Text(&difference)));
        // E2, E11: Original Medicare's figures are on its Medicare Summary
        // Notice, and its questions go to 1-800-MEDICARE.
        let [title, explain_key, ask_key] = if self.bill.gets_msn() {
            [
                keys::VISIT_MSN_MATH_TITLE,
                keys::VISIT_MSN_MATH_EXPLAIN,
                keys::VISIT_MSN_MATH_ASK,
            ]
        } else {
            [
                keys::VISIT_EOB_MATH_TITLE,
                keys::VISIT_EOB_MATH_EXPLAIN,
                keys::VISIT_EOB_MATH_ASK,
            ]
        };
        FindingText {
            title: self.text(title),
            explain: self.render(explain_key, &explain),
            ask: self.render(ask_key, &ask),
        }
    }

    fn ask_for_eob(&self, denied: bool) -> FindingText {
        let msn = self.bill.gets_msn();
        // E2: Medicare of a kind not known: the MSN or a Medicare plan's
        // EOB, so neither "your insurer" nor "the MSN" alone.
        let medicare_not_known = self.bill.coverage == Some(crate::domain::bill::Coverage::Medicare)
            && !matches!(
                self.bill.medicare,
                Some(crate::domain::bill::MedicareKind::Original | crate::domain::bill::MedicareKind::Advantage)
            );
        if medicare_not_known {
            let explain = if denied {
                keys::VISIT_ASK_MEDICARE_NOTICE_DENIED_EXPLAIN
            } else {
                keys::VISIT_ASK_MEDICARE_NOTICE_EXPLAIN
            };
            return FindingText {
                title: self.text(keys::VISIT_ASK_MEDICARE_NOTICE_TITLE),
                explain: self.text(explain),
                ask: self.text(keys::VISIT_ASK_MEDICARE_NOTICE_ASK),
            };
        }
        let (title, explain, ask) = match (msn, denied) {
            (false, true) => (
                keys::VISIT_ASK_EOB_TITLE,
                keys::VISIT_ASK_EOB_DENIED_EXPLAIN,
                keys::VISIT_ASK_EOB_DENIED_ASK,
            ),
            (false, false) => (
                keys::VISIT_ASK_EOB_TITLE,
                keys::VISIT_ASK_EOB_EXPLAIN,
                keys::VISIT_ASK_EOB_ASK,
            ),
            // E2, E11: Original Medicare's statement and number.
            (true, true) => (
                keys::VISIT_ASK_MSN_TITLE,
                keys::VISIT_ASK_MSN_DENIED_EXPLAIN,
                keys::VISIT_ASK_MSN_DENIED_ASK,
            ),
            (true, false) => (
                keys::VISIT_ASK_MSN_TITLE,
                keys::VISIT_ASK_MSN_EXPLAIN,
                keys::VISIT_ASK_MSN_ASK,
            ),
        };
        FindingText {
            title: self.text(title),
            explain: self.text(explain),
            ask: self.text(ask),
        }
    }

    fn over_estimate(&self, total: Decimal, estimate: Decimal, deadline: Option<NaiveDate>) -> FindingText {
        let over = money(total - estimate);
        let (total, estimate) = (money(total), money(estimate));
        let fills = [
            ("estimate", Fill::Text(&estimate)),
            ("total", Fill::Text(&total)),
            ("over", Fill::Text(&over)),
        ];
        let when = match deadline {
            None => self.text(keys::VISIT_OVER_ESTIMATE_DEADLINE_UNKNOWN),
            Some(date) => {
                let key = if date < self.view.today {
                    keys::VISIT_OVER_ESTIMATE_DEADLINE_PASSED
                } else {
                    keys::VISIT_OVER_ESTIMATE_DEADLINE
                };
                self.render(key, &[("deadline", Fill::Text(&self.date(date)))])
            }
        };
        FindingText {
            title: self.render(keys::VISIT_OVER_ESTIMATE_TITLE, &[("over", Fill::Text(&over))]),
            explain: Html::join(&[self.render(keys::VISIT_OVER_ESTIMATE_EXPLAIN, &fills), when], " "),
            ask: self.render(keys::VISIT_OVER_ESTIMATE_ASK, &fills),
        }
    }

    fn high_price(
        &self,
        item: usize,
        schedule: FeeSchedule,
        medicare: Decimal,
        multiple: Decimal,
        target: Decimal,
    ) -> FindingText {
        let units = self.bill.items.get(item).map_or(1, |line| line.units);
        let rate = money(medicare);
        let medicare = if units > 1 {
            self.render(keys::VISIT_HIGH_PRICE_PER_UNIT, &[("rate", Fill::Text(&rate))])
        } else {
            Html::from_text(&rate)
        };
        let code = self
            .bill
            .items
            .get(item)
            .and_then(|line| line.code.clone())
            .unwrap_or_default();
        let (amount, multiple, target) = (self.amount_of(item), multiple.to_string(), money(target));
        let explain = match schedule {
            FeeSchedule::Hospital => keys::VISIT_HIGH_PRICE_HOSPITAL_EXPLAIN,
            FeeSchedule::Physician => keys::VISIT_HIGH_PRICE_PHYSICIAN_EXPLAIN,
        };
        FindingText {
            title: self.render(
                keys::VISIT_HIGH_PRICE_TITLE,
                &[("code", Fill::Text(&code)), ("multiple", Fill::Text(&multiple))],
            ),
            explain: self.render(
                explain,
                &[
                    ("lines", Fill::Html(&self.lines)),
                    ("amount", Fill::Text(&amount)),
                    ("medicare", Fill::Html(&medicare)),
                    ("multiple", Fill::Text(&multiple)),
                    ("target", Fill::Text(&target)),
                ],
            ),
            ask: self.render(
                keys::VISIT_HIGH_PRICE_ASK,
                &[
                    ("lines", Fill::Html(&self.lines)),
                    ("amount", Fill::Text(&amount)),
                    ("multiple", Fill::Text(&multiple)),
                    ("target", Fill::Text(&target)),
                ],
            ),
        }
    }

    fn assistance(
        &self,
        percent: Decimal,
        household: u32,
        income: Decimal,
        guideline: Decimal,
        program: Option<StateProgram>,
        nonprofit_confirmed: bool,
    ) -> FindingText {
        let band = if percent <= Decimal::from(200) {
            keys::VISIT_ASSISTANCE_FREE
        } else if percent <= Decimal::from(400) {
            keys::VISIT_ASSISTANCE_DISCOUNT
        } else {
            keys::VISIT_ASSISTANCE_STATE_ONLY
        };
        let (shown, household, guideline) = (whole(percent), household.to_string(), money(guideline));
        let mut explain = vec![self.render(
            band,
            &[
                ("percent", Fill::Text(&shown)),
                ("guideline", Fill::Text(&guideline)),
                ("household", Fill::Text(&household)),
            ],
        )];
        if let Some(program) = program {
            explain.push(self.text(match program {
                StateProgram::California => keys::VISIT_ASSISTANCE_CA,
                StateProgram::Washington => keys::VISIT_ASSISTANCE_WA,
                StateProgram::Maryland => keys::VISIT_ASSISTANCE_MD,
                StateProgram::NewYork => keys::VISIT_ASSISTANCE_NY,
                StateProgram::Illinois => keys::VISIT_ASSISTANCE_IL,
                StateProgram::Colorado => keys::VISIT_ASSISTANCE_CO,
            }));
        }
        if !nonprofit_confirmed {
            explain.push(self.text(keys::VISIT_ASSISTANCE_NONPROFIT_UNSURE));
        }
        explain.push(self.text(keys::VISIT_ASSISTANCE_WINDOW));
        let income = money(income);
        FindingText {
            title: self.text(keys::VISIT_ASSISTANCE_TITLE),
            explain: Html::join(&explain, " "),
            ask: self.render(
                keys::VISIT_ASSISTANCE_ASK,
                &[("household", Fill::Text(&household)), ("income", Fill::Text(&income))],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::domain::audit::{Certainty, FindingKind};
    use crate::domain::line_items::LineItem;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn day(year: i32, month: u32, date: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, date).unwrap()
    }

    fn item(code: &str, units: u32, amount: &str) -> LineItem {
        LineItem {
            date: Some(day(2026, 3, 14)),
            revenue_code: Some("0450".to_string()),
            code: (!code.is_empty()).then(|| code.to_string()),
            modifiers: Vec::new(),
            description: "CHARGE <WITH> & MARKS".to_string(),
            units,
            amount: d(amount),
        }
    }

    fn every_issue() -> Vec<(VisitIssue, Vec<usize>)> {
        let mut issues = vec![
            (VisitIssue::ErLevel { item: 0, level: 5 }, vec![0]),
            (VisitIssue::ErLevel { item: 3, level: 4 }, vec![3]),
            (
                VisitIssue::FacilityFee {
                    kind: FacilityKind::Clinic,
                    amount: d("300"),
                },
                vec![1],
            ),
            (
                VisitIssue::FacilityFee {
                    kind: FacilityKind::Emergency,
                    amount: d("1850"),
                },
                vec![1, 2],
            ),
            (
                VisitIssue::AfterDischarge {
                    last_night: day(2026, 3, 3),
                    discharge: day(2026, 3, 4),
                    amount: d("95"),
                },
                vec![2],
            ),
            (VisitIssue::NotReceived { amount: d("45.50") }, vec![1, 2]),
            (
                VisitIssue::BalanceDiffersFromEob {
                    amount_due: d("350"),
                    your_share: d("100"),
                },
                vec![],
            ),
            (
                VisitIssue::EobMath {
                    allowed: d("400"),
                    plan_paid: d("300"),
                    your_share: d("180"),
                },
                vec![],
            ),
            (VisitIssue::AskForEob { denied: false }, vec![]),
            (VisitIssue::AskForEob { denied: true }, vec![]),
            (
                VisitIssue::BalanceBilling {
                    amount_due: d("550"),
                    your_share: d("100"),
                    emergency: true,
                },
                vec![],
            ),
            (
                VisitIssue::BalanceBilling {
                    amount_due: d("550"),
                    your_share: d("100"),
                    emergency: false,
                },
                vec![],
            ),
            (VisitIssue::AskForItemized, vec![]),
            (VisitIssue::AppealDenial { deadline: None }, vec![]),
            (VisitIssue::ValidateDebt { deadline: None }, vec![]),
            (
                VisitIssue::ValidateDebt {
                    deadline: Some(day(2026, 12, 20)),
                },
                vec![],
            ),
            (
                VisitIssue::AppealDenial {
                    deadline: Some(day(2027, 3, 29)),
                },
                vec![],
            ),
        ];
        for (not_admitted, without_critical_care) in [(true, false), (false, true), (true, true)] {
            issues.push((
                VisitIssue::TraumaActivation {
                    amount: d("9500"),
                    not_admitted,
                    without_critical_care,
                },
                vec![2],
            ));
        }
        for (charged, expected) in [(4, 3), (2, 1)] {
            issues.push((
                VisitIssue::DischargeDayRoom {
                    item: 1,
                    admission: day(2026, 3, 1),
                    discharge: day(2026, 3, 4),
                    nights_charged: charged,
                    nights_expected: expected,
                    night_charge: d("2100"),
                },
                vec![1],
            ));
        }
        for deadline in [None, Some(day(2026, 7, 31)), Some(day(2026, 12, 31))] {
            issues.push((
                VisitIssue::OverEstimate {
                    total: d("900"),
                    estimate: d("500"),
                    deadline,
                },
                vec![],
            ));
        }
        for (item, schedule) in [
            (0, FeeSchedule::Hospital),
            (1, FeeSchedule::Physician),
            (2, FeeSchedule::Hospital),
        ] {
            let high = VisitIssue::HighPrice {
                item,
                schedule,
                medicare: d("608.43"),
                multiple: d("4.0"),
                target: d("790.96"),
            };
            issues.push((high, vec![item]));
        }
        let programs = [
            None,
            Some(StateProgram::California),
            Some(StateProgram::Washington),
            Some(StateProgram::Maryland),
            Some(StateProgram::NewYork),
            Some(StateProgram::Illinois),
            Some(StateProgram::Colorado),
        ];
        for (program, percent) in programs
            .into_iter()
            .zip(["150", "250", "300.5", "199.9", "400", "554.5", "250"])
        {
            for nonprofit_confirmed in [true, false] {
                let assistance = VisitIssue::FinancialAssistance {
                    percent: d(percent),
                    household: 2,
                    income: d("30000"),
                    guideline: d("21640"),
                    program,
                    nonprofit_confirmed,
                };
                issues.push((assistance, vec![]));
            }
        }
        issues
    }

    #[test]
    fn every_visit_finding_renders_completely() {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 11, 28),
        };
        let reference = Reference::embedded().unwrap();
        let bill = Bill {
            items: vec![
                item("99285", 1, "2433.72"),
                item("", 1, "300"),
                item("J1885", 2, "90"),
                item("99284", 1, "1200"),
            ],
            ..Bill::default()
        };
        let issues = every_issue();
        let ids: std::collections::BTreeSet<&str> = issues.iter().map(|(issue, _)| issue.id()).collect();
        assert_eq!(ids.len(), 16, "every id is covered: {ids:?}");
        for (issue, items) in issues {
            let finding = Finding {
                kind: FindingKind::Visit(issue.clone()),
                items,
                at_stake: Decimal::ZERO,
                certainty: Certainty::Likely,
            };
            let text = describe(&issue, &finding, &bill, &reference, &view);
            for part in [&text.title, &text.explain, &text.ask] {
                assert!(!part.as_str().contains('{'), "{issue:?}: {part}");
                assert!(!part.as_str().is_empty(), "{issue:?}");
                if let Err(problem) = part.check_tags() {
                    panic!("{issue:?}: {problem} in {part}");
                }
                assert!(!part.to_plain().to_lowercase().contains("fraud"), "{issue:?}");
            }
        }
    }

    #[test]
    fn findings_show_the_figures() {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 11, 28),
        };
        let reference = Reference::embedded().unwrap();
        let bill = Bill {
            items: vec![item("99285", 1, "2433.72"), item("J1885", 2, "90")],
            ..Bill::default()
        };
        let render = |issue: VisitIssue, items: Vec<usize>| {
            let finding = Finding {
                kind: FindingKind::Visit(issue.clone()),
                items,
                at_stake: Decimal::ZERO,
                certainty: Certainty::Likely,
            };
            let text = describe(&issue, &finding, &bill, &reference, &view);
            (text.title.to_plain(), text.explain.to_plain(), text.ask.to_plain())
        };

        let (title, explain, ask) = render(
            VisitIssue::HighPrice {
                item: 0,
                schedule: FeeSchedule::Hospital,
                medicare: d("608.43"),
                multiple: d("4.0"),
                target: d("790.96"),
            },
            vec![0],
        );
        assert_eq!(title, "99285 at 4.0 times the Medicare rate");
        assert!(explain.contains("line 1 (99285, ER visit, level 5 of 5"), "{explain}");
        assert!(
            explain.contains("$2,433.72") && explain.contains("$608.43"),
            "{explain}"
        );
        assert!(
            explain.contains("runs from about 10% lower to 20% higher")
                && explain.contains("often accept 10–30% above Medicare"),
            "{explain}"
        );
        assert!(ask.contains("$790.96"), "{ask}");

        let (_, explain, _) = render(
            VisitIssue::HighPrice {
                item: 1,
                schedule: FeeSchedule::Hospital,
                medicare: d("0.341"),
                multiple: d("132.0"),
                target: d("0.89"),
            },
            vec![1],
        );
        assert!(explain.contains("$0.34 a unit"), "{explain}");

        let (title, explain, _) = render(
            VisitIssue::OverEstimate {
                total: d("900"),
                estimate: d("500"),
                deadline: Some(day(2026, 7, 31)),
            },
            vec![],
        );
        assert_eq!(title, "$400.00 above your good-faith estimate");
        assert!(explain.contains("ended on Fri, Jul 31"), "{explain}");

        let (_, explain, ask) = render(
            VisitIssue::FinancialAssistance {
                percent: d("138.6"),
                household: 2,
                income: d("30000"),
                guideline: d("21640"),
                program: Some(StateProgram::Maryland),
                nonprofit_confirmed: true,
            },
            vec![],
        );
        assert!(
            explain.contains("about 139% of the 2026") && explain.contains("$21,640.00"),
            "{explain}"
        );
        assert!(explain.contains("Maryland law"), "{explain}");
        assert!(ask.contains("household of 2") && ask.contains("$30,000.00"), "{ask}");

        let (_, explain, _) = render(
            VisitIssue::DischargeDayRoom {
                item: 0,
                admission: day(2026, 3, 1),
                discharge: day(2026, 3, 2),
                nights_charged: 2,
                nights_expected: 1,
                night_charge: d("2100"),
            },
            vec![0],
        );
        assert!(
            explain.contains("charged for 2 nights from Sun, Mar 1") && explain.contains("stay was 1 night."),
            "{explain}"
        );

        // With the user's discharge date, the words say so.
        let stay = Bill {
            discharge_date: Some(day(2026, 3, 2)),
            ..bill.clone()
        };
        let issue = VisitIssue::DischargeDayRoom {
            item: 0,
            admission: day(2026, 3, 1),
            discharge: day(2026, 3, 2),
            nights_charged: 2,
            nights_expected: 1,
            night_charge: d("2100"),
        };
        let finding = Finding {
            kind: FindingKind::Visit(issue.clone()),
            items: vec![0],
            at_stake: d("2100"),
            certainty: Certainty::Likely,
        };
        let explain = describe(&issue, &finding, &stay, &reference, &view).explain.to_plain();
        assert!(explain.contains("You went home on Mon, Mar 2"), "{explain}");

        // An ER level on the hospital's bill says the patient went home; on
        // the ER doctor's own bill (no facility revenue codes) it does not.
        let (_, explain, _) = render(VisitIssue::ErLevel { item: 0, level: 5 }, vec![0]);
        assert!(explain.contains("so you went home"), "{explain}");
        let doctor = Bill {
            items: vec![LineItem {
                revenue_code: None,
                ..item("99285", 1, "480")
            }],
            ..Bill::default()
        };
        let issue = VisitIssue::ErLevel { item: 0, level: 5 };
        let finding = Finding {
            kind: FindingKind::Visit(issue.clone()),
            items: vec![0],
            at_stake: Decimal::ZERO,
            certainty: Certainty::WorthAsking,
        };
        let explain = describe(&issue, &finding, &doctor, &reference, &view)
            .explain
            .to_plain();
        assert!(
            !explain.contains("went home") && explain.contains("ER doctor"),
            "{explain}"
        );

        let (_, _, ask) = render(VisitIssue::NotReceived { amount: d("2523.72") }, vec![0, 1]);
        // Each line with its number, code and plain name.
        assert!(
            ask.contains("lines 1 (99285, ER visit, level 5 of 5")
                && ask.contains(", 2 (J1885, ")
                && ask.contains("($2,523.72)"),
            "{ask}"
        );
    }

    /// Revenue codes are on hospital (UB-04) bills only: a trial patient
    /// with a doctor's-office bill was told to ask for "the revenue code".
    #[test]
    fn the_itemized_request_asks_for_what_the_senders_bill_has() {
        use crate::domain::bill::BillSender;
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 11, 28),
        };
        let reference = Reference::embedded().unwrap();
        let finding = Finding {
            kind: FindingKind::Visit(VisitIssue::AskForItemized),
            items: Vec::new(),
            at_stake: Decimal::ZERO,
            certainty: Certainty::Certain,
        };
        let ask = |sender: Option<BillSender>| {
            let bill = Bill {
                sender,
                ..Bill::default()
            };
            describe(&VisitIssue::AskForItemized, &finding, &bill, &reference, &view)
                .ask
                .to_plain()
        };
        for sender in [BillSender::DoctorOffice, BillSender::Lab, BillSender::Ambulance] {
            let ask = ask(Some(sender));
            assert!(!ask.contains("revenue code"), "{sender:?}: {ask}");
            assert!(ask.contains("CPT or HCPCS code"), "{sender:?}: {ask}");
        }
        assert!(ask(Some(BillSender::Hospital)).contains("the revenue code, the CPT"));
        for sender in [Some(BillSender::CollectionsAgency), Some(BillSender::Other), None] {
            let ask = ask(sender);
            assert!(
                ask.contains("for hospital charges, the revenue code"),
                "{sender:?}: {ask}"
            );
        }
    }
}
