//! Roblox Open Cloud data stores: standard and ordered data stores.

#![forbid(unsafe_code)]
