//! Renderer tests: hand-built trees drawn headlessly with egui_kittest,
//! driven by label, asserting the events the renderer sends and the tree it
//! shows afterwards.

mod common;
#[path = "support/render_app.rs"]
mod render_app;

use std::time::Duration;

use brook::egui;
use brook::render::View;
use brook::tree::{Element, Event, Tree, WidgetId, WidgetKind, WidgetSpec, WidgetValue};
use common::{button, checkbox, int_slider, node, text_input, widget};
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use render_app::{harness, harness_sized};

fn tree(widgets: Vec<brook::tree::WidgetNode>) -> Tree {
    Tree {
        main: widgets
            .into_iter()
            .enumerate()
            .map(|(i, w)| node(&format!("main.{i}"), Element::Widget(w)))
            .collect(),
        sidebar: Vec::new(),
        ..Default::default()
    }
}

fn id(kind: WidgetKind, key: &str) -> WidgetId {
    WidgetId::from(format!("$$ID-{}-{key}", kind.name()))
}

#[test]
fn clicking_a_button_sends_click_with_its_id() {
    let mut h = harness(tree(vec![
        button("Random ops", "random"),
        button("Other", "other"),
    ]));
    h.get_by_label("Random ops").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::Click {
            id: id(WidgetKind::Button, "random")
        }]
    );
}

#[test]
fn setting_a_slider_sends_one_set_value_and_the_new_tree_shows_it() {
    let mut h = harness(tree(vec![int_slider("Operand 1", "op1", 3, 1, 10)]));
    let slider = h.get_by_role_and_label(Role::Slider, "Operand 1");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(3.0));
    slider.set_value_accesskit(8.0);
    h.run();
    let events = h.state_mut().take();
    assert_eq!(
        events,
        vec![Event::SetValue {
            id: id(WidgetKind::Slider, "op1"),
            value: WidgetValue::Int(8)
        }]
    );
    // Until the runner publishes, the renderer shows the user's value.
    let op1 = id(WidgetKind::Slider, "op1");
    assert_eq!(h.state().state.local_edit(&op1), Some(&WidgetValue::Int(8)));

    // The runner publishes a tree carrying it: the local edit is dropped.
    h.state_mut().apply(&events);
    h.run();
    assert_eq!(h.state().state.local_edit(&op1), None);
    let slider = h.get_by_role_and_label(Role::Slider, "Operand 1");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(8.0));
    assert!(h.state_mut().take().is_empty());
}

#[test]
fn dragging_a_slider_commits_each_new_value() {
    let mut h = harness(tree(vec![int_slider("Operand 1", "op1", 1, 1, 10)]));
    let rect = h.get_by_role_and_label(Role::Slider, "Operand 1").rect();
    h.drag_at(rect.left_center() + egui::vec2(2.0, 0.0));
    h.run();
    h.hover_at(rect.right_center() - egui::vec2(2.0, 0.0));
    h.run();
    h.drop_at(rect.right_center() - egui::vec2(2.0, 0.0));
    h.run();
    let events = h.state_mut().take();
    assert_eq!(
        events.last(),
        Some(&Event::SetValue {
            id: id(WidgetKind::Slider, "op1"),
            value: WidgetValue::Int(10)
        }),
        "{events:?}"
    );
    assert!(events.len() <= 3, "one event per frame at most: {events:?}");
}

#[test]
fn a_text_input_commits_once_on_enter_and_not_before() {
    let mut h = harness(tree(vec![text_input("Name", "name", "")]));
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text("Ada");
    h.run();
    assert!(
        h.state_mut().take().is_empty(),
        "typing alone commits nothing"
    );
    assert_eq!(
        h.state()
            .state
            .local_edit(&id(WidgetKind::TextInput, "name")),
        Some(&WidgetValue::Text("Ada".to_owned()))
    );

    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::TextInput, "name"),
            value: WidgetValue::Text("Ada".to_owned())
        }]
    );
    // More frames send nothing more.
    h.run();
    assert!(h.state_mut().take().is_empty());
}

#[test]
fn a_text_input_commits_when_focus_leaves() {
    let mut h = harness(tree(vec![
        text_input("Name", "name", "x"),
        button("Go", "go"),
    ]));
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text("yz");
    h.run();
    assert!(h.state_mut().take().is_empty());
    h.get_by_label("Go").click();
    h.run();
    let events = h.state_mut().take();
    assert_eq!(
        events.first(),
        Some(&Event::SetValue {
            id: id(WidgetKind::TextInput, "name"),
            value: WidgetValue::Text("xyz".to_owned())
        }),
        "{events:?}"
    );
}

#[test]
fn leaving_an_unchanged_text_input_sends_nothing() {
    let mut h = harness(tree(vec![text_input("Name", "name", "same")]));
    h.get_by_label("Name").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state_mut().take().is_empty());
}

