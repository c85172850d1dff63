//! Time as the establishment's people read it: America/Montreal (EST, UTC-5; EDT, UTC-4
//! from the second Sunday of March to the first Sunday of November, at 2:00 local). Stored
//! times are UTC; reports and listings show Montreal time.

use time::{Date, Month, OffsetDateTime, UtcOffset, Weekday};

/// The nth Sunday of `month` in `year`.
fn sunday(year: i32, month: Month, nth: usize) -> Option<Date> {
    (1..=31u8)
        .filter_map(|d| Date::from_calendar_date(year, month, d).ok())
        .filter(|d| d.weekday() == Weekday::Sunday)
        .nth(nth.saturating_sub(1))
}

/// True when `at` falls in Montreal's daylight saving time.
pub fn daylight(at: OffsetDateTime) -> bool {
    let at = at.to_offset(UtcOffset::UTC);
    let year = at.year();
    match (
        sunday(year, Month::March, 2),
        sunday(year, Month::November, 1),
    ) {
        (Some(start), Some(end)) => {
            let start = start.with_hms(7, 0, 0).map(|t| t.assume_utc());
            let end = end.with_hms(6, 0, 0).map(|t| t.assume_utc());
            matches!((start, end), (Ok(s), Ok(e)) if at >= s && at < e)
        }
        _ => false,
    }
}

/// `at` in Montreal time.
pub fn local(at: OffsetDateTime) -> OffsetDateTime {
    let hours = if daylight(at) { -4 } else { -5 };
    at.to_offset(UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC))
}

/// A stored RFC 3339 time, parsed.
pub fn parse(utc: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(utc, &time::format_description::well_known::Rfc3339).ok()
}

/// A stored UTC time as Montreal people read it: "2026-01-15 12:30 (HNE)".
pub fn montreal(utc: &str) -> String {
    let Some(at) = parse(utc) else {
        return utc.to_owned();
    };
    let local = local(at);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} ({})",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute(),
        if daylight(at) { "HAE" } else { "HNE" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn montreal_time_follows_daylight_saving() {
        assert_eq!(montreal("2026-01-15T17:30:00Z"), "2026-01-15 12:30 (HNE)");
        assert_eq!(montreal("2026-07-01T16:00:00Z"), "2026-07-01 12:00 (HAE)");
        // 2026: DST from 8 March 07:00 UTC to 1 November 06:00 UTC.
        assert_eq!(montreal("2026-03-08T06:59:00Z"), "2026-03-08 01:59 (HNE)");
        assert_eq!(montreal("2026-03-08T07:00:00Z"), "2026-03-08 03:00 (HAE)");
        assert_eq!(montreal("2026-11-01T05:59:00Z"), "2026-11-01 01:59 (HAE)");
        assert_eq!(montreal("2026-11-01T06:00:00Z"), "2026-11-01 01:00 (HNE)");
    }
}
