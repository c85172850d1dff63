//! `[analysis]`'s OCR settings: whether images are read, with which Tesseract and languages,
//! within which budgets per message, and what an image not read counts as.

use std::path::PathBuf;
use std::time::Duration;

use super::ConfigError;
use super::limits::bounds;
use super::raw::RawAnalysis;
use super::validate::Checker;
use crate::ocr::Settings;

impl Checker<'_> {
    pub(super) fn ocr(&self, raw: &RawAnalysis, threads: usize) -> Result<Settings, ConfigError> {
        let d = Settings::default();
        let program = match &raw.ocr_program {
            Some(p) if p.get_ref().trim().is_empty() => {
                return Err(self.invalid(p.span(), "ocr_program cannot be empty"));
            }
            Some(p) => PathBuf::from(p.get_ref()),
            None => d.program,
        };
        let languages = match &raw.ocr_languages {
            Some(l) => {
                let valid = !l.get_ref().is_empty()
                    && l.get_ref().split('+').all(|lang| {
                        !lang.is_empty()
                            && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    });
                if !valid {
                    return Err(self.invalid(
                        l.span(),
                        "ocr_languages is Tesseract's language list, such as \"fra+eng\"",
                    ));
                }
                l.get_ref().clone()
            }
            None => d.languages,
        };
        let time_limit = match &raw.ocr_time_limit {
            None => d.time_limit,
            Some(v) if v.get_ref().is_finite() && (0.1..=600.0).contains(v.get_ref()) => {
                Duration::from_secs_f64(*v.get_ref())
            }
            Some(v) => {
                return Err(self.invalid(
                    v.span(),
                    "ocr_time_limit is a number of seconds between 0.1 and 600",
                ));
            }
        };
        let max_pixels = self.bounded(
            raw.ocr_max_pixels.clone(),
            d.max_pixels,
            &bounds::OCR_MAX_PIXELS,
        )?;
        Ok(Settings {
            enabled: raw.ocr.unwrap_or(d.enabled),
            program,
            languages,
            max_images: self.bounded(
                raw.ocr_max_images.clone(),
                d.max_images as u64,
                &bounds::OCR_MAX_IMAGES,
            )?,
            max_pixels: max_pixels as u64,
            time_limit,
            threads,
            unread_images: raw.unread_images.unwrap_or(d.unread_images),
        })
    }
}
