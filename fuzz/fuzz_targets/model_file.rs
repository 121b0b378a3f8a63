//! Model-file loading: arbitrary bytes are refused with a message, never a panic or a huge
//! allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = classify::model_file::from_bytes(data);
    // A valid header with an arbitrary payload exercises the decoder itself.
    let mut bytes = classify::model_file::MAGIC.to_vec();
    bytes.extend_from_slice(&classify::model_file::FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(data.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    bytes.extend_from_slice(data);
    let _ = classify::model_file::from_bytes(&bytes);
});
