//! brook's error type. Messages say what happened, why, and what to do, the
//! way Streamlit's do (`SEMANTICS.md` quotes those), in Rust terms.

/// `Result<T, brook::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in brook.
///
/// Errors raised by `St` calls during a run (invalid widget parameters,
/// duplicate keys, ...) stop the run and are shown as an exception element,
/// like a Streamlit exception; the session and its state survive.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
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
        "`st.state()[\"{key}\"]` cannot be modified after the widget with that key is instantiated. \
         Assign it before creating the widget, or update it from an `on_change` or `on_click` callback, \
         which runs before the widget is instantiated. If this is a read-only session state key \
         (buttons, forms), store the value under a different session state key."
    )]
    WidgetAlreadyInstantiated {
        /// The key.
        key: String,
    },

    /// WS-7: a button (or form) key was assigned through session state.
    #[error(
        "`st.state()[\"{key}\"]` is read-only and cannot be assigned through session state. \
         Use a different session state key for values you need to set."
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
    /// A cached function's arguments could not be hashed, or its cache was
    /// used where it cannot be (CA-4, CA-5, CA-11).
    #[error(transparent)]
    Cache(Box<crate::cache::CacheError>),
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
            Self::Unserializable { .. } => "UnserializableSessionStateError",
            Self::Page { type_name, .. } => type_name,
            Self::Panic { .. } => "panic",
            Self::Io { .. } => "IoError",
            Self::AppTest(_) => "AppTestError",
            Self::Config(_) => "ConfigError",
            Self::Window { .. } => "WindowError",
            Self::Cache(e) => e.type_name(),
        }
    }

    pub(crate) fn invalid(kind: &str, message: impl Into<String>) -> Self {
        Self::InvalidWidget {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }
}
