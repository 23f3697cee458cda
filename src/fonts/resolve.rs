//! Finding font files for a role: the style's own files or names, installed
//! fonts under any of the family's names (through the cached system index),
//! the bundled folder, then the fallbacks behind them.

use std::path::PathBuf;

use super::system::{self, SysFace};
use super::*;

/// Finds font files. The system index is loaded only when asked for.
pub struct Resolver {
    system: Option<Vec<SysFace>>,
    load_system: bool,
    bundled_dirs: Vec<PathBuf>,
}

impl Resolver {
    /// System fonts from the cached index; bundled fonts from
    /// `GONGWEN_FONTS_DIR`, next to the executable, or the source tree.
    pub fn new() -> Resolver {
        Resolver {
            system: None,
            load_system: true,
            bundled_dirs: bundled_dirs(),
        }
    }

    /// A resolver with a given system font list and bundled folder (tests).
    pub fn with(system: Vec<SysFace>, bundled_dirs: Vec<PathBuf>) -> Resolver {
        Resolver {
            system: Some(system),
            load_system: false,
            bundled_dirs,
        }
    }

    fn system(&mut self) -> &[SysFace] {
        if self.system.is_none() {
            self.system = Some(if self.load_system {
                system::system_faces()
            } else {
                Vec::new()
            });
        }
        self.system.as_deref().unwrap_or(&[])
    }

    pub fn bundled(&self, file: &str) -> Option<PathBuf> {
        self.bundled_dirs
            .iter()
            .map(|d| d.join(file))
            .find(|p| p.is_file())
    }

    /// The candidates for a role, best first: user, system, bundled, fallbacks.
    pub fn candidates(&mut self, style: &Style, role: FontRole) -> Vec<FontSource> {
        let mut out: Vec<FontSource> = Vec::new();
        let push = |s: FontSource, out: &mut Vec<FontSource>| {
            if !out.iter().any(|x| x.path == s.path && x.index == s.index) {
                out.push(s);
            }
        };
        let weight = if role == FontRole::Cjk(Family::Xiaobiaosong) {
            700
        } else {
            400
        };
        // 1. The style sheet: paths or family names.
        for entry in style.fonts.files.get(role.key()).into_iter().flatten() {
            if let Some(src) = self.user_entry(style, entry, weight) {
                push(src, &mut out);
            }
        }
        // 2. Installed fonts under any official name.
        for name in alias_names(role, style) {
            if let Some(f) = system::find(self.system(), &name, weight) {
                push(installed(f), &mut out);
            }
        }
        // 3. The bundled font of the role.
        if let Some(p) = self.bundled(bundled_file(role)) {
            push(bundled(p), &mut out);
        }
        // 4. Wide-coverage fallbacks: installed Noto CJK and the like, then the
        //    bundled last resort.
        for (name, w) in system_fallbacks(role) {
            if let Some(f) = system::find(self.system(), name, *w) {
                push(installed(f), &mut out);
            }
        }
        if let FontRole::Cjk(_) = role {
            if let Some(p) = self.bundled(LAST_RESORT) {
                push(bundled(p), &mut out);
            }
        }
        out
    }

    fn user_entry(&mut self, style: &Style, entry: &str, weight: u16) -> Option<FontSource> {
        let (path_part, index) = match entry.rsplit_once('#') {
            Some((p, i)) if i.parse::<u32>().is_ok() => (p, i.parse().unwrap_or(0)),
            _ => (entry, 0),
        };
        let p = Path::new(path_part);
        let path = if p.is_absolute() {
            p.to_path_buf()
        } else {
            style.base_dir.as_deref().unwrap_or(Path::new(".")).join(p)
        };
        if path.is_file() {
            return Some(FontSource {
                path,
                index,
                origin: Origin::User,
            });
        }
        system::find(self.system(), entry, weight).map(|f| FontSource {
            path: f.path.clone(),
            index: f.index,
            origin: Origin::User,
        })
    }
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver::new()
    }
}

/// Folders that may hold the bundled fonts, in order.
pub fn bundled_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(d) = std::env::var_os("GONGWEN_FONTS_DIR") {
        v.push(PathBuf::from(d));
    }
    if let Ok(exe) = std::env::current_exe() {
        // Installed beside the binary, or a cargo build inside the source tree
        // (target/release/gongwen → ../../fonts).
        for up in exe.ancestors().skip(1).take(4) {
            v.push(up.join("fonts"));
        }
    }
    v.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
    v
}

/// An installed face as a candidate.
fn installed(f: &SysFace) -> FontSource {
    FontSource {
        path: f.path.clone(),
        index: f.index,
        origin: Origin::System,
    }
}

/// A bundled file as a candidate.
fn bundled(path: PathBuf) -> FontSource {
    FontSource {
        path,
        index: 0,
        origin: Origin::Bundled,
    }
}
