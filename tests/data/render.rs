//! Renderer tests for data elements: a real session runs the page, the
//! renderer draws its tree with egui_kittest, and what the user does goes
//! back to the session as events — the loop the desktop app runs.

use std::sync::Arc;

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::session::{Page, Session, SessionOptions};
use brook::table::{Column, SortOrder};
use brook::tree::{Event, Tree, WidgetValue};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

struct Live {
    session: Session,
    tree: Arc<Tree>,
    state: RenderState,
    generation: u64,
    events: Vec<Event>,
}

impl Live {
    /// Hands the events of the last frames to the session and publishes its new tree.
    fn settle(&mut self) -> Vec<Event> {
        let events = std::mem::take(&mut self.events);
        if !events.is_empty() {
            self.session.handle(events.clone());
            self.tree = self.session.tree().clone();
            self.generation += 2;
        }
        events
    }
}

fn live(page: impl Fn(&mut St<'_>) + Send + Sync + 'static) -> Harness<'static, Live> {
    let mut session = Session::new(vec![Page::new("main", page)], SessionOptions::default());
    session.handle(Vec::new());
    let tree = session.tree().clone();
    Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .build_ui_state(
            |ui, live: &mut Live| {
                let view = View::new(&live.tree).generation(live.generation);
                let events = draw(ui, &view, &mut live.state);
                live.events.extend(events);
            },
            Live {
                session,
                tree,
                state: RenderState::default(),
                generation: 1,
                events: Vec::new(),
            },
        )
}

