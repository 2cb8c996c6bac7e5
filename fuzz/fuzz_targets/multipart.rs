//! The `multipart` property (`tests/src/fuzz_multipart.rs`), driven by libFuzzer.
#![no_main]

#[path = "../../tests/src/fuzz_multipart.rs"]
mod fuzz_multipart;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_multipart::multipart(data));
