//! Reading input bytes safely: files or standard input, gzip, bounded line lengths, and checks
//! for binary data and invalid UTF-8.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// The longest line (JSONL record) or single-article file accepted: 16 MiB.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// Opens `path` (`-` is standard input) for buffered reading, decompressing `.gz` files.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    if path == Path::new("-") {
        return Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::input(path, "is a directory"));
    }
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        )))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
    }
}

/// Outcome of reading one line.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line was read into the buffer (without its line ending).
    Read,
    /// The line was longer than the limit; it was skipped up to its end.
    TooLong,
    /// End of input.
    Eof,
}

/// Reads one line of at most `limit` bytes into `buf`, never holding more than that in memory.
pub fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], Some(i)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = found.map_or(chunk.len(), |i| i + 1);
        reader.consume(used);
        if found.is_some() {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    if !any {
        return Ok(Line::Eof);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Read)
}

/// Reads a whole input of at most [`MAX_RECORD_BYTES`] as UTF-8 text, rejecting binary data.
pub fn read_text(path: &Path) -> Result<String> {
    read_bounded(open(path)?, path)
}

/// Reads all of `reader` (which reads `path`) as one text of at most [`MAX_RECORD_BYTES`],
/// never holding more than that in memory.
pub fn read_bounded(reader: impl Read, path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(Error::input(
            path,
            format!(
                "larger than {} MiB; split it, or give it as JSONL with one article per line",
                MAX_RECORD_BYTES >> 20
            ),
        ));
    }
    text_from_bytes(path, None, bytes)
}

/// Checks that `bytes` are text (no NUL bytes, valid UTF-8) and returns them as a string.
pub fn text_from_bytes(path: &Path, line: Option<u64>, bytes: Vec<u8>) -> Result<String> {
    let fail = |message: String| Error::at(path, line, message);
    if memchr::memchr(0, &bytes).is_some() {
        return Err(fail("binary data (NUL bytes), not text".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not valid UTF-8 (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_skips_overlong_ones_in_bounded_memory() {
        let data = format!("short\r\n{}\nlast", "x".repeat(100));
        let mut r = io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"short");
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::TooLong);
        assert!(buf.capacity() <= 64);
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Eof);
    }

    #[test]
    fn rejects_binary_and_invalid_utf8() {
        let p = Path::new("x.txt");
        assert!(text_from_bytes(p, None, b"a\0b".to_vec()).is_err());
        let e = text_from_bytes(p, Some(3), vec![b'a', 0xff]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt:3: not valid UTF-8 (bad byte at offset 1)"
        );
    }
}
