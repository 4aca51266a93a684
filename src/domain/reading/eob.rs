//! The four figures of an explanation of benefits (EOB), read from its text
//! (a PDF's, or a photo's by OCR): billed, allowed, what the plan paid and
//! the patient's share. EOBs print them either as labelled lines ("Plan
//! paid: $950.00") or as a table whose header names the columns and whose
//! total row holds the figures; both are read. A figure not found is left
//! empty, to be asked as today; each found one is confirmed with a tap.

use super::text::{find_phrase, normalize};
use super::Words;
use crate::domain::bill::EobFigures;
use crate::domain::money::parse_amount;
use rust_decimal::Decimal;

/// The figures found in an EOB's text.
pub fn read_eob(text: &str, words: &Words) -> EobFigures {
    let lines: Vec<String> = text.lines().map(normalize).filter(|l| !l.is_empty()).collect();
    let labels = [
        &words.eob.billed,
        &words.eob.allowed,
        &words.eob.plan_paid,
        &words.eob.your_share,
    ];
    let mut found: [Option<Decimal>; 4] = table_total(&lines, &labels).unwrap_or_default();
    for (figure, phrases) in labels.iter().enumerate() {
        if found[figure].is_none() {
            found[figure] = labelled(&lines, phrases, &labels);
        }
    }
    let [billed, allowed, plan_paid, your_share] = found;
    EobFigures {
        billed,
        allowed,
        plan_paid,
        your_share,
    }
}

/// The amounts of a line, in order (`$1,250.00`, `950.00`, `-3,296.00`
/// is not one: a discount or an adjustment).
fn amounts(line: &str) -> Vec<Decimal> {
    line.split_whitespace()
        .filter(|token| token.contains('.') || token.starts_with('$'))
        .filter_map(|token| parse_amount(token.trim_end_matches([',', ';', ':'])).ok())
        .collect()
}

/// Where the first of `phrases` stands in `line`, and how long it is.
fn label_at(line: &str, phrases: &[String]) -> Option<(usize, usize)> {
    phrases
        .iter()
        .filter_map(|p| find_phrase(line, p).map(|at| (at, p.len())))
        .max_by_key(|(_, len)| *len)
}

/// A labelled line's amount ("plan paid: $950.00"); the last such line
/// when there are several (a total after the services), and never a line
/// that labels another figure too (a table's header or rows).
fn labelled(lines: &[String], phrases: &[String], all: &[&Vec<String>; 4]) -> Option<Decimal> {
    lines
        .iter()
        .filter(|line| label_at(line, phrases).is_some())
        .filter(|line| all.iter().filter(|labels| label_at(line, labels).is_some()).count() == 1)
        .filter_map(|line| {
            let (at, len) = label_at(line, phrases)?;
            amounts(&line[at + len..]).last().copied()
        })
        .next_back()
}

/// A table: a header naming at least three figures, then the row of
/// totals (a line saying "total" with as many amounts as named columns, or
/// else the only row below the header with that many).
fn table_total(lines: &[String], labels: &[&Vec<String>; 4]) -> Option<[Option<Decimal>; 4]> {
    let (header_at, columns) = lines.iter().enumerate().find_map(|(i, line)| {
        let mut columns: Vec<(usize, usize)> = labels
            .iter()
            .enumerate()
            .filter_map(|(figure, phrases)| label_at(line, phrases).map(|(at, _)| (at, figure)))
            .collect();
        columns.sort_unstable();
        (columns.len() >= 3).then(|| (i, columns.into_iter().map(|(_, figure)| figure).collect::<Vec<_>>()))
    })?;
    let rows: Vec<(&String, Vec<Decimal>)> = lines[header_at + 1..]
        .iter()
        .map(|line| (line, amounts(line)))
        // Exactly one amount per named column: a row with more (columns
        // the header names in words not known here, like "discount" or
        // "copay") or fewer (a blank cell) cannot be matched to them.
        .filter(|(_, amounts)| amounts.len() == columns.len())
        .collect();
    let total = rows
        .iter()
        .rev()
        .find(|(line, _)| find_phrase(line, "total").is_some() || find_phrase(line, "totals").is_some())
        .or(match rows.len() {
            1 => rows.first(),
            _ => None,
        })?;
    let figures = &total.1;
    let mut found = [None; 4];
    for (figure, amount) in columns.iter().zip(figures) {
        found[*figure] = Some(*amount);
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;
    use rust_decimal_macros::dec;

    fn figures(billed: Decimal, allowed: Decimal, paid: Decimal, share: Decimal) -> EobFigures {
        EobFigures {
            billed: Some(billed),
            allowed: Some(allowed),
            plan_paid: Some(paid),
            your_share: Some(share),
        }
    }

    #[test]
    fn labelled_lines_are_read() {
        let text = "Claim summary\nAmount billed: $4,546.00\nPlan discount -$3,296.00\nAllowed amount $1,250.00\nPlan paid $950.00\nYour share: $300.00\n";
        assert_eq!(
            read_eob(text, &english()),
            figures(dec!(4546), dec!(1250), dec!(950), dec!(300))
        );
    }

    #[test]
    fn a_tables_total_row_is_read_by_its_header() {
        let text = "\
Date of service  Service       Billed     Allowed   Plan paid   You owe
03/14/2026       ER visit    1,650.00      600.00      480.00    120.00
03/14/2026       Labs          485.00      150.00      120.00     30.00
Total                        2,135.00      750.00      600.00    150.00
";
        assert_eq!(
            read_eob(text, &english()),
            figures(dec!(2135), dec!(750), dec!(600), dec!(150))
        );
    }

    #[test]
    fn what_is_not_there_stays_empty() {
        let text = "Amount billed $300.00\nStatus: processed\n";
        let read = read_eob(text, &english());
        assert_eq!(read.billed, Some(dec!(300)));
        assert_eq!((read.allowed, read.plan_paid, read.your_share), (None, None, None));
        assert_eq!(read_eob("THIS IS NOT A BILL", &english()), EobFigures::default());
    }
}
