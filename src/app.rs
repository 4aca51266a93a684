//! Start-up: load the copy, open the store, pick the front end, and stop
//! cleanly on SIGINT or SIGTERM.

use crate::clock::{Clock, StartedClock, SystemClock};
use crate::config::Config;
use crate::content::Lang;
use crate::engine::Engine;
use crate::resources::Resources;
use crate::store::{Durability, Store};
use crate::{backup, console, telegram, StartError};
use std::sync::Arc;

/// Which front end to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Telegram,
    /// The terminal, in this language when given (`--lang es`).
    Console {
        lang: Option<Lang>,
    },
}

/// Runs the bot until it is asked to stop.
pub async fn run(front_end: FrontEnd, config: Config) -> Result<(), StartError> {
    // First: a clock set by BILLCOACH_NOW runs from the process's start,
    // so instances started together agree (reminder leases are in its time).
    let clock: Arc<dyn Clock> = match config.fixed_now {
        Some(now) => {
            log::warn!("BILLCOACH_NOW is set: the clock starts at {now}, not at the real time");
            Arc::new(StartedClock::starting_at(now))
        }
        None => Arc::new(SystemClock),
    };
    let resources = Arc::new(Resources::load(config.dialogues_dir.as_deref())?);
    let durability = match config.fsync {
        true => Durability::Fsync,
        false => Durability::Flush,
    };
    let store = match &config.database_url {
        Some(url) => open_database(&url.0, &config)?,
        None => Store::open_with(&config.db_path, durability)
            .map_err(|e| format!("cannot open the data folder {}: {e}", config.db_path.display()))?,
    };
    let engine = Engine::new(store, resources, clock);
    // `billcoach backup` asks the running bot (sled locks the folder).
    // (PostgreSQL is backed up with pg_dump: no control socket.)
    let control =
        (!engine.store().is_shared()).then(|| tokio::spawn(backup::serve(engine.clone(), config.db_path.clone())));
    let result = match front_end {
        FrontEnd::Telegram => telegram::run(engine.clone(), &config).await,
        FrontEnd::Console { lang } => console::run(engine.clone(), lang).await,
    };
    if let Some(control) = control {
        control.abort();
    }
    let _ = std::fs::remove_file(config.db_path.join(backup::CONTROL_SOCKET));
    engine.flush().await?;
    log::info!("stopped; data flushed");
    result
}

/// Opens the store at `location` for `migrate-store`: a `postgres://` URL
/// (with the master key of `config`) or a data folder (sled).
pub fn open_store_at(location: &str, config: &Config) -> Result<Store, StartError> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        return open_database(location, config);
    }
    let path = std::path::Path::new(location);
    Store::open(path).map_err(|e| format!("cannot open the data folder {}: {e}", path.display()).into())
}

/// Connects to the PostgreSQL store (`BILLCOACH_DATABASE_URL`) with the
/// master key from the environment; a database that cannot be reached
/// stops start-up with one line naming it (without its password).
fn open_database(url: &str, config: &Config) -> Result<Store, StartError> {
    let text = match (&config.master_key_file, &config.master_key) {
        (Some(file), _) => std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read BILLCOACH_MASTER_KEY_FILE {}: {e}", file.display()))?,
        (None, Some(key)) => key.0.clone(),
        (None, None) => {
            return Err(
                "BILLCOACH_DATABASE_URL needs BILLCOACH_MASTER_KEY or BILLCOACH_MASTER_KEY_FILE \
                 (64 hex digits, the same on every instance; e.g. `openssl rand -hex 32`)"
                    .into(),
            )
        }
    };
    let key = crate::store::master_key_from_hex(text.lines().next().unwrap_or_default())
        .ok_or("the master key must be 64 hex digits (32 bytes)")?;
    let store = Store::connect_with(url, key, config.reminder_lease)
        .map_err(|e| format!("cannot reach the database at {}: {e}", crate::store::redacted(url)))?;
    log::info!("store: PostgreSQL at {}", crate::store::redacted(url));
    Ok(store)
}
