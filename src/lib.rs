//! brook: Streamlit's execution model for native desktop apps on egui/eframe.

pub mod cache;
pub mod clock;
mod error;
pub mod runtime;
mod session;

pub use brook_macros::{CacheHash, cache_data, cache_resource};
pub use error::{Error, Result};
pub use session::RerunScope;

pub use eframe;
pub use egui;
pub use egui_plot;

/// What the attribute macros' expansions refer to. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::cache::private::*;
}
