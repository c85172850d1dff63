//! The console's reads in the SQLite store, and the facets kept beside each incident.

use rusqlite::{Connection, ToSql, params};

use super::pages::{Facets, Page, Pages, Query, Tally, parameters};
use super::sqlite::Sqlite;
use super::{Case, Filter, StoreError};

/// The `WHERE` clause every filter shares (parameters ?1 to ?8).
const WHERE: &str = "FROM incidents i JOIN facets f ON f.seq = i.seq
     WHERE (?1 IS NULL OR i.created_at >= ?1) AND (?2 IS NULL OR i.created_at < ?2)
       AND (?3 IS NULL OR i.category = ?3) AND (?4 IS NULL OR i.establishment = ?4)
       AND (?5 IS NULL OR f.status = ?5) AND (?6 IS NULL OR f.severity = ?6)
       AND (?7 IS NULL OR f.sender = ?7) AND (?8 IS NULL OR f.classes LIKE ?8)";

impl Sqlite {
    /// The cases `filter` selects, in `order_by` (from constants), `limit` from `offset`.
    pub(super) fn select(
        &self,
        connection: &Connection,
        filter: &Filter,
        order_by: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Case>, StoreError> {
        let sql =
            format!("SELECT i.reference, i.record {WHERE} ORDER BY {order_by} LIMIT ?9 OFFSET ?10");
        let values = parameters(filter);
        let mut bound: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        bound.extend([&limit as &dyn ToSql, &offset]);
        let mut statement = connection.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map(bound.as_slice(), |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|(reference, record)| self.case(connection, reference, record))
            .collect()
    }

    /// Writes the facets of `case` (recorded at `seq`), replacing older ones.
    pub(super) fn put_facets(
        &self,
        connection: &Connection,
        seq: i64,
        case: &Case,
    ) -> Result<(), StoreError> {
        let facets = Facets::of(case);
        connection
            .prepare_cached(
                "INSERT INTO facets (seq, severity, status, sender, classes) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (seq) DO UPDATE SET status = excluded.status",
            )
            .and_then(|mut s| {
                s.execute(params![seq, facets.severity, facets.status, facets.sender, facets.classes])
            })
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Gives the incidents recorded before facets existed their facets.
    pub(super) fn fill_facets(&self) -> Result<(), StoreError> {
        let connection = self.connection();
        let missing: Vec<(i64, String, String)> = connection
            .prepare(
                "SELECT seq, reference, record FROM incidents
                 WHERE seq NOT IN (SELECT seq FROM facets) ORDER BY seq",
            )
            .and_then(|mut s| {
                s.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                    .collect()
            })
            .map_err(|e| self.fail(e))?;
        for (seq, reference, record) in missing {
            // A record that does not read back is `verify`'s to report, not a reason not to
            // start: it stays out of the console's lists.
            match self.case(&connection, &reference, &record) {
                Ok(case) => self.put_facets(&connection, seq, &case)?,
                Err(StoreError::Corrupt(reference, _)) => {
                    tracing::warn!(%reference, "incident unreadable: left out of the console's lists")
                }
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }
}

impl Pages for Sqlite {
    fn page(&self, query: &Query) -> Result<Page, StoreError> {
        let connection = self.connection();
        let limit = query.limit.min(super::pages::MAX_PAGE) as i64;
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let cases = self.select(&connection, &query.filter, &query.order_by(), limit, offset)?;
        let values = parameters(&query.filter);
        let total: i64 = connection
            .prepare_cached(&format!("SELECT COUNT(*) {WHERE}"))
            .and_then(|mut s| {
                s.query_row(rusqlite::params_from_iter(values.iter()), |row| row.get(0))
            })
            .map_err(|e| self.fail(e))?;
        Ok(Page {
            cases,
            total: total.max(0) as u64,
        })
    }

    fn tally(&self, since: &str) -> Result<Vec<Tally>, StoreError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare_cached(
                "SELECT substr(i.created_at, 1, 13), i.category, f.severity, f.status, COUNT(*)
                 FROM incidents i JOIN facets f ON f.seq = i.seq WHERE i.created_at >= ?1
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            )
            .map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map(params![since], |row| {
                Ok(Tally {
                    hour: row.get(0)?,
                    category: row.get(1)?,
                    severity: row.get(2)?,
                    status: row.get(3)?,
                    count: row.get::<_, i64>(4)?.max(0) as u64,
                })
            })
            .map_err(|e| self.fail(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }

    fn checkpoints(&self) -> Result<Vec<crate::incident::checkpoint::Signed>, StoreError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare("SELECT record, public_key, signature FROM checkpoints ORDER BY seq")
            .map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok(crate::incident::checkpoint::Signed {
                    record: row.get(0)?,
                    public_key: row.get(1)?,
                    signature: row.get(2)?,
                })
            })
            .map_err(|e| self.fail(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }
}
