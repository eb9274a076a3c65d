//! The `roblox-signature` parser, the verifier and the notification parser must not
//! panic on any input: the first line is the header, the rest the body.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_webhook::fuzzing::fuzz_body(data);
});
