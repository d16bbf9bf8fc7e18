//! What the chart calls accept (EL-6): a slice of numbers (x is the index),
//! `(x, y)` pairs, or named series.

use std::collections::BTreeMap;

use crate::tree::Series;

/// Numbers a chart can plot.
pub trait ToF64: Copy {
    /// As `f64`.
    fn to_f64(self) -> f64;
}

macro_rules! to_f64 {
    ($($t:ty),*) => {$(
        impl ToF64 for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            #[inline]
            fn to_f64(self) -> f64 { self as f64 }
        }
    )*};
}
to_f64!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize, f32, f64);

/// Data a chart can draw.
///
/// ```
/// # brook::__doc_page(|st| {
/// st.line_chart(&[1, 5, 35, 30]);                       // y per index
/// st.scatter_chart(&[(0.5, 1.0), (1.5, 2.0)]);          // (x, y) pairs
/// st.line_chart(&[("a", vec![1.0, 2.0]), ("b", vec![3.0, 1.0])]); // named
/// # Ok(()) });
/// ```
pub trait ChartData {
    /// The series to draw, and whether x is the generated index.
    fn to_series(&self) -> (Vec<Series>, bool);
}

fn indexed<T: ToF64>(name: &str, ys: &[T]) -> Series {
    #[allow(clippy::cast_precision_loss)]
    let points = ys
        .iter()
        .enumerate()
        .map(|(i, y)| [i as f64, y.to_f64()])
        .collect();
    Series {
        name: name.to_owned(),
        points,
    }
}

impl<T: ToF64> ChartData for [T] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        (vec![indexed("value", self)], true)
    }
}

impl<T: ToF64> ChartData for Vec<T> {
    fn to_series(&self) -> (Vec<Series>, bool) {
        self.as_slice().to_series()
    }
}

impl<T: ToF64, const N: usize> ChartData for [T; N] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        self.as_slice().to_series()
    }
}

/// `(x, y)` pairs, one series named `y`.
impl<X: ToF64, Y: ToF64> ChartData for [(X, Y)] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        let points = self.iter().map(|(x, y)| [x.to_f64(), y.to_f64()]).collect();
        (
            vec![Series {
                name: "y".to_owned(),
                points,
            }],
            false,
        )
    }
}

impl<X: ToF64, Y: ToF64, const N: usize> ChartData for [(X, Y); N] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        self.as_slice().to_series()
    }
}

/// Named series of y values, x being the index.
impl<S: AsRef<str>, T: ToF64> ChartData for [(S, Vec<T>)] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        (
            self.iter()
                .map(|(name, ys)| indexed(name.as_ref(), ys))
                .collect(),
            true,
        )
    }
}

impl<S: AsRef<str>, T: ToF64, const N: usize> ChartData for [(S, Vec<T>); N] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        self.as_slice().to_series()
    }
}

impl<T: ToF64> ChartData for BTreeMap<String, Vec<T>> {
    fn to_series(&self) -> (Vec<Series>, bool) {
        (
            self.iter().map(|(name, ys)| indexed(name, ys)).collect(),
            true,
        )
    }
}

impl ChartData for [Series] {
    fn to_series(&self) -> (Vec<Series>, bool) {
        (self.to_vec(), false)
    }
}
