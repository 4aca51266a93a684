//! Typed answers read the way people type them (issue 18): an amount or a
//! count read as typed is kept, a guess waits for one tap, "idk" skips an
//! optional question, and what cannot be read is asked again — never
//! stored as something else.

use super::*;
use billcoach::conversation::Guess;

#[test]
fn amounts_typed_with_units_are_kept_and_hedged_ones_wait_for_a_tap() {
    let base = Chat::at(&[], Question::AmountDue);

    let mut chat = base.fork();
    chat.send(text("$2.4k"));
    assert_eq!(chat.bill().amount_due, Some(dec!(2400)));
    assert_ne!(chat.state.screen, asking(Question::AmountDue));

    let mut chat = base.fork();
    let out = chat.send(text("maybe 500?"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::AmountDue,
            guess: Guess::Amount(dec!(500)),
        }
    );
    assert_eq!(chat.bill().amount_due, None, "not stored before the tap");
    assert_contains(&out[0], &filled(keys::GUESS_CHECK, &[("answer", "$500.00")]));
    assert_eq!(chat.labels(), vec![plain(keys::GUESS_YES), plain(keys::GUESS_NO)]);

    let mut yes = chat.fork();
    yes.press(&plain(keys::GUESS_YES));
    assert_eq!(yes.bill().amount_due, Some(dec!(500)));
    assert_ne!(yes.state.screen, asking(Question::AmountDue));

    let out = chat.press(&plain(keys::GUESS_NO));
    assert_eq!(out[0], line(keys::GUESS_TYPE_AGAIN));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_eq!(chat.bill().amount_due, None);
    // Typing at the check answers the question again.
    chat.send(text("maybe 500?"));
    chat.send(text("512.40"));
    assert_eq!(chat.bill().amount_due, Some(dec!(512.40)));
}

#[test]
fn words_that_are_not_an_amount_are_asked_again_not_stored() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(text("4 of us"));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_eq!(chat.bill().amount_due, None);
}

#[test]
fn a_household_typed_in_words_is_counted() {
    let base = Chat::reviewing();
    let mut chat = base.fork();
    chat.answer_until(&[], Some(Question::HouseholdSize));
    let at_household = chat.fork();

    let mut chat = at_household.fork();
    chat.send(text("4 of us"));
    assert_eq!(chat.bill().household_size, Some(4));
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));

    // Read, or offered for a tap: either way two people, never a refusal.
    let mut chat = at_household.fork();
    chat.send(text("me and my wife"));
    if matches!(chat.state.screen, Screen::ConfirmGuess { .. }) {
        chat.press(&plain(keys::GUESS_YES));
    }
    assert_eq!(chat.bill().household_size, Some(2));

    // A small figure at the yearly income is asked about, not stored.
    let mut chat = at_household.fork();
    chat.send(text("4"));
    let out = chat.send(text("$1,200"));
    assert_contains(&out[0], &filled(keys::INCOME_TOO_SMALL, &[("amount", "$1,200.00")]));
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));
    assert_eq!(chat.bill().yearly_income, None);
    chat.send(text("1200/mo"));
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().yearly_income, Some(dec!(14400)));

    // "I can't pay anything" is what they can pay, not an income: asked
    // again with why (trial 6: it was skipped, and the plan lost the income).
    for said in ["i cant pay anything rn", "i can't pay anything", "cant"] {
        let mut chat = at_household.fork();
        chat.send(text("4"));
        let out = chat.send(text(said));
        assert_contains(&out[0], &plain(keys::INCOME_NOT_PAYMENT));
        assert_eq!(chat.state.screen, asking(Question::YearlyIncome), "{said}");
        assert_eq!(chat.bill().yearly_income, None, "{said}");
        assert!(!chat.bill().skipped.contains("yearly_income"), "{said}");
    }

    // "4 of us" is never an income of $4.
    let mut chat = at_household.fork();
    chat.send(text("4"));
    chat.send(text("4 of us"));
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));
    assert_eq!(chat.bill().yearly_income, None);

    // A month's pay at the yearly income is offered as a year, for a tap.
    chat.send(text("3000/mo"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::YearlyIncome,
            guess: Guess::Amount(dec!(36000)),
        }
    );
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().yearly_income, Some(dec!(36000)));
}

#[test]
fn idk_skips_an_optional_amount() {
    let mut chat = Chat::reviewing();
    chat.answer_until(&[], Some(Question::YearlyIncome));
    assert!(Question::YearlyIncome.is_optional());
    chat.send(text("idk"));
    assert!(chat.bill().skipped.contains(Question::YearlyIncome.id()));
    assert_eq!(chat.bill().yearly_income, None);
}

