//! Writers and the conversion entry point: one document model and one style
//! sheet in, DOCX and/or PDF (and SVG or PNG pictures of the pages) out,
//! written atomically.

pub mod cff;
pub mod deflate;
pub mod docx;
pub mod ooxml;
pub mod pdf;
pub mod pdf_cff;
pub mod pdf_content;
pub mod pdf_font;
pub mod pdf_image;
pub mod pdf_ops;
pub mod pdf_pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;
pub mod svg;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What both writers need besides the document and the style.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Author in the document properties (never empty).
    pub author: String,
    /// Creation time, seconds since the Unix epoch.
    pub timestamp: i64,
    /// With a seal (印章): changes the placement of 署名 and 成文日期.
    pub seal: bool,
    /// How the PDF's layout paginates the body, when known: the DOCX then
    /// places its 版记 page as the PDF does.
    pub pagination: Option<Pagination>,
}

/// What the DOCX takes from the PDF's pagination to place its 版记.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pagination {
    /// Pages the body fills.
    pub body_pages: usize,
    /// The 版记 shares the body's last page, which begins at this block
    /// (index into `Document::blocks`) and byte offset in its text.
    pub record_shares_page_from: Option<(usize, usize)>,
    /// The document fits one page, in the PDF and in LibreOffice's likely
    /// layout alike.
    pub single_page: bool,
    /// Where the body (or the title) begins under a 版头, in points from the
    /// 版心's top.
    pub body_top: Option<f32>,
}

/// The creation time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// the input's modification time, so that the same input gives the same bytes.
pub fn timestamp_for(input: Option<&Path>) -> i64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return t;
    }
    let mtime = input
        .filter(|p| p.as_os_str() != "-")
        .and_then(|p| std::fs::metadata(p).ok())
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64);
    mtime.unwrap_or_else(now)
}

/// The clock, in seconds since 1970.
#[cfg(not(target_arch = "wasm32"))]
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// wasm32-unknown-unknown has no clock (reading it panics): the host hands the
/// timestamp in (`engine::Draft::render`).
#[cfg(target_arch = "wasm32")]
fn now() -> i64 {
    0
}

/// Civil date from days since 1970-01-01 (proleptic Gregorian).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2024-03-01T08:00:00Z`.
pub fn w3cdtf(ts: i64) -> String {
    let (y, m, d) = civil_from_days(ts.div_euclid(86_400));
    let s = ts.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, then
/// a rename. On failure nothing is left behind and an existing file is untouched.
/// No fsync: a reader never sees half a file either way, and syncing each output
/// cost 1.5–3 ms apiece, a tenth of a whole conversion. Renaming over an
/// existing file makes ext4 start writing the new one back at once
/// (`auto_da_alloc`, 0.4–4 ms): that is what keeps an overwritten output from
/// being lost whole on a power cut soon after, so it stays (`benches/compare.sh`
/// times first writes, ours and the peers' alike).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let _writing = crate::trace::span("write a file");
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_epoch() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_709_251_200), "2024-03-01T00:00:00Z");
        assert_eq!(w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn atomic_write_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/out.docx");
        assert!(write_atomic(&missing, b"x").is_err());
        let ok = dir.path().join("out.docx");
        write_atomic(&ok, b"abc").unwrap();
        assert_eq!(std::fs::read(&ok).unwrap(), b"abc");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_write_replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.pdf");
        write_atomic(&out, b"old contents").unwrap();
        // A reader holding the old file keeps reading the old bytes.
        let held = std::fs::File::open(&out).unwrap();
        write_atomic(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert_eq!(std::io::read_to_string(held).unwrap(), "old contents");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_replaces_a_symlink_not_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.pdf");
        std::fs::write(&target, b"kept").unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
