//! The incident pages: the list (filters and sort in the URL, server-side pages, CSV export
//! of the filtered list), one incident with everything its record holds (redacted samples
//! only) explained in words, and the review actions (take under review, close with a
//! required note, reopen), which reviewers and admins may take and auditors may not.

use askama::Template;
use axum::Form;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::Signed;
use super::lang::Lang;
use super::page::{Frame, problem, render, unavailable};
use super::{AppState, blocking};
use crate::incident::clock::montreal;
use crate::incident::model::Status;
use crate::incident::store::pages::{Query, Sort};
use crate::incident::store::{Case, Filter, Review, StoreError};

/// Rows per page.
pub const PER_PAGE: u64 = 50;

/// The list's URL parameters (every one optional; empty means absent).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Params {
    since: String,
    until: String,
    status: String,
    category: String,
    severity: String,
    establishment: String,
    sender: String,
    class: String,
    sort: String,
    dir: String,
    page: u64,
}

fn given(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl Params {
    fn parse(raw: Option<&str>) -> Params {
        raw.and_then(|q| serde_urlencoded::from_str(q).ok())
            .unwrap_or_default()
    }

    /// The store filter. Dates are days (the `until` day included).
    fn filter(&self) -> Filter {
        let day = |d: &str| {
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()
        };
        Filter {
            since: day(&self.since).map(|d| d.to_string()),
            until: day(&self.until)
                .and_then(|d| d.next_day())
                .map(|d| d.to_string()),
            status: Status::parse(&self.status),
            category: given(&self.category),
            establishment: given(&self.establishment),
            severity: given(&self.severity),
            sender: given(&self.sender),
            class: given(&self.class),
        }
    }

    fn query(&self) -> Query {
        Query {
            filter: self.filter(),
            sort: Sort::parse(&self.sort).unwrap_or_default(),
            descending: self.dir != "asc",
            offset: self.page.saturating_mul(PER_PAGE),
            limit: PER_PAGE,
        }
    }

    /// This list's URL with another page or sort (the filters kept).
    fn url(&self, page: u64, sort: &str, dir: &str) -> String {
        let pairs = [
            ("since", self.since.as_str()),
            ("until", &self.until),
            ("status", &self.status),
            ("category", &self.category),
            ("severity", &self.severity),
            ("establishment", &self.establishment),
            ("sender", &self.sender),
            ("class", &self.class),
            ("sort", sort),
            ("dir", dir),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        let mut query = serde_urlencoded::to_string(&kept).unwrap_or_default();
        if page > 0 {
            query.push_str(&format!(
                "{}page={page}",
                if query.is_empty() { "" } else { "&" }
            ));
        }
        if query.is_empty() {
            "/incidents".into()
        } else {
            format!("/incidents?{query}")
        }
    }
}

/// One row of the list.
pub struct Row {
    /// INC-2026-000123.
    pub reference: String,
    /// Montreal time.
    pub when: String,
    /// Category word, and its name.
    pub category: (String, String),
    /// Severity word, and its name.
    pub severity: (String, String),
    /// Status name.
    pub status: String,
    /// Envelope sender.
    pub sender: String,
    /// Establishment.
    pub establishment: String,
    /// Recipient classes, named.
    pub classes: String,
}

impl Row {
    /// The row of `case` in `l`.
    pub fn of(case: &Case, l: Lang) -> Row {
        let i = &case.incident;
        let mut classes: Vec<&str> = i
            .draft
            .recipients
            .iter()
            .map(|r| l.word(r.class.as_str()))
            .collect();
        classes.dedup();
        let category = i.draft.category.as_str();
        let severity = i.draft.severity.as_str();
        Row {
            reference: i.reference.clone(),
            when: montreal(&i.created_at),
            category: (category.to_owned(), l.word(category).to_owned()),
            severity: (severity.to_owned(), l.word(severity).to_owned()),
            status: l.word(case.status.as_str()).to_owned(),
            sender: i.who.envelope_sender.clone(),
            establishment: i.who.establishment.clone().unwrap_or_default(),
            classes: classes.join(", "),
        }
    }
}

/// A choice of a filter's `<select>`.
pub struct Choice {
    /// Its value.
    pub value: &'static str,
    /// Its name.
    pub name: String,
    /// Chosen now.
    pub selected: bool,
}

fn choices(l: Lang, words: &[&'static str], current: &str) -> Vec<Choice> {
    words
        .iter()
        .map(|&value| Choice {
            value,
            name: l.word(value).to_owned(),
            selected: value == current,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "incidents.html")]
struct ListPage {
    f: Frame,
    p: Params,
    rows: Vec<Row>,
    total: u64,
    first: u64,
    last: u64,
    previous: Option<String>,
    next: Option<String>,
    csv: String,
    statuses: Vec<Choice>,
    categories: Vec<Choice>,
    severities: Vec<Choice>,
    classes: Vec<Choice>,
    sorts: Vec<(String, String)>,
}

/// `GET /incidents`.
pub async fn list(
    State(state): State<AppState>,
    signed: Signed,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = Params::parse(raw.as_deref());
    let l = signed.l;
    let here = p.url(p.page, &p.sort, &p.dir);
    let f = Frame::new(l, Some(signed.session), &here);
    let query = p.query();
    let page = match blocking(&state, move |store| store.page(&query)).await {
        Ok(page) => page,
        Err(err) => return unavailable(f, &err),
    };
    let first = p.page * PER_PAGE;
    let shown = page.cases.len() as u64;
    let sort_dir = if p.dir == "asc" { "asc" } else { "desc" };
    let sorts = [
        ("created", l.t("Date", "Date")),
        ("severity", l.t("Gravité", "Severity")),
        ("category", l.t("Catégorie", "Category")),
    ]
    .into_iter()
    .map(|(key, name)| {
        let flip = if p.sort == key && sort_dir == "desc" {
            "asc"
        } else {
            "desc"
        };
        (p.url(0, key, flip), name.to_owned())
    })
    .collect();
    let categories: Vec<&'static str> = crate::policy::Category::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(["encryption_requested"])
        .collect();
    let classes: Vec<&'static str> = crate::policy::Class::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let csv = p
        .url(0, &p.sort, &p.dir)
        .replacen("/incidents", "/incidents.csv", 1);
    let template = ListPage {
        rows: page.cases.iter().map(|c| Row::of(c, l)).collect(),
        total: page.total,
        first: if shown == 0 { 0 } else { first + 1 },
        last: first + shown,
        previous: (p.page > 0).then(|| p.url(p.page - 1, &p.sort, &p.dir)),
        next: (first + shown < page.total).then(|| p.url(p.page + 1, &p.sort, &p.dir)),
        csv,
        statuses: choices(l, &["new", "under_review", "closed"], &p.status),
        categories: choices(l, &categories, &p.category),
        severities: choices(l, &["high", "medium", "low"], &p.severity),
        classes: choices(l, &classes, &p.class),
        sorts,
        f,
        p,
    };
    render(StatusCode::OK, &template)
}

/// `GET /incidents.csv`: the filtered list, every page.
pub async fn csv(
    State(state): State<AppState>,
    signed: Signed,
    RawQuery(raw): RawQuery,
) -> Response {
    let filter = Params::parse(raw.as_deref()).filter();
    let entry = super::access(
        &signed.session.account,
        "export",
        Some(raw.as_deref().unwrap_or("")),
    );
    let exported = blocking(&state, move |store| {
        store.log_access(&entry)?;
        store.list(&filter)
    });
    match exported.await {
        Ok(cases) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"incidents.csv\"",
                ),
            ],
            crate::incident::listing::csv(&cases),
        )
            .into_response(),
        Err(err) => unavailable(
            Frame::new(signed.l, Some(signed.session), "/incidents"),
            &err,
        ),
    }
}

#[derive(Template)]
#[template(path = "incident.html")]
struct DetailPage {
    f: Frame,
    row: Row,
    case: Case,
    why: String,
    may_review: bool,
    under_review: bool,
    closed: bool,
    error: Option<String>,
}

/// `GET /incidents/{reference}`.
pub async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
) -> Response {
    detail(&state, signed, reference, StatusCode::OK, None).await
}

