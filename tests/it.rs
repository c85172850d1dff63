//! The one integration test binary (one link on a 2-core CI): real SMTP clients (lettre, raw
//! sockets, Python's smtplib) against Sentinelle and a test upstream, all on free loopback ports.

mod support;

mod bdat;
mod bypass;
mod cli;
mod console;
mod console_certificate;
mod console_store;
mod encryption;
mod enforcement;
mod formats;
mod incidents;
mod lifecycle;
mod limits;
mod logs;
mod metrics;
mod notifications;
mod ocr;
mod promises;
mod quality;
mod records;
mod relay;
mod robustness;
mod routing;
mod scan;
mod security;
mod slowloris;
mod store;
mod submission;
