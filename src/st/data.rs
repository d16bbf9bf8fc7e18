//! Data on the page: `st.dataframe` (interactive, sortable, selectable),
//! `st.table` (static) and `st.data_editor` (editable cells, added and
//! deleted rows). All take any [`TableData`]: a [`Table`] (shared, no copy),
//! structs, column maps, pairs, or a polars `DataFrame`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::St;
use super::widgets::{External, Widget, external_callback};
use crate::error::{Error, Result};
use crate::session::run::Callback;
use crate::session::{IntoPageResult, raise};
use crate::table::{
    ColumnConfig, RowSelection, Table, TableData, TableEdits, TableError, TableView,
};
use crate::tree::{Element, WidgetKind, WidgetSpec, WidgetValue};

/// The rows a user selected in a dataframe: positions in its data,
/// ascending, whatever order the view is sorted in. The widget's value,
/// kept in session state under the dataframe's key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataframeSelection {
    /// Selected rows.
    pub rows: Vec<usize>,
}

/// What a dataframe returns (Streamlit's selection event): the selection
/// and the selected rows themselves.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataframeEvent {
    /// `event.selection.rows`.
    pub selection: DataframeSelection,
    /// The selected rows of the data, in data order.
    pub selected_rows: Table,
}

/// Options shared by dataframes and data editors.
#[derive(Clone, Default)]
struct TableOptions {
    key: Option<String>,
    height: Option<f32>,
    hide_index: Option<bool>,
    configs: Vec<(String, ColumnConfig)>,
    order: Option<Vec<String>>,
    on_change: Option<Callback>,
    help: Option<String>,
}

impl TableOptions {
    fn view(&self, table: Table) -> Result<TableView> {
        let mut view = TableView::build(table, &self.configs, self.order.as_deref())?;
        view.height = self.height.map(|h| h.max(40.0));
        view.hide_index = self.hide_index.unwrap_or(false);
        Ok(view)
    }
}

/// The schema part of an unkeyed table widget's identity (WS-1): the data
/// itself is not hashed (a million rows would cost every run), its shape is.
fn shape_identity(table: &Table) -> String {
    let mut s = format!("{}", table.num_rows());
    for c in table.columns() {
        s.push('|');
        s.push_str(c.name());
        s.push(':');
        s.push_str(c.data_type().name());
    }
    s
}

macro_rules! table_options {
    ($ty:ident) => {
        impl $ty {
            /// Gives it an identity of its own (WS-2) and binds its value
            /// (selection or edits) to this session-state key (WS-4).
            #[inline]
            pub fn key(mut self, key: impl Into<String>) -> Self {
                self.options.key = Some(key.into());
                self
            }

            /// Height in points (default: up to ten rows, then it scrolls).
            #[inline]
            pub fn height(mut self, height: f32) -> Self {
                self.options.height = Some(height);
                self
            }

            /// Hides the index column (or the row numbers when the data has no index).
            #[inline]
            pub fn hide_index(mut self, hide: bool) -> Self {
                self.options.hide_index = Some(hide);
                self
            }

            /// Configures column `name`: kind (text, number, checkbox,
            /// progress, link, date), label, width, help, format, hidden.
            /// A name the data does not have raises EL-6's error.
            #[inline]
            pub fn column_config(mut self, name: impl Into<String>, config: ColumnConfig) -> Self {
                self.options.configs.push((name.into(), config));
                self
            }

            /// Shows only these columns, in this order.
            #[inline]
            pub fn column_order<S: Into<String>>(
                mut self,
                names: impl IntoIterator<Item = S>,
            ) -> Self {
                self.options.order = Some(names.into_iter().map(Into::into).collect());
                self
            }

            /// A tooltip shown on hover.
            #[inline]
            pub fn help(mut self, help: impl Into<String>) -> Self {
                self.options.help = Some(help.into());
                self
            }

            /// Runs `f` before the page body when the user changes the
            /// value (the selection, or an edit) (EX-4).
            #[inline]
            pub fn on_change<F, R>(mut self, f: F) -> Self
            where
                F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
                R: IntoPageResult,
            {
                self.options.on_change = Some(external_callback(f));
                self
            }
        }
    };
}

/// An interactive table (`st.dataframe`): only the visible rows are laid
/// out, so a million rows scroll smoothly; click a header to sort the view
/// (the data is not changed, as in Streamlit), drag a header's edge to
/// resize a column. With [`selection`](Self::selection) the user selects
/// rows: the page reruns and receives them (Streamlit's `on_select="rerun"`).
///
/// ```
/// use brook::prelude::*;
/// use brook::testing::AppTest;
///
/// #[derive(serde::Serialize)]
/// struct City { name: &'static str, population: u32 }
///
/// fn page(st: &mut St) {
///     let cities = [City { name: "Lyon", population: 522_000 }, City { name: "Nice", population: 342_000 }];
///     let event = st.add(Dataframe::new(&cities).selection(RowSelection::MultiRow).key("cities"));
///     st.text(format!("selected {:?}", event.selection.rows));
/// }
///
/// let mut at = AppTest::new(page);
/// at.run();
/// at.select_rows("cities", &[1]).run();
/// assert_eq!(at.texts(), ["selected [1]"]);
/// ```
#[must_use = "show it with `st.add(..)`"]
#[derive(Clone)]
pub struct Dataframe {
    data: std::result::Result<Table, TableError>,
    options: TableOptions,
    selection: RowSelection,
}

