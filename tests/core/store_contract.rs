//! The store's contract, one suite run against each implementation: the
//! embedded sled store, and PostgreSQL (a temporary server, see
//! `support/postgres.rs`; where it cannot start, each test prints one
//! "skipped: PostgreSQL could not start: …" line and checks sled only).
//!
//! What every store must do: load/save/erase, set aside a record it cannot
//! read (once), keep/forget/list the inbox, hand each due reminder to one
//! instance, never let two instances interleave one chat's saves, and
//! erase everything of a chat (rows and key) on `/delete`.

use crate::pg_server;
use billcoach::domain::reminders::{ReminderKind, ReminderPlan};
use billcoach::store::{ChatRecord, Saved, Store};
use chrono::{DateTime, Utc};

/// One implementation under test.
struct Subject {
    name: &'static str,
    store: Store,
    /// Opens another instance on the same data (PostgreSQL: another
    /// process's handle), or fails when the store admits one process only.
    second: Box<dyn Fn() -> Result<Store, String>>,
    _folder: tempfile::TempDir,
}

/// Each implementation, fresh and empty.
fn subjects(test: &str) -> Vec<Subject> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("data");
    let sled = Subject {
        name: "sled",
        store: Store::open(&path).unwrap(),
        second: Box::new(move || Store::open(&path).map_err(|e| e.to_string())),
        _folder: folder,
    };
    let mut subjects = vec![sled];
    match pg_server::new_database() {
        Ok(url) => {
            let master = billcoach::store::master_key_from_hex(&"ab".repeat(32)).unwrap();
            let store = Store::connect(&url, master).unwrap();
            subjects.push(Subject {
                name: "postgres",
                store,
                second: Box::new(move || Store::connect(&url, master).map_err(|e| e.to_string())),
                _folder: tempfile::tempdir().unwrap(),
            });
        }
        Err(why) => println!("{test}: skipped: PostgreSQL could not start: {why}"),
    }
    subjects
}

fn flush(store: &Store) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(store.flush())
        .unwrap();
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// A record with a bill of `lines` lines and one reminder due at 10 AM
/// Eastern on 2026-11-28 (15:00 UTC).
fn record_with_a_bill_and_a_reminder(lines: usize) -> ChatRecord {
    let mut record = ChatRecord::new();
    let text: String = (0..lines).map(|n| format!("85025 CBC q{n}q $1{n}.00\n")).collect();
    record.state.bill_mut().items = billcoach::domain::line_items::parse_bill_text(&text, chrono::NaiveDate::MIN).items;
    record.state.time_zone = Some("America/New_York".into());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let plan = ReminderPlan {
        kind: ReminderKind::BestDayToCall,
        date: today,
        deliver_on: today,
    };
    record
        .state
        .reminders
        .add(0, &plan, chrono_tz::America::New_York, utc("2026-11-28T14:00:00Z"))
        .unwrap();
    record
}

fn stored_of(store: &Store, chat: i64) -> Vec<String> {
    store
        .all_keys()
        .into_iter()
        .filter(|(_, key)| key.starts_with(&chat.to_be_bytes()) || key.get(8..16) == Some(&chat.to_be_bytes()))
        .map(|(table, _)| table)
        .collect()
}

