//! Widget identity (WS-1, WS-2): `$$ID-<32 hex digits>-<key or None>`.
//!
//! Computed for every widget of every run, so it is built without `format!`:
//! one blake3 pass over the identity parts and one `String` of the exact
//! size (a `format!("{b:02x}")` per byte made this a third of a rerun).

use std::ops::Deref;

use crate::session::run::Root;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Where a keyed widget's key starts in its id (`$$ID-` + 32 hex digits + `-`).
pub(crate) const KEY_AT: usize = 5 + 32 + 1;

/// The first 16 bytes of the blake3 digest of `parts` (each prefixed with
/// its length, so `["ab", "c"]` and `["a", "bc"]` differ), as 32 hex digits.
fn short_hash(parts: &[&str]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut hex = [0u8; 32];
    for (i, b) in digest.as_bytes()[..16].iter().enumerate() {
        hex[2 * i] = HEX[usize::from(b >> 4)];
        hex[2 * i + 1] = HEX[usize::from(b & 0x0f)];
    }
    hex
}

/// A widget id's text, built on the stack (on the heap for very long keys):
/// the session state usually has the same id already, whose shared copy the
/// run then takes (`register_widget`), so most runs allocate no id at all.
pub(crate) struct IdText {
    buf: [u8; 128],
    len: usize,
    long: Option<String>,
}

impl Deref for IdText {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.long {
            Some(long) => long,
            // Built from ASCII and a `str`: always UTF-8.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default(),
        }
    }
}

impl std::fmt::Debug for IdText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// `$$ID-<hash of parts>-<tail>`.
fn id_of(parts: &[&str], tail: &str) -> IdText {
    with_hex(&short_hash(parts), tail)
}

/// `$$ID-<hex>-<tail>`.
fn with_hex(hex: &[u8; 32], tail: &str) -> IdText {
    let mut id = IdText {
        buf: [0; 128],
        len: KEY_AT + tail.len(),
        long: None,
    };
    if id.len > id.buf.len() {
        let mut long = String::with_capacity(id.len);
        long.push_str("$$ID-");
        // Hex digits are ASCII: always UTF-8.
        long.push_str(std::str::from_utf8(hex).unwrap_or_default());
        long.push('-');
        long.push_str(tail);
        id.long = Some(long);
        return id;
    }
    id.buf[..5].copy_from_slice(b"$$ID-");
    id.buf[5..37].copy_from_slice(hex);
    id.buf[37] = b'-';
    id.buf[KEY_AT..id.len].copy_from_slice(tail.as_bytes());
    id
}

thread_local! {
    /// The last keyed widget's kind, parameters and their hash: a page of
    /// many alike keyed widgets (5,000 sliders of one range) hashes them once.
    static LAST_KEYED: std::cell::RefCell<(String, String, [u8; 32])> =
        const { std::cell::RefCell::new((String::new(), String::new(), [0; 32])) };
}

/// A keyed widget's id (WS-2): its kind and the few parameters that still
/// reset it when they change, then its key.
pub(super) fn keyed(kind: &str, keyed_identity: &str, key: &str) -> IdText {
    let hex = LAST_KEYED
        .try_with(|last| {
            let mut last = last.borrow_mut();
            if last.0 != kind || last.1 != keyed_identity || last.0.is_empty() {
                let hex = short_hash(&[kind, keyed_identity]);
                last.0.clear();
                last.0.push_str(kind);
                last.1.clear();
                last.1.push_str(keyed_identity);
                last.2 = hex;
            }
            last.2
        })
        .unwrap_or_else(|_| short_hash(&[kind, keyed_identity]));
    with_hex(&hex, key)
}

/// An unkeyed widget's id (WS-1): every identity parameter, the page, the
/// root (main or sidebar) and, inside a form, the form's key.
pub(super) fn unkeyed(
    kind: &str,
    label: &str,
    identity: &str,
    page: &str,
    root: Root,
    form: Option<&str>,
) -> IdText {
    // The root's `Debug` name, as it always was part of the identity.
    let root = match root {
        Root::Main => "Main",
        Root::Sidebar => "Sidebar",
    };
    match form {
        Some(form) => id_of(&[kind, label, identity, page, root, form], "None"),
        None => id_of(&[kind, label, identity, page, root], "None"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The previous implementation, kept to prove ids did not change (a
    /// changed id would reset every unkeyed widget's saved value).
    fn reference(parts: &[&str]) -> String {
        let mut h = blake3::Hasher::new();
        for p in parts {
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        h.finalize().as_bytes()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn ids_are_the_same_as_before_the_rewrite() {
        let id = keyed("slider", "1|10|1", "op1");
        assert_eq!(
            &*id,
            format!("$$ID-{}-op1", reference(&["slider", "1|10|1"]))
        );
        let id = unkeyed("button", "Go", "", "main", Root::Sidebar, Some("f"));
        assert_eq!(
            &*id,
            format!(
                "$$ID-{}-None",
                reference(&["button", "Go", "", "main", "Sidebar", "f"])
            )
        );
        let id = unkeyed("button", "Go", "", "main", Root::Main, None);
        assert_eq!(
            &*id,
            format!(
                "$$ID-{}-None",
                reference(&["button", "Go", "", "main", "Main"])
            )
        );
    }

    #[test]
    fn the_remembered_hash_is_only_reused_for_the_same_parameters() {
        let a = keyed("slider", "0|100|1", "a");
        let b = keyed("slider", "0|100|1", "b");
        let c = keyed("slider", "0|50|1", "a");
        let d = keyed("number_input", "0|50|1", "a");
        assert_eq!(a[..37], b[..37], "same kind and parameters, same hash");
        assert_ne!(a[..37], c[..37]);
        assert_ne!(c[..37], d[..37]);
        assert_eq!(&*c, &*keyed("slider", "0|50|1", "a"));
        assert_eq!(&*a, format!("$$ID-{}-a", reference(&["slider", "0|100|1"])));
    }

    #[test]
    fn a_keyed_id_ends_with_its_key_at_key_at() {
        assert_eq!(&keyed("slider", "0|1|1", "my key")[KEY_AT..], "my key");
    }

    #[test]
    fn a_key_longer_than_the_stack_buffer_makes_the_same_id() {
        let key = "k".repeat(300);
        let id = keyed("slider", "0|1|1", &key);
        assert_eq!(
            &*id,
            format!("$$ID-{}-{key}", reference(&["slider", "0|1|1"]))
        );
        let key = "k".repeat(128 - KEY_AT);
        let id = keyed("slider", "0|1|1", &key);
        assert_eq!(
            &*id,
            format!("$$ID-{}-{key}", reference(&["slider", "0|1|1"]))
        );
    }

    #[test]
    fn length_prefixes_keep_parts_apart() {
        assert_ne!(&*keyed("ab", "c", "k"), &*keyed("a", "bc", "k"));
    }
}
