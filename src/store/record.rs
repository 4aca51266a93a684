//! The stored shape of one chat, with its schema version.
//!
//! Records are JSON so that a record written by an older version can be read
//! (and upgraded) by a newer one; [`CURRENT_VERSION`] goes up whenever the
//! shape changes, with an upgrade step in [`decode`].

use crate::conversation::{ChatState, Screen};
use crate::domain::bill::Bill;
use serde::{Deserialize, Serialize};

/// The version written by this build.
///
/// - 1: one bill per chat (`state.bill`).
/// - 2: several bills per chat (`state.bills`, `state.current`), and the
///   whole review's answers in each bill.
/// - 3: call logs with each bill, the report and call-log screens (only
///   additions: a version 2 record reads as it is).
/// - 4: reminders, the chat's time zone, paid bills and their screens
///   (only additions: a version 2 or 3 record reads as it is).
/// - 5: each bill's line items are stored apart from the record (written
///   only when they change, see [`encode_apart`]); the record keeps a
///   digest per bill (`item_digests`) and its bills' `items` are empty as
///   stored. Versions 2 to 4 keep their items inline and still read.
/// - 6: which Medicare and QMB (`medicare`, `qmb`), the discharge date, and
///   a claim status of `not_sure` (only additions: older records read as
///   they are; an older build refuses a version 6 record instead of
///   misreading it).
/// - 7: the chat's language (`state.lang`), the one-tap check of a typed
///   answer (the `confirm_guess` screen, with an amount, a count, a date or
///   a button) and the EOB figures read from a file (`eob_read`); only
///   additions, so older records read as they are, and an older build
///   refuses a version 7 record instead of misreading its screen.
/// - 8: a final notice's collections day (`collections_notice_date`, its
///   question and its `collections_notice` reminder); only additions, and
///   an older build refuses a version 8 record instead of misreading it.
/// - 9: an answer typed at a guess's check and kept for the next question
///   (`state.kept`); only an addition, and an older build refuses a
///   version 9 record instead of dropping what the user typed.
pub const CURRENT_VERSION: u32 = 9;

/// Everything stored about one chat.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatRecord {
    pub version: u32,
    pub state: ChatState,
    /// The user blocked the bot (Telegram answered 403); cleared when they
    /// write again. Reminders skip blocked chats.
    #[serde(default)]
    pub blocked: bool,
    /// A message to this chat was lost (Telegram did not take it), so the
    /// screen the chat is on may not be on the user's phone: the next
    /// answer shows it again after its own lines. Left out when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub screen_lost: bool,
    /// The last Telegram update applied to this chat, so an update delivered
    /// again after a crash is not applied twice.
    #[serde(default)]
    pub last_update_id: Option<u32>,
    /// The Telegram updates most recently applied (at most
    /// [`RECENT_UPDATES`]). An update is skipped only when it is one of
    /// these: after a quiet week Telegram may restart update ids lower.
    #[serde(default)]
    pub recent_update_ids: Vec<u32>,
    /// Per bill, the digest of its line items as stored apart (0: none
    /// stored). As loaded, what is on disk: a save writes a bill's items
    /// only when their digest changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_digests: Vec<u64>,
}

/// How many applied update ids a chat remembers.
pub const RECENT_UPDATES: usize = 64;

impl ChatRecord {
    /// Whether this update was already applied to the chat.
    pub fn has_applied(&self, update_id: u32) -> bool {
        self.recent_update_ids.contains(&update_id)
            || (self.recent_update_ids.is_empty() && self.last_update_id == Some(update_id))
    }

    /// Remembers an applied update.
    pub fn note_applied(&mut self, update_id: u32) {
        self.last_update_id = Some(update_id);
        self.recent_update_ids.push(update_id);
        let excess = self.recent_update_ids.len().saturating_sub(RECENT_UPDATES);
        self.recent_update_ids.drain(..excess);
    }
}

impl ChatRecord {
    /// A record for a chat the bot has never seen.
    pub fn new() -> ChatRecord {
        ChatRecord {
            version: CURRENT_VERSION,
            ..ChatRecord::default()
        }
    }
}

/// Why stored bytes could not be read as a record.
#[derive(Debug)]
pub enum DecodeError {
    Json(serde_json::Error),
    /// Written by a newer build than this one.
    FromTheFuture(u32),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // serde_json's messages name fields and positions, never values.
            DecodeError::Json(e) => write!(f, "not a readable record ({})", e.classify_name()),
            DecodeError::FromTheFuture(v) => {
                write!(f, "written by a newer billcoach (version {v})")
            }
        }
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "unexpected shape",
            serde_json::error::Category::Eof => "truncated",
        }
    }
}

