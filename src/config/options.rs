//! The table of options: names, aliases, types, and how each value is read
//! from TOML or from text (environment variables, flags, code).

use std::ffi::OsStr;
use std::path::PathBuf;

use toml::de::DeValue;

use super::{Config, Rgb, ShowErrorDetails, ThemeBase};

/// Every section, in the order `--show-config` prints them.
pub(crate) const SECTIONS: &[&str] = &["runner", "theme", "cache", "client", "dev"];

/// A value that could not be read; the caller adds the option and the origin.
#[derive(Debug)]
pub(crate) struct Invalid {
    /// What was given, described.
    pub given: String,
    /// How to fix it, or empty.
    pub hint: String,
}

impl Invalid {
    fn text(s: &str) -> Self {
        Self {
            given: format!("{s:?}"),
            hint: String::new(),
        }
    }

    fn toml(v: &DeValue<'_>) -> Self {
        let given = match v {
            DeValue::String(s) => format!("the string {s:?}"),
            DeValue::Integer(i) => format!("the integer {}", i.as_str()),
            DeValue::Float(f) => format!("the float {}", f.as_str()),
            DeValue::Boolean(b) => format!("the boolean {b}"),
            DeValue::Datetime(d) => format!("the datetime {d}"),
            DeValue::Array(_) => "an array".to_owned(),
            DeValue::Table(_) => "a table".to_owned(),
        };
        Self {
            given,
            hint: String::new(),
        }
    }

