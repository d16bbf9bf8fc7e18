//! File uploaders and download buttons. Dialogs and file reads run through
//! the [`Dialogs`](crate::render::dialogs::Dialogs) backend, never on the UI
//! thread; their results are polled here each frame.

use egui::{Color32, RichText, Stroke};

use super::icons::{Icon, icon_button};
use super::{field_label, field_width, finish, with_help};
use crate::render::Cx;
use crate::render::dialogs::Picked;
use crate::render::inputs::DropTarget;
use crate::tree::{
    Event, FilesSpec, UploadedFile, WidgetNode, WidgetSpec, WidgetValue, size_display,
};

fn files(value: &WidgetValue) -> &[UploadedFile] {
    match value {
        WidgetValue::Files(files) => files,
        _ => &[],
    }
}

/// The uploader's files after `picked` arrived: several-file uploaders add
/// them (a file with the same name is replaced), one-file uploaders keep the
/// last. Refusals go to `errors`.
fn merge(
    spec: &FilesSpec,
    current: &[UploadedFile],
    picked: Picked,
    errors: &mut Vec<String>,
) -> Option<Vec<UploadedFile>> {
    let mut new = Vec::new();
    for result in picked {
        match result {
            Ok(file) => new.push(file),
            Err(e) => errors.push(e),
        }
    }
    if new.is_empty() {
        return None;
    }
    if !spec.multiple {
        if new.len() > 1 {
            errors.push("Only one file can be uploaded here; the last one was kept.".to_owned());
        }
        return new.pop().map(|f| vec![f]);
    }
    let mut files: Vec<UploadedFile> = current
        .iter()
        .filter(|f| !new.iter().any(|n| n.name() == f.name()))
        .cloned()
        .collect();
    files.extend(new);
    Some(files)
}

/// `st.file_uploader`: a drop zone with "Browse files", the files given
/// (each removable) and why files were refused.
pub(super) fn file_uploader(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let WidgetSpec::Files(spec) = &widget.spec else {
        return;
    };
    let current: Vec<UploadedFile> = files(cx.value(widget)).to_vec();

    // Files picked or dropped earlier may have arrived.
    if let Some(result) = cx
        .state
        .inputs
        .picking
        .get(&widget.id)
        .and_then(|p| p.poll())
    {
        cx.state.inputs.picking.remove(&widget.id);
        let mut errors = Vec::new();
        let picked = result.unwrap_or_else(|()| vec![Err("The file dialog failed.".to_owned())]);
        let next = merge(spec, &current, picked, &mut errors);
        cx.state
            .inputs
            .file_errors
            .insert(widget.id.clone(), errors);
        if let Some(next) = next {
            cx.commit(widget, WidgetValue::Files(next), false);
        }
    }

    let label = field_label(ui, widget);
    let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    let width = field_width(ui, widget);
    let waiting = cx.state.inputs.picking.contains_key(&widget.id);
    let stroke = if hovering {
        Stroke::new(2.0, ui.visuals().selection.stroke.color)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    let zone = egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(width - 16.0);
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    ui.label(if hovering {
                        "Drop files here"
                    } else {
                        "Drag and drop files here"
                    });
                    let mut limit = format!("Limit {} per file", size_display(spec.max_bytes));
                    if !spec.types.is_empty() {
                        let types: Vec<String> =
                            spec.types.iter().map(|t| t.to_uppercase()).collect();
                        limit.push_str(&format!(" • {}", types.join(", ")));
                    }
                    ui.label(RichText::new(limit).small().weak());
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let browse = ui.add_enabled(!waiting, egui::Button::new("Browse files"));
                    let browse = finish(browse, &label, widget);
                    if waiting {
                        ui.add(egui::Spinner::new());
                    }
                    if browse.clicked() {
                        let pending =
                            cx.state
                                .inputs
                                .dialogs
                                .pick_files(ui.ctx(), &widget.label, spec);
                        cx.state.inputs.picking.insert(widget.id.clone(), pending);
                        ui.ctx().request_repaint();
                    }
                });
            });
        });
    if ui.is_enabled() {
        cx.state.inputs.drop_targets.push(DropTarget {
            id: widget.id.clone(),
            rect: zone.response.rect,
            spec: spec.clone(),
        });
    }

    let mut remove = None;
    for (i, file) in current.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(file.name());
            ui.label(RichText::new(size_display(file.size())).small().weak());
            let x = icon_button(ui, Icon::Cross, &format!("Remove {}", file.name()), false);
            if x.on_hover_text("Remove this file").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(errors) = cx.state.inputs.file_errors.get(&widget.id) {
        for e in errors {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
    }
    if let Some(i) = remove {
        let mut next = current;
        next.remove(i);
        cx.state.inputs.file_errors.remove(&widget.id);
        cx.commit(widget, WidgetValue::Files(next), false);
    }
}

