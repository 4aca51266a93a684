//! The words for the coding findings ([`crate::domain::audit::coding`]):
//! what we saw on which lines, and the exact thing to ask the billing
//! office, with dates, codes and dollars filled in.
//!
//! Lines are named by our plain name for their code, or by their own
//! description (the user's text, escaped), with their number as the user
//! sees it (1-based) and their amount.

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::report::finding_text::FindingText;
use crate::conversation::view::View;
use crate::domain::audit::coding::{CodingIssue, ModifierProblem, PairRule, RepeatDoubt, UnitLimit, VisitSetting};
use crate::domain::audit::{Certainty, Finding};
use crate::domain::bill::Bill;
use crate::domain::line_items::LineItem;
use crate::domain::money::Usd;
use crate::domain::reference::Reference;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The title, explanation and ask of one coding finding.
pub fn describe(
    issue: &CodingIssue,
    finding: &Finding,
    bill: &Bill,
    reference: &Reference,
    view: &View<'_>,
) -> FindingText {
    let words = Words { bill, reference, view };
    match issue {
        CodingIssue::Duplicate {
            code,
            date,
            first,
            repeats,
            doubt,
        } => words.duplicate(finding.certainty, code, *date, *first, repeats, doubt),
        CodingIssue::SplitService { code, date, lines } => words.split_service(code, *date, lines),
        CodingIssue::UnknownCode { item, code } => words.unknown_code(*item, code),
        CodingIssue::DeletedCode { item, code, deleted } => words.deleted_code(*item, code, *deleted),
        CodingIssue::BadModifier {
            item,
            modifier,
            problem,
        } => words.bad_modifier(*item, modifier, *problem),
        CodingIssue::PanelComponent {
            panel,
            components,
            date,
        } => words.panel_component(*panel, components, *date),
        CodingIssue::PanelInPanel { panel, inner, date } => words.panel_pair(
            *inner,
            *panel,
            *date,
            [
                keys::CODING_PANEL_IN_PANEL_TITLE,
                keys::CODING_PANEL_IN_PANEL_EXPLAIN,
                keys::CODING_PANEL_IN_PANEL_ASK,
            ],
            "inner",
        ),
        CodingIssue::PanelOverlap { panel, other, date } => words.panel_pair(
            *other,
            *panel,
            *date,
            [
                keys::CODING_PANEL_OVERLAP_TITLE,
                keys::CODING_PANEL_OVERLAP_EXPLAIN,
                keys::CODING_PANEL_OVERLAP_ASK,
            ],
            "other",
        ),
        CodingIssue::ExtraVenipuncture { date, draws, lines } => {
            words.extra_venipuncture(finding.certainty, *date, *draws, lines)
        }
        CodingIssue::VisitWithInjection {
            visit,
            shot,
            date,
            setting,
        } => words.visit_with_injection(*visit, *shot, *date, *setting),
        CodingIssue::CodingPair {
            rule,
            kept,
            extra,
            date,
        } => words.coding_pair(*rule, *kept, *extra, *date),
        CodingIssue::TooManyUnits {
            item,
            units,
            limit,
            reason,
            ..
        } => words.too_many_units(*item, *units, *limit, *reason),
        CodingIssue::ContrastWithoutDye { agent, study, date } => words.contrast(*agent, *study, *date),
        CodingIssue::RoutineSupply { lines } => words.routine_supply(lines),
    }
}

/// Whether a name starts a sentence or sits inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Start,
    Mid,
}

/// What the words are made from.
struct Words<'a> {
    bill: &'a Bill,
    reference: &'a Reference,
    view: &'a View<'a>,
}

