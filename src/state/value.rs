//! Type-erased values stored in session state.

use std::any::Any;
use std::cell::OnceCell;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What [`SessionState::set`](super::SessionState::set) accepts: any value that
/// can be cloned, sent to the script thread, and saved (so it can outlive the
/// process, departure 7). Implemented for every such type.
pub trait StateValue: Any + Clone + Send + Serialize + DeserializeOwned {}

impl<T: Any + Clone + Send + Serialize + DeserializeOwned> StateValue for T {}

/// What [`SessionState::set_any`](super::SessionState::set_any) accepts: any
/// value that can be cloned and sent, serialisable or not (never persisted).
pub trait AnyValue: Any + Clone + Send {}

impl<T: Any + Clone + Send> AnyValue for T {}

/// A stored value, with what brook needs to copy, show and save it.
pub(crate) trait DynValue: Send {
    fn clone_box(&self) -> Box<dyn DynValue>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn type_name(&self) -> &'static str;
    /// JSON for traces and `st.write(st.state())`.
    fn to_json(&self) -> serde_json::Value;
    /// RON for persistence; `None` for values stored with `set_any`, an
    /// error (why, and how to fix it) for a value that cannot be encoded.
    fn to_ron(&self) -> Option<Result<String, String>>;
}

/// A serialisable value.
pub(crate) struct Ser<T>(pub T);

impl<T: StateValue> DynValue for Ser<T> {
    fn clone_box(&self) -> Box<dyn DynValue> {
        Box::new(Ser(self.0.clone()))
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        &mut self.0
    }
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }
    fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.0).unwrap_or_else(|e| {
            serde_json::Value::String(format!("<{}: {e}>", std::any::type_name::<T>()))
        })
    }
    fn to_ron(&self) -> Option<Result<String, String>> {
        Some(ron::to_string(&self.0).map_err(|e| unsaved_reason(&e)))
    }
}

/// Why RON could not encode a value, said so the user can fix it.
fn unsaved_reason(e: &ron::Error) -> String {
    match e {
        ron::Error::ExceededRecursionLimit => format!(
            "it is nested more than {} levels deep (a long linked list of \
             `Option<Box<_>>`, a deep tree), deeper than brook saves or reads back safely; \
             store it flatter, e.g. the list's items in a `Vec`",
            ron::Options::default()
                .recursion_limit
                .unwrap_or(usize::MAX)
        ),
        other => format!("its `Serialize` implementation failed ({other})"),
    }
}

/// A value stored through the escape hatch: never serialised.
pub(crate) struct Opaque<T>(pub T);

impl<T: AnyValue> DynValue for Opaque<T> {
    fn clone_box(&self) -> Box<dyn DynValue> {
        Box::new(Opaque(self.0.clone()))
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        &mut self.0
    }
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(format!("<{}>", std::any::type_name::<T>()))
    }
    fn to_ron(&self) -> Option<Result<String, String>> {
        None
    }
}

/// A slot: a live value, or one restored from disk and decoded at its first
/// typed read.
pub(crate) enum Slot {
    Live(Box<dyn DynValue>),
    Raw {
        ron: String,
        decoded: OnceCell<Box<dyn DynValue>>,
    },
}

impl Slot {
    pub(crate) fn live<T: StateValue>(v: T) -> Self {
        Self::Live(Box::new(Ser(v)))
    }

    /// The live value, if this slot has one (raw slots only after decoding).
    pub(crate) fn value(&self) -> Option<&dyn DynValue> {
        match self {
            Self::Live(v) => Some(v.as_ref()),
            Self::Raw { decoded, .. } => decoded.get().map(AsRef::as_ref),
        }
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self.value() {
            Some(v) => v.to_json(),
            None => match self {
                Self::Raw { ron, .. } => ron::from_str::<serde_json::Value>(ron)
                    .unwrap_or_else(|_| serde_json::Value::String(ron.clone())),
                Self::Live(_) => serde_json::Value::Null,
            },
        }
    }

    /// The value as RON for saving: `None` when it is never saved (stored
    /// with `set_any`), an error saying why when it cannot be encoded.
    pub(crate) fn to_ron(&self) -> Option<Result<String, String>> {
        match self {
            Self::Live(v) => v.to_ron(),
            Self::Raw { ron, decoded } => match decoded.get() {
                Some(v) => v.to_ron(),
                None => Some(Ok(ron.clone())),
            },
        }
    }

    /// The name of the stored type, as a user spells it (`"saved value"`
    /// for a restored value not read yet).
    pub(crate) fn type_name(&self) -> String {
        self.value().map_or_else(
            || "saved value".to_owned(),
            |v| crate::error::display_type_name(v.type_name()),
        )
    }
}

impl Clone for Slot {
    fn clone(&self) -> Self {
        match self {
            Self::Live(v) => Self::Live(v.clone_box()),
            Self::Raw { ron, decoded } => {
                let cell = OnceCell::new();
                if let Some(v) = decoded.get() {
                    let _ = cell.set(v.clone_box());
                }
                Self::Raw {
                    ron: ron.clone(),
                    decoded: cell,
                }
            }
        }
    }
}
