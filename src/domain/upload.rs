//! Which uploaded files the bot reads: an itemized bill as a `.txt` or
//! `.csv` file, a PDF, or a picture (a photo, a screenshot, a scan).
//! Checked by name, type and size before downloading, so a file the bot
//! would refuse costs nothing.

/// The largest text file the bot downloads and reads.
pub const MAX_UPLOAD_BYTES: u64 = 1_000_000;

/// The largest PDF or picture: Telegram's limit for a bot's download.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1_000_000;

/// Why an uploaded file is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    /// Not a kind of file the bot reads.
    NotText,
    /// A picture or scanned PDF, and this server has no OCR.
    NoOcr,
    /// A PDF or picture that gave no readable text (damaged, locked, blank).
    Unreadable,
    /// An iPhone HEIC/HEIF picture sent as a file: no well-kept Rust crate
    /// decodes it without a system library newer than Debian's, and the same
    /// picture sent as a photo reaches the bot as a JPEG.
    Heic,
}

/// What kind of file an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadKind {
    Text,
    Pdf,
    Picture,
}

/// Decides from its name, type and size whether to fetch a file, and how
/// to read it.
pub fn check_upload(name: Option<&str>, mime: Option<&str>, size: u64) -> Result<UploadKind, FileProblem> {
    let name = name.unwrap_or("").to_ascii_lowercase();
    let mime = mime.unwrap_or("").to_ascii_lowercase();
    let named = |endings: &[&str]| endings.iter().any(|ending| name.ends_with(ending));
    let (kind, limit) = if named(&[".txt", ".csv", ".tsv"]) || mime.starts_with("text/") {
        (UploadKind::Text, MAX_UPLOAD_BYTES)
    } else if named(&[".pdf"]) || mime == "application/pdf" {
        (UploadKind::Pdf, MAX_DOCUMENT_BYTES)
    } else if named(&[".jpg", ".jpeg", ".png"]) || mime == "image/jpeg" || mime == "image/png" {
        (UploadKind::Picture, MAX_DOCUMENT_BYTES)
    } else if named(&[".heic", ".heif"]) || mime == "image/heic" || mime == "image/heif" {
        return Err(FileProblem::Heic);
    } else {
        return Err(FileProblem::NotText);
    };
    if size > limit {
        return Err(FileProblem::TooLarge);
    }
    Ok(kind)
}

/// Reads a downloaded file as text: UTF-16 (with a byte-order mark, or
/// without one when every other byte is zero, as Windows "Unicode" text
/// files are), UTF-8 (with or without a byte-order mark), else
/// Windows-1252-ish bytes read one char per byte. Other files with NUL
/// bytes are binary, not text.
pub fn decode_upload(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(FileProblem::TooLarge);
    }
    if let Some(text) = utf16(bytes) {
        return text;
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

/// UTF-16 text, little- or big-endian, when the bytes are that; a NUL or
/// an unpaired surrogate in it means it is not text after all.
fn utf16(bytes: &[u8]) -> Option<Result<String, FileProblem>> {
    let (little, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ if bytes.len() >= 4 && bytes.len().is_multiple_of(2) => {
            let zeros_at = |parity: usize| bytes.iter().skip(parity).step_by(2).all(|b| *b == 0);
            match (zeros_at(1), zeros_at(0)) {
                (true, false) => (true, bytes),
                (false, true) => (false, bytes),
                _ => return None,
            }
        }
        _ => return None,
    };
    if !body.len().is_multiple_of(2) {
        return Some(Err(FileProblem::NotText));
    }
    let units = body.chunks_exact(2).map(|pair| match little {
        true => u16::from_le_bytes([pair[0], pair[1]]),
        false => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let text: Result<String, _> = char::decode_utf16(units).collect();
    Some(match text {
        Ok(text) if !text.contains('\0') => Ok(text),
        _ => Err(FileProblem::NotText),
    })
}

/// The limits in words ("20 MB for a photo or PDF, 1 MB for a text file").
pub fn limit_text() -> String {
    format!(
        "{} MB for a photo or PDF, {} MB for a text file",
        MAX_DOCUMENT_BYTES / 1_000_000,
        MAX_UPLOAD_BYTES / 1_000_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_pdfs_and_pictures_are_fetched_within_their_limits() {
        assert_eq!(check_upload(Some("bill.csv"), None, 2_000), Ok(UploadKind::Text));
        assert_eq!(
            check_upload(Some("BILL.TXT"), Some("text/plain"), 2_000),
            Ok(UploadKind::Text)
        );
        assert_eq!(
            check_upload(Some("scan"), Some("text/csv"), 2_000),
            Ok(UploadKind::Text)
        );
        assert_eq!(
            check_upload(Some("bill.pdf"), Some("application/pdf"), 2_000),
            Ok(UploadKind::Pdf)
        );
        assert_eq!(
            check_upload(Some("IMG_0042.JPG"), None, 4_000_000),
            Ok(UploadKind::Picture)
        );
        assert_eq!(
            check_upload(None, Some("image/png"), 4_000_000),
            Ok(UploadKind::Picture)
        );
        assert_eq!(
            check_upload(Some("bill.csv"), None, 2_000_000),
            Err(FileProblem::TooLarge),
            "a text file past 1 MB"
        );
        assert_eq!(
            check_upload(Some("bill.pdf"), None, 20_000_001),
            Err(FileProblem::TooLarge),
            "past Telegram's 20 MB"
        );
        assert_eq!(check_upload(Some("bill.docx"), None, 10), Err(FileProblem::NotText));
        assert_eq!(check_upload(None, None, 10), Err(FileProblem::NotText));
    }

    #[test]
    fn utf16_text_files_are_read() {
        let text = "Date,Code,Description,Amount\n03/14/2026,85025,CBC é,$42.00\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = |bom: [u8; 2], body: &[u8]| [&bom[..], body].concat();
        assert_eq!(decode_upload(&with_bom([0xFF, 0xFE], &le)).unwrap(), text);
        assert_eq!(decode_upload(&with_bom([0xFE, 0xFF], &be)).unwrap(), text);
        assert_eq!(decode_upload(&le).unwrap(), text, "no byte-order mark");
        assert_eq!(
            decode_upload(&[0xFF, 0xFE, 0x00, 0xD8]),
            Err(FileProblem::NotText),
            "lone surrogate"
        );
        assert_eq!(
            decode_upload(&[0xFF, 0xFE, b'a', 0, 0, 0]),
            Err(FileProblem::NotText),
            "NUL"
        );
    }

    #[test]
    fn text_is_decoded_forgivingly_and_binary_refused() {
        assert_eq!(decode_upload(b"\xEF\xBB\xBFDate,Code\n").unwrap(), "Date,Code\n");
        assert_eq!(decode_upload(b"caf\xE9").unwrap(), "café");
        assert_eq!(decode_upload(b"PK\x03\x04\x00\x00"), Err(FileProblem::NotText));
    }

    #[test]
    fn an_iphone_heic_file_gets_its_own_answer() {
        assert_eq!(
            check_upload(Some("IMG_1234.HEIC"), None, 2_000_000),
            Err(FileProblem::Heic)
        );
        assert_eq!(
            check_upload(None, Some("image/heif"), 2_000_000),
            Err(FileProblem::Heic)
        );
    }
}
