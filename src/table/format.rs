//! How numbers and dates are shown in a table cell: Streamlit's named
//! formats (`"dollar"`, `"percent"`, `"compact"`, ...) and printf-style
//! formats (`"%.2f"`, `"$%d"`, `"%.1f%%"`).

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::value::Cell;

/// A number format, as `NumberColumn(format=...)` takes it.
///
/// ```
/// use brook::table::NumberFormat;
/// let f = |s: &str, v: f64| NumberFormat::parse(s).expect("valid").format(v);
/// assert_eq!(f("%.2f", 3.14159), "3.14");
/// assert_eq!(f("$%d", 12.6), "$13");
/// assert_eq!(f("dollar", 1234.5), "$1,234.50");
/// assert_eq!(f("percent", 0.125), "12.50%");
/// assert_eq!(f("compact", 1_260_000.0), "1.3M");
/// assert!(NumberFormat::parse("abc").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberFormat {
    /// Full precision, no separators.
    Plain,
    /// Thousands separators (`1,234.5`).
    Localized,
    /// Times 100 with a percent sign (`12.50%`).
    Percent,
    /// Dollars (`$1,234.50`).
    Dollar,
    /// Euros (`€1,234.50`).
    Euro,
    /// Yen (`¥1,235`).
    Yen,
    /// Negative numbers in parentheses (`(1,234.50)`).
    Accounting,
    /// Short with a suffix (`1.3K`, `4.5M`).
    Compact,
    /// Scientific notation (`1.235E3`).
    Scientific,
    /// Engineering notation: exponents in multiples of 3 (`12.346E3`).
    Engineering,
    /// A printf-style format (`%.2f`, `$%d`, `%e`, `%x`, with text around it).
    Printf(Printf),
}

/// A parsed printf-style format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Printf {
    prefix: String,
    suffix: String,
    conversion: char,
    precision: Option<usize>,
    width: usize,
    zero_pad: bool,
    plus: bool,
    thousands: bool,
}

impl NumberFormat {
    /// Parses a named format or a printf-style one; the error says what is accepted.
    pub fn parse(format: &str) -> Result<Self, String> {
        Ok(match format {
            "plain" => Self::Plain,
            "localized" => Self::Localized,
            "percent" => Self::Percent,
            "dollar" => Self::Dollar,
            "euro" => Self::Euro,
            "yen" => Self::Yen,
            "accounting" => Self::Accounting,
            "compact" => Self::Compact,
            "scientific" => Self::Scientific,
            "engineering" => Self::Engineering,
            other => Self::Printf(Printf::parse(other).ok_or_else(|| {
                format!(
                    "Invalid number format {other:?}: use a printf-style format with one conversion \
                     (`%d`, `%.2f`, `$%.2f`, `%.1f%%`, `%e`, `%x`) or one of plain, localized, percent, \
                     dollar, euro, yen, accounting, compact, scientific, engineering."
                )
            })?),
        })
    }

    /// `v` in this format.
    pub fn format(&self, v: f64) -> String {
        if !v.is_finite() {
            return default_float(v);
        }
        match self {
            Self::Plain => {
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    format!("{v:.0}")
                } else {
                    format!("{v}")
                }
            }
            Self::Localized => localized(v, None),
            Self::Percent => format!("{}%", fixed(v * 100.0, 2, false)),
            Self::Dollar => money("$", v, 2),
            Self::Euro => money("€", v, 2),
            Self::Yen => money("¥", v, 0),
            Self::Accounting => {
                let s = fixed(v.abs(), 2, true);
                if v < 0.0 { format!("({s})") } else { s }
            }
            Self::Compact => compact(v),
            Self::Scientific => scientific(v, 3),
            Self::Engineering => engineering(v),
            Self::Printf(p) => p.format(v),
        }
    }
}

fn money(symbol: &str, v: f64, decimals: usize) -> String {
    let s = fixed(v.abs(), decimals, true);
    if v < 0.0 {
        format!("-{symbol}{s}")
    } else {
        format!("{symbol}{s}")
    }
}

/// `v` with `decimals` decimals, optionally with thousands separators.
fn fixed(v: f64, decimals: usize, thousands: bool) -> String {
    let s = format!("{v:.decimals$}");
    if thousands { group(&s) } else { s }
}