#[test]
fn a_saved_record_loads_back_and_erasing_removes_every_row_and_the_key() {
    for Subject { name, store, .. } in subjects("load_save_erase") {
        assert!(!store.load_chat(42).unwrap().was_reset, "{name}");
        assert_eq!(
            store.load_chat(42).unwrap().record,
            ChatRecord::new(),
            "{name}: a new chat"
        );
        let record = record_with_a_bill_and_a_reminder(300);
        assert_eq!(store.save_chat(42, &record).unwrap(), Saved::Written, "{name}");
        store.keep_update(42, 7, b"an update").unwrap();
        flush(&store);
        let loaded = store.load_chat(42).unwrap();
        assert_eq!(loaded.record.state, record.state, "{name}: the record and its items");
        assert!(store.has_chat_key(42), "{name}");

        // A change of the items is written and read back too.
        let mut changed = loaded.record;
        changed.state.bill_mut().items.truncate(10);
        store
            .save_loaded(42, &changed, loaded.revision)
            .unwrap()
            .written()
            .unwrap();
        assert_eq!(store.load_chat(42).unwrap().record.state, changed.state, "{name}");

        store.save_chat(43, &ChatRecord::new()).unwrap().written().unwrap();
        store.erase_chat(42).unwrap();
        flush(&store);
        assert_eq!(store.load_chat(42).unwrap().record, ChatRecord::new(), "{name}: erased");
        assert!(!store.has_chat_key(42), "{name}: the key is shredded");
        assert_eq!(
            stored_of(&store, 42),
            Vec::<String>::new(),
            "{name}: nothing of the chat is left"
        );
        assert!(store.kept_updates().unwrap().is_empty(), "{name}");
        assert_eq!(
            store.due_reminders(utc("2030-01-01T00:00:00Z"), 10, None).unwrap(),
            vec![],
            "{name}"
        );
        assert!(!stored_of(&store, 43).is_empty(), "{name}: other chats stay");
    }
}

#[test]
fn an_unreadable_record_is_set_aside_once_and_erased_with_the_chat() {
    for Subject { name, store, .. } in subjects("set_aside") {
        let mut record = ChatRecord::new();
        record.blocked = true;
        store.save_chat(7, &record).unwrap().written().unwrap();
        store.damage_record_for_tests(7).unwrap();
        let first = store.load_chat(7).unwrap();
        assert!(first.was_reset, "{name}: the user is told");
        assert_eq!(first.record, ChatRecord::new(), "{name}: a fresh record");
        assert!(!store.load_chat(7).unwrap().was_reset, "{name}: told only once");
        assert!(
            stored_of(&store, 7).iter().any(|table| table == "set_aside"),
            "{name}: kept for inspection"
        );
        store.erase_chat(7).unwrap();
        assert!(!stored_of(&store, 7).iter().any(|table| table == "set_aside"), "{name}");
    }
}

#[test]
fn kept_updates_are_listed_in_order_until_forgotten_or_erased() {
    for Subject { name, store, .. } in subjects("inbox") {
        store.keep_update(5, 101, b"second").unwrap();
        store.keep_update(5, 100, b"first").unwrap();
        store.keep_update(6, 102, b"other chat").unwrap();
        store.keep_update(5, 103, b"third").unwrap();
        store.forget_update(5, 100).unwrap();
        flush(&store);
        assert_eq!(
            store.kept_updates().unwrap(),
            [
                (5, 101, b"second".to_vec()),
                (6, 102, b"other chat".to_vec()),
                (5, 103, b"third".to_vec())
            ],
            "{name}"
        );
        store.erase_chat(6).unwrap();
        assert_eq!(store.kept_updates().unwrap().len(), 2, "{name}");
    }
}

#[test]
fn a_due_reminder_is_handed_to_one_instance_and_taken_over_after_its_lease() {
    for Subject {
        name, store, second, ..
    } in subjects("claim_once")
    {
        store
            .save_chat(9, &record_with_a_bill_and_a_reminder(1))
            .unwrap()
            .written()
            .unwrap();
        let at = utc("2026-11-28T15:00:00Z");
        assert_eq!(
            store.claim_due(at - chrono::Duration::seconds(1), 10, None).unwrap(),
            vec![],
            "{name}: not due yet"
        );
        let claimed = store.claim_due(at, 10, None).unwrap();
        assert_eq!(claimed.len(), 1, "{name}");
        assert_eq!((claimed[0].chat, claimed[0].due), (9, at), "{name}");
        match second() {
            Ok(other) => {
                // Another instance: not while the lease runs, then again.
                assert_eq!(other.claim_due(at, 10, None).unwrap(), vec![], "{name}: claimed once");
                let after_lease = at + chrono::Duration::from_std(billcoach::store::LEASE).unwrap();
                assert_eq!(
                    other.claim_due(after_lease, 10, None).unwrap(),
                    claimed,
                    "{name}: taken over"
                );
                // The first instance, slow to send it, finds it is no longer
                // its own and sends nothing; the one that took it over sends.
                assert!(!store.hold_claim(&claimed[0], after_lease).unwrap(), "{name}");
                assert!(other.hold_claim(&claimed[0], after_lease).unwrap(), "{name}");
                assert_eq!(
                    other.next_due(None).unwrap(),
                    Some(after_lease + chrono::Duration::from_std(billcoach::store::LEASE).unwrap()),
                    "{name}"
                );
            }
            // One process only: nobody else can claim it.
            Err(_) => {
                assert_ne!(name, "postgres");
                assert!(store.hold_claim(&claimed[0], at).unwrap(), "{name}");
            }
        }
        // Delivered: no instance gets it again.
        let mut record = store.load_chat(9).unwrap().record;
        let id = claimed[0].reminder;
        record.state.reminders.delivered(id, at);
        store.save_chat(9, &record).unwrap().written().unwrap();
        assert_eq!(
            store.claim_due(at + chrono::Duration::days(1), 10, None).unwrap(),
            vec![],
            "{name}"
        );
    }
}

