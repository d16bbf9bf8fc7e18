//! Widget ids and node paths: strings every node of every run carries, so
//! they are cheap to make, copy and free.
//!
//! A page of 10,000 elements makes 10,000 node paths and 5,000 widget ids per
//! run, and frees the previous run's as many. As `String`s that was one heap
//! block each (three per widget id: the tree's, the registry's and its
//! index's), and freeing them a run later touched megabytes of cold memory
//! (issue 17). Both are now [`SmolStr`]: a path (`main.2.0`, at most 23
//! bytes) lives inline with no heap block at all, and a widget id
//! (`$$ID-<32 hex digits>-<key>`) is one shared block whose copies are
//! reference counts. They compare, hash, order, print and serialise exactly as
//! the `String`s they replace.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        pub struct $name(SmolStr);

        impl $name {
            /// The id of this text.
            pub fn new(text: impl AsRef<str>) -> Self {
                Self(SmolStr::new(text))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // As the derived `Debug` of the `String` newtype it was.
                f.debug_tuple(stringify!($name)).field(&self.0.as_str()).finish()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(SmolStr::from(text))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(SmolStr::new(text))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_str().to_owned()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0.as_str() == other.as_str()
            }
        }
    };
}

string_id!(
    /// Identity of a widget across runs (WS-1, WS-2): `$$ID-<hash>-<key or None>`.
    ///
    /// ```
    /// use brook::tree::WidgetId;
    /// let id = WidgetId::new("$$ID-0123-op1");
    /// assert_eq!(id.as_str(), "$$ID-0123-op1");
    /// assert_eq!(id, WidgetId::from("$$ID-0123-op1".to_owned()));
    /// ```
    WidgetId
);

string_id!(
    /// A node's stable position: root then child indices, e.g. `main.2.0`.
    ///
    /// ```
    /// use brook::tree::NodeId;
    /// let id = NodeId::new("main.2.0");
    /// assert_eq!(id.to_string(), "main.2.0");
    /// assert!(id.starts_with("main."));
    /// ```
    NodeId
);

impl NodeId {
    /// `prefix.index` (e.g. `main.2.0`), made without `format!` and, for the
    /// paths of ordinary pages (up to 23 bytes), without a heap block.
    pub(crate) fn child(prefix: &str, index: usize) -> Self {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = index;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let digits = &digits[at..];
        let len = prefix.len() + 1 + digits.len();
        let mut buf = [0u8; 64];
        if len > buf.len() {
            let mut path = String::with_capacity(len);
            path.push_str(prefix);
            path.push('.');
            // ASCII digits: always UTF-8.
            path.push_str(std::str::from_utf8(digits).unwrap_or_default());
            return Self::from(path);
        }
        buf[..prefix.len()].copy_from_slice(prefix.as_bytes());
        buf[prefix.len()] = b'.';
        buf[prefix.len() + 1..len].copy_from_slice(digits);
        // A `str` followed by ASCII: always UTF-8.
        Self(SmolStr::new(
            std::str::from_utf8(&buf[..len]).unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the ids replaced: `String` newtypes with derived traits.
    #[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    struct WidgetId(String);

    fn hash_of(v: &impl std::hash::Hash) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(v)
    }

    #[test]
    fn ids_serialise_print_hash_and_order_as_the_strings_they_replace() {
        let long = "$$ID-0123456789abcdef0123456789abcdef-a key of some length";
        for text in ["main.0", "", long, "sidebar.12.3.4"] {
            let old = WidgetId(text.to_owned());
            let new = super::WidgetId::new(text);
            assert_eq!(
                serde_json::to_string(&old).unwrap(),
                serde_json::to_string(&new).unwrap()
            );
            assert_eq!(ron::to_string(&old).unwrap(), ron::to_string(&new).unwrap());
            assert_eq!(format!("{old:?}"), format!("{new:?}"));
            assert_eq!(new.to_string(), text);
            assert_eq!(hash_of(&old), hash_of(&new), "Hash as the String newtype");
            let back: super::WidgetId =
                serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
            assert_eq!(back, new);
            let back: super::WidgetId = ron::from_str(&ron::to_string(&old).unwrap()).unwrap();
            assert_eq!(back, new);
        }
        let mut a = vec!["main.10", "main.9", "main.1", "sidebar.0", "main.1.0"];
        let mut b: Vec<NodeId> = a.iter().map(NodeId::new).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b.iter().map(NodeId::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn copies_of_a_long_id_share_one_block_and_paths_need_none() {
        let id = super::WidgetId::new("$$ID-0123456789abcdef0123456789abcdef-key");
        let copy = id.clone();
        assert!(std::ptr::eq(id.as_str(), copy.as_str()));
        let path = NodeId::child("main", 12_345);
        assert_eq!(path, "main.12345");
        assert!(!path.0.is_heap_allocated());
        let deep = NodeId::child("main.1.22.333.4444.55555.666666", 7);
        assert_eq!(deep, "main.1.22.333.4444.55555.666666.7");
        let huge = "x".repeat(100);
        assert_eq!(NodeId::child(&huge, 0), format!("{huge}.0"));
        assert_eq!(NodeId::child("sidebar", 0), "sidebar.0");
    }
}
