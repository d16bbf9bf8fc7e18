//! A slow job that shows its progress while it runs (live runs): a progress
//! bar, a status block that logs its steps, a streamed paragraph, a spinner
//! with its elapsed time, and a toast at the end. Below it, a fragment with
//! its own slow step: refreshing it reruns only the fragment, whose bar
//! moves while the rest of the page stays as it is.
//!
//! ```sh
//! cargo run --example progress
//! ```
//!
//! Every element appears as the page writes it: the window draws what the
//! run has written so far at every frame, and dims what the previous run
//! showed below until it is redrawn (for a fragment run, only inside the
//! fragment).

use std::thread::sleep;
use std::time::Duration;

use brook::prelude::*;

const REPORT: &str = "The job read 100 batches, found 3 outliers and wrote a \
    summary of every region. Nothing needs your attention.";

fn job(st: &mut St) -> brook::Result<()> {
    st.title("A slow job");
    st.caption("Press the button: the page shows its progress while it runs.");
    st.state().init("runs", || 0_u32);

    if st.button("Run the job") {
        run_job(st)?;
    } else {
        let runs: u32 = st.state().get("runs")?;
        st.write(("Jobs run so far:", runs));
    }
    st.divider();
    st.fragment(figures);
    Ok(())
}

/// The job: every live element in turn.
fn run_job(st: &mut St) -> brook::Result<()> {
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

/// Orders per region, as of refresh `n`.
fn region_figures(n: u32) -> [(&'static str, u32); 4] {
    [
        ("North", 1_204 + 37 * n),
        ("East", 988 + 21 * n),
        ("South", 1_530 + 12 * n),
        ("West", 746 + 45 * n),
    ]
}

/// A fragment with its own slow step (a fetch per region, a progress bar,
/// then a spinner): its button reruns only the fragment (FR-1), so its bar
/// moves and its old figures are dimmed while the job above, and the rest
/// of the page, stay as they are.
fn figures(st: &mut St) -> brook::Result<()> {
    st.subheader("Sales figures (a fragment)");
    st.caption("Refreshing reruns only this part of the page.");
    let mut refreshes: u32 = st.state().get_or("refreshes", 0)?;
    if st.button("Refresh the figures") {
        let bar = st.progress(0, "Fetching…");
        for i in 1..=40_u32 {
            sleep(Duration::from_millis(50));
            let region = region_figures(0)[(i as usize - 1) / 10].0;
            bar.update(
                st,
                i * 100 / 40,
                format!("Fetching {region}: page {i} of 40"),
            );
        }
        bar.update(st, 100, "All four regions fetched");
        st.spinner("Summing up…", |_| sleep(Duration::from_millis(1500)));
        refreshes += 1;
        st.state().set("refreshes", refreshes);
    }
    for (region, orders) in region_figures(refreshes) {
        st.write(format!("**{region}**: {orders} orders"));
    }
    st.caption(format!("Refreshed {refreshes} times."));
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("Progress").page("Job", job).run()
}
