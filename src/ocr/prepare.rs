//! An image as Tesseract reads it best: decoded with the `image` crate under memory limits,
//! turned the way the camera held it (EXIF orientation), transparency laid on white, grey,
//! and scaled so that screen-sized text is large enough (small images doubled) while a
//! phone photo is brought down to a bounded number of pixels. Written as PGM.
//!
//! Doubling is right for screen text at 96 dpi and wrong for a page photographed or
//! scanned at the same size (a mail program's "medium" resize gives 1280 px): its text,
//! already large, grows past what Tesseract segments well, and a table's rows can vanish.
//! An image of [`BOTH_SIDE`] px or more that would be doubled is therefore read twice, at
//! both sizes, and the two texts are read together, when it has the shape of a page or a
//! photo (its shorter side at least half its longer one). A strip (a screen's banner, a
//! cropped table) is screen text and is only doubled: reading it twice would double the
//! cost of the most common image in clinical mail for no gain.

use std::io::Cursor;

use image::codecs::pnm::{PnmEncoder, PnmSubtype, SampleEncoding};
use image::imageops::FilterType;
use image::{
    DynamicImage, ExtendedColorType, GrayImage, ImageDecoder, ImageEncoder, ImageReader, Luma,
};

/// Most bytes a decoder may allocate for one image (a 40-megapixel RGBA photo fits).
const MAX_DECODE_BYTES: u64 = 192 * 1024 * 1024;
/// Widest or tallest image decoded.
const MAX_SIDE: u32 = 20_000;
/// Most pixels sent to Tesseract for one image.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Below this many pixels on its longer side, an image (a screenshot, a cropped scan) is
/// doubled: screen text at 96 dpi is too small for Tesseract's models.
const SMALL_SIDE: u32 = 1600;
/// From this many pixels on its longer side, an image that is doubled is also read as it
/// is (a photo or a scan of a page at a mail program's resize).
const BOTH_SIDE: u32 = 1000;

/// The scale an image of `width` x `height` is read at.
fn scale(width: u32, height: u32) -> f64 {
    let pixels = u64::from(width) * u64::from(height);
    if width.max(height) < SMALL_SIDE && pixels * 4 <= MAX_PIXELS {
        2.0
    } else if pixels > MAX_PIXELS {
        (MAX_PIXELS as f64 / pixels as f64).sqrt()
    } else {
        1.0
    }
}

/// True when an image of `width` x `height` is read at both sizes: one doubled that may be
/// a page (see the module's documentation).
fn read_twice(width: u32, height: u32) -> bool {
    let (long, short) = (width.max(height), width.min(height));
    scale(width, height) > 1.0 && long >= BOTH_SIDE && short * 2 >= long
}

/// The pixels Tesseract will read for an image of `width` x `height`.
pub fn pixels_read(width: u32, height: u32) -> u64 {
    let s = scale(width, height);
    let w = (f64::from(width) * s).round() as u64;
    let h = (f64::from(height) * s).round() as u64;
    let twice = if read_twice(width, height) {
        u64::from(width) * u64::from(height)
    } else {
        0
    };
    w.saturating_mul(h).saturating_add(twice)
}

/// The image in `bytes`, ready for Tesseract (PGM, its first reading), or why it cannot be
/// read.
#[cfg(test)]
fn grey(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut readings = readings(bytes)?;
    Ok(readings.swap_remove(0))
}

/// The image in `bytes` as Tesseract reads it (PGM): once, or at its scaled size then as it
/// is when it is read twice; or why it cannot be read.
pub fn readings(bytes: &[u8]) -> Result<Vec<Vec<u8>>, &'static str> {
    let image = decode(bytes)?;
    let grey = flatten(image);
    let (width, height) = grey.dimensions();
    let s = scale(width, height);
    if (s - 1.0).abs() <= f64::EPSILON {
        return Ok(vec![pgm(&grey)?]);
    }
    let w = ((f64::from(width) * s).round() as u32).max(1);
    let h = ((f64::from(height) * s).round() as u32).max(1);
    let scaled = pgm(&image::imageops::resize(&grey, w, h, FilterType::Triangle))?;
    if read_twice(width, height) {
        Ok(vec![scaled, pgm(&grey)?])
    } else {
        Ok(vec![scaled])
    }
}

