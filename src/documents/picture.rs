//! A picture made ready for OCR: gray, and large enough that letters are
//! about as tall as Tesseract reads best.

use image::{imageops::FilterType, DynamicImage, GrayImage};

/// Pictures narrower than this are scaled up (a phone screenshot of a
/// statement is often 1,000 pixels wide; Tesseract wants letters about 30
/// pixels tall).
const MIN_WIDTH: u32 = 2_000;
/// Pictures wider than this are scaled down (a 12-megapixel photo costs
/// time and memory and gains nothing).
const MAX_WIDTH: u32 = 3_500;

/// The picture in gray, scaled into [`MIN_WIDTH`]..=[`MAX_WIDTH`].
pub fn prepare(picture: &DynamicImage) -> GrayImage {
    let gray = picture.to_luma8();
    let width = gray.width().max(1);
    let target = width.clamp(MIN_WIDTH, MAX_WIDTH);
    if target == width {
        return gray;
    }
    let height = (u64::from(gray.height()) * u64::from(target) / u64::from(width)).max(1) as u32;
    image::imageops::resize(&gray, target, height, FilterType::CatmullRom)
}
