use super::*;

// ---------------------------------------------------------------------------
// K. Limits: bills, pages, calls, lines, control characters
// ---------------------------------------------------------------------------

/// A chat at the menu with `n` bills, each with an amount (so not empty).
fn with_bills(n: usize) -> Chat {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let bill = Bill {
        amount_due: Some(dec!(100)),
        ..Bill::default()
    };
    chat.state.bills = vec![bill; n];
    chat.state.current = n - 1;
    chat
}

#[test]
fn a_chat_keeps_at_most_twenty_bills_and_says_so() {
    let mut chat = with_bills(20);
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 20);
    assert_eq!(out[0], filled(keys::LIMIT_BILLS, &[("most", "20")]));
    // One short of the limit, a new bill still starts.
    let mut chat = with_bills(19);
    chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 20);
}

#[test]
fn bills_come_eight_to_a_page() {
    let mut chat = with_bills(20);
    let bill_buttons = |chat: &Chat| {
        chat.keyboard()
            .iter()
            .flatten()
            .filter(|b| b.data.starts_with("bill:") && b.data != "bill:new")
            .map(|b| b.data.clone())
            .collect::<Vec<_>>()
    };
    let out = chat.send(cmd(Command::Bills));
    assert_contains(&out[0], &filled(keys::BILLS_PAGE, &[("page", "1"), ("pages", "3")]));
    assert_eq!(
        bill_buttons(&chat),
        (0..8).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    chat.press(&plain(keys::BILLS_MORE));
    assert!(
        matches!(chat.outputs()[0], Output::ReplacePressed { .. }),
        "the list is edited in place"
    );
    chat.press(&plain(keys::BILLS_MORE));
    assert_eq!(
        bill_buttons(&chat),
        (16..20).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    assert!(
        chat.keyboard()
            .iter()
            .flatten()
            .all(|b| b.label != plain(keys::BILLS_MORE)),
        "no page after the last"
    );
    chat.press(&plain(keys::BILLS_PREVIOUS));
    assert_eq!(
        bill_buttons(&chat),
        (8..16).map(|i| format!("bill:{i}")).collect::<Vec<_>>()
    );
    chat.press("9. Bill");
    assert_eq!(chat.state.current, 8);
}

#[test]
fn a_bill_keeps_at_most_fifty_calls_and_says_so() {
    let mut chat = with_bills(1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    chat.state.bills[0].calls = vec![billcoach::domain::calls::CallLog::new(today); 50];
    let before = chat.state.screen.clone();
    let out = chat.send(cmd(Command::Call));
    assert_eq!(out[0], filled(keys::LIMIT_CALLS, &[("most", "50")]));
    assert_eq!(chat.state.screen, before);
    assert_eq!(chat.state.bills[0].calls.len(), 50);
}

#[test]
fn a_bill_keeps_at_most_500_lines_and_says_so() {
    let mut chat = at_items();
    let paste: String = (0..510).map(|n| format!("85025 CBC q{n}q $1{n}.00\n")).collect();
    let out = chat.send(text(&paste));
    assert_eq!(chat.bill().items.len(), 500);
    assert!(
        out.iter().any(|o| o == &filled(keys::LIMIT_ITEMS, &[("most", "500")])),
        "{out:?}"
    );
    assert!(!out.concat().contains(&line(keys::ITEMS_STOPPED_EARLY)));
}

#[test]
fn control_and_bidi_characters_are_neither_stored_nor_echoed() {
    let mut chat = at_items();
    let out = chat.send(text("85025 CBC\u{202E}LATOT\u{0} & DIFF $12.00\nzzz\u{2066}\u{1b}"));
    let stored = &chat.bill().items[0].description;
    assert_eq!(stored, "CBCLATOT & DIFF");
    for shown in &out {
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(!shown.contains('\u{202E}') && !shown.contains('\u{2066}'), "{shown:?}");
    }
    assert_contains(&out[0], "CBCLATOT & DIFF");
}
