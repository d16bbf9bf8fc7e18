//! Progress and status: `st.progress`, `st.spinner`, `st.status`, `st.toast`.
//!
//! These make sense while a run is in progress: the window shows what a run
//! has written so far at every frame (live runs), so a progress bar moves,
//! a spinner turns and a status block logs its steps as the page works, in
//! a fragment's rerun as in a full run.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::{Container, St};
use crate::error::Error;
use crate::session::raise;
use crate::session::run::BlockKind;
use crate::tree::{Element, StatusState};

/// What `st.progress` accepts: a fraction `0.0..=1.0` (floats) or a
/// percentage `0..=100` (integers), as Streamlit does.
pub trait ProgressValue: Copy {
    /// The fraction, or the error text for a value out of range.
    fn fraction(self) -> Result<f32, String>;
}

macro_rules! progress_float {
    ($($t:ty),*) => {$(
        impl ProgressValue for $t {
            #[allow(clippy::cast_possible_truncation)]
            fn fraction(self) -> Result<f32, String> {
                if (0.0..=1.0).contains(&self) {
                    Ok(self as f32)
                } else {
                    Err(format!("Progress Value has invalid value [0.0, 1.0]: {self}"))
                }
            }
        }
    )*};
}
progress_float!(f32, f64);

macro_rules! progress_int {
    ($($t:ty),*) => {$(
        impl ProgressValue for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn fraction(self) -> Result<f32, String> {
                if (0..=100).contains(&self) {
                    Ok(self as f32 / 100.0)
                } else {
                    Err(format!("Progress Value has invalid value [0, 100]: {self}"))
                }
            }
        }
    )*};
}
progress_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

/// A progress bar on the page (`st.progress`), moved with
/// [`update`](Self::update): the same bar, in place.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let bar = st.progress(0, "Starting…");
///     for i in 1..=4 {
///         bar.update(st, i * 25, format!("Step {i} of 4"));
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.get("progress").len(), 1, "one bar, updated in place");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    slot: Container,
}

impl Progress {
    /// Moves the bar to `value` (a fraction `0.0..=1.0`, or `0..=100`) with
    /// a new `text` (`""` for none).
    ///
    /// # Panics
    /// Raises, as a Streamlit exception pointing at this line, when `value`
    /// is out of range.
    #[track_caller]
    pub fn update(&self, st: &mut St<'_>, value: impl ProgressValue, text: impl Into<String>) {
        let element = progress_element(value, text.into());
        st.with(self.slot, |st| st.push(element));
    }
}

#[track_caller]
fn progress_element(value: impl ProgressValue, text: String) -> Element {
    match value.fraction() {
        Ok(value) => Element::Progress {
            value,
            text: (!text.is_empty()).then_some(text),
        },
        Err(message) => raise(Error::invalid("progress", message)),
    }
}

/// A spinner shown while a block of the page runs (`st.spinner`), with
/// options; [`St::spinner`] is the shorthand.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let total = Spinner::new("Adding up…").show_time(true).show(st, |st| {
///         st.text("working");
///         (1..=10).sum::<i32>()
///     });
///     st.text(format!("total {total}"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["working", "total 55"]);
/// assert!(at.get("spinner").is_empty(), "gone once the block ends");
/// ```
#[must_use = "show the spinner with `.show(st, |st| ..)`"]
#[derive(Debug, Clone)]
pub struct Spinner {
    text: String,
    show_time: bool,
}

impl Spinner {
    /// A spinner with this text.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            show_time: false,
        }
    }

    /// Shows the time elapsed since the spinner appeared.
    #[inline]
    pub fn show_time(mut self, show: bool) -> Self {
        self.show_time = show;
        self
    }

    /// Shows the spinner at this point of the page while `f` runs; what `f`
    /// writes goes below it, and the spinner disappears when `f` ends
    /// (however it ends). The window shows it only if `f` is still running
    /// after half a second (EX-14), so quick blocks never flicker.
    pub fn show<R>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let slot = st.empty();
        st.with(slot, |st| {
            st.push(Element::Spinner {
                text: self.text,
                show_time: self.show_time,
            });
        });
        // The block that follows may not reach a checkpoint for a while.
        st.publish_live_now();
        let out = catch_unwind(AssertUnwindSafe(|| f(st)));
        // Cleared on every way out, like Streamlit's `finally`.
        st.clear_slot(slot);
        match out {
            Ok(r) => r,
            Err(payload) => resume_unwind(payload),
        }
    }
}

/// How a block ended, for [`Status`]: `()` and `Ok(..)` complete it,
/// `Err(..)` marks it failed.
pub trait StatusOutcome {
    /// True when the block failed.
    fn failed(&self) -> bool;
}

impl StatusOutcome for () {
    fn failed(&self) -> bool {
        false
    }
}

impl<T, E> StatusOutcome for Result<T, E> {
    fn failed(&self) -> bool {
        self.is_err()
    }
}

/// A collapsible block that shows the state of a long task
/// (`st.status`): running while its block runs, then complete, or error if
/// the block failed (returned `Err` or panicked). [`St::status`] is the
/// shorthand.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) -> brook::Result<()> {
///     Status::new("Downloading data…")
///         .complete_label("Download complete")
///         .show(st, |st| -> brook::Result<()> {
///             st.write("Searching for data…");
///             st.write("Found URL.");
///             Ok(())
///         })
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// let status = &at.get("status")[0];
/// assert!(matches!(status, brook::tree::Element::Status {
///     label, state: brook::tree::StatusState::Complete, .. } if label == "Download complete"));
/// ```
#[must_use = "show the status with `.show(st, |st| ..)`"]
#[derive(Debug, Clone)]
pub struct Status {
    label: String,
    expanded: bool,
    complete_label: Option<String>,
    error_label: Option<String>,
}

