//! The console's reads in the PostgreSQL store, and the facets kept beside each incident.

use postgres::GenericClient;
use postgres::types::ToSql;

use super::pages::{Facets, Page, Pages, Query, Tally, parameters};
use super::postgres::Postgres;
use super::{Case, Filter, StoreError};

/// The `WHERE` clause every filter shares (parameters $1 to $8).
const WHERE: &str = "FROM incidents i JOIN facets f ON f.seq = i.seq
     WHERE ($1::TEXT IS NULL OR i.created_at >= $1) AND ($2::TEXT IS NULL OR i.created_at < $2)
       AND ($3::TEXT IS NULL OR i.category = $3) AND ($4::TEXT IS NULL OR i.establishment = $4)
       AND ($5::TEXT IS NULL OR f.status = $5) AND ($6::TEXT IS NULL OR f.severity = $6)
       AND ($7::TEXT IS NULL OR f.sender = $7) AND ($8::TEXT IS NULL OR f.classes LIKE $8)";

/// Writes the facets of `case` (recorded at `seq`), replacing older ones.
pub(super) fn put_facets(
    client: &mut impl GenericClient,
    seq: i64,
    case: &Case,
) -> Result<(), postgres::Error> {
    let facets = Facets::of(case);
    client.execute(
        "INSERT INTO facets (seq, severity, status, sender, classes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (seq) DO UPDATE SET status = excluded.status",
        &[
            &seq,
            &facets.severity,
            &facets.status,
            &facets.sender,
            &facets.classes,
        ],
    )?;
    Ok(())
}

/// Gives the incidents recorded before facets existed their facets (a record that does not
/// read back stays out of the console's lists; `verify` reports it).
pub(super) fn fill_facets(client: &mut postgres::Client) -> Result<(), postgres::Error> {
    let missing = client.query(
        "SELECT seq, reference, record FROM incidents
         WHERE NOT EXISTS (SELECT 1 FROM facets f WHERE f.seq = incidents.seq) ORDER BY seq",
        &[],
    )?;
    for row in missing {
        let (seq, reference, record): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
        let reviews: Vec<String> = client
            .query(
                "SELECT record FROM reviews WHERE reference = $1 ORDER BY seq",
                &[&reference],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match Case::from_stored(&reference, &record, reviews.iter().map(String::as_str)) {
            Ok(case) => put_facets(client, seq, &case)?,
            Err(_) => {
                tracing::warn!(%reference, "incident unreadable: left out of the console's lists")
            }
        }
    }
    Ok(())
}

impl Postgres {
    /// The cases `filter` selects, in `order_by` (from constants), `limit` from `offset`.
    pub(super) fn select(
        &self,
        filter: &Filter,
        order_by: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Case>, StoreError> {
        let sql =
            format!("SELECT i.reference, i.record {WHERE} ORDER BY {order_by} LIMIT $9 OFFSET $10");
        let values = parameters(filter);
        let mut guard = self.client()?;
        let client = guard.as_mut().ok_or_else(|| self.fail(&"not connected"))?;
        let mut bound: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        bound.extend([&limit as &(dyn ToSql + Sync), &offset]);
        let rows = client.query(&sql, &bound).map_err(|e| self.fail(&e))?;
        rows.iter()
            .map(|row| self.case(client, row.get(0), row.get(1)))
            .collect()
    }
}

impl Pages for Postgres {
    fn page(&self, query: &Query) -> Result<Page, StoreError> {
        let limit = query.limit.min(super::pages::MAX_PAGE) as i64;
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let cases = self.select(&query.filter, &query.order_by(), limit, offset)?;
        let values = parameters(&query.filter);
        let bound: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let sql = format!("SELECT COUNT(*) {WHERE}");
        let total: i64 = self.with(|client| client.query_one(&sql, &bound))?.get(0);
        Ok(Page {
            cases,
            total: total.max(0) as u64,
        })
    }

    fn tally(&self, since: &str) -> Result<Vec<Tally>, StoreError> {
        let rows = self.with(|client| {
            client.query(
                "SELECT substr(i.created_at, 1, 13), i.category, f.severity, f.status, COUNT(*)
                 FROM incidents i JOIN facets f ON f.seq = i.seq WHERE i.created_at >= $1
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
                &[&since],
            )
        })?;
        Ok(rows
            .iter()
            .map(|row| Tally {
                hour: row.get(0),
                category: row.get(1),
                severity: row.get(2),
                status: row.get(3),
                count: row.get::<_, i64>(4).max(0) as u64,
            })
            .collect())
    }

    fn checkpoints(&self) -> Result<Vec<crate::incident::checkpoint::Signed>, StoreError> {
        let rows = self.with(|client| {
            client.query(
                "SELECT record, public_key, signature FROM checkpoints ORDER BY seq",
                &[],
            )
        })?;
        Ok(rows
            .iter()
            .map(|row| crate::incident::checkpoint::Signed {
                record: row.get(0),
                public_key: row.get(1),
                signature: row.get(2),
            })
            .collect())
    }
}
