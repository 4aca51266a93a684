//! Bills sent as photos and PDFs are read: ten pictures drawn from text
//! bills of five layouts (three fonts, several sizes; five clean, five
//! with a turn, grain, a phone's perspective or JPEG blur), three text
//! PDFs laid out as tables and three scanned PDFs. Line recall — a line of
//! the source bill read with its code, units and amount all right — is at
//! least 95% on clean pictures and PDFs and 85% on noisy ones; the test
//! prints each figure. Three EOBs (labelled lines, a table, a table in
//! other words) give their four figures from a photo and a scan.
//!
//! Needs Tesseract with its English data (`apt-get install tesseract-ocr`,
//! which `.ci/run` does) and the DejaVu fonts.

use crate::support::render::{jpeg_bytes, render, Look, MONO};
use billcoach::documents::{read_pdf_document, read_picture, Limits, Ocr};
use billcoach::domain::bill::EobFigures;
use billcoach::domain::line_items::{parse_bill_text, LineItem};
use billcoach::domain::reading::{read_eob, Words};
use chrono::NaiveDate;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use rust_decimal_macros::dec;

const SANS: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const SERIF: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

/// One charge: date, revenue code, code, description, units, amount.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
);

const ER: [Row; 10] = [
    ("03/14/2026", "0450", "99284", "ER VISIT LEVEL 4", 1, "1,650.00"),
    (
        "03/14/2026",
        "0300",
        "80053",
        "COMPREHENSIVE METABOLIC PANEL",
        1,
        "310.00",
    ),
    ("03/14/2026", "0300", "85025", "CBC W/AUTO DIFF", 1, "145.00"),
    ("03/14/2026", "0300", "36415", "VENIPUNCTURE", 1, "30.00"),
    ("03/14/2026", "0320", "71046", "CHEST X-RAY 2 VIEWS", 1, "412.00"),
    ("03/14/2026", "0350", "70450", "CT HEAD W/O CONTRAST", 1, "3,150.00"),
    ("03/14/2026", "0636", "J1885", "KETOROLAC INJ 15MG", 2, "92.00"),
    ("03/14/2026", "0636", "J2405", "ONDANSETRON INJ", 4, "96.00"),
    ("03/14/2026", "0260", "96374", "IV PUSH SINGLE DRUG", 1, "480.00"),
    ("03/14/2026", "0730", "93005", "ECG TRACING", 1, "210.00"),
];

const CLINIC: [Row; 8] = [
    ("10/02/2026", "", "99214", "OFFICE VISIT EST PT", 1, "285.00"),
    ("10/02/2026", "", "81002", "URINALYSIS NONAUTO", 1, "38.00"),
    ("10/02/2026", "", "87880", "STREP A ASSAY W/OPTIC", 1, "64.00"),
    ("10/02/2026", "", "90471", "IMMUNIZATION ADMIN", 1, "45.00"),
    ("10/02/2026", "", "90686", "FLU VACCINE QUAD", 1, "52.00"),
    ("10/02/2026", "", "96372", "THER/PROPH/DIAG INJ", 1, "68.00"),
    ("10/02/2026", "", "J3420", "VITAMIN B12 INJECTION", 1, "24.00"),
    ("10/02/2026", "", "82947", "ASSAY GLUCOSE BLOOD QUANT", 1, "31.00"),
];

const STAY: [Row; 9] = [
    ("06/20/2026", "0120", "", "ROOM & BOARD SEMI-PRIVATE", 3, "7,950.00"),
    ("06/20/2026", "0250", "", "PHARMACY GENERAL", 1, "1,212.40"),
    ("06/21/2026", "0300", "84443", "TSH ASSAY", 1, "188.00"),
    ("06/21/2026", "0300", "83036", "HEMOGLOBIN A1C", 1, "96.00"),
    ("06/21/2026", "0301", "80048", "BASIC METABOLIC PANEL", 2, "410.00"),
    ("06/21/2026", "0324", "71045", "CHEST X-RAY 1 VIEW", 1, "301.00"),
    ("06/22/2026", "0420", "97161", "PT EVAL LOW COMPLEX", 1, "260.00"),
    ("06/22/2026", "0636", "J1100", "DEXAMETHASONE INJ", 3, "57.75"),
    ("06/22/2026", "0730", "93000", "ECG COMPLETE", 1, "175.00"),
];

