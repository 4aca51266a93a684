//! Keys of `/call` (logging a call) and `/faq`.

use super::keys;

keys! {
    // Logging a call.
    CALL_REP_PROMPT = "call.rep_prompt";
    CALL_REFERENCE_PROMPT = "call.reference_prompt";
    CALL_OUTCOME_PROMPT = "call.outcome_prompt";
    CALL_OUTCOME_PROMISED = "call.outcome.promised";
    CALL_OUTCOME_REDUCED = "call.outcome.reduced";
    CALL_OUTCOME_PLAN = "call.outcome.payment_plan";
    CALL_OUTCOME_REFUSED = "call.outcome.refused";
    CALL_OUTCOME_CALL_BACK = "call.outcome.call_back";
    CALL_PROMISE_PROMPT = "call.promise_prompt";
    CALL_PROMISED_BY_PROMPT = "call.promised_by_prompt";
    CALL_NEW_AMOUNT_PROMPT = "call.new_amount_prompt";
    CALL_PLAN_MONTHLY_PROMPT = "call.plan_monthly_prompt";
    CALL_PLAN_FIRST_DUE_PROMPT = "call.plan_first_due_prompt";
    CALL_AMOUNT_UPDATED = "call.amount_updated" [amount];
    CALL_DONE = "call.done";
    CALL_SAVED = "call.saved" [line];
    CALL_NOT_SAVED = "call.not_saved";
    CALL_LINE = "call.line" [date, who, reference, what];
    CALL_WHO_UNKNOWN = "call.who_unknown";
    CALL_REFERENCE_PART = "call.reference_part" [reference];
    CALL_WHAT_PROMISED_BY = "call.what.promised_by" [promise, date];
    CALL_WHAT_PROMISED = "call.what.promised" [promise];
    CALL_WHAT_PROMISED_SOMETHING = "call.what.promised_something";
    CALL_WHAT_REDUCED = "call.what.reduced";
    CALL_WHAT_REDUCED_TO = "call.what.reduced_to" [amount];
    CALL_WHAT_PLAN = "call.what.payment_plan";
    CALL_WHAT_PLAN_MONTHLY = "call.what.payment_plan_monthly" [monthly];
    CALL_WHAT_PLAN_FROM = "call.what.payment_plan_from" [monthly, date];
    CALL_WHAT_REFUSED = "call.what.refused";
    CALL_WHAT_CALL_BACK = "call.what.call_back";
    CALL_WHAT_TALKED = "call.what.talked";
    BILLS_LAST_CALL = "bills.last_call" [line];

    // Call scripts and letters.
    SCRIPT_PICK = "script.pick";
    SCRIPT_PICK_SUGGESTED = "script.pick_suggested" [kind];
    SCRIPT_HOSPITAL = "script.kind.hospital";
    SCRIPT_DOCTOR = "script.kind.doctor";
    SCRIPT_COLLECTIONS = "script.kind.collections";
    SCRIPT_INSURER_APPEAL = "script.kind.insurer_appeal";
    SCRIPT_FINANCIAL_ASSISTANCE = "script.kind.financial_assistance";
    SCRIPT_NO_SURPRISES = "script.kind.no_surprises";
    SCRIPT_NOTE_CALL = "script.note_call";
    SCRIPT_OFFICE_SPEAKS_MINE = "script.office_speaks_mine";
    SCRIPT_SAY_MARKER = "script.say_marker";
    SCRIPT_REPORT_WAITS = "script.report_waits";
    LETTER_PICK = "letter.pick";
    LETTER_ITEMIZED_REQUEST = "letter.kind.itemized_request";
    LETTER_BILLING_DISPUTE = "letter.kind.billing_dispute";
    LETTER_FINANCIAL_ASSISTANCE = "letter.kind.financial_assistance";
    LETTER_DEBT_VALIDATION = "letter.kind.debt_validation";
    LETTER_NO_SURPRISES_DISPUTE = "letter.kind.no_surprises_dispute";
    LETTER_INSURANCE_APPEAL = "letter.kind.insurance_appeal";
    LETTER_HARDSHIP_PLAN = "letter.kind.hardship_plan";
    LETTER_COMPLAINT = "letter.kind.complaint";
    LETTER_CAPTION = "letter.caption" [kind];
    LETTER_COPY_CAPTION = "letter.copy_caption" [kind];
    /// The payment-plan letter held back while the plan says not to offer.
    /// A payment plan logged while the plan says to settle what is owed first.
    CALL_PLAN_TOO_SOON = "call.plan_too_soon";
    LETTER_HARDSHIP_NOT_YET = "letter.hardship_not_yet";
    /// The No Surprises letter asked for a bill the act does not cover.
    LETTER_NO_SURPRISES_DOES_NOT_FIT = "letter.no_surprises_does_not_fit";

    // Frequently asked questions.
    FAQ_HEADING = "faq.heading";
    /// Trial 7 (keisha): "should i just pay the collector and be done".
    FAQ_COLLECTOR_LABEL = "faq.collector.label";
    FAQ_COLLECTOR_ANSWER = "faq.collector.answer";
    FAQ_PAID_LABEL = "faq.paid.label";
    FAQ_PAID_ANSWER = "faq.paid.answer";
    FAQ_CREDIT_LABEL = "faq.credit.label";
    FAQ_CREDIT_ANSWER = "faq.credit.answer";
    FAQ_DENIED_LABEL = "faq.denied.label";
    FAQ_DENIED_ANSWER = "faq.denied.answer";
    FAQ_CHARITY_LABEL = "faq.charity.label";
    FAQ_CHARITY_ANSWER = "faq.charity.answer";
    FAQ_ADVOCATE_LABEL = "faq.advocate.label";
    FAQ_ADVOCATE_ANSWER = "faq.advocate.answer";
    FAQ_OTHER_QUESTIONS = "faq.other_questions";
    FAQ_BACK = "faq.back";
}
