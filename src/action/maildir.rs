//! Local delivery into a Maildir (tmp/ → fsync → rename into new/): the next hop of the
//! embedded default, so a first run shows relayed mail with no other server.
//! The delivered file starts with Return-Path and Delivered-To, as a local delivery agent writes them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::io::AsyncWriteExt;

/// A Maildir to deliver into.
#[derive(Debug)]
pub struct Maildir {
    root: PathBuf,
    hostname: String,
    counter: AtomicU64,
}

/// Why a delivery failed.
#[derive(Debug, thiserror::Error)]
#[error("maildir {path}: {source}")]
pub struct MaildirError {
    path: PathBuf,
    source: std::io::Error,
}

impl Maildir {
    /// A Maildir at `root` (its tmp/, new/ and cur/ are created on first delivery).
    pub fn new(root: impl Into<PathBuf>, hostname: &str) -> Self {
        Maildir {
            root: root.into(),
            hostname: hostname.replace(['/', ':'], "_"),
            counter: AtomicU64::new(0),
        }
    }

    /// Where messages land.
    pub fn new_dir(&self) -> PathBuf {
        self.root.join("new")
    }

    /// Writes one message for `recipients`; returns the file name in new/.
    pub async fn deliver(
        &self,
        sender: &str,
        recipients: &[&str],
        parts: &[&[u8]],
    ) -> Result<String, MaildirError> {
        let fail = |path: &Path| {
            let path = path.to_owned();
            move |source| MaildirError { path, source }
        };
        for sub in ["tmp", "new", "cur"] {
            let dir = self.root.join(sub);
            tokio::fs::create_dir_all(&dir).await.map_err(fail(&dir))?;
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let name = format!(
            "{}.M{}P{}Q{}.{}",
            now.as_secs(),
            now.subsec_micros(),
            std::process::id(),
            self.counter.fetch_add(1, Ordering::Relaxed),
            self.hostname
        );
        let tmp = self.root.join("tmp").join(&name);
        let mut file = tokio::fs::File::create(&tmp).await.map_err(fail(&tmp))?;
        let mut head = format!("Return-Path: <{sender}>\r\n");
        for rcpt in recipients {
            head.push_str(&format!("Delivered-To: {rcpt}\r\n"));
        }
        file.write_all(head.as_bytes()).await.map_err(fail(&tmp))?;
        for part in parts {
            file.write_all(part).await.map_err(fail(&tmp))?;
        }
        file.sync_all().await.map_err(fail(&tmp))?;
        let dest = self.new_dir().join(&name);
        tokio::fs::rename(&tmp, &dest).await.map_err(fail(&dest))?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn delivers_into_new_with_envelope_headers() {
        let dir = tempfile::tempdir().unwrap();
        let maildir = Maildir::new(dir.path().join("outbox"), "test");
        let name = maildir
            .deliver(
                "a@x.org",
                &["b@y.org"],
                &[b"Received: x\r\n", b"Subject: t\r\n\r\nhi\r\n"],
            )
            .await
            .unwrap();
        let text = std::fs::read_to_string(maildir.new_dir().join(name)).unwrap();
        assert_eq!(
            text,
            "Return-Path: <a@x.org>\r\nDelivered-To: b@y.org\r\nReceived: x\r\nSubject: t\r\n\r\nhi\r\n"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("outbox/tmp"))
                .unwrap()
                .count(),
            0
        );
    }
}
