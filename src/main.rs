//! The `billcoach` command: Telegram when a token is set, the terminal
//! otherwise (or with `billcoach console`).

use anyhow::{bail, Context};
use billcoach::app::{self, FrontEnd};
use billcoach::config::Config;
use billcoach::content::Lang;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: the bot allocates and frees many
/// small buffers per update (JSON, sealing, HTTP), and glibc's malloc and
/// free were about a sixth of its CPU under load (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "billcoach",
    version,
    about = "Check and negotiate a US medical bill, on Telegram or in the terminal"
)]
struct Cli {
    #[command(subcommand)]
    mode: Option<Mode>,
    /// The terminal conversation's language: en or es
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
}

/// A language code (`es`) as a [`Lang`].
fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(&code.to_ascii_lowercase()).ok_or_else(|| format!("no language '{code}' (try en or es)"))
}

#[derive(Subcommand, Clone)]
enum Mode {
    /// Run on Telegram (needs TELOXIDE_TOKEN)
    Telegram,
    /// Run the conversation in this terminal
    Console,
    /// Write a consistent backup of the data folder (BILLCOACH_DB) to PATH
    ///
    /// Works while the bot runs (it writes the copy) or is stopped. The
    /// file holds the chats' keys: keep it as safe as the data folder.
    Backup {
        /// The backup file to write (`-`: stdout)
        path: std::path::PathBuf,
    },
    /// Restore a backup from PATH into the data folder (BILLCOACH_DB)
    ///
    /// The folder must be missing or empty: stop the bot, move the old
    /// folder aside, restore, start the bot.
    Restore {
        /// The backup file to read (`-`: stdin)
        path: std::path::PathBuf,
    },
    /// Copy every chat from one store into another, empty one
    ///
    /// A data folder (the embedded store) or a postgres:// URL on either
    /// side; PostgreSQL needs BILLCOACH_MASTER_KEY (or _FILE). Stop the bot
    /// first: the stores must not change meanwhile.
    MigrateStore {
        /// Where the chats are now: a data folder or postgres://…
        #[arg(long)]
        from: String,
        /// Where they go (empty): a data folder or postgres://…
        #[arg(long)]
        to: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match start().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            // `{:#}` keeps anyhow's context and its cause on one line.
            eprintln!("billcoach: {problem:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the settings, picks the front end and runs it; every way it can
/// fail is one line for the person starting the bot.
async fn start() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let config = Config::from_env().context("a setting in the environment (or .env) cannot be read")?;
    if let Some(Mode::Backup { path } | Mode::Restore { path }) = &cli.mode {
        start_logging("warn", config.log_json);
        let data = &config.db_path;
        if matches!(cli.mode, Some(Mode::Backup { .. })) {
            let bytes = billcoach::backup::backup(data, path)
                .await
                .with_context(|| format!("no backup of {} written", data.display()))?;
            // With `-` the backup itself went to stdout.
            eprintln!(
                "backup of {} written to {} ({bytes} bytes)",
                data.display(),
                path.display()
            );
        } else {
            billcoach::backup::restore(path, data).with_context(|| format!("{} not restored", path.display()))?;
            eprintln!("{} restored into {}", path.display(), data.display());
        }
        return Ok(());
    }
    if let Some(Mode::MigrateStore { from, to }) = &cli.mode {
        start_logging("warn", config.log_json);
        let name = |location: &str| match location.contains("://") {
            true => billcoach::store::redacted(location),
            false => location.to_string(),
        };
        if !from.contains("://")
            && !std::path::Path::new(from)
                .join(billcoach::store::chat_keys::FILE_NAME)
                .exists()
        {
            bail!("{from} holds no data folder of billcoach to copy from");
        }
        let source = app::open_store_at(from, &config).with_context(|| format!("cannot open {}", name(from)))?;
        let target = app::open_store_at(to, &config).with_context(|| format!("cannot open {}", name(to)))?;
        let copied = billcoach::store::copy_store(&source, &target)
            .with_context(|| format!("{} not copied into {}", name(from), name(to)))?;
        target.flush().await.context("the copy was not flushed")?;
        eprintln!(
            "{} chats, {} kept updates and {} group chats copied from {} to {}{}",
            copied.chats,
            copied.kept_updates,
            copied.groups_told,
            name(from),
            name(to),
            match copied.unreadable {
                0 => String::new(),
                n => format!(" ({n} unreadable records left set aside in the source)"),
            }
        );
        return Ok(());
    }
    let front_end = match (cli.mode, &config.token) {
        (Some(Mode::Console), _) | (None, None) => FrontEnd::Console { lang: cli.lang },
        (Some(Mode::Telegram), None) => {
            bail!("TELOXIDE_TOKEN is not set; get one from @BotFather (see README.md)")
        }
        (Some(Mode::Telegram), Some(_)) | (None, Some(_)) => FrontEnd::Telegram,
        (Some(Mode::Backup { .. } | Mode::Restore { .. } | Mode::MigrateStore { .. }), _) => {
            unreachable!("handled above")
        }
    };
    // The terminal conversation shares the screen with the logs: keep them
    // to warnings there unless RUST_LOG says otherwise.
    let default_level = match front_end {
        FrontEnd::Console { .. } => "warn",
        FrontEnd::Telegram => "info",
    };
    start_logging(default_level, config.log_json);
    app::run(front_end, config).await.map_err(anyhow::Error::from)
}

/// Logs to stderr, filtered by `RUST_LOG` (else `default_level`): text,
/// or one JSON object a line (`BILLCOACH_LOG_FORMAT=json`: `ts`, `level`,
/// `target`, `msg`) for a log collector. The lines are the same either
/// way, so they never hold what a user typed (RELIABILITY.md, *Privacy*).
fn start_logging(default_level: &str, json: bool) {
    let mut builder = pretty_env_logger::formatted_timed_builder();
    builder.parse_filters(&log_filter(default_level));
    if json {
        builder.format(|out, record| {
            use std::io::Write;
            let line = serde_json::json!({
                "ts": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "level": record.level().as_str(),
                "target": record.target(),
                "msg": record.args().to_string(),
            });
            writeln!(out, "{line}")
        });
    }
    builder.init();
}

/// `RUST_LOG` when set (and not empty), else the default level. The HTTP
/// client's own logs stay at warnings: at debug they would print request
/// URLs, which contain the bot token.
fn log_filter(default_level: &str) -> String {
    let chosen = std::env::var("RUST_LOG").ok().filter(|v| !v.trim().is_empty());
    // teloxide's dispatcher logs an update it cannot parse in full (the
    // user's text and name): that line is off; the update is dropped.
    format!(
        "{},reqwest=warn,hyper=warn,hyper_util=warn,teloxide::dispatching::dispatcher=off",
        chosen.as_deref().unwrap_or(default_level)
    )
}
