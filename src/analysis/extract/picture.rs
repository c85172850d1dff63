//! Images (PNG, JPEG, GIF, TIFF, BMP, WebP): the analysis reads only their header, to know
//! their size. An image large enough to hold a readable identifier is handed on, bytes and
//! size, to be read by OCR ([`crate::ocr`]) before the decision; a tiny one (a logo, a
//! signature, a tracking pixel) is noted and skipped. An image whose header cannot be read
//! is a risk: the reader's program might still show it.

use std::io::Cursor;

use super::{Budget, Piece};
use crate::analysis::mime::Location;

/// An image waiting to be read by OCR.
#[derive(Clone)]
pub struct Image {
    /// Where it is.
    pub location: Location,
    /// The file as attached.
    pub bytes: Vec<u8>,
    /// Width in pixels, from its header.
    pub width: u32,
    /// Height in pixels, from its header.
    pub height: u32,
    /// Pages (a fax TIFF has several; other images one).
    pub pages: u32,
    /// Pixels over all its pages.
    pub area: u64,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("part", &self.location.part)
            .field("size", &self.bytes.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("pages", &self.pages)
            .finish()
    }
}

/// The image at `location`: its size from the header, then waiting for OCR, skipped as too
/// small, or unscannable.
pub fn extract(bytes: &[u8], location: Location, budget: &Budget<'_>, out: &mut Vec<Piece>) {
    let reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format();
    let Some((width, height)) = reader.ok().and_then(|r| r.into_dimensions().ok()) else {
        out.push(Piece::Unscannable(
            location,
            "image: format or header not readable".into(),
        ));
        return;
    };
    let (pages, area) = match tiff_pages(bytes) {
        Some(Ok(pages)) => pages,
        Some(Err(reason)) => {
            out.push(Piece::Unscannable(location, reason.into()));
            return;
        }
        None => (1, u64::from(width) * u64::from(height)),
    };
    let min = budget.limits.image_min_pixels;
    if area < min || width.min(height) < MIN_SIDE {
        out.push(Piece::Skipped(
            location,
            "image too small to hold readable text".into(),
        ));
        return;
    }
    // The image stays in memory until OCR read it: it counts against the message's budget.
    if !budget.reserve(bytes.len()) {
        out.push(Piece::Unscannable(
            location,
            "image over the message's size limit for reading".into(),
        ));
        return;
    }
    out.push(Piece::Image(Image {
        location,
        bytes: bytes.to_vec(),
        width,
        height,
        pages,
        area,
    }));
}

/// True for a TIFF file (either byte order).
pub fn is_tiff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// Most pages of a TIFF read.
pub const MAX_PAGES: u32 = 50;

/// For a TIFF, its pages and their pixels (each page's header only); `None` for other
/// formats.
fn tiff_pages(bytes: &[u8]) -> Option<Result<(u32, u64), &'static str>> {
    if !is_tiff(bytes) {
        return None;
    }
    const UNREADABLE: &str = "image: TIFF pages not readable";
    let Ok(mut decoder) = tiff::decoder::Decoder::new(Cursor::new(bytes)) else {
        return Some(Err(UNREADABLE));
    };
    let (mut pages, mut area) = (0u32, 0u64);
    loop {
        let Ok((w, h)) = decoder.dimensions() else {
            return Some(Err(UNREADABLE));
        };
        pages += 1;
        area = area.saturating_add(u64::from(w) * u64::from(h));
        if pages > MAX_PAGES {
            return Some(Err("image: TIFF with more pages than OCR reads"));
        }
        if !decoder.more_images() {
            return Some(Ok((pages, area)));
        }
        if decoder.next_image().is_err() {
            return Some(Err(UNREADABLE));
        }
    }
}

/// Narrowest side, in pixels, of an image that can hold one line of text.
const MIN_SIDE: u32 = 10;

/// `grey` as a binary PGM file (what the image crate and Tesseract both read, uncompressed).
pub fn pgm(grey: &image::GrayImage) -> Option<Vec<u8>> {
    use image::ImageEncoder as _;
    use image::codecs::pnm::{PnmEncoder, PnmSubtype, SampleEncoding};
    let mut out = Vec::new();
    PnmEncoder::new(&mut out)
        .with_subtype(PnmSubtype::Graymap(SampleEncoding::Binary))
        .write_image(
            grey.as_raw(),
            grey.width(),
            grey.height(),
            image::ExtendedColorType::L8,
        )
        .ok()?;
    Some(out)
}
