//! Configuration: each source, their precedence, aliases, and the errors for
//! bad input (CFG-1, CFG-2, departure 4). Files live in temp dirs; the
//! environment and flags are injected, so the real home and process
//! environment are never read.

use std::path::{Path, PathBuf};

use brook::Config;
use brook::config::{ConfigError, ConfigLoader, Loaded, ShowErrorDetails, Source, ThemeBase};

/// A temp dir with a global and a project config file path in it.
struct Files {
    _dir: tempfile::TempDir,
    global: PathBuf,
    project: PathBuf,
}

impl Files {
    fn new() -> Self {
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

    fn write_global(&self, text: &str) -> &Self {
        std::fs::write(&self.global, text).expect("write global");
        self
    }

    fn write_project(&self, text: &str) -> &Self {
        std::fs::write(&self.project, text).expect("write project");
        self
    }

    fn loader(&self) -> ConfigLoader {
        ConfigLoader::new()
            .global_file(&self.global)
            .project_file(&self.project)
    }
}

fn load_err(loader: ConfigLoader) -> (ConfigError, String) {
    let err = loader.load().expect_err("the config must be refused");
    let msg = err.to_string();
    (err, msg)
}

fn global_at(path: &Path, line: usize) -> Source {
    Source::GlobalFile {
        path: path.to_path_buf(),
        line,
    }
}

fn project_at(path: &Path, line: usize) -> Source {
    Source::ProjectFile {
        path: path.to_path_buf(),
        line,
    }
}

// ---------------------------------------------------------------- defaults

#[test]
fn defaults_match_the_documented_values() {
    let c = Config::default();
    assert!(!c.runner.enforce_serializable_session_state); // CFG-1: default false
    assert!(c.runner.fast_reruns);
    assert!(c.runner.persist_session_state);
    assert_eq!(c.theme.base, ThemeBase::System);
    assert_eq!(c.cache.dir, None);
    assert_eq!(c.client.show_error_details, ShowErrorDetails::Full);
}

#[test]
fn a_loader_without_sources_gives_defaults_from_default() {
    let loaded = ConfigLoader::new().load().expect("load");
    assert_eq!(loaded.config, Config::default());
    for key in Config::option_keys() {
        assert_eq!(loaded.source(key), Some(&Source::Default), "{key}");
    }
    assert!(!loaded.show_config);
    assert!(loaded.other_args.is_empty());
}

#[test]
fn missing_files_are_skipped_silently() {
    let files = Files::new(); // neither file written
    let loaded = files.loader().load().expect("missing files are fine");
    assert_eq!(loaded.config, Config::default());
}

// ---------------------------------------------------------- each source alone

#[test]
fn global_file_alone_sets_options_and_records_file_and_line() {
    // CFG-2 source 2
    let files = Files::new();
    files.write_global("# mine\n[runner]\nfast_reruns = false\n\n[theme]\nbase = \"dark\"\n");
    let loaded = files.loader().load().expect("load");
    assert!(!loaded.config.runner.fast_reruns);
    assert_eq!(loaded.config.theme.base, ThemeBase::Dark);
    assert_eq!(
        loaded.source("runner.fast_reruns"),
        Some(&global_at(&files.global, 3))
    );
    assert_eq!(
        loaded.source("theme.base"),
        Some(&global_at(&files.global, 6))
    );
    assert_eq!(loaded.source("cache.dir"), Some(&Source::Default));
}

#[test]
fn project_file_alone_sets_every_option() {
    // CFG-2 source 3
    let files = Files::new();
    files.write_project(
        "[runner]\n\
         enforce_serializable_session_state = true\n\
         fast_reruns = false\n\
         persist_session_state = false\n\
         [theme]\n\
         base = \"light\"\n\
         [cache]\n\
         dir = \"/var/cache/myapp\"\n\
         [client]\n\
         show_error_details = \"stacktrace\"\n",
    );
    let c = files.loader().load().expect("load").config;
    assert!(c.runner.enforce_serializable_session_state);
    assert!(!c.runner.fast_reruns);
    assert!(!c.runner.persist_session_state);
    assert_eq!(c.theme.base, ThemeBase::Light);
    assert_eq!(c.cache.dir, Some(PathBuf::from("/var/cache/myapp")));
    assert_eq!(c.client.show_error_details, ShowErrorDetails::Stacktrace);
}

#[test]
fn dotted_keys_and_inline_tables_are_ordinary_toml() {
    let files = Files::new();
    files.write_project("runner.fast_reruns = false\nclient = { show_error_details = \"none\" }\n");
    let c = files.loader().load().expect("load").config;
    assert!(!c.runner.fast_reruns);
    assert_eq!(c.client.show_error_details, ShowErrorDetails::None);
}

#[test]
fn env_vars_alone_set_options() {
    // CFG-2 source 5: BROOK_<SECTION>_<OPTION>
    let loaded = ConfigLoader::new()
        .env([
            ("BROOK_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE", "true"),
            ("BROOK_RUNNER_PERSIST_SESSION_STATE", "0"),
            ("BROOK_THEME_BASE", "Dark"),
            ("BROOK_CACHE_DIR", "rel/cache"),
            ("BROOK_CLIENT_SHOW_ERROR_DETAILS", "type"),
            ("PATH", "/usr/bin"),
        ])
        .load()
        .expect("load");
    let c = &loaded.config;
    assert!(c.runner.enforce_serializable_session_state);
    assert!(!c.runner.persist_session_state);
    assert_eq!(c.theme.base, ThemeBase::Dark);
    assert_eq!(c.cache.dir, Some(PathBuf::from("rel/cache")));
    assert_eq!(c.client.show_error_details, ShowErrorDetails::Type);
    assert_eq!(
        loaded.source("runner.persist_session_state"),
        Some(&Source::Env {
            var: "BROOK_RUNNER_PERSIST_SESSION_STATE".into()
        })
    );
}

#[test]
fn flags_alone_set_options_in_both_spellings() {
    // CFG-2 source 6: --section.option=value and --section.option value
    let loaded = ConfigLoader::new()
        .args([
            "--runner.fast_reruns=false",
            "--theme.base",
            "light",
            "--cache.dir=/tmp/x=y",
        ])
        .load()
        .expect("load");
    assert!(!loaded.config.runner.fast_reruns);
    assert_eq!(loaded.config.theme.base, ThemeBase::Light);
    assert_eq!(loaded.config.cache.dir, Some(PathBuf::from("/tmp/x=y")));
    assert_eq!(
        loaded.source("theme.base"),
        Some(&Source::Flag {
            flag: "--theme.base".into()
        })
    );
    assert!(loaded.other_args.is_empty());
}

#[test]
fn text_booleans_accept_the_usual_spellings() {
    for (text, want) in [
        ("true", true),
        ("TRUE", true),
        ("1", true),
        ("yes", true),
        ("On", true),
        ("false", false),
        ("0", false),
        ("no", false),
        ("off", false),
    ] {
        let c = ConfigLoader::new()
            .env([("BROOK_RUNNER_FAST_RERUNS", text)])
            .load()
            .expect(text)
            .config;
        assert_eq!(c.runner.fast_reruns, want, "{text}");
    }
}

#[test]
fn an_empty_cache_dir_means_the_platform_default() {
    let files = Files::new();
    files.write_global("[cache]\ndir = \"/g\"\n");
    files.write_project("[cache]\ndir = \"\"\n");
    let c = files.loader().load().expect("load").config;
    assert_eq!(c.cache.dir, None);
}

#[test]
fn legacy_boolean_show_error_details_maps_like_streamlit() {
    // Streamlit: showErrorDetails true = "full", false = "type".
    let files = Files::new();
    files.write_project("[client]\nshowErrorDetails = false\n");
    let c = files.loader().load().expect("load").config;
    assert_eq!(c.client.show_error_details, ShowErrorDetails::Type);
    let c = files
        .loader()
        .args(["--client.show_error_details=true"])
        .load()
        .expect("load")
        .config;
    assert_eq!(c.client.show_error_details, ShowErrorDetails::Full);
}

// ------------------------------------------------------------------ precedence

/// The same option set in every source; each higher source wins (CFG-2).
#[test]
fn precedence_is_default_then_global_then_project_then_env_then_flag() {
    // CFG-2
    let files = Files::new();
    let key = "client.show_error_details";

    let loaded = files.loader().load().expect("load");
    assert_eq!(
        loaded.config.client.show_error_details,
        ShowErrorDetails::Full
    );
    assert_eq!(loaded.source(key), Some(&Source::Default));

    files.write_global("[client]\nshow_error_details = \"stacktrace\"\n");
    let loaded = files.loader().load().expect("load");
    assert_eq!(
        loaded.config.client.show_error_details,
        ShowErrorDetails::Stacktrace
    );
    assert_eq!(loaded.source(key), Some(&global_at(&files.global, 2)));

    files.write_project("\n\n[client]\nshow_error_details = \"type\"\n");
    let loaded = files.loader().load().expect("load");
    assert_eq!(
        loaded.config.client.show_error_details,
        ShowErrorDetails::Type
    );
    assert_eq!(loaded.source(key), Some(&project_at(&files.project, 4)));

    let env = [("BROOK_CLIENT_SHOW_ERROR_DETAILS", "none")];
    let loaded = files.loader().env(env).load().expect("load");
    assert_eq!(
        loaded.config.client.show_error_details,
        ShowErrorDetails::None
    );
    assert_eq!(
        loaded.source(key),
        Some(&Source::Env {
            var: "BROOK_CLIENT_SHOW_ERROR_DETAILS".into()
        })
    );

    let loaded = files
        .loader()
        .env(env)
        .args(["--client.show_error_details", "full"])
        .load()
        .expect("load");
    assert_eq!(
        loaded.config.client.show_error_details,
        ShowErrorDetails::Full
    );
    assert_eq!(
        loaded.source(key),
        Some(&Source::Flag {
            flag: "--client.show_error_details".into()
        })
    );
}

#[test]
fn a_lower_source_still_supplies_options_the_higher_ones_leave_alone() {
    // CFG-2: layers merge per option, not per file.
    let files = Files::new();
    files.write_global("[runner]\nfast_reruns = false\npersist_session_state = false\n");
    files.write_project("[runner]\npersist_session_state = true\n");
    let loaded = files
        .loader()
        .args(["--runner.enforce_serializable_session_state=yes"])
        .load()
        .expect("load");
    let r = &loaded.config.runner;
    assert!(!r.fast_reruns);
    assert!(r.persist_session_state);
    assert!(r.enforce_serializable_session_state);
    assert_eq!(
        loaded.source("runner.fast_reruns"),
        Some(&global_at(&files.global, 2))
    );
    assert_eq!(
        loaded.source("runner.persist_session_state"),
        Some(&project_at(&files.project, 2))
    );
}

#[test]
fn env_false_overrides_a_file_true_and_a_flag_overrides_env() {
    // CFG-2, as verified with `streamlit config show`.
    let files = Files::new();
    files.write_project("[runner]\nenforceSerializableSessionState = true\n");
    let env = [("BROOK_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE", "false")];
    let c = files.loader().env(env).load().expect("load").config;
    assert!(!c.runner.enforce_serializable_session_state);
    let c = files
        .loader()
        .env([("BROOK_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE", "true")])
        .args(["--runner.enforceSerializableSessionState", "false"])
        .load()
        .expect("load")
        .config;
    assert!(!c.runner.enforce_serializable_session_state);
}

#[test]
fn the_last_of_two_identical_flags_wins() {
    let c = ConfigLoader::new()
        .args(["--theme.base=dark", "--theme.base=light"])
        .load()
        .expect("load")
        .config;
    assert_eq!(c.theme.base, ThemeBase::Light);
}

// --------------------------------------------------------------------- aliases

#[test]
fn camel_case_aliases_work_in_files_env_flags_and_code() {
    let files = Files::new();
    files.write_project("[runner]\nfastReruns = false\n");
    assert!(
        !files
            .loader()
            .load()
            .expect("file")
            .config
            .runner
            .fast_reruns
    );

    let c = ConfigLoader::new()
        .env([("BROOK_RUNNER_PERSISTSESSIONSTATE", "false")])
        .args(["--client.showErrorDetails=none"])
        .load()
        .expect("env and flag")
        .config;
    assert!(!c.runner.persist_session_state);
    assert_eq!(c.client.show_error_details, ShowErrorDetails::None);

    let c = Config::default()
        .with("runner.enforceSerializableSessionState", "true")
        .expect("code");
    assert!(c.runner.enforce_serializable_session_state);
}

#[test]
fn both_spellings_of_one_option_in_one_file_are_refused() {
    let files = Files::new();
    files.write_project("[runner]\nfast_reruns = true\nfastReruns = false\n");
    let (err, msg) = load_err(files.loader());
    assert_eq!(
        err,
        ConfigError::Duplicate {
            key: "runner.fast_reruns".into(),
            first: project_at(&files.project, 2),
            second: project_at(&files.project, 3),
        }
    );
    assert!(msg.contains("set twice"), "{msg}");
}

// ------------------------------------------------------------ args passthrough

#[test]
fn args_that_are_not_config_flags_pass_through_in_order() {
    let loaded = ConfigLoader::new()
        .args([
            "myapp",
            "--screenshot",
            "out.png",
            "--runner.fast_reruns",
            "false",
            "-v",
            "--verbose=2",
            "--show-config",
            "--",
            "--theme.base=dark",
        ])
        .load()
        .expect("load");
    assert_eq!(
        loaded.other_args,
        [
            "myapp",
            "--screenshot",
            "out.png",
            "-v",
            "--verbose=2",
            "--",
            "--theme.base=dark"
        ]
    );
    assert!(loaded.show_config);
    assert!(!loaded.config.runner.fast_reruns);
    // After `--` nothing is brook's.
    assert_eq!(loaded.config.theme.base, ThemeBase::System);
}

// ------------------------------------------------------------------ bad inputs

#[test]
fn an_unknown_option_in_a_file_names_the_file_line_and_valid_options() {
    let files = Files::new();
    files.write_project("[runner]\nfast_reruns = true\nfastRerun = false\n");
    let (err, msg) = load_err(files.loader());
    assert!(matches!(err, ConfigError::UnknownOption { .. }), "{err:?}");
    assert_eq!(
        msg,
        format!(
            "unknown option \"runner.fastRerun\" in {} line 3; valid options in [runner]: \
             enforce_serializable_session_state, fast_reruns, persist_session_state, \
             run_on_save. Did you mean fast_reruns?",
            files.project.display()
        )
    );
}

#[test]
fn an_unknown_section_names_the_file_line_and_valid_sections() {
    let files = Files::new();
    files.write_global("[runner]\nfast_reruns = true\n\n[themes]\nbase = \"dark\"\n");
    let (err, msg) = load_err(files.loader());
    assert!(matches!(err, ConfigError::UnknownSection { .. }), "{err:?}");
    assert_eq!(
        msg,
        format!(
            "unknown section [themes] in {} line 4; valid sections: runner, theme, cache, client, dev. \
             Did you mean [theme]?",
            files.global.display()
        )
    );
}

#[test]
fn a_streamlit_only_section_is_an_unknown_section() {
    let files = Files::new();
    files.write_project("[server]\nport = 8501\n");
    let (_, msg) = load_err(files.loader());
    assert!(msg.starts_with("unknown section [server]"), "{msg}");
}

#[test]
fn an_option_outside_any_section_says_where_it_belongs() {
    let files = Files::new();
    files.write_project("fast_reruns = false\n");
    let (err, msg) = load_err(files.loader());
    assert!(matches!(err, ConfigError::NotInSection { .. }), "{err:?}");
    assert!(
        msg.contains(&format!("{} line 1", files.project.display())),
        "{msg}"
    );
    assert!(
        msg.contains("It belongs in [runner]: `runner.fast_reruns`"),
        "{msg}"
    );
}

#[test]
fn a_quoted_boolean_in_a_file_is_a_wrong_type_error_with_its_line() {
    // CFG-2: Streamlit treats the string "false" as truthy; brook refuses it.
    let files = Files::new();
    files.write_project("[theme]\nbase = \"dark\"\n\n[runner]\nfast_reruns = \"false\"\n");
    let (err, msg) = load_err(files.loader());
    assert_eq!(
        err,
        ConfigError::InvalidValue {
            key: "runner.fast_reruns".into(),
            origin: project_at(&files.project, 5),
            given: "the string \"false\"".into(),
            hint: "; write the boolean without quotes: false".into(),
        }
    );
    assert!(msg.contains(" line 5: expected a boolean"), "{msg}");
}

#[test]
fn an_env_indirection_string_is_not_followed() {
    // CFG-2 gotcha: Streamlit reads "env:VAR" and gets a truthy string. Not here.
    let files = Files::new();
    files.write_project("[runner]\nenforce_serializable_session_state = \"env:ENFORCE\"\n");
    let (err, _) = load_err(files.loader().env([("ENFORCE", "false")]));
    assert!(
        matches!(&err, ConfigError::InvalidValue { given, .. } if given == "the string \"env:ENFORCE\""),
        "{err:?}"
    );
}

#[test]
fn a_number_where_a_path_is_expected_is_refused() {
    let files = Files::new();
    files.write_project("[cache]\ndir = 3\n");
    let (_, msg) = load_err(files.loader());
    assert!(msg.contains("found the integer 3"), "{msg}");
    assert!(msg.contains("expected a path as a string"), "{msg}");
}

#[test]
fn an_unknown_enum_value_from_env_names_the_variable_and_the_choices() {
    let (err, msg) = load_err(ConfigLoader::new().env([("BROOK_THEME_BASE", "solarized")]));
    assert_eq!(
        err,
        ConfigError::InvalidValue {
            key: "theme.base".into(),
            origin: Source::Env {
                var: "BROOK_THEME_BASE".into()
            },
            given: "\"solarized\"".into(),
            hint: String::new(),
        }
    );
    assert_eq!(
        msg,
        "invalid value for theme.base in environment variable BROOK_THEME_BASE: \
         expected one of \"light\", \"dark\", \"system\", found \"solarized\""
    );
}

#[test]
fn an_unknown_enum_value_in_a_file_lists_the_choices_and_the_legacy_booleans() {
    let files = Files::new();
    files.write_project("[client]\nshow_error_details = \"verbose\"\n");
    let (_, msg) = load_err(files.loader());
    assert!(msg.contains("line 2"), "{msg}");
    assert!(
        msg.contains(
            "expected one of \"full\", \"stacktrace\", \"type\", \"none\" \
             (or the legacy booleans true = \"full\", false = \"type\")"
        ),
        "{msg}"
    );
}

#[test]
fn a_bad_flag_value_names_the_flag() {
    let (err, msg) = load_err(ConfigLoader::new().args(["--runner.fast_reruns=maybe"]));
    assert_eq!(
        msg,
        "invalid value for runner.fast_reruns in flag --runner.fast_reruns: \
         expected a boolean: true/false, 1/0, yes/no or on/off, found \"maybe\""
    );
    assert!(
        matches!(&err, ConfigError::InvalidValue { origin: Source::Flag { flag }, .. } if flag == "--runner.fast_reruns"),
        "{err:?}"
    );
}

#[test]
fn a_flag_without_a_value_is_refused() {
    for args in [
        vec!["--runner.fast_reruns"],
        vec!["--runner.fast_reruns", "--screenshot", "x.png"],
    ] {
        let (err, msg) = load_err(ConfigLoader::new().args(args));
        assert!(
            matches!(err, ConfigError::MissingFlagValue { .. }),
            "{err:?}"
        );
        assert!(
            msg.starts_with("flag --runner.fast_reruns needs a value"),
            "{msg}"
        );
    }
}

#[test]
fn an_unknown_dotted_flag_is_refused_not_passed_through() {
    let (err, msg) = load_err(ConfigLoader::new().args(["--runner.fast_rerun=false"]));
    assert!(matches!(err, ConfigError::UnknownOption { .. }), "{err:?}");
    assert!(msg.contains("in flag --runner.fast_rerun;"), "{msg}");
    let (err, _) = load_err(ConfigLoader::new().args(["--server.port", "1"]));
    assert!(matches!(err, ConfigError::UnknownSection { .. }), "{err:?}");
}

#[test]
fn a_flag_naming_only_a_section_lists_its_options() {
    let (err, msg) = load_err(ConfigLoader::new().args(["--theme=dark"]));
    assert!(matches!(err, ConfigError::NotInSection { .. }), "{err:?}");
    assert!(
        msg.ends_with(
            ". [theme] is a section; its options are theme.base, theme.primary_color, \
             theme.background_color, theme.secondary_background_color, theme.text_color, \
             theme.base_font_size"
        ),
        "{msg}"
    );
}

#[test]
fn a_brook_env_var_outside_every_section_is_not_configuration() {
    // A script's own BROOK_SKIP_SOMETHING must not stop the app from starting.
    let loaded = ConfigLoader::new()
        .env([("BROOK_SKIP_FRESH_ROOT", "1"), ("BROOK_VERSION", "x")])
        .load()
        .unwrap();
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn an_unknown_brook_env_var_names_it_and_the_valid_ones() {
    let (err, msg) = load_err(ConfigLoader::new().env([("BROOK_RUNNER_FAST_RERUN", "1")]));
    assert!(matches!(err, ConfigError::UnknownEnvVar { .. }), "{err:?}");
    assert!(
        msg.starts_with("unknown environment variable BROOK_RUNNER_FAST_RERUN:"),
        "{msg}"
    );
    assert!(
        msg.contains("Did you mean BROOK_RUNNER_FAST_RERUNS?"),
        "{msg}"
    );
    for o in [
        "BROOK_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE",
        "BROOK_RUNNER_FAST_RERUNS",
        "BROOK_RUNNER_PERSIST_SESSION_STATE",
        "BROOK_THEME_BASE",
        "BROOK_CACHE_DIR",
        "BROOK_CLIENT_SHOW_ERROR_DETAILS",
    ] {
        assert!(msg.contains(o), "{o} missing from: {msg}");
    }
}

#[test]
fn documented_non_config_brook_env_vars_are_ignored() {
    let vars = brook::config::NON_CONFIG_ENV_VARS
        .iter()
        .map(|v| (*v, "anything"));
    let loaded = ConfigLoader::new().env(vars).load().expect("ignored");
    assert_eq!(loaded.config, Config::default());
    assert!(brook::config::NON_CONFIG_ENV_VARS.contains(&"BROOK_SCREENSHOT"));
}

#[test]
fn both_env_spellings_of_one_option_are_refused() {
    let (err, _) = load_err(ConfigLoader::new().env([
        ("BROOK_RUNNER_FAST_RERUNS", "1"),
        ("BROOK_RUNNER_FASTRERUNS", "0"),
    ]));
    assert!(matches!(err, ConfigError::Duplicate { .. }), "{err:?}");
}

#[test]
fn a_directory_where_the_file_should_be_is_unreadable() {
    let files = Files::new();
    std::fs::create_dir(&files.project).expect("mkdir in place of the file");
    let (err, msg) = load_err(files.loader());
    assert!(
        matches!(&err, ConfigError::Unreadable { path, .. } if *path == files.project),
        "{err:?}"
    );
    assert!(
        msg.starts_with(&format!("cannot read {}: ", files.project.display())),
        "{msg}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_unreadable_with_its_line() {
    let files = Files::new();
    std::fs::write(&files.global, b"[runner]\nfast_reruns = \xff\n").expect("write");
    let (err, msg) = load_err(files.loader());
    assert!(matches!(err, ConfigError::Unreadable { .. }), "{err:?}");
    assert!(msg.contains("not valid UTF-8 (line 2)"), "{msg}");
}

#[test]
fn invalid_toml_names_the_file_and_line() {
    let files = Files::new();
    files.write_project("[runner]\nfast_reruns = true\npersist_session_state = \n");
    let (err, msg) = load_err(files.loader());
    assert!(
        matches!(&err, ConfigError::InvalidToml { path, line: 3, .. } if *path == files.project),
        "{err:?}"
    );
    assert!(
        msg.starts_with(&format!(
            "invalid TOML in {} line 3: ",
            files.project.display()
        )),
        "{msg}"
    );
}

#[test]
fn a_bad_project_file_fails_even_when_flags_override_its_option() {
    // The app never starts half-configured: every source is checked.
    let files = Files::new();
    files.write_project("[runner]\nfast_reruns = \"no\"\n");
    let (err, _) = load_err(files.loader().args(["--runner.fast_reruns=true"]));
    assert!(matches!(err, ConfigError::InvalidValue { .. }), "{err:?}");
}

#[test]
fn config_errors_convert_into_brook_errors() {
    let err = Config::default()
        .with("runner.fast_reruns", "maybe")
        .expect_err("bad value");
    let err: brook::Error = err.into();
    assert_eq!(err.type_name(), "ConfigError");
    assert!(err.to_string().contains("in Config::set"), "{err}");
}

#[test]
fn config_set_refuses_unknown_keys() {
    let mut c = Config::default();
    assert!(matches!(
        c.set("fast_reruns", "true"),
        Err(ConfigError::NotInSection { .. })
    ));
    assert!(matches!(
        c.set("themes.base", "dark"),
        Err(ConfigError::UnknownSection { .. })
    ));
    assert!(matches!(
        c.set("theme.colour", "dark"),
        Err(ConfigError::UnknownOption { .. })
    ));
    assert_eq!(c, Config::default(), "a refused set changes nothing");
}

// ----------------------------------------------------------------- show-config

#[test]
fn show_config_lists_every_option_value_and_origin() {
    let files = Files::new();
    files.write_global("[theme]\n\nbase = \"dark\"\n");
    let loaded: Loaded = files
        .loader()
        .env([("BROOK_RUNNER_FAST_RERUNS", "false")])
        .args(["--show-config", "--cache.dir", "/c"])
        .load()
        .expect("load");
    assert!(loaded.show_config);
    let out = loaded.render_show_config();
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} missing from:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("runner.enforce_serializable_session_state"),
        "runner.enforce_serializable_session_state = false # default"
    );
    assert_eq!(
        line("runner.fast_reruns"),
        "runner.fast_reruns = false # set by BROOK_RUNNER_FAST_RERUNS"
    );
    assert_eq!(
        line("theme.base"),
        format!(
            "theme.base = \"dark\" # from {} line 3",
            files.global.display()
        )
    );
    assert_eq!(
        line("cache.dir"),
        "cache.dir = \"/c\" # set by flag --cache.dir"
    );
    assert_eq!(
        line("client.show_error_details"),
        "client.show_error_details = \"full\" # default"
    );
    for key in Config::option_keys() {
        line(key);
    }
}

#[test]
fn show_config_output_reads_back_as_the_same_config() {
    let files = Files::new();
    let loaded = ConfigLoader::new()
        .args([
            "--runner.persist_session_state=off",
            "--theme.base=light",
            "--cache.dir=/some where/\"quoted\"",
            "--client.show_error_details=type",
        ])
        .load()
        .expect("load");
    files.write_project(&loaded.render_show_config());
    let again = files
        .loader()
        .load()
        .expect("show-config output is valid config");
    assert_eq!(again.config, loaded.config);
}

// ------------------------------------------------------------------------ docs

#[test]
fn docs_list_every_option_and_its_env_var() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md"))
        .expect("docs/config.md");
    for key in Config::option_keys() {
        assert!(
            docs.contains(&format!("`{key}`")),
            "docs/config.md misses `{key}`"
        );
        let var = format!("BROOK_{}", key.replace('.', "_").to_ascii_uppercase());
        assert!(docs.contains(&var), "docs/config.md misses {var}");
    }
}

