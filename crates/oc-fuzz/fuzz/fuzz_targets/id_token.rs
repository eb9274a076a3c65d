//! The id_token's header read and its claims checks must not panic: the input is a token
//! (or the claims JSON of one).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_fuzz::id_token(data);
});