async fn detail(
    state: &AppState,
    signed: Signed,
    reference: String,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let l = signed.l;
    let may_review = signed.session.role.may_review();
    let f = Frame::new(l, Some(signed.session), &format!("/incidents/{reference}"));
    let wanted = reference.clone();
    let case = match well_formed(&reference) {
        false => Err(StoreError::NotFound(reference)),
        // Who looked is recorded before the page is shown; no record, no page.
        true => {
            let entry = super::access(
                &f.who
                    .as_ref()
                    .map(|w| w.account.clone())
                    .unwrap_or_default(),
                "view",
                Some(&reference),
            );
            blocking(state, move |store| {
                let case = store.get(&wanted)?;
                store.log_access(&entry)?;
                Ok(case)
            })
            .await
        }
    };
    let case = match case {
        Ok(case) => case,
        Err(StoreError::NotFound(_)) => {
            return problem(
                f,
                StatusCode::NOT_FOUND,
                l.t("Incident introuvable", "No such incident"),
                l.t(
                    "Aucun incident ne porte cette référence.",
                    "No incident has this reference.",
                ),
            );
        }
        Err(err) => return unavailable(f, &err),
    };
    let page = DetailPage {
        row: Row::of(&case, l),
        why: super::lang::explain(l, case.incident.draft.category.as_str()).to_owned(),
        under_review: case.status == Status::UnderReview,
        closed: case.status == Status::Closed,
        may_review,
        case,
        error,
        f,
    };
    render(status, &page)
}

