//! Reading the text of images with Tesseract, between the (pure) analysis and the (pure)
//! decision: the only code that hands message content to another program. The pipeline
//! calls [`Reader::read`] for a message going outside the platform whose content is not
//! already confidential; what it reads goes back to the analysis ([`analysis::settle`]).
//!
//! Tesseract runs as a subprocess (see [`tesseract`] for why) on a grey, re-scaled copy of
//! each image ([`prepare`]), several at once, within a pixel budget, an image count and a
//! time budget per message. An image not read for a limit is a risk for outside recipients;
//! without Tesseract (or with OCR turned off) images are risks too, unless the establishment
//! says otherwise (`unread_images = "harmless"`). Nothing read is ever logged.
//!
//! [`analysis::settle`]: crate::analysis::settle

mod prepare;
pub mod tesseract;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::analysis::{Image, ImageText, Location, is_tiff};

/// What to do with images that OCR does not read (turned off or unavailable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnreadImages {
    /// They may hide patient data: outside recipients are refused (the default).
    Risk,
    /// The establishment accepts them as harmless.
    Harmless,
}

/// `[analysis]`'s OCR settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Whether images are read at all.
    pub enabled: bool,
    /// The Tesseract program.
    pub program: PathBuf,
    /// Tesseract's languages ("fra+eng").
    pub languages: String,
    /// Most images read per message.
    pub max_images: usize,
    /// Most pixels read per message (the sum over its images, as sent to Tesseract).
    pub max_pixels: u64,
    /// How long OCR may take for one message.
    pub time_limit: Duration,
    /// Images read at once.
    pub threads: usize,
    /// Images OCR does not read, when it is off or unavailable.
    pub unread_images: UnreadImages,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            program: PathBuf::from("tesseract"),
            languages: "fra+eng".into(),
            max_images: 20,
            max_pixels: 120_000_000,
            time_limit: Duration::from_secs(30),
            threads: 2,
            unread_images: UnreadImages::Risk,
        }
    }
}

/// Whether Tesseract can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Engine {
    /// It answered `--version` with its languages.
    Ready,
    /// Turned off in `[analysis]`.
    Off,
    /// Not usable, and why.
    Missing(String),
}

/// The OCR stage, as set up and probed.
#[derive(Debug)]
pub struct Reader {
    settings: Settings,
    engine: Engine,
}

impl Reader {
    /// Sets up OCR with `settings`, checking that Tesseract runs and has its languages.
    pub fn probe(settings: Settings) -> Reader {
        let engine = if !settings.enabled {
            Engine::Off
        } else {
            match tesseract::probe(&settings.program, &settings.languages) {
                Ok(()) => Engine::Ready,
                Err(why) => Engine::Missing(why),
            }
        };
        Reader { settings, engine }
    }

    /// OCR turned off (tests, tools that read no images).
    pub fn off() -> Reader {
        let settings = Settings {
            enabled: false,
            ..Settings::default()
        };
        Reader::probe(settings)
    }

    /// `None` when images are read; otherwise why not (for the start-up warning).
    pub fn unavailable(&self) -> Option<String> {
        match &self.engine {
            Engine::Ready => None,
            Engine::Off => Some("OCR is turned off in [analysis]".into()),
            Engine::Missing(why) => Some(why.clone()),
        }
    }