// ---- issue 9: arguments and paths that are not UTF-8 --------------------------------

#[cfg(unix)]
fn os(bytes: &[u8]) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStrExt as _;
    std::ffi::OsStr::from_bytes(bytes).to_owned()
}

#[cfg(unix)]
#[test]
fn a_non_utf8_argument_is_passed_through_not_a_panic() {
    // `App::run` used to panic in `std::env::args()` on `caf\xE9.csv`.
    let loaded = ConfigLoader::new()
        .args([
            os(b"app"),
            os(b"caf\xE9.csv"),
            os(b"--runner.fast_reruns=false"),
            os(b"--\xE9t\xE9"),
        ])
        .load()
        .expect("load");
    assert!(!loaded.config.runner.fast_reruns);
    assert_eq!(
        loaded.other_args,
        [os(b"app"), os(b"caf\xE9.csv"), os(b"--\xE9t\xE9")]
    );
}

#[cfg(unix)]
#[test]
fn a_non_utf8_cache_dir_is_used_as_the_os_gave_it_not_rewritten() {
    // BROOK_CACHE_DIR used to be rewritten with U+FFFD (`to_string_lossy`).
    let dir = os(b"/tmp/caf\xE9/cache");
    for loader in [
        ConfigLoader::new().env([("BROOK_CACHE_DIR", dir.clone())]),
        ConfigLoader::new().args([os(b"--cache.dir=/tmp/caf\xE9/cache")]),
        ConfigLoader::new().args([os(b"--cache.dir"), dir.clone()]),
    ] {
        let config = loader.load().expect("load").config;
        assert_eq!(config.cache.dir, Some(PathBuf::from(&dir)));
    }
}

#[cfg(unix)]
#[test]
fn a_non_utf8_value_for_an_option_that_needs_text_is_refused_clearly() {
    let (err, msg) = load_err(ConfigLoader::new().env([("BROOK_THEME_BASE", os(b"d\xE9rk"))]));
    assert!(matches!(err, ConfigError::InvalidValue { .. }), "{err:?}");
    assert!(msg.contains("BROOK_THEME_BASE"), "{msg}");
    assert!(msg.contains("not valid UTF-8"), "{msg}");
    let (_, msg) = load_err(ConfigLoader::new().args([os(b"--theme.base=d\xE9rk")]));
    assert!(
        msg.contains("flag --theme.base") && msg.contains("not valid UTF-8"),
        "{msg}"
    );
}
