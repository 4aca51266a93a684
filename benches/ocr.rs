//! Seconds per page and peak memory of reading a bill by OCR on this
//! machine: a clean page, a phone photo (turned, grainy, JPEG) and a
//! crowded page in a small font, each read three times through
//! `documents::read_picture` (scaling, Tesseract on one thread). Peak
//! memory is the largest resident size of a Tesseract process
//! (`getrusage(RUSAGE_CHILDREN)`), and of this process.
//!
//! Run with `cargo bench --bench ocr` (needs Tesseract); figures in
//! BENCHMARKS.md.

#[path = "../tests/support/render.rs"]
mod render;

use billcoach::documents::{read_picture, Limits, Ocr};
use render::{jpeg_bytes, render, Look, MONO};
use std::time::Instant;

fn bill(lines: usize) -> String {
    let mut text = String::from("DATE        REV   CODE    DESCRIPTION                QTY     AMOUNT\n");
    for n in 0..lines {
        text.push_str(&format!(
            "11/{:02}/2026  0300  8{:04}   LAB TEST NUMBER {n:<10}     1   {:>8}.00\n",
            1 + n % 28,
            5000 + n,
            100 + n * 7
        ));
    }
    text
}

fn peak_child_kib() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

fn own_peak_kib() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let ocr = Ocr::find().expect("Tesseract with English data");
    let pages = [
        ("clean page, 20 lines", Look::clean(MONO, 30.0), 20),
        (
            "phone photo, 20 lines",
            Look {
                turn: 1.2,
                grain: 10.0,
                perspective: 0.03,
                jpeg: 70,
                ..Look::clean(MONO, 30.0)
            },
            20,
        ),
        ("crowded page, 60 lines", Look::clean(MONO, 22.0), 60),
    ];
    println!("| page | picture | seconds (median of 3) | Tesseract peak RSS |");
    println!("|---|---|---|---|");
    for (name, look, lines) in pages {
        let picture = render(&bill(lines), look);
        let bytes = jpeg_bytes(&picture, 85);
        let mut times: Vec<f64> = (0..3)
            .map(|_| {
                let started = Instant::now();
                let read = read_picture(&bytes, &ocr, &Limits::default()).expect("read");
                assert!(!read.text.is_empty());
                started.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | {}×{} | {:.2} | {} MB |",
            picture.width(),
            picture.height(),
            times[1],
            peak_child_kib() / 1024
        );
    }
    println!("\nthis process's peak RSS: {} MB", own_peak_kib() / 1024);
}