#[test]
fn one_instance_at_a_time_has_a_chats_turn_and_a_dead_ones_turn_ends_with_its_lease() {
    let lease = std::time::Duration::from_secs(1);
    for Subject { name, store, .. } in subjects("chat_turns") {
        store.keep_update(5, 102, b"second").unwrap();
        store.keep_update(5, 101, b"first").unwrap();
        store.keep_update(6, 103, b"other chat").unwrap();
        assert_eq!(store.first_kept(5).unwrap(), Some(101), "{name}");
        assert_eq!(store.first_kept(7).unwrap(), None, "{name}");
        assert_eq!(
            store.kept_of(5).unwrap(),
            [(101, b"first".to_vec()), (102, b"second".to_vec())],
            "{name}: in id order"
        );
        assert!(store.take_turn(5, "a", lease).unwrap(), "{name}");
        assert!(store.take_turn(5, "a", lease).unwrap(), "{name}: its own turn again");
        assert!(store.renew_turn(5, "a", lease).unwrap(), "{name}");
        if name == "postgres" {
            assert!(!store.take_turn(5, "b", lease).unwrap(), "{name}: not while a holds it");
            assert!(!store.renew_turn(5, "b", lease).unwrap(), "{name}");
            assert_eq!(store.chats_waiting(10).unwrap(), [6], "{name}: chat 5's turn is held");
            store.end_turn(5, "b").unwrap();
            assert!(
                !store.take_turn(5, "b", lease).unwrap(),
                "{name}: b cannot end a's turn"
            );
            store.end_turn(5, "a").unwrap();
            assert_eq!(store.chats_waiting(10).unwrap(), [5, 6], "{name}: first kept first");
            assert!(store.take_turn(5, "b", lease).unwrap(), "{name}: ended, free");
            // b dies holding it: a takes it once the lease has run out.
            assert!(!store.take_turn(5, "a", lease).unwrap(), "{name}");
            std::thread::sleep(lease + std::time::Duration::from_millis(200));
            assert_eq!(store.chats_waiting(10).unwrap(), [5, 6], "{name}: b's lease ran out");
            assert!(store.take_turn(5, "a", lease).unwrap(), "{name}: taken over");
            assert!(!store.renew_turn(5, "b", lease).unwrap(), "{name}: b lost it");
        } else {
            // One process: its lanes give each chat one turn.
            assert!(store.chats_waiting(10).unwrap().is_empty(), "{name}");
        }
        store.end_turn(5, "a").unwrap();
        store.forget_update(5, 101).unwrap();
        assert_eq!(store.first_kept(5).unwrap(), Some(102), "{name}");
    }
}

