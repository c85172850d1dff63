//! The pictures on a PDF's pages: a scanned referral or a faxed form is a PDF of page-sized
//! images with no text. Each image large enough to hold text is handed on to OCR like an
//! attached one, as a file the `image` crate reads: JPEG as it is (DCTDecode), CCITT Group 4
//! fax data decoded with the `fax` crate, raw grey or RGB samples (FlateDecode, LZW or none)
//! written as PGM. A kind it cannot turn into a picture (JPEG 2000, indexed colours, Group 3
//! fax) is a risk, with that reason. An image used on every page (a letterhead) is read once.

use std::collections::HashSet;

use image::{DynamicImage, GrayImage, RgbImage};
use lopdf::{Document, Object, ObjectId};

use super::picture;

/// Most distinct images read from one PDF.
const MAX_IMAGES: usize = 100;
/// Widest or tallest picture decoded from a PDF.
const MAX_SIDE: i64 = 20_000;
/// Most pixels of one picture decoded from a PDF.
const MAX_PIXELS: i64 = 40_000_000;

/// What one image of the PDF became.
pub enum Picture {
    /// A file for OCR (JPEG or PGM).
    File(Vec<u8>),
    /// Too small to hold text.
    Tiny,
    /// Not turned into a picture, and why.
    Unread(&'static str),
}

/// The pictures of `pages` (distinct images, in page order), those under `min_pixels`
/// noted as tiny; no stream is decompressed beyond `limit` bytes.
pub fn pictures(
    document: &Document,
    pages: &[ObjectId],
    min_pixels: u64,
    limit: usize,
) -> Vec<Picture> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &page in pages {
        let Ok(images) = document.get_page_images(page) else {
            out.push(Picture::Unread("pdf page images not readable"));
            continue;
        };
        for image in images {
            if !seen.insert(image.id) {
                continue;
            }
            if out.len() >= MAX_IMAGES {
                out.push(Picture::Unread("pdf with more page images than OCR reads"));
                return out;
            }
            let area = image.width.saturating_mul(image.height);
            if area < i64::try_from(min_pixels).unwrap_or(i64::MAX) {
                out.push(Picture::Tiny);
                continue;
            }
            out.push(picture(document, &image, limit));
        }
    }
    out
}

fn picture(document: &Document, image: &lopdf::xobject::PdfImage<'_>, limit: usize) -> Picture {
    let (width, height) = (image.width, image.height);
    if !(1..=MAX_SIDE).contains(&width)
        || !(1..=MAX_SIDE).contains(&height)
        || width * height > MAX_PIXELS
    {
        return Picture::Unread("pdf page image too large to read");
    }
    let filters = image.filters.clone().unwrap_or_default();
    let (w, h) = (width as u32, height as u32);
    match filters.last().map(String::as_str) {
        Some("DCTDecode") if filters.len() == 1 => Picture::File(image.content.to_vec()),
        Some("JPXDecode") => Picture::Unread("pdf page image in JPEG 2000: not read"),
        Some("CCITTFaxDecode") if filters.len() == 1 => fax(image, w, h),
        None | Some("FlateDecode" | "LZWDecode") => samples(document, image, w, h, limit),
        Some(_) => Picture::Unread("pdf page image encoding not read"),
    }
}

/// CCITT fax data: Group 4 (K < 0) is decoded; Group 3 is not.
fn fax(image: &lopdf::xobject::PdfImage<'_>, width: u32, height: u32) -> Picture {
    // One dictionary, or an array of them alongside an array of filters.
    let params = match image.origin_dict.get(b"DecodeParms") {
        Ok(Object::Array(list)) => list.last().and_then(|p| p.as_dict().ok()),
        Ok(other) => other.as_dict().ok(),
        Err(_) => None,
    };
    let int = |key: &[u8]| {
        params
            .and_then(|p| p.get(key).ok())
            .and_then(|v| v.as_i64().ok())
    };
    if int(b"K").unwrap_or(0) >= 0 {
        return Picture::Unread("pdf fax image (CCITT Group 3): not read");
    }
    let (Ok(columns), Ok(rows)) = (u16::try_from(width), u16::try_from(height)) else {
        return Picture::Unread("pdf page image too large to read");
    };
    // The filter writes a fax's black as 0, or as 1 with BlackIs1; 1 is white in DeviceGray
    // unless a Decode array inverts it (Pillow, for one, writes BlackIs1 and its page black
    // on white only so): the page as a viewer shows it, dark text on light paper.
    let black_is_1 = params
        .and_then(|p| p.get(b"BlackIs1").ok())
        .and_then(|v| v.as_bool().ok())
        .unwrap_or(false);
    let (black, white) = if black_is_1 != decode_inverted(image) {
        (255u8, 0u8)
    } else {
        (0u8, 255u8)
    };
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    let decoded =
        fax::decoder::decode_g4(image.content.iter().copied(), columns, Some(rows), |line| {
            pixels.extend(fax::decoder::pels(line, columns).map(|c| match c {
                fax::Color::Black => black,
                fax::Color::White => white,
            }));
        });
    pixels.resize(width as usize * height as usize, white);
    match (decoded, GrayImage::from_raw(width, height, pixels)) {
        (Some(()), Some(grey)) => pgm(&grey),
        _ => Picture::Unread("pdf fax image corrupt"),
    }
}