fn pgm(grey: &GrayImage) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    let binary = PnmSubtype::Graymap(SampleEncoding::Binary);
    PnmEncoder::new(&mut out)
        .with_subtype(binary)
        .write_image(
            grey.as_raw(),
            grey.width(),
            grey.height(),
            ExtendedColorType::L8,
        )
        .map_err(|_| "image: not read (could not be prepared for OCR)")?;
    Ok(out)
}

/// Why an image the decoder does not understand is not read.
pub const CORRUPT: &str = "image: not read (corrupt or unsupported encoding)";

fn decode(bytes: &[u8]) -> Result<DynamicImage, &'static str> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| CORRUPT)?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let why = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => "image: not read (too large to decode)",
        _ => CORRUPT,
    };
    let mut decoder = reader.into_decoder().map_err(why)?;
    // `into_decoder` checks the sides, not the buffer: the buffer is checked here, before
    // `from_decoder` allocates it.
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err("image: not read (too large to decode)");
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(why)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// Grey, with any transparency laid on white (a screenshot's transparent background would
/// otherwise read as black, and its black text vanish in it).
fn flatten(image: DynamicImage) -> GrayImage {
    if !image.color().has_alpha() {
        return image.into_luma8();
    }
    let grey_alpha = image.into_luma_alpha8();
    let (width, height) = grey_alpha.dimensions();
    GrayImage::from_fn(width, height, |x, y| {
        let [value, alpha] = grey_alpha.get_pixel(x, y).0;
        let (value, alpha) = (u32::from(value), u32::from(alpha));
        Luma([((value * alpha + 255 * (255 - alpha)) / 255) as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;

    fn png(image: DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn small_images_are_doubled_and_large_ones_bounded() {
        assert_eq!(pixels_read(800, 600), 1600 * 1200);
        // A page-sized photo that is doubled is read at both sizes.
        assert_eq!(pixels_read(1285, 768), 2570 * 1536 + 1285 * 768);
        let photo = readings(&png(DynamicImage::new_rgb8(1285, 768))).unwrap();
        assert_eq!(photo.len(), 2);
        assert!(String::from_utf8_lossy(&photo[1][..20]).contains("1285 768"));
        assert_eq!(
            readings(&png(DynamicImage::new_rgb8(900, 300)))
                .unwrap()
                .len(),
            1
        );
        // A wide strip of screen text is doubled only; a portrait page read twice.
        assert_eq!(pixels_read(1100, 360), 2200 * 720);
        assert_eq!(pixels_read(1100, 549), 2200 * 1098);
        assert_eq!(pixels_read(768, 1285), 1536 * 2570 + 768 * 1285);
        assert_eq!(
            readings(&png(DynamicImage::new_rgb8(2000, 1500)))
                .unwrap()
                .len(),
            1
        );
        assert_eq!(pixels_read(2000, 1500), 2000 * 1500);
        assert!(pixels_read(8000, 6000) <= MAX_PIXELS + 10_000);
        let pgm = grey(&png(DynamicImage::new_rgb8(300, 100))).unwrap();
        assert!(pgm.starts_with(b"P5"), "{:?}", &pgm[..2]);
        assert!(String::from_utf8_lossy(&pgm[..20]).contains("600 200"));
    }

    #[test]
    fn transparency_becomes_white() {
        let clear = DynamicImage::new_rgba8(40, 20);
        let pgm = grey(&png(clear)).unwrap();
        assert_eq!(pgm.last(), Some(&255));
    }

    #[test]
    fn pixel_bomb_is_refused_before_it_is_allocated() {
        // A header claiming 20000 x 20000 pixels (400 MB grey) over a few bytes.
        let mut bomb = b"P5\n20000 20000\n255\n".to_vec();
        bomb.extend_from_slice(&[0; 64]);
        assert_eq!(grey(&bomb), Err("image: not read (too large to decode)"));
        let mut wide = b"P5\n30000 1\n255\n".to_vec();
        wide.extend_from_slice(&[0; 64]);
        assert!(grey(&wide).is_err());
    }

    #[test]
    fn a_truncated_image_is_unreadable_not_a_panic() {
        let bytes = png(DynamicImage::new_rgb8(300, 100));
        assert!(grey(&bytes[..bytes.len() / 2]).is_err());
        assert!(grey(b"\x89PNG\r\n\x1a\n garbage").is_err());
    }
}
