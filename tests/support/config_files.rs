//! Config files in a temp dir, and the helpers the config tests share.
#![allow(dead_code)] // each test file uses what it needs

use std::path::{Path, PathBuf};

use brook::config::{ConfigError, ConfigLoader, Source};

/// A temp dir with a global and a project config file path in it.
pub struct Files {
    _dir: tempfile::TempDir,
    /// The global file's path (it may not exist yet).
    pub global: PathBuf,
    /// The project file's path (it may not exist yet).
    pub project: PathBuf,
}

impl Files {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let global = dir.path().join("home/.config/brook/config.toml");
        let project = dir.path().join("project/.brook/config.toml");
        for p in [&global, &project] {
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        }
        Self {
            _dir: dir,
            global,
            project,
        }
    }

    pub fn write_global(&self, text: &str) -> &Self {
        std::fs::write(&self.global, text).expect("write global");
        self
    }

    pub fn write_project(&self, text: &str) -> &Self {
        std::fs::write(&self.project, text).expect("write project");
        self
    }

    pub fn loader(&self) -> ConfigLoader {
        ConfigLoader::new()
            .global_file(&self.global)
            .project_file(&self.project)
    }
}

/// The error a refused config gives, and its text.
pub fn load_err(loader: ConfigLoader) -> (ConfigError, String) {
    let err = loader.load().expect_err("the config must be refused");
    let msg = err.to_string();
    (err, msg)
}

/// The global file at `line`, as a source.
pub fn global_at(path: &Path, line: usize) -> Source {
    Source::GlobalFile {
        path: path.to_path_buf(),
        line,
    }
}

/// The project file at `line`, as a source.
pub fn project_at(path: &Path, line: usize) -> Source {
    Source::ProjectFile {
        path: path.to_path_buf(),
        line,
    }
}
