//! Splitting one line of CSV into fields: separators inside double quotes
//! are text, and `""` inside quotes is one quote. Enough for the bills users
//! upload and for the reference data in `data/`.

/// The fields of one CSV line, separated by `separator`.
pub fn split_csv_line(line: &str, separator: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            c if c == separator && !in_quotes => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
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
    }
}
