//! The conformance trace: each step's action and what a user would see, as
//! JSON (`../shared/conformance/README.md` describes the format).

use serde_json::{Value, json};

use super::*;

impl AppTest {
    /// The recorded steps as the conformance trace JSON
    /// (`{"app": name, "steps": [...]}`).
    pub fn trace(&self, app: &str) -> Value {
        json!({"app": app, "steps": self.steps})
    }

    pub(super) fn record_step(&mut self, action: Value, report: Option<&RunReport>) {
        let tree = self.session.tree().clone();
        // The kind of the first execution: a widget in a fragment reruns
        // only that fragment (FR-1); an edit in a form runs nothing (FO-2).
        let (run, executions) = match report {
            Some(r) => (
                r.executions.first().map_or(json!("none"), |e| json!(e)),
                json!(r.executions),
            ),
            None => (json!("none"), json!([])),
        };
        let state = self.session.state().to_json();
        let counters: serde_json::Map<String, Value> = state
            .as_object()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| k.starts_with("n_"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let exceptions: Vec<Value> = self
            .exceptions()
            .iter()
            .map(|e| json!({"type": e.type_name, "message": e.message}))
            .collect();
        let auto_rerun: Vec<Value> = self
            .session
            .fragments()
            .into_iter()
            .filter_map(|f| {
                f.run_every
                    .map(|every| json!({"fragment_id": f.id.0, "interval": every.as_secs_f64()}))
            })
            .collect();
        let mut step = json!({
            "i": self.steps.len(),
            "action": action,
            "run": run,
            "executions": executions,
            "main": nodes_json(&tree.main),
            "sidebar": nodes_json(&tree.sidebar),
            "session_state": state,
            "exceptions": exceptions,
            "counters": counters,
            "warnings": self.session.take_warnings(),
        });
        let pending = self.pending_form_edits();
        if !pending.is_empty() {
            step["pending_form_edits"] = json!(pending);
        }
        if !auto_rerun.is_empty() {
            step["auto_rerun"] = json!(auto_rerun);
        }
        self.steps.push(step);
    }
}

/// A widget's value as the page received it, as JSON.
pub fn widget_json_value(w: &WidgetNode) -> Value {
    if let WidgetSpec::Options(_)
    | WidgetSpec::Feedback { .. }
    | WidgetSpec::Date(_)
    | WidgetSpec::Files(_) = &w.spec
    {
        return inputs::json_value(w);
    }
    match (&w.value, &w.spec) {
        (WidgetValue::Index(i), WidgetSpec::Choice { values, .. }) => {
            values.get(*i).cloned().unwrap_or(Value::Null)
        }
        (WidgetValue::Bool(b), _) => json!(b),
        (WidgetValue::Int(i), _) => json!(i),
        (WidgetValue::Float(f), _) => json!(f),
        (WidgetValue::IntRange(a, b), _) => json!([a, b]),
        (WidgetValue::FloatRange(a, b), _) => json!([a, b]),
        (WidgetValue::Text(s), _) => json!(s),
        (WidgetValue::Index(i), _) => json!(i),
        (WidgetValue::Rows(r), _) => json!({"rows": r}),
        (WidgetValue::Edits(e), _) => serde_json::to_value(e).unwrap_or_default(),
        _ => inputs::json_value(w),
    }
}

fn nodes_json(nodes: &[Node]) -> Vec<Value> {
    nodes.iter().map(node_json).collect()
}

fn node_json(node: &Node) -> Value {
    match &node.element {
        Element::Text { body } => json!({"kind": "text", "body": body}),
        Element::Markdown { body } => json!({"kind": "markdown", "body": body}),
        Element::Widget(w) => {
            let mut v =
                json!({"kind": w.kind.name(), "label": w.label, "value": widget_json_value(w)});
            // FO-7's default submit key is not one the user gave.
            if let Some(key) = w.key.as_ref().filter(|k| !k.starts_with("FormSubmitter:")) {
                v["key"] = json!(key);
            }
            if w.form.is_some() && w.kind == WidgetKind::Button {
                v["form_submitter"] = json!(true);
            }
            v
        }
        Element::Chart(c) => {
            let mut data = serde_json::Map::new();
            for s in &c.series {
                if !matches!(c.x_axis, crate::tree::Axis::Index) {
                    data.insert(
                        "x".to_owned(),
                        json!(s.points.iter().map(|p| p[0]).collect::<Vec<_>>()),
                    );
                }
                data.insert(
                    s.name.clone(),
                    json!(s.points.iter().map(|p| p[1]).collect::<Vec<_>>()),
                );
            }
            json!({"kind": "chart", "mark": c.mark.name(), "data": data})
        }
        Element::Columns { columns, .. } => json!({
            "kind": "columns",
            "count": columns.len(),
            "columns": columns.iter().map(|c| nodes_json(&c.children)).collect::<Vec<_>>(),
        }),
        Element::Exception(e) => {
            json!({"kind": "exception", "type": e.type_name, "message": e.message})
        }
        Element::Dataframe(view) | Element::Table(view) => {
            let mut v = data::view_json(view);
            v["kind"] = json!(node.element.kind_name());
            v
        }
        Element::Container { children, .. } | Element::Empty { children } => {
            json!({"kind": "container", "children": nodes_json(children)})
        }
        Element::Form(f) => json!({
            "kind": "form",
            "form_id": f.form_id,
            "clear_on_submit": f.clear_on_submit,
            "children": nodes_json(&f.children),
        }),
        Element::Fragment { children, .. } => {
            json!({"kind": "fragment", "children": nodes_json(children)})
        }
        Element::Dialog(d) => json!({
            "kind": "dialog",
            "title": d.title,
            "open": d.open,
            "children": nodes_json(&d.children),
        }),
        Element::Expander {
            label, children, ..
        } => {
            json!({"kind": "expander", "label": label, "children": nodes_json(children)})
        }
        Element::ChatMessage { role, children, .. } => {
            json!({"kind": "chat_message", "role": role, "children": nodes_json(children)})
        }
        other => {
            let mut v = serde_json::to_value(other).unwrap_or_else(|_| json!({}));
            v["kind"] = json!(other.kind_name());
            v
        }
    }
}
