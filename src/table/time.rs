//! Dates, times and date-times as table cells: plain integers underneath
//! (days, microseconds), printed and parsed in ISO 8601.
//!
//! They serialise as ISO strings (`"2024-01-05"`, `"2024-01-05 10:30:00"`,
//! `"10:30:00"`), so JSON and RON stay readable, and a struct field of one of
//! these types becomes a typed column in a [`Table`](super::Table).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The newtype names the table serializer recognises (a `Date` field becomes
/// a date column without guessing from its text).
pub(crate) const DATE_NAME: &str = "__BrookDate";
pub(crate) const DATETIME_NAME: &str = "__BrookDateTime";
pub(crate) const TIME_NAME: &str = "__BrookTime";
/// `brook::tree::Series`'s serde name (a slice of series is chart data).
pub(crate) const SERIES_NAME: &str = "__BrookSeries";

const MICROS_PER_SECOND: i64 = 1_000_000;
const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SECOND;

/// A calendar date (no time zone): days since 1970-01-01.
///
/// ```
/// use brook::table::Date;
/// let d = Date::from_ymd(2024, 2, 29).expect("a leap day");
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert_eq!("2024-02-29".parse::<Date>(), Ok(d));
/// assert_eq!(d.ymd(), (2024, 2, 29));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date(pub i32);

/// A date and time of day (no time zone): microseconds since
/// 1970-01-01 00:00:00.
///
/// ```
/// use brook::table::DateTime;
/// let t: DateTime = "2024-01-05T10:30:00Z".parse().expect("ISO 8601");
/// assert_eq!(t.to_string(), "2024-01-05 10:30:00");
/// assert_eq!(t.date().to_string(), "2024-01-05");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DateTime(pub i64);

/// A time of day: microseconds since midnight.
///
/// ```
/// use brook::table::Time;
/// let t = Time::from_hms(9, 5, 0).expect("a valid time");
/// assert_eq!(t.to_string(), "09:05:00");
/// assert_eq!("09:05".parse::<Time>(), Ok(t));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub i64);

/// Text that does not read as an ISO 8601 date, time or date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not an ISO 8601 {what} (expected {expected})")]
pub struct ParseTimeError {
    text: String,
    what: &'static str,
    expected: &'static str,
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The date `year-month-day`; `None` when it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year.into(), month) {
            return None;
        }
        i32::try_from(days_from_civil(year.into(), month, day))
            .ok()
            .map(Self)
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.0.into());
        (i32::try_from(y).unwrap_or(i32::MAX), m, d)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// Midnight of this date.
    pub fn and_time(self, time: Time) -> DateTime {
        DateTime(i64::from(self.0) * MICROS_PER_DAY + time.0)
    }
}

impl DateTime {
    /// The instant `seconds` after 1970-01-01 00:00:00 (a Unix timestamp, read as UTC).
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds.saturating_mul(MICROS_PER_SECOND))
    }

    /// Microseconds since 1970-01-01 00:00:00.
    pub fn micros(self) -> i64 {
        self.0
    }

    /// Seconds since 1970-01-01 00:00:00, with fractions.
    #[allow(clippy::cast_precision_loss)] // microsecond timestamps fit f64's 53 bits for ±285 years
    pub fn seconds_f64(self) -> f64 {
        self.0 as f64 / MICROS_PER_SECOND as f64
    }

    /// The calendar date.
    pub fn date(self) -> Date {
        Date(i32::try_from(self.0.div_euclid(MICROS_PER_DAY)).unwrap_or(i32::MAX))
    }

    /// The time of day.
    pub fn time(self) -> Time {
        Time(self.0.rem_euclid(MICROS_PER_DAY))
    }
}

