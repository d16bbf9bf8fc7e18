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

/// In the top bar: "Rebuilding… 1.2 s" while a build runs, "Restarting…"
/// while the new build takes over, "Build failed" after a failed build.
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
    if !dev.errors.is_empty() || dev.problem.is_some() {
        ui.label(RichText::new("Build failed").color(ui.visuals().error_fg_color));
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
            0 => "The build failed".to_owned(),
            1 => "The build failed: 1 error".to_owned(),
            n => format!("The build failed: {n} errors"),
        };
        ui.label(RichText::new(title).strong().color(red));
        ui.label(
            RichText::new("The window keeps the previous build until a save fixes it.").weak(),
        );
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