/// What the OCR of an EOB photo gives (a labelled EOB, read as text).
const EOB_SCAN: &str = "\
ACME HEALTH PLAN  EXPLANATION OF BENEFITS
THIS IS NOT A BILL
Amount billed: $4,500.00
Allowed amount: $1,200.00
Plan paid: $950.00
";

#[test]
fn a_photo_of_the_eob_fills_its_figures_each_with_one_tap() {
    let overrides = [(Question::Coverage, "in_network"), (Question::Claim, "paid_part")];
    let mut chat = Chat::at(&overrides, Question::HasItemized);
    chat.answer(Question::HasItemized, "no");
    assert_eq!(chat.state.screen, asking(Question::EobBilled));

    let out = chat.send(Input::Scan {
        name: "eob.jpg".into(),
        text: EOB_SCAN.into(),
    });
    assert_eq!(out[0], line(keys::FILE_EOB_READ));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::EobBilled,
            guess: Guess::Amount(dec!(4500)),
        }
    );
    assert_eq!(chat.bill().eob.billed, None, "nothing kept before the tap");

    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().eob.billed, Some(dec!(4500)));
    // The next figure read waits for its own tap; a wrong one is retyped.
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::EobAllowed,
            guess: Guess::Amount(dec!(1200)),
        }
    );
    // A "Yes" left from the figure before confirms nothing else.
    let before = chat.state.clone();
    chat.send(button("guess:yes:eob_billed"));
    assert_eq!(chat.state, before);
    chat.press(&plain(keys::GUESS_NO));
    assert_eq!(chat.state.screen, asking(Question::EobAllowed));
    // Turned down, it is not offered again after /back.
    chat.send(cmd(Command::Back));
    chat.send(text("4500"));
    assert_eq!(chat.state.screen, asking(Question::EobAllowed));
    chat.send(text("1250"));
    assert_eq!(chat.bill().eob.allowed, Some(dec!(1250)));
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().eob.plan_paid, Some(dec!(950)));
    // Not on the page: asked as before.
    assert_eq!(chat.state.screen, asking(Question::EobYourShare));

    // /skip at a figure offered for a tap skips that question.
    let mut chat = Chat::at(&overrides, Question::HasItemized);
    chat.answer(Question::HasItemized, "no");
    chat.send(Input::Scan {
        name: "eob.jpg".into(),
        text: EOB_SCAN.into(),
    });
    chat.send(cmd(Command::Skip));
    assert!(chat.bill().skipped.contains(Question::EobBilled.id()));
    assert_eq!(chat.bill().eob.billed, None);
}

#[test]
fn a_file_with_no_eob_figures_at_the_eob_questions_says_so() {
    let overrides = [(Question::Coverage, "in_network"), (Question::Claim, "denied")];
    let mut chat = Chat::at(&overrides, Question::HasItemized);
    chat.answer(Question::HasItemized, "no");
    let before = chat.state.clone();
    let out = chat.send(Input::Scan {
        name: "cat.jpg".into(),
        text: "a picture of a cat".into(),
    });
    assert_contains(&out[0], &line(keys::FILE_EOB_NOTHING));
    assert_eq!(chat.state, before);
}

#[test]
fn a_zero_estimate_is_asked_about_and_emergency_care_has_no_estimate_question() {
    let mut chat = Chat::at(&[(Question::Coverage, "self_pay")], Question::Estimate);
    let out = chat.send(text("0"));
    assert_contains(&out[0], &line(keys::ESTIMATE_ZERO));
    assert_eq!(chat.bill().estimate, None);
    assert_eq!(chat.state.screen, asking(Question::Estimate));

    let chat = Chat::reviewed(&[(Question::Coverage, "self_pay"), (Question::Emergency, "yes")]);
    assert!(!chat.asked.contains(&Question::Estimate));
}

