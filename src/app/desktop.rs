//! The eframe app: the chrome (title bar, running indicator, menu, notices)
//! around the rendered page.

use std::sync::Arc;
use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use super::Screenshot;
use crate::render::{self, RenderState, STALE_DELAY, View};
use crate::runner::{Published, Runner};
use crate::tree::Event;

/// What the window talks to: the runner on its script thread, or (in tests)
/// a session run inline.
pub(crate) trait Backend {
    /// Queues events; never blocks.
    fn send(&mut self, events: Vec<Event>);
    /// Holds events for the next run without starting one.
    fn defer(&mut self, events: Vec<Event>);
    /// The newest published state.
    fn published(&self) -> Arc<Published>;
    /// Clears the session state and what was saved of it.
    fn reset_session(&mut self);
    /// The window drew a frame: a run in progress may publish again.
    fn frame_drawn(&mut self) {}
    /// Dev mode: once per frame (also while the window is covered), the
    /// hand-over to a new build.
    fn dev_frame(&mut self, _ctx: &egui::Context) {}
    /// Dev mode: what the window shows of the builds (`None`: not in dev mode).
    fn dev_view(&self) -> Option<crate::dev::DevView> {
        None
    }
}

impl Backend for Runner {
    fn send(&mut self, events: Vec<Event>) {
        Runner::send(self, events);
    }

    fn defer(&mut self, events: Vec<Event>) {
        Runner::defer(self, events);
    }

    fn published(&self) -> Arc<Published> {
        Runner::published(self)
    }

    fn reset_session(&mut self) {
        Runner::reset_session(self);
    }

    fn frame_drawn(&mut self) {
        Runner::frame_drawn(self);
    }
}

/// Clears every cache, both kinds, disk too (menu "Clear caches", key C):
/// the app's single call site of the cache module.
fn clear_caches() {
    crate::cache::clear_all();
}

/// The eframe app: chrome around the rendered page.
pub(crate) struct DesktopApp<B: Backend> {
    pub(crate) backend: B,
    title: String,
    render: RenderState,
    /// The run in flight: when it started (by the session clock) and when
    /// this window first saw it (egui time, seconds).
    running_since: Option<(Option<Duration>, f64)>,
    about_open: bool,
    dismissed_notices: usize,
    screenshot: Option<Screenshot>,
    frame_log: Option<super::frame_log::FrameLog>,
    /// The page, tabs, expanders and sidebar survive restarts (`app::nav`).
    remember: bool,
    /// The window title last sent (a page may set its own).
    window_title: Option<String>,
    /// "Reset session" was chosen: ask before clearing.
    confirm_reset: bool,
}

impl<B: Backend> DesktopApp<B> {
    pub(crate) fn new(backend: B, title: String, screenshot: Option<Screenshot>) -> Self {
        Self {
            backend,
            title,
            render: RenderState::default(),
            running_since: None,
            about_open: false,
            dismissed_notices: 0,
            screenshot,
            frame_log: super::frame_log::FrameLog::from_env(),
            remember: true,
            window_title: None,
            confirm_reset: false,
        }
    }

    /// Whether the page, tabs, expanders and sidebar survive restarts.
    pub(crate) fn remember(mut self, remember: bool) -> Self {
        self.remember = remember;
        self
    }

    /// One frame: chrome, page, events to the backend.
    pub(crate) fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let dev = self.backend.dev_view();
        let published = self.backend.published();
        let now = ctx.input(|i| i.time);
        let running_for = self.running_for(&published, now);
        let mut events = Vec::new();

