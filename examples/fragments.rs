//! Fragments and dialogs: parts of a page that rerun on their own.
//!
//! - the seed's "Hi!" button fragment, in the sidebar;
//! - a streaming fragment that redraws a line chart of new data every
//!   second (`run_every`), with Start/Stop and the interval in the sidebar;
//! - a main body that is visibly slow (a 2 s cached load): clicking "Hi!" or
//!   watching the chart never runs it, its run counter stays put;
//! - a dialog that edits a record.
//!
//! ```sh
//! cargo run --example fragments
//! ```

use std::sync::Arc;
use std::time::Duration;

use brook::prelude::*;
use brook::tree::Series;
use serde::{Deserialize, Serialize};

// --- The slow main body ---------------------------------------------------------

/// A slow query: two seconds per miss, then cached (a spinner shows meanwhile).
#[brook::cache_data(show_spinner = "Loading the table (2 s)...")]
fn load_table(rows: usize) -> Arc<Vec<f64>> {
    std::thread::sleep(Duration::from_secs(2));
    Arc::new((0..rows).map(|i| (i as f64 / 10.0).sin() * 10.0).collect())
}

// --- The seed's UI fragment ------------------------------------------------------

/// The seed's example: a button that answers, rerunning only itself.
fn hi(st: &mut St) -> brook::Result<()> {
    let n = bump(st, "hi_runs")?;
    if st.button("Hi!") {
        st.write("Hi back!");
    }
    st.caption(format!("this fragment ran {n} times"));
    Ok(())
}

// --- The streaming fragment -----------------------------------------------------

/// One sample of the feed: seconds since the app started, and two series.
type Sample = (f64, f64, f64);

/// New samples from the last one to now, every half second (at most a
/// minute's worth), as a random walk.
fn recent_data(last: Option<Sample>, now: f64) -> Vec<Sample> {
    let (mut t, mut a, mut b) = last.unwrap_or((now - 30.0, 0.0, 5.0));
    t = t.max(now - 60.0);
    let mut out = Vec::new();
    while t + 0.5 <= now {
        t += 0.5;
        a += rand::random_range(-1.0..1.0);
        b += rand::random_range(-1.0..1.0);
        out.push((t, a, b));
    }
    out
}

/// Appends what arrived since the last update and redraws the chart (the
/// last 100 samples). Runs on its own every `run_every` while streaming.
fn show_latest_data(st: &mut St) -> brook::Result<()> {
    let n = bump(st, "feed_runs")?;
    let now = brook::runtime::now().as_secs_f64();
    st.state().init("feed", Vec::<Sample>::new);
    st.state().update("feed", |feed: &mut Vec<Sample>| {
        let new = recent_data(feed.last().copied(), now);
        feed.extend(new);
        let excess = feed.len().saturating_sub(100);
        feed.drain(..excess);
    })?;
    let feed: Vec<Sample> = st.state().get("feed")?;
    let series = |name: &str, pick: fn(&Sample) -> f64| Series {
        name: name.to_owned(),
        points: feed.iter().map(|s| [s.0, pick(s)]).collect(),
        base: Vec::new(),
        color: None,
    };
    st.line_chart(&[series("A", |s| s.1), series("B", |s| s.2)][..]);
    st.caption(format!(
        "this fragment ran {n} times; the last sample is at {:.1} s",
        feed.last().map_or(0.0, |s| s.0)
    ));
    Ok(())
}

fn toggle_streaming(st: &mut St) -> brook::Result<()> {
    st.state().update("stream", |s: &mut bool| *s = !*s)
}

// --- The record editor (a dialog) ---------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Record {
    name: String,
    email: String,
}

/// The dialog's body: reruns on its own while the user types; Save writes
/// the record and reruns the page, which closes the dialog.
fn edit_record(st: &mut St, i: usize) -> brook::Result<()> {
    let records: Vec<Record> = st.state().get("records")?;
    let Some(record) = records.get(i).cloned() else {
        st.error("This record no longer exists.");
        return Ok(());
    };
    let name = st.add(
        TextInput::new("Name")
            .value(record.name)
            .key(format!("name_{i}")),
    );
    let email = st.add(
        TextInput::new("Email")
            .value(record.email)
            .key(format!("email_{i}")),
    );
    if !email.contains('@') {
        st.warning("An email address has an @.");
    }
    let cols = st.columns(2);
    if st.with(cols[0], |st| st.button("Save")) {
        st.state().update("records", |r: &mut Vec<Record>| {
            if let Some(rec) = r.get_mut(i) {
                *rec = Record { name, email };
            }
        })?;
        st.rerun();
    }
    if st.with(cols[1], |st| st.button("Cancel")) {
        st.rerun();
    }
    Ok(())
}

// --- The page ---------------------------------------------------------------------

fn bump(st: &mut St, key: &str) -> brook::Result<i64> {
    st.state().init(key, || 0_i64);
    st.state().update(key, |n: &mut i64| {
        *n += 1;
        *n
    })
}

fn page(st: &mut St) -> brook::Result<()> {
    st.state().init("stream", || true);
    st.state().init("records", || {
        vec![
            Record {
                name: "Ada Lovelace".into(),
                email: "ada@example.org".into(),
            },
            Record {
                name: "Grace Hopper".into(),
                email: "grace@example.org".into(),
            },
        ]
    });
    let runs = bump(st, "main_runs")?;

    // The sidebar: the seed's fragment, then the feed's controls.
    st.sidebar(|st| -> brook::Result<()> {
        st.subheader("A fragment");
        st.fragment(hi);
        st.divider();
        st.subheader("Data feed");
        st.add(
            Slider::new("Update every (seconds)", 0.5..=5.0)
                .value(1.0)
                .step(0.5)
                .key("every"),
        );
        let streaming: bool = st.state().get("stream")?;
        st.add(
            Button::new("Start streaming")
                .disabled(streaming)
                .on_click(toggle_streaming),
        );
        st.add(
            Button::new("Stop streaming")
                .disabled(!streaming)
                .on_click(toggle_streaming),
        );
        Ok(())
    })?;

    st.title("Fragments");
    st.caption(format!(
        "The main body ran {runs} times. Clicking Hi! and the live chart rerun only their fragments."
    ));

    st.header("Live data");
    let every: f64 = st.state().get("every")?;
    let streaming: bool = st.state().get("stream")?;
    let mut feed = Fragment::new(show_latest_data).key("feed");
    if streaming {
        feed = feed.run_every(every);
    }
    st.add(feed);

    st.header("A slow main body");
    let rows = st.add(Slider::new("Rows", 100..=1_000_usize).value(200).step(100));
    let table = load_table(rows);
    st.text(format!(
        "{} rows loaded (2 s per new row count, then cached)",
        table.len()
    ));
    if st.button("Reload the table") {
        load_table_clear();
        st.rerun();
    }

    st.header("Records");
    let records: Vec<Record> = st.state().get("records")?;
    for (i, record) in records.iter().enumerate() {
        let cols = st.columns([3.0, 1.0]);
        st.with(cols[0], |st| {
            st.markdown(format!("**{}** — {}", record.name, record.email));
        });
        if st.with(cols[1], |st| {
            st.add(Button::new("Edit").key(format!("edit_{i}")))
        }) {
            st.add(
                Dialog::new(format!("Edit {}", record.name), move |st| {
                    edit_record(st, i)
                })
                .key("editor"),
            );
        }
    }
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("Fragments").page("Fragments", page).run()
}
