//! The dashboard: incidents today, in the last 7 and 30 days (Montreal days) by severity
//! and by category, the trend per day as an inline SVG, the newest incidents awaiting
//! review, the notification outbox (backlog and failures per channel), and the policy in
//! force with when the rules were last read.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::auth::Signed;
use super::incidents::Row;
use super::lang::Lang;
use super::page::{Frame, render, unavailable};
use super::{AppState, blocking};
use crate::incident::clock::montreal;
use crate::incident::model::Status;
use crate::incident::store::pages::{Query, Tally};
use crate::incident::store::{Filter, Pending, timestamp};

/// Days the trend shows.
const DAYS: usize = 30;

/// One period's counts.
pub struct Period {
    /// Its name.
    pub name: String,
    /// Every incident.
    pub total: u64,
    /// By severity: high, medium, low.
    pub severities: [u64; 3],
}

/// One category's counts in the three periods.
pub struct CategoryRow {
    /// Its name.
    pub name: String,
    /// Today, 7 days, 30 days.
    pub counts: [u64; 3],
}

/// One bar of the trend.
pub struct Bar {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: u64,
    /// Height.
    pub height: u64,
    /// The day and its count, for the bar's title.
    pub title: String,
}

/// One notification channel's state.
pub struct Channel {
    /// "email", "syslog", "webhook".
    pub name: String,
    /// Waiting for delivery.
    pub waiting: usize,
    /// Of which failed at least once.
    pub failing: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    f: Frame,
    periods: Vec<Period>,
    categories: Vec<CategoryRow>,
    bars: Vec<Bar>,
    first_day: String,
    last_day: String,
    awaiting: u64,
    newest: Vec<Row>,
    channels: Vec<Channel>,
    policy_version: String,
    loaded_at: String,
    verified: Option<super::verification::Checked>,
}

/// The Montreal day ("YYYY-MM-DD") of a UTC hour ("YYYY-MM-DDTHH").
fn day_of(hour: &str) -> String {
    montreal(&format!("{hour}:00:00Z"))
        .chars()
        .take(10)
        .collect()
}

/// The last [`DAYS`] Montreal days, oldest first.
fn last_days(now: time::OffsetDateTime) -> Vec<String> {
    (0..DAYS as i64)
        .rev()
        .map(|back| {
            montreal(&timestamp(now - time::Duration::days(back)))
                .chars()
                .take(10)
                .collect()
        })
        .collect()
}

fn periods(
    l: Lang,
    tallies: &[Tally],
    days: &[String],
) -> (Vec<Period>, Vec<CategoryRow>, BTreeMap<String, u64>) {
    let today = days.last().cloned().unwrap_or_default();
    let week = days[days.len().saturating_sub(7)..]
        .first()
        .cloned()
        .unwrap_or_default();
    let month = days.first().cloned().unwrap_or_default();
    let names = [
        l.t("Aujourd'hui", "Today"),
        l.t("7 derniers jours", "Last 7 days"),
        l.t("30 derniers jours", "Last 30 days"),
    ];
    let mut periods: Vec<Period> = names
        .iter()
        .map(|n| Period {
            name: (*n).to_owned(),
            total: 0,
            severities: [0; 3],
        })
        .collect();
    let mut categories: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    let mut per_day: BTreeMap<String, u64> = BTreeMap::new();
    for tally in tallies {
        let day = day_of(&tally.hour);
        if day < month {
            continue;
        }
        *per_day.entry(day.clone()).or_default() += tally.count;
        let severity = match tally.severity.as_str() {
            "high" => 0,
            "medium" => 1,
            _ => 2,
        };
        for (index, start) in [&today, &week, &month].into_iter().enumerate() {
            if day >= *start {
                periods[index].total += tally.count;
                periods[index].severities[severity] += tally.count;
                categories.entry(tally.category.clone()).or_default()[index] += tally.count;
            }
        }
    }
    let categories = categories
        .into_iter()
        .map(|(word, counts)| CategoryRow {
            name: l.word(&word).to_owned(),
            counts,
        })
        .collect();
    (periods, categories, per_day)
}

