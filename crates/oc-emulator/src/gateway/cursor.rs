//! Opaque page cursors in the style of the real service: base64 of a small JSON document,
//! e.g. `eyJ2ZXJzaW9uIjoxLCJjdXJzb3IiOiIzIyJ9` = `{"version":1,"cursor":"3#"}` (the
//! format is inferred from captured responses; clients treat it as opaque). The emulator's `cursor`
//! is the position to continue after.

use std::sync::atomic::{AtomicU64, Ordering};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CursorDocument {
    version: u32,
    cursor: String,
    /// Makes a cursor unique (the `empty_pages` fault); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
}

/// The cursor that continues after `position`.
pub(crate) fn encode(position: &str) -> String {
    encode_document(&CursorDocument {
        version: 1,
        cursor: position.to_owned(),
        n: None,
    })
}

/// A cursor that continues after `position` but that no other call returns: the
/// `empty_pages` fault hands out a new one with every empty page.
pub(crate) fn encode_fresh(position: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    encode_document(&CursorDocument {
        version: 1,
        cursor: position.to_owned(),
        n: Some(NEXT.fetch_add(1, Ordering::Relaxed)),
    })
}

fn encode_document(document: &CursorDocument) -> String {
    STANDARD.encode(serde_json::to_vec(document).unwrap_or_default())
}

/// The position a cursor continues after, or `None` when it is not one of ours.
pub(crate) fn decode(cursor: &str) -> Option<String> {
    // A client that forgot to percent-encode `+` sends it as a space.
    let cursor = cursor.trim().replace(' ', "+");
    let bytes = STANDARD.decode(cursor).ok()?;
    let document: CursorDocument = serde_json::from_slice(&bytes).ok()?;
    (document.version == 1).then_some(document.cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        assert_eq!(decode(&encode("coins")), Some("coins".into()));
        assert_eq!(decode(&encode("")), Some(String::new()));
        assert_eq!(encode("3#"), "eyJ2ZXJzaW9uIjoxLCJjdXJzb3IiOiIzIyJ9");
        assert_eq!(decode("not a cursor"), None);
        let (a, b) = (encode_fresh("k"), encode_fresh("k"));
        assert_ne!(a, b);
        assert_eq!(decode(&a), Some("k".into()));
        assert_eq!(decode("eyJ2ZXJzaW9uIjoyLCJjdXJzb3IiOiIifQ=="), None);
    }
}
