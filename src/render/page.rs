//! The page around the elements: the content column (centred, at most
//! [`CENTERED_MAX_WIDTH`] wide, or wide), the collapsible sidebar, page
//! navigation (in the sidebar or the top bar) and page links.

use std::borrow::Cow;

use egui::{Color32, CornerRadius, Frame, Margin, Sense, Stroke, vec2};

use super::theme::{Colors, mix};
use super::{Cx, draw_nodes};
use crate::tree::{
    CENTERED_MAX_WIDTH, Event, NavPage, NavPosition, Navigation, PageLayout, SidebarState,
};

/// Width of the sidebar when it first opens (Streamlit's 18.75rem).
const SIDEBAR_WIDTH: f32 = 300.0;

/// Horizontal padding of the content column (Streamlit's 1rem), and of a
/// wide page on each side.
const PADDING: f32 = 16.0;
const WIDE_PADDING: f32 = 48.0;

/// Space above the first element and below the last.
const TOP_PADDING: f32 = 40.0;
const BOTTOM_PADDING: f32 = 48.0;

/// Height of a page in the top navigation and of the sidebar's rows.
const NAV_HEIGHT: f32 = 32.0;

/// Below this window width an `Auto` sidebar starts closed.
const AUTO_SIDEBAR_MIN_WIDTH: f32 = 600.0;

/// The navigation to draw: the run's, or (for a tree built by hand) one
/// made from the view's page names.
pub(super) fn navigation<'a>(cx: &Cx<'a, '_>) -> Option<Cow<'a, Navigation>> {
    if let Some(nav) = &cx.view.tree.nav {
        return (nav.pages.len() >= 2).then_some(Cow::Borrowed(nav));
    }
    (cx.view.pages.len() >= 2).then(|| {
        Cow::Owned(Navigation {
            pages: cx
                .view
                .pages
                .iter()
                .map(|title| NavPage {
                    title: title.clone(),
                    icon: None,
                    section: None,
                    url_path: title.clone(),
                })
                .collect(),
            current: cx.view.page,
            position: NavPosition::Sidebar,
        })
    })
}

fn sidebar_open_id() -> egui::Id {
    egui::Id::unique("brook_sidebar_open")
}

/// Whether the sidebar is open: the user's last choice (kept across
/// restarts), else the page's `initial_sidebar_state`.
fn sidebar_open(ui: &egui::Ui, initial: SidebarState) -> bool {
    let remembered: Option<bool> = ui.data_mut(|d| d.get_persisted(sidebar_open_id()));
    remembered.unwrap_or(match initial {
        SidebarState::Expanded => true,
        SidebarState::Collapsed => false,
        SidebarState::Auto => ui.ctx().content_rect().width() >= AUTO_SIDEBAR_MIN_WIDTH,
    })
}

/// Draws the top navigation, when the run asked for it there.
pub(super) fn top_navigation(ui: &mut egui::Ui, cx: &mut Cx<'_, '_>) {
    let Some(nav) = navigation(cx) else { return };
    if nav.position != NavPosition::Top {
        return;
    }
    let colors = Colors::of(ui);
    egui::Panel::top("brook_nav_top")
        .frame(
            Frame::side_top_panel(ui.style())
                .fill(ui.visuals().panel_fill)
                .inner_margin(Margin::symmetric(16, 6)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                ui.spacing_mut().interact_size.y = NAV_HEIGHT;
                let mut section: Option<&str> = None;
                for (i, page) in nav.pages.iter().enumerate() {
                    match page.section.as_deref() {
                        // Pages of a section share one menu, at the first one.
                        Some(s) if section == Some(s) => continue,
                        Some(s) => {
                            section = Some(s);
                            let current =
                                nav.current_page().and_then(|p| p.section.as_deref()) == Some(s);
                            let fill = if current {
                                highlight(ui)
                            } else {
                                Color32::TRANSPARENT
                            };
                            let button = super::layout::menu_button(ui, s, Some(fill));
                            egui::Popup::menu(&button).width(220.0).show(|ui| {
                                ui.set_max_width(220.0);
                                for (j, p) in nav.pages.iter().enumerate() {
                                    if p.section.as_deref() == Some(s)
                                        && nav_row(ui, &colors, p, j == nav.current).clicked()
                                        && j != nav.current
                                    {
                                        cx.events.push(Event::SwitchPage(j));
                                    }
                                }
                            });
                        }
                        None => {
                            section = None;
                            let current = i == nav.current;
                            let r =
                                nav_button(ui, &colors, page.icon.as_deref(), &page.title, current);
                            if r.clicked() && !current {
                                cx.events.push(Event::SwitchPage(i));
                            }
                        }
                    }
                }
            });
        });
}