    /// Text that is not UTF-8, where the option needs text.
    fn not_utf8(s: &OsStr) -> Self {
        Self {
            given: format!("{s:?}"),
            hint: " (it is not valid UTF-8)".to_owned(),
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

/// A type an option can have.
pub(crate) trait OptionValue: Sized {
    /// The valid values, for error messages, as written in a file (`in_file`)
    /// or as text (environment variables, flags, code).
    fn expected(in_file: bool) -> String;
    /// Reads a value written in a TOML file.
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid>;
    /// Reads a value given as text (environment variable, flag, code).
    fn from_text(s: &str) -> Result<Self, Invalid>;
    /// Reads a value given by the operating system (environment variable,
    /// flag), which may not be UTF-8: refused unless the type can hold it.
    fn from_os(s: &OsStr) -> Result<Self, Invalid> {
        s.to_str()
            .map_or_else(|| Err(Invalid::not_utf8(s)), Self::from_text)
    }
    /// The value as a TOML literal.
    fn to_toml(&self) -> String;
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

impl OptionValue for bool {
    fn expected(in_file: bool) -> String {
        if in_file {
            "a boolean: true or false".to_owned()
        } else {
            "a boolean: true/false, 1/0, yes/no or on/off".to_owned()
        }
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match v {
            DeValue::Boolean(b) => Ok(*b),
            DeValue::String(s) => {
                let invalid = Invalid::toml(v);
                // CFG-2: Streamlit reads quoted strings (and "env:VAR") as
                // truthy strings; brook refuses them instead.
                match bool::from_text(s) {
                    Ok(b) => Err(invalid.hint(format!("; write the boolean without quotes: {b}"))),
                    Err(_) => Err(invalid),
                }
            }
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" => Ok(false),
            _ => Err(Invalid::text(s)),
        }
    }

    fn to_toml(&self) -> String {
        self.to_string()
    }
}

impl OptionValue for Option<PathBuf> {
    fn expected(_in_file: bool) -> String {
        "a path as a string (\"\" for the platform default)".to_owned()
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match v {
            DeValue::String(s) => Self::from_text(s),
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        Ok((!s.is_empty()).then(|| PathBuf::from(s)))
    }

    /// A path is whatever the OS gave, UTF-8 or not (never rewritten).
    fn from_os(s: &OsStr) -> Result<Self, Invalid> {
        Ok((!s.is_empty()).then(|| PathBuf::from(s)))
    }

    fn to_toml(&self) -> String {
        toml_string(
            &self
                .as_ref()
                .map(|p| p.to_string_lossy())
                .unwrap_or_default(),
        )
    }
}

impl OptionValue for String {
    fn expected(_in_file: bool) -> String {
        "a string".to_owned()
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match v {
            DeValue::String(s) => Ok(s.to_string()),
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        Ok(s.to_owned())
    }

    fn to_toml(&self) -> String {
        toml_string(self)
    }
}

impl OptionValue for Option<Rgb> {
    fn expected(_in_file: bool) -> String {
        "a colour as a string, \"#RRGGBB\" or \"#RGB\" (\"\" for the default)".to_owned()
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match v {
            DeValue::String(s) => Self::from_text(s).map_err(|_| Invalid::toml(v)),
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        s.parse::<Rgb>().map(Some).map_err(|_| Invalid::text(s))
    }

    fn to_toml(&self) -> String {
        toml_string(&self.map(|c| c.to_string()).unwrap_or_default())
    }
}

impl OptionValue for u8 {
    fn expected(_in_file: bool) -> String {
        "a whole number of points from 8 to 40".to_owned()
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match v {
            DeValue::Integer(i) => Self::from_text(i.as_str()).map_err(|_| Invalid::toml(v)),
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        match s.trim().parse::<Self>() {
            Ok(n) if (8..=40).contains(&n) => Ok(n),
            _ => Err(Invalid::text(s)),
        }
    }

    fn to_toml(&self) -> String {
        self.to_string()
    }
}

/// An option whose value is one of a few names.
pub(crate) trait Choice: Sized + Copy + PartialEq + 'static {
    /// Each name and its value.
    const CHOICES: &'static [(&'static str, Self)];
    /// Streamlit's legacy boolean spelling, `(false, true)`, if the option had one.
    const LEGACY_BOOL: Option<(Self, Self)> = None;
}

impl Choice for ThemeBase {
    const CHOICES: &'static [(&'static str, Self)] = &[
        ("light", Self::Light),
        ("dark", Self::Dark),
        ("system", Self::System),
    ];
}

impl Choice for ShowErrorDetails {
    const CHOICES: &'static [(&'static str, Self)] = &[
        ("full", Self::Full),
        ("stacktrace", Self::Stacktrace),
        ("type", Self::Type),
        ("none", Self::None),
    ];
    // Streamlit: `True` = full, `False` = type (deprecated spellings).
    const LEGACY_BOOL: Option<(Self, Self)> = Some((Self::Type, Self::Full));
}

/// The name of a choice, as written in files.
pub(crate) fn choice_name<T: Choice>(value: T) -> &'static str {
    T::CHOICES
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| name)
}

impl<T: Choice> OptionValue for T {
    fn expected(_in_file: bool) -> String {
        let names: Vec<String> = T::CHOICES.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let legacy = match T::LEGACY_BOOL {
            Some((f, t)) => format!(
                " (or the legacy booleans true = \"{}\", false = \"{}\")",
                choice_name(t),
                choice_name(f)
            ),
            None => String::new(),
        };
        format!("one of {}{legacy}", names.join(", "))
    }

    fn from_toml(v: &DeValue<'_>) -> Result<Self, Invalid> {
        match (v, T::LEGACY_BOOL) {
            (DeValue::String(s), _) => Self::from_text(s).map_err(|_| Invalid::toml(v)),
            (DeValue::Boolean(b), Some((f, t))) => Ok(if *b { t } else { f }),
            _ => Err(Invalid::toml(v)),
        }
    }

    fn from_text(s: &str) -> Result<Self, Invalid> {
        let lower = s.trim().to_ascii_lowercase();
        if let Some((_, v)) = T::CHOICES.iter().find(|(n, _)| *n == lower) {
            return Ok(*v);
        }
        match (lower.as_str(), T::LEGACY_BOOL) {
            ("true", Some((_, t))) => Ok(t),
            ("false", Some((f, _))) => Ok(f),
            _ => Err(Invalid::text(s)),
        }
    }

