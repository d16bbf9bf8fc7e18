//! The `#[cache_resource]` front end: every caller shares one `Arc` (CA-6),
//! checked by `validate` on each hit (CA-12).

use std::sync::Arc;

use super::hash::Key;
use super::store::{Fresh, Store, Value};

/// Looks `key` up in `store`, computing and storing the resource on a miss.
///
/// A hit whose value `validate` rejects is removed (and released) and
/// computed again (CA-12).
pub fn resource<C: ?Sized, T, E>(
    store: &'static Store,
    key: Key,
    ctx: &mut C,
    compute: impl FnOnce(&mut C) -> Result<(T, Option<Value>), E>,
    mut replay: impl FnMut(&mut C, &Value),
    validate: impl Fn(&T) -> bool,
) -> Result<Arc<T>, E>
where
    T: Send + Sync + 'static,
{
    store.call(
        key,
        ctx,
        |ctx, entry| {
            let value = entry.value.clone().downcast::<T>().ok()?;
            if !validate(&value) {
                return None;
            }
            if let Some(rec) = &entry.replay {
                replay(ctx, rec);
            }
            Some(value)
        },
        |ctx| {
            let (value, rec) = compute(ctx)?;
            let value = Arc::new(value);
            Ok((value.clone(), Fresh { value, replay: rec }))
        },
    )
}

/// Wraps a typed `on_release` callback for the type-erased store.
pub fn release_fn<T: Send + Sync + 'static>(
    f: impl Fn(Arc<T>) + Send + Sync + 'static,
) -> Box<dyn Fn(Value) + Send + Sync> {
    Box::new(move |value: Value| {
        if let Ok(value) = value.downcast::<T>() {
            f(value);
        }
    })
}
