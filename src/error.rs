//! brook's error type. Messages say what happened, why, and what to do, the
//! way Streamlit's do (`SEMANTICS.md` quotes those), in Rust terms.

/// `Result<T, brook::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in brook.
///
/// Errors raised by `St` calls during a run (invalid widget parameters,
/// duplicate keys, ...) stop the run and are shown as an exception element,
/// like a Streamlit exception; the session and its state survive.
///
/// `Debug` prints the message too, so that `fn main() -> brook::Result<()>`
/// shows a user what went wrong and how to fix it, not a struct dump.
#[derive(Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// WS-10: reading a key that is not in session state.
    #[error(
        "session state has no key \"{key}\". Did you forget to initialize it? \
         Use `st.state().init(\"{key}\", || ...)` before reading it, or `get_or` to fall back to a default."
    )]
    MissingKey {
        /// The key that was read.
        key: String,
    },

    /// A key holds a value of another type than the one requested.
    #[error(
        "session state key \"{key}\" holds a `{found}`, not the requested `{expected}`. \
         Read it as `{found}`, or store a `{expected}` under this key (each key keeps one type)."
    )]
    WrongType {
        /// The key.
        key: String,
        /// The type the caller asked for.
        expected: String,
        /// The type stored under the key.
        found: String,
    },

    /// A value restored from disk no longer decodes as the requested type.
    #[error(
        "the saved value of session state key \"{key}\" does not decode as `{expected}`: {reason}. \
         It was kept on disk untouched; read it with its old type, remove the key with \
         `st.state().remove(\"{key}\")`, or use \"Reset session\" in the menu."
    )]
    Decode {
        /// The key.
        key: String,
        /// The type the caller asked for.
        expected: String,
        /// What the decoder said.
        reason: String,
    },

    /// WS-10: the empty key.
    #[error("Invalid `key` value. Supported values: a non-empty string.")]
    EmptyKey,

    /// WS-10: keys beginning with `$$ID` name widgets internally.
    #[error("Keys beginning with $$ID are reserved.")]
    ReservedKey {
        /// The key.
        key: String,
    },

    /// WS-6: assigning the key of a widget that already exists in this run.
    #[error(
        "session state key \"{key}\" cannot be modified after the widget with that key is instantiated. \
         Call `st.state().set(\"{key}\", ..)` before creating the widget, or update it from an \
         `on_change` or `on_click` callback, which runs before the widget is instantiated. If this is \
         a read-only session state key (buttons, forms), store the value under a different session \
         state key."
    )]
    WidgetAlreadyInstantiated {
        /// The key.
        key: String,
    },

    /// WS-7: a button (or form) key was assigned through session state.
    #[error(
        "session state key \"{key}\" is read-only and cannot be assigned through session state \
         (`st.state().set(\"{key}\", ..)`). Use a different session state key for values you need \
         to set."
    )]
    ValueAssignmentNotAllowed {
        /// The key.
        key: String,
    },

    /// WS-3: two unkeyed widgets with the same kind and parameters.
    #[error(
        "There are multiple `{kind}` elements with the same auto-generated ID (label \"{label}\"). \
         When this element is created, it is assigned an internal ID based on the element type and \
         provided parameters. Multiple elements with the same type and parameters will cause this error.\n\n\
         To fix this error, please pass a unique `key` to the `{kind}` element (`.key(\"...\")`)."
    )]
    DuplicateWidgetId {
        /// Widget kind, e.g. `slider`.
        kind: String,
        /// Its label.
        label: String,
    },

    /// WS-3: two elements with the same key.
    #[error(
        "There are multiple elements with the same `key='{key}'`. To fix this, please make sure that \
         the `key` argument is unique for each element you create."
    )]
    DuplicateKey {
        /// The key.
        key: String,
    },

    /// EL-1..EL-3: a widget was given parameters it cannot work with.
    #[error("{message}")]
    InvalidWidget {
        /// Widget kind, e.g. `slider`.
        kind: String,
        /// The message, in Streamlit's words where it has them.
        message: String,
    },

    /// An invalid layout request (columns spec, nesting).
    #[error("{message}")]
    Layout {
        /// What is wrong and how to fix it.
        message: String,
    },

    /// `st.switch_page` or `st.page_link` named a page the app does not have.
    #[error(
        "Could not find page: `{page}`. Pass the title or url path of one of the pages given to \
         `st.navigation` (or `App::page`) in this run: {known}."
    )]
    PageNotFound {
        /// The page asked for.
        page: String,
        /// The pages there are, comma-separated.
        known: String,
    },

    /// `st.navigation` was given pages it cannot show.
    #[error("{message}")]
    Navigation {
        /// What is wrong and how to fix it.
        message: String,
    },

    /// CFG-1 / departure 4: a non-serialisable value under enforcement.
    #[error(
        "Cannot store the value (of type `{type_name}`) of '{key}' in session state: \
         `runner.enforce_serializable_session_state` is on, so every value must be serialisable \
         (`Serialize + DeserializeOwned`). Store it with `st.state().set(..)` after deriving \
         `serde::Serialize` and `serde::Deserialize` for it, keep it in a `#[cache_resource]` \
         instead, or turn the option off."
    )]
    Unserializable {
        /// The key.
        key: String,
        /// The value's type.
        type_name: String,
    },

    /// A session state value that cannot be saved to disk (it stays in
    /// memory for this run of the app, but the next start will not have it).
    #[error(
        "session state key \"{key}\" (a `{type_name}`) cannot be saved: {reason}. It stays in \
         memory while the app runs, but the next start will not restore it"
    )]
    Unsaved {
        /// The key.
        key: String,
        /// The value's type, as the user spells it.
        type_name: String,
        /// Why, and how to fix it.
        reason: String,
    },

    /// A page or callback returned an error.
    #[error("{message}")]
    Page {
        /// The error's type, as Rust names it.
        type_name: String,
        /// The error's `Display` text.
        message: String,
    },

    /// A page or callback panicked.
    #[error("{message}")]
    Panic {
        /// The panic message.
        message: String,
        /// `file:line:column` of the panic, when known.
        location: Option<String>,
    },

    /// A file could not be read or written.
    #[error("{action} {path}: {reason}")]
    Io {
        /// What brook was doing ("cannot write session state to").
        action: String,
        /// The file.
        path: String,
        /// The OS error.
        reason: String,
    },

    /// Something a test harness was asked to do cannot be done.
    #[error("{0}")]
    AppTest(String),

    /// The configuration cannot be used (CFG-2): the app does not start.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),

    /// The app's window could not be opened or ended abnormally.
    #[error(
        "cannot show the app's window: {reason}. A window needs a display (X11 or Wayland on \
         Linux) and the runtime packages the README lists; without a GPU, Mesa's software \
         drivers (libgl1-mesa-dri or mesa-vulkan-drivers) draw it"
    )]
    Window {
        /// What eframe or the screenshot mode reported.
        reason: String,
    },
    /// A form was misused in a way only a run can detect (FO-3..FO-5).
    #[error(transparent)]
    Form(crate::st::FormError),

    /// A cached function's arguments could not be hashed, or its cache was
    /// used where it cannot be (CA-4, CA-5, CA-11).
    #[error(transparent)]
    Cache(Box<crate::cache::CacheError>),
    /// A fragment, dialog or scoped rerun was used where it cannot be
    /// (EX-8, FR-3, FR-9).
    #[error(transparent)]
    Fragment(Box<crate::session::FragmentError>),
    /// Dev mode (`--dev`) cannot start.
    #[error(transparent)]
    Dev(#[from] Box<crate::dev::DevError>),

    /// Data could not become a table (a column of mixed types, a nested
    /// value, columns of different lengths, an unknown column).
    #[error(transparent)]
    Table(Box<crate::table::TableError>),
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self, self.type_name())
    }
}

