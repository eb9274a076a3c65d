//! One module per command group, each a thin layer over the library's calls.

pub mod assets;
pub mod datastore;
pub mod datastore_v2;
pub mod entry_args;
pub mod instance;
pub mod luau;
pub mod memory_store;
pub mod messaging;
pub mod oauth2;
pub mod ordered;
pub mod people;
pub mod universe;
pub mod user_restriction;
pub mod webhook;
