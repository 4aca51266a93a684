//! Keys of the coding findings (duplicates, codes, modifiers, unbundling, units).
//!
//! Each finding has a title, an explanation and the exact ask. Shared
//! pieces: `{when}` is [`CODING_ON_DATE`] or [`CODING_NO_DATE`]; `{lines}`
//! (and `{panel}`, `{kept}`…) are [`CODING_LINE`] pieces joined by
//! [`CODING_LIST_SEPARATOR`]; `{name}` is our plain name for the code or
//! the line's own description.

use super::keys;

keys! {
    /// One line named in a finding, with its code: "Blood count (line 3,
    /// code 85025, $142.00)", so the billing office finds it by code.
    CODING_LINE = "findings_coding.line" [name, number, code, amount];
    /// A line printed without a code: "ER facility fee (line 1, $622.00)".
    CODING_LINE_NO_CODE = "findings_coding.line_no_code" [name, number, amount];
    /// Between two named lines.
    CODING_LIST_SEPARATOR = "findings_coding.list_separator";
    /// When the lines are dated: "on Sat, Mar 14".
    CODING_ON_DATE = "findings_coding.on_date" [date];
    /// When the lines have no date.
    CODING_NO_DATE = "findings_coding.no_date";
    /// Line numbers in an ask: "line 3", "lines 3, 5".
    CODING_NUMBER = "findings_coding.number" [number];
    CODING_NUMBERS = "findings_coding.numbers" [numbers];

    CODING_DUPLICATE_TITLE = "findings_coding.duplicate.title" [name, times];
    CODING_DUPLICATE_EXPLAIN = "findings_coding.duplicate.explain" [name, code, times, when, lines];
    /// A drug or supply: a second dose can be real.
    CODING_DUPLICATE_EXPLAIN_DOSE = "findings_coding.duplicate.explain_dose" [name, code, times, when, lines];
    /// A line carries a modifier that does not mark a repeat of this kind.
    CODING_DUPLICATE_EXPLAIN_MODIFIER =
        "findings_coding.duplicate.explain_modifier" [name, code, times, when, lines, modifier];
    /// The bill prints no modifiers: their absence proves little.
    CODING_DUPLICATE_EXPLAIN_UNPRINTED =
        "findings_coding.duplicate.explain_unprinted" [name, code, times, when, lines];
    /// A test or tracing normally repeated hours apart.
    CODING_DUPLICATE_EXPLAIN_SERIAL = "findings_coding.duplicate.explain_serial" [name, code, times, when, lines];
    CODING_DUPLICATE_ASK = "findings_coding.duplicate.ask" [name, times, when, amount];
    /// A question with no dollars: confirm the count.
    CODING_DUPLICATE_ASK_CONFIRM = "findings_coding.duplicate.ask_confirm" [name, times, when];

    CODING_SPLIT_TITLE = "findings_coding.split_service.title" [name, count];
    CODING_SPLIT_EXPLAIN = "findings_coding.split_service.explain" [name, code, count, when, lines];
    CODING_SPLIT_ASK = "findings_coding.split_service.ask" [name, count, when, total];

    CODING_UNKNOWN_TITLE = "findings_coding.unknown_code.title" [code];
    CODING_UNKNOWN_EXPLAIN = "findings_coding.unknown_code.explain" [line, code];
    CODING_UNKNOWN_ASK = "findings_coding.unknown_code.ask" [number, code, amount];

    CODING_DELETED_TITLE = "findings_coding.deleted_code.title" [code];
    CODING_DELETED_EXPLAIN = "findings_coding.deleted_code.explain" [line, code, deleted];
    CODING_DELETED_ASK = "findings_coding.deleted_code.ask" [number, code, amount];

    CODING_MODIFIER_TITLE = "findings_coding.bad_modifier.title" [modifier, number];
    CODING_MODIFIER_MALFORMED = "findings_coding.bad_modifier.malformed" [line, modifier];
    CODING_MODIFIER_UNKNOWN = "findings_coding.bad_modifier.unknown" [line, modifier];
    CODING_MODIFIER_VISIT_ONLY = "findings_coding.bad_modifier.visit_only" [line, modifier];
    CODING_MODIFIER_NOT_ON_VISIT = "findings_coding.bad_modifier.not_on_visit" [line, modifier];
    CODING_MODIFIER_TWO_DISTINCT = "findings_coding.bad_modifier.two_distinct" [line, modifier];
    CODING_MODIFIER_LAB_REPEAT = "findings_coding.bad_modifier.lab_repeat" [line, modifier];
    CODING_MODIFIER_ASK = "findings_coding.bad_modifier.ask" [modifier, number];

    CODING_PANEL_COMPONENT_TITLE = "findings_coding.panel_component.title" [panel_name];
    CODING_PANEL_COMPONENT_EXPLAIN = "findings_coding.panel_component.explain" [panel, when, lines];
    CODING_PANEL_COMPONENT_ASK = "findings_coding.panel_component.ask" [panel_name, when, numbers, amount];

    CODING_PANEL_IN_PANEL_TITLE = "findings_coding.panel_in_panel.title" [inner_name, panel_name];
    CODING_PANEL_IN_PANEL_EXPLAIN = "findings_coding.panel_in_panel.explain" [inner, panel, when];
    CODING_PANEL_IN_PANEL_ASK = "findings_coding.panel_in_panel.ask" [inner_name, panel_name, when, amount];

    CODING_PANEL_OVERLAP_TITLE = "findings_coding.panel_overlap.title" [other_name, panel_name];
    CODING_PANEL_OVERLAP_EXPLAIN = "findings_coding.panel_overlap.explain" [other, panel, when];
    CODING_PANEL_OVERLAP_ASK = "findings_coding.panel_overlap.ask" [other_name, panel_name, when, amount];

    CODING_VENIPUNCTURE_TITLE = "findings_coding.extra_venipuncture.title" [count];
    CODING_VENIPUNCTURE_EXPLAIN = "findings_coding.extra_venipuncture.explain" [count, when, lines];
    CODING_VENIPUNCTURE_ASK = "findings_coding.extra_venipuncture.ask" [count, when, amount];
    /// Separate lines: a repeat can be normal (C2), so a question.
    CODING_VENIPUNCTURE_QUESTION_EXPLAIN = "findings_coding.extra_venipuncture.question_explain" [count, when, lines];
    CODING_VENIPUNCTURE_QUESTION_ASK = "findings_coding.extra_venipuncture.question_ask" [count, when];

    CODING_VISIT_SHOT_TITLE = "findings_coding.visit_with_injection.title" [visit_name];
    CODING_VISIT_SHOT_EXPLAIN = "findings_coding.visit_with_injection.explain" [visit, shot, when];
    /// In the ER: a separate exam is nearly always real.
    CODING_VISIT_SHOT_EXPLAIN_ER = "findings_coding.visit_with_injection.explain_er" [visit, shot, when];
    CODING_VISIT_SHOT_ASK = "findings_coding.visit_with_injection.ask" [shot_name, when, amount];

    CODING_PAIR_INITIAL_TITLE = "findings_coding.coding_pair.one_initial.title";
    CODING_PAIR_INITIAL_EXPLAIN = "findings_coding.coding_pair.one_initial.explain" [kept, extra, when];
    CODING_PAIR_INITIAL_ASK = "findings_coding.coding_pair.one_initial.ask" [extra_name, when, amount];
    CODING_PAIR_BRIEF_VISIT_TITLE = "findings_coding.coding_pair.brief_visit.title";
    CODING_PAIR_BRIEF_VISIT_EXPLAIN = "findings_coding.coding_pair.brief_visit.explain" [kept, extra, when];
    CODING_PAIR_BRIEF_VISIT_ASK = "findings_coding.coding_pair.brief_visit.ask" [extra_name, when, amount];
    CODING_PAIR_HYDRATION_TITLE = "findings_coding.coding_pair.hydration.title";
    CODING_PAIR_HYDRATION_EXPLAIN = "findings_coding.coding_pair.hydration.explain" [kept, extra, when];
    CODING_PAIR_HYDRATION_ASK = "findings_coding.coding_pair.hydration.ask" [extra_name, when, amount];
    CODING_PAIR_IV_START_TITLE = "findings_coding.coding_pair.iv_start.title";
    CODING_PAIR_IV_START_EXPLAIN = "findings_coding.coding_pair.iv_start.explain" [kept, extra, when];
    CODING_PAIR_IV_START_ASK = "findings_coding.coding_pair.iv_start.ask" [extra_name, kept_name, when, amount];

    CODING_UNITS_TITLE = "findings_coding.too_many_units.title" [units, number];
    CODING_UNITS_CRITICAL_CARE = "findings_coding.too_many_units.critical_care" [line, units];
    CODING_UNITS_PANEL = "findings_coding.too_many_units.panel" [line, units];
    CODING_UNITS_OBSERVATION = "findings_coding.too_many_units.observation" [line, units, limit];
    CODING_UNITS_ASK = "findings_coding.too_many_units.ask" [number, units, limit, amount];
    CODING_UNITS_ASK_HOURS = "findings_coding.too_many_units.ask_hours" [number, units, limit, amount];

    /// A contrast agent with scans all done without contrast.
    CODING_CONTRAST_TITLE = "findings_coding.contrast_without_dye.title";
    CODING_CONTRAST_EXPLAIN = "findings_coding.contrast_without_dye.explain" [agent, study, when];
    CODING_CONTRAST_ASK = "findings_coding.contrast_without_dye.ask" [agent_name, when, amount];

    /// Routine supplies billed on their own lines.
    CODING_SUPPLY_TITLE = "findings_coding.routine_supply.title";
    CODING_SUPPLY_EXPLAIN = "findings_coding.routine_supply.explain" [lines];
    CODING_SUPPLY_ASK = "findings_coding.routine_supply.ask" [numbers, amount];
}
