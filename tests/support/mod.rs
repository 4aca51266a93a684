//! Shared test support: a fake Telegram Bot API server and the real bot
//! binary as a child process.

#![allow(dead_code)] // each test file uses a different part

pub mod bot_process;
pub mod fake_bot_api;
pub mod phone;
