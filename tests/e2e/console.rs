//! `billcoach` without a token: the same conversation in the terminal,
//! answers piped in as a person would type them.

use billcoach::domain::reminders::{ReminderKind, ReminderPlan};
use std::io::Write;
use std::process::{Command, Stdio};

/// The binary in `dir`, with its own data there, today pinned, input and
/// output piped.
fn console_command(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_billcoach"));
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BILLCOACH_DB", dir.join("data"))
        .env("BILLCOACH_NOW", "2026-11-28T15:00:00Z")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn run_console(dir: &std::path::Path, typed: &str, args: &[&str], token: Option<&str>) -> (String, bool) {
    let mut command = console_command(dir);
    command.args(args);
    if let Some(token) = token {
        command.env("TELOXIDE_TOKEN", token);
    }
    let mut child = command.spawn().expect("start billcoach");
    child.stdin.take().unwrap().write_all(typed.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).to_string(),
        output.status.success(),
    )
}

/// Runs the terminal with `typed` as input, keeping the input open until
/// `marker` is printed (or 30 s pass), then ends it. Returns the output.
fn run_console_until(dir: &std::path::Path, typed: &str, marker: &str) -> (String, bool) {
    use std::io::Read;
    let mut child = console_command(dir)
        .stderr(Stdio::null())
        .spawn()
        .expect("start billcoach");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(typed.as_bytes()).unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        while let Ok(read) = stdout.read(&mut buffer) {
            if read == 0 {
                break;
            }
            seen.extend_from_slice(&buffer[..read]);
            let _ = sender.send(String::from_utf8_lossy(&seen).to_string());
        }
        String::from_utf8_lossy(&seen).to_string()
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        match receiver.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(text) if text.contains(marker) => break,
            _ => {}
        }
    }
    drop(stdin);
    let ok = child.wait().unwrap().success();
    (reader.join().unwrap(), ok)
}

/// Asserts the pieces appear in this order.
fn assert_in_order(text: &str, pieces: &[&str]) {
    let mut rest = text;
    for piece in pieces {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => panic!("expected {piece:?} next in:\n{text}"),
        }
    }
}

#[test]
fn the_terminal_conversation_works_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let typed = "1\n1\n3\nuninsured\nno\n3/14/26\nApr 2 2026\n12x\n$1,234.50\n";
    let (out, ok) = run_console(dir.path(), typed, &[], None);
    assert!(ok, "exits cleanly at end of input:\n{out}");
    assert_in_order(
        &out,
        &[
            "No TELOXIDE_TOKEN set",
            "Hi, I'm billcoach",
            "1) Review a bill",
            "Part 1 of 4 · About the bill",
            "Who sent this bill?",
            "1) Hospital",
            "✅ Hospital",
            "Is it a nonprofit hospital?",
            "✅ Not sure",
            "4) Uninsured / self-pay",
            "Was this emergency care?",
            "When did you get the care?",
            "first bill",
            "How much does the bill say you owe now?",
            // One line and a pointer, not the question again.
            "I couldn't read that amount. Try something like $1,250.00",
            "↑ Type your answer to the question above.",
            "gone to a collections agency?",
        ],
    );
    assert!(!out.contains("<b>"), "HTML is turned into plain text:\n{out}");
    assert_eq!(
        out.matches("How much does the bill say you owe now?").count(),
        1,
        "the question is not sent again:\n{out}"
    );

    // A second run picks up where the first stopped. On the amount
    // question the Keep button is lettered, so a typed 1 is an answer —
    // one dollar, offered for one tap, since it is more likely a slip.
    let (out, ok) = run_console(dir.path(), "/back\n1\na\n/bills\n", &[], None);
    assert!(ok);
    assert_in_order(
        &out,
        &[
            "gone to a collections agency?",
            "a) Keep: $1,234.50",
            "I read that as $1.00. Is that right?",
            "a) Yes, that's right",
            "gone to a collections agency?",
            "Hospital · $1.00",
        ],
    );
}

