//! Data on the page (issue 13), measured in one run on the same machine:
//!
//! 1. **Which table widget**: the same 5-column table (header, visible rows
//!    as labels, resizable columns) drawn with egui_extras' `TableBuilder`
//!    and with `egui_table`, at 100 and 1,000,000 rows, scrolled to the top
//!    and to the middle. Chooses what `st.dataframe` is built on.
//! 2. **Frame time** of a brook page with a 1,000,000 × 5 dataframe vs the
//!    same page with 100 rows (target ≤ 1.2x).
//! 3. **Rerun** of that page, the data built once and cached, vs the
//!    100-row page (target ≤ 1.1x).
//! 4. **Sorting** a million rows by a header click: the longest frame while
//!    the sort runs (target: never more than one frame, i.e. no stall).
//!
//! Run with `cargo bench --bench data`. Figures are medians; ratios are
//! against a baseline measured in the same run.

#![allow(clippy::disallowed_methods)] // a benchmark measures wall time: `Instant::now` is the point

use std::hint::black_box;
use std::time::{Duration, Instant};

use brook::egui;
use brook::table::{Column, Date};

const ROW_HEIGHT: f32 = 22.0;
const VIEW_HEIGHT: f32 = 400.0;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1024.0, 768.0),
        )),
        ..Default::default()
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn frame(ctx: &egui::Context, ui: impl FnMut(&mut egui::Ui)) -> Duration {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(), ui);
    let shapes = std::mem::take(&mut output.shapes);
    black_box(ctx.tessellate(shapes, output.pixels_per_point));
    let elapsed = start.elapsed();
    output.drop_without_applying_deltas();
    elapsed
}

/// `n` rows of five typed columns: id, score, name, flag, day.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap
)]
fn data(n: usize) -> Table {
    let ids: Vec<i64> = (0..n as i64).collect();
    let scores: Vec<f64> = (0..n).map(|i| ((i * 7919) % 10_007) as f64 / 7.0).collect();
    let names: Vec<String> = (0..n)
        .map(|i| format!("item {}", (i * 31) % 9973))
        .collect();
    let flags: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
    let days: Vec<Date> = (0..n).map(|i| Date(19_000 + (i % 2000) as i32)).collect();
    Table::new(vec![
        Column::new("id", ids),
        Column::new("score", scores),
        Column::new("name", names),
        Column::new("flag", flags),
        Column::new("day", days),
    ])
    .expect("equal lengths")
}

fn cell_text(t: &Table, row: usize, col: usize) -> String {
    t.columns()[col].cell(row).to_string()
}

/// egui_extras' `TableBuilder`, as an egui user writes it.
fn table_builder(ui: &mut egui::Ui, t: &Table, scroll_to: Option<usize>) {
    use egui_extras::{Column as TbColumn, TableBuilder};
    egui::CentralPanel::default().show(ui, |ui| {
        let mut b = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .max_scroll_height(VIEW_HEIGHT)
            .animate_scrolling(false)
            .columns(TbColumn::initial(140.0).resizable(true).clip(true), 5);
        if let Some(row) = scroll_to {
            b = b.scroll_to_row(row, Some(egui::Align::Center));
        }
        b.header(ROW_HEIGHT, |mut h| {
            for c in t.columns() {
                h.col(|ui| {
                    ui.strong(c.name());
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, t.num_rows(), |mut row| {
                let r = row.index();
                for c in 0..5 {
                    row.col(|ui| {
                        ui.label(cell_text(t, r, c));
                    });
                }
            });
        });
    });
}

struct Delegate<'a> {
    t: &'a Table,
}

impl egui_table::TableDelegate for Delegate<'_> {
    fn header_cell_ui(&mut self, ui: &mut egui::Ui, cell: &egui_table::HeaderCellInfo) {
        ui.strong(self.t.columns()[cell.col_range.start].name());
    }

    fn cell_ui(&mut self, ui: &mut egui::Ui, cell: &egui_table::CellInfo) {
        let row = usize::try_from(cell.row_nr).unwrap_or(0);
        if row % 2 == 1 {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().faint_bg_color);
        }
        ui.label(cell_text(self.t, row, cell.col_nr));
    }

    fn default_row_height(&self) -> f32 {
        ROW_HEIGHT
    }
}