#[test]
fn two_instances_saving_one_chat_never_interleave() {
    for Subject {
        name, store, second, ..
    } in subjects("no_interleaving")
    {
        let Ok(other) = second() else {
            // sled: one process holds the folder, and the engine's chat lock
            // orders its saves.
            assert_ne!(name, "postgres");
            println!("{name}: one instance only (the folder is locked): nothing to interleave");
            continue;
        };
        store.save_chat(1, &ChatRecord::new()).unwrap().written().unwrap();
        // Both load the same version; the second save must not win.
        let (mine, theirs) = (store.load_chat(1).unwrap(), other.load_chat(1).unwrap());
        let mut a = mine.record;
        a.note_applied(10);
        let mut b = theirs.record;
        b.note_applied(11);
        assert_eq!(
            store.save_loaded(1, &a, mine.revision).unwrap(),
            Saved::Written,
            "{name}"
        );
        assert_eq!(
            other.save_loaded(1, &b, theirs.revision).unwrap(),
            Saved::Conflict,
            "{name}"
        );
        assert!(store.load_chat(1).unwrap().record.has_applied(10));
        assert!(!store.load_chat(1).unwrap().record.has_applied(11));

        // Many writers at once, each retrying on a conflict: every change
        // is kept exactly once.
        let threads: Vec<_> = [store.clone(), other.clone()]
            .into_iter()
            .enumerate()
            .map(|(n, store)| {
                std::thread::spawn(move || {
                    for i in 0..25u32 {
                        let id = 100 + n as u32 * 1000 + i;
                        loop {
                            let loaded = store.load_chat(1).unwrap();
                            let mut record = loaded.record;
                            record.note_applied(id);
                            match store.save_loaded(1, &record, loaded.revision).unwrap() {
                                Saved::Written => break,
                                Saved::Conflict => continue,
                                Saved::TooLarge => panic!("too large"),
                            }
                        }
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let record = store.load_chat(1).unwrap().record;
        for n in 0..2u32 {
            for i in 0..25u32 {
                assert!(record.has_applied(100 + n * 1000 + i), "{name}: change {n}/{i} lost");
            }
        }
    }
}

#[test]
fn instances_share_one_webhook_secret() {
    for Subject {
        name, store, second, ..
    } in subjects("webhook_secret")
    {
        let first = store.shared_webhook_secret(&"a".repeat(64)).unwrap();
        match second() {
            Ok(other) => {
                assert_eq!(first.as_deref(), Some("a".repeat(64).as_str()), "{name}");
                assert_eq!(
                    other.shared_webhook_secret(&"b".repeat(64)).unwrap(),
                    first,
                    "{name}: the first one kept"
                );
            }
            // One process: its data folder keeps the secret.
            Err(_) => assert_eq!(first, None, "{name}"),
        }
    }
}

#[test]
fn migrate_store_copies_every_chat_to_postgres_and_back() {
    let first = tempfile::tempdir().unwrap();
    let source = Store::open(&first.path().join("data")).unwrap();
    let record = record_with_a_bill_and_a_reminder(200);
    source.save_chat(11, &record).unwrap().written().unwrap();
    let mut other = ChatRecord::new();
    other.note_applied(77);
    source.save_chat(12, &other).unwrap().written().unwrap();
    source.keep_update(12, 78, b"kept").unwrap();
    assert!(source.note_group_told(-100).unwrap());
    flush(&source);

    // Into PostgreSQL when it runs (else into another folder), then back
    // into a new folder: everything arrives, reminders included.
    let middle_folder = tempfile::tempdir().unwrap();
    let middle = match pg_server::new_database() {
        Ok(url) => Store::connect(&url, billcoach::store::master_key_from_hex(&"cd".repeat(32)).unwrap()).unwrap(),
        Err(why) => {
            println!("migrate_store: skipped: PostgreSQL could not start: {why}");
            Store::open(&middle_folder.path().join("data")).unwrap()
        }
    };
    let back_folder = tempfile::tempdir().unwrap();
    let back = Store::open(&back_folder.path().join("data")).unwrap();
    for (from, to) in [(&source, &middle), (&middle, &back)] {
        let copied = billcoach::store::copy_store(from, to).unwrap();
        assert_eq!((copied.chats, copied.kept_updates, copied.groups_told), (2, 1, 1));
        flush(to);
        assert_eq!(to.load_chat(11).unwrap().record.state, record.state);
        assert!(to.load_chat(12).unwrap().record.has_applied(77));
        assert_eq!(to.kept_updates().unwrap(), [(12, 78, b"kept".to_vec())]);
        assert!(!to.note_group_told(-100).unwrap(), "told already");
        let due = to.due_reminders(utc("2026-11-28T15:00:00Z"), 10, None).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].chat, 11);
    }
    // A target that holds chats already is refused.
    assert!(billcoach::store::copy_store(&source, &back).is_err());
}