impl Words<'_> {
    fn item(&self, index: usize) -> Option<&LineItem> {
        self.bill.items.get(index)
    }

    /// Our plain name for the line's code (lower-cased inside a sentence),
    /// else the line's own description, else its code.
    fn name(&self, index: usize, case: Case) -> String {
        let Some(item) = self.item(index) else {
            return String::new();
        };
        let code = item.code.as_deref().unwrap_or("").trim().to_ascii_uppercase();
        if let Some(plain) = super::finding_text::plain_name(&code, self.reference, self.view.content) {
            return match case {
                Case::Start => plain.to_string(),
                Case::Mid => mid_sentence(plain),
            };
        }
        let description = item.description.trim();
        if description.is_empty() {
            code
        } else {
            description.to_string()
        }
    }

    /// The sum of these lines' amounts, as dollars.
    fn amount(&self, items: &[usize]) -> String {
        Usd(items.iter().filter_map(|&i| self.item(i)).map(|item| item.amount).sum()).to_string()
    }

    /// "Blood draw from a vein (line 3, code 36415, $25.00)"; a line
    /// without a code leaves the code out.
    fn line(&self, index: usize, case: Case) -> Html {
        let code = self
            .item(index)
            .map(|item| item.code.as_deref().unwrap_or("").trim().to_ascii_uppercase())
            .unwrap_or_default();
        let (name, number, amount) = (self.name(index, case), number(index), self.amount(&[index]));
        let mut fills = vec![
            ("name", Fill::Text(&name)),
            ("number", Fill::Text(&number)),
            ("amount", Fill::Text(&amount)),
        ];
        if code.is_empty() {
            self.render(keys::CODING_LINE_NO_CODE, &fills)
        } else {
            fills.push(("code", Fill::Text(&code)));
            self.render(keys::CODING_LINE, &fills)
        }
    }

    /// Several lines, named inside a sentence.
    fn lines(&self, items: &[usize]) -> Html {
        let parts: Vec<Html> = items.iter().map(|&i| self.line(i, Case::Mid)).collect();
        Html::join(&parts, self.view.content.text(keys::CODING_LIST_SEPARATOR).as_str())
    }

    /// "line 3", "lines 3, 5".
    fn numbers(&self, items: &[usize]) -> Html {
        match items {
            [one] => self.render(keys::CODING_NUMBER, &[("number", Fill::Text(&number(*one)))]),
            _ => {
                let numbers: Vec<String> = items.iter().map(|&i| number(i)).collect();
                self.render(keys::CODING_NUMBERS, &[("numbers", Fill::Text(&numbers.join(", ")))])
            }
        }
    }

    /// "on Sat, Mar 14", or the words for lines without a date.
    fn when(&self, date: Option<NaiveDate>) -> Html {
        match date {
            Some(date) => self.render(keys::CODING_ON_DATE, &[("date", Fill::Text(&self.view.date(date)))]),
            None => self.view.content.text(keys::CODING_NO_DATE),
        }
    }

    fn render(&self, key: Key, fills: &[(&str, Fill<'_>)]) -> Html {
        self.view.content.render(key, fills)
    }

    fn duplicate(
        &self,
        certainty: Certainty,
        code: &str,
        date: Option<NaiveDate>,
        first: usize,
        repeats: &[usize],
        doubt: &RepeatDoubt,
    ) -> FindingText {
        let mut all = vec![first];
        all.extend_from_slice(repeats);
        let (name, times, when, lines) = (
            self.name(first, Case::Start),
            all.len().to_string(),
            self.when(date),
            self.lines(&all),
        );
        let explain_fills = [
            ("name", Fill::Text(&name)),
            ("code", Fill::Text(code)),
            ("times", Fill::Text(&times)),
            ("when", Fill::Html(&when)),
            ("lines", Fill::Html(&lines)),
        ];
        let explain = match doubt {
            RepeatDoubt::None if !self.shows_modifiers() => {
                self.render(keys::CODING_DUPLICATE_EXPLAIN_UNPRINTED, &explain_fills)
            }
            RepeatDoubt::None => self.render(keys::CODING_DUPLICATE_EXPLAIN, &explain_fills),
            RepeatDoubt::Serial => self.render(keys::CODING_DUPLICATE_EXPLAIN_SERIAL, &explain_fills),
            RepeatDoubt::SecondDose => self.render(keys::CODING_DUPLICATE_EXPLAIN_DOSE, &explain_fills),
            RepeatDoubt::WrongModifier(modifier) => {
                let mut fills = explain_fills.to_vec();
                fills.push(("modifier", Fill::Text(modifier)));
                self.render(keys::CODING_DUPLICATE_EXPLAIN_MODIFIER, &fills)
            }
        };
        FindingText {
            title: self.render(
                keys::CODING_DUPLICATE_TITLE,
                &[("name", Fill::Text(&name)), ("times", Fill::Text(&times))],
            ),
            explain,
            ask: if certainty == Certainty::WorthAsking {
                self.render(
                    keys::CODING_DUPLICATE_ASK_CONFIRM,
                    &[
                        ("name", Fill::Text(&self.name(first, Case::Mid))),
                        ("times", Fill::Text(&times)),
                        ("when", Fill::Html(&when)),
                    ],
                )
            } else {
                self.render(
                    keys::CODING_DUPLICATE_ASK,
                    &[
                        ("name", Fill::Text(&self.name(first, Case::Mid))),
                        ("times", Fill::Text(&times)),
                        ("when", Fill::Html(&when)),
                        ("amount", Fill::Text(&self.amount(repeats))),
                    ],
                )
            },
        }
    }

    /// Some line of the bill prints a modifier (else a missing one proves
    /// little: statements often leave them out).
    fn shows_modifiers(&self) -> bool {
        crate::domain::audit::coding::prints_modifiers(self.bill)
    }

    fn split_service(&self, code: &str, date: Option<NaiveDate>, lines: &[usize]) -> FindingText {
        let first = lines.first().copied().unwrap_or_default();
        let (name, count, when) = (self.name(first, Case::Start), lines.len().to_string(), self.when(date));
        FindingText {
            title: self.render(
                keys::CODING_SPLIT_TITLE,
                &[("name", Fill::Text(&name)), ("count", Fill::Text(&count))],
            ),
            explain: self.render(
                keys::CODING_SPLIT_EXPLAIN,
                &[
                    ("name", Fill::Text(&name)),
                    ("code", Fill::Text(code)),
                    ("count", Fill::Text(&count)),
                    ("when", Fill::Html(&when)),
                    ("lines", Fill::Html(&self.lines(lines))),
                ],
            ),
            ask: self.render(
                keys::CODING_SPLIT_ASK,
                &[
                    ("name", Fill::Text(&self.name(first, Case::Mid))),
                    ("count", Fill::Text(&count)),
                    ("when", Fill::Html(&when)),
                    ("total", Fill::Text(&self.amount(lines))),
                ],
            ),
        }
    }

    fn unknown_code(&self, item: usize, code: &str) -> FindingText {
        self.code_finding(
            item,
            code,
            [
                keys::CODING_UNKNOWN_TITLE,
                keys::CODING_UNKNOWN_EXPLAIN,
                keys::CODING_UNKNOWN_ASK,
            ],
            &[],
        )
    }

    fn deleted_code(&self, item: usize, code: &str, deleted: NaiveDate) -> FindingText {
        let deleted = self.view.date(deleted);
        self.code_finding(
            item,
            code,
            [
                keys::CODING_DELETED_TITLE,
                keys::CODING_DELETED_EXPLAIN,
                keys::CODING_DELETED_ASK,
            ],
            &[("deleted", Fill::Text(&deleted))],
        )
    }

    /// A finding about one line's code: title [code], explain [line, code,
    /// extra], ask [number, code, amount].
    fn code_finding(
        &self,
        item: usize,
        code: &str,
        [title, explain, ask]: [Key; 3],
        extra: &[(&str, Fill<'_>)],
    ) -> FindingText {
        let line = self.line(item, Case::Start);
        let mut explain_fills = vec![("line", Fill::Html(&line)), ("code", Fill::Text(code))];
        explain_fills.extend_from_slice(extra);
        FindingText {
            title: self.render(title, &[("code", Fill::Text(code))]),
            explain: self.render(explain, &explain_fills),
            ask: self.render(
                ask,
                &[
                    ("number", Fill::Text(&number(item))),
                    ("code", Fill::Text(code)),
                    ("amount", Fill::Text(&self.amount(&[item]))),
                ],
            ),
        }
    }

    fn bad_modifier(&self, item: usize, modifier: &str, problem: ModifierProblem) -> FindingText {
        let explain = match problem {
            ModifierProblem::Malformed => keys::CODING_MODIFIER_MALFORMED,
            ModifierProblem::Unknown => keys::CODING_MODIFIER_UNKNOWN,
            ModifierProblem::VisitOnly => keys::CODING_MODIFIER_VISIT_ONLY,
            ModifierProblem::NotOnVisit => keys::CODING_MODIFIER_NOT_ON_VISIT,
            ModifierProblem::TwoDistinct => keys::CODING_MODIFIER_TWO_DISTINCT,
            ModifierProblem::LabRepeat => keys::CODING_MODIFIER_LAB_REPEAT,
        };
        let number = number(item);
        let fills = [("modifier", Fill::Text(modifier)), ("number", Fill::Text(&number))];
        FindingText {
            title: self.render(keys::CODING_MODIFIER_TITLE, &fills),
            explain: self.render(
                explain,
                &[
                    ("line", Fill::Html(&self.line(item, Case::Start))),
                    ("modifier", Fill::Text(modifier)),
                ],
            ),
            ask: self.render(keys::CODING_MODIFIER_ASK, &fills),
        }
    }

    fn panel_component(&self, panel: usize, components: &[usize], date: Option<NaiveDate>) -> FindingText {
        let (panel_name, when, lines) = (self.name(panel, Case::Mid), self.when(date), self.lines(components));
        FindingText {
            title: self.render(
                keys::CODING_PANEL_COMPONENT_TITLE,
                &[("panel_name", Fill::Text(&panel_name))],
            ),
            explain: self.render(
                keys::CODING_PANEL_COMPONENT_EXPLAIN,
                &[
                    ("panel", Fill::Html(&self.line(panel, Case::Start))),
                    ("when", Fill::Html(&when)),
                    ("lines", Fill::Html(&lines)),
                ],
            ),
            ask: self.render(
                keys::CODING_PANEL_COMPONENT_ASK,
                &[
                    ("panel_name", Fill::Text(&panel_name)),
                    ("when", Fill::Html(&when)),
                    ("numbers", Fill::Html(&self.numbers(components))),
                    ("amount", Fill::Text(&self.amount(components))),
                ],
            ),
        }
    }

    /// Two panels: `flagged` (inside, or overlapping) and the bigger
    /// `panel`; `role` names the flagged one's placeholders (`inner`,
    /// `other`).
    fn panel_pair(
        &self,
        flagged: usize,
        panel: usize,
        date: Option<NaiveDate>,
        [title, explain, ask]: [Key; 3],
        role: &str,
    ) -> FindingText {
        let (role_name, when) = (format!("{role}_name"), self.when(date));
        let panel_name = self.name(panel, Case::Mid);
        FindingText {
            title: self.render(
                title,
                &[
                    (role_name.as_str(), Fill::Text(&self.name(flagged, Case::Start))),
                    ("panel_name", Fill::Text(&panel_name)),
                ],
            ),
            explain: self.render(
                explain,
                &[
                    (role, Fill::Html(&self.line(flagged, Case::Start))),
                    ("panel", Fill::Html(&self.line(panel, Case::Mid))),
                    ("when", Fill::Html(&when)),
                ],
            ),
            ask: self.render(
                ask,
                &[
                    (role_name.as_str(), Fill::Text(&self.name(flagged, Case::Mid))),
                    ("panel_name", Fill::Text(&panel_name)),
                    ("when", Fill::Html(&when)),
                    ("amount", Fill::Text(&self.amount(&[flagged]))),
                ],
            ),
        }
    }

    fn extra_venipuncture(
        &self,
        certainty: Certainty,
        date: Option<NaiveDate>,
        draws: u32,
        lines: &[usize],
    ) -> FindingText {
        let (count, when) = (draws.to_string(), self.when(date));
        // A question (separate lines may be separate encounters or
        // specimens, C2): no amount to remove, a question to ask.
        if certainty == Certainty::WorthAsking {
            return FindingText {
                title: self.render(keys::CODING_VENIPUNCTURE_TITLE, &[("count", Fill::Text(&count))]),
                explain: self.render(
                    keys::CODING_VENIPUNCTURE_QUESTION_EXPLAIN,
                    &[
                        ("count", Fill::Text(&count)),
                        ("when", Fill::Html(&when)),
                        ("lines", Fill::Html(&self.lines(lines))),
                    ],
                ),
                ask: self.render(
                    keys::CODING_VENIPUNCTURE_QUESTION_ASK,
                    &[("count", Fill::Text(&count)), ("when", Fill::Html(&when))],
                ),
            };
        }
        let extra = match lines {
            [only] => {
                let amount = self.item(*only).map_or(Decimal::ZERO, |item| item.amount);
                Usd(amount * Decimal::from(draws.saturating_sub(1)) / Decimal::from(draws.max(1))).to_string()
            }
            [_, rest @ ..] => self.amount(rest),
            [] => Usd(Decimal::ZERO).to_string(),
        };
        FindingText {
            title: self.render(keys::CODING_VENIPUNCTURE_TITLE, &[("count", Fill::Text(&count))]),
            explain: self.render(
                keys::CODING_VENIPUNCTURE_EXPLAIN,
                &[
                    ("count", Fill::Text(&count)),
                    ("when", Fill::Html(&when)),
                    ("lines", Fill::Html(&self.lines(lines))),
                ],
            ),
            ask: self.render(
                keys::CODING_VENIPUNCTURE_ASK,
                &[
                    ("count", Fill::Text(&count)),
                    ("when", Fill::Html(&when)),
                    ("amount", Fill::Text(&extra)),
                ],
            ),
        }
    }

    fn contrast(&self, agent: usize, study: usize, date: Option<NaiveDate>) -> FindingText {
        let when = self.when(date);
        FindingText {
            title: self.view.content.text(keys::CODING_CONTRAST_TITLE),
            explain: self.render(
                keys::CODING_CONTRAST_EXPLAIN,
                &[
                    ("agent", Fill::Html(&self.line(agent, Case::Start))),
                    ("study", Fill::Html(&self.line(study, Case::Mid))),
                    ("when", Fill::Html(&when)),
                ],
            ),
            ask: self.render(
                keys::CODING_CONTRAST_ASK,
                &[
                    ("agent_name", Fill::Text(&self.name(agent, Case::Mid))),
                    ("when", Fill::Html(&when)),
                    ("amount", Fill::Text(&self.amount(&[agent]))),
                ],
            ),
        }
    }

    fn routine_supply(&self, lines: &[usize]) -> FindingText {
        let named: Vec<Html> = lines.iter().map(|&i| self.line(i, Case::Start)).collect();
        let listed = Html::join(&named, self.view.content.text(keys::CODING_LIST_SEPARATOR).as_str());
        FindingText {
            title: self.view.content.text(keys::CODING_SUPPLY_TITLE),
            explain: self.render(keys::CODING_SUPPLY_EXPLAIN, &[("lines", Fill::Html(&listed))]),
            ask: self.render(
                keys::CODING_SUPPLY_ASK,
                &[
                    ("numbers", Fill::Html(&self.numbers(lines))),
                    ("amount", Fill::Text(&self.amount(lines))),
                ],
            ),
        }
    }

    fn visit_with_injection(
        &self,
        visit: usize,
        shot: usize,
        date: Option<NaiveDate>,
        setting: VisitSetting,
    ) -> FindingText {
        let explain = match setting {
            VisitSetting::Emergency => keys::CODING_VISIT_SHOT_EXPLAIN_ER,
            VisitSetting::Office => keys::CODING_VISIT_SHOT_EXPLAIN,
        };
        let when = self.when(date);
        FindingText {
            title: self.render(
                keys::CODING_VISIT_SHOT_TITLE,
                &[("visit_name", Fill::Text(&self.name(visit, Case::Start)))],
            ),
            explain: self.render(
                explain,
                &[
                    ("visit", Fill::Html(&self.line(visit, Case::Start))),
                    ("shot", Fill::Html(&self.line(shot, Case::Mid))),
                    ("when", Fill::Html(&when)),
                ],
            ),
            ask: self.render(
                keys::CODING_VISIT_SHOT_ASK,
                &[
                    ("shot_name", Fill::Text(&self.name(shot, Case::Mid))),
                    ("when", Fill::Html(&when)),
                    ("amount", Fill::Text(&self.amount(&[visit]))),
                ],
            ),
        }
    }

    fn coding_pair(&self, rule: PairRule, kept: usize, extra: usize, date: Option<NaiveDate>) -> FindingText {
        let [title, explain, ask] = match rule {
            PairRule::OneInitialAdmin => [
                keys::CODING_PAIR_INITIAL_TITLE,
                keys::CODING_PAIR_INITIAL_EXPLAIN,
                keys::CODING_PAIR_INITIAL_ASK,
            ],
            PairRule::BriefVisitWithDrug => [
                keys::CODING_PAIR_BRIEF_VISIT_TITLE,
                keys::CODING_PAIR_BRIEF_VISIT_EXPLAIN,
                keys::CODING_PAIR_BRIEF_VISIT_ASK,
            ],
            PairRule::HydrationWithInfusion => [
                keys::CODING_PAIR_HYDRATION_TITLE,
                keys::CODING_PAIR_HYDRATION_EXPLAIN,
                keys::CODING_PAIR_HYDRATION_ASK,
            ],
            PairRule::IvStartIncluded => [
                keys::CODING_PAIR_IV_START_TITLE,
                keys::CODING_PAIR_IV_START_EXPLAIN,
                keys::CODING_PAIR_IV_START_ASK,
            ],
        };
        // "{kept} and {extra} are…" starts with the kept line; the others
        // start with the extra one.
        let (kept_case, extra_case) = if rule == PairRule::OneInitialAdmin {
            (Case::Start, Case::Mid)
        } else {
            (Case::Mid, Case::Start)
        };
        let when = self.when(date);
        let (amount, extra_name) = (self.amount(&[extra]), self.name(extra, Case::Mid));
        let mut ask_fills = vec![
            ("extra_name", Fill::Text(&extra_name)),
            ("when", Fill::Html(&when)),
            ("amount", Fill::Text(&amount)),
        ];
        let kept_name = self.name(kept, Case::Mid);
        if ask.placeholders.contains(&"kept_name") {
            ask_fills.push(("kept_name", Fill::Text(&kept_name)));
        }
        FindingText {
            title: self.view.content.text(title),
            explain: self.render(
                explain,
                &[
                    ("kept", Fill::Html(&self.line(kept, kept_case))),
                    ("extra", Fill::Html(&self.line(extra, extra_case))),
                    ("when", Fill::Html(&when)),
                ],
            ),
            ask: self.render(ask, &ask_fills),
        }
    }

    fn too_many_units(&self, item: usize, units: u32, limit: u32, reason: UnitLimit) -> FindingText {
        let (explain, ask) = match reason {
            UnitLimit::CriticalCare => (keys::CODING_UNITS_CRITICAL_CARE, keys::CODING_UNITS_ASK),
            UnitLimit::Panel => (keys::CODING_UNITS_PANEL, keys::CODING_UNITS_ASK),
            UnitLimit::ObservationHours => (keys::CODING_UNITS_OBSERVATION, keys::CODING_UNITS_ASK_HOURS),
        };
        let line_amount = self.item(item).map_or(Decimal::ZERO, |item| item.amount);
        let extra = line_amount * Decimal::from(units.saturating_sub(limit)) / Decimal::from(units.max(1));
        let (number, units, limit) = (number(item), units.to_string(), limit.to_string());
        let line = self.line(item, Case::Start);
        let mut explain_fills = vec![("line", Fill::Html(&line)), ("units", Fill::Text(&units))];
        if explain.placeholders.contains(&"limit") {
            explain_fills.push(("limit", Fill::Text(&limit)));
        }
        FindingText {
            title: self.render(
                keys::CODING_UNITS_TITLE,
                &[("units", Fill::Text(&units)), ("number", Fill::Text(&number))],
            ),
            explain: self.render(explain, &explain_fills),
            ask: self.render(
                ask,
                &[
                    ("number", Fill::Text(&number)),
                    ("units", Fill::Text(&units)),
                    ("limit", Fill::Text(&limit)),
                    ("amount", Fill::Text(&Usd(extra).to_string())),
                ],
            ),
        }
    }
}

/// The line number the user sees.
fn number(index: usize) -> String {
    (index + 1).to_string()
}

/// Our plain names start with a capital; inside a sentence the first
/// letter is lowered unless the name starts with an abbreviation ("ER
/// visit", "IV fluids").
fn mid_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::domain::audit::coding::propose;
    use crate::domain::audit::{Certainty, FindingKind};
    use std::str::FromStr;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    fn item(code: &str, description: &str, amount: &str) -> LineItem {
        LineItem {
            date: day(14),
            revenue_code: None,
            code: Some(code.to_string()),
            modifiers: Vec::new(),
            description: description.to_string(),
            units: 1,
            amount: Decimal::from_str(amount).unwrap(),
        }
    }

    /// A bill whose lines every sample issue below can point at.
    fn bill() -> Bill {
        let mut items = vec![
            item("85025", "CBC W/DIFF", "142.00"),
            item("85025", "CBC W/DIFF", "142.00"),
            item("97110", "THER EXERCISE <15 MIN>", "60.00"),
            item("97110", "THER EXERCISE <15 MIN>", "30.00"),
            item("85026", "LAB MISC & \"SPECIAL\"", "50.00"),
            item("J2275", "MORPHINE INJ", "60.00"),
            item("80053", "CMP", "180.00"),
            item("82565", "CREATININE", "35.00"),
            item("80048", "BMP", "120.00"),
            item("36415", "VENIPUNCTURE", "25.00"),
            item("99213", "OFFICE VISIT", "150.00"),
            item("96372", "INJECTION IM", "30.00"),
            item("99291", "CRITICAL CARE", "2000.00"),
            item("G0378", "OBSERVATION", "3000.00"),
        ];
        items[12].units = 2;
        items[13].units = 60;
        Bill {
            items,
            ..Bill::default()
        }
    }

    fn every_issue() -> Vec<CodingIssue> {
        let date = day(14);
        let mut issues = vec![
            CodingIssue::SplitService {
                code: "97110".into(),
                date: None,
                lines: vec![2, 3],
            },
            CodingIssue::UnknownCode {
                item: 4,
                code: "85026".into(),
            },
            CodingIssue::DeletedCode {
                item: 5,
                code: "J2275".into(),
                deleted: NaiveDate::from_ymd_opt(2014, 12, 31).unwrap(),
            },
            CodingIssue::PanelComponent {
                panel: 6,
                components: vec![7, 0],
                date,
            },
            CodingIssue::PanelInPanel {
                panel: 6,
                inner: 8,
                date,
            },
            CodingIssue::PanelOverlap {
                panel: 6,
                other: 8,
                date: None,
            },
            CodingIssue::ExtraVenipuncture {
                date,
                draws: 3,
                lines: vec![9],
            },
            CodingIssue::ExtraVenipuncture {
                date,
                draws: 2,
                lines: vec![9, 0],
            },
        ];
        for doubt in [
            RepeatDoubt::None,
            RepeatDoubt::SecondDose,
            RepeatDoubt::Serial,
            RepeatDoubt::WrongModifier("59".into()),
        ] {
            issues.push(CodingIssue::Duplicate {
                code: "85025".into(),
                date,
                first: 0,
                repeats: vec![1],
                doubt,
            });
        }
        for problem in [
            ModifierProblem::Malformed,
            ModifierProblem::Unknown,
            ModifierProblem::VisitOnly,
            ModifierProblem::NotOnVisit,
            ModifierProblem::TwoDistinct,
            ModifierProblem::LabRepeat,
        ] {
            issues.push(CodingIssue::BadModifier {
                item: 4,
                modifier: "<Q9>".into(),
                problem,
            });
        }
        for setting in [VisitSetting::Office, VisitSetting::Emergency] {
            issues.push(CodingIssue::VisitWithInjection {
                visit: 10,
                shot: 11,
                date,
                setting,
            });
        }
        for rule in [
            PairRule::OneInitialAdmin,
            PairRule::BriefVisitWithDrug,
            PairRule::HydrationWithInfusion,
            PairRule::IvStartIncluded,
        ] {
            issues.push(CodingIssue::CodingPair {
                rule,
                kept: 11,
                extra: 10,
                date,
            });
        }
        for (item, units, limit, reason) in [
            (12, 2, 1, UnitLimit::CriticalCare),
            (6, 2, 1, UnitLimit::Panel),
            (13, 60, 48, UnitLimit::ObservationHours),
        ] {
            issues.push(CodingIssue::ContrastWithoutDye {
                agent: 1,
                study: 0,
                date: day(14),
            });
            issues.push(CodingIssue::RoutineSupply { lines: vec![2, 3] });
            issues.push(CodingIssue::TooManyUnits {
                item,
                code: String::new(),
                units,
                limit,
                reason,
            });
        }
        issues
    }

    fn finding(issue: &CodingIssue) -> Finding {
        Finding {
            kind: FindingKind::Coding(issue.clone()),
            items: Vec::new(),
            at_stake: Decimal::ZERO,
            certainty: Certainty::WorthAsking,
        }
    }

    fn render(issue: &CodingIssue, bill: &Bill, content: &Content) -> FindingText {
        let reference = Reference::embedded().unwrap();
        let view = View {
            content,
            today: today(),
        };
        describe(issue, &finding(issue), bill, &reference, &view)
    }

    #[test]
    fn every_variant_renders_whole_with_valid_markup_and_escaped_user_text() {
        let content = Content::embedded().unwrap();
        let bill = bill();
        let issues = every_issue();
        let ids: std::collections::BTreeSet<&str> = issues.iter().map(CodingIssue::id).collect();
        assert_eq!(ids.len(), 14, "every id is covered");
        for issue in &issues {
            let text = render(issue, &bill, &content);
            for (part, html) in [("title", &text.title), ("explain", &text.explain), ("ask", &text.ask)] {
                let shown = html.as_str();
                assert!(
                    !shown.contains('{') && !shown.contains('}'),
                    "{issue:?} {part}: {shown}"
                );
                assert!(!shown.trim().is_empty(), "{issue:?} {part} is empty");
                html.check_tags()
                    .unwrap_or_else(|e| panic!("{issue:?} {part}: {e}: {shown}"));
                assert!(!shown.to_lowercase().contains("fraud"), "{issue:?} {part}: {shown}");
                assert!(
                    !shown.contains("<15") && !shown.contains("<Q9"),
                    "user text is escaped: {shown}"
                );
            }
        }
    }

    #[test]
    fn a_duplicate_names_the_line_the_date_and_the_dollars() {
        let content = Content::embedded().unwrap();
        let issue = CodingIssue::Duplicate {
            code: "85025".into(),
            date: day(14),
            first: 0,
            repeats: vec![1],
            doubt: RepeatDoubt::None,
        };
        let text = render(&issue, &bill(), &content);
        assert_eq!(
            text.title.to_plain(),
            "Complete blood count with white-cell breakdown billed 2 times"
        );
        let explain = text.explain.to_plain();
        assert!(explain.contains("on Sat, Mar 14"), "{explain}");
        assert!(explain.contains("(line 2, code 85025, $142.00)"), "{explain}");
        // The statement prints no modifiers: their absence proves little.
        assert!(explain.contains("statements often leave modifiers out"), "{explain}");
        // A question with nothing counted asks to confirm the count.
        assert_eq!(
            text.ask.to_plain(),
            "Please confirm that the complete blood count with white-cell breakdown was done 2 times on Sat, Mar 14; \
             if it was done fewer times, please remove the extra charges."
        );
        // With dollars at stake, the ask names them.
        let reference = Reference::embedded().unwrap();
        let view = View {
            content: &content,
            today: today(),
        };
        let mut counted = finding(&issue);
        counted.certainty = Certainty::Likely;
        let text = describe(&issue, &counted, &bill(), &reference, &view);
        assert_eq!(
            text.ask.to_plain(),
            "Please remove the repeated complete blood count with white-cell breakdown on Sat, Mar 14 ($142.00), \
             or tell me why it was done 2 times."
        );
    }

    #[test]
    fn lines_without_a_plain_name_use_their_own_description_escaped() {
        let content = Content::embedded().unwrap();
        let text = render(
            &CodingIssue::UnknownCode {
                item: 4,
                code: "85026".into(),
            },
            &bill(),
            &content,
        );
        assert!(
            text.explain
                .as_str()
                .contains("LAB MISC &amp; &quot;SPECIAL&quot; (line 5, code 85026, $50.00)"),
            "{}",
            text.explain
        );
    }

    #[test]
    fn amounts_for_extra_units_are_the_share_above_the_limit() {
        let content = Content::embedded().unwrap();
        let issue = CodingIssue::TooManyUnits {
            item: 13,
            code: "G0378".into(),
            units: 60,
            limit: 48,
            reason: UnitLimit::ObservationHours,
        };
        let ask = render(&issue, &bill(), &content).ask.to_plain();
        assert!(
            ask.contains("$600.00") && ask.contains("60 hours") && ask.contains("beyond 48"),
            "{ask}"
        );
        let issue = CodingIssue::ExtraVenipuncture {
            date: day(14),
            draws: 3,
            lines: vec![9],
        };
        let reference = Reference::embedded().unwrap();
        let view = View {
            content: &content,
            today: today(),
        };
        let mut likely = finding(&issue);
        likely.certainty = Certainty::Likely;
        let ask = describe(&issue, &likely, &bill(), &reference, &view).ask.to_plain();
        assert!(ask.contains("$16.67"), "{ask}");
    }

    /// Two blood-draw lines are a question (C2: another encounter or
    /// specimen can be normal): no amount to remove, never "likely".
    #[test]
    fn two_blood_draw_lines_are_asked_about_not_removed() {
        let content = Content::embedded().unwrap();
        let issue = CodingIssue::ExtraVenipuncture {
            date: day(14),
            draws: 2,
            lines: vec![9, 0],
        };
        let text = render(&issue, &bill(), &content);
        let (explain, ask) = (text.explain.to_plain(), text.ask.to_plain());
        assert!(ask.contains("Were they at separate visits"), "{ask}");
        assert!(explain.contains("worth asking"), "{explain}");
        for never in ["remove the rest", "allowed once per visit, however"] {
            assert!(!ask.contains(never) && !explain.contains(never), "{explain}\n{ask}");
        }
    }

    #[test]
    fn names_inside_a_sentence_lose_their_capital_but_not_an_abbreviation() {
        assert_eq!(mid_sentence("Blood draw from a vein"), "blood draw from a vein");
        assert_eq!(mid_sentence("ER visit, level 4 of 5"), "ER visit, level 4 of 5");
        assert_eq!(mid_sentence("IV fluids, first hour"), "IV fluids, first hour");
        assert_eq!(mid_sentence(""), "");
    }

    #[test]
    fn what_the_rules_find_on_a_real_bill_renders() {
        let content = Content::embedded().unwrap();
        let reference = Reference::embedded().unwrap();
        let bill = bill();
        let view = View {
            content: &content,
            today: today(),
        };
        let proposals = propose(&bill, &reference, today());
        assert!(proposals.len() >= 6);
        for proposal in proposals {
            let FindingKind::Coding(issue) = &proposal.kind else {
                unreachable!()
            };
            let text = describe(issue, &finding(issue), &bill, &reference, &view);
            assert!(!text.explain.as_str().contains('{'), "{}", text.explain);
        }
    }
}
