//! Hand-built trees shared by the renderer tests and benchmarks.
#![allow(dead_code, missing_docs)]

use brook::tree::{
    AlertKind, Chart, ExceptionInfo, Mark, Node, NodeId, Series, Tree, WidgetId, WidgetKind,
    WidgetNode, WidgetSpec, WidgetValue,
};

pub fn node(path: &str, element: brook::tree::Element) -> Node {
    Node {
        id: NodeId::new(path),
        element,
    }
}

pub fn widget(
    kind: WidgetKind,
    label: &str,
    key: &str,
    value: WidgetValue,
    spec: WidgetSpec,
) -> WidgetNode {
    WidgetNode {
        id: WidgetId::from(format!("$$ID-{}-{key}", kind.name())),
        kind,
        label: label.to_owned(),
        key: Some(key.to_owned()),
        value,
        spec,
        help: None,
        disabled: false,
        ignore_change: false,
        form: None,
        look: Default::default(),
    }
}

pub fn int_slider(label: &str, key: &str, value: i64, min: i64, max: i64) -> WidgetNode {
    widget(
        WidgetKind::Slider,
        label,
        key,
        WidgetValue::Int(value),
        WidgetSpec::Numeric {
            min: min as f64,
            max: max as f64,
            step: 1.0,
            integer: true,
            format: None,
        },
    )
}

pub fn button(label: &str, key: &str) -> WidgetNode {
    widget(
        WidgetKind::Button,
        label,
        key,
        WidgetValue::Bool(false),
        WidgetSpec::Plain,
    )
}

pub fn text_input(label: &str, key: &str, value: &str) -> WidgetNode {
    widget(
        WidgetKind::TextInput,
        label,
        key,
        WidgetValue::Text(value.to_owned()),
        WidgetSpec::Text {
            max_chars: None,
            placeholder: None,
            password: false,
        },
    )
}

pub fn checkbox(label: &str, key: &str, value: bool) -> WidgetNode {
    widget(
        WidgetKind::Checkbox,
        label,
        key,
        WidgetValue::Bool(value),
        WidgetSpec::Plain,
    )
}

/// The seed example's page after some runs: a button, two sliders, a
/// caption and a line chart of `n` points.
pub fn slider_chart(n: usize) -> Tree {
    let history: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let x = i as f64;
            [x, ((i * 7919) % 100 + 1) as f64]
        })
        .collect();
    Tree {
        main: vec![
            node(
                "main.0",
                brook::tree::Element::Widget(button("Random ops", "random")),
            ),
            node(
                "main.1",
                brook::tree::Element::Widget(int_slider("Operand 1", "op1", 3, 1, 10)),
            ),
            node(
                "main.2",
                brook::tree::Element::Widget(int_slider("Operand 2", "op2", 7, 1, 10)),
            ),
            node(
                "main.3",
                brook::tree::Element::Caption {
                    body: "Product: 21".to_owned(),
                },
            ),
            node(
                "main.4",
                brook::tree::Element::Chart(Chart {
                    mark: Mark::Line,
                    series: vec![Series {
                        name: "value".to_owned(),
                        points: history,
                        base: Vec::new(),
                        color: None,
                    }],
                    x_axis: brook::tree::Axis::Index,
                    x_label: None,
                    y_label: None,
                    height: 250.0,
                    stack: brook::tree::Stack::Stacked,
                    horizontal: false,
                    bar_width: 0.0,
                }),
            ),
        ],
        sidebar: Vec::new(),
        ..Default::default()
    }
}

/// Alerts of every kind and an exception with detail.
pub fn alerts_and_exception() -> Tree {
    use brook::tree::Element;
    let alert = |i: usize, alert: AlertKind, body: &str| {
        node(
            &format!("main.{i}"),
            Element::Alert {
                alert,
                body: body.to_owned(),
            },
        )
    };
    Tree {
        main: vec![
            node(
                "main.0",
                Element::Heading {
                    level: brook::tree::HeadingLevel::Header,
                    body: "Alerts".to_owned(),
                },
            ),
            alert(1, AlertKind::Error, "Something **failed**."),
            alert(2, AlertKind::Warning, "Careful: this is a warning."),
            alert(3, AlertKind::Info, "Just so you know."),
            alert(4, AlertKind::Success, "It worked."),
            node(
                "main.5",
                Element::Exception(ExceptionInfo {
                    type_name: "KeyError".to_owned(),
                    message: "session state has no key \"count\".".to_owned(),
                    location: Some("examples/counter.rs:12:5".to_owned()),
                    detail: Some("0: counter::page\n1: brook::session::run".to_owned()),
                }),
            ),
        ],
        sidebar: Vec::new(),
        ..Default::default()
    }
}

