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
    let resources = Arc::new(Resources::load(config.dialogues_dir.as_deref())?);
    let durability = match config.fsync {
        true => Durability::Fsync,
        false => Durability::Flush,
    };
    let store = Store::open_with(&config.db_path, durability)
        .map_err(|e| format!("cannot open the data folder {}: {e}", config.db_path.display()))?;
    let clock: Arc<dyn Clock> = match config.fixed_now {
        Some(now) => {
            log::warn!("BILLCOACH_NOW is set: the clock starts at {now}, not at the real time");
            Arc::new(StartedClock::starting_at(now))
        }
        None => Arc::new(SystemClock),
    };
    let engine = Engine::new(store, resources, clock);
    // `billcoach backup` asks the running bot (sled locks the folder).
    let control = tokio::spawn(backup::serve(engine.clone(), config.db_path.clone()));
    let result = match front_end {
        FrontEnd::Telegram => telegram::run(engine.clone(), &config).await,
        FrontEnd::Console { lang } => console::run(engine.clone(), lang).await,
    };
    control.abort();
    let _ = std::fs::remove_file(config.db_path.join(backup::CONTROL_SOCKET));
    engine.flush().await?;
    log::info!("stopped; data flushed");
    result
}
