//! What a user sends as a file or a photo, made into conversation input:
//! checked by name, type and size before it is downloaded; a text file
//! decoded; a PDF's text read, and a photo or scanned page read by OCR —
//! off the async runtime, one at a time, so other chats are answered
//! meanwhile. Nothing downloaded is kept; the log holds sizes and timings.

use crate::conversation::Input;
use crate::documents::{read_pdf_document, read_picture, Limits, Ocr, ReadError};
use crate::domain::upload::{self, FileProblem, UploadKind};
use std::sync::Arc;
use std::time::Instant;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileMeta;
use tokio::sync::Semaphore;

/// Reads uploads; one document at a time (OCR takes a core).
pub struct Uploads {
    ocr: Option<Ocr>,
    one_at_a_time: Arc<Semaphore>,
}

impl Uploads {
    /// Finds Tesseract; without it, pictures and scans are refused with a
    /// line saying so, and everything else still works.
    pub fn new() -> Uploads {
        let ocr = Ocr::find();
        match ocr {
            Some(_) => log::info!("OCR: Tesseract found; photos and scanned PDFs can be read"),
            None => log::warn!("OCR: Tesseract with English data not found; photos will be refused (see README)"),
        }
        Uploads {
            ocr,
            one_at_a_time: Arc::new(Semaphore::new(1)),
        }
    }

    /// A file sent as a document. `None` when the download failed (logged).
    pub async fn document(&self, bot: &Bot, file: &FileMeta, name: Option<&str>, mime: Option<&str>) -> Option<Input> {
        let kind = match upload::check_upload(name, mime, u64::from(file.size)) {
            Ok(kind) => kind,
            Err(problem) => return Some(Input::FileRefused(problem)),
        };
        let name = name.unwrap_or("bill").to_string();
        self.read(bot, file, kind, name).await
    }

    /// A photo: Telegram sends it in several sizes; the largest within the
    /// download limit is read.
    pub async fn photo(&self, bot: &Bot, sizes: &[teloxide::types::PhotoSize]) -> Option<Input> {
        let largest = sizes
            .iter()
            .filter(|size| u64::from(size.file.size) <= upload::MAX_DOCUMENT_BYTES)
            .max_by_key(|size| size.width * size.height);
        let Some(largest) = largest else {
            return Some(Input::FileRefused(FileProblem::TooLarge));
        };
        self.read(bot, &largest.file, UploadKind::Picture, "photo.jpg".to_string())
            .await
    }

    async fn read(&self, bot: &Bot, file: &FileMeta, kind: UploadKind, name: String) -> Option<Input> {
        if kind == UploadKind::Picture && self.ocr.is_none() {
            return Some(Input::FileRefused(FileProblem::NoOcr));
        }
        let bytes = download(bot, file).await?;
        if kind == UploadKind::Text {
            return Some(match upload::decode_upload(&bytes) {
                Ok(text) => Input::File { name, text },
                Err(problem) => Input::FileRefused(problem),
            });
        }
        let _turn = self.one_at_a_time.clone().acquire_owned().await.ok()?;
        let ocr = self.ocr.clone();
        let size = bytes.len();
        let started = Instant::now();
        let read = tokio::task::spawn_blocking(move || {
            let limits = Limits::default();
            match kind {
                UploadKind::Pdf => read_pdf_document(&bytes, ocr.as_ref(), &limits),
                _ => match &ocr {
                    Some(ocr) => read_picture(&bytes, ocr, &limits),
                    None => Err(ReadError::Ocr(crate::documents::OcrError::NotInstalled)),
                },
            }
        })
        .await;
        let elapsed = started.elapsed().as_millis();
        Some(match read {
            Ok(Ok(read)) if read.text.chars().any(char::is_alphanumeric) => {
                log::info!(
                    "read a {kind:?} of {size} bytes, {} pages, in {elapsed} ms{}",
                    read.pages,
                    if read.by_ocr { " by OCR" } else { "" }
                );
                match read.by_ocr {
                    true => Input::Scan { name, text: read.text },
                    false => Input::File { name, text: read.text },
                }
            }
            Ok(Ok(_)) => {
                log::info!("a {kind:?} of {size} bytes had no text ({elapsed} ms)");
                Input::FileRefused(FileProblem::Unreadable)
            }
            Ok(Err(ReadError::Ocr(crate::documents::OcrError::NotInstalled))) => Input::FileRefused(FileProblem::NoOcr),
            Ok(Err(e)) => {
                log::info!("a {kind:?} of {size} bytes could not be read ({e}; {elapsed} ms)");
                Input::FileRefused(FileProblem::Unreadable)
            }
            Err(e) => {
                log::error!("reading a {kind:?} stopped: {e}");
                Input::FileRefused(FileProblem::Unreadable)
            }
        })
    }
}

/// The file's bytes; `None` when Telegram would not give them (logged).
async fn download(bot: &Bot, file: &FileMeta) -> Option<Vec<u8>> {
    let file = match bot.get_file(file.id.clone()).await {
        Ok(file) => file,
        Err(e) => {
            log::warn!("getFile failed: {e}");
            return None;
        }
    };
    let mut bytes: Vec<u8> = Vec::new();
    if let Err(e) = bot.download_file(&file.path, &mut bytes).await {
        log::warn!("file download failed: {e}");
        return None;
    }
    Some(bytes)
}
