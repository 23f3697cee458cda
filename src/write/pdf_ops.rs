//! A content stream encoder for the few operators the pages use: text objects
//! (BT/ET, Tf, Tm, Tc, Tr, TJ of hex glyph ids), colours (rg/RG), line width
//! (w), stroked lines (m/l/S), pictures (cm/Do) and q/Q.
//!
//! Why not printpdf: printpdf 0.12 encodes operations only inside
//! `to_lopdf_doc`, building a lopdf object for every operand (a heap string
//! per glyph) and formatting every number through `fmt`; on the sample that
//! cost 6.9 M instructions for 111 KB of operators, plus 1.6 M for building
//! the typed operations it encodes, against 0.7 M for writing the bytes
//! here in one pass, glyph lookups included (callgrind, README's Speed). The bytes are the ones
//! printpdf (through lopdf's `Content::encode`) wrote: operands separated by
//! spaces, operations by newlines, glyph ids as upper-case hex strings with no
//! space between them, numbers as Rust prints an `f32` (shortest digits that
//! read back as the same value, never an exponent).

/// A content stream being written.
#[derive(Default)]
pub struct Content {
    out: Vec<u8>,
    /// The TJ array being written has an element already.
    in_array: bool,
}

/// Write `v` as Rust's `Display` prints an `f32`. The page's numbers are
/// thousandths (`k / 1000`): below 8192 an `f32` tells every thousandth from
/// its neighbours, so the shortest digits that read back as `v` are `k`'s own,
/// written here without `fmt`; anything else goes through `fmt`.
pub fn number(out: &mut Vec<u8>, v: f32) {
    let k = (v * 1000.0).round();
    if k.abs() >= 8_192_000.0 || k / 1000.0 != v {
        use std::io::Write as _;
        let _ = write!(out, "{v}");
        return;
    }
    if v.is_sign_negative() {
        // −0 too: `Display` writes "-0".
        out.push(b'-');
    }
    let k = k.abs() as u32;
    integer(out, k / 1000);
    let frac = k % 1000;
    if frac != 0 {
        let digits = [
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let len = if frac % 10 != 0 {
            3
        } else if frac % 100 != 0 {
            2
        } else {
            1
        };
        out.push(b'.');
        out.extend_from_slice(&digits[..len]);
    }
}

fn integer(out: &mut Vec<u8>, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl Content {
    pub fn with_capacity(n: usize) -> Content {
        Content {
            out: Vec::with_capacity(n),
            in_array: false,
        }
    }

    /// The stream's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    /// Start an operation: operations are separated by a newline.
    fn start(&mut self) {
        if !self.out.is_empty() {
            self.out.push(b'\n');
        }
    }

    fn operands(&mut self, values: &[f32]) {
        for &v in values {
            number(&mut self.out, v);
            self.out.push(b' ');
        }
    }

    /// An operation of numbers only.
    fn op(&mut self, values: &[f32], operator: &str) {
        self.start();
        self.operands(values);
        self.out.extend_from_slice(operator.as_bytes());
    }

    /// A resource name: ours are letters and digits, which a name writes as
    /// they are.
    fn name(&mut self, name: &str) {
        debug_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric()));
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b' ');
    }

    pub fn save(&mut self) {
        self.op(&[], "q");
    }

    pub fn restore(&mut self) {
        self.op(&[], "Q");
    }

    pub fn begin_text(&mut self) {
        self.op(&[], "BT");
    }

    pub fn end_text(&mut self) {
        self.op(&[], "ET");
    }

    /// `Tf`: the font resource `name` at `size` points.
    pub fn font(&mut self, name: &str, size: f32) {
        self.start();
        self.name(name);
        self.operands(&[size]);
        self.out.extend_from_slice(b"Tf");
    }

    pub fn fill_rgb(&mut self, c: [f32; 3]) {
        self.op(&c, "rg");
    }

    pub fn stroke_rgb(&mut self, c: [f32; 3]) {
        self.op(&c, "RG");
    }

    pub fn line_width(&mut self, w: f32) {
        self.op(&[w], "w");
    }

    /// `Tr`: 0 fills the glyphs, 2 fills and strokes them.
    pub fn render_mode(&mut self, mode: u8) {
        self.start();
        integer(&mut self.out, u32::from(mode));
        self.out.extend_from_slice(b" Tr");
    }

    /// `Tm`: a text matrix that only moves the origin to (x, y).
    pub fn text_at(&mut self, x: f32, y: f32) {
        self.op(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm");
    }

    /// `Tc`: character spacing in points.
    pub fn char_spacing(&mut self, tc: f32) {
        self.op(&[tc], "Tc");
    }

    /// `cm`: concatenate a matrix to the current transformation.
    pub fn transform(&mut self, m: [f32; 6]) {
        self.op(&m, "cm");
    }

    /// `Do`: paint the XObject resource `name`.
    pub fn draw(&mut self, name: &str) {
        self.start();
        self.name(name);
        self.out.extend_from_slice(b"Do");
    }

    pub fn move_to(&mut self, x: f32, y: f32) {
        self.op(&[x, y], "m");
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        self.op(&[x, y], "l");
    }

    pub fn stroke(&mut self) {
        self.op(&[], "S");
    }

    /// Open a TJ array; `glyph` and `adjust` fill it, `end_show` closes it.
    pub fn begin_show(&mut self) {
        self.start();
        self.out.push(b'[');
        self.in_array = false;
    }

    /// A two-byte character code (here: a subset glyph id, Identity-H).
    pub fn glyph(&mut self, code: u16) {
        let b = code.to_be_bytes();
        self.out.extend_from_slice(&[
            b'<',
            HEX[usize::from(b[0] >> 4)],
            HEX[usize::from(b[0] & 15)],
            HEX[usize::from(b[1] >> 4)],
            HEX[usize::from(b[1] & 15)],
            b'>',
        ]);
        self.in_array = true;
    }

    /// A TJ number: moves the next glyph left by `v` thousandths of an em.
    pub fn adjust(&mut self, v: f32) {
        if self.in_array {
            self.out.push(b' ');
        }
        number(&mut self.out, v);
        self.in_array = true;
    }

    pub fn end_show(&mut self) {
        self.out.extend_from_slice(b"] TJ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn thousandths_are_written_as_display_writes_them() {
        // Every thousandth up to 1200 pt (an A3 page is 1191 pt tall), either
        // sign, and a spread of larger ones past the fast path's limit.
        let ks = (0..=1_200_000).chain((1_200_000..20_000_000).step_by(997));
        for k in ks {
            for v in [k as f32 / 1000.0, -(k as f32) / 1000.0] {
                assert_eq!(text(v), format!("{v}"), "k = {k}");
            }
        }
        for v in [
            -0.0,
            0.1 + 0.2,
            1e-7,
            123_456.79,
            f32::MAX,
            0.0005,
            714.1731,
        ] {
            assert_eq!(text(v), format!("{v}"));
        }
    }

    #[test]
    fn operations_are_separated_by_newlines_and_glyphs_are_hex() {
        let mut c = Content::default();
        c.begin_text();
        c.font("GW1", 16.0);
        c.text_at(79.37, 600.653);
        c.char_spacing(-0.207);
        c.begin_show();
        c.glyph(0x2e);
        c.glyph(0x1eb);
        c.adjust(-1.084);
        c.glyph(0xab);
        c.end_show();
        c.end_text();
        assert_eq!(
            String::from_utf8(c.finish()).unwrap(),
            "BT\n/GW1 16 Tf\n1 0 0 1 79.37 600.653 Tm\n-0.207 Tc\n\
             [<002E><01EB> -1.084<00AB>] TJ\nET"
        );
    }

    #[test]
    fn the_stream_decodes_to_the_operations_written() {
        let mut c = Content::default();
        c.save();
        c.stroke_rgb([1.0, 0.0, 0.5]);
        c.line_width(0.75);
        c.move_to(10.0, 20.25);
        c.line_to(300.5, 20.25);
        c.stroke();
        c.restore();
        c.save();
        c.transform([100.0, 0.0, 0.0, 50.0, 72.0, 600.0]);
        c.draw("GWI3");
        c.restore();
        c.begin_text();
        c.render_mode(2);
        c.begin_show();
        c.adjust(3.5);
        c.glyph(7);
        c.end_show();
        c.end_text();
        let ops = lopdf::content::Content::decode(&c.finish())
            .unwrap()
            .operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["q", "RG", "w", "m", "l", "S", "Q", "q", "cm", "Do", "Q", "BT", "Tr", "TJ", "ET"]
        );
        let reals = |i: usize| -> Vec<f32> {
            ops[i]
                .operands
                .iter()
                .map(|o| o.as_float().unwrap())
                .collect()
        };
        assert_eq!(reals(1), [1.0, 0.0, 0.5]);
        assert_eq!(reals(4), [300.5, 20.25]);
        assert_eq!(reals(8), [100.0, 0.0, 0.0, 50.0, 72.0, 600.0]);
        assert_eq!(ops[9].operands[0].as_name().unwrap(), b"GWI3");
        let lopdf::Object::Array(tj) = &ops[13].operands[0] else {
            panic!("TJ without an array");
        };
        assert_eq!(tj[0].as_float().unwrap(), 3.5);
        assert_eq!(tj[1].as_str().unwrap(), [0, 7]);
    }
}
