//! Keys of the visit and money findings (ER, dates, insurance, No Surprises
//! Act, prices, financial assistance, the itemized bill).
//!
//! Each finding has a title, an explanation and the exact ask; some have
//! extra sentences added to the explanation when they apply.

use super::keys;

keys! {
    // How the findings name line items, each with its code and our plain
    // name (or its own words): "line 3 (85025, blood count)", "lines 3
    // (…), 5 (…)". A line with neither is "line 3".
    VISIT_LINE = "findings_visit.lines.one" [number];
    VISIT_LINE_NAMED = "findings_visit.lines.one_named" [number, label];
    VISIT_LINES = "findings_visit.lines.many" [numbers];
    VISIT_LINES_ENTRY = "findings_visit.lines.entry" [number, label];
    // A count of nights: "1 night", "4 nights".
    VISIT_NIGHT = "findings_visit.nights.one";
    VISIT_NIGHTS = "findings_visit.nights.many" [count];

    VISIT_ER_LEVEL_TITLE = "findings_visit.er_level.title" [level];
    VISIT_ER_LEVEL_EXPLAIN = "findings_visit.er_level.explain" [lines, amount, level];
    /// The ER doctor's own bill: it never has room charges, so it says
    /// nothing about going home.
    VISIT_ER_LEVEL_EXPLAIN_DOCTOR = "findings_visit.er_level.explain_doctor" [lines, amount, level];
    VISIT_ER_LEVEL_ASK = "findings_visit.er_level.ask" [lines, level];

    VISIT_TRAUMA_TITLE = "findings_visit.trauma_activation.title" [amount];
    VISIT_TRAUMA_EXPLAIN = "findings_visit.trauma_activation.explain" [lines, amount];
    /// Added when the bill has no room charges.
    VISIT_TRAUMA_NOT_ADMITTED = "findings_visit.trauma_activation.not_admitted";
    /// Added when G0390 is billed without 99291.
    VISIT_TRAUMA_NO_CRITICAL_CARE = "findings_visit.trauma_activation.without_critical_care";
    VISIT_TRAUMA_ASK = "findings_visit.trauma_activation.ask" [lines];

    VISIT_FACILITY_TITLE = "findings_visit.facility_fee.title" [amount];
    VISIT_FACILITY_CLINIC_EXPLAIN = "findings_visit.facility_fee.clinic_explain" [lines, amount];
    VISIT_FACILITY_CLINIC_ASK = "findings_visit.facility_fee.clinic_ask" [lines];
    VISIT_FACILITY_ER_EXPLAIN = "findings_visit.facility_fee.emergency_explain" [lines, amount];
    VISIT_FACILITY_ER_ASK = "findings_visit.facility_fee.emergency_ask" [lines];

    VISIT_AFTER_DISCHARGE_TITLE = "findings_visit.after_discharge.title";
    VISIT_AFTER_DISCHARGE_EXPLAIN = "findings_visit.after_discharge.explain" [last_night, discharge, lines, amount];
    VISIT_AFTER_DISCHARGE_ASK = "findings_visit.after_discharge.ask" [discharge, lines, amount];

    VISIT_DISCHARGE_DAY_TITLE = "findings_visit.discharge_day_room.title";
    VISIT_DISCHARGE_DAY_EXPLAIN =
        "findings_visit.discharge_day_room.explain" [charged, admission, discharge, expected, night_charge];
    /// The user gave the discharge date.
    VISIT_DISCHARGE_DAY_EXPLAIN_DATED =
        "findings_visit.discharge_day_room.explain_dated" [charged, admission, discharge, expected, night_charge];
    VISIT_DISCHARGE_DAY_ASK =
        "findings_visit.discharge_day_room.ask" [admission, discharge, expected, charged, night_charge];

    VISIT_NOT_RECEIVED_TITLE = "findings_visit.not_received.title";
    VISIT_NOT_RECEIVED_EXPLAIN = "findings_visit.not_received.explain" [lines, amount];
    VISIT_NOT_RECEIVED_ASK = "findings_visit.not_received.ask" [lines, amount];

    VISIT_BALANCE_EOB_TITLE = "findings_visit.balance_differs_from_eob.title" [over];
    VISIT_BALANCE_EOB_EXPLAIN = "findings_visit.balance_differs_from_eob.explain" [your_share, amount_due, over];
    VISIT_BALANCE_EOB_ASK = "findings_visit.balance_differs_from_eob.ask" [your_share, amount_due, over];
    /// Out of network, outside the No Surprises Act: a question, not a correction.
    VISIT_BALANCE_EOB_OON_EXPLAIN = "findings_visit.balance_differs_from_eob.out_of_network_explain" [your_share, amount_due, over];
    VISIT_BALANCE_EOB_OON_ASK = "findings_visit.balance_differs_from_eob.out_of_network_ask" [your_share, amount_due, over];
    // Network not known: which of the two holds is the first question.
    VISIT_BALANCE_EOB_NOT_SURE_ASK = "findings_visit.balance_differs_from_eob.not_sure_ask" [your_share, amount_due, over];
    // An out-of-network clinician at a facility whose network is not known:
    // the No Surprises Act may apply (A3, E4), a question.
    VISIT_BALANCE_EOB_FACILITY_EXPLAIN = "findings_visit.balance_differs_from_eob.facility_not_sure_explain" [your_share, amount_due, over];
    VISIT_BALANCE_EOB_FACILITY_ASK = "findings_visit.balance_differs_from_eob.facility_not_sure_ask" [your_share, amount_due, over];
    // Medicare: the MSN's "Maximum You May Be Billed" (E2), not a network.
    VISIT_BALANCE_EOB_MEDICARE_EXPLAIN = "findings_visit.balance_differs_from_eob.medicare_explain" [your_share, amount_due, over];
    // Original Medicare: its Medicare Summary Notice, never "your EOB" (E2).
    VISIT_BALANCE_MEDICARE_TITLE = "findings_visit.balance_differs_from_eob.medicare_title" [over];
    VISIT_BALANCE_MEDICARE_ASK = "findings_visit.balance_differs_from_eob.medicare_ask" [your_share, amount_due, over];
    VISIT_BALANCE_MSN_TITLE = "findings_visit.balance_differs_from_eob.msn_title" [over];
    VISIT_BALANCE_MSN_EXPLAIN = "findings_visit.balance_differs_from_eob.msn_explain" [your_share, amount_due, over];
    VISIT_BALANCE_MSN_ASK = "findings_visit.balance_differs_from_eob.msn_ask" [your_share, amount_due, over];

    VISIT_EOB_MATH_TITLE = "findings_visit.eob_math.title";
    VISIT_EOB_MATH_EXPLAIN =
        "findings_visit.eob_math.explain" [allowed, plan_paid, expected, your_share, difference];
    VISIT_EOB_MATH_ASK = "findings_visit.eob_math.ask" [allowed, plan_paid, expected, your_share];

    VISIT_ASK_EOB_TITLE = "findings_visit.ask_for_eob.title";
    VISIT_ASK_EOB_EXPLAIN = "findings_visit.ask_for_eob.explain";
    VISIT_ASK_EOB_ASK = "findings_visit.ask_for_eob.ask";
    VISIT_ASK_EOB_DENIED_EXPLAIN = "findings_visit.ask_for_eob.denied_explain";
    VISIT_ASK_EOB_DENIED_ASK = "findings_visit.ask_for_eob.denied_ask";
    VISIT_ASK_MEDICARE_NOTICE_TITLE = "findings_visit.ask_for_eob.medicare_title";
    VISIT_ASK_MEDICARE_NOTICE_EXPLAIN = "findings_visit.ask_for_eob.medicare_explain";
    VISIT_ASK_MEDICARE_NOTICE_ASK = "findings_visit.ask_for_eob.medicare_ask";
    VISIT_ASK_MEDICARE_NOTICE_DENIED_EXPLAIN = "findings_visit.ask_for_eob.medicare_denied_explain";
    // E2, E11: Original Medicare sends a Medicare Summary Notice, not an
    // EOB, and answers at 1-800-MEDICARE.
    VISIT_ASK_MSN_TITLE = "findings_visit.ask_for_msn.title";
    VISIT_ASK_MSN_EXPLAIN = "findings_visit.ask_for_msn.explain";
    VISIT_ASK_MSN_ASK = "findings_visit.ask_for_msn.ask";
    VISIT_ASK_MSN_DENIED_EXPLAIN = "findings_visit.ask_for_msn.denied_explain";
    VISIT_ASK_MSN_DENIED_ASK = "findings_visit.ask_for_msn.denied_ask";
    VISIT_MSN_MATH_TITLE = "findings_visit.msn_math.title";
    VISIT_MSN_MATH_EXPLAIN =
        "findings_visit.msn_math.explain" [allowed, plan_paid, expected, your_share, difference];
    VISIT_MSN_MATH_ASK = "findings_visit.msn_math.ask" [allowed, plan_paid, expected, your_share];

    VISIT_BALANCE_BILLING_TITLE = "findings_visit.balance_billing.title";
    VISIT_BALANCE_BILLING_EXPLAIN = "findings_visit.balance_billing.explain" [your_share, amount_due, over];
    VISIT_BALANCE_BILLING_ASK = "findings_visit.balance_billing.ask" [your_share, over];
    VISIT_FACILITY_BALANCE_BILLING_TITLE = "findings_visit.facility_balance_billing.title";
    VISIT_FACILITY_BALANCE_BILLING_EXPLAIN = "findings_visit.facility_balance_billing.explain" [your_share, amount_due, over];
    VISIT_FACILITY_BALANCE_BILLING_ASK = "findings_visit.facility_balance_billing.ask" [your_share, over];

    VISIT_OVER_ESTIMATE_TITLE = "findings_visit.over_estimate.title" [over];
    VISIT_OVER_ESTIMATE_EXPLAIN = "findings_visit.over_estimate.explain" [estimate, total, over];
    VISIT_OVER_ESTIMATE_DEADLINE = "findings_visit.over_estimate.deadline_open" [deadline];
    VISIT_OVER_ESTIMATE_DEADLINE_PASSED = "findings_visit.over_estimate.deadline_passed" [deadline];
    VISIT_OVER_ESTIMATE_DEADLINE_UNKNOWN = "findings_visit.over_estimate.deadline_unknown";
    VISIT_OVER_ESTIMATE_ASK = "findings_visit.over_estimate.ask" [estimate, total, over];

    VISIT_HIGH_PRICE_TITLE = "findings_visit.high_price.title" [code, multiple];
    VISIT_HIGH_PRICE_HOSPITAL_EXPLAIN =
        "findings_visit.high_price.hospital_explain" [lines, amount, medicare, multiple, target];
    VISIT_HIGH_PRICE_PHYSICIAN_EXPLAIN =
        "findings_visit.high_price.physician_explain" [lines, amount, medicare, multiple, target];
    /// A Medicare rate for one unit of several: "$0.34 a unit".
    VISIT_HIGH_PRICE_PER_UNIT = "findings_visit.high_price.per_unit" [rate];
    VISIT_HIGH_PRICE_ASK = "findings_visit.high_price.ask" [lines, amount, multiple, target];

    VISIT_ASSISTANCE_TITLE = "findings_visit.financial_assistance.title";
    /// At or under 200% of the guideline.
    VISIT_ASSISTANCE_FREE = "findings_visit.financial_assistance.free" [percent, guideline, household];
    /// Over 200%, up to 400%.
    VISIT_ASSISTANCE_DISCOUNT = "findings_visit.financial_assistance.discount" [percent, guideline, household];
    /// Over 400%, only a state law reaches it.
    VISIT_ASSISTANCE_STATE_ONLY = "findings_visit.financial_assistance.state_only" [percent, guideline, household];
    VISIT_ASSISTANCE_NONPROFIT_UNSURE = "findings_visit.financial_assistance.nonprofit_unsure";
    VISIT_ASSISTANCE_WINDOW = "findings_visit.financial_assistance.window";
    VISIT_ASSISTANCE_CA = "findings_visit.financial_assistance.state.ca";
    VISIT_ASSISTANCE_WA = "findings_visit.financial_assistance.state.wa";
    VISIT_ASSISTANCE_MD = "findings_visit.financial_assistance.state.md";
    VISIT_ASSISTANCE_NY = "findings_visit.financial_assistance.state.ny";
    VISIT_ASSISTANCE_IL = "findings_visit.financial_assistance.state.il";
    VISIT_ASSISTANCE_CO = "findings_visit.financial_assistance.state.co";
    VISIT_ASSISTANCE_ASK = "findings_visit.financial_assistance.ask" [household, income];

    VISIT_ASK_ITEMIZED_TITLE = "findings_visit.ask_for_itemized.title";
    VISIT_ASK_ITEMIZED_EXPLAIN = "findings_visit.ask_for_itemized.explain";
    // The ask, by sender: a hospital's bill has revenue codes, a doctor's,
    // lab's or ambulance's does not, and a collector's or other's may.
    VISIT_ASK_ITEMIZED_ASK_HOSPITAL = "findings_visit.ask_for_itemized.ask_hospital";
    VISIT_ASK_ITEMIZED_ASK = "findings_visit.ask_for_itemized.ask";
    VISIT_ASK_ITEMIZED_ASK_UNSURE = "findings_visit.ask_for_itemized.ask_unsure";

    // A denied claim: appeal first.
    VISIT_APPEAL_TITLE = "findings_visit.appeal_denial.title";
    VISIT_APPEAL_EXPLAIN = "findings_visit.appeal_denial.explain";
    VISIT_APPEAL_EXPLAIN_DATED = "findings_visit.appeal_denial.explain_dated" [deadline];
    VISIT_APPEAL_EXPLAIN_PASSED = "findings_visit.appeal_denial.explain_passed" [deadline];
    VISIT_APPEAL_ASK_PASSED = "findings_visit.appeal_denial.ask_passed";
    VISIT_APPEAL_ASK = "findings_visit.appeal_denial.ask";
    VISIT_APPEAL_ASK_MEDICARE = "findings_visit.appeal_denial.ask_medicare";
    VISIT_APPEAL_ASK_PASSED_MEDICARE = "findings_visit.appeal_denial.ask_passed_medicare";
    /// Original Medicare: a redetermination, asked of Medicare (E3, E11).
    VISIT_APPEAL_EXPLAIN_ORIGINAL = "findings_visit.appeal_denial.explain_original";
    VISIT_APPEAL_EXPLAIN_DATED_ORIGINAL = "findings_visit.appeal_denial.explain_dated_original" [deadline];
    VISIT_APPEAL_EXPLAIN_PASSED_ORIGINAL = "findings_visit.appeal_denial.explain_passed_original" [deadline];
    VISIT_APPEAL_ASK_ORIGINAL = "findings_visit.appeal_denial.ask_original";
    VISIT_APPEAL_ASK_PASSED_ORIGINAL = "findings_visit.appeal_denial.ask_passed_original";
    /// Medicare Advantage: a reconsideration asked of the plan (E3).
    VISIT_APPEAL_EXPLAIN_ADVANTAGE = "findings_visit.appeal_denial.explain_advantage";
    VISIT_APPEAL_EXPLAIN_DATED_ADVANTAGE = "findings_visit.appeal_denial.explain_dated_advantage" [deadline];
    VISIT_APPEAL_EXPLAIN_PASSED_ADVANTAGE = "findings_visit.appeal_denial.explain_passed_advantage" [deadline];
    VISIT_APPEAL_ASK_ADVANTAGE = "findings_visit.appeal_denial.ask_advantage";
    VISIT_APPEAL_ASK_PASSED_ADVANTAGE = "findings_visit.appeal_denial.ask_passed_advantage";
    VISIT_VALIDATE_TITLE = "findings_visit.validate_debt.title";
    VISIT_VALIDATE_EXPLAIN = "findings_visit.validate_debt.explain";
    VISIT_VALIDATE_EXPLAIN_DATED = "findings_visit.validate_debt.explain_dated" [deadline];
    VISIT_VALIDATE_EXPLAIN_PASSED = "findings_visit.validate_debt.explain_passed" [deadline];
    VISIT_VALIDATE_ASK_PASSED = "findings_visit.validate_debt.ask_passed";
    VISIT_VALIDATE_ASK = "findings_visit.validate_debt.ask";
}