/// True when `reference` can name an incident (INC-2026-000123): nothing else reaches the
/// store or a redirect.
fn well_formed(reference: &str) -> bool {
    reference.len() <= 32
        && reference
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A review form.
#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    note: String,
}

/// `POST /incidents/{reference}/review`: take under review, close (note required), reopen.
pub async fn review(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Response {
    let l = signed.l;
    if !signed.csrf_ok(&form.csrf) {
        let f = Frame::new(l, Some(signed.session), "/incidents");
        return problem(
            f,
            StatusCode::FORBIDDEN,
            l.t("Formulaire refusé", "Form refused"),
            l.t(
                "Jeton CSRF absent ou erroné : rechargez la page.",
                "CSRF token missing or wrong: reload the page.",
            ),
        );
    }
    if !signed.session.role.may_review() {
        let f = Frame::new(l, Some(signed.session), "/incidents");
        return problem(
            f,
            StatusCode::FORBIDDEN,
            l.t("Action réservée", "Not allowed"),
            l.t(
                "Votre rôle (auditeur) permet de lire, pas de réviser.",
                "Your role (auditor) may read, not review.",
            ),
        );
    }
    if !well_formed(&reference) {
        return (StatusCode::NOT_FOUND, "no such incident\n").into_response();
    }
    let note = form.note.trim().to_owned();
    let status = match form.action.as_str() {
        "review" | "reopen" => Status::UnderReview,
        "close" if note.is_empty() => {
            let why = l
                .t(
                    "Une note est requise pour fermer un incident.",
                    "A note is required to close an incident.",
                )
                .to_owned();
            return detail(
                &state,
                signed,
                reference,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(why),
            )
            .await;
        }
        "close" => Status::Closed,
        _ => return (StatusCode::BAD_REQUEST, "unknown action\n").into_response(),
    };
    let entry = Review {
        at: crate::incident::store::timestamp(time::OffsetDateTime::now_utc()),
        by: signed.session.account.clone(),
        status,
        note: (!note.is_empty()).then_some(note),
    };
    let target = reference.clone();
    let logged = super::access(&signed.session.account, &form.action, Some(&reference));
    let reviewed = blocking(&state, move |store| {
        // The attempt is recorded first: an action never goes unrecorded.
        store.log_access(&logged)?;
        store.review(&target, entry)
    });
    match reviewed.await {
        Ok(()) => Redirect::to(&format!("/incidents/{reference}")).into_response(),
        Err(err) => unavailable(Frame::new(l, Some(signed.session), "/incidents"), &err),
    }
}
