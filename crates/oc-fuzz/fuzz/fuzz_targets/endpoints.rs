//! Every area's parse of an answer (through `oc_core::offline::respond`) must not panic:
//! the first byte picks the endpoint, the rest is an answer as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_fuzz::endpoints(data);
});
