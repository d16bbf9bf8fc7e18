//! The sans-IO core: one session's state, its runs and their outcome.

mod unwind;

pub use unwind::RerunScope;
pub(crate) use unwind::{Unwind, raise, raise_interrupt, raise_rerun, raise_stop};
