//! Tesseract as a subprocess. Why not link libtesseract (`leptess`, `tesseract-rs`): a
//! hostile image that crashes or hangs Leptonica or Tesseract then kills or blocks one child,
//! not the proxy holding every client's message; the child gets its own memory and CPU
//! limits (`prlimit`), an empty environment, and is killed at the message's deadline; and
//! Sentinelle builds without Tesseract's headers and runs without it (images are then
//! risks, said at start-up). The cost is the start of a process per image (about 0.1 s of
//! model loading, small against the recognition itself).
//!
//! The image goes in on standard input (PGM), the text comes out on standard output; no
//! file is written.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Address space allowed to one Tesseract process.
const MEMORY_LIMIT: u64 = 2 * 1024 * 1024 * 1024;
/// CPU seconds allowed to one Tesseract process.
const CPU_LIMIT_SECONDS: u64 = 60;
/// Most text read back from one image.
const MAX_TEXT: u64 = 1024 * 1024;
/// How often a running child is looked at.
const POLL: Duration = Duration::from_millis(5);

/// The command that runs `program` under its limits.
fn command(program: &Path) -> Command {
    let prlimit = Path::new("/usr/bin/prlimit");
    let mut command = if prlimit.exists() {
        let mut c = Command::new(prlimit);
        c.arg(format!("--as={MEMORY_LIMIT}"))
            .arg(format!("--cpu={CPU_LIMIT_SECONDS}"))
            .arg("--")
            .arg(program);
        c
    } else {
        Command::new(program)
    };
    command
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        // One thread per process: several images are read at once instead.
        .env("OMP_THREAD_LIMIT", "1")
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// Checks that `program` runs and knows every language of `languages` ("fra+eng").
pub fn probe(program: &Path, languages: &str) -> Result<(), String> {
    let mut command = command(program);
    command.arg("--list-langs").stdin(Stdio::null());
    let child = command
        .spawn()
        .map_err(|e| format!("{} cannot be run: {e}", program.display()))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let listed = finish(child, &[], deadline)
        .map_err(|why| format!("{} does not answer: {why}", program.display()))?;
    let known: Vec<&str> = listed.lines().map(str::trim).collect();
    match languages.split('+').find(|l| !known.contains(l)) {
        Some(missing) => Err(format!(
            "{} lacks the language {missing:?} (install tesseract-ocr-{missing})",
            program.display()
        )),
        None => Ok(()),
    }
}

/// The text Tesseract reads in `image` (PGM), or why it was not read.
pub fn recognise(
    program: &Path,
    languages: &str,
    image: &[u8],
    deadline: Instant,
) -> Result<String, &'static str> {
    let mut command = command(program);
    // Sauvola's adaptive threshold, not the default global Otsu: a page photographed under
    // a lamp or scanned with a shadow is darker on one side, and one global threshold then
    // drops the text of the darker half (or a form's light blue ink) whole.
    command.args(["stdin", "stdout", "-l", languages, "--psm", "3"]);
    command.args(["-c", "thresholding_method=2"]);
    let child = command
        .spawn()
        .map_err(|_| "image: not read (OCR could not start)")?;
    finish(child, image, deadline).map_err(|why| match why {
        Failure::Late => "image: not read (OCR time limit reached)",
        Failure::Failed => "image: not read (OCR failed on it)",
    })
}

/// Why a child gave no answer.
#[derive(Debug)]
enum Failure {
    /// Killed at the deadline.
    Late,
    /// It failed or its output could not be read.
    Failed,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Failure::Late => "too slow",
            Failure::Failed => "failed",
        })
    }
}

/// Feeds `input` to `child`, reads its output and waits for it until `deadline`; a child
/// still running then is killed.
fn finish(mut child: Child, input: &[u8], deadline: Instant) -> Result<String, Failure> {
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    std::thread::scope(|scope| {
        // Input and output go through their own threads: a child that stops reading or
        // writes a lot cannot block the other side, and the wait below keeps the deadline.
        scope.spawn(move || {
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(input);
            }
        });
        let reader = scope.spawn(move || {
            let mut text = Vec::new();
            if let Some(stdout) = stdout {
                let _ = stdout.take(MAX_TEXT).read_to_end(&mut text);
            }
            text
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(Failure::Late);
                }
                Ok(None) => std::thread::sleep(POLL),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(Failure::Failed);
                }
            }
        };
        let text = reader.join().unwrap_or_default();
        match status {
            Ok(status) if status.success() => Ok(String::from_utf8_lossy(&text).into_owned()),
            Ok(_) => Err(Failure::Failed),
            Err(failure) => Err(failure),
        }
    })
}
