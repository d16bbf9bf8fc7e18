//! `ColorPicker`: a colour as a hex string (`st.color_picker`).

use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

/// A colour swatch that opens a picker (`st.color_picker`); returns the
/// colour as a hex string, `#000000` at first. Colours the user picks come
/// back as lowercase `#rrggbb`.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let c = st.add(ColorPicker::new("Line colour").value("#1f77b4").key("colour"));
///     st.text(c);
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["#1f77b4"]);
/// at.set_value("Line colour", "#FF0000").run();
/// assert_eq!(at.texts(), ["#ff0000"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct ColorPicker {
    common: Common,
    value: Option<String>,
}

impl ColorPicker {
    /// A colour picker, black at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
        }
    }

    /// The colour at first: `"#rrggbb"` or `"#rgb"`.
    #[inline]
    pub fn value(mut self, hex: impl Into<String>) -> Self {
        self.value = Some(hex.into());
        self
    }
}

common_options!([] ColorPicker);
rerun_option!([] ColorPicker);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another colour (EX-4).", [] ColorPicker);

/// `#rgb` or `#rrggbb` (any case) as `[r, g, b]`.
pub(crate) fn parse_hex(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        3 => {
            let d: Vec<u8> = digits.bytes().collect();
            let c = |b: u8| channel(&format!("{0}{0}", b as char));
            Some([c(d[0])?, c(d[1])?, c(d[2])?])
        }
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        _ => None,
    }
}

/// `[r, g, b]` as lowercase `#rrggbb`.
pub(crate) fn to_hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn invalid(value: &str) -> Error {
    Error::invalid(
        WidgetKind::ColorPicker.name(),
        format!(
            "'{value}' is not a valid hex code for colors. Valid ones are like '#00FFAA' or '#000'."
        ),
    )
}

impl Widget for ColorPicker {
    type Output = String;
    fn show(self, st: &mut St<'_>) -> Result<String> {
        let default = self.value.clone().unwrap_or_else(|| "#000000".to_owned());
        if parse_hex(&default).is_none() {
            return Err(invalid(&default));
        }
        let identity = format!("{default}|{:?}", self.common.help);
        st.register(Decl {
            kind: WidgetKind::ColorPicker,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(|v: &String| parse_hex(v).map(|_| ()).ok_or_else(|| invalid(v))),
            to_value: Box::new(|v: &String| Ok(WidgetValue::Text(v.clone()))),
            convert: Arc::new(|wv| match wv {
                WidgetValue::Text(s) => parse_hex(s).map(to_hex),
                _ => None,
            }),
            spec: WidgetSpec::Plain,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_hex, to_hex};

    #[test]
    fn hex_colours_parse_in_both_lengths() {
        assert_eq!(parse_hex("#00FFaa"), Some([0, 255, 170]));
        assert_eq!(parse_hex("#0f8"), Some([0, 255, 136]));
        assert_eq!(parse_hex("00ffaa"), None);
        assert_eq!(parse_hex("#00ffa"), None);
        assert_eq!(parse_hex("#gg0000"), None);
        assert_eq!(to_hex([0, 255, 170]), "#00ffaa");
    }
}
