//! Reading a bill from a picture or a PDF: the text of its lines, for the
//! bill reader (`domain::line_items`). A text PDF gives its text; a photo,
//! or a PDF whose pages are pictures (a scan), goes through OCR.
//!
//! This is a shell, not the pure core: it runs Tesseract (a program of its
//! own, `tesseract-ocr` on Debian) with a time and a memory limit, and it
//! blocks, so callers run it off the async runtime. Nothing read here is
//! kept: the picture and the PDF are dropped once read, and no byte of
//! them or of their text is logged (sizes and timings only).

mod ocr;
mod pdf;
mod picture;

pub use ocr::{Ocr, OcrError};
pub use pdf::{read_pdf, PdfError};
pub use picture::prepare;

use std::time::Duration;

/// What reading a document gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadText {
    /// The text, lines in reading order.
    pub text: String,
    /// Whether any of it came from OCR (a photo, a scanned page): it may
    /// hold misread characters, so the user is asked to check it.
    pub by_ocr: bool,
    /// Pages read (1 for a photo).
    pub pages: usize,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the picture cannot be decoded: {0}")]
    Picture(String),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Ocr(#[from] OcrError),
}

/// Limits for one document.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Pages of a PDF read at most.
    pub pages: usize,
    /// How long OCR of one page may take.
    pub ocr_time: Duration,
    /// How much memory the OCR program may use.
    pub ocr_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pages: 10,
            ocr_time: Duration::from_secs(60),
            ocr_memory: 1024 * 1024 * 1024,
        }
    }
}

/// Reads a picture (JPEG or PNG bytes) by OCR.
pub fn read_picture(bytes: &[u8], ocr: &Ocr, limits: &Limits) -> Result<ReadText, ReadError> {
    let picture = image::load_from_memory(bytes).map_err(|e| ReadError::Picture(e.to_string()))?;
    let prepared = prepare(&picture);
    let text = ocr.read(&prepared, limits)?;
    Ok(ReadText {
        text,
        by_ocr: true,
        pages: 1,
    })
}

/// Reads a PDF: its text where it has text, OCR where a page is a picture.
pub fn read_pdf_document(bytes: &[u8], ocr: Option<&Ocr>, limits: &Limits) -> Result<ReadText, ReadError> {
    let pages = read_pdf(bytes, limits.pages)?;
    let mut text = String::new();
    let mut by_ocr = false;
    for page in &pages {
        let page_text = match (&page.text, &page.picture, ocr) {
            (Some(text), _, _) => text.clone(),
            (None, Some(picture), Some(ocr)) => {
                by_ocr = true;
                ocr.read(&prepare(picture), limits)?
            }
            (None, Some(_), None) => return Err(OcrError::NotInstalled.into()),
            (None, None, _) => String::new(),
        };
        text.push_str(&page_text);
        text.push('\n');
    }
    Ok(ReadText {
        text,
        by_ocr,
        pages: pages.len(),
    })
}
