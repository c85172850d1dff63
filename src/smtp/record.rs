//! Recording an incident from a session: who sent it (account, envelope sender, header From,
//! client, establishment) added to what the policy drafted, written before the client's
//! reply. A store that cannot be written makes the reply a 4xx.

use std::sync::Arc;

use super::reply::{self, Reply};
use super::session::Session;
use crate::incident::Draft;
use crate::incident::model::{Message, Who};
use crate::incident::store::NewIncident;

use super::transport::Transport;

impl<S: Transport> Session<S> {
    /// Records `draft`; returns the incident reference, or the 4xx to give.
    pub(super) async fn record_incident(
        &self,
        draft: Draft,
        sender: &str,
        header_from: Vec<String>,
        message: Message,
    ) -> Result<String, Reply> {
        let new = NewIncident {
            at: time::OffsetDateTime::now_utc(),
            who: Who {
                account: self.facts.authenticated_as.clone(),
                envelope_sender: sender.to_owned(),
                header_from,
                client: self.facts.client_ip.to_string(),
                establishment: self.ctx.config.incidents.establishment_of(sender),
            },
            message,
            draft,
            channels: self.ctx.config.notifications.channels(),
        };
        let store = Arc::clone(&self.ctx.incidents);
        let writing = std::time::Instant::now();
        let written = tokio::task::spawn_blocking(move || store.record(new)).await;
        let ok = matches!(written, Ok(Ok(_)));
        self.ctx.metrics.incident_written(ok, writing.elapsed());
        let incident = match written {
            Ok(Ok(incident)) => incident,
            Ok(Err(err)) => {
                tracing::error!(error = %err, "incident not recorded: temporary failure");
                return Err(reply::INCIDENT_STORE_UNAVAILABLE);
            }
            Err(_) => {
                tracing::error!("incident store task failed: temporary failure");
                return Err(reply::INCIDENT_STORE_UNAVAILABLE);
            }
        };
        tracing::info!(
            incident = %incident.reference,
            category = %incident.draft.category,
            action = %incident.draft.action,
            "incident recorded"
        );
        self.ctx.notifier.notify_one();
        Ok(incident.reference)
    }
}
