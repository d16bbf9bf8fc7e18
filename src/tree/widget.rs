//! Widgets in the tree: their kinds, values, specs, and forms.

use serde::{Deserialize, Serialize};

use super::*;

/// Widget kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WidgetKind {
    /// `st.button`.
    Button,
    /// `st.checkbox`.
    Checkbox,
    /// `st.toggle`.
    Toggle,
    /// `st.slider` with one value.
    Slider,
    /// `st.slider` with a `(low, high)` value.
    RangeSlider,
    /// `st.number_input`.
    NumberInput,
    /// `st.text_input`.
    TextInput,
    /// `st.text_area`.
    TextArea,
    /// `st.selectbox`.
    Selectbox,
    /// `st.radio`.
    Radio,
    /// `st.multiselect`.
    Multiselect,
    /// `st.select_slider` (one value or a range).
    SelectSlider,
    /// `st.pills`.
    Pills,
    /// `st.segmented_control`.
    SegmentedControl,
    /// `st.feedback`.
    Feedback,
    /// `st.date_input` (one date or a range).
    DateInput,
    /// `st.time_input`.
    TimeInput,
    /// `st.datetime_input`.
    DateTimeInput,
    /// `st.color_picker`.
    ColorPicker,
    /// `st.file_uploader`.
    FileUploader,
    /// `st.download_button`.
    DownloadButton,
    /// `st.chat_input`.
    ChatInput,
    /// `st.dataframe` with row selection.
    Dataframe,
    /// `st.data_editor`.
    DataEditor,
}

impl WidgetKind {
    /// Streamlit's name for the widget (`slider`, `text_input`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Button => "button",
            Self::Checkbox => "checkbox",
            Self::Toggle => "toggle",
            Self::Slider | Self::RangeSlider => "slider",
            Self::NumberInput => "number_input",
            Self::TextInput => "text_input",
            Self::TextArea => "text_area",
            Self::Selectbox => "selectbox",
            Self::Radio => "radio",
            Self::Multiselect => "multiselect",
            Self::SelectSlider => "select_slider",
            Self::Pills => "pills",
            Self::SegmentedControl => "segmented_control",
            Self::Feedback => "feedback",
            Self::DateInput => "date_input",
            Self::TimeInput => "time_input",
            Self::DateTimeInput => "datetime_input",
            Self::ColorPicker => "color_picker",
            Self::FileUploader => "file_uploader",
            Self::DownloadButton => "download_button",
            Self::ChatInput => "chat_input",
            Self::Dataframe => "dataframe",
            Self::DataEditor => "data_editor",
        }
    }
}

/// A widget's value as the renderer sees and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WidgetValue {
    /// Buttons (the trigger), checkboxes, toggles.
    Bool(bool),
    /// Integer sliders and number inputs.
    Int(i64),
    /// Float sliders and number inputs.
    Float(f64),
    /// Integer range sliders.
    IntRange(i64, i64),
    /// Float range sliders.
    FloatRange(f64, f64),
    /// Text inputs and areas.
    Text(String),
    /// Selectbox and radio: the index of the chosen option.
    Index(usize),
    /// Multiselect, pills, segmented control, feedback: the chosen options'
    /// indices (none, one or several); a select_slider range: `[low, high]`.
    Indices(Vec<usize>),
    /// `st.date_input`.
    Date(jiff::civil::Date),
    /// `st.date_input` with a range.
    DateRange(jiff::civil::Date, jiff::civil::Date),
    /// `st.time_input`.
    Time(jiff::civil::Time),
    /// `st.datetime_input`.
    DateTime(jiff::civil::DateTime),
    /// A date, time or datetime input made `.optional()`, with no value:
    /// the page receives `None`.
    Empty,
    /// A date range input made `.optional()`: either end may be empty.
    OptionalDateRange(Option<jiff::civil::Date>, Option<jiff::civil::Date>),
    /// `st.file_uploader`: the files given, in order.
    Files(Vec<UploadedFile>),
    /// A dataframe's selected rows (positions in its data, ascending).
    Rows(Vec<usize>),
    /// A data editor's edits.
    Edits(Box<crate::table::TableEdits>),
}

