//! [`TestBot`]: the set-up every end-to-end test starts with, written once.

use super::bot_process::BotProcess;
use super::fake_bot_api::FakeBotApi;
use tempfile::TempDir;

/// A fake Bot API server, a fresh data folder and the real bot running
/// against both. Tests usually take it apart,
/// `let TestBot { api, bot, dir } = TestBot::start().await;`, so the bot
/// (dropped first, killed) goes before its folder is deleted.
pub struct TestBot {
    pub api: FakeBotApi,
    pub bot: BotProcess,
    pub dir: TempDir,
}

impl TestBot {
    /// Starts the three with the default settings of [`BotProcess::spawn`].
    pub async fn start() -> TestBot {
        TestBot::start_with_env(&[]).await
    }

    /// Like [`TestBot::start`], with more environment variables for the
    /// bot (see [`BotProcess::spawn_with_env`]).
    pub async fn start_with_env(extra_env: &[(&str, &str)]) -> TestBot {
        let api = FakeBotApi::start().await;
        let dir = tempfile::tempdir().expect("a temporary data folder");
        let bot = BotProcess::spawn_with_env(&api.url, dir.path(), extra_env);
        TestBot { api, bot, dir }
    }
}
