//! The report at the end of a review, in phone-sized parts, each with a
//! button to the next: 🧾 the summary of the bill, 🧭 the plan (what to do
//! first and what it could save, right after the summary), 🔎 the audit's findings
//! (a few per message, most money first, the first step to take on top),
//! ⏰ the timing advice, 📞 what to say when calling (the script that fits
//! first) and 💵 what to offer.

pub mod finding_text;
pub mod findings_coding;
pub mod findings_visit;
pub mod offer;
pub mod plan;
pub mod timing;

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::action::{Action, MenuItem, ReportPart};
use crate::conversation::output::{Button, Keyboard, Output};
use crate::conversation::report::offer::offer_message;
use crate::conversation::report::plan::{letter_for, plan_for, plan_message, script_for, step_message};
use crate::conversation::report::timing::timing_message;
use crate::conversation::view::View;
use crate::conversation::{describe_coding_finding, describe_visit_finding, FindingText};
use crate::domain::audit::{self, Certainty, Finding, FindingKind};
use crate::domain::bill::Bill;
use crate::domain::money::Usd;
use crate::domain::plan::{ordered_findings, Plan, Step};
use crate::domain::reference::Reference;

/// Findings shown per message.
pub const FINDINGS_PER_PAGE: usize = 3;

/// The 🧾 summary, with the button to the findings.
pub fn summary(bill: &Bill, view: &View<'_>) -> Output {
    let text = view.summary_text(bill);
    let keyboard = vec![
        vec![view.button(keys::REPORT_SEE_FINDINGS, Action::Report(ReportPart::Findings(0)))],
        vec![
            view.button(keys::MENU_MAIN, Action::Menu(MenuItem::Main)),
            view.button(keys::BILLS_NEW, Action::NewBill),
        ],
    ];
    Output::choice(text, keyboard)
}

/// The plan for a bill, from its audit.
pub fn bill_plan(bill: &Bill, reference: &Reference, view: &View<'_>) -> Plan {
    let findings = audit::audit(bill, reference, view.today).findings;
    plan_for(bill, &findings, view.today)
}

/// The 🧭 plan, sent right after the summary: the top steps, and buttons
/// for step 1's script and letter, the findings and the dates.
pub fn plan(bill: &Bill, reference: &Reference, view: &View<'_>) -> Output {
    let plan = bill_plan(bill, reference, view);
    let mut keyboard: Keyboard =
        vec![vec![view.button(
            keys::REPORT_SEE_FINDINGS,
            Action::Report(ReportPart::Findings(0)),
        )]];
    if let Some(first) = plan.first() {
        keyboard.push(step_tools(first, 0, bill, view));
    }
    // Trial 7: "how do i do step 3" had no way in but /script and /letter.
    let others: Vec<Button> = (1..plan.shown().len())
        .map(|index| step_button(keys::PLAN_STEP_BUTTON, index, Action::PlanStep(index), view))
        .collect();
    if !others.is_empty() {
        keyboard.push(others);
    }
    keyboard.push(vec![
        view.button(keys::REPORT_SEE_TIMING, Action::Report(ReportPart::Timing))
    ]);
    keyboard.push(vec![
        view.button(keys::MENU_MAIN, Action::Menu(MenuItem::Main)),
        view.button(keys::BILLS_NEW, Action::NewBill),
    ]);
    Output::choice(plan_message(&plan, view), keyboard)
}

/// One step of the plan on its own: what and why, and its script and
/// letter; None for a step the plan does not show.
pub fn plan_step(bill: &Bill, reference: &Reference, view: &View<'_>, index: usize) -> Option<Output> {
    let plan = bill_plan(bill, reference, view);
    let step = plan.shown().get(index)?;
    let keyboard = vec![
        step_tools(step, index, bill, view),
        vec![view.button(keys::REPORT_BACK_TO_SUMMARY, Action::Report(ReportPart::Summary))],
    ];
    Some(Output::choice(step_message(&plan, index, view), keyboard))
}