/// A page (or section) in the top navigation: a pill, filled when current.
fn nav_button(
    ui: &mut egui::Ui,
    colors: &Colors,
    icon: Option<&str>,
    title: &str,
    current: bool,
) -> egui::Response {
    let text = match icon {
        Some(icon) => format!("{icon}  {title}"),
        None => title.to_owned(),
    };
    let fill = if current {
        highlight(ui)
    } else {
        Color32::TRANSPARENT
    };
    let text = egui::RichText::new(text).text_style(egui::TextStyle::Button);
    let button = egui::Button::new(text.color(if current {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    }))
    .fill(fill)
    .stroke(Stroke::NONE)
    .selected(current);
    let _ = colors;
    ui.add(button)
}

/// The background of the current page in navigation lists.
fn highlight(ui: &egui::Ui) -> Color32 {
    let v = ui.visuals();
    mix(v.text_color(), v.faint_bg_color, 0.1)
}

/// One page in a list (sidebar, section menu): icon and title on a
/// full-width row, highlighted when current.
fn nav_row(ui: &mut egui::Ui, colors: &Colors, page: &NavPage, current: bool) -> egui::Response {
    let height = NAV_HEIGHT;
    let width = ui.available_width().max(160.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Link, true, current, &page.title));
    if ui.is_rect_visible(rect) {
        let fill = if current {
            highlight(ui)
        } else if response.hovered() {
            mix(ui.visuals().text_color(), ui.visuals().faint_bg_color, 0.05)
        } else {
            Color32::TRANSPARENT
        };
        ui.painter().rect_filled(rect, CornerRadius::same(8), fill);
        let text = match &page.icon {
            Some(icon) => format!("{icon}  {}", page.title),
            None => page.title.clone(),
        };
        let size = ui.style().text_styles[&egui::TextStyle::Button].size;
        let font = if current {
            super::theme::font(ui, super::theme::SEMIBOLD, size)
        } else {
            egui::FontId::proportional(size)
        };
        let color = if current {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        };
        let galley = ui.painter().layout_no_wrap(text, font, color);
        let pos = egui::pos2(rect.left() + 8.0, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(pos, galley, color);
    }
    let _ = colors;
    response
}

/// The page list at the top of the sidebar; choosing another page sends
/// [`Event::SwitchPage`].
fn sidebar_navigation(ui: &mut egui::Ui, cx: &mut Cx<'_, '_>) {
    let Some(nav) = navigation(cx) else { return };
    if nav.position != NavPosition::Sidebar {
        return;
    }
    let colors = Colors::of(ui);
    let mut section: Option<&str> = None;
    ui.spacing_mut().item_spacing.y = 2.0;
    for (i, page) in nav.pages.iter().enumerate() {
        if page.section.is_some() && page.section.as_deref() != section {
            section = page.section.as_deref();
            ui.add_space(8.0);
            ui.label(
                egui::RichText::new(section.unwrap_or_default())
                    .small()
                    .color(colors.muted),
            );
        }
        let current = i == nav.current;
        if nav_row(ui, &colors, page, current).clicked() && !current {
            cx.events.push(Event::SwitchPage(i));
        }
    }
    ui.spacing_mut().item_spacing.y = 4.0;
    ui.add_space(8.0);
    ui.separator();
    ui.add_space(8.0);
}

/// True when the window shows a sidebar: the page drew into it or the
/// navigation is there.
pub(super) fn has_sidebar(cx: &Cx<'_, '_>) -> bool {
    !cx.view.tree.sidebar.is_empty()
        || navigation(cx).is_some_and(|n| n.position == NavPosition::Sidebar)
}

/// The sidebar: navigation, then the page's sidebar elements, in a panel
/// the user can close ("«") and open again ("»" at the top left of the
/// page). Returns whether it is open.
pub(super) fn sidebar(ui: &mut egui::Ui, cx: &mut Cx<'_, '_>) -> bool {
    if !has_sidebar(cx) {
        return false;
    }
    let mut open = sidebar_open(ui, cx.view.tree.page.sidebar);
    let was_open = open;
    let fill = ui.visuals().faint_bg_color;
    egui::Panel::left("brook_sidebar")
        .resizable(true)
        .default_size(SIDEBAR_WIDTH)
        .frame(
            Frame::side_top_panel(ui.style())
                .fill(fill)
                .inner_margin(Margin::same(0)),
        )
        .show_collapsible(ui, &mut open, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("brook_sidebar_scroll")
                .auto_shrink(false)
                .show(ui, |ui| {
                    Frame::new()
                        .inner_margin(Margin {
                            left: 24,
                            right: 24,
                            top: 8,
                            bottom: 24,
                        })
                        .show(ui, |ui| {
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                if chevron_button(ui, "Close sidebar", true).clicked() {
                                    ui.data_mut(|d| d.insert_persisted(sidebar_open_id(), false));
                                }
                            });
                            sidebar_navigation(ui, cx);
                            draw_nodes(ui, &cx.view.tree.sidebar, cx);
                        });
                });
        });
    if open != was_open {
        // Dragged shut (or open) by its edge.
        ui.data_mut(|d| d.insert_persisted(sidebar_open_id(), open));
    }
    open
}

