//! The service refusing an asset: [`AssetRefused`] with its [`RefusalKind`], the typed
//! detail of an [`oc_core::Error::Area`] reached with `error.detail::<AssetRefused>()`.

use http::StatusCode;
use oc_core::{AreaError, Error};

/// The API area of this crate, as errors and tracing name it.
pub(crate) const AREA: &str = "assets";

/// Why the service refused an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefusalKind {
    /// The file is invalid or corrupt, or not of its content type (the service answers
    /// `"InvalidImage"` and the like).
    InvalidFile,
    /// The display name was refused by moderation.
    ModeratedName,
    /// The description was refused by moderation.
    ModeratedDescription,
    /// The upload costs more than the expected price that was sent.
    PriceTooLow,
    /// The asset is archived: updates and rollbacks wait until it is restored (a 400
    /// whose message says "archived"; the service's wording is not documented).
    Archived,
}

/// The service refused an upload or update, in its answer (a 400) or in the finished
/// operation. The service's answer, when it came as an HTTP error, stays available with
/// [`oc_core::Error::api_error`]. A refused upload was not applied.
///
/// ```
/// # fn handle(error: oc_core::Error) {
/// use oc_assets::{AssetRefused, RefusalKind};
/// if let Some(refused) = error.detail::<AssetRefused>() {
///     if refused.kind == RefusalKind::ModeratedName {
///         eprintln!("pick another name: {}", refused.message);
///     }
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", describe(*kind))]
#[non_exhaustive]
pub struct AssetRefused {
    /// Why.
    pub kind: RefusalKind,
    /// The service's message.
    pub message: String,
}

fn describe(kind: RefusalKind) -> &'static str {
    match kind {
        RefusalKind::InvalidFile => "the file is invalid or corrupt",
        RefusalKind::ModeratedName => "the name was moderated",
        RefusalKind::ModeratedDescription => "the description was moderated",
        RefusalKind::PriceTooLow => "the expected price is below the real price",
        RefusalKind::Archived => "the asset is archived",
    }
}

impl AssetRefused {
    /// Reads a refusal message, if it is one. The known messages are `"InvalidImage"`
    /// (quotes included), `AssetName is moderated.` and `AssetDescription is moderated.`;
    /// the price message is not documented, so any message about the price is taken as
    /// one.
    pub(crate) fn from_message(message: &str) -> Option<AssetRefused> {
        let bare = message.trim().trim_matches('"');
        let kind = if message.contains("AssetName is moderated") {
            RefusalKind::ModeratedName
        } else if message.contains("AssetDescription is moderated") {
            RefusalKind::ModeratedDescription
        } else if bare.starts_with("Invalid") && !bare.contains(char::is_whitespace) {
            RefusalKind::InvalidFile
        } else if message.to_ascii_lowercase().contains("archived") {
            RefusalKind::Archived
        } else if message.to_ascii_lowercase().contains("price") {
            RefusalKind::PriceTooLow
        } else {
            return None;
        };
        Some(AssetRefused {
            kind,
            message: message.to_owned(),
        })
    }
}

/// Refines a failed upload or update: a 400 whose message is a known refusal becomes an
/// [`AssetRefused`] area error keeping the service's answer; anything else is kept as is.
pub(crate) fn refine(error: Error) -> Error {
    match error {
        Error::Api(api) if api.status() == StatusCode::BAD_REQUEST => {
            match AssetRefused::from_message(api.message().unwrap_or_default()) {
                Some(refused) => AreaError::new(AREA, refused).with_api(*api).into(),
                None => Error::Api(api),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;
    use oc_core::ApiError;

    fn bad_request(message: &str) -> Error {
        let body = serde_json::json!({ "code": 400, "message": message }).to_string();
        Error::from_api(ApiError::from_parts(
            StatusCode::BAD_REQUEST,
            HeaderMap::new(),
            Bytes::from(body),
        ))
    }

    fn kind(error: &Error) -> Option<RefusalKind> {
        error.detail::<AssetRefused>().map(|r| r.kind)
    }

    #[test]
    fn refusals_get_their_kind_with_the_message_and_the_answer() {
        let invalid = refine(bad_request("\"InvalidImage\""));
        let refused = invalid.detail::<AssetRefused>();
        assert_eq!(refused.map(|r| r.kind), Some(RefusalKind::InvalidFile));
        assert_eq!(
            refused.map(|r| r.message.as_str()),
            Some("\"InvalidImage\"")
        );
        assert_eq!(invalid.status(), Some(StatusCode::BAD_REQUEST));
        assert!(!invalid.may_have_been_applied());
        assert_eq!(
            kind(&refine(bad_request("AssetName is moderated."))),
            Some(RefusalKind::ModeratedName)
        );
        assert_eq!(
            kind(&refine(bad_request("AssetDescription is moderated."))),
            Some(RefusalKind::ModeratedDescription)
        );
        assert_eq!(
            kind(&refine(bad_request(
                "Expected price 0 is lower than the actual price 10."
            ))),
            Some(RefusalKind::PriceTooLow)
        );
        assert_eq!(
            kind(&refine(bad_request(
                "Invalid argument. The asset is archived; restore it first."
            ))),
            Some(RefusalKind::Archived)
        );
        let other = refine(bad_request(
            "Invalid argument. Failed to parse the request or the file.",
        ));
        assert!(matches!(other, Error::Api(_)), "{other:?}");
        let not_found = refine(Error::from_api(ApiError::from_parts(
            StatusCode::NOT_FOUND,
            HeaderMap::new(),
            Bytes::from_static(br#"{"message":"AssetName is moderated."}"#),
        )));
        assert!(not_found.is_not_found() && kind(&not_found).is_none());
    }
}
