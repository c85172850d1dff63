//! The annual account (DIR04 art. 14) for a chosen year: the same figures as `sentinelle
//! incidents report` (built by `incident::report`), as a printable page (the print style
//! sheet drops the navigation) and as HTML and CSV downloads.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::auth::Signed;
use super::page::{Frame, render, unavailable};
use super::{AppState, blocking};
use crate::incident::report::{self, Report};
use crate::incident::store::Filter;

/// The year asked for (this year without one).
#[derive(Deserialize)]
pub struct Year {
    year: Option<i32>,
}

impl Year {
    fn get(&self) -> i32 {
        let now = time::OffsetDateTime::now_utc().year();
        self.year
            .filter(|y| (2000..=now + 1).contains(y))
            .unwrap_or(now)
    }
}

/// One row: a name and its count.
pub struct Line {
    /// The name.
    pub name: String,
    /// The count.
    pub count: usize,
}

#[derive(Template)]
#[template(path = "annual.html")]
struct AnnualPage {
    f: Frame,
    r: Report,
    sections: Vec<(String, Vec<Line>)>,
    months: Vec<(String, usize, usize)>,
    median: String,
    years: Vec<i32>,
}

/// The year's report, from the incidents created around it (Montreal time is the report's).
async fn build(state: &AppState, year: i32) -> Result<Report, crate::incident::store::StoreError> {
    let filter = Filter {
        since: Some(format!("{}-12-31", year - 1)),
        until: Some(format!("{}-01-02", year + 1)),
        ..Filter::default()
    };
    blocking(state, move |store| {
        Ok(report::build(&store.list(&filter)?, year))
    })
    .await
}

fn lines(l: super::lang::Lang, map: &std::collections::BTreeMap<String, usize>) -> Vec<Line> {
    map.iter()
        .map(|(word, count)| Line {
            name: l.word(word).to_owned(),
            count: *count,
        })
        .collect()
}

/// `GET /report?year=2026`.
pub async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Query(year): Query<Year>,
) -> Response {
    let year = year.get();
    let l = signed.l;
    let f = Frame::new(l, Some(signed.session), &format!("/report?year={year}"));
    let r = match build(&state, year).await {
        Ok(r) => r,
        Err(err) => return unavailable(f, &err),
    };
    const MONTHS: [(&str, &str); 12] = [
        ("janv.", "Jan"),
        ("févr.", "Feb"),
        ("mars", "Mar"),
        ("avr.", "Apr"),
        ("mai", "May"),
        ("juin", "Jun"),
        ("juil.", "Jul"),
        ("août", "Aug"),
        ("sept.", "Sep"),
        ("oct.", "Oct"),
        ("nov.", "Nov"),
        ("déc.", "Dec"),
    ];
    let max = r.by_month.iter().copied().max().unwrap_or(0).max(1);
    let months = MONTHS
        .iter()
        .zip(r.by_month)
        .map(|((fr, en), count)| (l.t(fr, en).to_owned(), count, count * 100 / max))
        .collect();
    let median = r.median_hours_to_close.map_or_else(
        || l.t("aucun incident fermé", "no closed incident").to_owned(),
        |h| format!("{h:.1} h"),
    );
    let now = time::OffsetDateTime::now_utc().year();
    let page = AnnualPage {
        sections: vec![
            (
                l.t("Par catégorie", "By category").to_owned(),
                lines(l, &r.by_category),
            ),
            (
                l.t("Par gravité", "By severity").to_owned(),
                lines(l, &r.by_severity),
            ),
            (
                l.t("Par mesure prise", "By action taken").to_owned(),
                lines(l, &r.by_action),
            ),
            (
                l.t("Par statut", "By status").to_owned(),
                lines(l, &r.by_status),
            ),
            (
                l.t("Par établissement", "By establishment").to_owned(),
                lines(l, &r.by_establishment),
            ),
        ],
        months,
        median,
        years: (now - 4..=now).rev().collect(),
        r,
        f,
    };
    render(StatusCode::OK, &page)
}

/// `GET /report.csv?year=2026`.
pub async fn csv(
    State(state): State<AppState>,
    _signed: Signed,
    Query(year): Query<Year>,
) -> Response {
    file(&state, year.get(), "csv").await
}

/// `GET /report.html?year=2026`: the standalone HTML report (inline SVG), as a file.
pub async fn download(
    State(state): State<AppState>,
    _signed: Signed,
    Query(year): Query<Year>,
) -> Response {
    file(&state, year.get(), "html").await
}

async fn file(state: &AppState, year: i32, kind: &'static str) -> Response {
    match build(state, year).await {
        Ok(r) => {
            let (body, mime) = match kind {
                "csv" => (report::csv(&r), "text/csv; charset=utf-8"),
                _ => (report::html(&r), "text/html; charset=utf-8"),
            };
            let disposition = format!("attachment; filename=\"sentinelle-bilan-{year}.{kind}\"");
            (
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                body,
            )
                .into_response()
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "incident store unavailable\n",
        )
            .into_response(),
    }
}
