//! The parse of a failed answer (`ApiError::from_parts`, `Error::from_api`) must not
//! panic on any status, headers or body: the input is an answer as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_fuzz::api_error(data);
});
