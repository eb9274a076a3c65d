//! Roblox Open Cloud assets and place publishing: streaming uploads and long-running operations.

#![forbid(unsafe_code)]