#[test]
fn button_answers_typed_as_people_type_are_read_or_offered_for_a_tap() {
    let at_sender = Chat::at(&[], Question::Sender);

    // Said plainly: kept, and on to the next question.
    let mut chat = at_sender.fork();
    chat.send(text("the ER"));
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));

    // A typo, or a name around the answer: one tap to keep it.
    for typed in ["hosptial", "Mercy General Hospital"] {
        let mut chat = at_sender.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.bill().sender, None, "{typed}: not stored before the tap");
        assert_contains(
            &out[0],
            &filled(keys::GUESS_CHECK, &[("answer", &plain(keys::SENDER_HOSPITAL))]),
        );
        chat.press(&plain(keys::GUESS_YES));
        assert_eq!(chat.bill().sender, Some(BillSender::Hospital), "{typed}");
        assert_ne!(chat.state.screen, asking(Question::Sender));
    }

    // "No" at the check asks the question again; nothing is kept.
    let mut chat = at_sender.fork();
    chat.send(text("hosptial"));
    chat.press(&plain(keys::GUESS_NO));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert_eq!(chat.bill().sender, None);

    // Turned around by a "not": asked again, never read as the hospital.
    let mut chat = at_sender.fork();
    chat.send(text("not the hospital"));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert_eq!(chat.bill().sender, None);
}

#[test]
fn idk_at_a_button_question_is_its_not_sure_button_or_a_nudge() {
    // Where the question has a Not sure button, "idk" is that button.
    let mut chat = Chat::at(&[(Question::Coverage, "in_network")], Question::Claim);
    chat.send(text("idk"));
    assert_eq!(chat.bill().claim, Some(ClaimStatus::NotSure));

    // Where it has none, a nudge to take a best guess; nothing is stored.
    let mut chat = Chat::at(&[], Question::Emergency);
    let out = chat.send(text("dunno"));
    assert!(out[0].starts_with(&line(keys::INPUT_BEST_GUESS)), "{}", out[0]);
    assert_eq!(chat.bill().emergency, None);
    assert_eq!(chat.state.screen, asking(Question::Emergency));

    // Slang yes and no are read as typed, and each yes/no question reads
    // its own words too ("i went to the ER" says yes to emergency care).
    let mut chat = Chat::at(&[], Question::Emergency);
    chat.send(text("yeah i think so"));
    assert_eq!(chat.bill().emergency, Some(true));
    let mut chat = Chat::at(&[], Question::Emergency);
    chat.send(text("it was scheduled"));
    assert_eq!(chat.bill().emergency, Some(false));
}

#[test]
fn a_bill_pasted_at_the_itemized_question_is_kept_as_its_lines() {
    let mut chat = Chat::at(&[], Question::HasItemized);
    chat.send(text(
        "03/14/2026  0450  99284-25  ER VISIT LEVEL 4  1  1,650.00\n03/14/2026  0300  80053  LAB PANEL  1  180.00",
    ));
    assert_eq!(chat.bill().has_itemized, Some(true));
    assert_eq!(chat.bill().items.len(), 2);
    assert_eq!(chat.state.screen, asking(Question::LineItems));
}

#[test]
fn words_typed_at_the_menu_press_the_button_they_name() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    chat.send(text("review"));
    assert_eq!(chat.state.screen, asking(Question::Sender));

    // Words that name no button: one short line, the menu stays.
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.send(text("asdf qwerty"));
    assert!(out[0].starts_with(&line(keys::INPUT_NOT_UNDERSTOOD)), "{}", out[0]);
    assert_eq!(chat.state.screen, Screen::Menu);
}

#[test]
fn relative_dates_are_read_and_a_week_day_waits_for_a_tap() {
    // Today is Sat, Nov 28, 2026 (the pinned now).
    let at_service = Chat::at(&[], Question::ServiceDate);

    let mut chat = at_service.fork();
    chat.send(text("20 days ago"));
    assert_eq!(chat.bill().service_date, Some(today() - chrono::Duration::days(20)));

    // "Last tuesday": some mean the week before; one tap to keep it.
    let mut chat = at_service.fork();
    let out = chat.send(text("last tuesday"));
    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::ServiceDate,
            guess: Guess::Date(tuesday),
        }
    );
    assert_contains(&out[0], &filled(keys::GUESS_CHECK, &[("answer", &shown(tuesday))]));
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().service_date, Some(tuesday));

    // "Last month" names no day: asked which, nothing stored.
    let mut chat = at_service.fork();
    let out = chat.send(text("last month"));
    assert_contains(&out[0], &line(keys::DATE_WHICH_DAY));
    assert_eq!(chat.bill().service_date, None);

    // "idk": a rough date is asked for where the date is needed...
    let mut chat = at_service.fork();
    let out = chat.send(text("idk"));
    assert!(out[0].starts_with(&line(keys::DATE_ROUGHLY)), "{}", out[0]);
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
}

