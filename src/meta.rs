//! Document metadata: what the 版头, the end of the body and the 版记 need, from YAML
//! front matter, a TOML sidecar or the draft itself. Every key is also accepted
//! under its Chinese name; unknown keys are rejected so that a typo is not lost.

use serde::{Deserialize, Serialize};

/// One or several values: a YAML/TOML list (`[甲, 乙]` or a block list) or a
/// string, where `甲，乙` names two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The items in order: a list's entries, or a string split at its commas
    /// (`，` or `,`); blanks around items and empty items are dropped.
    pub fn to_vec(&self) -> Vec<String> {
        let whole: Vec<&str> = match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        };
        whole
            .into_iter()
            .flat_map(|s| s.split(['，', ',']))
            .map(|s| s.trim_matches(crate::model::is_blank_char).to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The names as one line, a full-width space between two (how 签发人 are
    /// set beside the 文号): one decision for the layout, its glyph forecast
    /// and the DOCX.
    pub fn joined(&self) -> String {
        self.to_vec().join("　")
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        d.deserialize_any(Visit)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A plain document without 版头 (reports, speeches, drafts).
    #[default]
    Report,
    /// 文件格式 with 版头 and 版记.
    Notice,
    /// 信函格式.
    Letter,
    /// 纪要格式.
    Minutes,
    /// 命令（令）格式.
    Order,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Report,
        Format::Notice,
        Format::Letter,
        Format::Minutes,
        Format::Order,
    ];

    /// The format's name in metadata and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Report => "report",
            Format::Notice => "notice",
            Format::Letter => "letter",
            Format::Minutes => "minutes",
            Format::Order => "order",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown format `{s}` (report, notice, letter, minutes, order)"))
    }
}

/// Every key: its English name and its Chinese names (the same as the serde
/// aliases below; README documents each once).
pub const KEYS: &[(&str, &[&str])] = &[
    ("title", &["标题"]),
    ("subtitle", &["副标题"]),
    ("copy_no", &["份号"]),
    ("secrecy", &["密级"]),
    ("urgency", &["紧急程度"]),
    ("issuer", &["发文机关", "发文机关标志"]),
    ("doc_number", &["发文字号"]),
    ("signers", &["签发人"]),
    ("addressee", &["主送", "主送机关"]),
    ("signature", &["署名"]),
    ("date", &["成文日期"]),
    ("seal", &["印章"]),
    ("note", &["附注"]),
    ("cc", &["抄送"]),
    ("printed_by", &["印发机关"]),
    ("printed_date", &["印发日期"]),
    ("format", &["格式"]),
    ("author", &["作者"]),
    ("font_names", &["字体名称"]),
];

/// The English name of a key written in either language.
pub fn english_key(key: &str) -> Option<&'static str> {
    KEYS.iter()
        .find(|(en, zh)| *en == key || zh.contains(&key))
        .map(|(en, _)| *en)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    #[serde(alias = "标题", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(alias = "副标题", skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(alias = "份号", skip_serializing_if = "Option::is_none")]
    pub copy_no: Option<String>,
    #[serde(alias = "密级", skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
    #[serde(alias = "紧急程度", skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    #[serde(
        alias = "发文机关",
        alias = "发文机关标志",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer: Option<OneOrMany>,
    #[serde(alias = "发文字号", skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    #[serde(alias = "签发人", skip_serializing_if = "Option::is_none")]
    pub signers: Option<OneOrMany>,
    #[serde(
        alias = "主送",
        alias = "主送机关",
        skip_serializing_if = "Option::is_none"
    )]
    pub addressee: Option<OneOrMany>,
    #[serde(alias = "署名", skip_serializing_if = "Option::is_none")]
    pub signature: Option<OneOrMany>,
    #[serde(alias = "成文日期", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(alias = "印章", skip_serializing_if = "Option::is_none")]
    pub seal: Option<bool>,
    #[serde(alias = "附注", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(alias = "抄送", skip_serializing_if = "Option::is_none")]
    pub cc: Option<OneOrMany>,
    #[serde(alias = "印发机关", skip_serializing_if = "Option::is_none")]
    pub printed_by: Option<String>,
    #[serde(alias = "印发日期", skip_serializing_if = "Option::is_none")]
    pub printed_date: Option<String>,
    #[serde(alias = "格式", skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(alias = "作者", skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The DOCX's font names for this document, over the style sheet's
    /// `fonts.names`: 仿宋_GB2312/楷体_GB2312 (`legacy`) or 仿宋/楷体 (`current`).
    #[serde(alias = "字体名称", skip_serializing_if = "Option::is_none")]
    pub font_names: Option<FontNames>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontNames {
    Legacy,
    Current,
}