        // Keyboard shortcuts, unless the user is typing.
        if !ctx.text_edit_focused() {
            let (rerun, clear) = ctx.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::R),
                    i.consume_key(Modifiers::NONE, Key::C),
                )
            });
            if rerun {
                events.push(Event::Rerun);
            }
            if clear {
                clear_caches();
            }
        }

        super::nav::sync_title(
            &ctx,
            super::nav::window_title(&self.title, &published),
            &mut self.window_title,
        );
        self.top_bar(ui, &published, running_for, dev.as_ref(), &mut events);
        self.notices(ui, &published);
        super::dev_bar::errors(ui, dev.as_ref());

        let view = View::new(&published.tree)
            .generation(published.generation)
            .running_for(running_for)
            .fresh(published.fresh.as_deref())
            .stale_within(published.within.as_deref())
            .pages(&published.pages, published.page);
        events.extend(render::draw(ui, &view, &mut self.render));
        // Widgets with `rerun_on_change(false)` do not rerun the page: their
        // values wait for the next run (EL-1, on_change="ignore").
        let (deferred, events): (Vec<Event>, Vec<Event>) =
            events.into_iter().partition(|e| match e {
                Event::SetValue { id, .. } => {
                    published.tree.widget(id).is_some_and(|w| w.ignore_change)
                }
                _ => false,
            });
        if !deferred.is_empty() {
            self.backend.defer(deferred);
        }
        if !events.is_empty() {
            self.backend.send(events);
        }

        self.about(&ctx);
        if let Some(log) = &mut self.frame_log {
            log.frame(now, &published);
        }
        // Live runs: the run in progress may publish its next partial tree.
        if published.running {
            self.backend.frame_drawn();
        }
        self.confirm_reset(ui);
        if let Some(shot) = &mut self.screenshot {
            shot.step(&ctx, &published, now);
        }
    }

    /// How long the run in flight has been going, as this window saw it.
    fn running_for(&mut self, published: &Published, now: f64) -> Option<Duration> {
        if !published.running {
            self.running_since = None;
            return None;
        }
        let since = match self.running_since {
            Some((started, since)) if started == published.run_started => since,
            _ => {
                self.running_since = Some((published.run_started, now));
                now
            }
        };
        Some(Duration::from_secs_f64((now - since).max(0.0)))
    }

    fn top_bar(
        &mut self,
        ui: &mut egui::Ui,
        published: &Published,
        running_for: Option<Duration>,
        dev: Option<&crate::dev::DevView>,
        events: &mut Vec<Event>,
    ) {
        egui::Panel::top("brook_top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                render::logo(ui, &published.tree, &mut self.render);
                let title = super::nav::window_title(&self.title, published);
                let title = match &published.tree.page.icon {
                    Some(icon) => format!("{icon}  {title}"),
                    None => title.to_owned(),
                };
                ui.label(RichText::new(title).strong().size(16.0));
                super::dev_bar::indicator(ui, dev);
                // Shown once a run is long enough to notice (no flicker for
                // the usual millisecond run); the spinner is the only thing
                // that animates while a run is in flight.
                if running_for.is_some_and(|t| t >= STALE_DELAY) {
                    running_spinner(ui);
                    let status = published.status.last().map_or("Running…", String::as_str);
                    ui.label(RichText::new(status).weak());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.menu(ui, events);
                });
            });
        });
    }

    fn menu(&mut self, ui: &mut egui::Ui, events: &mut Vec<Event>) {
        let button = menu_icon(ui);
        egui::Popup::menu(&button).show(|ui| {
            if ui
                .add(egui::Button::new("Rerun").shortcut_text("R"))
                .clicked()
            {
                events.push(Event::Rerun);
            }
            if ui
                .add(egui::Button::new("Clear caches").shortcut_text("C"))
                .clicked()
            {
                clear_caches();
            }
            ui.separator();
            ui.label(RichText::new("Theme").weak());
            let mut theme = ui.ctx().options(|o| o.theme_preference);
            let before = theme;
            ui.radio_value(&mut theme, egui::ThemePreference::Light, "Light");
            ui.radio_value(&mut theme, egui::ThemePreference::Dark, "Dark");
            ui.radio_value(&mut theme, egui::ThemePreference::System, "Follow system");
            if theme != before {
                ui.ctx().set_theme(theme);
            }
            ui.separator();
            if ui.button("Reset session…").clicked() {
                self.confirm_reset = true;
            }
            if ui.button("About").clicked() {
                self.about_open = true;
            }
        });
    }

    /// Asks before "Reset session" clears the session state.
    fn confirm_reset(&mut self, ui: &mut egui::Ui) {
        if !self.confirm_reset {
            return;
        }
        let modal =
            egui::Modal::new(egui::Id::unique("brook_confirm_reset")).show(ui.ctx(), |ui| {
                ui.set_max_width(360.0);
                ui.label(RichText::new("Reset session?").strong().size(18.0));
                ui.add_space(8.0);
                ui.label(
                    "Every value in session state is cleared, and what was saved of it. \
                 The page runs again from the start.",
                );
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    let colors = crate::render::theme::Colors::of(ui);
                    let reset = egui::Button::new(RichText::new("Reset").color(colors.on_primary))
                        .fill(colors.primary_fill);
                    if ui.add(reset).clicked() {
                        self.backend.reset_session();
                        self.confirm_reset = false;
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm_reset = false;
                    }
                });
            });
        if modal.should_close() {
            self.confirm_reset = false;
        }
    }

    fn notices(&mut self, ui: &mut egui::Ui, published: &Published) {
        if published.notices.len() <= self.dismissed_notices {
            return;
        }
        egui::Panel::top("brook_notices").show(ui, |ui| {
            for notice in &published.notices[self.dismissed_notices..] {
                ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
            }
            if ui.button("Dismiss").clicked() {
                self.dismissed_notices = published.notices.len();
            }
        });
    }

    fn about(&mut self, ctx: &egui::Context) {
        egui::Window::new("About")
            .open(&mut self.about_open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(RichText::new(&self.title).strong());
                ui.label(format!(
                    "Made with brook {}: Streamlit's execution model for native desktop apps, on egui.",
                    env!("CARGO_PKG_VERSION")
                ));
                ui.label("Rerun: R. Clear caches: C.");
                if let Some(dir) = crate::App::data_dir(&self.title) {
                    ui.label(format!("What survives a restart is saved in {}", dir.display()));
                }
            });
    }
}

