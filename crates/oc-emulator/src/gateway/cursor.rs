//! Opaque page cursors in the style of the real service: base64 of a small JSON document,
//! e.g. `eyJ2ZXJzaW9uIjoxLCJjdXJzb3IiOiIzIyJ9` = `{"version":1,"cursor":"3#"}` (the
//! format is inferred from captured responses; clients treat it as opaque). The emulator's `cursor` is the position to continue after.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CursorDocument {
    version: u32,
    cursor: String,
}

/// The cursor that continues after `position`.
pub(crate) fn encode(position: &str) -> String {
    let document = CursorDocument {
        version: 1,
        cursor: position.to_owned(),
    };
    STANDARD.encode(serde_json::to_vec(&document).unwrap_or_default())
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
        assert_eq!(decode("eyJ2ZXJzaW9uIjoyLCJjdXJzb3IiOiIifQ=="), None);
    }
}
