//! brook: Streamlit's execution model for native desktop apps on egui/eframe.

pub mod clock;
mod error;
pub mod render;
pub mod runtime;
mod session;
pub mod state;
pub mod tree;

pub use error::{Error, Result};
pub use session::RerunScope;

pub use eframe;
pub use egui;
pub use egui_plot;
