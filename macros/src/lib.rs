//! Procedural macros for brook (see the `brook` crate).