/// The texts of the labels in column `x` range, top to bottom: a column as a user reads it.
fn column_texts(h: &Harness<'_, Live>, values: &[&str]) -> Vec<String> {
    let mut found: Vec<(f64, String)> = values
        .iter()
        .filter_map(|v| {
            let node = h.query_by_label(v)?;
            let y = node.accesskit_node().bounding_box()?.y0;
            Some((y, (*v).to_owned()))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.into_iter().map(|(_, v)| v).collect()
}

fn fruit(st: &mut St<'_>) {
    st.dataframe(&[("kiwi", 3), ("apple", 9), ("fig", 1)]);
}

#[test]
fn clicking_a_header_sorts_the_view_then_reverses_then_restores() {
    let mut h = live(fruit);
    h.run();
    let names = ["kiwi", "apple", "fig"];
    assert_eq!(column_texts(&h, &names), names);
    h.get_by_label("y").click();
    h.run();
    assert_eq!(column_texts(&h, &names), ["fig", "kiwi", "apple"]);
    h.get_by_label("y").click();
    h.run();
    assert_eq!(column_texts(&h, &names), ["apple", "kiwi", "fig"]);
    h.get_by_label("y").click();
    h.run();
    assert_eq!(column_texts(&h, &names), names);
    // Sorting is a view: nothing was sent to the page.
    assert!(h.state_mut().settle().is_empty());
}

#[test]
fn a_million_rows_lay_out_only_the_visible_ones_and_sort_on_a_worker() {
    let n = 1_000_000_i64;
    let big = Table::new(vec![
        Column::new("id", (0..n).map(|i| i + 10_000_000).collect::<Vec<_>>()),
        Column::new("score", (0..n).map(|i| n - 1 - i).collect::<Vec<_>>()),
    ])
    .expect("table");
    let mut h = live(move |st| {
        st.add(Dataframe::new(&big).hide_index(true));
    });
    h.run();
    let cells = h.query_all_by_role(egui::accesskit::Role::Label).count();
    assert!(cells < 200, "{cells} labels for a million rows");
    h.get_by_label("score").click();
    h.step();
    // The click returned at once: the order is being computed off the UI thread.
    let key = "main.0";
    let (col, order, pending) = h.state().state.table_sort(key).expect("sorting");
    assert_eq!((col, order), (1, SortOrder::Ascending));
    assert!(pending, "a million rows sort on the worker");
    // The worker wakes the window when done; each frame only polls.
    let mut frames = 0;
    while h.state().state.table_sort(key).is_some_and(|s| s.2) {
        h.step();
        frames += 1;
        assert!(frames < 1_000_000, "the sort never finished");
    }
    h.run();
    // Ascending score: the last row (score 0) is on top now.
    let top = column_texts(&h, &["10999999", "10000000"]);
    assert_eq!(top, ["10999999"]);
}

fn pick(st: &mut St<'_>) {
    let e = st.add(
        Dataframe::new(&[("kiwi", 3), ("apple", 9), ("fig", 1)])
            .selection(RowSelection::MultiRow)
            .key("fruit"),
    );
    st.text(format!("picked {:?}", e.selection.rows));
}

#[test]
fn clicking_a_row_selects_it_and_reruns_the_page() {
    let mut h = live(pick);
    h.run();
    h.get_by_label("apple").click();
    h.run();
    let events = h.state_mut().settle();
    assert!(
        matches!(&events[..], [Event::SetValue { value: WidgetValue::Rows(r), .. }] if r == &[1]),
        "{events:?}"
    );
    h.run();
    let _ = h.get_by_label("picked [1]");
    // Sorted, the same click picks the same data row.
    h.get_by_label("y").click();
    h.run();
    h.get_by_label("fig").click();
    h.run();
    h.state_mut().settle();
    h.run();
    let _ = h.get_by_label("picked [1, 2]");
}

fn prices(st: &mut St<'_>) {
    let edited = st.add(
        DataEditor::new(&[("pen", 1.5, true), ("ink", 4.0, false)])
            .key("prices")
            .num_rows(NumRows::Dynamic)
            .column_config("1", ColumnConfig::number().min(0.0)),
    );
    let total: f64 = (0..edited.num_rows())
        .filter_map(|r| edited.columns()[1].f64(r))
        .sum();
    st.text(format!("rows {} total {total}", edited.num_rows()));
}

#[test]
fn typing_into_a_cell_commits_on_enter_and_updates_the_page() {
    let mut h = live(prices);
    h.run();
    let _ = h.get_by_label("rows 2 total 5.5");
    h.get_by_label("4.0").click();
    h.run();
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    field.type_text("0"); // the field holds the value, "4": now "40"
    h.run();
    assert!(
        h.state_mut().settle().is_empty(),
        "nothing is sent while typing"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    let events = h.state_mut().settle();
    assert_eq!(events.len(), 1, "{events:?}");
    h.run();
    let _ = h.get_by_label("rows 2 total 41.5");
    h.get_by_label("1.5").click();
    h.run();
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    field.type_text("x");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    // "1.5x" is not a number: nothing is committed, the field stays open.
    assert!(h.state_mut().settle().is_empty());
    let _ = h.get_by_role(egui::accesskit::Role::TextInput);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_role(egui::accesskit::Role::TextInput).is_none());
}

#[test]
fn a_dynamic_editor_adds_and_deletes_rows() {
    let mut h = live(prices);
    h.run();
    h.get_by_label("+ Add row").click();
    h.run();
    h.state_mut().settle();
    h.run();
    let _ = h.get_by_label("rows 3 total 5.5");
    h.key_press(egui::Key::Escape);
    h.run();
    let deletes: Vec<_> = h.query_all_by_label("×").collect();
    assert_eq!(deletes.len(), 3);
    deletes[0].click();
    h.run();
    h.state_mut().settle();
    h.run();
    let _ = h.get_by_label("rows 2 total 4");
}

fn stock(st: &mut St<'_>) {
    let edited = st.add(
        DataEditor::new(&[("pen", 1.5, 3_i64)])
            .key("stock")
            .num_rows(NumRows::Dynamic)
            .column_config("0", ColumnConfig::text().label("Item").required(true))
            .column_config("1", ColumnConfig::number().label("Price").required(true)),
    );
    let n = edited.num_rows();
    st.text(format!("rows {n}"));
    let last = |c: &str| edited.value(n - 1, c).map(|v| format!("{v:?}"));
    st.text(format!("last {:?} {:?}", last("0"), last("1")));
}

#[test]
fn a_new_row_is_pending_until_its_required_cells_are_filled() {
    // Streamlit keeps an added row with empty required cells in the editor,
    // marked, and commits it only once they are filled.
    let mut h = live(stock);
    h.run();
    h.get_by_label("+ Add row").click();
    h.run();
    h.run();
    assert!(h.state_mut().settle().is_empty(), "nothing is committed");
    let _ = h.get_by_label(r#"The new row is not added yet: fill "Item" and "Price" to add it."#);
    let _ = h.get_by_label("new");
    // The first empty required cell is open: type the item.
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("pad");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(h.state_mut().settle().is_empty(), "still pending");
    let _ = h.get_by_label(r#"The new row is not added yet: fill "Price" to add it."#);
    let _ = h.get_by_label("rows 1");
    // Then the price, which completes the row: now it reaches the page.
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("2.5");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let events = h.state_mut().settle();
    assert_eq!(events.len(), 1, "{events:?}");
    h.run();
    let _ = h.get_by_label("rows 2");
    let _ = h.get_by_label(r#"last Some("Str(\"pad\")") Some("Float(2.5)")"#);
    assert!(h.query_by_label("new").is_none());
    assert!(
        h.query_by_label_contains("not added yet").is_none(),
        "no row is pending"
    );
}

#[test]
fn a_pending_row_can_be_deleted_and_an_empty_required_cell_is_refused() {
    let mut h = live(stock);
    h.run();
    h.get_by_label("+ Add row").click();
    h.run();
    // Leaving the required cell empty is refused: the field stays open.
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let _ = h.get_by_role(egui::accesskit::Role::TextInput);
    h.key_press(egui::Key::Escape);
    h.run();
    let deletes: Vec<_> = h.query_all_by_label("×").collect();
    assert_eq!(deletes.len(), 2, "the data row and the pending one");
    deletes[1].click();
    h.run();
    h.run();
    assert!(
        h.state_mut().settle().is_empty(),
        "nothing to tell the page"
    );
    assert!(h.query_by_label_contains("not added yet").is_none());
    let _ = h.get_by_label("rows 1");
}

#[test]
fn metrics_tables_and_charts_draw_what_the_page_said() {
    let mut h = live(|st| {
        st.add(
            Metric::new("Revenue", "$1,200")
                .delta("+8%")
                .help("this month")
                .chart_data([1.0, 3.0, 2.0]),
        );
        st.table(&[("north", 3), ("south", 5)]);
        st.add(
            BarChart::new(&[("a", vec![1, 2]), ("b", vec![3, 4])])
                .stack(brook::tree::Stack::Grouped),
        );
        st.area_chart(&[("a", vec![1.0, 2.0]), ("b", vec![3.0, 4.0])]);
    });
    h.run();
    for label in ["Revenue", "$1,200", "8%", "north", "south", "5"] {
        let _ = h.get_by_label(label);
    }
    // The legend is drawn outside the plots, one entry per series.
    assert_eq!(h.query_all_by_label("a").count(), 2);
    assert!(h.state_mut().settle().is_empty());
}

#[test]
fn snapshot_data_dashboard() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(820.0, 760.0))
        .with_theme(egui::Theme::Light)
        .build_ui_state(
            |ui, live: &mut Live| {
                let view = View::new(&live.tree).generation(live.generation);
                draw(ui, &view, &mut live.state);
            },
            {
                let mut session = Session::new(
                    vec![Page::new("main", |st: &mut St<'_>| {
                        let cols = st.columns(3);
                        st.with(cols[0], |st| st.metric("Revenue", "$12.4k", "8%"));
                        st.with(cols[1], |st| st.metric("Orders", 310, "-4"));
                        st.with(cols[2], |st| {
                            st.add(
                                Metric::new("Refunds", 7)
                                    .delta(2)
                                    .delta_color(brook::DeltaColor::Inverse)
                                    .border(true),
                            );
                        });
                        #[derive(serde::Serialize)]
                        struct Row {
                            product: &'static str,
                            units: i64,
                            price: f64,
                            stock: f64,
                            url: &'static str,
                        }
                        let rows = [
                            Row {
                                product: "Pen",
                                units: 120,
                                price: 1.5,
                                stock: 0.8,
                                url: "https://example.com/pen",
                            },
                            Row {
                                product: "Ink",
                                units: 45,
                                price: 4.25,
                                stock: 0.3,
                                url: "https://example.com/ink",
                            },
                            Row {
                                product: "Pad",
                                units: 80,
                                price: 2.0,
                                stock: 0.55,
                                url: "https://example.com/pad",
                            },
                        ];
                        st.add(
                            Dataframe::new(&rows)
                                .column_config("price", ColumnConfig::number().format("$%.2f"))
                                .column_config("stock", ColumnConfig::progress())
                                .column_config("url", ColumnConfig::link().display_text("open")),
                        );
                        st.add(BarChart::new(&rows).x("product").y(["units"]).height(160.0));
                    })],
                    SessionOptions::default(),
                );
                session.handle(Vec::new());
                let tree = session.tree().clone();
                Live {
                    session,
                    tree,
                    state: RenderState::default(),
                    generation: 1,
                    events: Vec::new(),
                }
            },
        );
    h.run();
    h.snapshot("data_dashboard");
}
