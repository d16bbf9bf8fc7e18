//! [`ConfigError`]: what can be wrong with brook's configuration, said so the
//! user can fix it without reading brook's source.

use std::path::PathBuf;

use super::Source;

/// A configuration source that brook cannot use; the app does not start.
///
/// Each message names the source (a file and line, an environment variable,
/// a flag), what was found there, and the valid choices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A config file exists but cannot be read (a directory, no permission,
    /// not UTF-8). A missing file is not an error: it is skipped.
    #[error(
        "cannot read {path}: {reason}. brook reads its configuration from this file: \
         make it a readable UTF-8 TOML file, or remove it"
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system (or the UTF-8 check) said.
        reason: String,
    },

    /// A config file is not valid TOML.
    #[error("invalid TOML in {path} line {line}: {message}")]
    InvalidToml {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// What the TOML parser said.
        message: String,
    },

    /// A section that brook does not have, e.g. `[themes]` or `--themes.base`.
    #[error(
        "unknown section [{section}] in {origin}; valid sections: {}{hint}",
        super::options::SECTIONS.join(", ")
    )]
    UnknownSection {
        /// The section as written.
        section: String,
        /// Where it was written.
        origin: Source,
        /// `". Did you mean [theme]?"` when a close match exists, else empty.
        hint: String,
    },

    /// A key outside any section (`fast_reruns = true` above every header),
    /// a section written as a plain value (`runner = true`), or an option
    /// name without its section (`Config::set("fast_reruns", ..)`).
    #[error(
        "\"{key}\" in {origin} is not an option inside a section: options are written \
         under a section header such as [runner] in files, and as section.option \
         (`runner.fast_reruns`) in flags and code{hint}"
    )]
    NotInSection {
        /// The key as written.
        key: String,
        /// Where it was written.
        origin: Source,
        /// Where it probably belongs, when brook can tell; else empty.
        hint: String,
    },

    /// An option that its section does not have, e.g. `runner.fastRerun`.
    #[error(
        "unknown option \"{section}.{option}\" in {origin}; valid options in [{section}]: {}{hint}",
        super::options::names_in(section)
    )]
    UnknownOption {
        /// The section.
        section: String,
        /// The option as written.
        option: String,
        /// Where it was written.
        origin: Source,
        /// `". Did you mean fast_reruns?"` when a close match exists, else empty.
        hint: String,
    },

    /// A value of the wrong type or outside the option's choices.
    #[error(
        "invalid value for {key} in {origin}: expected {}, found {given}{hint}",
        super::options::expected_for(key, origin.is_file())
    )]
    InvalidValue {
        /// The option, `section.option` in snake_case.
        key: String,
        /// Where the value was written.
        origin: Source,
        /// What was given, described (`the string "false"`).
        given: String,
        /// How to fix it, when brook can tell; else empty.
        hint: String,
    },

    /// An environment variable that starts with `BROOK_` but names no option.
    #[error(
        "unknown environment variable {var}: it starts with BROOK_ but names no config option; \
         valid variables: {}{hint}",
        super::options::env_vars_list()
    )]
    UnknownEnvVar {
        /// The variable.
        var: String,
        /// `". Did you mean BROOK_RUNNER_FAST_RERUNS?"` when a close match exists, else empty.
        hint: String,
    },

    /// A flag `--section.option` at the end of the arguments, or followed by
    /// another flag instead of a value.
    #[error(
        "flag {flag} needs a value: write {flag}=VALUE or {flag} VALUE, where VALUE is {expected}"
    )]
    MissingFlagValue {
        /// The flag as written.
        flag: String,
        /// The valid values.
        expected: String,
    },

    /// The same option set twice in one file or in the environment, usually
    /// once in snake_case and once in camelCase.
    #[error(
        "{key} is set twice, at {first} and at {second}; keep one of them \
         (the snake_case and camelCase spellings name the same option)"
    )]
    Duplicate {
        /// The option, `section.option` in snake_case.
        key: String,
        /// The first place.
        first: Source,
        /// The second place.
        second: Source,
    },
}