/// The same rows in different layouts, as hospitals print them.
fn layout(rows: &[Row], style: usize) -> String {
    let mut text = String::from("STATEMENT OF CHARGES\nPatient: Jordan Lee    Account 0099123\n\n");
    for (date, rev, code, description, units, amount) in rows {
        let line = match style {
            0 => format!("{date}  {rev:<4}  {code:<6}  {description:<30} {units:>3}  {amount:>10}"),
            1 => format!("{date}  {code:<6}  {description}  QTY {units}  ${amount}"),
            2 => format!("{code:<6} {description:<30} {units:>3} {amount:>10}  {date}"),
            3 => format!("{date} {rev} {code} {description} {units} {amount}"),
            _ => format!("{date}  CPT {code:<6} {description:<28} x{units}  {amount:>10}"),
        };
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text.push_str("\nPlease pay by the due date. Questions? Call 555-0100\n");
    text
}

/// The lines the bill reader finds, as (code, units, amount).
fn lines(items: &[LineItem]) -> Vec<(Option<String>, u32, String)> {
    items
        .iter()
        .map(|item| (item.code.clone(), item.units, item.amount.to_string()))
        .collect()
}

/// Share of the source's lines found in what was read (each found once).
fn recall(source: &str, read: &str) -> (usize, usize) {
    let truth = lines(&parse_bill_text(source, today()).items);
    let mut found = lines(&parse_bill_text(read, today()).items);
    let mut hits = 0;
    for line in &truth {
        if let Some(at) = found.iter().position(|f| f == line) {
            found.remove(at);
            hits += 1;
        }
    }
    (hits, truth.len())
}

fn ocr() -> Ocr {
    Ocr::find().expect("Tesseract with English data: apt-get install tesseract-ocr")
}

/// Sums (hits, total) over cases read on both cores at once.
fn measure(name: &str, cases: Vec<(String, Vec<u8>, bool)>) -> f64 {
    let ocr = ocr();
    let results: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(2))
            .map(|chunk| {
                let ocr = &ocr;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(source, bytes, is_pdf)| {
                            let read = match is_pdf {
                                true => read_pdf_document(bytes, Some(ocr), &Limits::default()).unwrap(),
                                false => read_picture(bytes, ocr, &Limits::default()).unwrap(),
                            };
                            let (hits, total) = recall(source, &read.text);
                            if hits < total {
                                println!("{name}: {hits}/{total}; read:\n{}", read.text);
                            }
                            (hits, total)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let (hits, total) = results.iter().fold((0, 0), |(h, t), (a, b)| (h + a, t + b));
    let share = hits as f64 * 100.0 / total as f64;
    println!("{name}: {hits} of {total} lines read right ({share:.1}%)");
    share
}

fn bills() -> Vec<String> {
    vec![
        layout(&ER, 0),
        layout(&CLINIC, 1),
        layout(&STAY, 2),
        layout(&ER, 3),
        layout(&CLINIC, 4),
    ]
}

fn png(picture: &image::GrayImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

#[test]
fn the_source_bills_read_whole_as_text() {
    for bill in bills() {
        let parsed = parse_bill_text(&bill, today());
        assert!(parsed.items.len() >= 8, "{bill}");
    }
}

#[test]
fn clean_pictures_and_pdfs_are_read_line_for_line() {
    let looks = [
        Look::clean(MONO, 30.0),
        Look::clean(SANS, 32.0),
        Look::clean(SERIF, 34.0),
        Look::clean(MONO, 24.0),
        Look::clean(SANS, 40.0),
    ];
    let mut cases: Vec<(String, Vec<u8>, bool)> = bills()
        .into_iter()
        .zip(looks)
        .map(|(bill, look)| {
            let bytes = png(&render(&bill, look));
            (bill, bytes, false)
        })
        .collect();
    for (i, font) in ["Courier", "Helvetica", "Times-Roman"].into_iter().enumerate() {
        let bill = layout([&ER[..], &CLINIC[..], &STAY[..]][i], i);
        cases.push((bill.clone(), text_pdf(&bill, font), true));
    }
    assert!(measure("clean", cases) >= 95.0);
}

#[test]
fn photos_and_scans_are_read_well_enough() {
    let noisy = |font, px, turn, grain, perspective, jpeg| Look {
        font,
        px,
        turn,
        grain,
        perspective,
        jpeg,
    };
    let looks = [
        noisy(MONO, 30.0, 1.5, 0.0, 0.0, 0),
        noisy(SANS, 32.0, 0.0, 18.0, 0.0, 0),
        noisy(SERIF, 34.0, 0.0, 0.0, 0.04, 0),
        noisy(MONO, 28.0, -1.0, 10.0, 0.0, 55),
        noisy(SANS, 36.0, 0.8, 8.0, 0.03, 70),
    ];
    let mut cases: Vec<(String, Vec<u8>, bool)> = bills()
        .into_iter()
        .zip(looks)
        .map(|(bill, look)| {
            let bytes = jpeg_bytes(&render(&bill, look), 85);
            (bill, bytes, false)
        })
        .collect();
    for (i, look) in [
        Look::clean(MONO, 28.0),
        noisy(SANS, 30.0, 0.7, 8.0, 0.0, 0),
        noisy(SERIF, 32.0, -0.5, 12.0, 0.0, 60),
    ]
    .into_iter()
    .enumerate()
    {
        let bill = layout([&STAY[..], &ER[..], &CLINIC[..]][i], i + 2);
        cases.push((bill.clone(), scanned_pdf(&render(&bill, look)), true));
    }
    assert!(measure("noisy", cases) >= 85.0);
}

/// A text PDF: each column of each row drawn as its own piece of text at
/// its place, as billing systems print them.
fn text_pdf(bill: &str, font: &str) -> Vec<u8> {
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 9.into()]),
    ];
    for (row, line) in bill.lines().enumerate() {
        let y = 760.0 - row as f32 * 13.0;
        // Columns are the runs between double spaces.
        let mut x = 40.0;
        for column in line.split("  ").filter(|c| !c.trim().is_empty()) {
            operations.push(Operation::new(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
            ));
            operations.push(Operation::new("Tj", vec![Object::string_literal(column.trim())]));
            x += column.trim().len() as f32 * 5.6 + 14.0;
        }
    }
    operations.push(Operation::new("ET", vec![]));
    let mut document = Document::with_version("1.5");
    let font_id = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => font, "Encoding" => "WinAnsiEncoding",
    });
    let resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    let content = Content { operations }.encode().unwrap();
    one_page(document, resources, content, 612.0, 792.0)
}