#[test]
fn disabled_widgets_emit_nothing() {
    let mut widgets = vec![
        button("Random ops", "random"),
        checkbox("Agree", "agree", false),
        int_slider("Operand 1", "op1", 3, 1, 10),
        text_input("Name", "name", ""),
    ];
    for w in &mut widgets {
        w.disabled = true;
    }
    let mut h = harness(tree(widgets));
    h.get_by_label("Random ops").click();
    h.run();
    h.get_by_label("Agree").click();
    h.run();
    h.get_by_role_and_label(Role::Slider, "Operand 1")
        .set_value_accesskit(9.0);
    h.run();
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text("x");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let events = h.state_mut().take();
    assert!(events.is_empty(), "{events:?}");
    assert!(h.get_by_label("Random ops").accesskit_node().is_disabled());
}

#[test]
fn a_checkbox_toggles_and_sends_its_new_value() {
    let mut h = harness(tree(vec![checkbox("Agree", "agree", false)]));
    h.get_by_label("Agree").click();
    h.run();
    assert_eq!(
        h.get_by_label("Agree").accesskit_node().toggled(),
        Some(Toggled::True)
    );
    let events = h.state_mut().take();
    assert_eq!(
        events,
        vec![Event::SetValue {
            id: id(WidgetKind::Checkbox, "agree"),
            value: WidgetValue::Bool(true)
        }]
    );
    h.state_mut().apply(&events);
    h.run();
    h.get_by_label("Agree").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::Checkbox, "agree"),
            value: WidgetValue::Bool(false)
        }]
    );
}

#[test]
fn a_toggle_is_a_switch_named_by_its_label() {
    let toggle = widget(
        WidgetKind::Toggle,
        "Dark",
        "dark",
        WidgetValue::Bool(false),
        WidgetSpec::Plain,
    );
    let mut h = harness(tree(vec![toggle]));
    let switch = h.get_by_role_and_label(Role::Switch, "Dark");
    switch.click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::Toggle, "dark"),
            value: WidgetValue::Bool(true)
        }]
    );
}

fn choice(kind: WidgetKind, label: &str, key: &str, horizontal: bool) -> brook::tree::WidgetNode {
    widget(
        kind,
        label,
        key,
        WidgetValue::Index(0),
        WidgetSpec::Choice {
            options: vec!["Red".to_owned(), "Green".to_owned(), "Blue".to_owned()],
            values: vec!["red".into(), "green".into(), "blue".into()],
            horizontal,
        },
    )
}

#[test]
fn a_selectbox_sends_the_chosen_index() {
    let mut h = harness(tree(vec![choice(
        WidgetKind::Selectbox,
        "Colour",
        "colour",
        false,
    )]));
    h.get_by_label("Colour").click();
    h.run();
    h.get_by_label("Blue").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::Selectbox, "colour"),
            value: WidgetValue::Index(2)
        }]
    );
}

#[test]
fn a_radio_sends_the_chosen_index() {
    let mut h = harness(tree(vec![choice(
        WidgetKind::Radio,
        "Colour",
        "colour",
        true,
    )]));
    h.get_by_label("Green").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::Radio, "colour"),
            value: WidgetValue::Index(1)
        }]
    );
}

fn number_input() -> brook::tree::WidgetNode {
    widget(
        WidgetKind::NumberInput,
        "Count",
        "count",
        WidgetValue::Int(5),
        WidgetSpec::Number {
            min: Some(0.0),
            max: Some(10.0),
            step: 1.0,
            integer: true,
            format: None,
        },
    )
}

#[test]
fn number_input_plus_and_minus_commit_at_once() {
    let mut h = harness(tree(vec![number_input()]));
    h.get_by_label("Count +").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::NumberInput, "count"),
            value: WidgetValue::Int(6)
        }]
    );
    h.get_by_label("Count −").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::NumberInput, "count"),
            value: WidgetValue::Int(5)
        }]
    );
}

#[test]
fn a_range_slider_has_two_named_handles() {
    let range = widget(
        WidgetKind::RangeSlider,
        "Price",
        "price",
        WidgetValue::IntRange(20, 80),
        WidgetSpec::Numeric {
            min: 0.0,
            max: 100.0,
            step: 1.0,
            integer: true,
            format: None,
        },
    );
    let mut h = harness(tree(vec![range]));
    h.get_by_label("Price high").set_value_accesskit(90.0);
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::RangeSlider, "price"),
            value: WidgetValue::IntRange(20, 90)
        }]
    );
    h.get_by_label("Price low").set_value_accesskit(10.0);
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::SetValue {
            id: id(WidgetKind::RangeSlider, "price"),
            value: WidgetValue::IntRange(10, 90)
        }]
    );
}

#[test]
fn help_text_is_a_tooltip() {
    let mut b = button("Random ops", "random");
    b.help = Some("Sets both operands at random".to_owned());
    let mut h = harness(tree(vec![b]));
    h.get_by_label("Random ops").hover();
    h.run();
    let _ = h.get_by_label("Sets both operands at random");
}

