//! Word's number formats (`w:numFmt`), rendered as the reader of the page sees
//! them: 一 十一 二十, ① ⑵, 甲 乙, １ ２.

use crate::script::counting_numeral;

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Counting numerals write zero as 零 (一百零五); digit-by-digit ones as 〇.
const CN_COUNTING: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// `n` in the format `fmt`; unknown formats fall back to decimal, as Word does.
pub fn format(n: u32, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => counting_numeral(n, &CN_COUNTING, ['十', '百', '千']),
        "chineseLegalSimplified" | "ideographLegalTraditional" => {
            counting_numeral(n, &CN_LEGAL, ['拾', '佰', '仟'])
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| CN_DIGITS[d as usize - '0' as usize])
            .collect(),
        "ideographTraditional" => cycle(n, &HEAVENLY_STEMS),
        "ideographZodiac" => cycle(n, &EARTHLY_BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            enclosed(n, 1..=20, 0x2460).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => enclosed(n, 1..=20, 0x2474).unwrap_or_else(|| n.to_string()),
        "decimalEnclosedFullstop" => enclosed(n, 1..=20, 0x2488).unwrap_or_else(|| n.to_string()),
        "ideographEnclosedCircle" => enclosed(n, 1..=10, 0x3280).unwrap_or_else(|| n.to_string()),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn cycle(n: u32, set: &[char]) -> String {
    let i = (n.max(1) - 1) as usize % set.len();
    set[i].to_string()
}

fn enclosed(n: u32, range: std::ops::RangeInclusive<u32>, base: u32) -> Option<String> {
    range
        .contains(&n)
        .then(|| char::from_u32(base + n - 1))
        .flatten()
        .map(String::from)
}

/// a…z, aa…zz, aaa… (Word repeats the letter).
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn chinese_counting() {
        let f = |n| format(n, "chineseCounting");
        assert_eq!(f(1), "一");
        assert_eq!(f(10), "十");
        assert_eq!(f(11), "十一");
        assert_eq!(f(20), "二十");
        assert_eq!(f(25), "二十五");
        assert_eq!(f(100), "一百");
        assert_eq!(f(105), "一百零五");
        assert_eq!(f(110), "一百一十");
        assert_eq!(f(1010), "一千零一十");
        assert_eq!(format(12, "chineseCountingThousand"), "十二");
        assert_eq!(format(12, "chineseLegalSimplified"), "拾贰");
    }

    #[test]
    fn other_forms() {
        assert_eq!(format(3, "ideographTraditional"), "丙");
        assert_eq!(format(11, "ideographTraditional"), "甲");
        assert_eq!(format(1, "decimalEnclosedCircle"), "①");
        assert_eq!(format(20, "decimalEnclosedCircle"), "⑳");
        assert_eq!(format(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format(12, "decimalFullWidth"), "１２");
        assert_eq!(format(7, "decimalZero"), "07");
        assert_eq!(format(28, "lowerLetter"), "bb");
        assert_eq!(format(14, "upperRoman"), "XIV");
        assert_eq!(format(3, "ordinal"), "3");
        assert_eq!(format(3, "none"), "");
    }
}
