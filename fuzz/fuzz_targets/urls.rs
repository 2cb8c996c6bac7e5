//! The `urls` property of `graph_model_tests::fuzz`, driven by libFuzzer.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| graph_model_tests::fuzz::urls(data));
