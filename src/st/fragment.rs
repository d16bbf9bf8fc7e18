//! Fragments (`st.fragment`): a part of the page that reruns on its own,
//! when one of its widgets changes, on a timer, or on request (FR-1..FR-9).

use std::panic::Location;
use std::sync::Arc;
use std::time::Duration;

use super::{Container, St, Widget};
use crate::error::{Error, Result};
use crate::session::fragment::scope::Spec;
use crate::session::run::Callback;
use crate::session::{FragmentError, IntoPageResult, RerunScope, raise, raise_rerun};

/// What a fragment does with writes into containers created outside it,
/// such as the sidebar or a container handle made before the call (FR-3).
///
/// ```
/// use brook::prelude::*;
///
/// fn page(st: &mut St) {
///     st.add(Fragment::new(|st| {
///         st.sidebar(|st| st.text("updated"));
///         st.button("Again");
///     }).outside_writes(OutsideWrites::ReplaceInPlace));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.click("Again").run();
/// assert_eq!(at.texts(), ["updated"]); // replaced in place, not added
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutsideWrites {
    /// brook's rule (departure 2): what the fragment writes there on its
    /// reruns is added after what it wrote before, until the next full run;
    /// widgets may be created only in the fragment's own body.
    #[default]
    Accumulate,
    /// Streamlit 1.67's rule: each rerun replaces in place what the fragment
    /// wrote there; widgets there are allowed (and rerun the fragment); a
    /// rerun may write only to containers the full run wrote to.
    ReplaceInPlace,
}

/// What a fragment's function may return: `()`, or `Result<T, E>` whose `T`
/// the call hands back on a full run (FR-8) and whose error is shown inside
/// the fragment (FR-5).
///
/// ```
/// # brook::__doc_page(|st| {
/// let picked: String = st.fragment(|st| {
///     Ok::<_, brook::Error>(st.selectbox("Colour", ["Red", "Green"].map(String::from)))
/// });
/// assert_eq!(picked, "Red");
/// # Ok(()) });
/// ```
pub trait FragmentOutput {
    /// What `st.fragment(..)` returns.
    type Output;
    /// The value, or the error to show.
    fn into_output(self) -> Result<Self::Output>;
}

impl FragmentOutput for () {
    type Output = ();
    fn into_output(self) -> Result<()> {
        Ok(())
    }
}

/// Plain values are handed back as they are, so that a fragment may end
/// with the widget it draws: `st.fragment(|st| st.button("Go"))`.
macro_rules! plain_output {
    ($($t:ty),*) => {$(
        impl FragmentOutput for $t {
            type Output = $t;
            fn into_output(self) -> Result<$t> {
                Ok(self)
            }
        }
    )*};
}
plain_output!(
    bool, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, String
);

impl<T, E: std::fmt::Display + 'static> FragmentOutput for std::result::Result<T, E> {
    type Output = T;
    fn into_output(self) -> Result<T> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(match Err::<(), E>(e).into_page_result() {
                Err(err) => err,
                Ok(()) => Error::AppTest("an error converted to success".to_owned()),
            }),
        }
    }
}

/// How often a fragment reruns on its own (FR-7): a [`Duration`], seconds
/// as a number, or a string such as `"10s"`, `"1.5s"`, `"2m"`. Zero is off.
///
/// ```
/// use brook::prelude::*;
/// use std::time::Duration;
///
/// fn page(st: &mut St) {
///     st.add(Fragment::new(|_st| {}).key("a").run_every("2m"));
///     st.add(Fragment::new(|_st| {}).key("b").run_every(Duration::from_millis(1500)));
///     st.add(Fragment::new(|_st| {}).key("c").run_every(0.5));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// let every: Vec<_> = at.fragments().iter().map(|f| f.run_every.unwrap().as_secs_f64()).collect();
/// assert_eq!(every, [120.0, 1.5, 0.5]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RunEvery(std::result::Result<Duration, String>);

impl From<Duration> for RunEvery {
    fn from(d: Duration) -> Self {
        Self(Ok(d))
    }
}

impl From<f64> for RunEvery {
    fn from(secs: f64) -> Self {
        Self(Duration::try_from_secs_f64(secs).map_err(|_| secs.to_string()))
    }
}

impl From<&str> for RunEvery {
    fn from(text: &str) -> Self {
        Self(crate::cache::parse_ttl(text).map_err(|_| text.to_owned()))
    }
}

impl From<String> for RunEvery {
    fn from(text: String) -> Self {
        Self::from(text.as_str())
    }
}

impl RunEvery {
    fn resolve(self) -> Result<Duration> {
        self.0
            .map_err(|text| FragmentError::RunEvery { text }.into())
    }
}

