//! The OAuth 2.0 routes' form parse must not panic: the first byte picks the route, the
//! rest is headers and body.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_emulator::fuzzing::oauth2_form(data);
});
