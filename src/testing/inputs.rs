//! `AppTest` for the input widgets of issue 14: files, downloads, the
//! renderer's events, and the JSON form of option, date and file values.

use serde_json::{Value, json};

use super::{AppTest, check_enabled};
use crate::error::{Error, Result};
use crate::tree::{Event, UploadedFile, WidgetKind, WidgetNode, WidgetSpec, WidgetValue};

impl AppTest {
    /// Gives the file uploader labelled `label` these files, as if the user
    /// picked or dropped them (replacing what it held). Applied at the next
    /// `run`.
    ///
    /// # Panics
    /// When there is no such uploader, it is disabled, or a file is refused
    /// (a type it does not accept, over its size limit, several files for a
    /// single-file uploader): the message is the one the user would see.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     let files = st.add(FileUploader::new("Images").multiple().types(["png"]));
    ///     st.text(files.len().to_string());
    /// });
    /// at.run().set_files("Images", [UploadedFile::new("a.png", vec![1, 2])]).run();
    /// assert_eq!(at.texts(), ["1"]);
    /// ```
    #[track_caller]
    pub fn set_files(
        &mut self,
        label: &str,
        files: impl IntoIterator<Item = UploadedFile>,
    ) -> &mut Self {
        let w = self.widget(label).clone();
        let files: Vec<UploadedFile> = files.into_iter().collect();
        if let Err(e) = self.try_set_files(&w, files) {
            panic!("AppTest: {e}");
        }
        self
    }

    fn try_set_files(&mut self, w: &WidgetNode, files: Vec<UploadedFile>) -> Result<()> {
        check_enabled(w)?;
        let WidgetSpec::Files(spec) = &w.spec else {
            return Err(Error::AppTest(format!(
                "{:?} is a {}, not a file_uploader",
                w.label,
                w.kind.name()
            )));
        };
        if !spec.multiple && files.len() > 1 {
            return Err(Error::AppTest(format!(
                "the file_uploader {:?} takes one file; give it `.multiple()` to accept several",
                w.label
            )));
        }
        for f in &files {
            spec.check(f.name(), f.size())
                .map_err(|e| Error::AppTest(format!("{}: {e}", f.name())))?;
        }
        let names: Vec<&str> = files.iter().map(UploadedFile::name).collect();
        let names = json!(names);
        if w.form.is_some() {
            // Waits for the form's submit (FO-2).
            self.hold(w, WidgetValue::Files(files), names);
            return Ok(());
        }
        self.actions
            .push(json!({"set": {"widget": w.kind.name(), "label": w.label, "value": names}}));
        self.pending.push(Event::SetValue {
            id: w.id.clone(),
            value: WidgetValue::Files(files),
        });
        Ok(())
    }

    /// Clicks the download button labelled `label` and returns the bytes the
    /// save dialog would write (computing lazy data). The page reruns at the
    /// next `run` only if the button asks for it (`on_click` or
    /// `rerun_on_click(true)`), as in the app.
    ///
    /// # Panics
    /// When there is no such download button, or it is disabled.
    #[track_caller]
    pub fn download(&mut self, label: &str) -> Vec<u8> {
        let w = self.widget(label).clone();
        match self.try_download(&w) {
            Ok(bytes) => bytes,
            Err(e) => panic!("AppTest: {e}"),
        }
    }

    pub(super) fn try_download(&mut self, w: &WidgetNode) -> Result<Vec<u8>> {
        check_enabled(w)?;
        let WidgetSpec::Download(spec) = &w.spec else {
            return Err(Error::AppTest(format!(
                "{:?} is a {}, not a download_button",
                w.label,
                w.kind.name()
            )));
        };
        if spec.rerun {
            self.pending.push(Event::Click { id: w.id.clone() });
            self.actions.push(json!({"click": w.label}));
        }
        Ok(spec.data.resolve().to_vec())
    }

    /// Queues events as the renderer sends them (a click, a committed
    /// value), applied at the next `run`: for tests that draw this app's tree
    /// with egui_kittest and feed what the user did back to it.
    pub fn send_events(&mut self, events: impl IntoIterator<Item = Event>) -> &mut Self {
        for event in events {
            self.actions.push(json!({"event": format!("{event:?}")}));
            self.pending.push(event);
        }
        self
    }
}

