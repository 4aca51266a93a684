//! The real `billcoach` binary, started as a child process for a test: its
//! own data folder, its own working directory (so no developer `.env` is
//! read), and its log captured to a file the test can read.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The token the tests use; any text works against the fake server.
pub const TEST_TOKEN: &str = "123456:TEST-token-never-logged";

/// A running bot.
pub struct BotProcess {
    child: Child,
    log_path: PathBuf,
}

impl BotProcess {
    /// Starts the bot on Telegram mode against the fake server at `api_url`,
    /// storing its data in `dir/data`.
    pub fn spawn(api_url: &str, dir: &Path) -> BotProcess {
        BotProcess::spawn_with_env(api_url, dir, &[])
    }

    /// Like [`BotProcess::spawn`], with more environment variables (set
    /// after the defaults, so they can override them), e.g.
    /// `("BILLCOACH_TELEGRAM_TIMEOUT_SECONDS", "3")`.
    pub fn spawn_with_env(api_url: &str, dir: &Path, extra_env: &[(&str, &str)]) -> BotProcess {
        let log_path = dir.join(format!(
            "bot-{}.log",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let log = std::fs::File::create(&log_path).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_billcoach"))
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TELOXIDE_TOKEN", TEST_TOKEN)
            .env("TELOXIDE_API_URL", api_url)
            .env("BILLCOACH_DB", dir.join("data"))
            .env("RUST_LOG", "debug")
            // Every date the bot computes counts from this "today".
            .env("BILLCOACH_NOW", "2026-11-28T15:00:00Z")
            // The real throttle runs, with room for a test's fast typing.
            .env("BILLCOACH_CHAT_MESSAGES_PER_SECOND", "30")
            .env("BILLCOACH_CHAT_MESSAGES_PER_MINUTE", "1000")
            // A thousand reminders need not take half a minute.
            .env("BILLCOACH_BULK_MESSAGES_PER_SECOND", "300")
            .envs(extra_env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start the billcoach binary");
        BotProcess { child, log_path }
    }

    /// What the bot logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// The log's lines without sled's chatter.
    pub fn log_lines(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| !l.contains(" DEBUG sled"))
            .map(String::from)
            .collect()
    }

    /// Whether, at start-up, the bot took one update from the inbox left by
    /// a kill. The update before it may be there too: its reply went out,
    /// but the kill can come before its inbox entry is dropped; it is then
    /// skipped as applied (a test's `nothing_more` shows it was not
    /// answered twice).
    pub fn took_one_update_from_the_inbox(&self) -> bool {
        let log = self.log();
        log.contains("handling 1 updates received before the last stop")
            || (log.contains("handling 2 updates received before the last stop")
                && log.contains("was already applied, skipped"))
    }

    /// Kills the bot with SIGKILL, as a crash or power cut would.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits (at most 20 s) for the bot to exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id() as i32;
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the bot") {
                return status;
            }
            if Instant::now() > deadline {
                self.kill9();
                panic!("the bot did not stop within 20 s of SIGTERM; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill9();
        }
        // A failing test shows what the bot logged last.
        if std::thread::panicking() {
            let log = self.log();
            let tail: Vec<&str> = log.lines().filter(|l| !l.contains(" DEBUG sled")).collect();
            eprintln!(
                "--- bot log (last lines) ---\n{}",
                tail[tail.len().saturating_sub(40)..].join("\n")
            );
        }
    }
}