/// The buttons for a step's script and, where one fits, its letter.
fn step_tools(step: &Step, index: usize, bill: &Bill, view: &View<'_>) -> Vec<Button> {
    let mut row = vec![step_button(
        keys::PLAN_SCRIPT_BUTTON,
        index,
        Action::Script(script_for(step, bill).id().to_string()),
        view,
    )];
    if let Some(letter) = letter_for(step) {
        row.push(step_button(
            keys::PLAN_LETTER_BUTTON,
            index,
            Action::Letter(letter.id().to_string()),
            view,
        ));
    }
    row
}

/// A button naming step `index` (0-based) as the user counts it.
fn step_button(label: Key, index: usize, action: Action, view: &View<'_>) -> Button {
    let number = (index + 1).to_string();
    Button {
        label: view
            .content
            .render(label, &[("number", Fill::Text(&number))])
            .to_plain(),
        data: action.encode(),
    }
}

/// One page of 🔎 findings.
pub fn findings(bill: &Bill, reference: &Reference, view: &View<'_>, page: usize) -> Output {
    let findings = ordered_findings(bill, reference, view.today);
    let pages = findings.len().div_ceil(FINDINGS_PER_PAGE).max(1);
    let page = page.min(pages - 1);
    let content = view.content;
    let mut parts = Vec::new();
    if page == 0 {
        let plan = bill_plan(bill, reference, view);
        parts.push(heading(&findings, &plan, bill, view));
    }
    for (index, finding) in findings
        .iter()
        .enumerate()
        .skip(page * FINDINGS_PER_PAGE)
        .take(FINDINGS_PER_PAGE)
    {
        parts.push(finding_block(index + 1, finding, bill, reference, view));
    }
    let mut keyboard: Keyboard = Vec::new();
    if page + 1 < pages {
        let more = (findings.len() - (page + 1) * FINDINGS_PER_PAGE).to_string();
        let label = content.render(keys::REPORT_MORE_FINDINGS, &[("count", Fill::Text(&more))]);
        keyboard.push(vec![crate::conversation::Button {
            label: label.to_plain(),
            data: Action::Report(ReportPart::Findings(page + 1)).encode(),
        }]);
    }
    keyboard.push(vec![
        view.button(keys::REPORT_SEE_TIMING, Action::Report(ReportPart::Timing))
    ]);
    keyboard.push(vec![
        view.button(keys::REPORT_BACK_TO_SUMMARY, Action::Report(ReportPart::Summary))
    ]);
    Output::choice(Html::join(&parts, "\n\n"), keyboard)
}

/// The ⏰ timing advice, with the ways on.
pub fn timing(bill: &Bill, view: &View<'_>) -> Output {
    let text = timing_message(&crate::domain::plan::dates(bill, view.today), view);
    let keyboard = vec![
        vec![view.button(keys::REPORT_SEE_SCRIPTS, Action::Report(ReportPart::Scripts))],
        vec![view.button(keys::REMIND_FROM_REPORT, Action::RemindPicker)],
        vec![view.button(keys::REPORT_BACK_TO_FINDINGS, Action::Report(ReportPart::Findings(0)))],
    ];
    Output::choice(text, keyboard)
}

/// The 💵 offer: what to offer and where to stop, and the ways on.
pub fn offer(bill: &Bill, reference: &Reference, view: &View<'_>) -> Output {
    let audit = audit::audit(bill, reference, view.today);
    let plan = plan_for(bill, &audit.findings, view.today);
    let keyboard = vec![
        vec![view.button(keys::REPORT_BACK_TO_SCRIPTS, Action::Report(ReportPart::Scripts))],
        vec![
            view.button(keys::MENU_MAIN, Action::Menu(MenuItem::Main)),
            view.button(keys::BILLS_NEW, Action::NewBill),
        ],
    ];
    Output::choice(offer_message(bill, &plan, &audit.prices, view), keyboard)
}

/// The findings in report order, each with its words (for scripts and
/// letters, which quote them).
pub fn findings_with_texts(bill: &Bill, reference: &Reference, view: &View<'_>) -> (Vec<Finding>, Vec<FindingText>) {
    let findings = ordered_findings(bill, reference, view.today);
    let texts = findings
        .iter()
        .map(|finding| describe(finding, bill, reference, view))
        .collect();
    (findings, texts)
}