/// Parameters that shape how a widget is drawn and what values it accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "spec", rename_all = "snake_case")]
pub enum WidgetSpec {
    /// Buttons, checkboxes, toggles.
    Plain,
    /// Sliders and number inputs.
    Numeric {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Step between values.
        step: f64,
        /// Values are integers.
        integer: bool,
        /// printf-style display format (`%d`, `%.2f`), if given.
        format: Option<String>,
    },
    /// Number inputs with open bounds.
    Number {
        /// Lower bound, if any.
        min: Option<f64>,
        /// Upper bound, if any.
        max: Option<f64>,
        /// Step of the +/- buttons.
        step: f64,
        /// Values are integers.
        integer: bool,
        /// printf-style display format, if given.
        format: Option<String>,
    },
    /// Text inputs and areas.
    Text {
        /// Maximum number of characters, if limited.
        max_chars: Option<usize>,
        /// Grey hint shown while empty.
        placeholder: Option<String>,
        /// Mask the input (passwords).
        password: bool,
    },
    /// Primary and tertiary buttons (secondary ones are `Plain`).
    Button {
        /// How the button is drawn.
        kind: ButtonKind,
    },
    /// Selectbox and radio.
    Choice {
        /// The options' labels.
        options: Vec<String>,
        /// The options as JSON (what the page receives), for traces.
        values: Vec<serde_json::Value>,
        /// Lay radio options out horizontally.
        horizontal: bool,
    },
    /// Multiselect, select_slider, pills, segmented control (boxed to keep
    /// every element small).
    Options(Box<OptionsSpec>),
    /// `st.feedback`.
    Feedback {
        /// Thumbs, faces or stars.
        style: FeedbackStyle,
    },
    /// Date, time and datetime inputs.
    Date(DateSpec),
    /// `st.file_uploader`.
    Files(FilesSpec),
    /// `st.download_button` (boxed: it is the largest spec, and every
    /// element would pay for it).
    Download(Box<DownloadSpec>),
    /// `st.chat_input`.
    Chat(ChatSpec),
    /// Dataframes with selection and data editors: the table and how to show it.
    Table(Box<TableView>),
}

/// A widget in the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WidgetNode {
    /// Identity across runs; events name it.
    pub id: WidgetId,
    /// Which widget.
    pub kind: WidgetKind,
    /// The label.
    pub label: String,
    /// The user's key, if given.
    pub key: Option<String>,
    /// The value the page saw in this run.
    pub value: WidgetValue,
    /// Shape parameters.
    pub spec: WidgetSpec,
    /// Tooltip text.
    pub help: Option<String>,
    /// Greyed out, not interactive.
    pub disabled: bool,
    /// Changing it does not rerun the page (`on_change = "ignore"`): the value
    /// is delivered with the next rerun.
    pub ignore_change: bool,
    /// The key of the form it belongs to (FO-2): its edits stay in the
    /// renderer until that form is submitted. A button in a form is the
    /// form's submit button (plain buttons cannot be in forms, FO-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Label placement, width, height.
    #[serde(default)]
    pub look: WidgetLook,
}

/// A form (`st.form`, FO-1): its widgets' edits are batched until submit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Form {
    /// The form's key.
    pub form_id: String,
    /// After a submit, the widgets show their defaults again (FO-9).
    pub clear_on_submit: bool,
    /// Enter in a text or number field submits the form (FO-10).
    pub enter_to_submit: bool,
    /// Draw a border around the form.
    pub border: bool,
    /// The default value of each widget, for `clear_on_submit` (empty otherwise).
    pub defaults: Vec<(WidgetId, WidgetValue)>,
    /// Its elements.
    pub children: Vec<Node>,
}

impl Form {
    /// Every widget of the form, in render order (through columns and containers).
    pub fn widgets(&self) -> impl Iterator<Item = &WidgetNode> {
        let mut stack: Vec<&Node> = self.children.iter().rev().collect();
        std::iter::from_fn(move || {
            loop {
                let node = stack.pop()?;
                for child in node.element.children().iter().rev() {
                    stack.push(child);
                }
                if let Element::Columns { columns, .. } = &node.element {
                    for column in columns.iter().rev() {
                        stack.extend(column.children.iter().rev());
                    }
                }
                if let Element::Widget(w) = &node.element {
                    return Some(w);
                }
            }
        })
    }

    /// The submit buttons, in render order; the first is the one Enter
    /// presses (FO-10).
    pub fn submit_buttons(&self) -> impl Iterator<Item = &WidgetNode> {
        self.widgets().filter(|w| w.kind == WidgetKind::Button)
    }
}
