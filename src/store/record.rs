//! The stored shape of one chat, with its schema version.
//!
//! Records are JSON so that a record written by an older version can be read
//! (and upgraded) by a newer one; [`CURRENT_VERSION`] goes up whenever the
//! shape changes, with an upgrade step in [`decode`].

use crate::conversation::ChatState;
use serde::{Deserialize, Serialize};

/// The version written by this build.
pub const CURRENT_VERSION: u32 = 1;

/// Everything stored about one chat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatRecord {
    pub version: u32,
    pub state: ChatState,
    /// The user blocked the bot (Telegram answered 403); cleared when they
    /// write again. Reminders skip blocked chats.
    #[serde(default)]
    pub blocked: bool,
    /// The last Telegram update applied to this chat, so an update delivered
    /// again after a crash is not applied twice.
    #[serde(default)]
    pub last_update_id: Option<u32>,
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
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let VersionOnly { version } = serde_json::from_slice(bytes).map_err(DecodeError::Json)?;
    if version > CURRENT_VERSION {
        return Err(DecodeError::FromTheFuture(version));
    }
    let mut record: ChatRecord = serde_json::from_slice(bytes).map_err(DecodeError::Json)?;
    record.version = CURRENT_VERSION;
    Ok(record)
}

/// The stored form of a record.
pub fn encode(record: &ChatRecord) -> Vec<u8> {
    // A record is plain data with string keys: serializing cannot fail.
    serde_json::to_vec(record).unwrap_or_default()
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
        record.state.bill.sender = Some(BillSender::Hospital);
        record.state.bill.amount_due = Some("1234.50".parse().unwrap());
        record.last_update_id = Some(7);
        assert_eq!(decode(&encode(&record)).unwrap(), record);
    }

    #[test]
    fn the_version_1_golden_record_loads() {
        let golden = include_bytes!("../../tests/fixtures/records/chat-v1.json");
        let record = decode(golden).expect("golden record loads");
        assert_eq!(
            record.state.screen,
            Screen::Asking {
                question: Question::AmountDue
            }
        );
        assert_eq!(record.state.bill.amount_due, Some("1234.50".parse().unwrap()));
    }

    #[test]
    fn garbage_and_future_records_are_refused() {
        assert!(matches!(decode(b"{not json"), Err(DecodeError::Json(_))));
        assert!(matches!(
            decode(br#"{"version": 99}"#),
            Err(DecodeError::FromTheFuture(99))
        ));
    }
}
