use super::*;

// ---------------------------------------------------------------------------
// E. Scenarios: line items
// ---------------------------------------------------------------------------

#[test]
fn pasting_an_itemized_bill_lists_the_items_with_total_and_buttons() {
    let mut chat = at_items();
    // Before anything is read: the prompt, and a way out for a user who
    // does not have the itemized bill after all.
    let prompt = chat.outputs().last().unwrap();
    assert_contains(&prompt.text().to_plain(), &line(keys::LINE_ITEMS_PROMPT));
    assert_eq!(labels_of(keyboard_of(prompt)), vec![plain(keys::ITEMS_DONT_HAVE)]);

    let out = chat.send(text(ER_BILL));
    assert_eq!(out.len(), 1);
    let shown = &out[0];
    assert_contains(shown, &filled(keys::ITEMS_READ, &[("count", "12")]));
    for expected in [
        "1. Sat, Mar 14 · 0450 · 99284-25 · ER VISIT LEVEL 4 $1,650.00",
        "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00",
        "7. Sat, Mar 14 · 0636 · J1885 · KETOROLAC INJ 15MG · ×2 $92.00",
        "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00",
    ] {
        assert_contains(shown, expected);
    }
    let numbered = shown
        .lines()
        .filter(|l| l.split_once(". ").is_some_and(|(n, _)| n.parse::<usize>().is_ok()))
        .count();
    assert_eq!(numbered, 12, "one numbered line per item:\n{shown}");
    assert_contains(
        shown,
        &filled(keys::ITEMS_TOTAL, &[("count", "12"), ("total", "$6,787.50")]),
    );
    assert_contains(shown, &line(keys::ITEMS_NEXT));
    // Header, total and footer lines are not items.
    for ignored in ["RIVERSIDE", "Alex Smith", "TOTAL CHARGES", "Page 1 of 1", "555-0100"] {
        assert_lacks(shown, ignored);
    }
    let unreadable = filled(keys::ITEMS_UNREADABLE, &[("lines", "")]);
    assert_lacks(shown, unreadable.lines().next().unwrap());
    assert_eq!(chat.labels(), items_labels());
    let data: Vec<_> = chat.keyboard().iter().flatten().map(|b| b.data.as_str()).collect();
    assert_eq!(data, ["items:done", "items:fix", "items:remove"]);
    assert!(matches!(chat.outputs()[0], Output::Message { typed_answer: true, .. }));
    assert_eq!(chat.bill().items, er_items());
    assert!(!chat.bill().items_confirmed, "not confirmed until Done");
    assert_eq!(chat.state.screen, asking(Question::LineItems));

    // Done: the list is confirmed and the not-received question comes.
    let out = chat.press(&plain(keys::ITEMS_DONE));
    assert!(chat.bill().items_confirmed);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_COUNT, &[("count", "12"), ("total", "$6,787.50")]),
    );
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
}

#[test]
fn an_unreadable_line_is_listed_separately() {
    let mut chat = at_items();
    let pasted = ER_BILL.replace("Page 1 of 1", &format!("{UNREADABLE_LINE}\nPage 1 of 1"));
    let out = chat.send(text(&pasted));
    assert_eq!(chat.bill().items.len(), 12, "the readable lines are kept");
    assert_contains(&out[0], &filled(keys::ITEMS_UNREADABLE, &[("lines", UNREADABLE_LINE)]));
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "12")]));
    assert_eq!(chat.labels(), items_labels());
    // The unreadable line is not among the numbered items.
    assert_lacks(&out[0], "13. ");

    // Only an unreadable line: nothing read, no buttons yet.
    let mut chat = at_items();
    let out = chat.send(text("99285 ER VISIT $2,40.00"));
    assert!(chat.bill().items.is_empty());
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_UNREADABLE, &[("lines", "99285 ER VISIT $2,40.00")]),
    );
    assert_contains(&out[0], &line(keys::ITEMS_NONE_YET));
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_DONT_HAVE)]);
}

#[test]
fn without_the_itemized_bill_after_all_the_review_goes_on() {
    let mut chat = at_items();
    chat.press(&plain(keys::ITEMS_DONT_HAVE));
    assert_eq!(chat.bill().has_itemized, Some(false));
    assert!(!matches!(
        chat.state.screen,
        Screen::Asking {
            question: Question::LineItems | Question::NotReceived
        }
    ));
}