    /// Reads `images`: one outcome for each, in their order (two for an image read at two
    /// sizes, judged as two texts: see `prepare`).
    pub fn read(&self, images: &[Image]) -> Vec<(Location, ImageText)> {
        let unread_risk = self.settings.unread_images == UnreadImages::Risk;
        let reason = match &self.engine {
            Engine::Ready => None,
            Engine::Off => Some("image: not read (OCR turned off)"),
            Engine::Missing(_) => Some("image: not read (OCR unavailable)"),
        };
        if let Some(reason) = reason {
            let unread = || ImageText::Unread {
                reason: reason.into(),
                risk: unread_risk,
            };
            return images
                .iter()
                .map(|i| (i.location.clone(), unread()))
                .collect();
        }
        let first = first_copies(images);
        let admitted = self.admit(images, &first);
        let deadline = Instant::now() + self.settings.time_limit;
        let outcomes: Vec<Mutex<Option<Vec<ImageText>>>> =
            images.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(image) = images.get(i) else { break };
                if first[i] != i {
                    continue;
                }
                let outcome = match &admitted[i] {
                    Err(reason) => vec![unread(reason)],
                    Ok(()) => self.one(image, deadline),
                };
                if let Some(slot) = outcomes.get(i) {
                    *slot
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(outcome);
                }
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..self.settings.threads.min(images.len()) {
                scope.spawn(work);
            }
            work();
        });
        let outcomes: Vec<Vec<ImageText>> = outcomes
            .into_iter()
            .map(|slot| {
                slot.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .unwrap_or_default()
            })
            .collect();
        images
            .iter()
            .zip(&first)
            .flat_map(|(image, &first)| {
                let read = match outcomes.get(first) {
                    Some(read) if !read.is_empty() => read.clone(),
                    _ => vec![unread("image: not read (OCR failed)")],
                };
                read.into_iter()
                    .map(|outcome| (image.location.clone(), outcome))
            })
            .collect()
    }

    /// Which images fit the message's budgets (count, pixels), in order; a copy of an
    /// earlier image (`first`) costs nothing, as it is not read again.
    fn admit(&self, images: &[Image], first: &[usize]) -> Vec<Result<(), &'static str>> {
        let mut pixels = 0u64;
        let mut count = 0;
        images
            .iter()
            .enumerate()
            .map(|(i, image)| {
                if first[i] != i {
                    return Ok(());
                }
                count += 1;
                if count > self.settings.max_images {
                    return Err("image: not read (OCR limit of images per message reached)");
                }
                let read = match image.pages {
                    1 => prepare::pixels_read(image.width, image.height),
                    _ => image.area,
                };
                pixels = pixels.saturating_add(read);
                if pixels > self.settings.max_pixels {
                    return Err("image: not read (OCR pixel budget per message reached)");
                }
                Ok(())
            })
            .collect()
    }

    fn one(&self, image: &Image, deadline: Instant) -> Vec<ImageText> {
        if Instant::now() >= deadline {
            return vec![unread("image: not read (OCR time limit reached)")];
        }
        // A fax of several pages goes to Tesseract as it is (it reads every page of a TIFF,
        // and a fax is already black on white at its scanning resolution), and so does a
        // one-page TIFF in a compression the image crate does not decode (a fax in CCITT
        // Group 3) if it has no more pixels than a prepared image may; any other image is
        // prepared first.
        let readings = match image.pages {
            1 => match prepare::readings(&image.bytes) {
                Ok(readings) => readings,
                Err(prepare::CORRUPT)
                    if is_tiff(&image.bytes) && image.area <= prepare::MAX_PIXELS =>
                {
                    vec![image.bytes.clone()]
                }
                Err(reason) => return vec![unread(reason)],
            },
            _ => vec![image.bytes.clone()],
        };
        let s = &self.settings;
        // Two readings of one image (see `prepare`) are two texts: what either saw counts,
        // and neither's layout runs into the other's.
        let mut texts = Vec::with_capacity(readings.len());
        for prepared in &readings {
            match tesseract::recognise(&s.program, &s.languages, prepared, deadline) {
                Ok(text) => texts.push(ImageText::Read(text)),
                Err(reason) => return vec![unread(reason)],
            }
        }
        texts
    }
}

/// For each image, the index of the first image of the message with the same bytes (its
/// own index when it is the first): the same screenshot pasted in the body and attached, or
/// quoted again in a reply, is read once.
fn first_copies(images: &[Image]) -> Vec<usize> {
    // Hashed, so that many images of one size cost one pass over their bytes.
    let mut seen: HashMap<&[u8], usize> = HashMap::with_capacity(images.len());
    images
        .iter()
        .enumerate()
        .map(|(i, image)| *seen.entry(image.bytes.as_slice()).or_insert(i))
        .collect()
}

/// An image not read for a reason that may hide patient data.
fn unread(reason: &str) -> ImageText {
    ImageText::Unread {
        reason: reason.to_owned(),
        risk: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(bytes: &[u8]) -> Image {
        Image {
            location: Location {
                part: "2".into(),
                filename: None,
            },
            bytes: bytes.to_vec(),
            width: 1100,
            height: 360,
            pages: 1,
            area: 1100 * 360,
        }
    }

    #[test]
    fn copies_of_an_image_point_to_the_first() {
        let images = [
            image(b"a"),
            image(b"b"),
            image(b"a"),
            image(b"a"),
            image(b"b"),
        ];
        assert_eq!(first_copies(&images), [0, 1, 0, 0, 1]);
    }

    #[test]
    fn copies_cost_nothing_against_the_budgets() {
        let reader = Reader::probe(Settings {
            enabled: false,
            max_images: 2,
            ..Settings::default()
        });
        let images = [
            image(b"a"),
            image(b"a"),
            image(b"b"),
            image(b"a"),
            image(b"c"),
        ];
        let first = first_copies(&images);
        let admitted = reader.admit(&images, &first);
        assert!(admitted[..4].iter().all(Result::is_ok), "{admitted:?}");
        assert!(admitted[4].is_err(), "{admitted:?}");
    }
}
