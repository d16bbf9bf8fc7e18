//! `ttl` strings (CA-8): `"1d2h34m"`, `"2 days"`, `"1h30m"`, `"90s"`, `"1.5h"`.

use std::time::Duration;

use super::CacheError;

/// Parses a time-to-live the way Streamlit does (CA-8): a sequence of
/// `<number><unit>` parts, spaces allowed, units `w`/`week(s)`, `d`/`day(s)`,
/// `h`/`hr(s)`/`hour(s)`, `m`/`min(s)`/`minute(s)`, `s`/`sec(s)`/`second(s)`,
/// `ms`, `us`/`µs`, `ns`; a bare number is seconds.
///
/// `#[cache_data(ttl = "...")]` checks its string at compile time with the
/// same rules; this is for durations that only exist at run time.
///
/// ```
/// use std::time::Duration;
/// use brook::cache::parse_ttl;
///
/// assert_eq!(parse_ttl("1h30m")?, Duration::from_secs(5400));
/// assert_eq!(parse_ttl("2 days")?, Duration::from_secs(2 * 86_400));
/// assert!(parse_ttl("soon").is_err());
/// # Ok::<(), brook::cache::CacheError>(())
/// ```
pub fn parse_ttl(text: &str) -> Result<Duration, CacheError> {
    let bad = || CacheError::Ttl(text.to_owned());
    let s = text.trim();
    if s.is_empty() {
        return Err(bad());
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(bad());
        }
        let number: f64 = rest[..num_len].parse().map_err(|_| bad())?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = rest[unit_len..].trim_start_matches([' ', ',']);
        let seconds = match unit.to_ascii_lowercase().as_str() {
            "w" | "week" | "weeks" => 604_800.0,
            "d" | "day" | "days" => 86_400.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3_600.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "" if rest.is_empty() && total == 0.0 => 1.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 1e-3,
            "us" | "µs" | "micro" | "micros" | "microsecond" | "microseconds" => 1e-6,
            "ns" | "nano" | "nanos" | "nanosecond" | "nanoseconds" => 1e-9,
            _ => return Err(bad()),
        };
        total += number * seconds;
    }
    Duration::try_from_secs_f64(total).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttl_strings_parse_like_streamlit() {
        // CA-8
        let secs = |s: &str| parse_ttl(s).map(|d| d.as_secs_f64());
        assert_eq!(secs("1d2h34m"), Ok(86_400.0 + 7_200.0 + 2_040.0));
        assert_eq!(secs("2 days"), Ok(172_800.0));
        assert_eq!(secs("1h30m"), Ok(5_400.0));
        assert_eq!(secs("1.5h"), Ok(5_400.0));
        assert_eq!(secs("90"), Ok(90.0));
        assert_eq!(secs("1 hour, 2 minutes"), Ok(3_720.0));
        assert_eq!(secs("250ms"), Ok(0.25));
    }

    #[test]
    fn bad_ttl_strings_are_errors_quoting_the_input() {
        // CA-8
        for bad in ["", "soon", "1 fortnight", "h", "1h x", "1..2s"] {
            let err = parse_ttl(bad).expect_err(bad);
            assert!(err.to_string().contains("Time string doesn't look right"));
            assert!(err.to_string().ends_with(&format!("Got: {bad}")));
        }
    }
}

/// The attribute macros check `ttl` strings at compile time with their own
/// copy of these rules (a proc-macro crate cannot depend on brook); the test
/// below keeps the two parsers in agreement.
#[cfg(test)]
#[path = "../../macros/src/ttl.rs"]
#[allow(dead_code)]
mod macro_ttl;

#[cfg(test)]
mod macro_agreement {
    #[test]
    fn the_compile_time_check_and_the_runtime_parser_agree() {
        for text in [
            "1d2h34m",
            "2 days",
            "1h30m",
            "90s",
            "1.5h",
            "10",
            "0.25",
            "1w",
            "3 weeks",
            "500ms",
            "20us",
            "7ns",
            "1 hour 2 minutes",
            "",
            "   ",
            "abc",
            "1x",
            "-5s",
            "h",
            "1h h",
            "1e3s",
            "1..5s",
            "2 dayz",
        ] {
            let runtime = super::parse_ttl(text).ok().map(|d| d.as_nanos());
            let compile = super::macro_ttl::parse_ttl_nanos(text).map(u128::from);
            assert_eq!(runtime, compile, "ttl {text:?}");
        }
    }
}
