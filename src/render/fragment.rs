//! Fragments: their elements are drawn in place, like a plain group with no
//! frame; only their reruns are special (the session replaces their
//! subtree), so nothing here differs from the page around them.

use super::{Cx, draw_nodes};
use crate::tree::Node;

/// A fragment's container (or its writes into an outside container).
pub(super) fn fragment(ui: &mut egui::Ui, children: &[Node], cx: &mut Cx<'_, '_>) {
    draw_nodes(ui, children, cx);
}
