//! Bills drawn as pictures for the OCR tests: text set in a real font on
//! white, then made to look like a phone photo or a scan (a slight turn,
//! grain, a perspective, JPEG blur). Deterministic: the same bill and
//! settings give the same pixels.

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::{GrayImage, Luma};

/// How a picture is made.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub font: &'static str,
    pub px: f32,
    /// Degrees, counter-clockwise.
    pub turn: f32,
    /// Standard deviation of the grain, in gray levels.
    pub grain: f32,
    /// How far the top edge is pulled in on each side, as a share of the
    /// width (a photo taken from below the page).
    pub perspective: f32,
    /// JPEG quality to pass it through (0: none).
    pub jpeg: u8,
}

impl Look {
    pub const fn clean(font: &'static str, px: f32) -> Look {
        Look {
            font,
            px,
            turn: 0.0,
            grain: 0.0,
            perspective: 0.0,
            jpeg: 0,
        }
    }
}

pub const MONO: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

/// The bill's text drawn with `look`.
pub fn render(text: &str, look: Look) -> GrayImage {
    let font =
        FontVec::try_from_vec(std::fs::read(look.font).expect("the DejaVu fonts (fonts-dejavu-core)")).expect("a font");
    let scaled = font.as_scaled(PxScale::from(look.px));
    let margin = (look.px * 3.0) as u32;
    let line_height = (scaled.height() + scaled.line_gap()).ceil() * 1.15;
    let widest = text
        .lines()
        .map(|line| line.chars().map(|c| scaled.h_advance(font.glyph_id(c))).sum::<f32>())
        .fold(0.0, f32::max);
    let width = widest.ceil() as u32 + 2 * margin;
    let height = (line_height * text.lines().count() as f32).ceil() as u32 + 2 * margin;
    let mut page = GrayImage::from_pixel(width, height, Luma([255]));
    for (row, line) in text.lines().enumerate() {
        let baseline = margin as f32 + row as f32 * line_height + scaled.ascent();
        let mut x = margin as f32;
        for c in line.chars() {
            let id = font.glyph_id(c);
            let glyph = id.with_scale_and_position(PxScale::from(look.px), ab_glyph::point(x, baseline));
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
                    if px >= 0 && py >= 0 && (px as u32) < width && (py as u32) < height {
                        let pixel = page.get_pixel_mut(px as u32, py as u32);
                        let ink = (coverage.clamp(0.0, 1.0) * 230.0) as u8;
                        pixel.0[0] = pixel.0[0].saturating_sub(ink);
                    }
                });
            }
            x += scaled.h_advance(id);
        }
    }
    let mut picture = warp(&page, look.turn, look.perspective);
    if look.grain > 0.0 {
        add_grain(&mut picture, look.grain);
    }
    if look.jpeg > 0 {
        picture = through_jpeg(&picture, look.jpeg);
    }
    picture
}

/// Turns the page by `turn` degrees and pulls its top edge in by
/// `perspective` of the width on each side, sampling back from each
/// output pixel (bilinear); outside the page is a gray table.
fn warp(page: &GrayImage, turn: f32, perspective: f32) -> GrayImage {
    if turn == 0.0 && perspective == 0.0 {
        return page.clone();
    }
    let (w, h) = (page.width() as f32, page.height() as f32);
    let pad = (w.max(h) * 0.04) as u32;
    let (out_w, out_h) = (page.width() + 2 * pad, page.height() + 2 * pad);
    let (cos, sin) = (turn.to_radians().cos(), turn.to_radians().sin());
    let (cx, cy) = (out_w as f32 / 2.0, out_h as f32 / 2.0);
    GrayImage::from_fn(out_w, out_h, |x, y| {
        // Undo the turn about the centre.
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (ux, uy) = (cos * dx + sin * dy + w / 2.0, -sin * dx + cos * dy + h / 2.0);
        // Undo the perspective: rows near the top were squeezed toward the
        // middle.
        let squeeze = 1.0 - 2.0 * perspective * (1.0 - uy / h).clamp(0.0, 1.0);
        let sx = (ux - w / 2.0) / squeeze.max(0.1) + w / 2.0;
        Luma([sample(page, sx, uy).unwrap_or(170)])
    })
}

fn sample(page: &GrayImage, x: f32, y: f32) -> Option<u8> {
    if x < 0.0 || y < 0.0 || x >= (page.width() - 1) as f32 || y >= (page.height() - 1) as f32 {
        return None;
    }
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |dx: u32, dy: u32| f32::from(page.get_pixel(x0 as u32 + dx, y0 as u32 + dy).0[0]);
    let top = at(0, 0) * (1.0 - fx) + at(1, 0) * fx;
    let bottom = at(0, 1) * (1.0 - fx) + at(1, 1) * fx;
    Some((top * (1.0 - fy) + bottom * fy).round() as u8)
}

/// Grain from a fixed seed (a sum of uniforms, about normal).
fn add_grain(picture: &mut GrayImage, sigma: f32) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f32 / (1u64 << 53) as f32
    };
    for pixel in picture.pixels_mut() {
        let noise = ((0..4).map(|_| uniform()).sum::<f32>() - 2.0) * sigma * 1.7;
        pixel.0[0] = (f32::from(pixel.0[0]) + noise).clamp(0.0, 255.0) as u8;
    }
}

fn through_jpeg(picture: &GrayImage, quality: u8) -> GrayImage {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    picture.write_with_encoder(encoder).expect("JPEG encoding");
    image::load_from_memory(&bytes).expect("JPEG decoding").to_luma8()
}

/// The picture as JPEG bytes (what a phone sends).
pub fn jpeg_bytes(picture: &GrayImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    picture.write_with_encoder(encoder).expect("JPEG encoding");
    bytes
}
