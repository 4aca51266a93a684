//! Reads an itemized bill file and prints what billcoach understood:
//! `cargo run --example parse_bill -- path/to/bill.txt`. Handy when a real
//! bill's layout is not read as expected.

use billcoach::domain::line_items::parse_bill_text;
use chrono::Utc;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_bill FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let parsed = parse_bill_text(&text, Utc::now().date_naive());
    for (number, item) in parsed.items.iter().enumerate() {
        println!("{:>3}. {item:?}", number + 1);
    }
    for line in &parsed.unreadable {
        println!("unreadable: {line}");
    }
    if parsed.truncated {
        println!("(stopped early: the text is over the limits)");
    }
}
