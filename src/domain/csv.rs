//! CSV as RFC 4180 has it (read with the `csv` crate): fields split by a
//! separator, a field in double quotes may hold separators, `""` for a
//! quote, and line breaks. Enough for the bills users upload and for the
//! reference data in `data/`.

/// The fields of one CSV record, separated by `separator` (an ASCII
/// character). A quote inside an unquoted field is kept as it is.
pub fn split_csv_line(line: &str, separator: char) -> Vec<String> {
    // Without a quote, RFC 4180 is a plain split (and most lines, the
    // reference data's included, have none).
    if !line.contains('"') {
        return line.split(separator).map(str::to_string).collect();
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(line.len() + 64)
        .delimiter(u8::try_from(separator).unwrap_or(b','))
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(str::to_string).collect(),
        _ => vec![String::new()],
    }
}

/// The most lines one quoted field may span; past it the quote is taken
/// for a stray one (a line like `Gauze 5" pad`) and the lines are read as
/// they are.
const MAX_LINES_IN_A_FIELD: usize = 20;

/// The text's lines with each quoted field that spans several lines
/// joined into one line (its line breaks become spaces), so one record
/// is one line. A quote opens a field only at its start (after a comma,
/// a semicolon or the start of the line), as in RFC 4180.
pub fn join_quoted_lines(text: &str) -> Vec<String> {
    let physical: Vec<&str> = text.lines().flat_map(|line| line.split('\r')).collect();
    let mut lines = Vec::with_capacity(physical.len());
    let mut at = 0;
    while at < physical.len() {
        let mut joined = physical[at].to_string();
        let mut end = at;
        let mut open = ends_inside_quotes(&joined);
        while open && end + 1 < physical.len() && end - at < MAX_LINES_IN_A_FIELD {
            end += 1;
            joined.push(' ');
            joined.push_str(physical[end]);
            open = ends_inside_quotes(&joined);
        }
        if open && end > at {
            // Never closed: not a quoted field after all.
            lines.push(physical[at].to_string());
            at += 1;
        } else {
            lines.push(joined);
            at = end + 1;
        }
    }
    lines
}

/// Whether a quoted field is still open at the end of `line`.
fn ends_inside_quotes(line: &str) -> bool {
    let mut in_quotes = false;
    let mut field_start = true;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        if c == '"' && field_start {
            in_quotes = true;
        }
        field_start = c == ',' || c == ';' || (field_start && c == ' ');
    }
    in_quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_protect_separators_and_double_quotes_escape() {
        assert_eq!(
            split_csv_line(r#"a,"1,234.00","say ""hi""",,"#, ','),
            ["a", "1,234.00", r#"say "hi""#, "", ""]
        );
        assert_eq!(split_csv_line("x;y", ';'), ["x", "y"]);
        assert_eq!(split_csv_line(r#"Gauze 5" pad,$3"#, ','), [r#"Gauze 5" pad"#, "$3"]);
        assert_eq!(split_csv_line("", ','), [""]);
    }

    #[test]
    fn a_quoted_line_break_stays_in_its_record() {
        let text = "Date,Code,Description,Amount\n03/14/2026,85025,\"CBC\nwith differential\",$42.00\n03/14/2026,80053,CMP,$88.00";
        let lines = join_quoted_lines(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "03/14/2026,85025,\"CBC with differential\",$42.00");
        assert_eq!(
            split_csv_line(&lines[1], ','),
            ["03/14/2026", "85025", "CBC with differential", "$42.00"]
        );
        // A stray quote that never closes leaves the lines as they are.
        let stray = "x,\"Gauze 5 pad,$3\ny,$4\nz,$5";
        assert_eq!(join_quoted_lines(stray), ["x,\"Gauze 5 pad,$3", "y,$4", "z,$5"]);
    }
}
