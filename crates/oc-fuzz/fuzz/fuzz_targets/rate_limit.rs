//! The `Retry-After` and `x-ratelimit-*` reads must not panic on any header: the input
//! is an answer as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_fuzz::rate_limit(data);
});
