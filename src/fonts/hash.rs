//! A cheap hasher for small keys looked up once per character.

/// The hasher of the shaper's cache, whose keys are a family and a character:
/// a rotate, xor and multiply a word (as rustc's FxHash), where std's SipHash
/// spent about a hundred instructions a lookup, once for every character of
/// a document (callgrind: 3.0 M of the sample's 42 M went to the shaper).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

pub(crate) type BuildKeyHasher = std::hash::BuildHasherDefault<KeyHasher>;
