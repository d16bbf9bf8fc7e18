//! Control flow that leaves a page early: interruption, `st.rerun()`,
//! `st.stop()` and raised API errors travel as private unwind payloads
//! (`std::panic::resume_unwind`, which does not run the panic hook) and are
//! caught by the session. This is why brook needs `panic = "unwind"`.

use crate::error::Error;

/// Which part of the app a `st.rerun()` asks to run again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RerunScope {
    /// The whole page (`st.rerun()`, EX-6).
    App,
    /// Only the fragment that is running (`scope="fragment"`, FR-4).
    Fragment,
    /// The fragments with these keys, from a widget callback (EX-7, EX-8).
    Keys(Vec<String>),
}

/// The private payloads. A user's own panic has some other payload type.
#[derive(Debug)]
pub(crate) enum Unwind {
    /// A newer event arrived (EX-11).
    Interrupt,
    /// `st.rerun()` (EX-6, EX-7).
    Rerun(RerunScope),
    /// `st.stop()` (EX-9).
    Stop,
    /// An `St` call failed: shown as an exception element (EX-10), with the
    /// user's line that made the call.
    Raise(Box<Error>, &'static std::panic::Location<'static>),
}

/// Unwinds the current run because a newer event interrupted it.
pub(crate) fn raise_interrupt() -> ! {
    std::panic::resume_unwind(Box::new(Unwind::Interrupt))
}

/// Stops the current run with `err`, shown as an exception element at the
/// caller's location (every raising `St` call is `#[track_caller]`).
#[track_caller]
pub(crate) fn raise(err: Error) -> ! {
    let at = std::panic::Location::caller();
    std::panic::resume_unwind(Box::new(Unwind::Raise(Box::new(err), at)))
}

/// Unwinds for `st.rerun()`.
pub(crate) fn raise_rerun(scope: RerunScope) -> ! {
    std::panic::resume_unwind(Box::new(Unwind::Rerun(scope)))
}

/// Unwinds for `st.stop()`.
pub(crate) fn raise_stop() -> ! {
    std::panic::resume_unwind(Box::new(Unwind::Stop))
}
