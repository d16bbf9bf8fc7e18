//! Progress and status elements: progress bars, spinners, status blocks and
//! toasts (the twin of `st/status.rs`).
//!
//! The only time-based presentation here: a spinner appears after half a
//! second (EX-14) and may count seconds, a running status block turns, and
//! toasts leave after their duration. Each asks for the next frame only when
//! it is due (`request_repaint_after`), never continuously.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use egui::{Color32, Frame, Margin, Stroke};

use super::Cx;
use super::layout::{Header, HeaderIcon, collapsible};
use crate::tree::{Node, NodeId, StatusState};

/// How long a block must run before its spinner shows (EX-14).
pub const SPINNER_DELAY: Duration = Duration::from_millis(500);

/// How often a spinner or a running status block moves.
const TURN: Duration = Duration::from_millis(200);

/// What the status elements remember between frames.
#[derive(Debug, Default)]
pub(super) struct StatusCache {
    /// When each spinner was first drawn (egui time), and the last pass
    /// that drew it.
    spinners: HashMap<NodeId, (f64, u64)>,
    /// Toasts on screen, oldest first.
    toasts: Vec<ToastOnScreen>,
    /// Every toast id ever shown (a toast shows once, even if republished).
    seen: HashSet<u64>,
}

#[derive(Debug, Clone)]
struct ToastOnScreen {
    id: u64,
    body: String,
    icon: Option<String>,
    /// egui time at which it leaves; `None`: when dismissed.
    until: Option<f64>,
}

/// The accent used by bars and the running spinner: the theme's primary
/// colour (not the selection fill, which is a pale tint of it).
fn accent(ui: &egui::Ui) -> Color32 {
    super::theme::Colors::of(ui).primary
}

/// `st.progress`: an optional text above a thin bar.
pub(super) fn progress(ui: &mut egui::Ui, value: f32, text: Option<&str>) {
    if let Some(text) = text {
        ui.label(text);
    }
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 8.0), egui::Sense::hover());
    let percent = (value * 100.0).round();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ProgressIndicator,
            true,
            text.map_or_else(|| format!("{percent}%"), |t| format!("{t} {percent}%")),
        )
    });
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let track = super::theme::Colors::of(ui).track;
        painter.rect_filled(rect, 4.0, track);
        let mut done = rect;
        done.set_width(rect.width() * value.clamp(0.0, 1.0));
        painter.rect_filled(done, 4.0, accent(ui));
    }
    ui.add_space(4.0);
}

/// A turning arc the size of a line of text; asks for the next turn.
fn arc(ui: &mut egui::Ui, color: Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        paint_arc(ui.painter(), rect, color);
    }
}

/// Paints the turning arc in `rect` at the current time, and asks for the
/// next turn.
fn paint_arc(painter: &egui::Painter, rect: egui::Rect, color: Color32) {
    let time = painter.ctx().input(|i| i.time);
    let start = (time / TURN.as_secs_f64()).floor() * 0.6;
    let radius = rect.height() / 2.0 - 1.5;
    let points: Vec<egui::Pos2> = (0..=12)
        .map(|i| {
            let angle = start + f64::from(i) / 12.0 * std::f64::consts::PI * 1.5;
            #[allow(clippy::cast_possible_truncation)]
            let (s, c) = (angle.sin() as f32, angle.cos() as f32);
            rect.center() + radius * egui::vec2(c, s)
        })
        .collect();
    painter.add(egui::Shape::line(points, Stroke::new(2.0, color)));
    painter.ctx().request_repaint_after(TURN);
}

/// `st.spinner`: nothing for the first half second, then a turning arc, the
/// text and (with `show_time`) the seconds since it appeared.
pub(super) fn spinner(
    ui: &mut egui::Ui,
    id: &NodeId,
    text: &str,
    show_time: bool,
    cx: &mut Cx<'_, '_>,
) {
    let now = ui.input(|i| i.time);
    let pass = ui.ctx().cumulative_pass_nr();
    let first = cx
        .state
        .status
        .spinners
        .entry(id.clone())
        .or_insert((now, pass));
    first.1 = pass;
    let elapsed = now - first.0;
    let delay = SPINNER_DELAY.as_secs_f64();
    if elapsed < delay {
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(delay - elapsed));
        return;
    }
    ui.horizontal(|ui| {
        arc(ui, accent(ui));
        let label = if show_time {
            format!("{text} ({elapsed:.1} seconds)")
        } else {
            text.to_owned()
        };
        ui.label(label);
    });
}

