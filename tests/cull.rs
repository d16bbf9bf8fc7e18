//! The renderer draws only what is in sight (issue 17): a long page costs
//! what its visible part costs, while scroll positions and the scroll bar
//! stay those of the whole page. Drawn headlessly with egui_kittest.

mod common;

use brook::egui;
use brook::render::{RenderState, View, draw};
use brook::tree::{Element, Event, Node, Tree, WidgetValue};
use common::{node, text_input};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

struct App {
    tree: Tree,
    state: RenderState,
    events: Vec<Event>,
}

fn harness(tree: Tree, height: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(640.0, height))
        // A wheel scroll animates over a few frames.
        .with_max_steps(64)
        .build_ui_state(
            |ui, app: &mut App| {
                let view = View::new(&app.tree).generation(1);
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            App {
                tree,
                state: RenderState::default(),
                events: Vec::new(),
            },
        )
}

fn rows(n: usize) -> Vec<Node> {
    (0..n)
        .map(|i| {
            node(
                &format!("main.{i}"),
                Element::Text {
                    body: format!("Row {i}"),
                },
            )
        })
        .collect()
}

fn page(main: Vec<Node>) -> Tree {
    Tree {
        main,
        ..Tree::default()
    }
}

/// The texts drawn in the last frame.
fn drawn_texts(h: &Harness<'_, App>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|s| match &s.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

/// Scrolls the main area by `points`, exactly: a touch-pad gesture (start,
/// move, then end in a later frame), which egui applies without smoothing.
fn wheel(h: &mut Harness<'_, App>, points: f32) {
    let event = |phase, delta: f32| egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -delta),
        phase,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Unknown,
    };
    // No coasting after the gesture: the scroll is exactly `points`.
    h.ctx
        .all_styles_mut(|s| s.spacing.scroll.kinetic.decay_time = 0.0);
    h.hover_at(egui::pos2(320.0, 200.0));
    h.event(event(egui::TouchPhase::Start, 0.0));
    h.event(event(egui::TouchPhase::Move, points));
    h.step();
    h.event(event(egui::TouchPhase::End, 0.0));
    h.run();
}

#[test]
fn a_long_page_draws_only_the_rows_in_sight() {
    let mut h = harness(page(rows(10_000)), 480.0);
    h.run();
    let texts = drawn_texts(&h);
    assert!(texts.iter().any(|t| t == "Row 0"));
    assert!(
        texts.len() < 60,
        "{} texts drawn for a 480-point window",
        texts.len()
    );
    assert!(h.query_by_label("Row 9999").is_none());
}

#[test]
fn the_end_of_a_long_page_is_reached_exactly_where_the_whole_page_ends() {
    // If skipped rows were given the wrong height, the scroll range would be
    // too long (blank space under the last row) or too short (cut off): the
    // last row would not end where it ends when every row is drawn.
    let last_row = |culling: bool| {
        let mut h = harness(page(rows(2_000)), 480.0);
        h.state_mut().state.set_culling(culling);
        h.run();
        wheel(&mut h, 1.0e7);
        h.get_by_label("Row 1999").rect()
    };
    let all = last_row(false);
    assert!(all.bottom() <= 480.0, "the whole page scrolled to its end");
    let culled = last_row(true);
    assert!(
        (culled.bottom() - all.bottom()).abs() < 0.5,
        "the last row ends at {} (drawing every row: {})",
        culled.bottom(),
        all.bottom()
    );
}

#[test]
fn rows_are_where_they_would_be_if_every_row_were_drawn() {
    // The same window and the same scroll, once drawing every row (the
    // reference) and once only those in sight: each row drawn must be at
    // the same place, and far fewer rows drawn.
    let n = 400;
    let scrolled = |culling: bool| {
        let mut h = harness(page(rows(n)), 480.0);
        h.state_mut().state.set_culling(culling);
        h.run();
        wheel(&mut h, 3_000.0);
        (0..n)
            .filter_map(|i| {
                let label = format!("Row {i}");
                let top = h.query_by_label(&label)?.rect().top();
                Some((i, top))
            })
            .collect::<Vec<_>>()
    };
    let all = scrolled(false);
    let culled = scrolled(true);
    assert_eq!(all.len(), n, "the reference draws every row");
    assert!(culled.len() < 60, "{} rows drawn", culled.len());
    assert!(culled[0].0 > 50, "scrolled past row {}", culled[0].0);
    for &(i, y) in &culled {
        assert_eq!(y, all[i].1, "Row {i}");
    }
}

#[test]
fn a_text_input_keeps_the_focus_and_the_typing_while_scrolled_out_of_sight() {
    // egui drops the focus of a widget that is not drawn: the renderer keeps
    // drawing the one the user is typing in, wherever it is.
    let mut main = vec![node(
        "main.0",
        Element::Widget(text_input("Name", "name", "")),
    )];
    main.extend(rows(3_000).into_iter().enumerate().map(|(i, mut n)| {
        n.id = format!("main.{}", i + 1).into();
        n
    }));
    let mut h = harness(page(main), 480.0);
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("ab");
    h.run();
    wheel(&mut h, 20_000.0);
    h.run();
    assert!(h.query_by_label("Row 0").is_none(), "scrolled away");
    wheel(&mut h, -20_000.0);
    h.run();
    let name = h.get_by_label("Name");
    assert!(name.is_focused(), "the focus survived the scroll");
    name.type_text("c");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let sent: Vec<Event> = std::mem::take(&mut h.state_mut().events);
    assert!(
        sent.iter().any(|e| matches!(
            e,
            Event::SetValue { value: WidgetValue::Text(t), .. } if t == "abc"
        )),
        "{sent:?}"
    );
}

/// `n` rows under `parent` (`parent.0`, `parent.1`, ...).
fn rows_under(parent: &str, n: usize) -> Vec<Node> {
    (0..n)
        .map(|i| {
            node(
                &format!("{parent}.{i}"),
                Element::Text {
                    body: format!("{parent} row {i}"),
                },
            )
        })
        .collect()
}

#[test]
fn containers_with_a_height_expanders_and_tabs_draw_only_what_is_in_sight() {
    let tab = |id: &str| {
        node(
            id,
            Element::Container {
                border: false,
                height: None,
                children: rows_under(id, 2_000),
            },
        )
    };
    let pages = [
        node(
            "main.0",
            Element::Container {
                border: true,
                height: Some(150.0),
                children: rows_under("main.0", 2_000),
            },
        ),
        node(
            "main.0",
            Element::Expander {
                label: "More".to_owned(),
                expanded: true,
                icon: None,
                children: rows_under("main.0", 2_000),
            },
        ),
        node(
            "main.0",
            Element::Tabs {
                labels: vec!["A".to_owned(), "B".to_owned()],
                children: vec![tab("main.0.0"), tab("main.0.1")],
            },
        ),
    ];
    for (element, rows_of) in pages.into_iter().zip(["main.0", "main.0", "main.0.0"]) {
        let kind = element.element.kind_name();
        let mut h = harness(page(vec![element]), 1_000.0);
        h.run();
        let drawn = drawn_texts(&h)
            .iter()
            .filter(|t| t.starts_with(&format!("{rows_of} row ")))
            .count();
        assert!(
            (1..100).contains(&drawn),
            "{drawn} of the 2,000 rows of the {kind} drawn"
        );
        assert!(h.query_by_label(&format!("{rows_of} row 0")).is_some());
        assert!(h.query_by_label(&format!("{rows_of} row 1999")).is_none());
    }
}
