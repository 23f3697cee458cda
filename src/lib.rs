//! gongwen: drafts of Chinese official documents (公文) to DOCX and PDF laid out
//! per GB/T 9704-2012.
//!
//! The pipeline: [`read`] (decode, detect structure) → [`model`] (the section
//! tree) → [`layout`] (line breaking and pagination for the PDF) → [`write`].

pub mod error;
pub mod inspect;
pub mod meta;
pub mod model;
pub mod picture;
pub mod read;
pub mod script;

pub use error::{Error, Result};
pub mod compose;
pub mod convert;
pub mod engine;
pub mod fonts;
pub mod layout;
pub mod lint;
pub mod style;
pub mod write;
