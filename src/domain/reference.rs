//! Public CMS reference data, loaded once and indexed: which codes exist
//! (and which Level II codes were deleted), Medicare's payment rates for
//! hospital outpatient services (OPPS) and physicians (PFS), the curated
//! coding pairs, and our own plain-language names for common codes.
//!
//! The files live in `data/` (see `data/SOURCES.md`) and are compiled into
//! the binary; parsing them is pure, so tests and the bot use the same copy.
//! No AMA CPT descriptions are shipped: code numbers and our own names only.

use super::csv::split_csv_line;
use super::line_words::{LineKind, LineWords};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

const OPPS: &str = include_str!("../../data/cms/opps_2026q2_codes.csv");
const LEVEL2_2019: &str = include_str!("../../data/cms/hcpcs_level2_2019_status.csv");
const PHYSICIAN: &str = include_str!("../../data/cms/pfs2025_national_payment.csv");
const PAIRS: &str = include_str!("../../data/rules/coding-pairs.csv");
const NAMES: &str = include_str!("../../data/code-names.csv");
const LINE_WORDS: &str = include_str!("../../data/rules/line-words.csv");

/// CPT modifier numbers in common use (numbers only; their meanings in our
/// words are in `dialogues/`). Level II modifiers come from the HCPCS file.
const CPT_MODIFIERS: [&str; 38] = [
    "22", "23", "24", "25", "26", "27", "32", "33", "47", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59",
    "62", "63", "66", "73", "74", "76", "77", "78", "79", "80", "81", "82", "90", "91", "92", "93", "95", "96", "99",
];

/// A code's line in the hospital outpatient fee schedule (OPPS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OppsEntry {
    /// OPPS status indicator: how Medicare pays it (`J2`, `Q4` packaged, `E1` not covered...).
    pub status_indicator: String,
    /// National unadjusted payment rate, when separately paid.
    pub rate: Option<Decimal>,
}

/// Whether a code exists, as far as the reference data can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStatus {
    /// In the current (2026) code lists.
    Active,
    /// A Level II code that CMS terminated on this date.
    Deleted(NaiveDate),
    /// In no list we have.
    NotFound,
}

/// One row of `data/rules/coding-pairs.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodingPair {
    pub code_a: String,
    pub code_b: String,
    /// The machine tag before the colon (`panel_component_same_dos`...).
    pub tag: String,
    /// The modifiers that can make the pair legitimate (empty: none).
    pub modifiers_allowing: Vec<String>,
    pub source: String,
}

/// Why the reference data could not be loaded (a broken data file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("reference data: {0}")]
pub struct ReferenceError(pub String);

/// All reference data, indexed for lookups by code.
#[derive(Debug, Clone)]
pub struct Reference {
    opps: HashMap<String, OppsEntry>,
    /// Level II codes and modifiers of 2019, with their termination dates.
    level2: HashMap<String, Option<NaiveDate>>,
    level2_modifiers: HashSet<String>,
    physician: HashMap<String, Decimal>,
    pairs: Vec<CodingPair>,
    /// Indexes into `pairs` by their first code, for [`Reference::pairs_for`].
    pairs_by_first_code: HashMap<String, Vec<usize>>,
    names: HashMap<String, String>,
    line_words: LineWords,
}