#[test]
fn idk_skips_an_optional_date() {
    let overrides = [(Question::Coverage, "in_network"), (Question::Claim, "denied")];
    let mut chat = Chat::at(&overrides, Question::DenialDate);
    chat.send(text("no idea"));
    assert!(chat.bill().skipped.contains(Question::DenialDate.id()));
}

#[test]
fn yesterday_typed_late_at_night_counts_from_the_users_day_not_utc() {
    // 9:30 PM Eastern on Sun, Dec 6 is 02:30 UTC on Dec 7.
    let late = Utc.with_ymd_and_hms(2026, 12, 7, 2, 30, 0).unwrap();
    let dec_5 = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();

    // No zone or state yet: every mainland zone is on Dec 6 — read as typed.
    let mut chat = Chat::at(&[], Question::ServiceDate);
    chat.now = late;
    chat.send(text("yesterday"));
    assert_eq!(chat.bill().service_date, Some(dec_5));

    // 05:30 UTC: Dec 7 in the east, Dec 6 in the west. Unknown zone: a tap.
    let mut chat = Chat::at(&[], Question::ServiceDate);
    chat.now = Utc.with_ymd_and_hms(2026, 12, 7, 5, 30, 0).unwrap();
    chat.send(text("yesterday"));
    assert!(
        matches!(
            chat.state.screen,
            Screen::ConfirmGuess {
                guess: Guess::Date(_),
                ..
            }
        ),
        "{:?}",
        chat.state.screen
    );
    assert_eq!(chat.bill().service_date, None);

    // Once the zone is known, its day counts and no tap is needed.
    let mut chat = Chat::at(&[], Question::ServiceDate);
    chat.state.time_zone = Some("America/Los_Angeles".to_string());
    chat.now = Utc.with_ymd_and_hms(2026, 12, 7, 5, 30, 0).unwrap();
    chat.send(text("yesterday"));
    assert_eq!(chat.bill().service_date, Some(dec_5));
}

#[test]
fn a_typed_yes_at_a_one_tap_check_keeps_the_reading() {
    let mut chat = Chat::at(&[], Question::Sender);
    chat.send(text("hosptial"));
    chat.send(text("yea"));
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));

    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(text("maybe 500?"));
    let out = chat.send(text("nope"));
    assert_eq!(out[0], line(keys::GUESS_TYPE_AGAIN));
    assert_eq!(chat.bill().amount_due, None);
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
}

#[test]
fn words_at_the_menu_and_the_report_press_what_they_mean() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    chat.send(text("need to check my er bill pls"));
    assert_eq!(chat.state.screen, asking(Question::Sender));

    let mut chat = Chat::reviewed(&[]);
    chat.send(text("what did u find"));
    assert!(
        matches!(chat.state.screen, Screen::Findings { .. }),
        "{:?}",
        chat.state.screen
    );
    chat.send(text("new bill"));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(chat.state.screen, asking(Question::Sender));
}

#[test]
fn states_not_sure_and_got_everything_typed_loosely() {
    let mut chat = Chat::at(&[], Question::UsState);
    chat.send(text("texas!!"));
    assert_eq!(chat.bill().state.as_deref(), Some("TX"));

    let mut chat = Chat::at(&[], Question::UsState);
    chat.send(text("i live in ohio"));
    assert_eq!(chat.bill().state, None, "a guess waits for the tap");
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().state.as_deref(), Some("OH"));

    // "not sure" at the coverage: insured, network not known.
    let mut chat = Chat::at(&[], Question::Coverage);
    chat.send(text("not sure"));
    assert_eq!(chat.bill().coverage, Some(Coverage::InsuredNotSure));

    // Not knowing what an itemized bill is: not having one.
    let mut chat = Chat::at(&[], Question::HasItemized);
    chat.send(text("idk what that is"));
    assert_eq!(chat.bill().has_itemized, Some(false));

    // "i got everything" ends the list of services not received.
    let mut chat = at_not_received();
    chat.send(text("i got everything"));
    assert!(chat.bill().not_received_done);
    assert!(chat.bill().not_received.is_empty());
}

