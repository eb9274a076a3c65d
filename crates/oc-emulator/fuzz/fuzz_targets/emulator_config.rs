//! The configuration file's parse, validation and seeding must not panic: the input is
//! a TOML file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oc_emulator::fuzzing::config(data);
});
