//! The `#[cache_data]` front end: every caller gets its own copy (CA-6).

use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::disk;
use super::hash::Key;
use super::store::{Fresh, Store, Value};

/// Looks `key` up in `store`, computing and storing the value on a miss.
///
/// A hit returns a clone of the stored value and replays its recorded
/// elements into `ctx` (CA-16); the miss returns the computed value itself,
/// after storing a clone of it (CA-6). An `Err` from `compute` is returned
/// and not cached.
pub fn data<C: ?Sized, T, E>(
    store: &'static Store,
    key: Key,
    ctx: &mut C,
    compute: impl FnOnce(&mut C) -> Result<(T, Option<Value>), E>,
    mut replay: impl FnMut(&mut C, &Value),
) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
{
    store.call(
        key,
        ctx,
        |ctx, entry| {
            let value = entry.value.downcast_ref::<T>()?.clone();
            if let Some(rec) = &entry.replay {
                replay(ctx, rec);
            }
            Some(value)
        },
        |ctx| {
            let (value, rec) = compute(ctx)?;
            let stored: Value = Arc::new(value.clone());
            Ok((
                value,
                Fresh {
                    value: stored,
                    replay: rec,
                },
            ))
        },
    )
}

/// [`data`] for `persist = "disk"` (CA-10): a memory miss reads the entry's
/// file before computing, and a computed value is written to disk.
pub fn data_persist<T, E>(
    store: &'static Store,
    key: Key,
    compute: impl FnOnce() -> Result<T, E>,
) -> Result<T, E>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    let spec = store.spec();
    store.call(
        key,
        &mut (),
        |(), entry| entry.value.downcast_ref::<T>().cloned(),
        |()| {
            let value = match disk::load::<T>(&spec.identity, &spec.qualname, &key) {
                Some(value) => value,
                None => {
                    let value = compute()?;
                    disk::save(&spec.identity, &spec.qualname, &key, &value);
                    value
                }
            };
            let stored: Value = Arc::new(value.clone());
            Ok((
                value,
                Fresh {
                    value: stored,
                    replay: None,
                },
            ))
        },
    )
}