/// A scanned PDF: one page that is a JPEG picture.
fn scanned_pdf(picture: &image::GrayImage) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image",
            "Width" => picture.width() as i64, "Height" => picture.height() as i64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpeg_bytes(picture, 80),
    );
    let image_id = document.add_object(image);
    let (w, h) = (612.0, 612.0 * picture.height() as f32 / picture.width() as f32);
    let resources = dictionary! { "XObject" => dictionary! { "Im1" => image_id } };
    let content = format!("q {w} 0 0 {h} 0 0 cm /Im1 Do Q").into_bytes();
    one_page(document, resources, content, w, h)
}

fn one_page(mut document: Document, resources: lopdf::Dictionary, content: Vec<u8>, w: f32, h: f32) -> Vec<u8> {
    let pages_id = document.new_object_id();
    let content_id = document.add_object(Stream::new(dictionary! {}, content));
    let page_id = document.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), w.into(), h.into()],
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog_id = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

const EOB_LABELLED: &str = "\
BLUE PEAK HEALTH PLAN
EXPLANATION OF BENEFITS - THIS IS NOT A BILL
Claim number: 7781-22  Provider: Mercy General Hospital
Amount billed:            $4,546.00
Plan discount:           -$3,296.00
Allowed amount:           $1,250.00
Plan paid:                  $950.00
Your share:                 $300.00
";

const EOB_TABLE: &str = "\
SUMMIT MUTUAL - EXPLANATION OF BENEFITS
Date        Service            Billed    Allowed   Plan Paid    You Owe
10/02/2026  Office visit       285.00     142.10      113.68      28.42
10/02/2026  Strep test          64.00      18.40       14.72       3.68
Total                          349.00     160.50      128.40      32.10
";

const EOB_OTHER_WORDS: &str = "\
RIVERBEND INSURANCE   Member: J. Lee
Service   Provider Charges   Approved Amount   Insurance Paid   Patient Responsibility
CT HEAD           3,150.00            812.00           649.60                162.40
TOTALS            3,150.00            812.00           649.60                162.40
";

#[test]
fn an_eob_photo_or_scan_gives_its_four_figures() {
    let root = env!("CARGO_MANIFEST_DIR");
    let words =
        Words::from_toml(&std::fs::read_to_string(format!("{root}/dialogues/en/reading/words.toml")).unwrap()).unwrap();
    let expected = |billed, allowed, plan_paid, your_share| EobFigures {
        billed: Some(billed),
        allowed: Some(allowed),
        plan_paid: Some(plan_paid),
        your_share: Some(your_share),
    };
    let photo = Look {
        turn: 0.8,
        grain: 8.0,
        jpeg: 70,
        ..Look::clean(SANS, 32.0)
    };
    let ocr = ocr();
    let cases = [
        (
            EOB_LABELLED,
            jpeg_bytes(&render(EOB_LABELLED, photo), 85),
            false,
            expected(dec!(4546), dec!(1250), dec!(950), dec!(300)),
        ),
        (
            EOB_TABLE,
            scanned_pdf(&render(EOB_TABLE, Look::clean(MONO, 28.0))),
            true,
            expected(dec!(349), dec!(160.50), dec!(128.40), dec!(32.10)),
        ),
        (
            EOB_OTHER_WORDS,
            jpeg_bytes(&render(EOB_OTHER_WORDS, Look::clean(MONO, 26.0)), 85),
            false,
            expected(dec!(3150), dec!(812), dec!(649.60), dec!(162.40)),
        ),
    ];
    for (source, bytes, is_pdf, want) in cases {
        assert_eq!(read_eob(source, &words), want, "the source text itself");
        let read = match is_pdf {
            true => read_pdf_document(&bytes, Some(&ocr), &Limits::default()).unwrap(),
            false => read_picture(&bytes, &ocr, &Limits::default()).unwrap(),
        };
        assert!(read.by_ocr);
        assert_eq!(read_eob(&read.text, &words), want, "read:\n{}", read.text);
    }
}
