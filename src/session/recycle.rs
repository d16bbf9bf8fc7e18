//! Buffers a run hands to the next run on the same thread.
//!
//! A page of 10,000 elements needs a widget registry and a root child list
//! of 10,000 entries in every run. Allocating them afresh each run makes
//! glibc's allocator consolidate every small block the previous run freed
//! (a large request does that first), touching megabytes of cold memory:
//! measured with `valgrind --tool=callgrind --cache-sim=yes`, a third of a
//! large page's cache misses per rerun. So the buffers of a finished run are
//! kept (emptied) and the next run takes them: a steady page makes no large
//! allocation at all. One buffer of each kind per thread, the largest seen.

use std::cell::RefCell;

use super::run::{Child, WidgetMeta};
use crate::state::run_set::FastMap;
use crate::tree::WidgetId;

#[derive(Default)]
struct Pool {
    order: Vec<WidgetMeta>,
    index: FastMap<WidgetId, usize>,
    children: Vec<Child>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

/// An empty registry order list and index with room for `n` widgets.
pub(crate) fn registry(n: usize) -> (Vec<WidgetMeta>, FastMap<WidgetId, usize>) {
    let (mut order, mut index) = POOL
        .try_with(|p| {
            let mut p = p.borrow_mut();
            (std::mem::take(&mut p.order), std::mem::take(&mut p.index))
        })
        .unwrap_or_default();
    order.reserve(n);
    index.reserve(n);
    (order, index)
}

/// Keeps a registry's buffers (emptied here) for the next run.
pub(crate) fn give_registry(mut order: Vec<WidgetMeta>, mut index: FastMap<WidgetId, usize>) {
    if order.capacity() == 0 && index.capacity() == 0 {
        return;
    }
    order.clear();
    index.clear();
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if order.capacity() > p.order.capacity() {
            p.order = order;
        }
        if index.capacity() > p.index.capacity() {
            p.index = index;
        }
    });
}

/// An empty child list with room for `n` children.
pub(crate) fn children(n: usize) -> Vec<Child> {
    let mut v = POOL
        .try_with(|p| std::mem::take(&mut p.borrow_mut().children))
        .unwrap_or_default();
    v.reserve(n);
    v
}

/// Keeps an emptied child list for the next run.
pub(crate) fn give_children(v: Vec<Child>) {
    if v.capacity() < 64 {
        return; // small lists are cheap to allocate; keep the big one
    }
    debug_assert!(v.is_empty());
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if v.capacity() > p.children.capacity() {
            p.children = v;
        }
    });
}