/// Reads a stored record, upgrading older versions.
pub fn decode(bytes: &[u8]) -> Result<ChatRecord, DecodeError> {
    let version = version_of(bytes)?;
    let mut record = match version {
        1 => upgrade_v1(serde_json::from_slice(bytes).map_err(DecodeError::Json)?),
        2..=CURRENT_VERSION => serde_json::from_slice::<ChatRecord>(bytes).map_err(DecodeError::Json)?,
        future => return Err(DecodeError::FromTheFuture(future)),
    };
    record.version = CURRENT_VERSION;
    if record.state.bills.is_empty() {
        record.state.bills.push(Bill::default());
    }
    if record.state.current >= record.state.bills.len() {
        record.state.current = record.state.bills.len() - 1;
    }
    Ok(record)
}

/// The version a stored record says it is. A record this program wrote
/// starts with it (`{"version":6,`), read without parsing the rest twice;
/// any other layout is parsed for it.
fn version_of(bytes: &[u8]) -> Result<u32, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"{\"version\":") {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if matches!(rest.get(digits), Some(b',' | b'}')) {
            if let Some(version) = std::str::from_utf8(&rest[..digits]).ok().and_then(|d| d.parse().ok()) {
                return Ok(version);
            }
        }
    }
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let VersionOnly { version } = serde_json::from_slice(bytes).map_err(DecodeError::Json)?;
    Ok(version)
}

/// Version 1: one bill per chat.
#[derive(Deserialize)]
struct ChatRecordV1 {
    state: ChatStateV1,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    last_update_id: Option<u32>,
}

#[derive(Deserialize)]
struct ChatStateV1 {
    screen: Screen,
    bill: Bill,
}

fn upgrade_v1(old: ChatRecordV1) -> ChatRecord {
    let state = ChatState {
        screen: old.state.screen,
        bills: vec![old.state.bill],
        ..ChatState::default()
    };
    ChatRecord {
        version: CURRENT_VERSION,
        state,
        blocked: old.blocked,
        screen_lost: false,
        last_update_id: old.last_update_id,
        recent_update_ids: Vec::new(),
        item_digests: Vec::new(),
    }
}

/// The stored form of a record.
pub fn encode(record: &ChatRecord) -> Vec<u8> {
    // A record is plain data with string keys: serializing cannot fail.
    serde_json::to_vec(record).unwrap_or_default()
}

/// One bill's line items as stored apart: their digest (0 for none) and
/// their JSON (empty for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItems {
    pub digest: u64,
    pub json: Vec<u8>,
}

/// The stored form of a record in parts: the record without its bills'
/// items (their digests in `item_digests`), and each bill's items. The
/// items of a long bill are most of a record and rarely change, so they
/// are written only when their digest differs from the one on disk.
pub fn encode_apart(record: &ChatRecord) -> (Vec<u8>, Vec<StoredItems>) {
    let items: Vec<StoredItems> = record
        .state
        .bills
        .iter()
        .map(|bill| match bill.items.is_empty() {
            true => StoredItems {
                digest: 0,
                json: Vec::new(),
            },
            false => {
                let json = serde_json::to_vec(&bill.items).unwrap_or_default();
                StoredItems {
                    digest: digest(&json),
                    json,
                }
            }
        })
        .collect();
    let mut slim = read_back(record, &items);
    for bill in &mut slim.state.bills {
        bill.items = Vec::new();
    }
    (encode(&slim), items)
}

/// What reading back a record stored in parts gives: the record, at this
/// version, with the digests of its items as stored.
pub fn read_back(record: &ChatRecord, items: &[StoredItems]) -> ChatRecord {
    let mut stored = record.clone();
    stored.version = CURRENT_VERSION;
    // A record without items stores no digests (and reads back equal).
    stored.item_digests = match items.iter().all(|part| part.digest == 0) {
        true => Vec::new(),
        false => items.iter().map(|part| part.digest).collect(),
    };
    stored
}

/// A bill's items read back from their stored JSON.
pub fn decode_items(json: &[u8]) -> Result<Vec<crate::domain::line_items::LineItem>, DecodeError> {
    serde_json::from_slice(json).map_err(DecodeError::Json)
}

