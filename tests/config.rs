//! Configuration: each source, their precedence and aliases (CFG-1, CFG-2,
//! departure 4; the errors for bad input are in `config_errors.rs`). Files
//! live in temp dirs; the environment and flags are injected, so the real
//! home and process environment are never read.

use std::path::PathBuf;

use brook::Config;
use brook::config::{ConfigError, ConfigLoader, ShowErrorDetails, Source, ThemeBase};

#[path = "support/config_files.rs"]
mod config_files;
use config_files::{Files, global_at, load_err, project_at};

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