#[test]
fn items_typed_one_by_one_add_to_the_list() {
    let mut chat = at_items();
    let out = chat.send(text("Mar 14 85025 CBC $142.00"));
    assert_contains(&out[0], "1. Sat, Mar 14 · 85025 · CBC $142.00");
    let out = chat.send(text("99285 ER visit level 5 $2,400"));
    assert_contains(&out[0], &line(keys::ITEMS_READ_ONE));
    assert_contains(&out[0], "2. 99285 · ER visit level 5 $2,400.00");
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "2"), ("total", "$2,542.00")]),
    );
    assert_eq!(chat.bill().items.len(), 2);

    // Text with no charge in it: one message, one line and the count, not
    // the list again.
    let before = chat.state.clone();
    let out = chat.send(text("I think they overcharged me"));
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::ITEMS_NOTHING_READ));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "2"), ("total", "$2,542.00")]),
    );
    assert!(!out[0].contains("ER visit level 5"), "{}", out[0]);

    // "done" typed works like the button.
    chat.send(text("Done."));
    assert!(chat.bill().items_confirmed);
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
}

#[test]
fn a_long_list_is_sent_once_and_then_referred_to() {
    let mut chat = at_items();
    let paste: Vec<String> = (1..=30).map(|n| format!("Mar 14 85025 CBC q{n}q $1{n}.00")).collect();
    let out = chat.send(text(&paste.join("\n")));
    assert_contains(&out[0], "30. Sat, Mar 14 · 85025 · CBC q30q");
    let once = out.concat().len();

    // Unreadable texts: each answer stays short, whatever the list's length.
    for _ in 0..3 {
        let out = chat.send(text("what?"));
        assert_eq!(out.len(), 1);
        assert!(!out[0].contains("CBC q"), "{}", out[0]);
        assert!(out[0].len() < once / 4, "{}", out[0]);
    }
    // Asking which line to fix refers to the list instead of repeating it.
    let out = chat.press(&plain(keys::ITEMS_FIX));
    assert!(!out.concat().contains("CBC q7q"), "{out:?}");
    assert_contains(&out[0], &filled(keys::ITEMS_LIST_LONG, &[("count", "30")]));
    chat.send(text("7"));
    let out = chat.send(text("Mar 14 85025 CBC fixed $5.00"));
    assert!(!out.concat().contains("CBC q8q"), "{out:?}");
    // The whole list again only when asked for.
    let out = chat.press(&plain(keys::ITEMS_SHOW_LIST));
    let all = out.concat();
    assert!(
        all.contains("CBC q30q") && all.contains("7. Sat, Mar 14 · 85025 · CBC fixed"),
        "{all}"
    );
}

#[test]
fn done_with_no_items_says_none_yet() {
    let mut chat = at_items();
    let before = chat.state.clone();
    let out = chat.send(text("done"));
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(&line(keys::ITEMS_NONE_YET), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    // A forged Done press too.
    let out = chat.send(button("items:done"));
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(&line(keys::ITEMS_NONE_YET), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    // Fix and Remove have nothing to work on.
    let out = chat.send(button("items:fix"));
    assert_eq!(chat.state, before);
    assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON));
}

#[test]
fn fix_a_line_replaces_it_with_the_corrected_line() {
    let mut chat = with_er_items();
    let out = chat.press(&plain(keys::ITEMS_FIX));
    assert_eq!(chat.state.screen, Screen::FixItem { number: None });
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::ITEMS_LIST_HEADING));
    assert_contains(&out[0], "12. Sat, Mar 14 · 0270 · MED-SURG SUPPLIES $85.00");
    assert_contains(&out[0], &filled(keys::ITEMS_WHICH_TO_FIX, &[("last", "12")]));
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_BACK_TO_LIST)]);
    assert_eq!(chat.keyboard()[0][0].data, "items:list");

    // A number out of range: the hint, and the same question.
    let out = chat.send(text("13"));
    assert_eq!(out[0], filled(keys::ITEMS_NOT_A_NUMBER, &[("last", "12")]));
    assert_eq!(chat.state.screen, Screen::FixItem { number: None });

    let out = chat.send(text("3"));
    assert_eq!(chat.state.screen, Screen::FixItem { number: Some(2) });
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_SEND_CORRECTED,
            &[
                ("number", "3"),
                ("line", "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"),
            ],
        ),
    );
    assert_eq!(chat.labels(), vec![plain(keys::ITEMS_BACK_TO_LIST)]);

    // A correction that is not a bill line is refused.
    let before = chat.state.clone();
    let out = chat.send(text("it was less"));
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(
            &line(keys::ITEMS_LINE_UNREADABLE),
            keys::INPUT_POINTER_TYPE_OR_TAP
        )]
    );

    let corrected = "03/14/2026 85025 CBC W/AUTO DIFF $45.00";
    let out = chat.send(text(corrected));
    let LineRead::Item(expected) = read_line(corrected, today()) else {
        panic!("the corrected line reads");
    };
    let mut items = er_items();
    items[2] = expected;
    assert_eq!(chat.bill().items, items);
    assert_eq!(out[0], filled(keys::ITEMS_FIXED, &[("number", "3")]));
    assert_contains(&out[1], "3. Sat, Mar 14 · 85025 · CBC W/AUTO DIFF $45.00");
    assert_contains(
        &out[1],
        &filled(keys::ITEMS_TOTAL, &[("count", "12"), ("total", "$6,687.50")]),
    );
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    assert_eq!(chat.labels(), items_labels());
}

