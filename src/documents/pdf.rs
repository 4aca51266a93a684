//! The text of a PDF, table rows kept as rows: each piece of text is placed
//! where the page draws it, pieces on the same line are joined left to
//! right (two spaces where a column gap is), lines top to bottom. A page
//! that draws no text but a picture (a scan) gives its largest picture, for
//! OCR. Read with `lopdf` (pure Rust, reads and writes PDFs, keeps its
//! decompression bounded); its own text extraction ignores where text is
//! drawn, which scrambles the columns of an itemized bill.

use image::DynamicImage;
use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};
use std::collections::BTreeMap;

/// The most a page's content may inflate to.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF this bot can read: {0}")]
    Unreadable(String),
    #[error("the PDF is locked with a password")]
    Locked,
}

/// One page as read.
pub struct PdfPage {
    /// Its text, when it has any.
    pub text: Option<String>,
    /// Its largest picture, when it has no text (a scanned page).
    pub picture: Option<DynamicImage>,
}

/// Reads at most `max_pages` pages.
pub fn read_pdf(bytes: &[u8], max_pages: usize) -> Result<Vec<PdfPage>, PdfError> {
    let document = Document::load_mem(bytes).map_err(|e| PdfError::Unreadable(e.to_string()))?;
    if document.is_encrypted() {
        return Err(PdfError::Locked);
    }
    let mut pages = Vec::new();
    for (_, page_id) in document.get_pages().into_iter().take(max_pages) {
        let text = page_text(&document, page_id).filter(|text| text.chars().any(char::is_alphanumeric));
        let picture = match text {
            Some(_) => None,
            None => largest_picture(&document, page_id),
        };
        pages.push(PdfPage { text, picture });
    }
    Ok(pages)
}

/// A piece of text and where it is drawn.
struct Run {
    x: f32,
    y: f32,
    /// Its font size on the page, for line and gap tolerances.
    size: f32,
    text: String,
}

/// The page's text laid out in rows.
fn page_text(document: &Document, page_id: lopdf::ObjectId) -> Option<String> {
    let fonts = document.get_page_fonts(page_id).ok()?;
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding_with_limit(document, MAX_PAGE_BYTES).ok()?)))
        .collect();
    let content = document.get_page_content_with_limit(page_id, MAX_PAGE_BYTES).ok()?;
    let content = Content::decode(&content).ok()?;
    let mut runs = Vec::new();
    let mut state = TextState::default();
    for operation in &content.operations {
        let numbers: Vec<f32> = operation.operands.iter().filter_map(number).collect();
        match operation.operator.as_str() {
            "BT" => state.begin(),
            "Tf" => {
                state.font = operation
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                state.size = numbers.first().copied().unwrap_or(state.size);
            }
            "TL" => state.leading = numbers.first().copied().unwrap_or(state.leading),
            "Td" if numbers.len() == 2 => state.move_line(numbers[0], numbers[1]),
            "TD" if numbers.len() == 2 => {
                state.leading = -numbers[1];
                state.move_line(numbers[0], numbers[1]);
            }
            "Tm" if numbers.len() == 6 => state.set_matrix(&numbers),
            "T*" => state.next_line(),
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(operation.operator.as_str(), "'" | "\"") {
                    state.next_line();
                }
                let encoding = state.font.as_ref().and_then(|font| encodings.get(font));
                let text = shown_text(&operation.operands, encoding);
                if !text.trim().is_empty() {
                    runs.push(state.run(text.clone()));
                }
                state.advance(&text);
            }
            _ => {}
        }
    }
    Some(lay_out(runs))
}

