//! A slow job that shows its progress while it runs (live runs): a progress
//! bar, a status block that logs its steps, a streamed paragraph, a spinner
//! with its elapsed time, and a toast at the end.
//!
//! ```sh
//! cargo run --example progress
//! ```
//!
//! Every element appears as the page writes it: the window draws what the
//! run has written so far at every frame, and dims what the previous run
//! showed below until it is redrawn.

use std::thread::sleep;
use std::time::Duration;

use brook::prelude::*;

const REPORT: &str = "The job read 100 batches, found 3 outliers and wrote a \
    summary of every region. Nothing needs your attention.";

fn job(st: &mut St) -> brook::Result<()> {
    st.title("A slow job");
    st.caption("Press the button: the page shows its progress while it runs.");
    st.state().init("runs", || 0_u32);

    if !st.button("Run the job") {
        let runs: u32 = st.state().get("runs")?;
        st.write(("Jobs run so far:", runs));
        return Ok(());
    }

    // A loop of 100 small steps, 10 ms apart: the bar moves in place.
    let bar = st.progress(0, "Starting…");
    for i in 1..=100_u32 {
        sleep(Duration::from_millis(10));
        bar.update(st, i, format!("Batch {i} of 100"));
    }

    // A status block that logs its steps, then says it is done.
    Status::new("Checking the results…")
        .complete_label("Results checked")
        .expanded(true)
        .show(st, |st| {
            for step in ["Loading the batches", "Looking for outliers", "Summarising"] {
                sleep(Duration::from_millis(400));
                st.write(format!("✓ {step}"));
            }
        });

    // A spinner that counts its seconds.
    let outliers = Spinner::new("Double-checking the outliers…")
        .show_time(true)
        .show(st, |_| {
            sleep(Duration::from_millis(1500));
            3
        });
    st.write(("Outliers:", outliers));

    // A paragraph streamed word by word.
    st.subheader("Report");
    let words = REPORT.split(' ').map(|w| {
        sleep(Duration::from_millis(60));
        format!("{w} ")
    });
    st.write_stream(words);

    st.state().update("runs", |n: &mut u32| *n += 1)?;
    Toast::new("The job is done").icon("✓").show(st);
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("Progress").page("Job", job).run()
}
