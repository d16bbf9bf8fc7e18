//! The frame-rate floor of this machine's renderer: a plain eframe window
//! (no brook) of brook's default size with one label, repainting as fast as
//! it can. `scripts/bench-live-window.sh` measures it beside
//! `examples/progress.rs`, so that the live-run figure has a baseline drawn
//! by the same renderer in the same run: under a software renderer (Mesa's
//! llvmpipe) the window's frame rate, not brook, bounds how many frames can
//! show a moving progress bar.
//!
//! `BROOK_FRAME_LOG=PATH` writes one line per frame (egui's time in seconds);
//! `cargo run --example blank_window` alone just shows the frame rate.

use std::io::Write as _;

fn main() -> eframe::Result {
    let mut log = std::env::var_os("BROOK_FRAME_LOG")
        .and_then(|path| std::fs::File::create(path).ok())
        .map(std::io::BufWriter::new);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([960.0, 720.0]),
        ..Default::default()
    };
    let mut last = 0.0_f64;
    eframe::run_ui_native("Blank window", options, move |ui, _frame| {
        let now = ui.input(|i| i.time);
        if let Some(log) = &mut log {
            let _ = writeln!(log, "{now:.4}");
            let _ = log.flush();
        }
        let interval = now - last;
        last = now;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label(format!("frame interval {:.1} ms", interval * 1000.0));
        });
        ui.ctx().request_repaint();
    })
}