/// Files dropped onto the window this frame go to the uploader under the
/// pointer, else to the first one on the page; they are read off the UI
/// thread. Called once per frame after the page is drawn.
pub(crate) fn route_drops(ctx: &egui::Context, cx: &mut Cx<'_, '_>) {
    let (dropped, pointer) = ctx.input(|i| (i.raw.dropped_files.clone(), i.pointer.latest_pos()));
    let targets = std::mem::take(&mut cx.state.inputs.drop_targets);
    if dropped.is_empty() {
        return;
    }
    let target = pointer
        .and_then(|p| targets.iter().find(|t| t.rect.contains(p)))
        .or_else(|| targets.first());
    let Some(target) = target else { return };
    let paths = dropped.iter().map(|f| f.path().to_path_buf()).collect();
    let pending = cx
        .state
        .inputs
        .dialogs
        .read_dropped(ctx, &target.spec, paths);
    cx.state.inputs.picking.insert(target.id.clone(), pending);
    ctx.request_repaint();
}

/// `st.download_button`: saves through the save dialog; sends a click (a
/// rerun) only when the button asks for it.
pub(super) fn download_button(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let WidgetSpec::Download(spec) = &widget.spec else {
        return;
    };
    if let Some(result) = cx
        .state
        .inputs
        .saving
        .get(&widget.id)
        .and_then(|p| p.poll())
    {
        cx.state.inputs.saving.remove(&widget.id);
        let status = match result {
            Ok(Ok(Some(path))) => Some(Ok(format!("Saved {}", path.display()))),
            Ok(Ok(None)) => None,
            Ok(Err(e)) => Some(Err(e)),
            Err(()) => Some(Err("The save dialog failed.".to_owned())),
        };
        match status {
            Some(status) => cx.state.inputs.saved.insert(widget.id.clone(), status),
            None => cx.state.inputs.saved.remove(&widget.id),
        };
    }
    let saving = cx.state.inputs.saving.contains_key(&widget.id);
    let response = ui
        .horizontal(|ui| {
            let response = ui.add_enabled(!saving, egui::Button::new(widget.label.as_str()));
            if saving {
                ui.add(egui::Spinner::new());
            }
            response
        })
        .inner;
    let response = with_help(response, widget);
    if response.clicked() {
        let pending = cx
            .state
            .inputs
            .dialogs
            .save_file(ui.ctx(), &spec.file_name, &spec.data);
        cx.state.inputs.saving.insert(widget.id.clone(), pending);
        cx.state.inputs.saved.remove(&widget.id);
        ui.ctx().request_repaint();
        if spec.rerun {
            cx.events.push(Event::Click {
                id: widget.id.clone(),
            });
        }
    }
    match cx.state.inputs.saved.get(&widget.id) {
        Some(Ok(text)) => {
            ui.label(
                RichText::new(text)
                    .small()
                    .color(Color32::from_rgb(33, 195, 84)),
            );
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).small().color(ui.visuals().error_fg_color));
        }
        None => {}
    }
}
