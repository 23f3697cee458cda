//! gongwen: drafts of Chinese official documents (公文) to DOCX and PDF laid out
//! per GB/T 9704-2012.
//!
//! The pipeline: [`read`] (decode, detect structure) → [`model`] (the section
//! tree) → compose (the writer-neutral plan) → layout (pages of glyphs) and the
//! writers. An embedder needs what is re-exported here: [`read_path`] /
//! [`read_bytes`] a draft into a [`Document`], [`convert_file`] or [`render`]
//! it with a [`Style`], [`check`] it; every failure is an [`Error`], and
//! [`Error::is_input`] tells the input's fault from the environment's or
//! gongwen's own. [`engine`] is the same in bytes out of bytes in (no files,
//! fonts handed in): what the browser page runs.

mod error;

pub mod convert;
pub mod engine;
pub mod fonts;
pub mod inspect;
pub mod lint;
pub mod meta;
pub mod model;
pub mod read;
pub mod style;
pub mod trace;

pub(crate) mod compose;
pub(crate) mod layout;
pub(crate) mod picture;
pub(crate) mod script;
pub(crate) mod write;

pub use convert::WriteOptions;
pub use convert::{convert_file, render, ConvertOptions, Target};
pub use error::{Error, Result};
pub use lint::check;
pub use model::Document;
pub use read::{read_bytes, read_path, read_str, InputFormat, ReadOptions};
pub use style::Style;

/// The internal stages, for the crate's own tests, benches and fuzz targets
/// only: not part of the API, and free to change.
#[doc(hidden)]
pub mod testing {
    pub mod compose {
        pub use crate::compose::*;
    }
    pub mod layout {
        pub use crate::layout::*;
    }
    pub mod write {
        pub use crate::write::*;
    }
}