impl Dataframe {
    /// A dataframe of `data` (converted once, here).
    pub fn new(data: &(impl TableData + ?Sized)) -> Self {
        Self {
            data: data.to_table(),
            options: TableOptions::default(),
            selection: RowSelection::None,
        }
    }

    /// Lets the user select rows (single or many); each change reruns the
    /// page, and [`St::add`] returns the selection.
    #[inline]
    pub fn selection(mut self, mode: RowSelection) -> Self {
        self.selection = mode;
        self
    }
}

table_options!(Dataframe);

impl Widget for Dataframe {
    type Output = DataframeEvent;

    fn show(self, st: &mut St<'_>) -> Result<DataframeEvent> {
        st.checkpoint();
        let table = self.data?;
        let mut view = self.options.view(table.clone())?;
        view.selection = self.selection;
        if self.selection == RowSelection::None {
            if let Some(key) = &self.options.key
                && !st.run.state.claim_key(key)
            {
                return Err(Error::DuplicateKey { key: key.clone() });
            }
            st.push(Element::Dataframe(Box::new(view)));
            return Ok(DataframeEvent {
                selection: DataframeSelection::default(),
                selected_rows: table.take(&[]),
            });
        }
        let rows = table.num_rows();
        let single = self.selection == RowSelection::SingleRow;
        let mode = format!("{:?}", self.selection);
        let selection = st.register_external(External {
            kind: WidgetKind::Dataframe,
            label: String::new(),
            key: self.options.key,
            help: self.options.help,
            disabled: false,
            on_change: self.options.on_change,
            identity: format!("{}|{mode}", shape_identity(&table)),
            keyed_identity: mode,
            default: DataframeSelection::default(),
            validate: Box::new(move |s: &DataframeSelection| {
                if let Some(r) = s.rows.iter().find(|&&r| r >= rows) {
                    return Err(Error::invalid(
                        "dataframe",
                        format!("selected row {r} does not exist: the data has {rows} rows"),
                    ));
                }
                if single && s.rows.len() > 1 {
                    return Err(Error::invalid(
                        "dataframe",
                        format!(
                            "{} rows selected in a single-row dataframe: select one row at most",
                            s.rows.len()
                        ),
                    ));
                }
                Ok(())
            }),
            to_value: Box::new(|s| Ok(WidgetValue::Rows(s.rows.clone()))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Rows(r) => {
                    let mut rows: Vec<usize> = r.iter().copied().filter(|&i| i < rows).collect();
                    rows.sort_unstable();
                    rows.dedup();
                    if single {
                        rows.truncate(1);
                    }
                    Some(DataframeSelection { rows })
                }
                _ => None,
            }),
            spec: WidgetSpec::Table(Box::new(view)),
        })?;
        // A keyed selection outlives a change of the data: rows that are
        // gone are dropped.
        let valid: Vec<usize> = selection
            .rows
            .iter()
            .copied()
            .filter(|&r| r < rows)
            .collect();
        Ok(DataframeEvent {
            selected_rows: table.take(&valid),
            selection: DataframeSelection { rows: valid },
        })
    }
}

/// How many rows a data editor has (Streamlit's `num_rows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumRows {
    /// The rows of the data, no more, no fewer (`"fixed"`).
    #[default]
    Fixed,
    /// The user can add and delete rows (`"dynamic"`).
    Dynamic,
}

/// An editable table (`st.data_editor`): returns the data with the user's
/// edits applied. The edits are the widget's value ([`TableEdits`]: edited,
/// added and deleted rows), kept in session state under its key and
/// validated against the data's column types. Column kinds and options come
/// from [`ColumnConfig`] (`disabled`, `min` / `max`, `required`, ...).
///
/// ```
/// use brook::prelude::*;
/// use brook::testing::AppTest;
///
/// fn page(st: &mut St) {
///     let prices = vec![("pen", 1.5), ("ink", 4.0)]; // columns x (the index) and y
///     let edited = st.add(DataEditor::new(&prices).key("prices"));
///     let total: f64 = (0..edited.num_rows()).filter_map(|r| edited.columns()[1].f64(r)).sum();
///     st.text(format!("total {total}"));
/// }
///
/// let mut at = AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["total 5.5"]);
/// at.edit_cell("prices", 1, "y", 10.0).run();
/// assert_eq!(at.texts(), ["total 11.5"]);
/// ```
#[must_use = "show it with `st.add(..)`"]
#[derive(Clone)]
pub struct DataEditor {
    data: std::result::Result<Table, TableError>,
    options: TableOptions,
    num_rows: NumRows,
    disabled: bool,
}

