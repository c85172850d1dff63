//! Little-endian reading over a byte slice, for the binary formats read by hand (TNEF,
//! Word 97, PowerPoint 97, the BIFF pre-scan): every read past the end is `None`, never a
//! panic.

/// A position in a byte slice; reads advance it.
pub struct Cursor<'a>(pub &'a [u8]);

impl<'a> Cursor<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    /// `n` bytes, then the padding to a multiple of 4.
    pub fn padded(&mut self, n: usize) -> Option<&'a [u8]> {
        let value = self.take(n)?;
        let pad = (4 - n % 4) % 4;
        self.take(pad.min(self.0.len()))?;
        Some(value)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// The little-endian `u16` at `at`, if `bytes` reaches that far.
pub fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Cursor(bytes.get(at..)?).u16()
}

/// The little-endian `u32` at `at`, if `bytes` reaches that far.
pub fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Cursor(bytes.get(at..)?).u32()
}