/// A value for the new widget kinds from its JSON form (what
/// `AppTest::set_value` takes), or `None` for the older kinds.
pub(super) fn to_widget_value(w: &WidgetNode, json: &Value) -> Option<Result<WidgetValue>> {
    let bad = || {
        Error::AppTest(format!(
            "{json} is not a valid value for the {} {:?}",
            w.kind.name(),
            w.label
        ))
    };
    let text = || json.as_str().ok_or_else(bad);
    let date = |s: &str| s.parse::<jiff::civil::Date>().map_err(|_| bad());
    let time = |s: &str| s.parse::<jiff::civil::Time>().map_err(|_| bad());
    let datetime = |s: &str| s.parse::<jiff::civil::DateTime>().map_err(|_| bad());
    Some(match (&w.spec, w.kind) {
        (WidgetSpec::Options(spec), _) => {
            // An option is named by its label; a number or bool by its text.
            let position = |v: &Value| {
                let label = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                spec.options.iter().position(|o| *o == label)
            };
            match json {
                Value::Null if !spec.range => Ok(WidgetValue::Indices(Vec::new())),
                Value::Array(items) => items
                    .iter()
                    .map(|v| position(v).ok_or_else(bad))
                    .collect::<Result<Vec<usize>>>()
                    .and_then(|ix| {
                        let fits = if spec.range {
                            ix.len() == 2
                        } else {
                            spec.multi
                        };
                        if !fits {
                            return Err(bad());
                        }
                        match spec.max_selections {
                            Some(max) if ix.len() > max => Err(Error::AppTest(format!(
                                "{} options for the multiselect {:?}, which allows at most {max}",
                                ix.len(),
                                w.label
                            ))),
                            _ => Ok(WidgetValue::Indices(ix)),
                        }
                    }),
                single => match position(single) {
                    Some(i) if w.kind == WidgetKind::SelectSlider && !spec.range => {
                        Ok(WidgetValue::Index(i))
                    }
                    Some(i) if !spec.range => Ok(WidgetValue::Indices(vec![i])),
                    _ => Err(bad()),
                },
            }
        }
        (WidgetSpec::Feedback { style }, _) => match json {
            Value::Null => Ok(WidgetValue::Indices(Vec::new())),
            v => match v.as_u64().and_then(|i| usize::try_from(i).ok()) {
                Some(i) if i < style.option_names().len() => Ok(WidgetValue::Indices(vec![i])),
                _ => Err(bad()),
            },
        },
        // An optional input takes `null` (the user cleared it); an optional
        // range takes 0, 1 or 2 dates, or `null` for an empty end.
        (WidgetSpec::Date(spec), _) if spec.optional && json.is_null() => {
            if matches!(w.value, WidgetValue::OptionalDateRange(..)) {
                Ok(WidgetValue::OptionalDateRange(None, None))
            } else {
                Ok(WidgetValue::Empty)
            }
        }
        (WidgetSpec::Date(spec), WidgetKind::DateInput)
            if spec.optional && matches!(w.value, WidgetValue::OptionalDateRange(..)) =>
        {
            let end = |v: Option<&Value>| match v {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_str().ok_or_else(bad).and_then(date).map(Some),
            };
            match json {
                Value::Array(items) if items.len() <= 2 => end(items.first())
                    .and_then(|a| Ok(WidgetValue::OptionalDateRange(a, end(items.get(1))?))),
                _ => Err(bad()),
            }
        }
        (WidgetSpec::Date(_), WidgetKind::DateInput) => match json {
            Value::Array(items) if items.len() == 2 => {
                let a = items[0].as_str().ok_or_else(bad).and_then(date);
                let b = items[1].as_str().ok_or_else(bad).and_then(date);
                a.and_then(|a| Ok(WidgetValue::DateRange(a, b?)))
            }
            _ => text().and_then(date).map(WidgetValue::Date),
        },
        (WidgetSpec::Date(_), WidgetKind::TimeInput) => {
            text().and_then(time).map(WidgetValue::Time)
        }
        (WidgetSpec::Date(_), _) => text().and_then(datetime).map(WidgetValue::DateTime),
        (_, WidgetKind::ColorPicker) => text().and_then(|s| {
            crate::st::parse_hex(s)
                .map(|_| WidgetValue::Text(s.to_owned()))
                .ok_or_else(bad)
        }),
        (WidgetSpec::Chat(_), _) => text().map(|s| WidgetValue::Text(s.to_owned())),
        (WidgetSpec::Files(_), _) => Err(Error::AppTest(format!(
            "give the file_uploader {:?} files with `set_files`",
            w.label
        ))),
        (WidgetSpec::Download(_), _) => Err(Error::AppTest(format!(
            "{:?} is a download_button: use `download` (or `click`)",
            w.label
        ))),
        _ => return None,
    })
}

/// The page's view of a new widget kind's value, as JSON.
pub(super) fn json_value(w: &WidgetNode) -> Value {
    let labels = |ix: &[usize]| -> Vec<Value> {
        ix.iter()
            .map(|&i| match &w.spec {
                WidgetSpec::Options(spec) => spec.options.get(i).map_or(Value::Null, |o| json!(o)),
                _ => json!(i),
            })
            .collect()
    };
    match (&w.value, &w.spec) {
        (WidgetValue::Index(i), _) => labels(&[*i]).into_iter().next().unwrap_or(Value::Null),
        (WidgetValue::Indices(ix), WidgetSpec::Options(spec)) if spec.multi || spec.range => {
            json!(labels(ix))
        }
        (WidgetValue::Indices(ix), _) => labels(ix).into_iter().next().unwrap_or(Value::Null),
        (WidgetValue::Date(d), _) => json!(d.to_string()),
        (WidgetValue::DateRange(a, b), _) => json!([a.to_string(), b.to_string()]),
        (WidgetValue::OptionalDateRange(a, b), _) => {
            json!([a.map(|d| d.to_string()), b.map(|d| d.to_string())])
        }
        (WidgetValue::Time(t), _) => json!(t.to_string()),
        (WidgetValue::DateTime(d), _) => json!(d.to_string()),
        (WidgetValue::Files(files), _) => json!(
            files
                .iter()
                .map(|f| json!({"name": f.name(), "type": f.mime(), "size": f.size()}))
                .collect::<Vec<_>>()
        ),
        _ => Value::Null,
    }
}
