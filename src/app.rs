//! Start-up: load the copy, open the store, pick the front end, and stop
//! cleanly on SIGINT or SIGTERM.

use crate::clock::{Clock, FixedClock, SystemClock};
use crate::config::Config;
use crate::content::Content;
use crate::domain::reference::Reference;
use crate::engine::Engine;
use crate::store::Store;
use crate::{console, telegram, StartError};
use std::sync::Arc;

/// Which front end to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Telegram,
    Console,
}

/// Loads the copy: the folder in `BILLCOACH_DIALOGUES`, or the built-in one.
pub fn load_content(config: &Config) -> Result<Content, StartError> {
    let content = match &config.dialogues_dir {
        Some(dir) => Content::from_dir(dir)?,
        None => Content::embedded()?,
    };
    Ok(content)
}

/// Runs the bot until it is asked to stop.
pub async fn run(front_end: FrontEnd, config: Config) -> Result<(), StartError> {
    let content = Arc::new(load_content(&config)?);
    let store = Store::open(&config.db_path)
        .map_err(|e| format!("cannot open the data folder {}: {e}", config.db_path.display()))?;
    let reference = Arc::new(Reference::embedded()?);
    let clock: Arc<dyn Clock> = match config.fixed_now {
        Some(now) => {
            log::warn!("BILLCOACH_NOW is set: dates count from {now}, not from the real clock");
            Arc::new(FixedClock(now))
        }
        None => Arc::new(SystemClock),
    };
    let engine = Engine::new(store, content, reference, clock);
    let result = match front_end {
        FrontEnd::Telegram => telegram::run(engine.clone(), &config).await,
        FrontEnd::Console => console::run(engine.clone()).await,
    };
    engine.flush().await?;
    log::info!("stopped; data flushed");
    result
}