/// Paints a check mark (complete) or a cross (error) in `rect`: the default
/// fonts carry neither glyph.
fn paint_mark(painter: &egui::Painter, rect: egui::Rect, state: StatusState, color: Color32) {
    let r = rect.shrink(rect.height() * 0.2);
    let stroke = Stroke::new(2.0, color);
    if state == StatusState::Error {
        painter.line_segment([r.left_top(), r.right_bottom()], stroke);
        painter.line_segment([r.right_top(), r.left_bottom()], stroke);
    } else {
        let knee = egui::pos2(r.left() + r.width() * 0.38, r.bottom());
        painter.line_segment([egui::pos2(r.left(), r.center().y), knee], stroke);
        painter.line_segment([knee, r.right_top()], stroke);
    }
}

/// `st.status`: an expander whose header shows its state (a turning arc
/// while running, a check when complete, a cross on error) before its label.
pub(super) fn status(
    ui: &mut egui::Ui,
    id: &NodeId,
    label: &str,
    state: StatusState,
    expanded: bool,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let dark = ui.visuals().dark_mode;
    let color = match state {
        StatusState::Running => accent(ui),
        StatusState::Complete if dark => Color32::from_rgb(0x5c, 0xe4, 0x88),
        StatusState::Complete => Color32::from_rgb(0x17, 0x72, 0x33),
        StatusState::Error if dark => Color32::from_rgb(0xff, 0x6c, 0x6c),
        StatusState::Error => Color32::from_rgb(0xbd, 0x24, 0x24),
    };
    let paint = move |painter: &egui::Painter, rect: egui::Rect| match state {
        StatusState::Running => paint_arc(painter, rect, color),
        done => paint_mark(painter, rect, done, color),
    };
    let name = match state {
        StatusState::Running => "Running",
        StatusState::Complete => "Complete",
        StatusState::Error => "Error",
    };
    let header = Header {
        state: ("brook_status", id),
        label,
        expanded,
        icon: HeaderIcon::Painted {
            paint: &paint,
            name,
        },
    };
    collapsible(ui, header, children, cx);
}

/// `st.toast`: remembered the first time it is drawn; shown by [`toasts`].
pub(super) fn toast(
    ui: &egui::Ui,
    id: u64,
    body: &str,
    icon: Option<&str>,
    seconds: Option<f32>,
    cx: &mut Cx<'_, '_>,
) {
    let cache = &mut cx.state.status;
    if !cache.seen.insert(id) {
        return;
    }
    let now = ui.input(|i| i.time);
    cache.toasts.push(ToastOnScreen {
        id,
        body: body.to_owned(),
        icon: icon.map(str::to_owned),
        until: seconds.map(|s| now + f64::from(s)),
    });
}

/// Draws the toasts on screen in the bottom-right corner, newest at the
/// bottom, each with a close button; drops those whose time is up and asks
/// for a frame when the next one leaves.
pub(super) fn toasts(ctx: &egui::Context, cache: &mut StatusCache) {
    let now = ctx.input(|i| i.time);
    cache.toasts.retain(|t| t.until.is_none_or(|u| u > now));
    // Spinners not drawn in the last pass are gone: forget when they began.
    let pass = ctx.cumulative_pass_nr();
    cache.spinners.retain(|_, (_, drawn)| *drawn + 1 >= pass);
    if cache.toasts.is_empty() {
        return;
    }
    let mut dismissed = Vec::new();
    egui::Area::new(egui::Id::unique("brook_toasts"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(320.0);
            for t in &cache.toasts {
                Frame::popup(ui.style())
                    .inner_margin(Margin::symmetric(12, 10))
                    .show(ui, |ui| {
                        ui.set_width(296.0);
                        ui.horizontal_top(|ui| {
                            if let Some(icon) = &t.icon {
                                ui.label(icon);
                            }
                            ui.add(egui::Label::new(&t.body).wrap());
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                                    dismissed.push(t.id);
                                }
                            });
                        });
                    });
                ui.add_space(6.0);
            }
        });
    cache.toasts.retain(|t| !dismissed.contains(&t.id));
    if let Some(next) = cache
        .toasts
        .iter()
        .filter_map(|t| t.until)
        .min_by(f64::total_cmp)
    {
        ctx.request_repaint_after(Duration::from_secs_f64((next - now).max(0.0)));
    }
}
