//! The report's ⏰ Timing message: the advice from [`crate::domain::timing`]
//! in words, each with its real date, the days left or past, and links to
//! where the rule comes from.

use crate::content::{keys, Fill, Html, Key};
use crate::conversation::view::View;
use crate::domain::coverage::AppealKind;
use crate::domain::money::Usd;
use crate::domain::timing::{days_from, Advice, AdviceKind};

/// At most this many points are shown (the most urgent); the rest are
/// counted in one last line, so the message stays short on a phone.
pub const MAX_SHOWN: usize = 6;

/// The ⏰ Timing message for `advice` (already in order, most urgent first).
pub fn timing_message(advice: &[Advice], view: &View<'_>) -> Html {
    let content = view.content;
    let mut lines = vec![content.text(keys::TIMING_HEADING)];
    if advice.is_empty() {
        lines.push(content.text(keys::TIMING_NOTHING));
        return Html::join(&lines, "\n");
    }
    for item in advice.iter().take(MAX_SHOWN) {
        let text = advice_text(item, view);
        lines.push(if item.sources.is_empty() {
            content.render(keys::TIMING_LINE, &[("text", Fill::Html(&text))])
        } else {
            let sources = source_links(item.sources, view);
            content.render(
                keys::TIMING_LINE_SOURCED,
                &[("text", Fill::Html(&text)), ("sources", Fill::Html(&sources))],
            )
        });
    }
    if advice.len() > MAX_SHOWN {
        let more = (advice.len() - MAX_SHOWN).to_string();
        lines.push(content.render(keys::TIMING_MORE, &[("count", Fill::Text(&more))]));
    }
    Html::join(&lines, "\n")
}

/// "23 days left", "1 day left", "today", "1 day ago", "5 days ago".
pub fn days_phrase(days: i64, view: &View<'_>) -> String {
    let content = view.content;
    let count = days.unsigned_abs().to_string();
    match days {
        0 => content.plain(keys::TIMING_TODAY),
        1 => content.plain(keys::TIMING_DAY_LEFT),
        -1 => content.plain(keys::TIMING_DAY_AGO),
        d if d > 0 => content
            .render(keys::TIMING_DAYS_LEFT, &[("days", Fill::Text(&count))])
            .to_plain(),
        _ => content
            .render(keys::TIMING_DAYS_AGO, &[("days", Fill::Text(&count))])
            .to_plain(),
    }
}