/// Inserts `,` every three digits of the integer part.
fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

fn localized(v: f64, decimals: Option<usize>) -> String {
    match decimals {
        Some(d) => fixed(v, d, true),
        None => {
            let s = default_float(v);
            if s.contains('e') { s } else { group(&s) }
        }
    }
}

fn compact(v: f64) -> String {
    let a = v.abs();
    let (div, suffix) = if a >= 1e12 {
        (1e12, "T")
    } else if a >= 1e9 {
        (1e9, "B")
    } else if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e3 {
        (1e3, "K")
    } else {
        (1.0, "")
    };
    let s = format!("{:.1}", v / div);
    let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
    format!("{s}{suffix}")
}

fn scientific(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$E}")
}

#[allow(clippy::cast_possible_truncation)] // a finite f64's decimal exponent fits i32
fn engineering(v: f64) -> String {
    if v == 0.0 {
        return "0.000E0".to_owned();
    }
    let exp = v.abs().log10().floor() as i32;
    let exp3 = exp.div_euclid(3) * 3;
    let mantissa = v / 10f64.powi(exp3);
    format!("{mantissa:.3}E{exp3}")
}

/// A float as a cell shows it by default: up to four decimals, trailing
/// zeros dropped (one kept), scientific when very large or small.
pub fn default_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e15).contains(&a) {
        return format!("{v:.3e}");
    }
    let s = format!("{v:.4}");
    let trimmed = s.trim_end_matches('0');
    if trimmed.ends_with('.') {
        format!("{trimmed}0")
    } else {
        trimmed.to_owned()
    }
}

