//! The multipart upload reader and the place file reader must not panic, however the
//! body is cut: the first byte picks the route, the second the chunking, the rest is
//! headers and body.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_emulator::fuzzing::multipart(data);
});