/// `egui_table`, as its demo writes it (it fills the space it is given).
fn egui_table_ui(ui: &mut egui::Ui, t: &Table, scroll_to: Option<usize>) {
    egui::CentralPanel::default().show(ui, |ui| {
        let size = egui::vec2(ui.available_width(), VIEW_HEIGHT + ROW_HEIGHT);
        ui.allocate_ui(size, |ui| {
            let mut table = egui_table::Table::new()
                .num_rows(t.num_rows() as u64)
                .columns(vec![egui_table::Column::new(140.0).resizable(true); 5])
                .headers([egui_table::HeaderRow::new(ROW_HEIGHT)]);
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row as u64, Some(egui::Align::Center));
            }
            table.show(ui, &mut Delegate { t });
        });
    });
}

fn compare_widgets() {
    println!(
        "## 1. Table widget: egui_extras TableBuilder vs egui_table (ui + tessellation per frame)"
    );
    println!();
    println!("| rows | scrolled | TableBuilder | egui_table | egui_table / TableBuilder |");
    println!("|---|---|---|---|---|");
    for n in [100_usize, 1_000_000] {
        let t = data(n);
        for scroll in [None, Some(n / 2)] {
            let (tb_ctx, et_ctx) = (egui::Context::default(), egui::Context::default());
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for i in 0..230 {
                let ta = frame(&tb_ctx, |ui| table_builder(ui, &t, scroll));
                let tb = frame(&et_ctx, |ui| egui_table_ui(ui, &t, scroll));
                if i >= 30 {
                    a.push(ta);
                    b.push(tb);
                }
            }
            let (a, b) = (median(&mut a), median(&mut b));
            println!(
                "| {n} | {} | {:.1} µs | {:.1} µs | {:.2}x |",
                if scroll.is_some() { "middle" } else { "top" },
                a.as_secs_f64() * 1e6,
                b.as_secs_f64() * 1e6,
                b.as_secs_f64() / a.as_secs_f64()
            );
        }
    }
}

// ---- 2-4: a brook page with a million-row dataframe ----------------------

use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::session::{Page, Session, SessionOptions};
use brook::tree::{Event, Tree};

/// The page's data, built once per size and cached: every run shares it.
#[brook::cache_data]
fn cached(n: usize) -> Table {
    data(n)
}

fn page(n: usize) -> Session {
    let mut s = Session::new(
        vec![Page::new("data", move |st: &mut St<'_>| {
            st.title("Orders");
            st.metric("Rows", n, "");
            st.dataframe(&cached(n));
        })],
        SessionOptions::default(),
    );
    s.handle(Vec::new());
    s
}

fn draw_frame(
    ctx: &egui::Context,
    tree: &Tree,
    state: &mut RenderState,
    input: egui::RawInput,
) -> (Duration, egui::FullOutput) {
    let start = Instant::now();
    let mut output = ctx.run_ui(input, |ui| {
        black_box(draw(ui, &View::new(tree).generation(1), state));
    });
    let shapes = std::mem::take(&mut output.shapes);
    black_box(ctx.tessellate(shapes, output.pixels_per_point));
    (start.elapsed(), output)
}

fn page_frames() {
    println!();
    println!("## 2. Frame of a page with a dataframe (ui + tessellation)");
    println!();
    println!("| case | 1,000,000 × 5 | 100 × 5 | ratio | target |");
    println!("|---|---|---|---|---|");
    let (big, small) = (page(1_000_000), page(100));
    let (big_tree, small_tree) = (big.tree().clone(), small.tree().clone());
    let (bc, sc) = (egui::Context::default(), egui::Context::default());
    let (mut bs, mut ss) = (RenderState::default(), RenderState::default());
    let (mut b, mut s) = (Vec::new(), Vec::new());
    for i in 0..330 {
        let (tb, o) = draw_frame(&bc, &big_tree, &mut bs, input());
        o.drop_without_applying_deltas();
        let (ts, o) = draw_frame(&sc, &small_tree, &mut ss, input());
        o.drop_without_applying_deltas();
        if i >= 30 {
            b.push(tb);
            s.push(ts);
        }
    }
    let (b, s) = (median(&mut b), median(&mut s));
    println!(
        "| frame | {:.1} µs | {:.1} µs | {:.2}x | <= 1.2x |",
        b.as_secs_f64() * 1e6,
        s.as_secs_f64() * 1e6,
        b.as_secs_f64() / s.as_secs_f64()
    );

    // 3. A rerun: event in, page run, tree published (the table cached).
    let (mut big, mut small) = (big, small);
    let (mut b, mut s) = (Vec::new(), Vec::new());
    for i in 0..1030 {
        let t = Instant::now();
        black_box(big.handle(vec![Event::Rerun]));
        let tb = t.elapsed();
        let t = Instant::now();
        black_box(small.handle(vec![Event::Rerun]));
        let ts = t.elapsed();
        if i >= 30 {
            b.push(tb);
            s.push(ts);
        }
    }
    let (b, s) = (median(&mut b), median(&mut s));
    println!(
        "| rerun (cached data) | {:.1} µs | {:.1} µs | {:.2}x | <= 1.1x |",
        b.as_secs_f64() * 1e6,
        s.as_secs_f64() * 1e6,
        b.as_secs_f64() / s.as_secs_f64()
    );
}

