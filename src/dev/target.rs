//! Which cargo command rebuilds the running binary.
//!
//! `cargo run` tells the program it starts where its package is
//! (`CARGO_MANIFEST_PATH`, `CARGO_MANIFEST_DIR`) and which cargo it is
//! (`CARGO`); the executable's own path tells the rest:
//! `<target dir>/[<triple>/]<profile>/examples/<name>` is an example,
//! `<target dir>/[<triple>/]<profile>/<name>` a binary.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::DevError;

/// The kind of cargo target the running binary is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// `[[bin]]` or `src/main.rs`: `--bin NAME`.
    Bin,
    /// `examples/NAME.rs`: `--example NAME`.
    Example,
}

/// Which cargo command rebuilds the running binary, and where its sources are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildTarget {
    /// The cargo to run (`CARGO`, or `cargo` from `PATH`).
    pub cargo: PathBuf,
    /// The package's `Cargo.toml`.
    pub manifest: PathBuf,
    /// Binary or example.
    pub kind: TargetKind,
    /// The target's name.
    pub name: String,
    /// The profile: `None` for `dev`, else `release` or a custom profile.
    pub profile: Option<String>,
    /// The target directory (`CARGO_TARGET_DIR`).
    pub target_dir: PathBuf,
    /// `--target TRIPLE` when the build was for an explicit target.
    pub triple: Option<String>,
    /// More arguments for `cargo build` (`dev.cargo_args`, e.g. features).
    pub extra_args: Vec<String>,
}

impl BuildTarget {
    /// Works out the command from the executable's path and the variables
    /// `cargo run` sets (`env` looks one up; pass `std::env::var_os`).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use brook::dev::{BuildTarget, TargetKind};
    ///
    /// let env: HashMap<&str, &str> = HashMap::from([
    ///     ("CARGO", "/usr/bin/cargo"),
    ///     ("CARGO_MANIFEST_PATH", "/src/app/Cargo.toml"),
    /// ]);
    /// let t = BuildTarget::from_exe(
    ///     "/build/target/release/examples/chart".as_ref(),
    ///     |k| env.get(k).map(Into::into),
    /// )?;
    /// assert_eq!((&t.kind, t.name.as_str()), (&TargetKind::Example, "chart"));
    /// assert_eq!(
    ///     t.cargo_args(),
    ///     ["build", "--manifest-path", "/src/app/Cargo.toml", "--message-format=json",
    ///      "--example", "chart", "--release"],
    /// );
    /// assert_eq!(t.target_dir, std::path::Path::new("/build/target"));
    /// # Ok::<(), brook::dev::DevError>(())
    /// ```
    ///
    /// # Errors
    /// [`DevError::NoSources`] when the package cannot be found (the binary
    /// was not started by `cargo run`, and the working directory is not in
    /// the package), [`DevError::NotCargoBuilt`] when the executable is not
    /// where cargo puts binaries and examples.
    pub fn from_exe(exe: &Path, env: impl Fn(&str) -> Option<OsString>) -> Result<Self, DevError> {
        let not_cargo = || DevError::NotCargoBuilt {
            exe: exe.to_path_buf(),
        };
        let file = exe.file_name().ok_or_else(not_cargo)?.to_string_lossy();
        let name = file.strip_suffix(".exe").unwrap_or(&file).to_owned();
        let mut dir = exe.parent().ok_or_else(not_cargo)?;
        let kind = if dir.file_name().is_some_and(|n| n == "examples") {
            dir = dir.parent().ok_or_else(not_cargo)?;
            TargetKind::Example
        } else {
            TargetKind::Bin
        };
        if dir.file_name().is_some_and(|n| n == "deps") {
            // A test or bench harness (`target/debug/deps/name-hash`).
            return Err(not_cargo());
        }
        let profile_dir = dir.file_name().ok_or_else(not_cargo)?.to_string_lossy();
        let profile = match profile_dir.as_ref() {
            "debug" => None,
            other => Some(other.to_owned()),
        };
        let above = dir.parent().ok_or_else(not_cargo)?;
        // Cargo marks its target directory with CACHEDIR.TAG; one level
        // further up when the build named a target triple.
        let (target_dir, triple) = match above.parent() {
            Some(up)
                if !above.join("CACHEDIR.TAG").exists() && up.join("CACHEDIR.TAG").exists() =>
            {
                let triple = above.file_name().map(|t| t.to_string_lossy().into_owned());
                (up.to_path_buf(), triple)
            }
            _ => (above.to_path_buf(), None),
        };
        let manifest = env("CARGO_MANIFEST_PATH")
            .map(PathBuf::from)
            .or_else(|| env("CARGO_MANIFEST_DIR").map(|d| PathBuf::from(d).join("Cargo.toml")))
            .or_else(|| {
                let cwd = std::env::current_dir().ok()?;
                cwd.ancestors()
                    .map(|d| d.join("Cargo.toml"))
                    .find(|m| m.is_file())
            })
            .ok_or_else(|| DevError::NoSources {
                exe: exe.to_path_buf(),
            })?;
        Ok(Self {
            cargo: env("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from),
            manifest,
            kind,
            name,
            profile,
            target_dir,
            triple,
            extra_args: Vec::new(),
        })
    }

    /// The directory whose files are watched: the package's.
    pub fn package_dir(&self) -> &Path {
        self.manifest
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// The arguments of the `cargo build` that rebuilds the binary.
    pub fn cargo_args(&self) -> Vec<String> {
        let mut args = vec![
            "build".to_owned(),
            "--manifest-path".to_owned(),
            self.manifest.to_string_lossy().into_owned(),
            "--message-format=json".to_owned(),
            match self.kind {
                TargetKind::Bin => "--bin".to_owned(),
                TargetKind::Example => "--example".to_owned(),
            },
            self.name.clone(),
        ];
        match self.profile.as_deref() {
            None => {}
            Some("release") => args.push("--release".to_owned()),
            Some(profile) => args.extend(["--profile".to_owned(), profile.to_owned()]),
        }
        if let Some(triple) = &self.triple {
            args.extend(["--target".to_owned(), triple.clone()]);
        }
        args.extend(self.extra_args.iter().cloned());
        args
    }

    /// The whole command, as the terminal shows it.
    pub fn command_line(&self) -> String {
        format!(
            "CARGO_TARGET_DIR={} {} {}",
            self.target_dir.display(),
            self.cargo.display(),
            self.cargo_args().join(" ")
        )
    }
}