    fn to_toml(&self) -> String {
        toml_string(choice_name(*self))
    }
}

/// One option: its names, type and field.
pub(crate) struct OptionSpec {
    /// `runner.fast_reruns`.
    pub key: &'static str,
    /// `runner`.
    pub section: &'static str,
    /// `fast_reruns`.
    pub name: &'static str,
    /// Streamlit's camelCase spelling, `fastReruns`, if it differs.
    pub alias: Option<&'static str>,
    /// One line: what the option changes.
    pub summary: &'static str,
    pub expected: fn(bool) -> String,
    pub set_toml: fn(&mut Config, &DeValue<'_>) -> Result<(), Invalid>,
    pub set_text: fn(&mut Config, &str) -> Result<(), Invalid>,
    pub set_os: fn(&mut Config, &OsStr) -> Result<(), Invalid>,
    pub get: fn(&Config) -> String,
}

impl OptionSpec {
    /// Whether `name` (as written in a file or flag) names this option.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.alias == Some(name)
    }

    /// `BROOK_RUNNER_FAST_RERUNS`.
    pub fn env_var(&self) -> String {
        format!("BROOK_{}_{}", self.section, self.name).to_ascii_uppercase()
    }

    /// The environment variable spellings: snake_case, and camelCase upper-cased.
    pub fn env_vars(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.env_var()).chain(
            self.alias
                .map(|a| format!("BROOK_{}_{}", self.section, a).to_ascii_uppercase()),
        )
    }
}

macro_rules! option {
    ($section:ident . $name:ident : $ty:ty, $alias:expr, $summary:literal) => {
        OptionSpec {
            key: concat!(stringify!($section), ".", stringify!($name)),
            section: stringify!($section),
            name: stringify!($name),
            alias: $alias,
            summary: $summary,
            expected: <$ty as OptionValue>::expected,
            set_toml: |c, v| {
                c.$section.$name = <$ty as OptionValue>::from_toml(v)?;
                Ok(())
            },
            set_text: |c, s| {
                c.$section.$name = <$ty as OptionValue>::from_text(s)?;
                Ok(())
            },
            set_os: |c, s| {
                c.$section.$name = <$ty as OptionValue>::from_os(s)?;
                Ok(())
            },
            get: |c| OptionValue::to_toml(&c.$section.$name),
        }
    };
}

/// Every option, in the order `--show-config` prints them.
pub(crate) const OPTIONS: &[OptionSpec] = &[
    option!(
        runner.enforce_serializable_session_state: bool,
        Some("enforceSerializableSessionState"),
        "Refuse session-state values that are not Serialize + DeserializeOwned, at the call that stores them (CFG-1)."
    ),
    option!(
        runner.fast_reruns: bool,
        Some("fastReruns"),
        "Interrupt the running page when the user interacts; off: queue events until the run ends (EX-12)."
    ),
    option!(
        runner.persist_session_state: bool,
        Some("persistSessionState"),
        "Save serialisable session state to disk and restore it at the next start; off: memory only."
    ),
    option!(
        runner.run_on_save: bool,
        Some("runOnSave"),
        "Dev mode, like --dev: a save of the sources rebuilds the app and shows the new page in the open window."
    ),
    option!(
        theme.base: ThemeBase,
        None,
        "The colour theme: \"light\", \"dark\", or \"system\" to follow the operating system."
    ),
    option!(
        theme.primary_color: Option<Rgb>,
        Some("primaryColor"),
        "The accent colour of filled slider tracks, checked boxes, focused inputs and primary buttons, \"#RRGGBB\"."
    ),
    option!(
        theme.background_color: Option<Rgb>,
        Some("backgroundColor"),
        "The page's background colour, \"#RRGGBB\" (for the palette of theme.base)."
    ),
    option!(
        theme.secondary_background_color: Option<Rgb>,
        Some("secondaryBackgroundColor"),
        "The background of inputs, the sidebar and code blocks, \"#RRGGBB\"."
    ),
    option!(
        theme.text_color: Option<Rgb>,
        Some("textColor"),
        "The colour of body text, \"#RRGGBB\"."
    ),
    option!(
        theme.base_font_size: u8,
        Some("baseFontSize"),
        "Body text size in points (8 to 40); headings and captions scale with it."
    ),
    option!(
        cache.dir: Option<PathBuf>,
        None,
        "Where persisted caches live; \"\" means the platform cache directory."
    ),
    option!(
        client.show_error_details: ShowErrorDetails,
        Some("showErrorDetails"),
        "How much of an error a page shows: \"full\", \"stacktrace\", \"type\" or \"none\"."
    ),
    option!(
        dev.cargo_args: String,
        None,
        "More arguments for dev mode's cargo build, e.g. \"--features x\" (cargo does not tell the app its features)."
    ),
];