impl Status {
    /// A status block with this header.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            expanded: false,
            complete_label: None,
            error_label: None,
        }
    }

    /// Opens the block at first.
    #[inline]
    pub fn expanded(mut self, expanded: bool) -> Self {
        self.expanded = expanded;
        self
    }

    /// The header once the block completes (Streamlit's
    /// `status.update(label=..., state="complete")`).
    #[inline]
    pub fn complete_label(mut self, label: impl Into<String>) -> Self {
        self.complete_label = Some(label.into());
        self
    }

    /// The header if the block fails.
    #[inline]
    pub fn error_label(mut self, label: impl Into<String>) -> Self {
        self.error_label = Some(label.into());
        self
    }

    /// Runs `f` inside the block and sets its final state from how `f`
    /// ended. A panic in `f` marks the block failed and goes on unwinding
    /// (the page shows the exception, EX-10).
    pub fn show<R: StatusOutcome>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let block = st.open(BlockKind::Status {
            label: self.label.clone(),
            state: StatusState::Running,
            expanded: self.expanded,
        });
        let out = catch_unwind(AssertUnwindSafe(|| st.enter(block.block, f)));
        let failed = out.as_ref().map_or(true, StatusOutcome::failed);
        let (state, label) = if failed {
            (StatusState::Error, self.error_label.unwrap_or(self.label))
        } else {
            (
                StatusState::Complete,
                self.complete_label.unwrap_or(self.label),
            )
        };
        if let Some(b) = st.run.builder.blocks.get_mut(block.block) {
            b.kind = BlockKind::Status {
                label,
                state,
                expanded: self.expanded,
            };
        }
        st.publish_live_now();
        match out {
            Ok(r) => r,
            Err(payload) => resume_unwind(payload),
        }
    }
}

/// A short message in the corner of the window (`st.toast`); [`St::toast`]
/// is the shorthand. It stays for four seconds unless told otherwise, and
/// the user can dismiss it; toasts stack, newest at the bottom.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     if st.button("Save") {
///         Toast::new("Saved!").icon("✅").show(st);
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.click("Save").run();
/// assert_eq!(at.get("toast").len(), 1);
/// ```
#[must_use = "show the toast with `.show(st)`"]
#[derive(Debug, Clone)]
pub struct Toast {
    body: String,
    icon: Option<String>,
    duration: Option<Duration>,
}

impl Toast {
    /// A toast with this Markdown text.
    pub fn new(body: impl Into<String>) -> Self {
        Self {
            body: body.into(),
            icon: None,
            duration: Some(Duration::from_secs(4)),
        }
    }

    /// An emoji or short text shown before the message.
    #[inline]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// How long it stays (default four seconds); `None` keeps it until the
    /// user dismisses it (Streamlit's `duration="infinite"`).
    #[inline]
    pub fn duration(mut self, duration: Option<Duration>) -> Self {
        self.duration = duration;
        self
    }

    /// Shows it.
    pub fn show(self, st: &mut St<'_>) {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        st.push(Element::Toast {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            body: self.body,
            icon: self.icon,
            seconds: self.duration.map(|d| d.as_secs_f32()),
        });
    }
}

impl St<'_> {
    /// A progress bar (`st.progress`): `value` is a fraction `0.0..=1.0`
    /// or a percentage `0..=100`; `text` (`""` for none) is shown above it.
    /// Move it with [`Progress::update`].
    ///
    /// # Panics
    /// Raises, as a Streamlit exception pointing at this line, when `value`
    /// is out of range (`Progress Value has invalid value [0.0, 1.0]: 1.5`).
    #[track_caller]
    pub fn progress(&mut self, value: impl ProgressValue, text: impl Into<String>) -> Progress {
        let element = progress_element(value, text.into());
        let slot = self.empty();
        self.with(slot, |st| st.push(element));
        Progress { slot }
    }

    /// Shows a spinner with `text` while `f` runs (`with st.spinner(..)`);
    /// see [`Spinner`] for the options.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let data = st.spinner("Loading…", |_| vec![1, 2, 3]);
    /// st.write(format!("{} rows", data.len()));
    /// # Ok(()) });
    /// ```
    pub fn spinner<R>(&mut self, text: impl Into<String>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        Spinner::new(text).show(self, f)
    }

    /// A status block around `f` (`with st.status(..)`); see [`Status`].
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.status("Crunching…", |st| st.text("step 1"));
    /// # Ok(()) });
    /// ```
    pub fn status<R: StatusOutcome>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut St<'_>) -> R,
    ) -> R {
        Status::new(label).show(self, f)
    }

    /// A toast (`st.toast`); see [`Toast`] for the options.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.toast("Your edited image was saved!");
    /// # Ok(()) });
    /// ```
    pub fn toast(&mut self, body: impl Into<String>) {
        Toast::new(body).show(self);
    }

    /// Empties a placeholder (what `st.empty().empty()` does).
    pub(crate) fn clear_slot(&mut self, slot: Container) {
        if let Some(b) = self.run.builder.blocks.get_mut(slot.block) {
            b.children.clear();
        }
    }
}
