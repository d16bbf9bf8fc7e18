//! brook: Streamlit's execution model for native desktop apps on egui/eframe.

pub mod clock;
pub mod config;
mod error;
pub mod runtime;
mod session;

pub use config::Config;
pub use error::{Error, Result};
pub use session::RerunScope;

pub use eframe;
pub use egui;
pub use egui_plot;