/// A fragment (`st.fragment`): a function of the page context that reruns on
/// its own. Interacting with a widget inside it reruns only the fragment,
/// its callbacks first; the rest of the page is neither run nor redrawn
/// (FR-1). Its identity is its call site, or its [`key`](Self::key) (FR-2).
/// On a full run the call returns the function's value (FR-8); the
/// function reads what it needs from session state, since reruns call the
/// closure the last full run registered. While it reruns, the window shows
/// its elements as they come (a progress bar moves, a placeholder changes)
/// and dims its old ones not redrawn yet; the rest of the page is not
/// dimmed (live runs, EX-13).
///
/// ```
/// use brook::prelude::*;
///
/// fn page(st: &mut St) {
///     st.state().init("page_runs", || 0_i64);
///     st.state().update("page_runs", |n: &mut i64| *n += 1).ok();
///     st.add(Fragment::new(|st| {
///         if st.button("Roll") {
///             st.text("rolled");
///         }
///     }).key("dice"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.click("Roll").run(); // reruns the fragment only
/// assert_eq!(at.texts(), ["rolled"]);
/// assert_eq!(at.state::<i64>("page_runs"), 1);
/// ```
#[must_use = "add the fragment with `st.add(..)`"]
pub struct Fragment<F> {
    f: F,
    key: Option<String>,
    run_every: Option<RunEvery>,
    outside: OutsideWrites,
}

impl<F> std::fmt::Debug for Fragment<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fragment")
            .field("key", &self.key)
            .field("run_every", &self.run_every)
            .field("outside", &self.outside)
            .finish_non_exhaustive()
    }
}

impl<F, R> Fragment<F>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: FragmentOutput,
{
    /// A fragment drawn by `f`.
    pub fn new(f: F) -> Self {
        Self {
            f,
            key: None,
            run_every: None,
            outside: OutsideWrites::default(),
        }
    }

    /// Its identity (FR-2), and the name `RerunScope::Keys` uses. Unique
    /// among the page's keys; `app` and `fragment` are reserved (FR-9).
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     st.add(Fragment::new(|st| st.text("clock")).key("clock"));
    /// });
    /// at.run();
    /// at.run_fragment("clock").run(); // by its key
    /// assert_eq!(at.last_executions(), 1);
    /// ```
    #[inline]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Reruns the fragment on its own every `every` (FR-7): a `Duration`,
    /// seconds, or a string such as `"10s"`, `"1.5s"`, `"2m"`. Ticks due
    /// while the session is busy are coalesced into one.
    ///
    /// ```
    /// use brook::prelude::*;
    /// use std::time::Duration;
    ///
    /// fn page(st: &mut St) {
    ///     st.add(Fragment::new(|st| {
    ///         st.state().init("ticks", || 0_i64);
    ///         st.state().update("ticks", |n: &mut i64| *n += 1).ok();
    ///     }).run_every("1s"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// at.advance_time(Duration::from_secs(3)); // three ticks fire
    /// assert_eq!(at.state::<i64>("ticks"), 4);
    /// ```
    #[inline]
    pub fn run_every(mut self, every: impl Into<RunEvery>) -> Self {
        self.run_every = Some(every.into());
        self
    }

    /// Selects what happens to elements the fragment writes into containers
    /// created outside it (FR-3): brook's rule by default, or Streamlit
    /// 1.67's with [`OutsideWrites::ReplaceInPlace`].
    #[inline]
    pub fn outside_writes(mut self, rule: OutsideWrites) -> Self {
        self.outside = rule;
        self
    }
}

impl<F, R> Widget for Fragment<F>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: FragmentOutput,
{
    type Output = R::Output;

