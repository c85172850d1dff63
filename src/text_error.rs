//! What is wrong in a text file Sentinelle reads (a rule file, the configuration) and where:
//! a 1-based line and column. Parsers of text return a [`TextError`]; the code that read the
//! file adds its origin, so every such error reads `file:line:column: message`.

/// A problem at one place of a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct TextError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong (about the file's structure, never a message's content).
    pub message: String,
}

impl TextError {
    /// A problem at byte `offset` of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> TextError {
        let (line, column) = line_column(text, offset);
        TextError {
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem with line `line` as a whole.
    pub fn line(line: usize, message: impl Into<String>) -> TextError {
        TextError {
            line,
            column: 1,
            message: message.into(),
        }
    }

    /// A TOML syntax or schema error: its own message, placed by its span (the start of the
    /// text when it has none).
    pub fn toml(text: &str, error: &toml::de::Error) -> TextError {
        let offset = error.span().map_or(0, |span| span.start);
        TextError::at(text, offset, error.message().trim_end())
    }
}

/// The 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(TextError::line(3, "bad").to_string(), "3:1: bad");
    }

    #[test]
    fn a_toml_error_keeps_its_message_and_gains_its_place() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            n: u32,
        }
        let text = "\nn = \"x\"\n";
        let err = toml::from_str::<T>(text).unwrap_err();
        let located = TextError::toml(text, &err);
        assert_eq!((located.line, located.column), (2, 5), "{located}");
        assert!(!located.message.contains('\n'), "{located}");
    }
}