/// A small borderless button with a double chevron, « (close) or » (open).
fn chevron_button(ui: &mut egui::Ui, name: &str, close: bool) -> egui::Response {
    let size = vec2(28.0, 28.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    if ui.is_rect_visible(rect) {
        if response.hovered() {
            ui.painter()
                .rect_filled(rect, CornerRadius::same(6), highlight(ui));
        }
        let color = ui.visuals().text_color();
        let dir = if close { -1.0 } else { 1.0 };
        for dx in [-3.0, 3.0] {
            let c = rect.center() + vec2(dx, 0.0);
            let points = vec![
                c + vec2(-2.5 * dir, -5.0),
                c + vec2(2.5 * dir, 0.0),
                c + vec2(-2.5 * dir, 5.0),
            ];
            ui.painter()
                .add(egui::Shape::line(points, Stroke::new(1.5, color)));
        }
    }
    response.on_hover_text(name)
}

/// The main area: the content column, centred at most
/// [`CENTERED_MAX_WIDTH`] wide (or wide), scrolling vertically.
pub(super) fn main_area(ui: &mut egui::Ui, sidebar_open: bool, cx: &mut Cx<'_, '_>) {
    let layout = cx.view.tree.page.layout;
    let fill = ui.visuals().panel_fill;
    egui::CentralPanel::default()
        .frame(Frame::new().fill(fill))
        .show(ui, |ui| {
            if has_sidebar(cx) && !sidebar_open {
                egui::Area::new(egui::Id::unique("brook_sidebar_opener"))
                    .fixed_pos(ui.max_rect().min + vec2(8.0, 8.0))
                    .show(ui.ctx(), |ui| {
                        if chevron_button(ui, "Open sidebar", false).clicked() {
                            ui.data_mut(|d| d.insert_persisted(sidebar_open_id(), true));
                        }
                    });
            }
            egui::ScrollArea::vertical()
                .id_salt("brook_main_scroll")
                .auto_shrink(false)
                .show(ui, |ui| {
                    let available = ui.available_width();
                    let (width, left) = content_column(available, layout);
                    ui.add_space(TOP_PADDING);
                    ui.horizontal_top(|ui| {
                        ui.add_space(left);
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            draw_nodes(ui, &cx.view.tree.main, cx);
                        });
                    });
                    ui.add_space(BOTTOM_PADDING);
                });
        });
}

/// The content column's width and left offset in a main area
/// `available` points wide.
///
/// Centred: at most [`CENTERED_MAX_WIDTH`] including its padding, in the
/// middle; wide: the whole width less [`WIDE_PADDING`] on each side (less
/// on a narrow window).
fn content_column(available: f32, layout: PageLayout) -> (f32, f32) {
    match layout {
        PageLayout::Centered => {
            let width = (available.min(CENTERED_MAX_WIDTH) - 2.0 * PADDING).max(0.0);
            (width, ((available - width) / 2.0).max(0.0))
        }
        PageLayout::Wide => {
            let pad = if available > 720.0 {
                WIDE_PADDING
            } else {
                PADDING
            };
            ((available - 2.0 * pad).max(0.0), pad)
        }
    }
}

/// `st.page_link`: icon and label; a click switches to the page.
pub(super) fn page_link(
    ui: &mut egui::Ui,
    label: &str,
    icon: Option<&str>,
    page: &str,
    disabled: bool,
    cx: &mut Cx<'_, '_>,
) {
    let colors = Colors::of(ui);
    let target = cx.view.tree.nav.as_ref().and_then(|n| {
        n.pages
            .iter()
            .position(|p| p.url_path == page)
            .map(|i| (i, i == n.current))
    });
    let nav_page = NavPage {
        title: label.to_owned(),
        icon: icon.map(str::to_owned),
        section: None,
        url_path: page.to_owned(),
    };
    let current = target.is_some_and(|(_, current)| current);
    let response = ui
        .add_enabled_ui(!disabled, |ui| nav_row(ui, &colors, &nav_page, current))
        .inner;
    if response.clicked()
        && !disabled
        && let Some((i, false)) = target
    {
        cx.events.push(Event::SwitchPage(i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centred_page_is_at_most_736_points_wide_and_in_the_middle() {
        let (width, left) = content_column(1200.0, PageLayout::Centered);
        assert_eq!(width, CENTERED_MAX_WIDTH - 2.0 * PADDING);
        assert_eq!(left, (1200.0 - width) / 2.0);
        // Narrower than that: the window less the padding.
        assert_eq!(content_column(500.0, PageLayout::Centered), (468.0, 16.0));
    }

    #[test]
    fn a_wide_page_fills_the_window_less_its_padding() {
        assert_eq!(content_column(1200.0, PageLayout::Wide), (1104.0, 48.0));
        assert_eq!(content_column(600.0, PageLayout::Wide), (568.0, 16.0));
    }
}