/// One of every element kind, for smoke tests and the gallery snapshot.
pub fn gallery() -> Tree {
    use brook::tree::{Column, Element, HeadingLevel};
    let series = |name: &str, k: f64| Series {
        name: name.to_owned(),
        points: (0..12)
            .map(|i| [i as f64, (i as f64 * k).sin() * 5.0 + 6.0])
            .collect(),
        base: Vec::new(),
        color: None,
    };
    let chart = |mark: Mark, n: usize| {
        Element::Chart(Chart {
            mark,
            series: (0..n)
                .map(|i| series(&format!("s{i}"), 0.5 + i as f64 * 0.3))
                .collect(),
            x_axis: brook::tree::Axis::Index,
            x_label: Some("x".to_owned()),
            y_label: None,
            height: 140.0,
            stack: brook::tree::Stack::Layered,
            horizontal: false,
            bar_width: 0.0,
        })
    };
    let mut main = vec![
        Element::Heading {
            level: HeadingLevel::Title,
            body: "Gallery".to_owned(),
        },
        Element::Heading {
            level: HeadingLevel::Subheader,
            body: "Text".to_owned(),
        },
        Element::Markdown {
            body: "Some **bold** and `code`, a [link](https://example.com).\n\n- one\n- two"
                .to_owned(),
        },
        Element::Text {
            body: "fixed width".to_owned(),
        },
        Element::Caption {
            body: "a caption".to_owned(),
        },
        Element::Code {
            body: "fn main() {\n    println!(\"hi\");\n}".to_owned(),
            language: Some("rs".to_owned()),
        },
        Element::Divider,
        Element::Json {
            value: serde_json::json!({"a": 1, "b": [true, null, "x"], "c": {}}),
        },
        Element::Widget(checkbox("Agree", "agree", true)),
        Element::Widget(widget(
            WidgetKind::Toggle,
            "Dark",
            "dark",
            WidgetValue::Bool(false),
            WidgetSpec::Plain,
        )),
        Element::Widget({
            let mut w = text_input("Name", "name", "Ada");
            w.help = Some("What we call you".to_owned());
            w
        }),
        Element::Widget(widget(
            WidgetKind::TextArea,
            "Notes",
            "notes",
            WidgetValue::Text("line one\nline two".to_owned()),
            WidgetSpec::Text {
                max_chars: Some(100),
                placeholder: Some("Write here".to_owned()),
                password: false,
            },
        )),
        Element::Widget(widget(
            WidgetKind::RangeSlider,
            "Range",
            "range",
            WidgetValue::FloatRange(0.25, 0.75),
            WidgetSpec::Numeric {
                min: 0.0,
                max: 1.0,
                step: 0.01,
                integer: false,
                format: Some("%.2f".to_owned()),
            },
        )),
        Element::Widget(widget(
            WidgetKind::NumberInput,
            "Count",
            "count",
            WidgetValue::Float(2.5),
            WidgetSpec::Number {
                min: None,
                max: None,
                step: 0.5,
                integer: false,
                format: None,
            },
        )),
        Element::Widget(widget(
            WidgetKind::Selectbox,
            "Colour",
            "colour",
            WidgetValue::Index(1),
            WidgetSpec::Choice {
                options: vec!["Red".to_owned(), "Green".to_owned()],
                values: vec!["red".into(), "green".into()],
                horizontal: false,
            },
        )),
        Element::Widget(widget(
            WidgetKind::Radio,
            "Size",
            "size",
            WidgetValue::Index(0),
            WidgetSpec::Choice {
                options: vec!["S".to_owned(), "M".to_owned(), "L".to_owned()],
                values: vec!["s".into(), "m".into(), "l".into()],
                horizontal: true,
            },
        )),
        chart(Mark::Line, 2),
        chart(Mark::Bar, 2),
        chart(Mark::Area, 1),
        chart(Mark::Scatter, 1),
        Element::Columns {
            columns: vec![
                Column {
                    weight: 2.0,
                    children: vec![node("main.c.0.0", Element::Widget(button("Left", "left")))],
                },
                Column {
                    weight: 1.0,
                    children: vec![node(
                        "main.c.1.0",
                        Element::Widget(button("Right", "right")),
                    )],
                },
            ],
            gap: 8.0,
            vertical_alignment: brook::tree::VerticalAlignment::Top,
            border: false,
        },
        Element::Container {
            border: true,
            height: None,
            children: vec![node(
                "main.k.0",
                Element::Text {
                    body: "in a box".to_owned(),
                },
            )],
        },
        Element::Expander {
            label: "More".to_owned(),
            expanded: false,
            icon: None,
            children: vec![node(
                "main.e.0",
                Element::Text {
                    body: "hidden".to_owned(),
                },
            )],
        },
        Element::Empty {
            children: Vec::new(),
        },
        Element::Egui {
            draw: Some(brook::tree::EguiFn(std::sync::Arc::new(|ui| {
                ui.label("raw egui");
            }))),
        },
    ];
    let mut tree = alerts_and_exception();
    let mut nodes: Vec<Node> = main
        .drain(..)
        .enumerate()
        .map(|(i, e)| node(&format!("main.g{i}"), e))
        .collect();
    nodes.append(&mut tree.main);
    Tree {
        main: nodes,
        sidebar: Vec::new(),
        ..Default::default()
    }
}
