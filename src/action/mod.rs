//! Carries a [`Plan`] out and turns the outcome into the client's one final reply.
//!
//! All or nothing: a refusal for any recipient refuses the message (the client gets one reply
//! for the whole transaction, so relaying to some recipients while refusing others would
//! either hide a refusal or cause duplicates on retry). Recipients that get different
//! versions travel in separate upstream transactions; every transaction is begun (MAIL,
//! RCPT) before any message is sent, so a refused recipient anywhere stops them all before
//! anything is delivered. The reply is positive only if every upstream accepted.

pub mod dsn;
pub mod encrypt;
pub mod maildir;
pub mod plan;
pub mod upstream;

use std::sync::Arc;
use std::time::Instant;

use crate::envelope::Envelope;
use crate::smtp::reply::{self, Grade, Reply};
pub use plan::{Action, Notice, Plan, prepare};
use upstream::{Connection, Credentials, Target, UpstreamError};

/// Where relayed mail goes.
#[derive(Debug, Clone)]
pub enum NextHop {
    /// An SMTP server.
    Smtp(Arc<Target>),
    /// A local Maildir.
    Maildir(Arc<maildir::Maildir>),
}

/// The session's side of the upstream: its credentials and its authenticated connection.
#[derive(Debug, Default)]
pub struct UpstreamSession {
    /// Credentials to replay (submission mode), kept in memory for this session only.
    pub credentials: Option<Credentials>,
    /// An open connection to reuse (the one AUTH was checked on), if still healthy.
    pub connection: Option<Connection>,
}

/// The outcome of one message: the client's reply and what the upstream took.
#[derive(Debug)]
pub struct Outcome {
    /// The one final reply for the client.
    pub reply: Reply,
    /// Upstream transactions that were accepted.
    pub delivered: usize,
    /// Time spent with the upstream, in milliseconds.
    pub upstream_ms: u128,
}

/// One upstream transaction: a message version and the recipients (indexes into `envelope`)
/// that get it; `traced` versions carry the Received header.
struct Group<'a> {
    envelope: &'a Envelope,
    body: &'a [u8],
    recipients: Vec<usize>,
    traced: bool,
}

/// Sends `message` as it is to `envelope`'s recipients through `hop` (notifications use it):
/// the reply says whether the next hop took it.
pub async fn send(envelope: &Envelope, message: &[u8], hop: &NextHop) -> Reply {
    let plan = Plan {
        actions: vec![Action::Relay; envelope.recipients.len()],
        notice: None,
        incident: None,
    };
    let mut session = UpstreamSession::default();
    execute(&plan, envelope, b"", message, hop, &mut session)
        .await
        .reply
}

/// Executes `plan` for `envelope`. `trace` is the Received header to prepend, `raw` the
/// original message.
pub async fn execute(
    plan: &Plan,
    envelope: &Envelope,
    trace: &[u8],
    raw: &[u8],
    hop: &NextHop,
    session: &mut UpstreamSession,
) -> Outcome {
    let started = Instant::now();
    let refusal = first_refusal(plan);
    let notice_envelope;
    let mut groups = group(plan, envelope, raw);
    match (refusal, &plan.notice) {
        (None, _) => {}
        // A temporary failure (gateway encryption failed) holds the whole message back.
        (Some(_), Some(_)) if transient_refusal(plan).is_some() => {
            return Outcome {
                reply: transient_refusal(plan).unwrap_or(reply::LOCAL_ERROR),
                delivered: 0,
                upstream_ms: 0,
            };
        }
        // Per-recipient mode: the others get the message, the sender the notification, in
        // the same all-or-nothing set of transactions.
        (Some(_), Some(notice)) if !groups.is_empty() => {
            notice_envelope = Envelope {
                mail_from: smtp_proto::MailFrom::default(),
                recipients: vec![smtp_proto::RcptTo {
                    address: notice.to.clone(),
                    ..Default::default()
                }],
            };
            groups.push(Group {
                envelope: &notice_envelope,
                body: notice.message.as_slice(),
                recipients: vec![0],
                traced: false,
            });
        }
        (Some(refusal), _) => {
            return Outcome {
                reply: refusal,
                delivered: 0,
                upstream_ms: 0,
            };
        }
    }
    let (mut reply, delivered) = match hop {
        NextHop::Maildir(dir) => deliver_maildir(dir, trace, &groups).await,
        NextHop::Smtp(target) => relay_smtp(target, trace, &groups, session).await,
    };
    if reply.is_positive() && plan.notice.is_some() {
        let refused: Vec<&str> = plan
            .actions
            .iter()
            .zip(&envelope.recipients)
            .filter(|(a, _)| matches!(a, Action::Refuse(_)))
            .map(|(_, r)| r.address.as_str())
            .collect();
        if !refused.is_empty() {
            reply =
                reply::refusal::partly_relayed(envelope.recipients.len() - refused.len(), &refused);
        }
    }
    Outcome {
        reply,
        delivered,
        upstream_ms: started.elapsed().as_millis(),
    }
}

