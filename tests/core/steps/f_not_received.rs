use super::*;

// ---------------------------------------------------------------------------
// F. Scenarios: services not received
// ---------------------------------------------------------------------------

#[test]
fn the_not_received_question_shows_every_item_with_a_toggle() {
    let chat = at_not_received();
    let out = chat.outputs().last().unwrap();
    let shown = out.text().to_plain();
    assert_contains(&shown, &line(keys::NOT_RECEIVED_PROMPT));
    assert_contains(&shown, &line(keys::NOT_RECEIVED_LIST));
    assert_contains(&shown, "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00");
    assert_lacks(&shown, "Page ");
    let rows: Vec<Vec<&str>> = chat
        .keyboard()
        .iter()
        .map(|row| row.iter().map(|b| b.label.as_str()).collect())
        .collect();
    let done = plain(keys::NOT_RECEIVED_DONE);
    assert_eq!(
        rows,
        vec![
            vec!["1", "2", "3", "4", "5"],
            vec!["6", "7", "8", "9", "10"],
            vec!["11", "12"],
            vec![done.as_str()],
        ]
    );
    assert_eq!(chat.keyboard()[0][2].data, "nr:t:2:0");
    assert_eq!(chat.keyboard()[3][0].data, "nr:done");
}

#[test]
fn pressing_a_number_toggles_it_in_place() {
    let mut chat = at_not_received();
    let out = chat.press("3");
    assert_eq!(out.len(), 1);
    let Output::ReplacePressed { text, keyboard } = &chat.outputs()[0] else {
        panic!("a toggle edits the list in place: {:?}", chat.outputs());
    };
    assert!(text
        .to_plain()
        .contains("✗ 3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"));
    let labels = labels_of(keyboard);
    assert_eq!(labels[2], "✗ 3");
    assert_eq!(keyboard[0][2].data, "nr:t:2:0");
    assert_eq!(labels.iter().filter(|l| l.starts_with('✗')).count(), 1);
    assert_eq!(chat.bill().not_received, BTreeSet::from([2]));
    assert!(!chat.bill().not_received_done);
    assert_eq!(chat.state.screen, asking(Question::NotReceived));

    // Pressing it again unmarks it.
    chat.press("✗ 3");
    assert!(chat.bill().not_received.is_empty());
    assert_eq!(chat.labels()[2], "3");
}

#[test]
fn typed_numbers_toggle_too() {
    let mut chat = at_not_received();
    let out = chat.send(text("3, 5"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([2, 4]));
    assert!(matches!(chat.outputs().last(), Some(Output::Message { .. })));
    let labels = chat.labels();
    assert!(labels.contains(&"✗ 3".to_string()) && labels.contains(&"✗ 5".to_string()));
    assert_contains(
        out.last().unwrap(),
        "✗ 5. Sat, Mar 14 · 0320 · 71046 · CHEST X-RAY 2 VIEWS $412.00",
    );

    chat.send(text("3"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([4]));

    // Numbers that are not items: the hint, nothing changes.
    for typed in ["0", "13", "3, x", "all of them"] {
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(
            out,
            vec![pointed(&line(keys::NOT_RECEIVED_HINT), keys::INPUT_POINTER_TYPE_OR_TAP)],
            "typed {typed:?}"
        );
    }

    // "done" finishes.
    chat.send(text("done"));
    assert!(chat.bill().not_received_done);
    assert_eq!(chat.bill().not_received, BTreeSet::from([4]));
    assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
}

#[test]
fn a_long_bill_pages_the_toggles() {
    let mut chat = at_items();
    chat.send(text(&long_bill(45)));
    assert_eq!(chat.bill().items.len(), 45);
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));

    let page = |page: &str| filled(keys::NOT_RECEIVED_PAGE, &[("page", page), ("pages", "3")]);
    let next = plain(keys::NOT_RECEIVED_NEXT);
    let previous = plain(keys::NOT_RECEIVED_PREVIOUS);
    let done = plain(keys::NOT_RECEIVED_DONE);
    let numbers = |range: std::ops::RangeInclusive<usize>| range.map(|n| n.to_string()).collect::<Vec<_>>();

    // Page 1: items 1–20, "More", Done.
    let shown = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&shown, &page("1"));
    assert_contains(&shown, "20. ");
    assert_lacks(&shown, "21. ");
    let mut expected = numbers(1..=20);
    expected.extend([next.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&next), "nr:p:1");

    // Page 2: items 21–40, both ways, edited in place.
    let out = chat.press(&next);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &page("2"));
    assert_contains(&out[0], "21. ");
    assert_lacks(&out[0], "\n1. ");
    let mut expected = numbers(21..=40);
    expected.extend([previous.clone(), next.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&previous), "nr:p:0");
    assert_eq!(chat.data_of(&next), "nr:p:2");
    assert_eq!(chat.data_of("25"), "nr:t:24:1");

    // Toggling on page 2 stays on page 2.
    let out = chat.press("25");
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &page("2"));
    assert_contains(&out[0], "✗ 25. ");
    assert!(chat.labels().contains(&"✗ 25".to_string()));
    assert_eq!(chat.bill().not_received, BTreeSet::from([24]));

    // Page 3: items 41–45, back only.
    let out = chat.press(&next);
    assert_contains(&out[0], &page("3"));
    let mut expected = numbers(41..=45);
    expected.extend([previous.clone(), done.clone()]);
    assert_eq!(chat.labels(), expected);
    chat.press("44");

    // Back to page 1 shows the marks made elsewhere are kept.
    chat.press(&previous);
    let out = chat.press(&previous);
    assert_contains(&out[0], &page("1"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([24, 43]));

    // Done records them, and the summary lists them.
    let out = chat.press(&done);
    assert!(chat.bill().not_received_done);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], "25, 44");
    chat.answer_until(&[], None);
    let summary = chat.summary();
    assert_contains(&summary, &summary_line(keys::SUMMARY_NOT_RECEIVED, "lines 25, 44"));
    assert_contains(
        &summary,
        &summary_line(
            keys::SUMMARY_LINE_ITEMS,
            &filled(keys::ITEMS_COUNT, &[("count", "45"), ("total", "$5,490.00")]),
        ),
    );
}

#[test]
fn done_with_nothing_marked_says_none() {
    let mut chat = at_not_received();
    let out = chat.press(&plain(keys::NOT_RECEIVED_DONE));
    assert!(chat.bill().not_received_done);
    assert!(chat.bill().not_received.is_empty());
    assert_contains(&out[0], &plain(keys::NOT_RECEIVED_NONE));
    assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
}
