//! Older and other word-processor files (.doc, .wps, .odt, .rtf) are turned
//! into .docx by LibreOffice, then read like any Word draft. LibreOffice runs
//! headless in a private temporary folder with a private profile, so it
//! neither touches the user's profile nor collides with an open LibreOffice.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// A conversion taking longer than this has hung (a cold start takes ~10 s).
const TIMEOUT: Duration = Duration::from_secs(180);

/// The LibreOffice binary on the PATH, if any.
pub fn find() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A private folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100u32 {
            let p = base.join(format!(
                "gongwen-soffice-{}-{nanos}-{attempt}",
                std::process::id()
            ));
            #[cfg_attr(not(unix), allow(unused_mut))]
            let mut b = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            match b.create(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary folder name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Convert `bytes` (a file in the format named by `ext`: doc, wps, odt, rtf)
/// to .docx bytes.
pub fn to_docx(bytes: &[u8], path: &Path, ext: &str) -> Result<Vec<u8>> {
    let fail = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let soffice = find().ok_or_else(|| {
        Error::Missing(format!(
            "{}: a .{ext} file is converted to .docx with LibreOffice, which is not \
             installed; install it (e.g. `apt install libreoffice-writer`) or save the \
             draft as .docx",
            path.display()
        ))
    })?;
    let tmp = TempDir::new().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let input = tmp.0.join(format!("draft.{ext}"));
    let out_dir = tmp.0.join("out");
    let profile = tmp.0.join("profile");
    std::fs::write(&input, bytes).map_err(|e| Error::io(&input, e))?;
    // Its messages go to a file: a pipe nobody reads could fill and stall it.
    let log_path = tmp.0.join("stderr.txt");
    let log = std::fs::File::create(&log_path).map_err(|e| Error::io(&log_path, e))?;
    let mut child = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| {
            fail(format!(
                "LibreOffice ({}) did not start: {e}",
                soffice.display()
            ))
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "LibreOffice did not convert the file within {} s",
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(fail(format!("waiting for LibreOffice: {e}"))),
        }
    };
    let converted = out_dir.join("draft.docx");
    match std::fs::read(&converted) {
        Ok(b) if status.success() => Ok(b),
        _ => {
            let err = std::fs::read_to_string(&log_path).unwrap_or_default();
            Err(fail(format!(
                "LibreOffice could not convert this .{ext} file to .docx{}",
                match err.trim() {
                    "" => String::new(),
                    e => format!(" ({})", e.lines().next().unwrap_or(e)),
                }
            )))
        }
    }
}