fn describe(finding: &Finding, bill: &Bill, reference: &Reference, view: &View<'_>) -> FindingText {
    match &finding.kind {
        FindingKind::Coding(issue) => describe_coding_finding(issue, finding, bill, reference, view),
        FindingKind::Visit(issue) => describe_visit_finding(issue, finding, bill, reference, view),
    }
}

/// "🔎 What I found: 4 things to do or ask. Your plan could take off up to
/// $1,234.00." (the plan's own figure, so the two screens agree), or the
/// good news of a clean bill (honest about what could not be checked).
fn heading(findings: &[Finding], plan: &Plan, bill: &Bill, view: &View<'_>) -> Html {
    let content = view.content;
    if findings.is_empty() {
        // As the plan decides: no charges to check on a bill that should
        // be $0, no lower price to ask while it offers nothing.
        let clean = if !plan.checks_the_charges() {
            content.text(keys::REPORT_CLEAN_OWE_NOTHING)
        } else if bill.items.is_empty() {
            content.text(keys::REPORT_CLEAN_NO_ITEMS)
        } else if plan.offers_now() {
            content.text(keys::REPORT_CLEAN)
        } else {
            content.text(keys::REPORT_CLEAN_HOLD)
        };
        return match plan_total(plan, view) {
            Some(total) => Html::join(
                &[
                    clean,
                    content.render(keys::REPORT_CLEAN_PLAN_SAVES, &[("total", Fill::Html(&total))]),
                ],
                "\n",
            ),
            None => clean,
        };
    }
    let one = findings.len() == 1;
    let Some(total) = plan_total(plan, view) else {
        let count = findings.len().to_string();
        return match one {
            true => content.text(keys::REPORT_FINDINGS_HEADING_NO_MONEY_ONE),
            false => content.render(keys::REPORT_FINDINGS_HEADING_NO_MONEY, &[("count", Fill::Text(&count))]),
        };
    };
    match one {
        true => content.render(keys::REPORT_FINDINGS_HEADING_ONE, &[("total", Fill::Html(&total))]),
        false => content.render(
            keys::REPORT_FINDINGS_HEADING,
            &[
                ("count", Fill::Text(&findings.len().to_string())),
                ("total", Fill::Html(&total)),
            ],
        ),
    }
}

/// The plan's one "could take off" figure, worded as the plan decides:
/// "up to $1,234.00", or "at least $45.00" where questions come on top.
fn plan_total(plan: &Plan, view: &View<'_>) -> Option<Html> {
    let total = Usd(plan.could_save()?).to_string();
    let key = match plan.could_save_more() {
        true => keys::REPORT_TOTAL_AT_LEAST,
        false => keys::REPORT_TOTAL_UP_TO,
    };
    Some(view.content.render(key, &[("amount", Fill::Text(&total))]))
}

/// One finding: its title, the money and how sure, what we saw, what to ask.
fn finding_block(number: usize, finding: &Finding, bill: &Bill, reference: &Reference, view: &View<'_>) -> Html {
    let FindingText { title, explain, ask } = describe(finding, bill, reference, view);
    let content = view.content;
    let is_step = matches!(&finding.kind, FindingKind::Visit(issue) if issue.is_step());
    let is_right = matches!(&finding.kind, FindingKind::Visit(issue) if issue.is_right());
    let certainty = content.text(match finding.certainty {
        _ if is_step => keys::REPORT_STEP,
        _ if is_right => keys::REPORT_RIGHT,
        Certainty::Certain => keys::REPORT_CERTAIN,
        Certainty::Likely => keys::REPORT_LIKELY,
        Certainty::WorthAsking => keys::REPORT_WORTH_ASKING,
    });
    let stake = if finding.at_stake.is_zero() {
        certainty
    } else {
        content.render(
            keys::REPORT_AT_STAKE,
            &[
                ("amount", Fill::Text(&Usd(finding.at_stake).to_string())),
                ("certainty", Fill::Html(&certainty)),
            ],
        )
    };
    content.render(
        keys::REPORT_FINDING,
        &[
            ("number", Fill::Text(&number.to_string())),
            ("title", Fill::Html(&title)),
            ("stake", Fill::Html(&stake)),
            ("explain", Fill::Html(&explain)),
            ("ask", Fill::Html(&ask)),
        ],
    )
}