impl Time {
    /// `hour:minute:second`; `None` when out of range.
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Option<Self> {
        (hour < 24 && minute < 60 && second < 60).then(|| {
            Self(
                (i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second))
                    * MICROS_PER_SECOND,
            )
        })
    }

    /// Microseconds since midnight.
    pub fn micros(self) -> i64 {
        self.0
    }

    /// `(hour, minute, second)`.
    pub fn hms(self) -> (u32, u32, u32) {
        let s = self.0.div_euclid(MICROS_PER_SECOND);
        let part = |v: i64| u32::try_from(v).unwrap_or(0);
        (part(s / 3600), part(s / 60 % 60), part(s % 60))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = self.hms();
        write!(f, "{h:02}:{m:02}:{s:02}")?;
        let micros = self.0.rem_euclid(MICROS_PER_SECOND);
        if micros != 0 {
            let digits = format!("{micros:06}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date(), self.time())
    }
}

/// Reads exactly `n` ASCII digits.
fn digits(s: &[u8], n: usize) -> Option<(u32, &[u8])> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = s[..n]
        .iter()
        .fold(0_u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    Some((v, &s[n..]))
}

fn parse_date(s: &[u8]) -> Option<(Date, &[u8])> {
    let (y, s) = digits(s, 4)?;
    let s = s.strip_prefix(b"-")?;
    let (m, s) = digits(s, 2)?;
    let s = s.strip_prefix(b"-")?;
    let (d, s) = digits(s, 2)?;
    Some((Date::from_ymd(i32::try_from(y).ok()?, m, d)?, s))
}

fn parse_time(s: &[u8]) -> Option<(Time, &[u8])> {
    let (h, s) = digits(s, 2)?;
    let s = s.strip_prefix(b":")?;
    let (m, mut s) = digits(s, 2)?;
    let mut sec = 0;
    if let Some(rest) = s.strip_prefix(b":") {
        let (v, rest) = digits(rest, 2)?;
        sec = v;
        s = rest;
    }
    let mut time = Time::from_hms(h, m, sec)?;
    if let Some(rest) = s.strip_prefix(b".") {
        let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let mut micros = 0_i64;
        for (i, d) in rest[..n].iter().enumerate() {
            if i < 6 {
                micros = micros * 10 + i64::from(d - b'0');
            }
        }
        for _ in n..6 {
            micros *= 10;
        }
        time.0 += micros;
        s = &rest[n..];
    }
    Some((time, s))
}

/// A UTC offset suffix (`Z`, `+02:00`, `-0530`) in microseconds, or none.
fn parse_offset(s: &[u8]) -> Option<i64> {
    match s {
        [] => Some(0),
        [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, rest) = digits(rest, 2)?;
            let rest = rest.strip_prefix(b":").unwrap_or(rest);
            let (m, rest) = digits(rest, 2)?;
            if !rest.is_empty() {
                return None;
            }
            let micros = (i64::from(h) * 3600 + i64::from(m) * 60) * MICROS_PER_SECOND;
            Some(if *sign == b'+' { micros } else { -micros })
        }
        _ => None,
    }
}

impl std::str::FromStr for Date {
    type Err = ParseTimeError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match parse_date(text.trim().as_bytes()) {
            Some((d, [])) => Ok(d),
            _ => Err(ParseTimeError {
                text: text.to_owned(),
                what: "date",
                expected: "YYYY-MM-DD",
            }),
        }
    }
}

impl std::str::FromStr for Time {
    type Err = ParseTimeError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match parse_time(text.trim().as_bytes()) {
            Some((t, [])) => Ok(t),
            _ => Err(ParseTimeError {
                text: text.to_owned(),
                what: "time",
                expected: "HH:MM or HH:MM:SS",
            }),
        }
    }
}

impl std::str::FromStr for DateTime {
    type Err = ParseTimeError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ParseTimeError {
            text: text.to_owned(),
            what: "date-time",
            expected: "YYYY-MM-DD HH:MM:SS, optionally with T, fractions and Z or +HH:MM",
        };
        let (date, rest) = parse_date(text.trim().as_bytes()).ok_or_else(bad)?;
        let rest = match rest {
            [b'T' | b't' | b' ', rest @ ..] => rest,
            _ => return Err(bad()),
        };
        let (time, rest) = parse_time(rest).ok_or_else(bad)?;
        let offset = parse_offset(rest).ok_or_else(bad)?;
        Ok(DateTime(date.and_time(time).0 - offset))
    }
}

macro_rules! iso_serde {
    ($ty:ident, $name:ident, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_newtype_struct($name, &self.to_string())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("an ISO 8601 ", $what))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                    fn visit_newtype_struct<D: Deserializer<'de>>(
                        self,
                        d: D,
                    ) -> Result<$ty, D::Error> {
                        let s = String::deserialize(d)?;
                        s.parse().map_err(de::Error::custom)
                    }
                }
                deserializer.deserialize_newtype_struct($name, V)
            }
        }
    };
}

iso_serde!(Date, DATE_NAME, "date");
iso_serde!(DateTime, DATETIME_NAME, "date-time");
iso_serde!(Time, TIME_NAME, "time");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_conversion_round_trips_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let d = Date(days);
            let (y, m, dd) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(d), "{days}");
        }
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
    }

    #[test]
    fn iso_text_parses_and_prints() {
        let t: DateTime = "2024-01-05T10:30:00.250+01:00".parse().expect("parses");
        assert_eq!(t.to_string(), "2024-01-05 09:30:00.25");
        assert!("2024-13-01".parse::<Date>().is_err());
        assert!("2024-01-05x".parse::<Date>().is_err());
        assert!("24:00".parse::<Time>().is_err());
        let json = serde_json::to_string(&t).expect("serialises");
        assert_eq!(json, "\"2024-01-05 09:30:00.25\"");
        let back: DateTime = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, t);
        let ron = ron::to_string(&Date(3)).expect("ron");
        assert_eq!(ron::from_str::<Date>(&ron).expect("ron back"), Date(3));
    }
}
