//! The DOCX package: a zip archive of XML parts. Only what the reader needs
//! is inflated, and never more than the caps allow: the sizes a zip declares
//! are not trusted, every part is counted while it inflates.

use std::io::Read;

use super::xml::{self, Element};

/// More entries than this is not a Word document (Word writes a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// The largest part inflated (a 1000-page document.xml is about 20 MB).
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// All parts inflated together, pictures included.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;

pub struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    inflated: u64,
}

/// What a package error says; the caller names the file.
pub type PartResult<T> = std::result::Result<T, String>;

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> PartResult<Package<'a>> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("not a readable zip archive ({e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the archive has {} entries (at most {MAX_ENTRIES} are read)",
                zip.len()
            ));
        }
        Ok(Package { zip, inflated: 0 })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The inflated bytes of a part, or `None` when the package lacks it.
    pub fn bytes(&mut self, name: &str) -> PartResult<Option<Vec<u8>>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES - self.inflated);
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| format!("{name}: cannot be read from the archive ({e})"))?;
        let mut out = Vec::new();
        // One byte more than allowed tells an oversized part from one that fits.
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("{name}: cannot be inflated ({e})"))?;
        if out.len() as u64 > budget {
            return Err(format!(
                "{name}: inflates to more than {} MB (a zip bomb, or far larger than any \
                 document)",
                budget >> 20
            ));
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }

    /// A part parsed as XML, or `None` when the package lacks it.
    pub fn xml(&mut self, name: &str) -> PartResult<Option<Element>> {
        match self.bytes(name)? {
            None => Ok(None),
            Some(b) => xml::parse(&b).map(Some).map_err(|e| format!("{name}: {e}")),
        }
    }

    /// The relationships of a part: (id, type, target resolved against the part's folder).
    pub fn relationships(&mut self, part: &str) -> PartResult<Vec<Relationship>> {
        let (dir, file) = match part.rfind('/') {
            Some(i) => (&part[..i + 1], &part[i + 1..]),
            None => ("", part),
        };
        let rels = format!("{dir}_rels/{file}.rels");
        let Some(root) = self.xml(&rels)? else {
            return Ok(Vec::new());
        };
        Ok(root
            .elements()
            .filter(|e| e.name.ends_with(":Relationship"))
            .filter_map(|e| {
                let kind = e.attr("?:Type")?.to_string();
                let target = e.attr("?:Target")?;
                let external = e.attr("?:TargetMode") == Some("External");
                Some(Relationship {
                    id: e.attr("?:Id").unwrap_or_default().to_string(),
                    kind,
                    target: if external {
                        target.to_string()
                    } else {
                        resolve(dir, target)
                    },
                    external,
                })
            })
            .collect())
    }
}

#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

impl Relationship {
    /// `…/relationships/styles` → `styles`.
    pub fn is(&self, kind: &str) -> bool {
        self.kind.rsplit('/').next() == Some(kind)
    }
}

/// A relationship target relative to `dir` (`word/`), as a name in the archive.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part() {
        assert_eq!(
            resolve("word/", "media/image1.png"),
            "word/media/image1.png"
        );
        assert_eq!(
            resolve("word/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
    }
}
