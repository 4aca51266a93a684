//! Lines printed without codes, read as their coded twins: an "ER facility
//! fee" with no revenue code is read as an ER line (045x), "Use of room, 1
//! hour" as a facility fee (051x), "Room and board" as a room night (012x),
//! "Trauma activation" as a trauma response (068x), "Observation per hour"
//! as observation hours (G0378, 0762). The words are in
//! `data/rules/line-words.csv`; every rule then applies to them as to the
//! coded lines. A line that carries a code or a revenue code keeps it.

use crate::domain::bill::Bill;
use crate::domain::line_words::LineKind;
use crate::domain::reference::Reference;
use std::borrow::Cow;

/// The revenue code (and procedure code) each recognised kind stands for,
/// in the order they are tried ("Observation room" is observation, not a
/// room).
const TWINS: [(LineKind, &str, Option<&str>); 5] = [
    (LineKind::Trauma, "0680", None),
    (LineKind::Observation, "0762", Some("G0378")),
    (LineKind::ErFacility, "0450", None),
    (LineKind::Room, "0120", None),
    (LineKind::Facility, "0510", None),
];

/// The bill with each uncoded line that its words recognise given its
/// twin's codes; the bill itself when there is none (no copy).
pub fn read_by_words<'b>(bill: &'b Bill, reference: &Reference) -> Cow<'b, Bill> {
    let twin = |index: usize| -> Option<(&'static str, Option<&'static str>)> {
        let item = &bill.items[index];
        let uncoded = item.code.as_deref().is_none_or(|c| c.trim().is_empty())
            && item.revenue_code.as_deref().is_none_or(|c| c.trim().is_empty());
        if !uncoded {
            return None;
        }
        TWINS
            .iter()
            .find(|(kind, _, _)| reference.described_as(&item.description, *kind))
            .map(|(_, revenue, code)| (*revenue, *code))
    };
    let twins: Vec<(usize, &str, Option<&str>)> = (0..bill.items.len())
        .filter_map(|index| twin(index).map(|(revenue, code)| (index, revenue, code)))
        .collect();
    if twins.is_empty() {
        return Cow::Borrowed(bill);
    }
    let mut read = bill.clone();
    for (index, revenue, code) in twins {
        let item = &mut read.items[index];
        item.revenue_code = Some(revenue.to_string());
        item.code = code.map(str::to_string);
    }
    Cow::Owned(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line_items::LineItem;
    use rust_decimal::Decimal;

    fn line(description: &str, code: Option<&str>) -> LineItem {
        LineItem {
            date: None,
            revenue_code: None,
            code: code.map(str::to_string),
            modifiers: Vec::new(),
            description: description.to_string(),
            units: 1,
            amount: Decimal::ONE_HUNDRED,
        }
    }

    #[test]
    fn uncoded_lines_get_their_twins_codes_and_coded_lines_keep_theirs() {
        let reference = Reference::embedded().unwrap();
        let bill = Bill {
            items: vec![
                line("ER facility fee", None),
                line("Bandage supply", None),
                line("Use of room, 1 hour", None),
                line("OBSERVATION PER HOUR", None),
                line("Room & board semi-private", None),
                line("Trauma response level 2", None),
                line("ER facility fee", Some("99284")),
            ],
            ..Bill::default()
        };
        let read = read_by_words(&bill, &reference);
        let codes: Vec<(Option<&str>, Option<&str>)> = read
            .items
            .iter()
            .map(|item| (item.revenue_code.as_deref(), item.code.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                (Some("0450"), None),
                (None, None),
                (Some("0510"), None),
                (Some("0762"), Some("G0378")),
                (Some("0120"), None),
                (Some("0680"), None),
                (None, Some("99284")),
            ]
        );
        let plain = Bill {
            items: vec![line("Bandage supply", None)],
            ..Bill::default()
        };
        assert!(matches!(read_by_words(&plain, &reference), Cow::Borrowed(_)));
    }
}