#[test]
fn an_idle_frame_requests_no_repaint() {
    let mut h = harness(common::slider_chart(100));
    h.run();
    h.step();
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        Duration::MAX
    );
    assert!(h.state_mut().take().is_empty());
}

#[test]
fn stale_elements_dim_only_after_the_delay() {
    let mut h = harness(common::slider_chart(10));
    h.state_mut().running_for = Some(Duration::from_millis(20));
    h.state_mut().generation += 1;
    h.step();
    // Not dimmed yet, but a repaint is due when the delay has passed.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay <= brook::render::STALE_DELAY && delay > Duration::ZERO,
        "{delay:?}"
    );
    let view = View::new(&h.state().tree).running_for(Some(Duration::from_millis(20)));
    assert!(!view.dims_stale());
    let view = view.running_for(Some(Duration::from_millis(200)));
    assert!(view.dims_stale());
    // Widgets stay interactive while dimmed: the runner interrupts the run.
    h.state_mut().running_for = Some(Duration::from_millis(200));
    h.run();
    h.get_by_label("Random ops").click();
    h.run();
    assert_eq!(h.state_mut().take().len(), 1);
}

#[test]
fn several_pages_give_a_navigation_list_that_switches_page() {
    let mut h = harness(tree(vec![button("Random ops", "random")]));
    h.state_mut().pages = vec!["Chart".to_owned(), "Settings".to_owned()];
    h.run();
    h.get_by_label("Settings").click();
    h.run();
    assert_eq!(h.state_mut().take(), vec![Event::SwitchPage(1)]);
    // The current page is not a switch.
    h.get_by_label("Chart").click();
    h.run();
    assert!(h.state_mut().take().is_empty());
}

#[test]
fn a_sidebar_tree_is_drawn_in_the_side_panel() {
    let mut t = tree(vec![button("Main button", "main")]);
    t.sidebar = vec![node(
        "sidebar.0",
        Element::Widget(button("Side button", "side")),
    )];
    let mut h = harness(t);
    h.run();
    h.get_by_label("Side button").click();
    h.run();
    assert_eq!(
        h.state_mut().take(),
        vec![Event::Click {
            id: id(WidgetKind::Button, "side")
        }]
    );
}

#[test]
fn every_element_kind_draws_without_events() {
    // Tall: every element is in sight, so every kind is drawn.
    let mut h = harness_sized(common::gallery(), egui::vec2(640.0, 4000.0));
    h.run();
    assert!(h.state_mut().take().is_empty());
    let _ = h.get_by_label("Details"); // the exception's collapsed detail
}

#[test]
fn a_value_sent_during_a_run_survives_the_interrupted_runs_publication() {
    let mut h = harness(tree(vec![int_slider("Operand 1", "op1", 3, 1, 10)]));
    let op1 = id(WidgetKind::Slider, "op1");
    // A slow run is in flight when the user moves the slider.
    h.state_mut().running_for = Some(Duration::from_secs(1));
    h.run();
    h.get_by_role_and_label(Role::Slider, "Operand 1")
        .set_value_accesskit(8.0);
    h.run();
    let events = h.state_mut().take();
    assert_eq!(events.len(), 1);
    // The runner interrupts that run and publishes its (old) tree, idle for
    // a moment before the next run starts: the slider must not jump back.
    h.state_mut().running_for = None;
    h.state_mut().generation += 1;
    h.run();
    assert_eq!(h.state().state.local_edit(&op1), Some(&WidgetValue::Int(8)));
    // The next run starts, then ends carrying the value.
    h.state_mut().running_for = Some(Duration::ZERO);
    h.state_mut().generation += 1;
    h.run();
    h.state_mut().running_for = None;
    h.state_mut().apply(&events);
    h.run();
    assert_eq!(h.state().state.local_edit(&op1), None);
    let slider = h.get_by_role_and_label(Role::Slider, "Operand 1");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(8.0));
}

#[test]
fn a_callback_that_overrides_a_committed_value_wins_once_its_run_ends() {
    let mut h = harness(tree(vec![int_slider("Operand 1", "op1", 3, 1, 10)]));
    let op1 = id(WidgetKind::Slider, "op1");
    h.get_by_role_and_label(Role::Slider, "Operand 1")
        .set_value_accesskit(8.0);
    h.run();
    assert_eq!(h.state_mut().take().len(), 1);
    // The run starts, a callback sets op1 to 5, the run ends.
    h.state_mut().running_for = Some(Duration::ZERO);
    h.state_mut().generation += 1;
    h.run();
    h.state_mut().running_for = None;
    let set5 = vec![Event::SetValue {
        id: op1.clone(),
        value: WidgetValue::Int(5),
    }];
    h.state_mut().apply(&set5);
    h.run();
    assert_eq!(h.state().state.local_edit(&op1), None);
    let slider = h.get_by_role_and_label(Role::Slider, "Operand 1");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(5.0));
}
