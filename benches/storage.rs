//! How many bytes one answer writes to disk, for a chat whose bill has 15
//! line items and one whose bill has 500: the chat pastes its items, then
//! sends 200 answers at the line-items step (each one applied, saved and
//! flushed, as a Telegram update is). Bytes are what the process passed to
//! `write` (`wchar` in `/proc/self/io`: sled's log and the key files).
//! Also the data folder's size after the run.
//!
//! Run with `cargo bench --bench storage` (Linux); figures in BENCHMARKS.md.

use billcoach::clock::FixedClock;
use billcoach::conversation::{Input, Question, Screen};
use billcoach::domain::line_items::parse_bill_text;
use billcoach::engine::Engine;
use billcoach::resources::Resources;
use billcoach::store::{ChatRecord, Store};
use chrono::DateTime;
use std::sync::Arc;

const ANSWERS: u32 = 200;

fn written_so_far() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    io.lines()
        .find_map(|l| l.strip_prefix("wchar: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// A hospital bill of `n` lines, one per line.
fn bill_text(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "03/{:02}/2026 85025 CBC with differential test {i} 1 ${}.00\n",
                1 + i % 28,
                40 + i % 90
            )
        })
        .collect()
}

async fn bytes_per_answer(items: usize) -> (u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let resources = Arc::new(Resources::load(None).unwrap());
    let now = DateTime::parse_from_rfc3339("2026-11-28T15:00:00Z").unwrap().to_utc();
    let engine = Engine::new(store, resources, Arc::new(FixedClock(now)));
    let chat = 42;
    let mut update = 1;
    let mut send = |input: Input| {
        update += 1;
        let engine = engine.clone();
        let id = update;
        async move { engine.handle(chat, input, Some(id)).await.unwrap() }
    };
    // A chat at the line-items question of a bill with `items` lines, as
    // a paste leaves it.
    let mut seeded = ChatRecord::new();
    seeded.state.screen = Screen::Asking {
        question: Question::LineItems,
    };
    seeded.state.bills[0].items = parse_bill_text(&bill_text(items), now.date_naive()).items;
    engine.store().save_chat(chat, &seeded).unwrap().written().unwrap();
    engine.flush().await.unwrap();
    let record = engine.store().load_chat(chat).unwrap().record;
    assert_eq!(record.state.bill().items.len(), items, "the items were read");
    let before = written_so_far();
    for _ in 0..ANSWERS {
        send(Input::Text("?".into())).await;
    }
    let per_answer = (written_so_far() - before) / u64::from(ANSWERS);
    engine.flush().await.unwrap();
    (per_answer, engine.store().folder_bytes())
}

#[tokio::main]
async fn main() {
    for items in [15, 500] {
        let (per_answer, folder) = bytes_per_answer(items).await;
        println!(
            "{items:>3}-item bill: {per_answer} bytes written per answer; data folder {:.1} MB after {ANSWERS} answers",
            folder as f64 / 1e6
        );
    }
}