/// `--lang es` on a first run: the Spanish welcome with what is kept (trial
/// 4 saw only "desde ahora le escribo en español"), and a first message as
/// people send it (a greeting, the bill, "no sé qué hacer") starts the review.
#[test]
fn the_terminal_in_spanish_greets_first_and_reads_a_first_message_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let typed = "hola, me llegó una factura del hospital y no sé qué hacer\n";
    let (out, ok) = run_console(dir.path(), typed, &["--lang", "es"], None);
    assert!(ok, "exits cleanly at end of input:\n{out}");
    assert_in_order(
        &out,
        &[
            "No hay TELOXIDE_TOKEN",
            "Hola, soy billcoach",
            "/delete",
            "1) Revisar una factura",
            "Parte 1 de 4",
            "¿Quién le envió esta factura?",
        ],
    );
    assert!(!out.contains("No entendí"), "{out}");

    // In English, a greeting greets back and "idk what to do" is no doubt.
    let dir = tempfile::tempdir().unwrap();
    let (out, ok) = run_console(dir.path(), "hi\ni got a crazy ER bill and idk what to do\n", &[], None);
    assert!(ok, "{out}");
    assert_in_order(&out, &["Hi, I'm billcoach", "Hi, I'm billcoach", "Who sent this bill?"]);
    assert!(!out.contains("didn't catch"), "{out}");
}

#[test]
fn console_subcommand_forces_the_terminal_even_with_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let (out, ok) = run_console(dir.path(), "/help\n", &["console"], Some("123:abc"));
    assert!(ok);
    assert_in_order(&out, &["Hi, I'm billcoach", "What I can do", "/delete"]);
}

/// Gives `chat` one reminder due at 10 AM Eastern on 2026-11-28.
fn seed_due_reminder(store: &billcoach::store::Store, chat: i64) {
    seed_due_reminders(store, chat, &[ReminderKind::BestDayToCall]);
}

/// Gives `chat` a reminder of each kind, all due at 10 AM Eastern on
/// 2026-11-28.
fn seed_due_reminders(store: &billcoach::store::Store, chat: i64, kinds: &[ReminderKind]) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let set_at = chrono::DateTime::parse_from_rfc3339("2026-11-28T14:00:00Z")
        .unwrap()
        .to_utc();
    let mut record = billcoach::store::ChatRecord::new();
    record.state.time_zone = Some("America/New_York".into());
    for kind in kinds {
        let plan = ReminderPlan {
            kind: *kind,
            date: today,
            deliver_on: today,
        };
        record
            .state
            .reminders
            .add(0, &plan, chrono_tz::America::New_York, set_at)
            .unwrap();
    }
    store.save_chat(chat, &record).unwrap().written().unwrap();
}

#[tokio::test]
async fn the_terminal_prints_its_own_due_reminders_once() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
        seed_due_reminder(&store, billcoach::console::CONSOLE_CHAT);
        // A Telegram chat in the same folder is not the terminal's to serve.
        seed_due_reminder(&store, 42);
        store.flush().await.unwrap();
    }
    let (out, ok) = run_console_until(dir.path(), "/reminders\n", "1) ✅ Done");
    assert!(ok, "{out}");
    assert_eq!(out.matches("── reminder ──").count(), 1, "{out}");
    assert_in_order(
        &out,
        &[
            "── reminder ──",
            "🔔 Reminder · Bill 1",
            "last business day",
            "1) ✅ Done",
        ],
    );

    let (again, ok) = run_console(dir.path(), "/reminders\n", &[], None);
    assert!(ok, "{again}");
    assert!(!again.contains("── reminder ──"), "printed once only:\n{again}");

    let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
    let telegram_chat = store.load_chat(42).unwrap().record;
    assert_eq!(
        telegram_chat.state.reminders.pending().len(),
        1,
        "left for the Telegram bot"
    );
}

#[tokio::test]
async fn the_terminal_finds_its_reminder_behind_hundreds_of_telegram_ones() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = billcoach::store::Store::open(&dir.path().join("data")).unwrap();
        // 600 due reminders of Telegram chats: more than one scheduler batch.
        let payments: Vec<ReminderKind> = (1..=100)
            .map(|number| ReminderKind::Payment {
                number,
                amount: 10.into(),
            })
            .collect();
        for chat in 1..=6 {
            seed_due_reminders(&store, chat, &payments);
        }
        seed_due_reminder(&store, billcoach::console::CONSOLE_CHAT);
        store.flush().await.unwrap();
    }
    let (out, ok) = run_console_until(dir.path(), "/reminders\n", "1) ✅ Done");
    assert!(ok, "{out}");
    assert_eq!(
        out.matches("── reminder ──").count(),
        1,
        "its own reminder, once:\n{out}"
    );
    assert!(out.contains("last business day"), "{out}");
}
