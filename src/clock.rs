//! Where "now" comes from. The core never reads the clock itself: the engine
//! asks a [`Clock`] and passes the time in, so tests can pin it.

use chrono::{DateTime, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock of the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant (for tests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A clock that starts at a given instant and runs at real speed from
/// there (`BILLCOACH_NOW`): dates are pinned, and timers (reminder
/// retries, snoozes) still move on.
#[derive(Debug, Clone, Copy)]
pub struct StartedClock {
    start: DateTime<Utc>,
    since: std::time::Instant,
}

impl StartedClock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: DateTime<Utc>) -> StartedClock {
        StartedClock {
            start,
            since: std::time::Instant::now(),
        }
    }
}

impl Clock for StartedClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}
