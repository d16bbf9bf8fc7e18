//! `BROOK_FRAME_LOG=PATH`: one line per drawn frame, for measuring what the
//! window really draws (live runs, idleness) under Xvfb.
//!
//! Each line is `TIME GENERATION LIVE RUNNING`: egui's time in seconds, the
//! published run generation, the count of partial trees of the run in
//! progress, and whether a run was in progress. `scripts/bench-live-window.sh`
//! reads it.

use std::io::Write as _;

use crate::runner::Published;

pub(crate) struct FrameLog {
    out: std::io::BufWriter<std::fs::File>,
}

impl FrameLog {
    /// The log named by `BROOK_FRAME_LOG`, if set and writable (a file that
    /// cannot be created is reported on stderr and no log is kept).
    pub(crate) fn from_env() -> Option<Self> {
        let path = std::env::var_os("BROOK_FRAME_LOG").filter(|p| !p.is_empty())?;
        match std::fs::File::create(&path) {
            Ok(file) => Some(Self {
                out: std::io::BufWriter::new(file),
            }),
            Err(e) => {
                eprintln!(
                    "brook: BROOK_FRAME_LOG: cannot create {}: {e}",
                    std::path::Path::new(&path).display()
                );
                None
            }
        }
    }

    pub(crate) fn frame(&mut self, time: f64, published: &Published) {
        let _ = writeln!(
            self.out,
            "{time:.4} {} {} {}",
            published.generation,
            published.live,
            u8::from(published.running)
        );
        let _ = self.out.flush();
    }
}
