//! Roblox Open Cloud webhooks: signature verification, typed notifications and a tower service.

#![forbid(unsafe_code)]
