//! A whole request (route matching, path parameters, query string, credentials, the
//! route's handler) must not panic: the input is a request as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_emulator::fuzzing::routes(data);
});
