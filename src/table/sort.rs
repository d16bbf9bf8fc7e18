//! Sorting a table by a column, for the view (`st.dataframe`'s header
//! clicks) and for pages ([`Table::sorted`]).
//!
//! The view never reorders the data: it keeps a permutation (row order) per
//! sorted column. A large table is sorted on a named worker thread
//! ([`SortJob`]) so the window never stalls while a million rows sort; the
//! renderer keeps showing the old order until the new one is ready.

use std::cmp::Ordering;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

use serde::{Deserialize, Serialize};

use super::column::ColumnData;
use super::{Column, Table, TableError};

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortOrder {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// Rows up to this many sort right away on the calling thread (well under a
/// millisecond); larger tables sort on a worker.
pub(crate) const SYNC_SORT_ROWS: usize = 20_000;

fn sort_idx<T: Sync>(
    idx: &mut [u32],
    values: &[T],
    order: SortOrder,
    cmp: impl Fn(&T, &T) -> Ordering + Sync,
) {
    // Stable: equal values keep their original order, in both directions.
    let by = |a: &u32, b: &u32| {
        let o = cmp(&values[*a as usize], &values[*b as usize]);
        match order {
            SortOrder::Ascending => o,
            SortOrder::Descending => o.reverse(),
        }
    };
    // One thread: on a two-core machine a parallel sort would take the
    // window's core too, and frames would wait for the scheduler.
    idx.sort_by(by);
}

/// The row order that sorts `column` (stable; missing values last in both
/// directions, as pandas puts them).
pub(crate) fn permutation(column: &Column, order: SortOrder) -> Vec<u32> {
    let n = u32::try_from(column.len()).unwrap_or(u32::MAX);
    let (mut rows, nulls): (Vec<u32>, Vec<u32>) =
        (0..n).partition(|&i| !column.is_null(i as usize));
    match column.data() {
        ColumnData::Null(_) => {}
        ColumnData::Int(v) => sort_idx(&mut rows, v, order, Ord::cmp),
        ColumnData::Float(v) => sort_idx(&mut rows, v, order, f64::total_cmp),
        ColumnData::Bool(v) => sort_idx(&mut rows, v, order, Ord::cmp),
        ColumnData::Str(v) => sort_idx(&mut rows, v, order, Ord::cmp),
        ColumnData::Date(v) => sort_idx(&mut rows, v, order, Ord::cmp),
        ColumnData::DateTime(v) => sort_idx(&mut rows, v, order, Ord::cmp),
        ColumnData::Time(v) => sort_idx(&mut rows, v, order, Ord::cmp),
    }
    rows.extend(nulls);
    rows
}

impl Table {
    /// A copy of the table sorted by `column` (stable; missing values last).
    ///
    /// ```
    /// use brook::table::{SortOrder, Table};
    /// let t = Table::from_rows(&[3, 1, 2])?;
    /// let s = t.sorted("value", SortOrder::Descending)?;
    /// assert_eq!(s.columns()[0].values(), [3.into(), 2.into(), 1.into()]);
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn sorted(&self, column: &str, order: SortOrder) -> Result<Self, TableError> {
        let rows: Vec<usize> = permutation(self.try_column(column)?, order)
            .into_iter()
            .map(|r| r as usize)
            .collect();
        Ok(self.take(&rows))
    }
}

/// A row order being computed: right away for small tables, on a named
/// worker thread for large ones (the window keeps drawing meanwhile).
#[derive(Debug)]
pub struct SortJob {
    state: JobState,
}

#[derive(Debug)]
enum JobState {
    Done(Arc<[u32]>),
    Running(Receiver<Arc<[u32]>>),
    Taken,
}

impl SortJob {
    /// Starts sorting `table` by column `column` (its position). `wake` is
    /// called from the worker when the order is ready (the renderer passes
    /// `request_repaint`); it is not called for a small table, whose order
    /// is ready at once.
    ///
    /// ```
    /// use brook::table::{SortJob, SortOrder, Table};
    /// let t = Table::from_rows(&[3, 1, 2])?;
    /// let job = SortJob::start(&t, 0, SortOrder::Ascending, || {});
    /// assert_eq!(&*job.wait(), &[1, 2, 0]);
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn start(
        table: &Table,
        column: usize,
        order: SortOrder,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let Some(col) = table.columns().get(column).cloned() else {
            return Self {
                state: JobState::Done((0..u32::try_from(table.num_rows()).unwrap_or(0)).collect()),
            };
        };
        if col.len() <= SYNC_SORT_ROWS {
            return Self {
                state: JobState::Done(permutation(&col, order).into()),
            };
        }
        let (tx, rx) = sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("brook-sort".to_owned())
            .spawn(move || {
                let order: Arc<[u32]> = permutation(&col, order).into();
                // The view may have moved on (another sort, a new tree): then
                // nobody listens, and the order is dropped.
                if tx.send(order).is_ok() {
                    wake();
                }
            });
        match spawned {
            Ok(_) => Self {
                state: JobState::Running(rx),
            },
            // No thread to be had: sort here rather than not at all.
            Err(_) => Self {
                state: JobState::Done(permutation(&table.columns()[column], order).into()),
            },
        }
    }

    /// The order, once ready (then `None` again: it is handed over once).
    pub fn poll(&mut self) -> Option<Arc<[u32]>> {
        match &self.state {
            JobState::Done(_) => match std::mem::replace(&mut self.state, JobState::Taken) {
                JobState::Done(order) => Some(order),
                _ => None,
            },
            JobState::Running(rx) => match rx.try_recv() {
                Ok(order) => {
                    self.state = JobState::Taken;
                    Some(order)
                }
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    self.state = JobState::Taken;
                    None
                }
            },
            JobState::Taken => None,
        }
    }

    /// True while the worker is still sorting.
    pub fn is_running(&self) -> bool {
        matches!(self.state, JobState::Running(_))
    }

    /// Blocks until the order is ready (tests and benchmarks).
    pub fn wait(self) -> Arc<[u32]> {
        match self.state {
            JobState::Done(order) => order,
            JobState::Running(rx) => rx.recv().unwrap_or_else(|_| Arc::from(Vec::new())),
            JobState::Taken => Arc::from(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Column;

    #[test]
    fn sorting_is_stable_and_puts_missing_values_last() {
        let c = Column::new("v", vec![Some(2), None, Some(1), Some(2), None, Some(0)]);
        assert_eq!(permutation(&c, SortOrder::Ascending), [5, 2, 0, 3, 1, 4]);
        assert_eq!(permutation(&c, SortOrder::Descending), [0, 3, 2, 5, 1, 4]);
    }

    /// Many large sorts started and dropped at random points, on several
    /// threads: every one that is waited for is a correct order, and none
    /// deadlocks or panics (the worker's send fails quietly when dropped).
    #[test]
    fn concurrent_sort_jobs_stress() {
        let n = SYNC_SORT_ROWS + 5_000;
        let values: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 10_007).collect();
        let t = Table::new(vec![Column::new("v", values.clone())]).expect("table");
        std::thread::scope(|s| {
            for worker in 0..4 {
                let t = &t;
                let values = &values;
                std::thread::Builder::new()
                    .name(format!("sort-stress-{worker}"))
                    .spawn_scoped(s, move || {
                        for round in 0..6 {
                            let order = if (worker + round) % 2 == 0 {
                                SortOrder::Ascending
                            } else {
                                SortOrder::Descending
                            };
                            let dropped = SortJob::start(t, 0, order, || {});
                            drop(dropped);
                            let job = SortJob::start(t, 0, order, || {});
                            let perm = job.wait();
                            assert_eq!(perm.len(), n);
                            assert!(perm.windows(2).all(|w| {
                                let (a, b) = (values[w[0] as usize], values[w[1] as usize]);
                                match order {
                                    SortOrder::Ascending => a <= b,
                                    SortOrder::Descending => a >= b,
                                }
                            }));
                        }
                    })
                    .expect("spawn");
            }
        });
    }
}