#[test]
fn yes_typed_at_a_check_of_a_no_keeps_the_no() {
    // The trial's worst reading: "I read that as No. Is that right?",
    // "yep" stored Yes. A yes at a check keeps what was read.
    for typed in ["yes", "yep", "right"] {
        let mut chat = Chat::at(&[], Question::Emergency);
        chat.state.screen = Screen::ConfirmGuess {
            question: Question::Emergency,
            guess: Guess::Choice(1),
        };
        chat.send(text(typed));
        assert_eq!(chat.bill().emergency, Some(false), "{typed}");
    }
    // And "no" at it asks the question again, storing nothing.
    let mut chat = Chat::at(&[], Question::Emergency);
    chat.state.screen = Screen::ConfirmGuess {
        question: Question::Emergency,
        guess: Guess::Choice(1),
    };
    chat.send(text("no"));
    assert_eq!(chat.bill().emergency, None);
    assert_eq!(chat.state.screen, asking(Question::Emergency));

    // A plain no with its reason needs no check at all.
    let mut chat = Chat::at(&[], Question::Emergency);
    chat.send(text("no just a regular appt"));
    assert_eq!(chat.bill().emergency, Some(false));

    // "3 of us, me and my 2 kids" is 3.
    let mut chat = Chat::at(&[], Question::HouseholdSize);
    chat.send(text("3 of us, me and my 2 kids"));
    assert_eq!(chat.bill().household_size, Some(3));
}

#[test]
fn no_at_what_you_could_pay_skips_and_words_at_the_items_are_read() {
    let mut chat = Chat::at(&[], Question::LumpSum);
    chat.send(text("cant"));
    assert!(chat.bill().skipped.contains(Question::LumpSum.id()));

    // "i dont have it" at the list of items: no itemized bill after all.
    let mut chat = at_items();
    chat.send(text("i dont have it"));
    assert_eq!(chat.bill().has_itemized, Some(false));
    assert_ne!(chat.question(), Some(Question::LineItems));
}

#[test]
fn yes_typed_at_a_date_check_keeps_the_date() {
    // A first bill dated before the care is questioned; "yes" keeps it.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("1/2/26"));
    assert!(
        matches!(chat.state.screen, Screen::ConfirmDate { .. }),
        "{:?}",
        chat.state.screen
    );
    chat.send(text("yes"));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 1, 2)));
}

#[test]
fn words_right_after_a_picker_choose_from_it() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::Letter));
    chat.send(text("billing error"));
    assert!(
        chat.outputs()
            .iter()
            .any(|o| matches!(o, Output::Document { file_name, .. } if file_name.contains("billing"))),
        "the billing-dispute letter is sent"
    );
    // Only right after it: later, the same words are read by the screen.
    assert_eq!(chat.state.picker, None);
}

#[test]
fn the_next_answer_typed_at_a_guess_check_is_kept_for_the_next_question() {
    let mut at_check = Chat::reviewing();
    at_check.answer_until(&[], Some(Question::HouseholdSize));
    at_check.send(text("maybe 3"));
    assert_eq!(
        at_check.state.screen,
        Screen::ConfirmGuess {
            question: Question::HouseholdSize,
            guess: Guess::Count(3),
        }
    );

    // The income typed instead of a tap: not a household of 38,000, not
    // lost, but kept until the check is answered, and then used.
    let mut chat = at_check.fork();
    let out = chat.send(text("38000"));
    assert_contains(&out[0], &filled(keys::GUESS_KEPT, &[("text", "38000")]));
    assert_eq!(chat.bill().household_size, None);
    assert_eq!(chat.bill().yearly_income, None);
    assert!(matches!(chat.state.screen, Screen::ConfirmGuess { .. }));
    let mut yes = chat.fork();
    let out = yes.press(&plain(keys::GUESS_YES));
    let used = filled(keys::GUESS_KEPT_USED, &[("text", "38000")]);
    assert!(out.iter().any(|o| o.contains(&used)), "{out:?}");
    assert_eq!(yes.bill().household_size, Some(3));
    assert_eq!(yes.bill().yearly_income, Some(dec!(38000)));
    assert_ne!(yes.state.screen, asking(Question::YearlyIncome));
    assert_eq!(yes.state.kept, None);

    // "No": the household is asked again, and the income still waits.
    let mut no = chat.fork();
    no.press(&plain(keys::GUESS_NO));
    assert_eq!(no.state.screen, asking(Question::HouseholdSize));
    no.send(text("2"));
    assert_eq!(no.bill().household_size, Some(2));
    assert_eq!(no.bill().yearly_income, Some(dec!(38000)));

    // Leaving the question drops it: it is never used out of place.
    let mut away = chat.fork();
    away.send(cmd(Command::Start));
    assert_eq!(away.state.kept, None);

    // Words that answer neither question are asked about, as before.
    let mut chat = at_check.fork();
    chat.send(text("what does that mean"));
    assert_eq!(chat.state.kept, None);
    assert_eq!(chat.bill().household_size, None);
}