impl Printf {
    /// Parses `%[flags][width][.precision]conversion` with text around it.
    pub fn parse(format: &str) -> Option<Self> {
        let mut prefix = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                prefix.push(c);
                continue;
            }
            if chars.peek() == Some(&'%') {
                chars.next();
                prefix.push('%');
                continue;
            }
            let (mut zero_pad, mut plus, mut thousands) = (false, false, false);
            while let Some(&f) = chars.peek().filter(|c| "-+ #0,'".contains(**c)) {
                match f {
                    '0' => zero_pad = true,
                    '+' => plus = true,
                    ',' | '\'' => thousands = true,
                    _ => {}
                }
                chars.next();
            }
            let mut width = 0;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                width = width * 10 + d as usize;
                chars.next();
            }
            let mut precision = None;
            if chars.peek() == Some(&'.') {
                chars.next();
                let mut p = 0;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    p = p * 10 + d as usize;
                    chars.next();
                }
                precision = Some(p);
            }
            let conversion = chars.next()?;
            if !"diufFeEgGxXos".contains(conversion) {
                return None;
            }
            let rest: String = chars.collect();
            if rest.replace("%%", "").contains('%') {
                return None; // one conversion only
            }
            return Some(Self {
                prefix,
                suffix: rest.replace("%%", "%"),
                conversion,
                precision,
                width,
                zero_pad,
                plus,
                thousands,
            });
        }
        None
    }

    #[allow(clippy::cast_possible_truncation)] // %d/%x of a float: its rounded integer
    fn format(&self, v: f64) -> String {
        let body = match self.conversion {
            'd' | 'i' | 'u' => fixed(v.round(), 0, self.thousands),
            'f' | 'F' => fixed(v, self.precision.unwrap_or(6), self.thousands),
            'e' => format!("{v:.p$e}", p = self.precision.unwrap_or(6)),
            'E' => format!("{v:.p$E}", p = self.precision.unwrap_or(6)),
            'g' | 'G' => {
                let s = default_float(v);
                if self.conversion == 'G' {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            'x' => format!("{:x}", v.round() as i64),
            'X' => format!("{:X}", v.round() as i64),
            'o' => format!("{:o}", v.round() as i64),
            _ => default_float(v),
        };
        let body = if self.plus && v >= 0.0 {
            format!("+{body}")
        } else {
            body
        };
        let mut out = String::with_capacity(self.prefix.len() + body.len() + self.suffix.len());
        out.push_str(&self.prefix);
        if body.len() < self.width {
            let pad = if self.zero_pad { '0' } else { ' ' };
            let (sign, digits) = match body.strip_prefix('-') {
                Some(d) if self.zero_pad => ("-", d),
                _ => ("", body.as_str()),
            };
            out.push_str(sign);
            for _ in 0..self.width - body.len() {
                out.push(pad);
            }
            out.push_str(digits);
        } else {
            out.push_str(&body);
        }
        out.push_str(&self.suffix);
        out
    }
}

/// Writes `cell` as a table shows it by default (no format): integers as
/// they are, floats with up to four decimals, booleans, text, ISO dates.
pub fn write_cell(out: &mut String, cell: Cell<'_>) {
    match cell {
        Cell::Null => out.push_str("None"),
        Cell::Float(v) => out.push_str(&default_float(v)),
        Cell::Str(s) => out.push_str(s),
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// A date, date-time or time in a strftime-style `format` (`%Y-%m-%d`,
/// `%b %d, %Y`, `%H:%M`), or `"iso8601"` / `"localized"`.
pub fn format_temporal(cell: Cell<'_>, format: &str) -> String {
    use super::time::{Date, Time};
    let (date, time): (Option<Date>, Option<Time>) = match cell {
        Cell::Date(d) => (Some(d), None),
        Cell::DateTime(t) => (Some(t.date()), Some(t.time())),
        Cell::Time(t) => (None, Some(t)),
        other => return other.to_string(),
    };
    let format = match format {
        "iso8601" | "" => return cell.to_string(),
        "localized" => match (date, time) {
            (Some(_), Some(_)) => "%b %-d, %Y, %H:%M:%S",
            (Some(_), None) => "%b %-d, %Y",
            _ => "%H:%M:%S",
        },
        other => other,
    };
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, mo, d) = date.map_or((1970, 1, 1), Date::ymd);
    let (h, mi, s) = time.map_or((0, 0, 0), Time::hms);
    let month = MONTHS[(mo as usize).saturating_sub(1) % 12];
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = chars.next();
        let unpadded = spec == Some('-');
        if unpadded {
            spec = chars.next();
        }
        let num = |out: &mut String, v: u32| {
            if unpadded {
                let _ = write!(out, "{v}");
            } else {
                let _ = write!(out, "{v:02}");
            }
        };
        match spec {
            Some('Y') => {
                let _ = write!(out, "{y}");
            }
            Some('y') => num(&mut out, u32::try_from(y.rem_euclid(100)).unwrap_or(0)),
            Some('m') => num(&mut out, mo),
            Some('d') => num(&mut out, d),
            Some('e') => {
                let _ = write!(out, "{d}");
            }
            Some('b') => out.push_str(&month[..3]),
            Some('B') => out.push_str(month),
            Some('H') => num(&mut out, h),
            Some('M') => num(&mut out, mi),
            Some('S') => num(&mut out, s),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printf_formats_take_flags_width_and_text() {
        let f = |s: &str, v: f64| NumberFormat::parse(s).expect("valid").format(v);
        assert_eq!(f("%05d", 42.0), "00042");
        assert_eq!(f("%,d", 1_234_567.0), "1,234,567");
        assert_eq!(f("%.1f%%", 12.34), "12.3%");
        assert_eq!(f("%+.1f", 2.0), "+2.0");
        assert_eq!(f("%x", 255.0), "ff");
        assert_eq!(f("accounting", -5.0), "(5.00)");
        assert_eq!(f("euro", -1234.5), "-€1,234.50");
        assert_eq!(f("engineering", 12_345.0), "12.345E3");
        assert_eq!(f("localized", 1_234_567.5), "1,234,567.5");
        assert!(NumberFormat::parse("%d and %d").is_err());
    }

    #[test]
    fn dates_take_strftime_formats() {
        use crate::table::Date;
        let d = Cell::Date(Date::from_ymd(2024, 1, 5).expect("valid"));
        assert_eq!(format_temporal(d, "%b %d, %Y"), "Jan 05, 2024");
        assert_eq!(format_temporal(d, "localized"), "Jan 5, 2024");
        assert_eq!(format_temporal(d, "%d/%m/%y"), "05/01/24");
    }

    #[test]
    fn default_floats_are_short() {
        assert_eq!(default_float(2.0), "2.0");
        assert_eq!(default_float(0.123_456), "0.1235");
        assert_eq!(default_float(-1.5), "-1.5");
        assert_eq!(default_float(1e-7), "1.000e-7");
    }
}