impl Reference {
    /// Parses the data compiled into the binary.
    pub fn embedded() -> Result<Reference, ReferenceError> {
        let mut reference = Reference {
            opps: HashMap::new(),
            level2: HashMap::new(),
            level2_modifiers: HashSet::new(),
            physician: HashMap::new(),
            pairs: Vec::new(),
            pairs_by_first_code: HashMap::new(),
            names: HashMap::new(),
            line_words: LineWords::parse(LINE_WORDS).map_err(ReferenceError)?,
        };
        for row in rows(OPPS, "opps", 3)? {
            let rate = money(&row[2], "opps")?;
            reference.opps.insert(
                row[0].clone(),
                OppsEntry {
                    status_indicator: row[1].clone(),
                    rate,
                },
            );
        }
        for row in rows(LEVEL2_2019, "hcpcs 2019", 3)? {
            if row[1] == "modifier" {
                reference.level2_modifiers.insert(row[0].clone());
            } else {
                let terminated = (!row[2].is_empty())
                    .then(|| NaiveDate::parse_from_str(&row[2], "%Y%m%d"))
                    .transpose()
                    .map_err(|_| ReferenceError(format!("hcpcs 2019: bad date {:?}", row[2])))?;
                reference.level2.insert(row[0].clone(), terminated);
            }
        }
        for row in rows(PHYSICIAN, "physician fee schedule", 3)? {
            if let Some(rate) = money(&row[2], "physician fee schedule")? {
                reference.physician.insert(row[0].clone(), rate);
            }
        }
        for row in rows(PAIRS, "coding pairs", 5)? {
            let tag = row[2].split(':').next().unwrap_or("").trim().to_string();
            let modifiers_allowing = allowed_modifiers(&row[3]);
            reference.pairs.push(CodingPair {
                code_a: row[0].clone(),
                code_b: row[1].clone(),
                tag,
                modifiers_allowing,
                source: row[4].clone(),
            });
        }
        for (index, pair) in reference.pairs.iter().enumerate() {
            reference
                .pairs_by_first_code
                .entry(pair.code_a.clone())
                .or_default()
                .push(index);
        }
        for row in rows(NAMES, "code names", 2)? {
            reference.names.insert(row[0].clone(), row[1].clone());
        }
        Ok(reference)
    }

    /// Whether a procedure code exists: CPT-shaped numbers are checked
    /// against the 2026 payment files, Level II codes also against the
    /// 2019 HCPCS file (retired there: deleted; live there: existing).
    pub fn code_status(&self, code: &str, today: NaiveDate) -> CodeStatus {
        if self.opps.contains_key(code) || self.physician.contains_key(code) {
            return CodeStatus::Active;
        }
        match self.level2.get(code) {
            Some(Some(terminated)) if *terminated <= today => CodeStatus::Deleted(*terminated),
            // Live in 2019 and never retired there: Medicare's 2026 files
            // leave out codes only private plans and Medicaid use (S, H, T
            // codes) and some drugs, so take it as existing.
            Some(None) => CodeStatus::Active,
            _ => CodeStatus::NotFound,
        }
    }

    /// A modifier either CPT (numbers in common use) or HCPCS Level II.
    pub fn is_known_modifier(&self, modifier: &str) -> bool {
        CPT_MODIFIERS.contains(&modifier) || self.level2_modifiers.contains(modifier)
    }

    /// The code's hospital outpatient (OPPS) entry.
    pub fn opps(&self, code: &str) -> Option<&OppsEntry> {
        self.opps.get(code)
    }

    /// Medicare's national physician fee schedule amount (the higher of the
    /// facility and office amounts).
    pub fn physician_rate(&self, code: &str) -> Option<Decimal> {
        self.physician.get(code).copied()
    }

    /// Every curated coding pair.
    pub fn pairs(&self) -> &[CodingPair] {
        &self.pairs
    }

    /// The pairs whose first code is `code` (an index lookup: the audit
    /// asks this for every line).
    pub fn pairs_for<'a>(&'a self, code: &str) -> impl Iterator<Item = &'a CodingPair> + 'a {
        let indexes = self.pairs_by_first_code.get(code).map(Vec::as_slice).unwrap_or(&[]);
        indexes.iter().map(|&index| &self.pairs[index])
    }

    /// Whether a line's own words say it is of this kind (for lines
    /// printed without a code).
    pub fn described_as(&self, description: &str, kind: LineKind) -> bool {
        self.line_words.says(description, kind)
    }

    /// Our plain-language name for a common code.
    pub fn plain_name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }
}

/// The modifiers named in a `modifier_allows` cell: `59|XE|XS (note)`,
/// `25 (on the E/M) | 57 (note)`, `91 (...; 59 not accepted)`. Only the
/// words outside the parenthesised notes count.
fn allowed_modifiers(cell: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| word.len() == 2 && (CPT_MODIFIERS.contains(word) || word.starts_with('X')))
        .map(String::from)
        .collect()
}

