//! Session state and its persistence across restarts.

pub mod persist;