impl FontNames {
    pub fn key(self) -> &'static str {
        match self {
            FontNames::Legacy => "legacy",
            FontNames::Current => "current",
        }
    }
}

impl Meta {
    /// Fill every field that is unset here from `other` (the draft's own values
    /// yield to explicitly given ones, so call this on the explicit side).
    pub fn fill_from(&mut self, other: &Meta) {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = other.$f.clone(); } )* };
        }
        fill!(
            title,
            subtitle,
            copy_no,
            secrecy,
            urgency,
            issuer,
            doc_number,
            signers,
            addressee,
            signature,
            date,
            seal,
            note,
            cc,
            printed_by,
            printed_date,
            format,
            author,
            font_names
        );
    }

    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// Read a TOML sidecar (`--meta FILE`); unknown keys are an error naming them.
    pub fn from_toml(text: &str, path: &std::path::Path) -> crate::error::Result<Meta> {
        toml::from_str(text).map_err(|e| crate::error::Error::Invalid {
            path: path.to_path_buf(),
            message: format!("metadata: {e}"),
        })
    }

    /// The 发文机关标志 text lines: the organs, for 文件格式 each with 文件 added
    /// unless written so (7.2.4).
    pub fn issuers(&self) -> Vec<String> {
        self.issuer
            .as_ref()
            .map(OneOrMany::to_vec)
            .unwrap_or_default()
    }

    /// Contradictions and gaps that make the frame impossible to lay out.
    pub fn validate(&self) -> Result<(), String> {
        let format = self.format.unwrap_or_default();
        if self.signers.is_some() && self.doc_number.is_none() {
            return Err("签发人 (signers) needs a 发文字号 (doc_number): they share the line under the 发文机关标志".into());
        }
        if matches!(
            format,
            Format::Notice | Format::Letter | Format::Order | Format::Minutes
        ) && self.issuers().is_empty()
        {
            return Err(format!(
                "the {} format needs a 发文机关 (issuer) for its 版头",
                match format {
                    Format::Notice => "notice (文件)",
                    Format::Letter => "letter (信函)",
                    Format::Order => "order (命令)",
                    _ => "minutes (纪要)",
                }
            ));
        }
        if self.issuers().iter().any(|s| s.trim().is_empty()) {
            return Err("an issuer (发文机关) is empty".into());
        }
        if let Some(c) = &self.copy_no {
            if !c.chars().all(|d| d.is_ascii_digit()) || c.is_empty() {
                return Err(format!(
                    "份号 (copy_no) is written in Arabic digits, not {c:?}"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_keys_and_lists() {
        let m: Meta =
            serde_norway::from_str("标题: 关于X的通知\n发文机关: [甲局, 乙局]\n印章: true\n")
                .unwrap();
        assert_eq!(m.title.as_deref(), Some("关于X的通知"));
        assert_eq!(m.issuer.unwrap().to_vec(), vec!["甲局", "乙局"]);
        assert_eq!(m.seal, Some(true));
    }

    #[test]
    fn signers_need_a_doc_number() {
        let m = Meta {
            signers: Some(OneOrMany::One("张三".into())),
            ..Meta::default()
        };
        assert!(m.validate().unwrap_err().contains("doc_number"));
        let m = Meta {
            format: Some(Format::Notice),
            ..Meta::default()
        };
        assert!(m.validate().unwrap_err().contains("issuer"));
        let m: Meta = Meta::from_toml(
            "\"份号\" = \"000001\"\nformat = \"notice\"\nissuer = \"某某市人民政府\"\n",
            std::path::Path::new("m.toml"),
        )
        .unwrap();
        assert!(m.validate().is_ok());
        let e = Meta::from_toml("fromat = \"notice\"\n", std::path::Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.toml") && e.contains("fromat"), "{e}");
    }

    #[test]
    fn lists_strings_and_wrong_types() {
        let m = Meta::from_toml(
            "cc = [\"甲\", \"乙\"]\n\"署名\" = \"甲，乙\"\n",
            std::path::Path::new("m.toml"),
        )
        .unwrap();
        assert_eq!(m.cc.unwrap().to_vec(), vec!["甲", "乙"]);
        assert_eq!(m.signature.unwrap().to_vec(), vec!["甲", "乙"]);
        let e = Meta::from_toml("title = \"X\"\ncc = 3\n", std::path::Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("m.toml") && e.contains("line 2") && e.contains("cc"),
            "{e}"
        );
    }

    #[test]
    fn unknown_key_is_rejected_by_name() {
        let e = serde_norway::from_str::<Meta>("titel: x\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("titel"), "{e}");
    }
}