impl<B: Backend> eframe::App for DesktopApp<B> {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Dev mode's hand-over: here, since eframe runs no `ui` while the
        // window is covered (by the new build's window, say).
        self.backend.dev_frame(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.remember {
            super::nav::save_page(storage, &self.backend.published());
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.remember
    }
}

/// How often the running indicator's spinner moves: a modest rate, so a
/// long run costs a few frames a second, not a core (egui's own `Spinner`
/// repaints every frame).
pub(crate) const SPINNER_PERIOD: Duration = Duration::from_millis(200);

/// The running indicator: an arc that advances one step per
/// [`SPINNER_PERIOD`] and asks for the next frame only then.
fn running_spinner(ui: &mut egui::Ui) {
    let size = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, "Running"));
    if ui.is_rect_visible(rect) {
        let time = ui.input(|i| i.time);
        let step = (time / SPINNER_PERIOD.as_secs_f64()).floor();
        let start = step * 0.5;
        let radius = rect.height() / 2.0 - 2.0;
        let points: Vec<egui::Pos2> = (0..=16)
            .map(|i| {
                let angle = start + f64::from(i) / 16.0 * std::f64::consts::PI * 1.5;
                #[allow(clippy::cast_possible_truncation)]
                let (s, c) = (angle.sin() as f32, angle.cos() as f32);
                rect.center() + radius * egui::vec2(c, s)
            })
            .collect();
        let color = ui.visuals().strong_text_color();
        ui.painter()
            .add(egui::Shape::line(points, egui::Stroke::new(2.0, color)));
    }
    ui.ctx().request_repaint_after(SPINNER_PERIOD);
}

/// The menu button: three painted bars (no font has to carry a "☰" glyph),
/// named "Menu" for AccessKit.
fn menu_icon(ui: &mut egui::Ui) -> egui::Response {
    let size = egui::vec2(28.0, ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), "Menu"));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        ui.painter()
            .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        let stroke = egui::Stroke::new(1.5, visuals.fg_stroke.color);
        let (w, gap) = (12.0, 4.0);
        for i in -1..=1 {
            let y = rect.center().y + i as f32 * gap;
            ui.painter().line_segment(
                [
                    egui::pos2(rect.center().x - w / 2.0, y),
                    egui::pos2(rect.center().x + w / 2.0, y),
                ],
                stroke,
            );
        }
    }
    response.on_hover_text("Menu")
}