/// The words of one piece of advice, dates and days filled in.
fn advice_text(advice: &Advice, view: &View<'_>) -> Html {
    let content = view.content;
    let today = view.today;
    let date = advice.date.map(|d| view.date(d)).unwrap_or_default();
    let days = advice
        .date
        .map(|d| days_phrase(days_from(today, d), view))
        .unwrap_or_default();
    let dated = |key: Key| content.render(key, &[("date", Fill::Text(&date)), ("days", Fill::Text(&days))]);
    let window = |key: Key| {
        let (start, end) = advice.window.or(advice.date.map(|d| (d, d))).unwrap_or_default();
        content.render(
            key,
            &[
                ("start", Fill::Text(&view.date(start))),
                ("end", Fill::Text(&view.date(end))),
                ("days", Fill::Text(&days)),
            ],
        )
    };
    let over = |key: Key, over| {
        content.render(
            key,
            &[
                ("over", Fill::Text(&Usd(over).to_string())),
                ("date", Fill::Text(&date)),
                ("days", Fill::Text(&days)),
            ],
        )
    };
    match advice.kind {
        AdviceKind::WaitForEob => content.text(keys::TIMING_WAIT_FOR_EOB),
        AdviceKind::WaitForMsn => content.text(keys::TIMING_WAIT_FOR_MSN),
        AdviceKind::WaitForMedicareOrPlan => content.text(keys::TIMING_WAIT_FOR_MEDICARE_OR_PLAN),
        AdviceKind::BeforeCareSelfPay => dated(keys::TIMING_BEFORE_CARE_SELF_PAY),
        AdviceKind::BeforeCare => dated(keys::TIMING_BEFORE_CARE),
        AdviceKind::BestDayToCall => dated(keys::TIMING_BEST_DAY),
        AdviceKind::BestDayToCallQuarterEnd => dated(keys::TIMING_BEST_DAY_QUARTER),
        AdviceKind::CollectionsWindowAhead => window(keys::TIMING_COLLECTIONS_AHEAD),
        AdviceKind::CollectionsWindowOpen => window(keys::TIMING_COLLECTIONS_OPEN),
        AdviceKind::CollectionsWindowPassed => window(keys::TIMING_COLLECTIONS_PASSED),
        AdviceKind::CollectionsNotice => dated(keys::TIMING_COLLECTIONS_NOTICE),
        AdviceKind::CollectionsNoticePassed => dated(keys::TIMING_COLLECTIONS_NOTICE_PASSED),
        AdviceKind::NonprofitNoCollectionsBefore => dated(keys::TIMING_NONPROFIT_BEFORE),
        AdviceKind::CaliforniaFloor => dated(keys::TIMING_CALIFORNIA_FLOOR),
        AdviceKind::WashingtonFloor => dated(keys::TIMING_WASHINGTON_FLOOR),
        AdviceKind::NonprofitNoticeRequired => dated(keys::TIMING_NONPROFIT_NOTICE),
        AdviceKind::FinancialAssistanceDeadline => dated(keys::TIMING_ASSISTANCE_OPEN),
        AdviceKind::FinancialAssistanceLate => dated(keys::TIMING_ASSISTANCE_LATE),
        AdviceKind::NoSurprisesDispute { over: amount } => over(keys::TIMING_NSA_OPEN, amount),
        AdviceKind::NoSurprisesDisputeMissed { over: amount } => over(keys::TIMING_NSA_MISSED, amount),
        AdviceKind::AppealInternal => dated(keys::TIMING_APPEAL),
        AdviceKind::AppealInternalPassed => dated(keys::TIMING_APPEAL_PASSED),
        AdviceKind::AppealInternalUndated => content.text(keys::TIMING_APPEAL_UNDATED),
        AdviceKind::AppealExternal => content.text(keys::TIMING_APPEAL_EXTERNAL),
        AdviceKind::AppealOtherPlan => content.text(keys::TIMING_APPEAL_OTHER_PLAN),
        AdviceKind::AppealByNotice { kind } | AdviceKind::AppealByNoticePassed { kind } => {
            let key = match advice.kind {
                AdviceKind::AppealByNotice { .. } => keys::TIMING_APPEAL_BY_NOTICE,
                _ => keys::TIMING_APPEAL_BY_NOTICE_PASSED,
            };
            let rule = content.text(appeal_rule(kind));
            content.render(
                key,
                &[
                    ("date", Fill::Text(&date)),
                    ("days", Fill::Text(&days)),
                    ("rule", Fill::Html(&rule)),
                ],
            )
        }
        AdviceKind::DebtValidation => dated(keys::TIMING_VALIDATION),
        AdviceKind::DebtValidationLegalEnd => dated(keys::TIMING_VALIDATION_LEGAL_END),
        AdviceKind::MedicaidApplyBy { rule_change: false } => dated(keys::TIMING_MEDICAID_APPLY_BY),
        AdviceKind::MedicaidApplyBy { rule_change: true } => dated(keys::TIMING_MEDICAID_RULE_CHANGE),
        AdviceKind::DebtValidationPassed => dated(keys::TIMING_VALIDATION_PASSED),
        AdviceKind::DebtValidationUndated => content.text(keys::TIMING_VALIDATION_UNDATED),
        AdviceKind::CreditReportingNotBefore => dated(keys::TIMING_CREDIT_NOT_BEFORE),
        AdviceKind::CreditReporting => content.text(keys::TIMING_CREDIT),
        AdviceKind::CreditReportingUnder500 => content.text(keys::TIMING_CREDIT_UNDER_500),
        AdviceKind::CreditReportingMayShow => content.text(keys::TIMING_CREDIT_MAY_SHOW),
        AdviceKind::StatuteOfLimitations => content.text(keys::TIMING_LIMITATIONS),
    }
}