/// The text a show operator draws (a string, or the strings of an array).
fn shown_text(operands: &[Object], encoding: Option<&Encoding>) -> String {
    let mut text = String::new();
    for operand in operands {
        match operand {
            Object::String(bytes, _) => text.push_str(&decode(bytes, encoding)),
            Object::Array(parts) => {
                for part in parts {
                    match part {
                        Object::String(bytes, _) => text.push_str(&decode(bytes, encoding)),
                        // A large negative kern is a space between words.
                        other => {
                            if number(other).is_some_and(|kern| kern < -200.0) {
                                text.push(' ');
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    text
}

fn decode(bytes: &[u8], encoding: Option<&Encoding>) -> String {
    encoding
        .and_then(|encoding| Document::decode_text(encoding, bytes).ok())
        .unwrap_or_else(|| bytes.iter().map(|&b| char::from(b)).collect())
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(n) => Some(*n as f32),
        Object::Real(n) => Some(*n),
        _ => None,
    }
}

/// Where text is drawn: the text matrix and line matrix (translation and
/// scale; enough for where pieces of a bill stand).
struct TextState {
    font: Option<Vec<u8>>,
    size: f32,
    leading: f32,
    /// Text matrix: a, d (scale) and e, f (position).
    matrix: [f32; 4],
    line: [f32; 4],
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 10.0,
            leading: 0.0,
            matrix: [1.0, 1.0, 0.0, 0.0],
            line: [1.0, 1.0, 0.0, 0.0],
        }
    }
}

impl TextState {
    fn begin(&mut self) {
        self.matrix = [1.0, 1.0, 0.0, 0.0];
        self.line = self.matrix;
    }

    fn move_line(&mut self, tx: f32, ty: f32) {
        let [a, d, e, f] = self.line;
        self.line = [a, d, e + tx * a, f + ty * d];
        self.matrix = self.line;
    }

    fn next_line(&mut self) {
        self.move_line(0.0, -self.leading);
    }

    fn set_matrix(&mut self, m: &[f32]) {
        self.line = [m[0], m[3], m[4], m[5]];
        self.matrix = self.line;
    }

    fn run(&self, text: String) -> Run {
        Run {
            x: self.matrix[2],
            y: self.matrix[3],
            size: (self.size * self.matrix[1].abs()).max(1.0),
            text,
        }
    }

    /// Moves past drawn text, at about half an em a character (no font
    /// metrics are read; only the order of pieces on a line needs it).
    fn advance(&mut self, text: &str) {
        self.matrix[2] += text.chars().count() as f32 * self.size * 0.5 * self.matrix[0];
    }
}

/// Rows top to bottom, pieces left to right; a gap wider than two
/// characters becomes two spaces (a column), a smaller one one space.
fn lay_out(mut runs: Vec<Run>) -> String {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match rows.last_mut() {
            Some(row) if (row[0].y - run.y).abs() < row[0].size * 0.5 => row.push(run),
            _ => rows.push(vec![run]),
        }
    }
    let mut out = String::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut end: Option<f32> = None;
        for run in row {
            let char_width = run.size * 0.5;
            if let Some(end) = end {
                let gap = run.x - end;
                out.push_str(if gap > char_width * 1.5 { "  " } else { " " });
            }
            end = Some(run.x + run.text.chars().count() as f32 * char_width);
            out.push_str(run.text.trim());
        }
        out.push('\n');
    }
    out
}

/// The largest picture drawn on a page, decoded.
fn largest_picture(document: &Document, page_id: lopdf::ObjectId) -> Option<DynamicImage> {
    let images = document.get_page_images(page_id).ok()?;
    let image = images.iter().max_by_key(|image| image.width * image.height)?;
    let filters = image.filters.clone().unwrap_or_default();
    if filters.iter().any(|f| f == "DCTDecode") {
        return image::load_from_memory(image.content).ok();
    }
    let stream = document.get_object(image.id).ok()?.as_stream().ok()?;
    let pixels = match filters.is_empty() {
        true => stream.content.clone(),
        false => stream.decompressed_content_with_limit(MAX_PAGE_BYTES).ok()?,
    };
    let (width, height) = (u32::try_from(image.width).ok()?, u32::try_from(image.height).ok()?);
    match (image.color_space.as_deref(), image.bits_per_component) {
        (Some("DeviceGray"), Some(8)) => {
            image::GrayImage::from_raw(width, height, pixels).map(DynamicImage::ImageLuma8)
        }
        (Some("DeviceRGB"), Some(8)) => image::RgbImage::from_raw(width, height, pixels).map(DynamicImage::ImageRgb8),
        _ => None,
    }
}
