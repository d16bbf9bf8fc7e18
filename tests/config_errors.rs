//! Configuration, continued from `config.rs`: the errors for bad input
//! (CFG-2, departure 4), each naming its source, line and the fix.

use std::path::PathBuf;

use brook::Config;
use brook::config::{ConfigError, ConfigLoader, Loaded, Source};

#[path = "support/config_files.rs"]
mod config_files;
use config_files::{Files, load_err, project_at};

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
