//! Time, injectable: nothing in brook's core reads the wall clock directly.
//!
//! The session, the caches (ttl) and fragment timers (`run_every`) ask a
//! [`Clock`]. Apps use [`SystemClock`]; tests use [`ManualClock`] and advance it,
//! so no test ever sleeps.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A source of monotonic time.
///
/// Times are [`Duration`]s since an arbitrary, fixed origin of the clock.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Time elapsed since this clock's origin.
    fn now(&self) -> Duration;

    /// The local date and time: what `date_input` and `time_input` show by
    /// default. The system's calendar for real clocks; a virtual clock
    /// counts from a fixed date, so a test of "today" is deterministic.
    #[allow(clippy::disallowed_methods)] // the calendar, for real clocks only
    fn local_datetime(&self) -> jiff::civil::DateTime {
        jiff::Zoned::now().datetime()
    }
}

/// The real, monotonic clock (`std::time::Instant`).
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    #[allow(clippy::disallowed_methods)] // the one place that reads the wall clock
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A virtual clock that only moves when told to. Clones share the same time.
///
/// ```
/// use brook::clock::{Clock, ManualClock};
/// use std::time::Duration;
/// let clock = ManualClock::new();
/// clock.advance(Duration::from_secs(2));
/// assert_eq!(clock.now(), Duration::from_secs(2));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A virtual clock at time zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let add = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(add, Ordering::SeqCst);
    }
}

/// The calendar date a [`ManualClock`] starts at: 2026-01-01 00:00.
pub const MANUAL_EPOCH: jiff::civil::DateTime = jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0);

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }

    /// [`MANUAL_EPOCH`] plus the time advanced so far.
    ///
    /// ```
    /// use brook::clock::{Clock, ManualClock};
    /// use std::time::Duration;
    /// let clock = ManualClock::new();
    /// clock.advance(Duration::from_secs(26 * 3600));
    /// assert_eq!(clock.local_datetime().to_string(), "2026-01-02T02:00:00");
    /// ```
    fn local_datetime(&self) -> jiff::civil::DateTime {
        let elapsed =
            jiff::SignedDuration::try_from(self.now()).unwrap_or(jiff::SignedDuration::MAX);
        MANUAL_EPOCH
            .checked_add(elapsed)
            .unwrap_or(jiff::civil::DateTime::MAX)
    }
}

/// A shared clock handle.
pub type SharedClock = Arc<dyn Clock>;

/// The process's default clock: one [`SystemClock`] shared by everything that
/// runs outside a session (e.g. a cache used from a plain thread).
pub fn system() -> SharedClock {
    static SYSTEM: std::sync::OnceLock<SharedClock> = std::sync::OnceLock::new();
    SYSTEM.get_or_init(|| Arc::new(SystemClock::new())).clone()
}