    #[track_caller]
    fn show(self, st: &mut St<'_>) -> Result<R::Output> {
        let location = Location::caller();
        let run_every = self.run_every.map(RunEvery::resolve).transpose()?;
        let f = Arc::new(self.f);
        let func: Callback = {
            let f = f.clone();
            Arc::new(move |st: &mut St<'_>| f(st).into_output().map(drop))
        };
        let saved = st.open_fragment(Spec {
            key: self.key,
            location,
            run_every,
            mode: self.outside,
            func,
            dialog: None,
        })?;
        match f(st).into_output() {
            Ok(v) => {
                st.close_fragment(saved);
                Ok(v)
            }
            // FR-5: shown inside the fragment; on a full run the page stops.
            Err(e) => raise(e),
        }
    }
}

impl St<'_> {
    /// A fragment with default options: see [`Fragment`].
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let total: i64 = st.fragment(|st| {
    ///     let n = st.slider("n", 1..=10_i64);
    ///     Ok::<_, brook::Error>(n * 2)
    /// });
    /// assert_eq!(total, 2);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn fragment<F, R>(&mut self, f: F) -> R::Output
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: FragmentOutput,
    {
        self.add(Fragment::new(f))
    }

    /// Reruns the fragment that is running, right away (FR-4): nothing
    /// after this call runs. Only during a fragment rerun; during a full
    /// run it raises (EX-8): use [`rerun`](Self::rerun) there.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     st.fragment(|st| {
    ///         st.state().init("left", || 0_i64);
    ///         if st.button("Count down") {
    ///             st.state().set("left", 3_i64);
    ///         }
    ///         let left: i64 = st.state().get("left").unwrap_or(0);
    ///         if left > 0 {
    ///             st.state().set("left", left - 1);
    ///             st.rerun_fragment();
    ///         }
    ///     });
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// at.click("Count down").run();
    /// assert_eq!(at.last_executions(), 4);
    /// ```
    #[track_caller]
    pub fn rerun_fragment(&mut self) {
        self.rerun_scope(RerunScope::Fragment);
    }

    /// `st.rerun(scope=...)`: the whole page ([`RerunScope::App`], as
    /// [`rerun`](Self::rerun)), the running fragment
    /// ([`RerunScope::Fragment`], as [`rerun_fragment`](Self::rerun_fragment)),
    /// or, from a widget callback, the fragments with these keys
    /// ([`RerunScope::Keys`]). Misuse raises EX-8's errors.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     st.add(Fragment::new(|st| {
    ///         st.state().init("refreshed", || 0_i64);
    ///         st.state().update("refreshed", |n: &mut i64| *n += 1).ok();
    ///     }).key("table"));
    ///     st.fragment(|st| {
    ///         st.add(Button::new("Refresh the table")
    ///             .on_click(|st| st.rerun_scope(RerunScope::Keys(vec!["table".into()]))));
    ///     });
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// at.click("Refresh the table").run(); // this fragment, then "table"
    /// assert_eq!(at.state::<i64>("refreshed"), 2);
    /// ```
    #[track_caller]
    pub fn rerun_scope(&mut self, scope: RerunScope) {
        let frag = &mut self.run.frag;
        match &scope {
            RerunScope::App => {}
            RerunScope::Fragment => {
                if frag.target.is_none() {
                    raise(FragmentError::ScopeOutsideFragmentRun.into());
                }
                frag.rerun_target = frag.current().map(|c| c.id.clone()).or(frag.target.clone());
            }
            RerunScope::Keys(keys) => {
                if keys.is_empty() || keys.iter().any(String::is_empty) {
                    raise(FragmentError::EmptyScope.into());
                }
                if !frag.in_callback {
                    raise(FragmentError::KeyOutsideCallback.into());
                }
                for key in keys {
                    match frag.keys.get(key) {
                        Some(id) => {
                            let id = id.clone();
                            frag.votes.push(id);
                        }
                        None => raise(FragmentError::UnknownKey { key: key.clone() }.into()),
                    }
                }
            }
        }
        raise_rerun(scope)
    }

    /// Registers a fragment (or dialog) and moves into its container.
    pub(crate) fn open_fragment(&mut self, spec: Spec) -> Result<usize> {
        self.checkpoint();
        if let Some(key) = &spec.key {
            if key.is_empty() {
                return Err(Error::EmptyKey);
            }
            if key == "app" || key == "fragment" {
                return Err(FragmentError::ReservedKey { key: key.clone() }.into());
            }
            if !self.run.state.claim_key(key) {
                return Err(Error::DuplicateKey { key: key.clone() });
            }
        }
        self.fragment_target(None);
        self.note_write(self.run.builder.cursor);
        let page = self.page_name().to_owned();
        let run = &mut *self.run;
        Ok(run.frag.open(&mut run.builder, spec, &page)?)
    }

    /// Leaves a fragment's container.
    pub(crate) fn close_fragment(&mut self, saved: usize) {
        let run = &mut *self.run;
        run.frag.close(&mut run.builder, saved);
    }

    /// Moves the cursor to where the running fragment's next write goes
    /// (FR-3); raises for a widget it may not draw there. `widget` is the
    /// label of a widget about to be created.
    #[inline]
    pub(crate) fn fragment_target(&mut self, widget: Option<&str>) {
        if self.run.frag.stack.is_empty() {
            return;
        }
        let run = &mut *self.run;
        if let Err(e) = run.frag.redirect(&mut run.builder, widget) {
            raise(e.into());
        }
    }

    /// In a fragment run, the block standing for a container handle made by
    /// the full run that registered the fragment (FR-3).
    pub(crate) fn fragment_handle(&mut self, container: Container) -> Option<usize> {
        let run = &mut *self.run;
        match run
            .frag
            .outside_handle(&mut run.builder, container.block, container.generation)?
        {
            Ok(block) => Some(block),
            Err(e) => raise(e.into()),
        }
    }
}