fn transient_refusal(plan: &Plan) -> Option<Reply> {
    plan.actions.iter().find_map(|a| match a {
        Action::Refuse(reply) if reply.grade() == Grade::Transient => Some(reply.clone()),
        _ => None,
    })
}

fn first_refusal(plan: &Plan) -> Option<Reply> {
    plan.actions
        .iter()
        .filter_map(|a| match a {
            Action::Refuse(reply) => Some(reply.clone()),
            _ => None,
        })
        .max_by_key(|r| r.grade())
}

fn group<'a>(plan: &'a Plan, envelope: &'a Envelope, raw: &'a [u8]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (index, action) in plan.actions.iter().enumerate() {
        let body: &[u8] = match action {
            Action::Relay => raw,
            Action::RelayReplacement(bytes) => bytes.as_slice(),
            Action::Refuse(_) => continue,
        };
        match groups.iter_mut().find(|g| std::ptr::eq(g.body, body)) {
            Some(group) => group.recipients.push(index),
            None => groups.push(Group {
                envelope,
                body,
                recipients: vec![index],
                traced: true,
            }),
        }
    }
    groups
}

async fn deliver_maildir(
    dir: &maildir::Maildir,
    trace: &[u8],
    groups: &[Group<'_>],
) -> (Reply, usize) {
    let mut delivered = 0;
    for group in groups {
        let recipients: Vec<&str> = group
            .recipients
            .iter()
            .filter_map(|&i| group.envelope.recipients.get(i))
            .map(|r| r.address.as_str())
            .collect();
        let trace = if group.traced { trace } else { b"" };
        match dir
            .deliver(group.envelope.sender(), &recipients, &[trace, group.body])
            .await
        {
            Ok(name) => {
                delivered += 1;
                tracing::debug!(file = %name, "delivered to maildir");
            }
            Err(err) => {
                tracing::error!(error = %err, "maildir delivery failed");
                return (reply::LOCAL_ERROR, delivered);
            }
        }
    }
    (reply::relayed("maildir"), delivered)
}

async fn relay_smtp(
    target: &Target,
    trace: &[u8],
    groups: &[Group<'_>],
    session: &mut UpstreamSession,
) -> (Reply, usize) {
    // Begin every transaction before sending any message.
    let mut open: Vec<Connection> = Vec::with_capacity(groups.len());
    let mut failure: Option<Reply> = None;
    // With a single transaction DATA can be pipelined behind MAIL and RCPT: if a recipient
    // is then refused, the connection is closed before the message is sent.
    let with_data = groups.len() == 1;
    for group in groups {
        let trace = if group.traced { trace } else { b"" };
        let size = trace.len() + group.body.len();
        match begin(
            target,
            group.envelope,
            &group.recipients,
            size,
            with_data,
            session,
        )
        .await
        {
            Ok(conn) => open.push(conn),
            Err(reply) => {
                failure = Some(reply);
                break;
            }
        }
    }
    if let Some(reply) = failure {
        for conn in open {
            if let Some(conn) = conn.abandon().await {
                keep_or_quit(conn, target, session).await;
            }
        }
        return (reply, 0);
    }
    let mut delivered = 0;
    let mut last_text = String::new();
    let mut conns = open.into_iter();
    for group in groups {
        let Some(mut conn) = conns.next() else { break };
        let trace = if group.traced { trace } else { b"" };
        match conn.send_message(&[trace, group.body]).await {
            Ok(answer) if answer.code == 250 => {
                delivered += 1;
                last_text = answer.message.clone();
                keep_or_quit(conn, target, session).await;
            }
            Ok(answer) => {
                // The transaction is over either way; the connection stays usable.
                keep_or_quit(conn, target, session).await;
                warn_partial(delivered, groups.len());
                return (from_upstream(&answer), delivered);
            }
            Err(err) => {
                warn_partial(delivered, groups.len());
                tracing::warn!(error = %err, "upstream failed during the message");
                return (from_error(&err), delivered);
            }
        }
    }
    (reply::relayed(&last_text), delivered)
}

/// Opens (or reuses) a connection and begins a transaction; any refusal becomes the reply.
async fn begin(
    target: &Target,
    envelope: &Envelope,
    recipients: &[usize],
    size: usize,
    with_data: bool,
    session: &mut UpstreamSession,
) -> Result<Connection, Reply> {
    // A kept connection may have been closed by the upstream while idle: try it once, and
    // open a fresh one if it was found dead. One that timed out is not retried (the upstream
    // is hung, not gone: a fresh connection would wait as long again), and the retry only
    // gets what is left of one attempt's time, so the client never waits twice the timeouts.
    let kept = match session.credentials {
        Some(_) => session.connection.take(),
        None => target.pool.take(),
    };
    let Some(mut conn) = kept else {
        return fresh(target, envelope, recipients, size, with_data, session).await;
    };
    let deadline = tokio::time::Instant::now()
        + target.timeouts.upstream_connect
        + target.timeouts.upstream_command;
    match conn.begin(envelope, recipients, size, with_data).await {
        Ok(opening) => check_begin(conn, opening, target, session).await,
        Err(err @ UpstreamError::Timeout(_)) => Err(from_error(&err)),
        Err(_) => {
            let retry = fresh(target, envelope, recipients, size, with_data, session);
            tokio::time::timeout_at(deadline, retry)
                .await
                .unwrap_or_else(|_| Err(from_error(&UpstreamError::Timeout("retry"))))
        }
    }
}

/// Opens a fresh connection (AUTH with the session's credentials) and begins a transaction.
async fn fresh(
    target: &Target,
    envelope: &Envelope,
    recipients: &[usize],
    size: usize,
    with_data: bool,
    session: &mut UpstreamSession,
) -> Result<Connection, Reply> {
    let mut conn = Connection::open(target).await.map_err(|e| from_error(&e))?;
    if let Some(credentials) = &session.credentials {
        let answer = conn
            .authenticate(credentials)
            .await
            .map_err(|e| from_error(&e))?;
        if answer.code != 235 {
            conn.quit().await;
            return Err(if answer.code >= 500 {
                reply::AUTH_FAILED
            } else {
                reply::AUTH_TEMPORARY_FAILURE
            });
        }
    }
    let opening = conn
        .begin(envelope, recipients, size, with_data)
        .await
        .map_err(|e| from_error(&e))?;
    check_begin(conn, opening, target, session).await
}

async fn check_begin(
    conn: Connection,
    opening: upstream::Opening,
    target: &Target,
    session: &mut UpstreamSession,
) -> Result<Connection, Reply> {
    match opening.refusal() {
        None => Ok(conn),
        Some(answer) => {
            let reply = from_upstream(answer);
            if let Some(conn) = conn.abandon().await {
                keep_or_quit(conn, target, session).await;
            }
            Err(reply)
        }
    }
}

/// After a transaction: the session keeps its authenticated connection; an upstream without
/// per-session credentials gets it back in its pool; anything else says QUIT.
async fn keep_or_quit(conn: Connection, target: &Target, session: &mut UpstreamSession) {
    if !conn.is_reusable() {
        conn.quit().await;
    } else if session.credentials.is_none() {
        target.pool.put(conn);
    } else if session.connection.is_none() {
        session.connection = Some(conn);
    } else {
        conn.quit().await;
    }
}

fn warn_partial(delivered: usize, groups: usize) {
    if delivered > 0 {
        tracing::warn!(
            delivered,
            groups,
            "partial delivery: some versions were accepted before a later one failed"
        );
    }
}

/// An upstream refusal, passed on with its own code.
fn from_upstream(answer: &upstream::Answer) -> Reply {
    reply::upstream_refused(answer.code, answer.esc, &answer.message)
}

/// An upstream failure (not a refusal): always temporary, the client keeps the message.
fn from_error(err: &UpstreamError) -> Reply {
    tracing::warn!(error = %err, "upstream failure");
    match err {
        UpstreamError::Unreachable(_) => reply::UPSTREAM_UNAVAILABLE,
        UpstreamError::Refused(answer) if answer.code / 100 == 4 || answer.code / 100 == 5 => {
            // The upstream refused the session itself: never permanent for the client's message.
            let mut reply = from_upstream(answer);
            if reply.grade() == Grade::Permanent {
                reply = reply::UPSTREAM_FAILED;
            }
            reply
        }
        _ => reply::UPSTREAM_FAILED,
    }
}
