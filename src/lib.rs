//! brook: Streamlit's execution model for native desktop apps on egui/eframe.
//!
//! A *page* is a plain function that declares its UI top to bottom. brook
//! reruns it when the user interacts (never once per frame), keeps
//! [`SessionState`] across reruns, and draws the resulting element tree with
//! egui.
//!
//! ```
//! use brook::prelude::*;
//!
//! fn page(st: &mut St) -> brook::Result<()> {
//!     st.state().init("history", Vec::<i64>::new);
//!     let n = st.add(Slider::new("n", 1..=10_i64).key("n"));
//!     st.state().update("history", |h: &mut Vec<i64>| h.push(n * n))?;
//!     let history: Vec<i64> = st.state().get("history")?;
//!     st.line_chart(&history);
//!     Ok(())
//! }
//! # let mut at = brook::testing::AppTest::new(page);
//! # at.run().set_value("n", 3).run();
//! # assert_eq!(at.state::<Vec<i64>>("history"), vec![1, 9]);
//! ```
//!
//! brook catches panics in pages (they become exception elements), and
//! `st.rerun()`, `st.stop()` and interruption unwind the page: build with
//! `panic = "unwind"` (the default).

mod app;
pub mod cache;
pub mod clock;
pub mod config;
pub mod dev;
mod error;
pub mod render;
pub mod runner;
pub mod runtime;
pub mod session;
mod st;
mod state;
pub mod table;
pub mod testing;
pub mod tree;

pub use app::App;
pub use brook_macros::{CacheHash, cache_data, cache_resource};
pub use config::Config;
pub use error::{Error, Result};
pub use session::{IntoPageResult, Page, RerunScope};
pub use st::{
    AreaChart, BarChart, ChartColor, ColumnNames, DataEditor, Dataframe, DataframeEvent,
    DataframeSelection, DeltaColor, LineChart, Metric, NumRows, ScatterChart,
};
pub use st::{
    Button, ChartData, Checkbox, Chunk, ColumnsSpec, Container, Dbg, Json, NumberInput, Numeric,
    Progress, ProgressValue, Radio, RangeSlider, Recording, Selectbox, Slider, Spinner, St, Status,
    StatusOutcome, TextArea, TextInput, ToF64, Toast, Toggle, Widget, Writable,
};
pub use st::{
    ChatInput, ChatMessage, ColorPicker, DEFAULT_MAX_UPLOAD_MB, DateInput, DateRangeInput,
    DateTimeInput, DownloadButton, Feedback, FileUploader, Image, LinkButton, Logo, Multi,
    Multiselect, OptionItem, Pills, SegmentedControl, SelectRange, SelectSlider, SelectionMode,
    Single, TimeInput,
};
pub use st::{ContainerOptions, Expander, PageConfig, PageLink, Pages, Popover};
pub use st::{Dialog, Fragment, FragmentOutput, OutsideWrites, RunEvery};
pub use st::{Form, FormError, FormOptions, FormSubmitButton, FormWidget, OnChange};
pub use state::{AnyValue, SessionState, StateExport, StateValue};
pub use tree::{LabelVisibility, UploadedFile, Width};

pub use st::form::rules as form_rules;

pub use eframe;
pub use egui;
pub use egui_plot;
pub use jiff;

/// What every page needs: `use brook::prelude::*;`.
pub mod prelude {
    pub use crate::table::{ColumnConfig, RowSelection, Table, TableData};
    pub use crate::{
        AreaChart, BarChart, DataEditor, Dataframe, LineChart, Metric, NumRows, ScatterChart,
    };
    pub use crate::{
        Button, Checkbox, Chunk, Container, Dbg, Json, NumberInput, Radio, RangeSlider, Selectbox,
        SessionState, Slider, Spinner, St, Status, TextArea, TextInput, Toast, Toggle, Widget,
    };
    pub use crate::{
        ChatInput, ChatMessage, ColorPicker, DateInput, DateTimeInput, DownloadButton, Feedback,
        FileUploader, Image, LabelVisibility, LinkButton, Logo, Multiselect, Pills,
        SegmentedControl, SelectSlider, TimeInput, UploadedFile, Width,
    };
    pub use crate::{Dialog, Fragment, OutsideWrites, RerunScope};
    pub use crate::{Form, FormOptions, FormSubmitButton, FormWidget};
}

/// Runs `f` as a page once, for doc-tests. Not part of the API.
#[doc(hidden)]
pub fn __doc_page(f: impl Fn(&mut St<'_>) -> Result<()> + Send + Sync + 'static) {
    let mut at = testing::AppTest::new(f);
    at.run();
    let errors = at.exceptions();
    assert!(errors.is_empty(), "the doc page raised: {errors:?}");
}

/// What the attribute macros' expansions refer to. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::cache::private::*;
}

/// The README's code blocks, compiled (and run) as doc-tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
