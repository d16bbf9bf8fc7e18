//! `Feedback`: thumbs, faces or stars (`st.feedback`).

use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{FeedbackStyle, WidgetKind, WidgetSpec, WidgetValue};

/// A rating (`st.feedback`): 👎 👍, five faces or five stars. Returns the
/// chosen index (`None` until the user picks one): thumbs down is 0 and up
/// is 1; faces go from 0 (very unhappy) to 4; stars from 0 (one star) to 4.
///
/// Like Streamlit's it has no label: find it in tests by its key.
///
/// ```
/// # use brook::prelude::*;
/// use brook::tree::FeedbackStyle;
/// fn page(st: &mut St) {
///     let stars = st.add(Feedback::new(FeedbackStyle::Stars).key("rating"));
///     st.text(match stars {
///         Some(i) => format!("{} stars", i + 1),
///         None => "not rated".to_owned(),
///     });
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["not rated"]);
/// at.set_value_by_key("rating", 3).run();
/// assert_eq!(at.texts(), ["4 stars"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct Feedback {
    common: Common,
    style: FeedbackStyle,
    default: Option<usize>,
}

impl Feedback {
    /// A rating with this icon set, nothing chosen at first.
    pub fn new(style: FeedbackStyle) -> Self {
        Self {
            common: Common::new(""),
            style,
            default: None,
        }
    }

    /// 👎 👍 (`st.feedback("thumbs")`).
    pub fn thumbs() -> Self {
        Self::new(FeedbackStyle::Thumbs)
    }

    /// Five faces (`st.feedback("faces")`).
    pub fn faces() -> Self {
        Self::new(FeedbackStyle::Faces)
    }

    /// Five stars (`st.feedback("stars")`).
    pub fn stars() -> Self {
        Self::new(FeedbackStyle::Stars)
    }

    /// The index chosen at first.
    #[inline]
    pub fn default(mut self, index: usize) -> Self {
        self.default = Some(index);
        self
    }
}

common_options!([] Feedback);
rerun_option!([] Feedback);
on_change_option!(on_change, "Runs `f` before the page body when the user rates (EX-4).", [] Feedback);

fn out_of_range(style: FeedbackStyle, index: usize, what: &str) -> Error {
    let n = style.option_names().len();
    Error::invalid(
        WidgetKind::Feedback.name(),
        format!(
            "{what} {index} is out of range: `st.feedback` with options \"{}\" has {n} options, 0 to {}.",
            style.name(),
            n - 1
        ),
    )
}

impl Widget for Feedback {
    type Output = Option<usize>;
    fn show(self, st: &mut St<'_>) -> Result<Option<usize>> {
        let style = self.style;
        let n = style.option_names().len();
        if let Some(d) = self.default
            && d >= n
        {
            return Err(out_of_range(style, d, "The `default`"));
        }
        let identity = format!("{}|{:?}|{:?}", style.name(), self.default, self.common.help);
        st.register(Decl {
            kind: WidgetKind::Feedback,
            common: self.common,
            identity,
            keyed_identity: style.name().to_owned(),
            default: self.default,
            explicit_default: self.default.is_some(),
            trigger: false,
            validate: Box::new(move |v: &Option<usize>| match v {
                Some(i) if *i >= n => Err(out_of_range(
                    style,
                    *i,
                    "The value set through session state,",
                )),
                _ => Ok(()),
            }),
            to_value: Box::new(|v: &Option<usize>| {
                Ok(WidgetValue::Indices(v.iter().copied().collect()))
            }),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Indices(ix) if ix.is_empty() => Some(None),
                WidgetValue::Indices(ix) if ix.len() == 1 && ix[0] < n => Some(Some(ix[0])),
                _ => None,
            }),
            spec: WidgetSpec::Feedback { style },
        })
    }
}