/// The data rows of a CSV file (header skipped), each with `columns` fields.
fn rows(text: &str, file: &str, columns: usize) -> Result<Vec<Vec<String>>, ReferenceError> {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<String> = split_csv_line(line, ',')
                .into_iter()
                .map(|f| f.trim().to_string())
                .collect();
            if fields.len() < columns {
                return Err(ReferenceError(format!(
                    "{file}: a row has {} fields, expected {columns}",
                    fields.len()
                )));
            }
            Ok(fields)
        })
        .collect()
}

fn money(field: &str, file: &str) -> Result<Option<Decimal>, ReferenceError> {
    if field.is_empty() {
        return Ok(None);
    }
    field
        .parse()
        .map(Some)
        .map_err(|_| ReferenceError(format!("{file}: bad amount {field:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn the_embedded_data_loads_with_known_figures() {
        let reference = Reference::embedded().expect("data loads");
        let er5 = reference.opps("99285").unwrap();
        assert_eq!(er5.status_indicator, "J2");
        assert_eq!(er5.rate, Some(Decimal::from_str("608.43").unwrap()));
        assert_eq!(reference.opps("36415").unwrap().status_indicator, "Q4");
        assert_eq!(
            reference.physician_rate("99285"),
            Some(Decimal::from_str("168.85").unwrap())
        );
        assert_eq!(
            reference.physician_rate("96374"),
            Some(Decimal::from_str("33.96").unwrap())
        );
        assert_eq!(
            reference.opps("G0390").unwrap().rate,
            Some(Decimal::from_str("1361.78").unwrap())
        );
        assert!(reference.pairs().len() >= 150);
        assert!(reference
            .pairs_for("80053")
            .any(|p| p.code_b == "82565" && p.tag == "panel_component_same_dos"));
        assert_eq!(reference.plain_name("36415"), Some("Blood draw from a vein"));
    }

    #[test]
    fn codes_exist_were_deleted_or_are_unknown() {
        let reference = Reference::embedded().unwrap();
        assert_eq!(reference.code_status("99285", today()), CodeStatus::Active);
        assert_eq!(reference.code_status("J1885", today()), CodeStatus::Active);
        assert_eq!(reference.code_status("99999", today()), CodeStatus::NotFound);
        assert_eq!(
            reference.code_status("J1030", today()),
            CodeStatus::Active,
            "live in 2019, not in Medicare's files"
        );
        let deleted = reference.level2.iter().find(|(code, term)| {
            term.is_some() && !reference.opps.contains_key(*code) && !reference.physician.contains_key(*code)
        });
        let (code, term) = deleted.expect("the 2019 file has terminated codes");
        assert_eq!(reference.code_status(code, today()), CodeStatus::Deleted(term.unwrap()));
    }

    #[test]
    fn notes_in_the_modifier_column_are_not_modifiers() {
        assert_eq!(
            allowed_modifiers("91 (only a documented later re-run of the test; 59 not accepted)"),
            ["91"]
        );
        assert_eq!(
            allowed_modifiers("59|XE|XS|XP|XU (one per line; not on E/M)"),
            ["59", "XE", "XS", "XP", "XU"]
        );
        assert_eq!(
            allowed_modifiers("25 (on the E/M) | 57 (decision for major surgery)"),
            ["25", "57"]
        );
        assert!(allowed_modifiers("none").is_empty() && allowed_modifiers("n/a").is_empty());
    }

    #[test]
    fn modifiers_are_checked_against_both_lists() {
        let reference = Reference::embedded().unwrap();
        for modifier in ["25", "59", "91", "LT", "XU", "GA"] {
            assert!(reference.is_known_modifier(modifier), "{modifier}");
        }
        for modifier in ["00", "Q9Z", "ZZ"] {
            assert!(!reference.is_known_modifier(modifier), "{modifier}");
        }
    }

    #[test]
    fn no_cpt_description_is_shipped() {
        // The CPT-numbered data files carry numbers only: no letters in
        // any field but the status indicator.
        for line in OPPS.lines().skip(1) {
            let fields = split_csv_line(line, ',');
            assert_eq!(fields.len(), 3, "{line}");
        }
        for line in PHYSICIAN.lines().skip(1) {
            assert!(
                line.split(',')
                    .skip(1)
                    .all(|f| f.parse::<Decimal>().is_ok() || f.is_empty()),
                "{line}"
            );
        }
    }
}
