//! The end-to-end side of the test support: a fake Telegram Bot API
//! server, the real bot binary as a child process, one user's phone, and
//! [`test_bot::TestBot`], which starts the three together.

pub mod bot_process;
pub mod fake_bot_api;
pub mod http;
pub mod phone;
pub mod test_bot;
