//! US states and territories: reading what people type ("ca", "Calif",
//! "new york") into the two-letter postal code, and back to the name.

/// Postal code and name of every state, DC and the inhabited territories.
pub const STATES: [(&str, &str); 56] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
];

/// The postal code for a typed state: its code, its name, or a start of
/// its name that fits only one state ("calif", "mass").
pub fn parse_state(typed: &str) -> Option<&'static str> {
    let typed: String = typed
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if typed.is_empty() {
        return None;
    }
    if let Some((code, _)) = STATES
        .iter()
        .find(|(code, name)| code.eq_ignore_ascii_case(&typed) || name.eq_ignore_ascii_case(&typed))
    {
        return Some(code);
    }
    let matches: Vec<&str> = STATES
        .iter()
        .filter(|(_, name)| typed.len() >= 4 && name.to_lowercase().starts_with(&typed))
        .map(|(code, _)| *code)
        .collect();
    match matches.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// The name of a state from its postal code.
pub fn name(code: &str) -> Option<&'static str> {
    STATES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_names_and_unambiguous_starts() {
        let cases = [
            ("CA", Some("CA")),
            ("ca", Some("CA")),
            ("California", Some("CA")),
            ("calif", Some("CA")),
            (" new  york ", Some("NY")),
            ("Mass.", Some("MA")),
            ("hawaii", Some("HI")),
            ("Alaska", Some("AK")),
            ("dc", Some("DC")),
            ("new", None),
            ("north", None),
            ("XX", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_state(typed), expected, "typed {typed:?}");
        }
        assert_eq!(name("ny"), Some("New York"));
    }
}
