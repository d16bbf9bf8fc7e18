//! Compile-time check of `ttl` strings, with the rules of
//! `brook::cache::parse_ttl` (CA-8).

/// The duration in nanoseconds, or `None` if the string does not parse.
pub fn parse_ttl_nanos(text: &str) -> Option<u64> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let number: f64 = rest[..num_len].parse().ok()?;
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
            _ => return None,
        };
        total += number * seconds;
    }
    let nanos = total * 1e9;
    (nanos.is_finite() && nanos >= 0.0 && nanos < u64::MAX as f64).then_some(nanos.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_ttl_nanos;

    #[test]
    fn compile_time_ttl_parser_accepts_streamlit_forms() {
        // CA-8
        let s = |t: &str| parse_ttl_nanos(t).map(|n| n / 1_000_000_000);
        assert_eq!(s("1d2h34m"), Some(86_400 + 7_200 + 2_040));
        assert_eq!(s("2 days"), Some(172_800));
        assert_eq!(s("1h30m"), Some(5_400));
        assert_eq!(s("45"), Some(45));
        assert_eq!(parse_ttl_nanos("250ms"), Some(250_000_000));
        for bad in ["", "soon", "1 fortnight", "1h x", "h"] {
            assert_eq!(parse_ttl_nanos(bad), None, "{bad}");
        }
    }
}