impl Error {
    /// A short name for the kind of error, shown as the exception's type.
    pub fn type_name(&self) -> &str {
        match self {
            Self::MissingKey { .. } => "KeyError",
            Self::WrongType { .. } => "TypeError",
            Self::Decode { .. } => "DecodeError",
            Self::EmptyKey | Self::InvalidWidget { .. } => "BrookValueError",
            Self::ReservedKey { .. } => "BrookAPIException",
            Self::WidgetAlreadyInstantiated { .. } => "WidgetAlreadyInstantiatedError",
            Self::ValueAssignmentNotAllowed { .. } => "ValueAssignmentNotAllowedError",
            Self::DuplicateWidgetId { .. } | Self::DuplicateKey { .. } => "DuplicateWidgetID",
            Self::Layout { .. } => "InvalidLayoutContextError",
            Self::PageNotFound { .. } => "PageNotFoundError",
            Self::Navigation { .. } => "BrookAPIException",
            Self::Unserializable { .. } => "UnserializableSessionStateError",
            Self::Unsaved { .. } => "UnsavedSessionStateError",
            Self::Page { type_name, .. } => type_name,
            Self::Panic { .. } => "panic",
            Self::Io { .. } => "IoError",
            Self::AppTest(_) => "AppTestError",
            Self::Config(_) => "ConfigError",
            Self::Window { .. } => "WindowError",
            Self::Cache(e) => e.type_name(),
            Self::Form(e) => e.type_name(),
            Self::Fragment(e) => e.type_name(),
            Self::Dev(_) => "DevError",
            Self::Table(_) => "TableError",
        }
    }