/// Raw samples: one grey byte, three RGB bytes or one bit a pixel, told apart by the
/// decoded length; indexed colours are not read.
fn samples(
    document: &Document,
    image: &lopdf::xobject::PdfImage<'_>,
    width: u32,
    height: u32,
    limit: usize,
) -> Picture {
    if image.color_space.as_deref() == Some("Indexed") {
        return Picture::Unread("pdf page image in indexed colours: not read");
    }
    let pixels = width as usize * height as usize;
    let data = match document.get_object(image.id) {
        Ok(Object::Stream(stream)) => {
            stream.decompressed_content_with_limit((pixels * 3 + 1024).min(limit))
        }
        _ => return Picture::Unread("pdf page image not readable"),
    };
    let Ok(data) = data else {
        return Picture::Unread("pdf page image corrupt");
    };
    let row_bits = (width as usize).div_ceil(8);
    let grey = if data.len() == pixels {
        GrayImage::from_raw(width, height, data)
    } else if data.len() == pixels * 3 {
        RgbImage::from_raw(width, height, data).map(|rgb| DynamicImage::ImageRgb8(rgb).into_luma8())
    } else if data.len() == row_bits * height as usize {
        GrayImage::from_fn(width, height, |x, y| {
            let byte = data[y as usize * row_bits + x as usize / 8];
            let bit = (byte >> (7 - x % 8)) & 1;
            image::Luma([if bit == 1 { 255 } else { 0 }])
        })
        .into()
    } else {
        None
    };
    match grey {
        Some(mut grey) => {
            if decode_inverted(image) {
                image::imageops::invert(&mut grey);
            }
            pgm(&grey)
        }
        None => Picture::Unread("pdf page image colour format not read"),
    }
}

/// True when the image's Decode array maps its samples the other way round ([1 0]): a
/// negative, which a viewer shows inverted.
fn decode_inverted(image: &lopdf::xobject::PdfImage<'_>) -> bool {
    let Ok(Object::Array(decode)) = image.origin_dict.get(b"Decode") else {
        return false;
    };
    match (decode.first(), decode.get(1)) {
        (Some(low), Some(high)) => matches!(
            (low.as_float(), high.as_float()),
            (Ok(low), Ok(high)) if low > high
        ),
        _ => false,
    }
}

fn pgm(grey: &GrayImage) -> Picture {
    match picture::pgm(grey) {
        Some(bytes) => Picture::File(bytes),
        None => Picture::Unread("pdf page image not readable"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mean grey of each picture of the PDF `name` of tests/data/images/.
    fn brightness(name: &str) -> Vec<u64> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/images")
            .join(name);
        let document = Document::load(path).unwrap();
        let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
        pictures(&document, &pages, 4096, 64 << 20)
            .into_iter()
            .map(|picture| match picture {
                Picture::File(bytes) => {
                    let grey = image::load_from_memory(&bytes).unwrap().into_luma8();
                    let sum: u64 = grey.pixels().map(|p| u64::from(p.0[0])).sum();
                    sum / u64::from(grey.width() * grey.height())
                }
                _ => panic!("not a picture"),
            })
            .collect()
    }

    #[test]
    fn a_faxed_page_is_dark_text_on_light_paper() {
        // Pillow writes its Group 4 pages with BlackIs1: decoded as the filter's bits alone,
        // they would be negatives (white text on black, which OCR reads badly).
        let fax = brightness("fax_scan.pdf");
        assert_eq!(fax.len(), 2);
        assert!(fax.iter().all(|&mean| mean > 200), "{fax:?}");
        // A grey scan is as it was.
        assert!(
            brightness("referral_scan.pdf")
                .iter()
                .all(|&mean| mean > 150)
        );
    }
}
