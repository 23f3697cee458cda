//! Facts about the script of a draft, in one place for the readers, the
//! linter, the composer and the layout: which characters are Han, full width
//! or Chinese punctuation, what a Latin word is made of, Chinese numerals
//! (read and written) and dates written 年月日. The kinsoku sets are not here:
//! they are typography and live in the style sheet (`[layout]`).

/// A Han character: CJK unified ideographs (the basic block, extension A,
/// the supplementary planes' extensions) and the compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x3FFFF | 0xF900..=0xFAFF)
}

/// CJK symbols and punctuation (、。〈〉《》「」【】〔〕…) and the full-width
/// forms (，：；！？（）０-９Ａ-Ｚ￥…).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Han or CJK punctuation: text that is Chinese around a mark.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Characters that take a full cell of the grid: Han, CJK and full-width
/// punctuation, radicals, enclosed numbers and CJK compatibility forms, and
/// the marks Chinese fonts draw full width (dashes, curly quotes, ellipsis).
pub fn is_full_width(c: char) -> bool {
    let o = c as u32;
    is_han(c)
        || matches!(o,
            0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x2E80..=0x2FDF
            | 0x31C0..=0x31EF | 0x3200..=0x33FF | 0x2460..=0x24FF | 0xFE30..=0xFE4F)
        || "—―“”‘’…‥·※⸺⸻".contains(c)
}

/// Marks that stay inside a Latin word once it has begun: `v1.2`, `COVID-19`,
/// `50%`, `a/b`, `10:30`, `C++`, `snake_case`, `a@b`.
pub const LATIN_WORD_INNER: &str = ".-%/:+_@";

/// A letter or digit of a Latin word (ASCII: full-width forms are CJK).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether `c` belongs to a Latin word: a letter or digit, or, inside a word
/// already begun, one of its inner marks.
pub fn in_latin_word(c: char, in_word: bool) -> bool {
    is_latin(c) || (in_word && LATIN_WORD_INNER.contains(c))
}

/// Characters that write Chinese numbers in heading numbers and dates.
pub const HAN_NUMERALS: &str = "一二三四五六七八九十百零〇";

/// The value of one digit as drafts write it: Arabic (half or full width),
/// Chinese (〇 零 一 … 九), or a zero typed with a look-alike (○ O o Ｏ).
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | '○' | 'O' | 'o' | 'Ｏ' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1),
    }
}

/// The value of a number up to 99 as written in a month, a day or a heading
/// number: Arabic digits, or Chinese (一, 十, 十二, 二十, 九十九).
pub fn numeral_value(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit_value(*u)?),
        [t, '十'] => Some(digit_value(*t)? * 10),
        [t, '十', u] => Some(digit_value(*t)? * 10 + digit_value(*u)?),
        [d] => digit_value(*d),
        _ => None,
    }
}

/// Counting numerals (zero written 零): 十一, 二十, 一百零五, 一千零一十.
pub fn chinese_numeral(n: u32) -> String {
    counting_numeral(
        n,
        &['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
        ['十', '百', '千'],
    )
}

/// Counting numerals in the given digits and units (十 百 千, or the legal
/// 拾 佰 仟): 十 for 10 when ten leads, a zero for each gap, 万 groups beyond.
pub fn counting_numeral(n: u32, digits: &[char; 10], units: [char; 3]) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        let high = counting_numeral(n / 10_000, digits, units);
        let low = n % 10_000;
        return match low {
            0 => format!("{high}万"),
            l if l < 1000 => format!(
                "{high}万{}{}",
                digits[0],
                counting_numeral(l, digits, units)
            ),
            l => format!("{high}万{}", counting_numeral(l, digits, units)),
        };
    }
    let place = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let names = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, (&d, unit)) in place.iter().zip(names).enumerate() {
        if d == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push(digits[0]);
            pending_zero = false;
        }
        // 十一, not 一十一, when ten leads the number.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

/// A date written 年月日 (`2024年3月1日`, `二〇二四年三月十一日`,
/// `2024年03月01号`), as read from the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u32,
    /// Month and day, when their numerals have a value (十三 has, 一一 not).
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Written with Chinese numerals (or zero look-alikes) rather than Arabic.
    pub chinese: bool,
}

impl Date {
    /// Month and day within the calendar's ranges.
    pub fn valid(&self) -> Option<(u32, u32, u32)> {
        let (m, d) = (self.month?, self.day?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((self.year, m, d))
    }
}

/// Parse `YYYY年M月D日` (or 号) at the start of `t`: a year of four digits
/// (Arabic, Chinese or mixed with 〇/○/O for zero), a month and a day of one
/// to three numerals. Returns the date and what follows it.
pub fn parse_date(t: &str) -> Option<(Date, &str)> {
    let year_len = prefix_len(t, |c| digit_value(c).is_some());
    let year_text = &t[..year_len];
    if year_text.chars().count() != 4 {
        return None;
    }
    let rest = t[year_len..].strip_prefix('年')?;
    let small = |s: &str| {
        let n = prefix_len(s, |c| c == '十' || digit_value(c).is_some());
        (n > 0 && s[..n].chars().count() <= 3).then_some(n)
    };
    let m = small(rest)?;
    let month = &rest[..m];
    let rest = rest[m..].strip_prefix('月')?;
    let d = small(rest)?;
    let day = &rest[..d];
    let rest = rest[d..].strip_prefix(['日', '号'])?;
    let year = year_text
        .chars()
        .try_fold(0u32, |y, c| Some(y * 10 + digit_value(c)?))?;
    Some((
        Date {
            year,
            month: numeral_value(month),
            day: numeral_value(day),
            chinese: !year_text.chars().all(|c| c.is_ascii_digit()),
        },
        rest,
    ))
}

/// Byte length of a leading run of characters satisfying `f`.
pub fn prefix_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_full_width() {
        assert!(is_han('公') && is_han('㐀') && is_han('𠀀'));
        assert!(!is_han('。') && !is_han('A'));
        assert!(is_full_width('。') && is_full_width('公') && is_full_width('“'));
        assert!(!is_full_width('A') && !is_full_width('1'));
        assert!(is_cjk('，') && !is_cjk(','));
    }

    #[test]
    fn latin_words() {
        assert!(in_latin_word('a', false) && in_latin_word('.', true));
        assert!(!in_latin_word('.', false) && !in_latin_word('公', true));
    }

    #[test]
    fn numerals_both_ways() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("九十九", 99),
            ("03", 3),
        ] {
            assert_eq!(numeral_value(s), Some(v), "{s}");
        }
        assert_eq!(numeral_value("一一"), None);
        assert_eq!(chinese_numeral(21), "二十一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(105), "一百零五");
        assert_eq!(chinese_numeral(1010), "一千零一十");
    }

    #[test]
    fn dates_in_any_numerals() {
        let (d, rest) = parse_date("二〇二四年三月十一日印发").unwrap();
        assert_eq!(
            (d.valid(), d.chinese, rest),
            (Some((2024, 3, 11)), true, "印发")
        );
        let (d, _) = parse_date("二○二四年十二月三十一日").unwrap();
        assert_eq!(d.valid(), Some((2024, 12, 31)));
        let (d, _) = parse_date("2024年03月01号").unwrap();
        assert_eq!((d.valid(), d.chinese), (Some((2024, 3, 1)), false));
        assert_eq!(parse_date("2024年13月1日").unwrap().0.valid(), None);
        assert!(parse_date("24年3月1日").is_none());
        assert!(parse_date("2024年3月").is_none());
    }
}
