//! Lines recognised by their words when they carry no code: many real
//! statements print "ER facility fee" or "Use of room, 1 hour" with no
//! revenue or procedure code. The words per kind live in
//! `data/rules/line-words.csv` (sources there and in `data/SOURCES.md`);
//! the audit reads a line so recognised as its coded twin.

use super::csv::split_csv_line;

/// What a line's words say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// The hospital's ER charge (revenue code 045x).
    ErFacility,
    /// A facility fee or the use of a room (clinic 051x, treatment room 076x).
    Facility,
    /// Room and board for a night (010x–021x).
    Room,
    /// A trauma team activation (068x).
    Trauma,
    /// Observation hours (G0378, revenue code 0762).
    Observation,
    /// A routine supply normally part of the room or procedure charge.
    RoutineSupply,
    /// A contrast agent (dye) for a scan.
    ContrastAgent,
    /// A scan described as done without contrast.
    WithoutContrast,
    /// A scan described as done with contrast (or with and without).
    WithContrast,
}

impl LineKind {
    fn from_name(name: &str) -> Option<LineKind> {
        Some(match name {
            "er_facility" => LineKind::ErFacility,
            "facility" => LineKind::Facility,
            "room" => LineKind::Room,
            "trauma" => LineKind::Trauma,
            "observation" => LineKind::Observation,
            "routine_supply" => LineKind::RoutineSupply,
            "contrast_agent" => LineKind::ContrastAgent,
            "without_contrast" => LineKind::WithoutContrast,
            "with_contrast" => LineKind::WithContrast,
            _ => return None,
        })
    }
}

/// The words of each kind, upper-cased.
#[derive(Debug, Clone, Default)]
pub struct LineWords {
    words: Vec<(LineKind, Vec<String>)>,
}

/// The words of `data/rules/line-words.csv`, compiled in.
const EMBEDDED: &str = include_str!("../../data/rules/line-words.csv");

impl LineWords {
    /// The compiled-in words, parsed once.
    pub fn embedded() -> &'static LineWords {
        static WORDS: std::sync::OnceLock<LineWords> = std::sync::OnceLock::new();
        WORDS.get_or_init(|| LineWords::parse(EMBEDDED).unwrap_or_default())
    }

    /// Parses `kind,words,source` rows (words separated by `|`).
    pub fn parse(text: &str) -> Result<LineWords, String> {
        let mut words = Vec::new();
        for line in text.lines().skip(1).filter(|line| !line.trim().is_empty()) {
            let fields = split_csv_line(line, ',');
            let [kind, list, source, ..] = fields.as_slice() else {
                return Err(format!("line words: a row has {} fields, expected 3", fields.len()));
            };
            let kind = LineKind::from_name(kind.trim()).ok_or_else(|| format!("line words: unknown kind {kind:?}"))?;
            if source.trim().is_empty() {
                return Err(format!("line words: {kind:?} has no source"));
            }
            let list: Vec<String> = list
                .split('|')
                .map(|w| w.trim().to_ascii_uppercase())
                .filter(|w| !w.is_empty())
                .collect();
            words.push((kind, list));
        }
        Ok(LineWords { words })
    }

    /// Whether the description says the line is of this kind: one of the
    /// kind's words, as whole words ("ER VISIT" is not in "PER VISIT").
    pub fn says(&self, description: &str, kind: LineKind) -> bool {
        if description.trim().is_empty() {
            return false;
        }
        let text = description.to_ascii_uppercase();
        self.words
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, list)| list.iter())
            .any(|word| contains_whole(&text, word))
    }
}

/// `needle` in `text` with no letter or digit right before or after it.
fn contains_whole(text: &str, needle: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return true;
        }
        from = start + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> LineWords {
        LineWords::parse(include_str!("../../data/rules/line-words.csv")).unwrap()
    }

    #[test]
    fn lines_are_recognised_by_whole_words() {
        let w = words();
        assert!(w.says("ER facility fee", LineKind::ErFacility));
        assert!(!w.says("Supplies per visit", LineKind::ErFacility));
        assert!(w.says("Use of room, 1 hour", LineKind::Facility));
        assert!(w.says("ROOM & BOARD SEMI-PRIV", LineKind::Room));
        assert!(w.says("Trauma activation level II", LineKind::Trauma));
        assert!(w.says("OBSERVATION PER HOUR", LineKind::Observation));
        assert!(w.says("Bandage supply", LineKind::RoutineSupply));
        assert!(!w.says("Bandage supply", LineKind::Room));
        assert!(w.says("MRI BRAIN W/O DYE", LineKind::WithoutContrast));
        assert!(!w.says("MRI BRAIN W/O DYE", LineKind::WithContrast));
        assert!(w.says("MRI BRAIN W/WO DYE", LineKind::WithContrast));
        assert!(w.says("GADOBUTROL 0.1 ML", LineKind::ContrastAgent));
        assert!(!w.says("", LineKind::Room));
    }

    #[test]
    fn a_bad_row_is_refused() {
        assert!(LineWords::parse("kind,words,source\nnope,A|B,src\n").is_err());
        assert!(LineWords::parse("kind,words,source\nroom,A|B,\n").is_err());
        assert!(LineWords::parse("kind,words,source\nroom,A\n").is_err());
    }
}
