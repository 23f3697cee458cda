//! Bytes to text. Drafts arrive as UTF-8 (with or without BOM), UTF-16 with BOM,
//! or GB18030/GBK from older Windows machines. Line ends become LF. Nothing else
//! is changed: half/full-width fixes are the linter's business, not ours.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The name reported by `inspect`: `UTF-8`, `UTF-8 (BOM)`, `GB18030`, `UTF-16LE`…
    pub encoding: String,
}

/// Look up an encoding given on the command line (`utf-8`, `gbk`, `gb18030`…).
pub fn encoding_by_label(label: &str) -> Result<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| Error::UnknownEncoding(label.to_string()))?;
    // encoding_rs maps the GBK label to its GBK decoder, which already decodes all
    // of GB18030; use the GB18030 one so that the reported name is honest.
    Ok(if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    })
}

/// Decode a file's bytes. `forced` overrides detection (but a BOM still wins for
/// UTF-8/16, as every editor does).
pub fn decode(bytes: &[u8], path: &Path, forced: Option<&'static Encoding>) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let (enc, bom_len) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None => (forced.unwrap_or_else(|| detect(bytes)), 0),
    };
    let body = &bytes[bom_len..];
    if enc != UTF_16LE && enc != UTF_16BE {
        check_not_binary(body, path)?;
    }
    let text = if enc == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                return Err(Error::Decode {
                    path: path.to_path_buf(),
                    encoding: "UTF-8".into(),
                    offset: bom_len + e.valid_up_to(),
                })
            }
        }
    } else {
        let (cow, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            let offset = first_error_offset(enc, body);
            return Err(Error::Decode {
                path: path.to_path_buf(),
                encoding: enc.name().to_string(),
                offset: bom_len + offset,
            });
        }
        cow.into_owned()
    };
    if enc == UTF_16LE || enc == UTF_16BE {
        check_text_not_binary(&text, path)?;
    }
    let text = normalize_newlines(&text);
    if text.chars().all(crate::model::is_blank_char) {
        return Err(Error::Blank {
            path: path.to_path_buf(),
        });
    }
    let encoding = if bom_len > 0 && enc == UTF_8 {
        "UTF-8 (BOM)".to_string()
    } else {
        enc.name().to_string()
    };
    Ok(Decoded { text, encoding })
}

/// UTF-8 when the bytes are valid UTF-8; otherwise ask chardetng, which guesses GBK
/// for GB18030/GBK files (encoding_rs's GB18030 decoder takes both).
fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::GBK || guess == GB18030 {
        GB18030
    } else if guess == UTF_8 {
        UTF_8
    } else {
        // Drafts of 公文 are Chinese; a single-byte guess (windows-1252 …) means the
        // bytes are not in any encoding we support. Decoding them as GB18030 will
        // then fail with a precise offset instead of producing mojibake.
        GB18030
    }
}

fn first_error_offset(enc: &'static Encoding, body: &[u8]) -> usize {
    // Decode growing prefixes with a streaming decoder to find the first bad byte.
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3);
    for (i, chunk) in body.chunks(1).enumerate() {
        let (_, _, had_errors) = decoder.decode_to_string(chunk, &mut out, false);
        if had_errors {
            return i;
        }
    }
    body.len()
}

/// Reject NUL bytes and files made mostly of control characters.
fn check_not_binary(bytes: &[u8], path: &Path) -> Result<()> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            reason: format!("NUL byte at offset {pos}"),
        });
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if controls * 10 > sample.len() {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            reason: format!(
                "{controls} control bytes in the first {} bytes",
                sample.len()
            ),
        });
    }
    Ok(())
}

fn check_text_not_binary(text: &str, path: &Path) -> Result<()> {
    if let Some(pos) = text.find('\0') {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            reason: format!("NUL character at offset {pos}"),
        });
    }
    Ok(())
}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("draft.txt")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("公文\r\n正文\r".as_bytes(), p(), None).unwrap();
        assert_eq!(d.text, "公文\n正文\n");
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("公文".as_bytes());
        let d = decode(&b, p(), None).unwrap();
        assert_eq!(d.text, "公文");
        assert_eq!(d.encoding, "UTF-8 (BOM)");
    }

    #[test]
    fn gb18030_detected_including_four_byte_sequences() {
        let src = "关于加强学习的通知\n各单位：𠀀䶮€。\n";
        let (bytes, _, bad) = GB18030.encode(src);
        assert!(!bad);
        let d = decode(&bytes, p(), None).unwrap();
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "公文\r\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, p(), None).unwrap();
        assert_eq!(d.text, "公文\n");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn forced_encoding_wins_over_detection() {
        let (bytes, _, _) = GB18030.encode("公文");
        let forced = encoding_by_label("gbk").unwrap();
        assert_eq!(decode(&bytes, p(), Some(forced)).unwrap().text, "公文");
        let utf8 = encoding_by_label("utf-8").unwrap();
        let e = decode(&bytes, p(), Some(utf8)).unwrap_err().to_string();
        assert!(e.contains("draft.txt") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn empty_blank_and_binary_are_rejected_by_name() {
        assert!(matches!(decode(b"", p(), None), Err(Error::Empty { .. })));
        assert!(matches!(
            decode(" \n\u{3000}\n".as_bytes(), p(), None),
            Err(Error::Blank { .. })
        ));
        let e = decode(b"abc\0def", p(), None).unwrap_err().to_string();
        assert!(e.starts_with("draft.txt: this is not a text file"), "{e}");
        let junk: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
        assert!(matches!(
            decode(&junk, p(), None),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn bytes_in_no_supported_encoding_are_an_error() {
        let e = decode(&[0x81, 0x20, 0xFF, 0xFE, 0x41], p(), None).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }), "{e}");
    }
}