/// A digest of stored bytes, never 0. Only compared with digests this
/// build or an earlier one wrote: a different hasher in a later Rust makes
/// one extra write, never a missed one (short of a 64-bit collision).
fn digest(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Question, Screen};
    use crate::domain::bill::BillSender;

    #[test]
    fn a_record_survives_the_round_trip() {
        let mut record = ChatRecord::new();
        record.state.screen = Screen::Asking {
            question: Question::Coverage,
        };
        record.state.bill_mut().sender = Some(BillSender::Hospital);
        record.state.bill_mut().amount_due = Some("1234.50".parse().unwrap());
        record.last_update_id = Some(7);
        assert_eq!(decode(&encode(&record)).unwrap(), record);
    }

    #[test]
    fn the_version_1_golden_record_loads_as_one_bill() {
        let golden = include_bytes!("../../tests/fixtures/records/chat-v1.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(record.version, CURRENT_VERSION);
        assert_eq!(
            record.state.screen,
            Screen::Asking {
                question: Question::AmountDue
            }
        );
        assert_eq!(record.state.bills.len(), 1);
        assert_eq!(record.state.bill().sender, Some(BillSender::Hospital));
        assert_eq!(record.state.bill().amount_due, Some("1234.50".parse().unwrap()));
        assert_eq!(record.last_update_id, Some(41));
    }

    #[test]
    fn the_version_2_golden_record_loads() {
        let golden = include_bytes!("../../tests/fixtures/records/chat-v2.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(record.state.bills.len(), 2);
        assert_eq!(record.state.current, 1);
        let first = &record.state.bills[0];
        assert_eq!(first.items.len(), 2);
        assert_eq!(first.items_total(), "242.00".parse().unwrap());
        assert!(first.not_received.contains(&1));
        assert_eq!(first.service_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 14));
        assert_eq!(
            record.state.screen,
            Screen::Asking {
                question: Question::Coverage
            }
        );
    }

    #[test]
    fn the_version_3_golden_record_loads() {
        let golden = include_bytes!("../../tests/fixtures/records/chat-v3.json");
        let record = decode(golden).expect("golden record loads");
        let calls = &record.state.bill().calls;
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].reference.as_deref(), Some("55812"));
        assert!(matches!(record.state.screen, Screen::LoggingCall { .. }));
    }

    #[test]
    fn the_version_4_golden_record_loads_with_its_reminders() {
        use crate::domain::reminders::{ReminderKind, ReminderStatus};
        let golden = include_bytes!("../../tests/fixtures/records/chat-v4.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(record.state.time_zone.as_deref(), Some("America/Chicago"));
        let reminders = &record.state.reminders;
        assert_eq!(reminders.next_id, 2);
        assert_eq!(reminders.items[0].kind, ReminderKind::BestDayToCall);
        assert_eq!(reminders.items[0].status, ReminderStatus::Scheduled);
        assert_eq!(reminders.items[0].due.to_rfc3339(), "2026-11-30T16:00:00+00:00");
        assert!(matches!(reminders.items[1].status, ReminderStatus::Delivered { .. }));
        assert!(matches!(
            reminders.items[1].kind,
            ReminderKind::Payment { number: 2, .. }
        ));
        assert_eq!(
            record.state.bills[1].paid.map(|p| p.amount),
            Some("80.00".parse().unwrap())
        );
        assert!(matches!(record.state.screen, Screen::AskTimeZone { .. }));
    }

    #[test]
    fn the_version_5_golden_record_loads_without_its_items() {
        let golden = include_bytes!("../../tests/fixtures/records/chat-v5.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(record.state.bills.len(), 2);
        assert!(record.state.bills.iter().all(|b| b.items.is_empty()), "kept apart");
        assert_eq!(record.item_digests, [7_340_123_456_789, 0]);
        assert_eq!(record.state.bills[0].amount_due, Some("1234.50".parse().unwrap()));
    }

    #[test]
    fn the_version_6_golden_record_loads_with_medicare_qmb_and_the_discharge_date() {
        use crate::domain::bill::{Answer3, ClaimStatus, Coverage, MedicareKind};
        let golden = include_bytes!("../../tests/fixtures/records/chat-v6.json");
        let record = decode(golden).expect("golden record loads");
        let bill = &record.state.bills[0];
        assert_eq!(bill.coverage, Some(Coverage::Medicare));
        assert_eq!(bill.medicare, Some(MedicareKind::Advantage));
        assert_eq!(bill.qmb, Some(Answer3::NotSure));
        assert_eq!(bill.claim, Some(ClaimStatus::NotSure));
        assert_eq!(bill.discharge_date, chrono::NaiveDate::from_ymd_opt(2026, 10, 5));
        assert_eq!(record.version, CURRENT_VERSION);
    }

    #[test]
    fn the_version_7_golden_record_loads_with_its_language_and_a_guess_waiting() {
        use crate::content::Lang;
        use crate::conversation::{Guess, Question, Screen};
        let golden = include_bytes!("../../tests/fixtures/records/chat-v7.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(record.state.lang, Some(Lang::Es));
        assert_eq!(
            record.state.screen,
            Screen::ConfirmGuess {
                question: Question::ServiceDate,
                guess: Guess::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            }
        );
        assert_eq!(
            record.state.bills[0].eob_read.billed,
            Some(rust_decimal_macros::dec!(620.00))
        );
        assert_eq!(record.state.bills[1].state.as_deref(), Some("TX"));
        // A version 6 record has no language yet: English.
        let v6 = decode(include_bytes!("../../tests/fixtures/records/chat-v6.json")).unwrap();
        assert_eq!(v6.state.lang, None);
    }

    #[test]
    fn the_version_8_golden_record_loads_with_a_final_notice_and_its_reminder() {
        use crate::conversation::{Question, Screen};
        use crate::domain::reminders::ReminderKind;
        let golden = include_bytes!("../../tests/fixtures/records/chat-v8.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(
            record.state.screen,
            Screen::Asking {
                question: Question::CollectionsNoticeDate
            }
        );
        let notice = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(record.state.bills[0].collections_notice_date, notice);
        assert_eq!(record.state.reminders.items[0].kind, ReminderKind::CollectionsNotice);
        assert_eq!(record.version, CURRENT_VERSION);
        // A version 7 record has no final notice.
        let v7 = decode(include_bytes!("../../tests/fixtures/records/chat-v7.json")).unwrap();
        assert_eq!(v7.state.bills[0].collections_notice_date, None);
    }

    #[test]
    fn the_version_9_golden_record_loads_with_an_answer_kept_at_a_guess() {
        use crate::conversation::{Guess, Question, Screen};
        let golden = include_bytes!("../../tests/fixtures/records/chat-v9.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(
            record.state.screen,
            Screen::ConfirmGuess {
                question: Question::HouseholdSize,
                guess: Guess::Count(3),
            }
        );
        let kept = record.state.kept.as_ref().expect("the kept answer loads");
        assert_eq!((kept.after, kept.text.as_str()), (Question::HouseholdSize, "38000"));
        assert_eq!(record.version, CURRENT_VERSION);
        // A version 8 record keeps nothing.
        let v8 = decode(include_bytes!("../../tests/fixtures/records/chat-v8.json")).unwrap();
        assert_eq!(v8.state.kept, None);
    }

    #[test]
    fn a_record_in_parts_keeps_items_apart_and_their_digest_follows_them() {
        let mut record = ChatRecord::new();
        record.state.bill_mut().items =
            crate::domain::line_items::parse_bill_text("85025 CBC $42.00\n80053 CMP $88.00", chrono::NaiveDate::MIN)
                .items;
        record.state.bills.push(crate::domain::bill::Bill::default());
        let (body, items) = encode_apart(&record);
        assert!(
            !String::from_utf8_lossy(&body).contains("CBC"),
            "no items in the record"
        );
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1],
            StoredItems {
                digest: 0,
                json: Vec::new()
            }
        );
        assert_eq!(decode_items(&items[0].json).unwrap(), record.state.bills[0].items);
        let stored = decode(&body).unwrap();
        assert_eq!(stored.item_digests, [items[0].digest, 0]);
        // Same items, same digest; one changed price, another.
        assert_eq!(encode_apart(&record).1[0].digest, items[0].digest);
        record.state.bill_mut().items[1].amount = "87.00".parse().unwrap();
        assert_ne!(encode_apart(&record).1[0].digest, items[0].digest);
    }

    #[test]
    fn a_record_with_no_bills_gets_one() {
        let record = decode(br#"{"version":2,"state":{"screen":{"kind":"menu"},"bills":[],"current":4}}"#).unwrap();
        assert_eq!(record.state.bills.len(), 1);
        assert_eq!(record.state.current, 0);
    }

    #[test]
    fn only_recent_updates_count_as_applied() {
        let mut record = ChatRecord::new();
        record.last_update_id = Some(500);
        assert!(record.has_applied(500), "an older record's last id");
        assert!(!record.has_applied(7), "lower ids after a quiet week are new updates");
        for id in 501..600 {
            record.note_applied(id);
        }
        assert_eq!(record.recent_update_ids.len(), RECENT_UPDATES);
        assert!(record.has_applied(599) && !record.has_applied(500) && !record.has_applied(7));
    }

    #[test]
    fn garbage_and_future_records_are_refused() {
        assert!(matches!(decode(b"{not json"), Err(DecodeError::Json(_))));
        assert!(matches!(
            decode(br#"{"version": 99}"#),
            Err(DecodeError::FromTheFuture(99))
        ));
        // The layout this program writes is read without a second parse.
        assert!(matches!(
            decode(br#"{"version":99,"state":{}}"#),
            Err(DecodeError::FromTheFuture(99))
        ));
        assert!(matches!(decode(br#"{"version":6,oops"#), Err(DecodeError::Json(_))));
        assert_eq!(version_of(br#"{"version":12}"#).unwrap(), 12);
        assert_eq!(version_of(br#"{"state":{},"version":3}"#).unwrap(), 3);
    }
}
