//! Values are deflated before they are sealed. A chat record and a kept
//! update are JSON that repeats the same keys, so they shrink by about
//! half; sled writes fewer bytes per update and rewrites smaller leaves
//! (BENCHMARKS.md, *Replies under load*).
//!
//! A packed value starts with a byte no JSON starts with. A value written
//! before packing existed (plain JSON), or one that deflate would not make
//! smaller, is stored and read as it is.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The first byte of a packed value.
const PACKED: u8 = 0;

/// Deflate's fastest level: the values are small, and most of the gain
/// is in the first level.
const LEVEL: u8 = 1;

/// The most a value may unpack to (far above any record the store
/// accepts), so a damaged value cannot make the bot allocate without end.
const MAX_UNPACKED: usize = 64 << 20;

/// A value ready to be sealed: packed when that makes it smaller.
pub fn pack(plain: &[u8]) -> Vec<u8> {
    let deflated = compress_to_vec(plain, LEVEL);
    if deflated.len() + 1 >= plain.len() {
        return plain.to_vec();
    }
    let mut packed = Vec::with_capacity(deflated.len() + 1);
    packed.push(PACKED);
    packed.extend_from_slice(&deflated);
    packed
}

/// A value as it was before [`pack`]; `None` when it is packed but damaged.
pub fn unpack(stored: Vec<u8>) -> Option<Vec<u8>> {
    match stored.split_first() {
        Some((&PACKED, deflated)) => decompress_to_vec_with_limit(deflated, MAX_UNPACKED).ok(),
        _ => Some(stored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_packed_smaller_and_reads_back() {
        let json = br#"{"version":6,"state":{"screen":{"kind":"menu"},"bills":[{"items":[],"items_confirmed":false,"not_received":[],"not_received_done":false,"eob":{},"skipped":[],"calls":[]}],"current":0,"reminders":{"next_id":0,"items":[]}},"recent_update_ids":[101,102,103,104,105,106]}"#;
        let packed = pack(json);
        assert!(packed.len() < json.len() * 3 / 4, "{} of {}", packed.len(), json.len());
        assert_eq!(unpack(packed).unwrap(), json.to_vec());
    }

    #[test]
    fn plain_values_and_values_too_small_to_pack_read_as_they_are() {
        assert_eq!(pack(b"{}"), b"{}".to_vec());
        assert_eq!(unpack(b"{\"old\":1}".to_vec()).unwrap(), b"{\"old\":1}".to_vec());
    }

    #[test]
    fn a_damaged_packed_value_is_refused() {
        let mut packed = pack(&[b'{'; 400]);
        packed.truncate(3);
        assert_eq!(unpack(packed), None);
    }
}