/// What sets an appeal's date: "120 days from getting Medicare's notice"
/// (the plan's step and the ⏰ dates say the same).
pub(crate) fn appeal_rule(kind: AppealKind) -> Key {
    match kind {
        AppealKind::PrivatePlan => keys::PLAN_DUE_APPEAL_PRIVATE,
        AppealKind::OriginalMedicare => keys::PLAN_DUE_APPEAL_ORIGINAL_MEDICARE,
        AppealKind::MedicareAdvantage => keys::PLAN_DUE_APPEAL_ADVANTAGE,
        AppealKind::MedicareNotSure => keys::PLAN_DUE_APPEAL_MEDICARE_NOT_SURE,
        AppealKind::Medicaid => keys::PLAN_DUE_APPEAL_MEDICAID,
    }
}

/// The sources as links named by their site: "irs.gov, dollarfor.org".
fn source_links(sources: &[&str], view: &View<'_>) -> Html {
    let links: Vec<Html> = sources
        .iter()
        .map(|url| {
            view.content.render(
                keys::TIMING_SOURCE,
                &[("url", Fill::Text(url)), ("site", Fill::Text(site(url)))],
            )
        })
        .collect();
    Html::join(&links, view.content.text(keys::TIMING_SOURCE_SEPARATOR).as_str())
}

