//! Roblox Open Cloud OAuth 2.0 and OpenID Connect: authorization, tokens and id_token verification.

#![forbid(unsafe_code)]
