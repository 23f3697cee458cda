//! The system's fonts, found by name. Scanning every installed font (fontdb)
//! costs about 200 ms, far more than a whole conversion, so the names are kept in
//! a small index in the user's cache folder and rebuilt only when a font folder
//! changes (the way fontconfig caches).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One face of an installed font.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SysFace {
    pub path: PathBuf,
    pub index: u32,
    /// Every family name (all languages), e.g. `仿宋`, `FangSong`.
    pub families: Vec<String>,
    pub postscript: String,
    pub weight: u16,
    pub italic: bool,
}

impl SysFace {
    pub fn matches(&self, name: &str) -> bool {
        self.postscript.eq_ignore_ascii_case(name)
            || self.families.iter().any(|f| f.eq_ignore_ascii_case(name))
    }
}

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    fingerprint: u64,
    faces: Vec<SysFace>,
}

const CACHE_VERSION: u32 = 1;

/// Folders the platform keeps fonts in (the ones fontdb scans).
fn font_roots() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "windows") {
        v.push(
            PathBuf::from(std::env::var("SYSTEMROOT").unwrap_or_else(|_| "C:\\Windows".into()))
                .join("Fonts"),
        );
        if let Ok(local) = std::env::var("LOCALAPPDATA") {
            v.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        v.extend(["/Library/Fonts", "/System/Library/Fonts"].map(PathBuf::from));
        if let Ok(h) = std::env::var("HOME") {
            v.push(PathBuf::from(h).join("Library/Fonts"));
        }
    } else {
        v.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Ok(h) = std::env::var("HOME") {
            v.push(PathBuf::from(&h).join(".fonts"));
            v.push(PathBuf::from(&h).join(".local/share/fonts"));
        }
    }
    v
}

/// A hash of every font folder's path and modification time: adding or removing
/// a font changes its folder's mtime.
fn fingerprint(roots: &[PathBuf]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    let mut seen = 0usize;
    while let Some(dir) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&dir) else {
            continue;
        };
        dir.hash(&mut h);
        if let Ok(m) = meta.modified() {
            m.hash(&mut h);
        }
        seen += 1;
        if seen > 20_000 {
            break;
        }
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut subdirs: Vec<PathBuf> = rd
                .flatten()
                .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
                .map(|e| e.path())
                .collect();
            subdirs.sort();
            stack.extend(subdirs);
        }
    }
    h.finish()
}

fn cache_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))?;
    Some(base.join("gongwen").join("system-fonts.json"))
}

fn scan() -> Vec<SysFace> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db.faces()
        .filter_map(|f| {
            let path = match &f.source {
                fontdb::Source::File(p) => p.clone(),
                fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => return None,
            };
            Some(SysFace {
                path,
                index: f.index,
                families: f.families.iter().map(|(n, _)| n.clone()).collect(),
                postscript: f.post_script_name.clone(),
                weight: f.weight.0,
                italic: f.style != fontdb::Style::Normal,
            })
        })
        .collect()
}

/// The installed fonts, from the cached index when it is current.
/// `GONGWEN_NO_SYSTEM_FONTS=1` turns system fonts off (reproducible runs).
pub fn system_faces() -> Vec<SysFace> {
    if std::env::var_os("GONGWEN_NO_SYSTEM_FONTS").is_some_and(|v| v != "0" && !v.is_empty()) {
        return Vec::new();
    }
    let roots = font_roots();
    let fp = fingerprint(&roots);
    let path = cache_path();
    if let Some(p) = &path {
        if let Ok(bytes) = std::fs::read(p) {
            if let Ok(c) = serde_json::from_slice::<Cache>(&bytes) {
                if c.version == CACHE_VERSION && c.fingerprint == fp {
                    return c.faces;
                }
            }
        }
    }
    let faces = scan();
    if let Some(p) = &path {
        let cache = Cache {
            version: CACHE_VERSION,
            fingerprint: fp,
            faces: faces.clone(),
        };
        if let Ok(json) = serde_json::to_vec(&cache) {
            // Best effort: a read-only home only costs the next run a rescan.
            let _ = p.parent().map(std::fs::create_dir_all);
            let _ = crate::write::write_atomic(p, &json);
        }
    }
    faces
}

/// The best face for a name: exact family or PostScript name, upright, the
/// weight closest to `weight`.
pub fn find<'a>(faces: &'a [SysFace], name: &str, weight: u16) -> Option<&'a SysFace> {
    faces
        .iter()
        .filter(|f| f.matches(name) && !f.italic && Path::new(&f.path).exists())
        .min_by_key(|f| (f.weight as i32 - weight as i32).abs())
}
