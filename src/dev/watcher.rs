//! Watching the package's files for saves, with `notify`.

use std::path::{Component, Path, PathBuf};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::DevError;

/// Watches a package directory and calls back with each changed file that
/// can change the build (see [`is_source_change`]).
///
/// The directory itself is watched alone and each of its folders
/// recursively, except the target directory and hidden folders (`.git`),
/// so a large `target/` costs no watches. A folder created at the top
/// later is not watched until the next start.
pub struct SourceWatcher {
    _watcher: RecommendedWatcher,
}

impl std::fmt::Debug for SourceWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceWatcher").finish_non_exhaustive()
    }
}

impl SourceWatcher {
    /// Watches `root`, never reporting anything under `ignored` (the target
    /// directory); `on_change` runs on the watcher's thread.
    ///
    /// # Errors
    /// [`DevError::Watch`] when the directory cannot be watched.
    pub fn new(
        root: &Path,
        ignored: Vec<PathBuf>,
        on_change: impl Fn(PathBuf) + Send + 'static,
    ) -> Result<Self, DevError> {
        let watch_error = |path: &Path, e: &dyn std::fmt::Display| DevError::Watch {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let root_for_filter = root.to_path_buf();
        let ignored_for_filter = ignored.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if !matches!(
                    event.kind,
                    EventKind::Create(_)
                        | EventKind::Modify(_)
                        | EventKind::Remove(_)
                        | EventKind::Any
                ) {
                    return;
                }
                for path in event.paths {
                    if is_source_change(&root_for_filter, &ignored_for_filter, &path) {
                        on_change(path);
                    }
                }
            })
            .map_err(|e| watch_error(root, &e))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, &e))?;
        let entries = std::fs::read_dir(root).map_err(|e| watch_error(root, &e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir())
                && is_source_change(root, &ignored, &path)
                && !ignored.iter().any(|i| i.starts_with(&path))
            {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&path, &e))?;
            }
        }
        Ok(Self { _watcher: watcher })
    }
}

/// Whether a change to `path` (under `root`) can change the build: not in
/// an `ignored` directory, a `target` folder or a hidden one, not an
/// editor's backup or swap file, not `Cargo.lock` (cargo writes it).
///
/// ```
/// use std::path::Path;
/// use brook::dev::is_source_change;
///
/// let root = Path::new("/p");
/// assert!(is_source_change(root, &[], Path::new("/p/src/main.rs")));
/// assert!(is_source_change(root, &[], Path::new("/p/assets/logo.png"))); // include_bytes!
/// assert!(!is_source_change(root, &[], Path::new("/p/target/debug/app")));
/// assert!(!is_source_change(root, &[], Path::new("/p/.git/index")));
/// assert!(!is_source_change(root, &[], Path::new("/p/src/.main.rs.swp")));
/// assert!(!is_source_change(root, &[], Path::new("/p/src/main.rs~")));
/// assert!(!is_source_change(root, &["/p/build".into()], Path::new("/p/build/x")));
/// ```
pub fn is_source_change(root: &Path, ignored: &[PathBuf], path: &Path) -> bool {
    if ignored.iter().any(|i| path.starts_with(i)) {
        return false;
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    let hidden_or_target = relative.components().any(|c| match c {
        Component::Normal(name) => {
            let name = name.to_string_lossy();
            name.starts_with('.') || name == "target"
        }
        _ => false,
    });
    if hidden_or_target {
        return false;
    }
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let editor_file = name.ends_with('~')
        || name.starts_with('#')
        || name == "4913" // vim checks that it can write the folder
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext));
    !(editor_file || name == "Cargo.lock")
}
