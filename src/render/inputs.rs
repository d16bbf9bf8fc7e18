//! Presentation state of files, downloads, chat input and images: what the
//! renderer waits for and shows between frames. Holds no user data beyond
//! a chat message being typed.

use std::collections::HashMap;
use std::sync::Arc;

use super::dialogs::{Dialogs, NativeDialogs, Pending, Picked, Saved};
use crate::tree::{FilesSpec, WidgetId};

/// Where an uploader was drawn this frame (files dropped onto the window go
/// to the one under the pointer, else to the first).
#[derive(Debug, Clone)]
pub(crate) struct DropTarget {
    pub(crate) id: WidgetId,
    pub(crate) rect: egui::Rect,
    pub(crate) spec: FilesSpec,
}

/// What [`RenderState`](super::RenderState) keeps for the widgets of issue 14.
pub(crate) struct InputsState {
    pub(crate) dialogs: Arc<dyn Dialogs>,
    /// Files being picked or read, per uploader.
    pub(crate) picking: HashMap<WidgetId, Pending<Picked>>,
    /// Why files were refused, per uploader (shown until the next pick).
    pub(crate) file_errors: HashMap<WidgetId, Vec<String>>,
    /// Downloads being saved, per button.
    pub(crate) saving: HashMap<WidgetId, Pending<Saved>>,
    /// What the last save came to, per button.
    pub(crate) saved: HashMap<WidgetId, Result<String, String>>,
    /// The message being typed, per chat input.
    pub(crate) chat: HashMap<WidgetId, String>,
    /// Passwords shown in clear, per text input.
    pub(crate) shown_passwords: std::collections::HashSet<WidgetId>,
    /// Textures of decoded-pixel images, by uri.
    pub(crate) textures: HashMap<String, egui::TextureHandle>,
    /// egui_extras' image loaders are installed in the context.
    pub(crate) loaders: bool,
    /// The uri of the window icon last set from `st.logo`.
    pub(crate) icon: Option<String>,
    /// Uploaders drawn this frame.
    pub(crate) drop_targets: Vec<DropTarget>,
}

impl Default for InputsState {
    fn default() -> Self {
        Self::new(Arc::new(NativeDialogs))
    }
}

impl InputsState {
    pub(crate) fn new(dialogs: Arc<dyn Dialogs>) -> Self {
        Self {
            dialogs,
            picking: HashMap::new(),
            file_errors: HashMap::new(),
            saving: HashMap::new(),
            saved: HashMap::new(),
            chat: HashMap::new(),
            shown_passwords: std::collections::HashSet::new(),
            textures: HashMap::new(),
            loaders: false,
            icon: None,
            drop_targets: Vec::new(),
        }
    }
}