fn bars(days: &[String], per_day: &BTreeMap<String, u64>) -> Vec<Bar> {
    let max = per_day.values().copied().max().unwrap_or(0).max(1);
    days.iter()
        .enumerate()
        .map(|(index, day)| {
            let count = per_day.get(day).copied().unwrap_or(0);
            let height = count * 100 / max;
            Bar {
                x: index * 20,
                y: 110 - height,
                height,
                title: format!("{day} : {count}"),
            }
        })
        .collect()
}

fn channels(outbox: &[Pending]) -> Vec<Channel> {
    let mut by: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for pending in outbox {
        let entry = by.entry(pending.channel.as_str()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(pending.attempts > 0);
    }
    by.into_iter()
        .map(|(name, (waiting, failing))| Channel {
            name: name.to_owned(),
            waiting,
            failing,
        })
        .collect()
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, signed: Signed) -> Response {
    let l = signed.l;
    let f = Frame::new(l, Some(signed.session), "/");
    let now = time::OffsetDateTime::now_utc();
    let since = timestamp(now - time::Duration::days(DAYS as i64 + 1));
    let awaiting = Query {
        filter: Filter {
            status: Some(Status::New),
            ..Filter::default()
        },
        descending: true,
        limit: 5,
        ..Query::default()
    };
    let read = blocking(&state, move |store| {
        Ok((
            store.tally(&since)?,
            store.page(&awaiting)?,
            store.outbox()?,
        ))
    })
    .await;
    let (tallies, awaiting, outbox) = match read {
        Ok(read) => read,
        Err(err) => return unavailable(f, &err),
    };
    let days = last_days(now);
    let (periods, categories, per_day) = periods(l, &tallies, &days);
    let rules = state.rules.current();
    let loaded_at = timestamp(time::OffsetDateTime::from(rules.loaded_at));
    let page = Dashboard {
        bars: bars(&days, &per_day),
        first_day: days.first().cloned().unwrap_or_default(),
        last_day: days.last().cloned().unwrap_or_default(),
        periods,
        categories,
        awaiting: awaiting.total,
        newest: awaiting.cases.iter().map(|c| Row::of(c, l)).collect(),
        channels: channels(&outbox),
        policy_version: rules.version.clone(),
        loaded_at: montreal(&loaded_at),
        verified: state
            .verified
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone(),
        f,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(hour: &str, category: &str, severity: &str, count: u64) -> Tally {
        Tally {
            hour: hour.into(),
            category: category.into(),
            severity: severity.into(),
            status: "new".into(),
            count,
        }
    }

    #[test]
    fn tallies_fall_into_montreal_days_and_periods() {
        let now = time::macros::datetime!(2026-03-20 15:00 UTC);
        let days = last_days(now);
        assert_eq!(
            (
                days.first().unwrap().as_str(),
                days.last().unwrap().as_str()
            ),
            ("2026-02-19", "2026-03-20")
        );
        let tallies = [
            // 02:00 UTC on the 20th is still the 19th in Montreal.
            tally("2026-03-20T02", "auto_forward", "high", 2),
            tally("2026-03-20T14", "auto_forward", "high", 1),
            tally("2026-03-10T14", "weak_encryption", "medium", 4),
            tally("2026-01-01T14", "weak_encryption", "medium", 9),
        ];
        let (periods, categories, per_day) = periods(Lang::En, &tallies, &days);
        assert_eq!(
            periods.iter().map(|p| p.total).collect::<Vec<_>>(),
            [1, 3, 7]
        );
        assert_eq!(periods[2].severities, [3, 4, 0]);
        assert_eq!(categories.len(), 2);
        assert_eq!(per_day["2026-03-19"], 2);
        let bars = bars(&days, &per_day);
        assert_eq!(bars.len(), DAYS);
        assert_eq!(bars.iter().map(|b| b.height).max(), Some(100));
    }
}