/// The screen position of the accessible node named `name` in `output`.
fn find_node(output: &egui::FullOutput, name: &str) -> Option<egui::Pos2> {
    let update = output.platform_output.accesskit_update.as_ref()?;
    update.nodes.iter().find_map(|(_, node)| {
        (node.label() == Some(name)).then(|| {
            let b = node.bounds()?;
            #[allow(clippy::cast_possible_truncation)]
            Some(egui::pos2(
                ((b.x0 + b.x1) / 2.0) as f32,
                ((b.y0 + b.y1) / 2.0) as f32,
            ))
        })?
    })
}

fn click_at(pos: egui::Pos2) -> Vec<egui::RawInput> {
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    vec![
        egui::RawInput {
            events: vec![egui::Event::PointerMoved(pos)],
            ..input()
        },
        egui::RawInput {
            events: vec![button(true)],
            ..input()
        },
        egui::RawInput {
            events: vec![button(false)],
            ..input()
        },
    ]
}

fn sort_stall() {
    println!();
    println!("## 4. Sorting 1,000,000 rows by a header click");
    println!();
    let session = page(1_000_000);
    let tree = session.tree().clone();
    let ctx = egui::Context::default();
    ctx.enable_accesskit();
    let mut state = RenderState::default();
    let mut normal = Vec::new();
    let mut header = None;
    for i in 0..60 {
        let (t, o) = draw_frame(&ctx, &tree, &mut state, input());
        if header.is_none() {
            header = find_node(&o, "score");
        }
        o.drop_without_applying_deltas();
        if i >= 10 {
            normal.push(t);
        }
    }
    let normal = median(&mut normal);
    let Some(pos) = header else {
        println!("no `score` header found");
        return;
    };
    let start = Instant::now();
    let mut frames = Vec::new();
    for inp in click_at(pos) {
        let (t, o) = draw_frame(&ctx, &tree, &mut state, inp);
        o.drop_without_applying_deltas();
        frames.push(t);
    }
    let key = "main.2";
    let began = state.table_sort(key);
    while state.table_sort(key).is_some_and(|s| s.2) {
        let (t, o) = draw_frame(&ctx, &tree, &mut state, input());
        o.drop_without_applying_deltas();
        frames.push(t);
        std::thread::yield_now();
    }
    let sorted_after = start.elapsed();
    let (t, o) = draw_frame(&ctx, &tree, &mut state, input());
    o.drop_without_applying_deltas();
    frames.push(t);
    let longest = frames.iter().max().copied().unwrap_or_default();
    // What the stall would be if the sort ran in the frame.
    let t = Instant::now();
    black_box(
        brook::table::SortJob::start(
            &cached(1_000_000),
            1,
            brook::table::SortOrder::Ascending,
            || {},
        )
        .wait(),
    );
    let inline = t.elapsed();
    println!("| figure | value |");
    println!("|---|---|");
    println!("| sort started by the click | {began:?} |");
    println!(
        "| normal frame (median) | {:.1} µs |",
        normal.as_secs_f64() * 1e6
    );
    println!(
        "| longest frame from the click to the sorted view ({} frames) | {:.1} µs = {:.2} of a 60 Hz frame |",
        frames.len(),
        longest.as_secs_f64() * 1e6,
        longest.as_secs_f64() * 60.0
    );
    println!(
        "| click to sorted view on screen | {:.1} ms |",
        sorted_after.as_secs_f64() * 1e3
    );
    println!(
        "| the same sort done inside one frame would stall it for | {:.1} ms |",
        inline.as_secs_f64() * 1e3
    );
}

fn main() {
    compare_widgets();
    page_frames();
    sort_stall();
}
