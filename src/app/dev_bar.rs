//! Dev mode in the window: "Rebuilding…" in the top bar, and the
//! compiler's errors in a panel above the page (which keeps the previous
//! build). What to show comes from [`DevView`]; nothing is decided here.

use std::time::Duration;

use egui::RichText;

use crate::dev::DevView;

/// How often the elapsed time of a build is redrawn: whole seconds, since
/// every frame costs the build CPU time (a software renderer draws the
/// window on the cores the compiler needs).
const TICK: Duration = Duration::from_secs(1);

/// The errors shown at most; the terminal has them all.
const MAX_ERRORS: usize = 12;

/// In the top bar: "Rebuilding… 2 s" while a build runs, "Restarting…"
/// while the new build takes over, "Build failed" after a failed build,
/// "Not updated" when a new build could not take over.
pub(super) fn indicator(ui: &mut egui::Ui, dev: Option<&DevView>) {
    let Some(dev) = dev else { return };
    if dev.restarting {
        ui.label(RichText::new("Restarting…").weak())
            .on_hover_text("The new build is opening its window here");
    } else if let Some(t) = dev.building {
        let secs = t.as_secs();
        let text = if secs == 0 {
            "Rebuilding…".to_owned()
        } else {
            format!("Rebuilding… {secs} s")
        };
        ui.label(RichText::new(text).weak())
            .on_hover_text("A save started a build; the page stays usable meanwhile");
        let next = Duration::from_secs(secs + 1).saturating_sub(t);
        ui.ctx().request_repaint_after(next.min(TICK));
    }
    let red = ui.visuals().error_fg_color;
    if !dev.errors.is_empty() {
        ui.label(RichText::new("Build failed").color(red));
    } else if dev.problem.is_some() {
        ui.label(RichText::new("Not updated").color(red));
    }
}

/// Above the page: the last build's errors (file, line, message; the full
/// text on demand), until a build succeeds.
pub(super) fn errors(ui: &mut egui::Ui, dev: Option<&DevView>) {
    let Some(dev) = dev else { return };
    if dev.errors.is_empty() && dev.problem.is_none() {
        return;
    }
    let red = ui.visuals().error_fg_color;
    egui::Panel::top("brook_dev_errors").show(ui, |ui| {
        let title = match dev.errors.len() {
            0 => "The window keeps the previous build".to_owned(),
            1 => "The build failed: 1 error".to_owned(),
            n => format!("The build failed: {n} errors"),
        };
        ui.label(RichText::new(title).strong().color(red));
        if !dev.errors.is_empty() {
            ui.label(
                RichText::new("The window keeps the previous build until a save fixes it.").weak(),
            );
        }
        egui::ScrollArea::vertical()
            .max_height(ui.ctx().content_rect().height() * 0.4)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, error) in dev.errors.iter().take(MAX_ERRORS).enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        if let Some(at) = error.location() {
                            ui.label(RichText::new(at).monospace().strong());
                        }
                        ui.label(RichText::new(error.headline()).color(red));
                    });
                    egui::CollapsingHeader::new("Details")
                        .id_salt(("brook_dev_error", i))
                        .show(ui, |ui| {
                            ui.label(RichText::new(error.rendered.trim_end()).monospace());
                        });
                }
                if dev.errors.len() > MAX_ERRORS {
                    ui.label(
                        RichText::new(format!(
                            "and {} more (see the terminal)",
                            dev.errors.len() - MAX_ERRORS
                        ))
                        .weak(),
                    );
                }
                if let Some(problem) = &dev.problem {
                    ui.label(RichText::new(problem).monospace());
                }
            });
    });
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::super::{Backend, DesktopApp};
    use super::*;
    use crate::dev::Diagnostic;
    use crate::runner::Published;
    use crate::tree::Event;

    /// A window whose dev status is set by the test.
    struct Fake {
        view: DevView,
    }

    impl Backend for Fake {
        fn send(&mut self, _events: Vec<Event>) {}
        fn defer(&mut self, _events: Vec<Event>) {}
        fn published(&self) -> Arc<Published> {
            Arc::default()
        }
        fn reset_session(&mut self) {}
        fn dev_view(&self) -> Option<DevView> {
            Some(self.view.clone())
        }
    }

    fn harness(view: DevView) -> Harness<'static, DesktopApp<Fake>> {
        Harness::builder()
            .with_size(egui::vec2(800.0, 600.0))
            .build_ui_state(
                |ui, app: &mut DesktopApp<Fake>| app.frame(ui),
                DesktopApp::new(Fake { view }, "Dev app".to_owned(), None),
            )
    }

    #[test]
    fn the_top_bar_says_rebuilding_with_the_seconds_so_far() {
        let mut h = harness(DevView {
            building: Some(Duration::from_millis(2400)),
            ..DevView::default()
        });
        h.run();
        let _ = h.get_by_label("Rebuilding… 2 s");
        assert!(h.query_by_label("Build failed").is_none());
    }

    #[test]
    fn a_failed_build_shows_file_line_and_message_above_the_page() {
        let mut h = harness(DevView {
            errors: vec![Diagnostic {
                level: "error".into(),
                code: Some("E0308".into()),
                message: "mismatched types".into(),
                file: Some("examples/page.rs".into()),
                line: Some(12),
                column: Some(5),
                rendered: "error[E0308]: mismatched types\n  --> examples/page.rs:12:5".into(),
            }],
            ..DevView::default()
        });
        h.run();
        let _ = h.get_by_label("Build failed");
        let _ = h.get_by_label("The build failed: 1 error");
        let _ = h.get_by_label("examples/page.rs:12:5");
        let _ = h.get_by_label("error[E0308]: mismatched types");
        // The compiler's full text, on demand.
        h.get_by_label("Details").click();
        h.run();
        let _ = h.get_by_label("error[E0308]: mismatched types\n  --> examples/page.rs:12:5");
    }

    #[test]
    fn a_new_build_that_did_not_start_is_explained_and_a_clean_status_shows_nothing() {
        let mut h = harness(DevView {
            problem: Some("The new build exited with code 101 before its window was shown".into()),
            ..DevView::default()
        });
        h.run();
        let _ = h.get_by_label("Not updated");
        let _ = h.get_by_label("The window keeps the previous build");
        let _ = h.get_by_label("The new build exited with code 101 before its window was shown");
        let mut h = harness(DevView::default());
        h.run();
        assert!(h.query_by_label("Build failed").is_none());
        assert!(h.query_by_label("Not updated").is_none());
        assert!(h.query_by_label_contains("Rebuilding").is_none());
    }

    #[test]
    fn the_hand_over_says_restarting() {
        let mut h = harness(DevView {
            restarting: true,
            building: Some(Duration::from_secs(3)),
            ..DevView::default()
        });
        h.run();
        let _ = h.get_by_label("Restarting…");
        assert!(h.query_by_label_contains("Rebuilding").is_none());
    }
}