/// The option `section`.`name` (either spelling), if it exists.
pub(crate) fn find(section: &str, name: &str) -> Option<usize> {
    OPTIONS
        .iter()
        .position(|o| o.section == section && o.is_named(name))
}

/// The options of `section`, comma-separated.
pub(crate) fn names_in(section: &str) -> String {
    OPTIONS
        .iter()
        .filter(|o| o.section == section)
        .map(|o| o.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The valid values of option `key` (snake_case), as written in a file or as text.
pub(crate) fn expected_for(key: &str, in_file: bool) -> String {
    OPTIONS
        .iter()
        .find(|o| o.key == key)
        .map(|o| (o.expected)(in_file))
        .unwrap_or_default()
}

/// Every option's environment variable, comma-separated.
pub(crate) fn env_vars_list() -> String {
    OPTIONS
        .iter()
        .map(OptionSpec::env_var)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `". Did you mean X?"` for the candidate closest to `given`, or empty.
pub(crate) fn did_you_mean<N: AsRef<str>>(
    given: &str,
    candidates: impl IntoIterator<Item = (N, String)>,
) -> String {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let given_norm = norm(given);
    let max = if given_norm.len() <= 3 { 1 } else { 2 };
    candidates
        .into_iter()
        .map(|(name, shown)| (levenshtein(&given_norm, &norm(name.as_ref())), shown))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, shown)| format!(". Did you mean {shown}?"))
        .unwrap_or_default()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_stay_small_enough_to_return_by_value() {
        // clippy::result_large_err warns from 128 bytes; brook::Error embeds this.
        assert!(std::mem::size_of::<crate::config::ConfigError>() <= 120);
        assert!(std::mem::size_of::<crate::Error>() <= 128);
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("fastrerun", "fastreruns"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn every_option_lives_in_a_known_section_and_reads_its_own_default_back() {
        let defaults = Config::default();
        for o in OPTIONS {
            assert!(SECTIONS.contains(&o.section), "{}", o.key);
            let mut c = Config::default();
            let shown = (o.get)(&defaults);
            let v: toml::Value = toml::from_str(&format!("v = {shown}"))
                .map(|t: toml::Table| t["v"].clone())
                .expect("the shown value is a TOML literal");
            let text = match v {
                toml::Value::String(s) => s,
                other => other.to_string(),
            };
            (o.set_text)(&mut c, &text).expect("a shown value reads back");
            assert_eq!(c, defaults, "{}", o.key);
        }
    }

    #[test]
    fn suggestions_ignore_case_and_underscores() {
        let cands = || OPTIONS.iter().map(|o| (o.name, o.name.to_owned()));
        assert_eq!(
            did_you_mean("fastRerun", cands()),
            ". Did you mean fast_reruns?"
        );
        assert_eq!(did_you_mean("zzzzzz", cands()), "");
    }
}