#[test]
fn back_to_the_list_leaves_fix_and_remove_unchanged() {
    for (label, data_or_command) in [
        (keys::ITEMS_FIX, Some("items:list")),
        (keys::ITEMS_REMOVE, Some("items:list")),
        (keys::ITEMS_FIX, None),
        (keys::ITEMS_REMOVE, None),
    ] {
        let mut chat = with_er_items();
        let items = chat.bill().items.clone();
        chat.press(&plain(label));
        match data_or_command {
            Some(data) => chat.send(button(data)),
            None => chat.send(cmd(Command::Back)),
        };
        assert_eq!(chat.state.screen, asking(Question::LineItems));
        assert_eq!(chat.bill().items, items);
        assert_eq!(chat.labels(), items_labels());
    }
}

#[test]
fn remove_a_line_keeps_not_received_marks_on_the_same_items() {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    chat.press("5");
    chat.press("9");
    assert_eq!(chat.bill().not_received, BTreeSet::from([4, 8]));
    let before = er_items();

    // Back to the list, remove line 2.
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let out = chat.press(&plain(keys::ITEMS_REMOVE));
    assert_eq!(chat.state.screen, Screen::RemoveItem);
    assert_contains(&out[0], &filled(keys::ITEMS_WHICH_TO_REMOVE, &[("last", "12")]));
    let out = chat.send(text("#2"));
    assert_eq!(out[0], filled(keys::ITEMS_REMOVED, &[("number", "2")]));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let items = &chat.bill().items;
    assert_eq!(items.len(), 11);
    assert!(!items.contains(&before[1]));
    assert_eq!(chat.bill().not_received, BTreeSet::from([3, 7]));
    assert_eq!(items[3], before[4], "the first mark follows its item");
    assert_eq!(items[7], before[8], "the second mark follows its item");

    // Removing a marked item drops its mark only.
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(text("4"));
    assert_eq!(chat.bill().not_received, BTreeSet::from([6]));
    assert_eq!(chat.bill().items[6], before[8]);

    // The toggles show the mark on the right number.
    chat.press(&plain(keys::ITEMS_DONE));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    let labels = chat.labels();
    assert!(labels.contains(&"✗ 7".to_string()), "{labels:?}");
    assert_eq!(labels.iter().filter(|l| l.starts_with('✗')).count(), 1, "{labels:?}");
    assert_contains(
        &chat.outputs().last().unwrap().text().to_plain(),
        "✗ 7. Sat, Mar 14 · 0260 · 96374 · IV PUSH SINGLE DRUG $480.00",
    );
}

#[test]
fn adding_items_after_done_asks_to_confirm_the_list_and_the_marks_again() {
    // A changed list needs confirming again (this is why the property lets
    // a growing list lose its confirmation); the marks stay.
    let mut chat = at_not_received();
    chat.press("2");
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.send(cmd(Command::Back));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let out = chat.send(text("Mar 15 85025 CBC $142.00"));
    assert_contains(&out[0], "13. Sun, Mar 15 · 85025 · CBC $142.00");
    assert_eq!(chat.bill().items.len(), 13);
    assert!(!chat.bill().items_confirmed);
    assert!(!chat.bill().not_received_done);
    assert_eq!(chat.bill().not_received, BTreeSet::from([1]));

    // Paused now, the review comes back to the list.
    chat.send(cmd(Command::Cancel));
    chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    chat.press(&plain(keys::ITEMS_DONE));
    assert!(chat.labels().contains(&"✗ 2".to_string()));
    assert!(chat.labels().contains(&"13".to_string()));
}

