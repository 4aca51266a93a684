//! Keys of the lines said when a chat reaches one of the storage limits
//! (README, *Limits*): bills per chat, calls per bill, items per bill, the
//! size of what is saved.

use super::keys;

keys! {
    LIMIT_BILLS = "limits.bills" [most];
    LIMIT_CALLS = "limits.calls" [most];
    LIMIT_ITEMS = "limits.items" [most];
    /// Said by the engine when the saved record would grow past its size.
    LIMIT_RECORD = "limits.record";
}
