//! How often a run in progress may publish its partial tree: at most once
//! per drawn frame ([`Live::ready`](super::Live::ready)), and, so that
//! showing a large page while it runs never makes the run much slower, no
//! more than a tenth of the run's time spent publishing.
//!
//! A partial tree is a copy of what the run wrote plus the previous run's
//! rest (stale). On a page of 10,000 elements that copy takes milliseconds:
//! published at every drawn frame it made a 10 ms run take over 100 ms. So
//! each publication is timed, and the next one waits until the run has
//! spent nine times as long working: the first of a run waits nine times
//! the last publication's cost after the run's first checkpoint. A small
//! page (a publication of a few µs) still publishes at its first
//! checkpoint; a 10,000-element page publishes only when its run is long
//! enough for the user to see it running. Spinners and status blocks
//! publish at once regardless (`St::publish_live_now`).

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use crate::clock::Clock;

/// Publication time may be at most 1 / (1 + `WORK_PER_PUBLICATION`) of a run.
const WORK_PER_PUBLICATION: u64 = 9;

/// Partial trees with fewer nodes than this are not paced: copying them
/// costs microseconds, and tests (and small pages) see every publication at
/// the first checkpoint after a drawn frame, whatever the machine's load.
const SMALL: usize = 512;

/// Checkpoints between two looks at the clock while a publication is owed
/// but not due yet (a clock read costs about as much as a checkpoint).
const CLOCK_EVERY: u32 = 16;

/// The pacing state of one [`Live`](super::Live) sink. Written by the
/// script thread only; atomics so that `Live` stays `Sync`.
#[derive(Debug, Default)]
pub(crate) struct Pace {
    /// The run (its generation) the state below belongs to.
    run: AtomicU64,
    /// No publication before this time (nanoseconds of the session clock).
    not_before: AtomicU64,
    /// What the last publication cost (nanoseconds).
    cost: AtomicU64,
    /// Checkpoints left before the clock is read again.
    skip: AtomicU32,
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl Pace {
    /// True when run `run` may publish now. The first call of a new run
    /// starts its clock.
    pub(crate) fn due(&self, clock: &dyn Clock, run: u64) -> bool {
        if self.run.load(Ordering::Relaxed) != run {
            self.run.store(run, Ordering::Relaxed);
            let now = nanos(clock.now());
            let wait = self.cost.load(Ordering::Relaxed) * WORK_PER_PUBLICATION;
            self.not_before
                .store(now.saturating_add(wait), Ordering::Relaxed);
            self.skip.store(0, Ordering::Relaxed);
            return wait == 0;
        }
        let skip = self.skip.load(Ordering::Relaxed);
        if skip > 0 {
            self.skip.store(skip - 1, Ordering::Relaxed);
            return false;
        }
        if nanos(clock.now()) >= self.not_before.load(Ordering::Relaxed) {
            return true;
        }
        self.skip.store(CLOCK_EVERY - 1, Ordering::Relaxed);
        false
    }

    /// Records a publication of `nodes` nodes that ran from `start` to
    /// `end`: the next one waits nine times as long (not at all for a small
    /// tree).
    pub(crate) fn published(&self, nodes: usize, start: Duration, end: Duration) {
        let cost = if nodes < SMALL {
            0
        } else {
            nanos(end.saturating_sub(start))
        };
        self.cost.store(cost, Ordering::Relaxed);
        self.not_before.store(
            nanos(end).saturating_add(cost * WORK_PER_PUBLICATION),
            Ordering::Relaxed,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_cheap_publication_is_due_at_once() {
        let clock = ManualClock::new();
        let pace = Pace::default();
        assert!(pace.due(&clock, 1), "nothing published yet: no cost known");
        pace.published(SMALL, ms(0), ms(0));
        assert!(pace.due(&clock, 1));
        assert!(pace.due(&clock, 2), "the next run too");
    }

    #[test]
    fn a_small_tree_is_never_paced_however_long_it_took() {
        let clock = ManualClock::new();
        let pace = Pace::default();
        pace.published(SMALL - 1, ms(0), ms(50));
        assert!(pace.due(&clock, 1));
        assert!(pace.due(&clock, 2));
    }

    #[test]
    fn an_expensive_publication_waits_nine_times_its_cost() {
        let clock = ManualClock::new();
        let pace = Pace::default();
        assert!(pace.due(&clock, 1));
        clock.advance(ms(3));
        pace.published(SMALL, ms(0), ms(3));
        clock.advance(ms(26));
        // Not due: the next look at the clock comes after `CLOCK_EVERY`
        // checkpoints.
        assert!(!pace.due(&clock, 1));
        for _ in 0..CLOCK_EVERY - 1 {
            assert!(!pace.due(&clock, 1));
        }
        clock.advance(ms(1));
        assert!(
            pace.due(&clock, 1),
            "27 ms of work after 3 ms of publishing"
        );
    }

    #[test]
    fn a_new_run_waits_for_the_last_cost_before_its_first_publication() {
        let clock = ManualClock::new();
        let pace = Pace::default();
        pace.published(SMALL, ms(0), ms(2));
        clock.advance(ms(100));
        assert!(!pace.due(&clock, 7), "a run of a large page starts quiet");
        clock.advance(ms(18));
        for _ in 0..CLOCK_EVERY {
            if pace.due(&clock, 7) {
                return;
            }
        }
        panic!("due 18 ms into the run");
    }
}