#[test]
fn an_uploaded_file_at_the_items_question_adds_items() {
    let mut chat = at_items();
    let out = chat.send(Input::File {
        name: "bill.csv".to_string(),
        text: CSV_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 3);
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "3")]));
    assert_contains(
        &out[0],
        &filled(keys::ITEMS_TOTAL, &[("count", "3"), ("total", "$2,485.00")]),
    );
    assert_eq!(chat.labels(), items_labels());

    // A second file adds to the list, numbered on.
    let out = chat.send(Input::File {
        name: "more.txt".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 15);
    assert_contains(&out[0], &filled(keys::ITEMS_READ, &[("count", "12")]));
    assert_contains(&out[0], "4. Sat, Mar 14 · 0450 · 99284-25 · ER VISIT LEVEL 4 $1,650.00");

    // While fixing or removing a line, a file adds too.
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(Input::File {
        name: "bill.csv".to_string(),
        text: CSV_BILL.to_string(),
    });
    assert_eq!(chat.bill().items.len(), 15);
    assert_eq!(chat.state.screen, asking(Question::LineItems));
}

#[test]
fn a_file_at_another_question_gets_the_not_now_line() {
    for stop in [Question::AmountDue, Question::Sender] {
        let mut chat = Chat::at(&[], stop);
        let before = chat.state.clone();
        let out = chat.send(Input::File {
            name: "bill.txt".to_string(),
            text: ER_BILL.to_string(),
        });
        assert_eq!(chat.state, before);
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with(&line(keys::FILE_NOT_NOW)), "{out:?}");
        assert!(is_pointer(chat.outputs().last()), "{out:?}");
    }
    let mut chat = Chat::new();
    let out = chat.send(Input::File {
        name: "bill.txt".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::FILE_NOT_NOW));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn a_scanned_bill_is_listed_with_a_line_to_check_it_and_a_total_that_does_not_add_up_is_said() {
    // Read from a photo: the list, and a line asking to check it.
    let mut chat = at_items();
    let out = chat.send(Input::Scan {
        name: "photo.jpg".to_string(),
        text: ER_BILL.to_string(),
    });
    assert_contains(&out[0], "I read 12 lines");
    assert_contains(&out[0], &line(keys::ITEMS_FROM_PHOTO));
    assert!(
        !out[0].contains("total says"),
        "the ER bill adds up to its total: {}",
        out[0]
    );

    // A line lost (as OCR may lose one): the printed total says so.
    let mut chat = at_items();
    let missing_a_line = ER_BILL.replace(
        "03/14/2026  0300  85025     CBC W/AUTO DIFF                    1      145.00\n",
        "",
    );
    assert_ne!(missing_a_line, ER_BILL);
    let out = chat.send(Input::File {
        name: "bill.txt".to_string(),
        text: missing_a_line,
    });
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_TOTAL_MISMATCH,
            &[("read", "$6,642.50"), ("printed", "$6,787.50")],
        ),
    );
    assert!(
        !out[0].contains(&line(keys::ITEMS_FROM_PHOTO)),
        "typed text is not a photo"
    );
}

#[test]
fn refused_files_get_their_line_and_the_same_screen() {
    let mut chat = at_items();
    let before = chat.state.clone();
    let out = chat.send(Input::FileRefused(FileProblem::TooLarge));
    assert_eq!(chat.state, before);
    let too_large = filled(
        keys::FILE_TOO_LARGE,
        &[("max", "20 MB for a photo or PDF, 1 MB for a text file")],
    );
    assert_eq!(out, vec![pointed(&too_large, keys::INPUT_POINTER_TYPE_OR_TAP)]);

    for (problem, key) in [
        (FileProblem::NotText, keys::FILE_NOT_TEXT),
        (FileProblem::NoOcr, keys::FILE_NO_OCR),
        (FileProblem::Unreadable, keys::FILE_UNREADABLE),
    ] {
        let out = chat.send(Input::FileRefused(problem));
        assert_eq!(chat.state, before);
        assert_eq!(out, vec![pointed(&line(key), keys::INPUT_POINTER_TYPE_OR_TAP)]);
    }
}