impl DataEditor {
    /// An editor of `data` (converted once, here).
    pub fn new(data: &(impl TableData + ?Sized)) -> Self {
        Self {
            data: data.to_table(),
            options: TableOptions::default(),
            num_rows: NumRows::Fixed,
            disabled: false,
        }
    }

    /// Lets the user add and delete rows (`NumRows::Dynamic`).
    #[inline]
    pub fn num_rows(mut self, num_rows: NumRows) -> Self {
        self.num_rows = num_rows;
        self
    }

    /// Greys the editor out: no cell can be edited.
    #[inline]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

table_options!(DataEditor);

impl Widget for DataEditor {
    type Output = Table;

    fn show(self, st: &mut St<'_>) -> Result<Table> {
        st.checkpoint();
        let table = self.data?;
        let mut view = self.options.view(table.clone())?;
        view.editable = true;
        view.dynamic_rows = self.num_rows == NumRows::Dynamic;
        let dynamic = view.dynamic_rows;
        let base = table.clone();
        // For the required columns (a view's clone shares the data).
        let required = view.clone();
        let edits = st.register_external(External {
            kind: WidgetKind::DataEditor,
            label: String::new(),
            key: self.options.key,
            help: self.options.help,
            disabled: self.disabled,
            on_change: self.options.on_change,
            identity: format!("{}|{dynamic}", shape_identity(&table)),
            keyed_identity: String::new(),
            default: TableEdits::default(),
            validate: Box::new(move |e: &TableEdits| {
                if !dynamic && (!e.added_rows.is_empty() || !e.deleted_rows.is_empty()) {
                    return Err(Error::invalid(
                        "data_editor",
                        "rows were added or deleted in a data editor with a fixed number of rows: \
                         use `.num_rows(NumRows::Dynamic)` to allow it",
                    ));
                }
                e.validate(&base).map_err(Error::from)?;
                e.check_required(&required).map_err(Error::from)
            }),
            to_value: Box::new(|e| Ok(WidgetValue::Edits(Box::new(e.clone())))),
            convert: Arc::new(|wv| match wv {
                WidgetValue::Edits(e) => Some((**e).clone()),
                _ => None,
            }),
            spec: WidgetSpec::Table(Box::new(view)),
        })?;
        Ok(edits.apply(&table)?)
    }
}

/// In a form a data editor's edits, like any field's, reach the page when
/// the form is submitted (FO-2); with an `on_change` callback it raises
/// FO-3's error, as every field does.
impl crate::st::FormWidget for DataEditor {
    type Output = Table;
    fn show_in_form(self, form: &mut crate::st::Form<'_, '_>) -> Result<Table> {
        self.show(form.st())
    }
}

/// A dataframe in a form: shown as anywhere; with a selection, the selection
/// reaches the page when the form is submitted (FO-2).
impl crate::st::FormWidget for Dataframe {
    type Output = DataframeEvent;
    fn show_in_form(self, form: &mut crate::st::Form<'_, '_>) -> Result<DataframeEvent> {
        self.show(form.st())
    }
}

impl St<'_> {
    /// An interactive, view-only table of `data` (`st.dataframe`): sort by
    /// clicking a header, resize columns, scroll any number of rows. Use
    /// [`Dataframe`] for options and row selection.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let scores = std::collections::BTreeMap::from([("alice", vec![3, 5]), ("bob", vec![4, 1])]);
    /// st.dataframe(&scores);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn dataframe(&mut self, data: &(impl TableData + ?Sized)) {
        if let Err(e) = Dataframe::new(data).show(self) {
            raise(e);
        }
    }

    /// A static table of `data`, every row laid out (`st.table`): for small
    /// data. Above 1,000 rows it shows the first 1,000 and says how many
    /// more there are (use [`dataframe`](Self::dataframe) for big data).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.table(&[("Lyon", 522_000), ("Nice", 342_000)]);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn table(&mut self, data: &(impl TableData + ?Sized)) {
        if let Err(e) = self.try_table(data) {
            raise(e);
        }
    }

    /// [`table`](Self::table), returning the error instead of raising it.
    pub fn try_table(&mut self, data: &(impl TableData + ?Sized)) -> Result<()> {
        self.checkpoint();
        let view = TableView::build(data.to_table()?, &[], None)?;
        self.push(Element::Table(Box::new(view)));
        Ok(())
    }

    /// An editable table of `data` (`st.data_editor`); returns the edited
    /// data. Use [`DataEditor`] for options (key, column config, dynamic rows).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let edited = st.data_editor(&[1.0, 2.5]);
    /// assert_eq!(edited.num_rows(), 2);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn data_editor(&mut self, data: &(impl TableData + ?Sized)) -> Table {
        self.add(DataEditor::new(data))
    }
}
