//! Rule files (rules/*.toml): the establishment's copy in the rules directory, or the copy
//! built into the binary when the directory has none. One place decides which, so every rule
//! file falls back the same way and errors name the same origin.

use std::borrow::Cow;
use std::path::Path;

/// The text of `dir/name` and its origin for errors, or the shipped copy ("embedded NAME")
/// when the file does not exist. Any other read error is returned with the path.
pub fn read(
    dir: &Path,
    name: &str,
    embedded: &'static str,
) -> Result<(Cow<'static, str>, String), (String, std::io::Error)> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((Cow::Owned(text), path.display().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok((Cow::Borrowed(embedded), format!("embedded {name}")))
        }
        Err(source) => Err((path.display().to_string(), source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_copy_wins_and_a_missing_one_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read(dir.path(), "x.toml", "shipped").unwrap(),
            (Cow::Borrowed("shipped"), "embedded x.toml".to_owned())
        );
        std::fs::write(dir.path().join("x.toml"), "local").unwrap();
        assert_eq!(read(dir.path(), "x.toml", "shipped").unwrap().0, "local");
    }
}
