use super::*;

// ---------------------------------------------------------------------------
// I. Known bugs, each isolated so the rest keeps running
// ---------------------------------------------------------------------------

#[test]
fn pasting_only_unreadable_lines_keeps_a_confirmed_list_confirmed() {
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_DONE));
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.send(cmd(Command::Back));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::LineItems));
    let before = chat.bill().clone();
    let out = chat.send(text(UNREADABLE_LINE));
    assert_contains(&out[0], &filled(keys::ITEMS_UNREADABLE, &[("lines", UNREADABLE_LINE)]));
    assert_eq!(chat.bill().items, before.items);
    assert!(
        Question::LineItems.is_answered(chat.bill()),
        "the unchanged list is no longer confirmed"
    );
    assert!(
        Question::NotReceived.is_answered(chat.bill()),
        "the marks are no longer done"
    );
}

#[test]
fn typing_no_estimate_answers_the_estimate_question() {
    // The prompt offers "No estimate"; the code comment in step.rs
    // (`answer_typed`) says a typed question's extra button can be typed.
    let mut chat = Chat::at(&[], Question::Estimate);
    chat.send(text("No estimate"));
    assert_eq!(chat.bill().estimate, Some(Estimate::NotReceived));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));
}

#[test]
fn a_typed_done_at_the_items_question_replaces_nothing() {
    // `ReplacePressed` edits the message whose button was pressed; typed
    // text has none (typed choice answers send no `ReplacePressed` either).
    let mut chat = with_er_items();
    chat.send(text("done"));
    assert_eq!(chat.state.screen, asking(Question::NotReceived));
    assert!(
        chat.outputs().iter().all(|o| matches!(o, Output::Message { .. })),
        "{:?}",
        chat.outputs()
    );
}

#[test]
fn removing_every_item_does_not_leave_an_empty_list_confirmed() {
    // Done refuses an empty list ("No line items yet"), so removing the
    // last item of a confirmed list must not leave it confirmed either.
    let mut chat = at_items();
    chat.send(text("Mar 14 85025 CBC $142.00"));
    chat.press(&plain(keys::ITEMS_DONE));
    chat.send(cmd(Command::Back));
    chat.press(&plain(keys::ITEMS_REMOVE));
    chat.send(text("1"));
    assert!(chat.bill().items.is_empty());
    assert!(
        !Question::LineItems.is_answered(chat.bill()),
        "an empty list counts as confirmed"
    );
}
