//! Typed errors of the library. The binary turns them into messages with anyhow;
//! every variant that concerns an input names the file (and the line, where one
//! applies) so that a clerk or a batch script can act on it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The OS message is part of this message (not a `source`), so that it is
    /// printed once.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: the file holds only white space")]
    Blank { path: PathBuf },
    #[error("{path}: no visible text (only white space and invisible characters), and no title in the front matter")]
    NoText { path: PathBuf },
    #[error("{path}: this is not a text file ({reason})")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: not valid {encoding} text at byte {offset}")]
    Decode {
        path: PathBuf,
        encoding: String,
        offset: usize,
    },
    #[error("unknown encoding `{0}` (try utf-8, gb18030, gbk, utf-16le, utf-16be)")]
    UnknownEncoding(String),
    #[error("{path}:{line}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    /// A picture the draft names that cannot be placed: missing, unreadable,
    /// or not a PNG/JPEG that decodes.
    #[error("{path}:{line}: picture `{picture}`: {message}")]
    Picture {
        path: PathBuf,
        line: usize,
        picture: String,
        message: String,
    },
    #[error("style sheet {path}: {message}")]
    Style { path: String, message: String },
    #[error("font: {0}")]
    Font(String),
    #[error("{0}")]
    Missing(String),
    #[error("{path}: refusing to overwrite the input file")]
    OverwriteInput { path: PathBuf },
    #[error("{path}: {message}")]
    Output { path: PathBuf, message: String },
    /// A failure inside gongwen (a writer thread that stopped, an API used
    /// against its contract): never the draft's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Whether the error is the input's: a draft, style sheet, metadata file
    /// or picture that cannot be read or makes no sense, or an output that
    /// would overwrite the input. The rest is the environment's or gongwen's
    /// own (fonts, LibreOffice, writing the outputs, an internal failure):
    /// the command line exits 1 for the first, 3 for the rest.
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            Error::Io { .. }
                | Error::Empty { .. }
                | Error::Blank { .. }
                | Error::NoText { .. }
                | Error::Binary { .. }
                | Error::Decode { .. }
                | Error::UnknownEncoding(_)
                | Error::Syntax { .. }
                | Error::Invalid { .. }
                | Error::Picture { .. }
                | Error::Style { .. }
                | Error::OverwriteInput { .. }
        )
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
