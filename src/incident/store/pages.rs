//! What the console reads from the store: a page of incidents under a filter and a sort
//! (offset pagination over indexed columns), and the tallies of its dashboard. The facets
//! it filters on (severity, status, sender, recipient classes) are derived here from the
//! chained record, so both backends store the same words.

use serde::Serialize;

use super::{Case, Filter, StoreError};

/// The most rows one page holds.
pub const MAX_PAGE: u64 = 500;

/// How a page is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// By creation (the chain's order).
    #[default]
    Created,
    /// By severity (high first when descending), then creation.
    Severity,
    /// By category, then creation.
    Category,
}

impl Sort {
    /// Parses a URL's `sort` value.
    pub fn parse(text: &str) -> Option<Sort> {
        match text {
            "created" => Some(Sort::Created),
            "severity" => Some(Sort::Severity),
            "category" => Some(Sort::Category),
            _ => None,
        }
    }

    /// Its word in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Created => "created",
            Sort::Severity => "severity",
            Sort::Category => "category",
        }
    }

    /// The SQL ordering expression (constants only: never built from input).
    pub fn column(self) -> &'static str {
        match self {
            Sort::Created => "i.seq",
            Sort::Severity => "CASE f.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
            Sort::Category => "i.category",
        }
    }
}

/// One page's request.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// What is selected.
    pub filter: Filter,
    /// The order.
    pub sort: Sort,
    /// Newest (or highest) first.
    pub descending: bool,
    /// Rows skipped.
    pub offset: u64,
    /// Rows returned (at most [`MAX_PAGE`]).
    pub limit: u64,
}

impl Query {
    /// `ORDER BY` text for this query (from constants).
    pub fn order_by(&self) -> String {
        let direction = if self.descending { "DESC" } else { "ASC" };
        format!("{} {direction}, i.seq {direction}", self.sort.column())
    }
}

/// One page of incidents.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The rows.
    pub cases: Vec<Case>,
    /// How many incidents the filter selects in all.
    pub total: u64,
}

/// Incidents of one hour, category, severity and status (the console groups the hours
/// into days of its own time zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The hour (UTC, "YYYY-MM-DDTHH").
    pub hour: String,
    /// Category.
    pub category: String,
    /// Severity.
    pub severity: String,
    /// Review status.
    pub status: String,
    /// How many.
    pub count: u64,
}

/// What the console reads.
pub trait Pages {
    /// The incidents `query` selects, in its order, and their total.
    fn page(&self, query: &Query) -> Result<Page, StoreError>;
    /// Incidents created at or after `since` (RFC 3339), by hour, category, severity and
    /// status.
    fn tally(&self, since: &str) -> Result<Vec<Tally>, StoreError>;
    /// Every retention checkpoint, oldest first.
    fn checkpoints(&self) -> Result<Vec<crate::incident::checkpoint::Signed>, StoreError>;
}

/// The facets of a case, as stored: severity, status, sender, recipient classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// Severity word.
    pub severity: &'static str,
    /// Status word.
    pub status: &'static str,
    /// The envelope sender, lower case.
    pub sender: String,
    /// The recipient classes, each between commas (",public_webmail,external,").
    pub classes: String,
}

impl Facets {
    /// The facets of `case`.
    pub fn of(case: &Case) -> Facets {
        let draft = &case.incident.draft;
        let mut classes: Vec<&str> = draft.recipients.iter().map(|r| r.class.as_str()).collect();
        classes.sort_unstable();
        classes.dedup();
        Facets {
            severity: draft.severity.as_str(),
            status: case.status.as_str(),
            sender: case.incident.who.envelope_sender.to_ascii_lowercase(),
            classes: format!(",{},", classes.join(",")),
        }
    }
}

/// The eight parameters of both backends' filter clause, in its order: since, until,
/// category, establishment, status, severity, sender (lower case), class (a `LIKE`
/// pattern).
pub fn parameters(filter: &Filter) -> [Option<String>; 8] {
    [
        filter.since.clone(),
        filter.until.clone(),
        filter.category.clone(),
        filter.establishment.clone(),
        filter.status.map(|s| s.as_str().to_owned()),
        filter.severity.clone(),
        filter.sender.as_deref().map(str::to_ascii_lowercase),
        filter.class.as_deref().map(class_pattern),
    ]
}

/// The `LIKE` pattern that finds a class in [`Facets::classes`].
pub fn class_pattern(class: &str) -> String {
    let plain: String = class
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    format!("%,{plain},%")
}