/// The site of a URL without its scheme and `www.`: `irs.gov`.
fn site(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::domain::bill::{Answer3, Bill, BillSender, ClaimStatus, Coverage, Estimate};
    use crate::domain::timing::{sources, Advice};

    /// The advice when the plan offers money now.
    fn advise(bill: &Bill, today: NaiveDate) -> Vec<Advice> {
        crate::domain::timing::advise(bill, today, true)
    }
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn render(bill: &Bill, today: NaiveDate) -> Html {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today,
        };
        timing_message(&advise(bill, today), &view)
    }

    fn assert_well_formed(html: &Html) {
        html.check_tags().unwrap_or_else(|e| panic!("{e}\n{html}"));
        let text = html.as_str();
        assert!(!text.contains('{') && !text.contains('}'), "placeholder left:\n{text}");
        assert!(text.starts_with("<b>⏰ Timing</b>\n"), "{text}");
    }

    /// Self-pay at a nonprofit hospital, $1,000 over the estimate.
    fn self_pay_bill() -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::Yes),
            coverage: Some(Coverage::SelfPay),
            first_bill_date: Some(day(2026, 3, 16)),
            amount_due: Some(Decimal::new(190_000, 2)),
            estimate: Some(Estimate::Amount(Decimal::new(90_000, 2))),
            in_collections: Some(false),
            ..Bill::default()
        }
    }

    #[test]
    fn an_empty_advice_list_says_there_is_nothing_dated() {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 6, 21),
        };
        let html = timing_message(&[], &view);
        assert_well_formed(&html);
        assert_eq!(
            html.as_str(),
            format!("<b>⏰ Timing</b>\n{}", content.text(keys::TIMING_NOTHING).as_str())
        );
    }

    #[test]
    fn renders_real_dates_days_and_source_links() {
        // Sun, Jun 21, 2026: day 97 after the first bill (Mon, Mar 16).
        let html = render(&self_pay_bill(), day(2026, 6, 21));
        assert_well_formed(&html);
        let text = html.as_str();
        for part in [
            "Tue, Jun 30 (9 days left), the last business day of this month",
            "$1,000.00 more than your good-faith estimate",
            "by Tue, Jul 14 (23 days left)",
            "Sun, Jun 14 to Tue, Jul 14 (23 days left)",
            "before Tue, Jul 14 (23 days left), day 120",
            "until at least Wed, Nov 11 (143 days left)",
            "<a href=\"https://www.irs.gov/charities-non-profits/billing-and-collections-section-501r6\">irs.gov</a>",
            "(<a href=\"https://medebaid.com/how-long-until-medical-debt-goes-to-collections/\">medebaid.com</a>)",
        ] {
            assert!(text.contains(part), "missing {part:?} in:\n{text}");
        }
        // Tips carry no source link.
        let best_day = text.lines().find(|l| l.contains("last business day")).unwrap();
        assert!(!best_day.contains("<a "), "{best_day}");
    }

    #[test]
    fn says_today_one_day_and_days_ago() {
        let content = Content::embedded().unwrap();
        let view = View {
            content: &content,
            today: day(2026, 7, 14),
        };
        let cases = [
            (0, "today"),
            (1, "1 day left"),
            (23, "23 days left"),
            (-1, "1 day ago"),
            (-5, "5 days ago"),
            (-400, "400 days ago"),
        ];
        for (days, expected) in cases {
            assert_eq!(days_phrase(days, &view), expected);
        }
    }

    #[test]
    fn dates_in_another_year_show_the_year_and_passed_dates_count_back() {
        // Denied Jan 2, 2025; today Jul 1, 2026: the 180 days ended Jul 1, 2025.
        let bill = Bill {
            sender: Some(BillSender::DoctorOffice),
            coverage: Some(Coverage::InNetwork),
            claim: Some(ClaimStatus::Denied),
            denial_date: Some(day(2025, 1, 2)),
            ..Bill::default()
        };
        let html = render(&bill, day(2026, 7, 1));
        assert_well_formed(&html);
        assert!(
            html.as_str().contains("ended Tue, Jul 1, 2025 (365 days ago)"),
            "{html}"
        );
        assert!(html.as_str().contains("4 months"), "{html}");
    }

    #[test]
    fn keeps_the_six_most_urgent_and_counts_the_rest() {
        // Nonprofit, in collections, denied: 8 pieces of advice.
        let bill = Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(Answer3::Yes),
            coverage: Some(Coverage::OutOfNetwork),
            claim: Some(ClaimStatus::Denied),
            denial_date: Some(day(2026, 5, 1)),
            first_bill_date: Some(day(2026, 3, 16)),
            amount_due: Some(Decimal::new(250_000, 2)),
            in_collections: Some(true),
            collector_letter_date: Some(day(2026, 6, 10)),
            ..Bill::default()
        };
        let today = day(2026, 6, 21);
        let advice = advise(&bill, today);
        assert_eq!(advice.len(), 8, "{advice:?}");
        let html = render(&bill, today);
        assert_well_formed(&html);
        let lines: Vec<&str> = html.as_str().lines().collect();
        assert_eq!(lines.len(), 1 + MAX_SHOWN + 1, "{html}");
        assert_eq!(
            lines.last().unwrap(),
            &"• And 2 more for later. Start with the ones above."
        );
    }

    /// A4: up to 30 days from the letter, "to be safe, send it by" that
    /// date; after it, the date shown is the legal end (receipt assumed 5
    /// business days after Mon, Jun 1 is Mon, Jun 8; + 30 days: Wed, Jul 8),
    /// and the words say so instead of "to be safe".
    #[test]
    fn the_validation_line_says_which_date_it_shows() {
        let bill = Bill {
            sender: Some(BillSender::CollectionsAgency),
            coverage: Some(Coverage::SelfPay),
            in_collections: Some(true),
            collector_letter_date: Some(day(2026, 6, 1)),
            amount_due: Some(Decimal::new(40_000, 2)),
            ..Bill::default()
        };
        let open = render(&bill, day(2026, 6, 21));
        assert!(open.as_str().contains("To be safe, send it by Wed, Jul 1"), "{open}");
        let late = render(&bill, day(2026, 7, 3));
        let text = late.as_str();
        assert!(!text.contains("To be safe"), "{text}");
        assert!(
            text.contains(
                "are behind you, but the time to dispute the debt in writing runs until Wed, Jul 8 (5 days left)"
            ),
            "{text}"
        );
    }

    #[test]
    fn every_kind_renders_without_a_placeholder_left() {
        let content = Content::embedded().unwrap();
        let today = day(2026, 6, 21);
        let view = View {
            content: &content,
            today,
        };
        let kinds = [
            AdviceKind::WaitForEob,
            AdviceKind::WaitForMsn,
            AdviceKind::WaitForMedicareOrPlan,
            AdviceKind::BeforeCareSelfPay,
            AdviceKind::BeforeCare,
            AdviceKind::BestDayToCall,
            AdviceKind::BestDayToCallQuarterEnd,
            AdviceKind::CollectionsWindowAhead,
            AdviceKind::CollectionsWindowOpen,
            AdviceKind::CollectionsWindowPassed,
            AdviceKind::CollectionsNotice,
            AdviceKind::CollectionsNoticePassed,
            AdviceKind::NonprofitNoCollectionsBefore,
            AdviceKind::CaliforniaFloor,
            AdviceKind::WashingtonFloor,
            AdviceKind::NonprofitNoticeRequired,
            AdviceKind::FinancialAssistanceDeadline,
            AdviceKind::FinancialAssistanceLate,
            AdviceKind::NoSurprisesDispute {
                over: Decimal::new(40_000, 2),
            },
            AdviceKind::NoSurprisesDisputeMissed {
                over: Decimal::new(40_000, 2),
            },
            AdviceKind::AppealInternal,
            AdviceKind::AppealInternalPassed,
            AdviceKind::AppealInternalUndated,
            AdviceKind::AppealExternal,
            AdviceKind::AppealOtherPlan,
            AdviceKind::AppealByNotice {
                kind: crate::domain::coverage::AppealKind::OriginalMedicare,
            },
            AdviceKind::AppealByNoticePassed {
                kind: crate::domain::coverage::AppealKind::Medicaid,
            },
            AdviceKind::DebtValidation,
            AdviceKind::DebtValidationLegalEnd,
            AdviceKind::MedicaidApplyBy { rule_change: false },
            AdviceKind::MedicaidApplyBy { rule_change: true },
            AdviceKind::DebtValidationPassed,
            AdviceKind::DebtValidationUndated,
            AdviceKind::CreditReportingNotBefore,
            AdviceKind::CreditReporting,
            AdviceKind::CreditReportingUnder500,
            AdviceKind::CreditReportingMayShow,
            AdviceKind::StatuteOfLimitations,
        ];
        for kind in kinds {
            let advice = Advice {
                kind,
                date: Some(day(2026, 7, 14)),
                window: Some((day(2026, 6, 14), day(2026, 7, 14))),
                sources: &[sources::CREDIT_BUREAUS, sources::CFPB_RULE_VACATED],
            };
            let html = timing_message(&[advice], &view);
            assert_well_formed(&html);
            assert_eq!(html.as_str().lines().count(), 2, "{html}");
            let line = html.as_str().lines().nth(1).unwrap();
            assert!(line.starts_with("• ") && line.len() > 40, "{kind:?}: {line}");
            assert!(
                line.ends_with("(<a href=\"https://www.equifax.com/personal/help/article-list/-/h/a/medical-debt-collections-on-credit-report-not-removed/\">equifax.com</a>, <a href=\"https://bankingjournal.aba.com/?p=60010\">bankingjournal.aba.com</a>)"),
                "{line}"
            );
        }
    }

    #[test]
    fn site_names_drop_the_scheme_and_www() {
        assert_eq!(site("https://www.irs.gov/charities"), "irs.gov");
        assert_eq!(site("http://laws9.com/cfr/text/45/147/136"), "laws9.com");
        assert_eq!(
            site("https://bankingjournal.aba.com/?p=60010"),
            "bankingjournal.aba.com"
        );
        assert_eq!(site("dollarfor.org"), "dollarfor.org");
    }
}
