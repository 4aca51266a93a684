//! Which uploaded files the bot reads: small `.txt` and `.csv` files of an
//! itemized bill. Checked before downloading, so a 20 MB PDF costs nothing.

/// The largest file the bot downloads and reads.
pub const MAX_UPLOAD_BYTES: u64 = 1_000_000;

/// Why an uploaded file is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    NotText,
}

/// Decides from its name, type and size whether to fetch a file.
pub fn check_upload(name: Option<&str>, mime: Option<&str>, size: u64) -> Result<(), FileProblem> {
    let name = name.unwrap_or("").to_ascii_lowercase();
    let by_name = name.ends_with(".txt") || name.ends_with(".csv") || name.ends_with(".tsv");
    let by_type = mime.is_some_and(|m| m.starts_with("text/"));
    if !(by_name || by_type) {
        return Err(FileProblem::NotText);
    }
    if size > MAX_UPLOAD_BYTES {
        return Err(FileProblem::TooLarge);
    }
    Ok(())
}

/// Reads a downloaded file as text: UTF-8 (with or without a byte-order
/// mark), else Windows-1252-ish bytes read one char per byte. Files with
/// NUL bytes are binary, not text.
pub fn decode_upload(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(FileProblem::TooLarge);
    }
    if bytes.contains(&0) {
        return Err(FileProblem::NotText);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    })
}

/// A human size for the limit ("1 MB").
pub fn limit_text() -> String {
    format!("{} MB", MAX_UPLOAD_BYTES / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_text_files_are_fetched() {
        assert_eq!(check_upload(Some("bill.csv"), None, 2_000), Ok(()));
        assert_eq!(check_upload(Some("BILL.TXT"), Some("text/plain"), 2_000), Ok(()));
        assert_eq!(check_upload(Some("scan"), Some("text/csv"), 2_000), Ok(()));
        assert_eq!(
            check_upload(Some("bill.pdf"), Some("application/pdf"), 2_000),
            Err(FileProblem::NotText)
        );
        assert_eq!(
            check_upload(Some("bill.csv"), None, 20_000_000),
            Err(FileProblem::TooLarge)
        );
        assert_eq!(check_upload(None, None, 10), Err(FileProblem::NotText));
    }

    #[test]
    fn text_is_decoded_forgivingly_and_binary_refused() {
        assert_eq!(decode_upload(b"\xEF\xBB\xBFDate,Code\n").unwrap(), "Date,Code\n");
        assert_eq!(decode_upload(b"caf\xE9").unwrap(), "café");
        assert_eq!(decode_upload(b"PK\x03\x04\x00\x00"), Err(FileProblem::NotText));
    }
}