    pub(crate) fn invalid(kind: &str, message: impl Into<String>) -> Self {
        Self::InvalidWidget {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }
}

/// The name of `T` as a user spells it in code: `Vec<String>`, not
/// `alloc::vec::Vec<alloc::string::String>` (see [`display_type_name`]).
pub(crate) fn type_name<T: ?Sized>() -> String {
    display_type_name(std::any::type_name::<T>())
}

/// Shortens every path in a type name the way a user writes it after the
/// usual `use`s: each path becomes its last segment (`alloc::string::String`
/// → `String`), except a bare `Error`, which keeps the module that tells it
/// apart (`std::io::error::Error` → `io::Error`, `serde_json::error::Error` →
/// `serde_json::Error`; a std crate itself is never kept: `dyn Error`).
pub(crate) fn display_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut rest = full;
    while let Some(start) = rest.find(is_ident_char) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        // The longest `ident(::ident)*` run from here.
        let mut end = 0;
        loop {
            let len = rest[end..]
                .find(|c: char| !is_ident_char(c))
                .unwrap_or(rest.len() - end);
            end += len;
            let after = &rest[end..];
            if after.starts_with("::") && after[2..].starts_with(is_ident_char) {
                end += 2;
            } else {
                break;
            }
        }
        out.push_str(&short_path(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn short_path(path: &str) -> String {
    let segments: Vec<&str> = path.split("::").collect();
    let Some((&last, parents)) = segments.split_last() else {
        return path.to_owned();
    };
    if last != "Error" {
        return last.to_owned();
    }
    // `io::error::Error`: the private module named after the type says nothing.
    let mut parents = parents.iter().rev().copied().skip_while(|p| *p == "error");
    match parents.next() {
        Some(module) if !matches!(module, "std" | "core" | "alloc") => format!("{module}::{last}"),
        _ => last.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_in_error_texts_are_spelled_as_the_user_writes_them() {
        // issue 9: texts said `alloc::string::String` where a user wrote `String`.
        assert_eq!(type_name::<String>(), "String");
        assert_eq!(type_name::<Vec<i64>>(), "Vec<i64>");
        assert_eq!(
            type_name::<std::collections::HashMap<String, Vec<Option<f64>>>>(),
            "HashMap<String, Vec<Option<f64>>>"
        );
        assert_eq!(type_name::<dyn std::error::Error>(), "dyn Error");
        assert_eq!(type_name::<std::io::Error>(), "io::Error");
        assert_eq!(type_name::<std::fmt::Error>(), "fmt::Error");
        assert_eq!(type_name::<crate::Error>(), "brook::Error");
        assert_eq!(type_name::<std::num::ParseIntError>(), "ParseIntError");
        assert_eq!(type_name::<(i64, &str, [u8; 4])>(), "(i64, &str, [u8; 4])");
        assert_eq!(
            type_name::<Result<Box<dyn Fn(u8) -> u8>, String>>(),
            "Result<Box<dyn Fn(u8) -> u8>, String>"
        );
        assert_eq!(display_type_name("my_app::model::Point"), "Point");
    }

    #[test]
    fn no_error_text_quotes_python_indexing() {
        // issue 9: `st.state()["n"]` is Python's spelling; brook has `st.state().set("n", ..)`.
        for e in [
            Error::WidgetAlreadyInstantiated { key: "n".into() },
            Error::ValueAssignmentNotAllowed { key: "n".into() },
        ] {
            let text = e.to_string();
            assert!(!text.contains("()["), "{text}");
            assert!(text.contains("`st.state().set(\"n\", ..)`"), "{text}");
        }
    }
}
