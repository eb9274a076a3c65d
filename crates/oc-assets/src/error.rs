//! The errors of asset uploads and updates: the service's refusals that callers act on get
//! their own variants; everything else is an [`oc_core::Error`].

use http::StatusCode;
use oc_core::ApiError;

/// An asset upload, update or operation that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is invalid or corrupt, or not of its content type (the service answers
    /// `"InvalidImage"` and the like).
    #[error("the file is invalid or corrupt: {message}")]
    InvalidFile {
        /// The service's message.
        message: String,
        /// The answer, when it came as an HTTP error (not from an operation).
        api: Option<Box<ApiError>>,
    },
    /// The display name was refused by moderation.
    #[error("the name was moderated: {message}")]
    ModeratedName {
        /// The service's message.
        message: String,
        /// The answer, when it came as an HTTP error.
        api: Option<Box<ApiError>>,
    },
    /// The description was refused by moderation.
    #[error("the description was moderated: {message}")]
    ModeratedDescription {
        /// The service's message.
        message: String,
        /// The answer, when it came as an HTTP error.
        api: Option<Box<ApiError>>,
    },
    /// The upload costs more than the expected price that was sent.
    #[error("the expected price is below the real price: {message}")]
    PriceTooLow {
        /// The service's message.
        message: String,
        /// The answer, when it came as an HTTP error.
        api: Option<Box<ApiError>>,
    },
    /// The long-running operation ended with another error.
    #[error("the operation failed (code {code:?}): {message}")]
    OperationFailed {
        /// The operation's error code.
        code: Option<i64>,
        /// The operation's error message.
        message: String,
    },
    /// Any other failure: bad input, credentials, rate limits, transport, timeouts.
    #[error(transparent)]
    Core(#[from] oc_core::Error),
}

/// What a refusal message means.
enum Kind {
    InvalidFile,
    ModeratedName,
    ModeratedDescription,
    PriceTooLow,
}

/// Reads a refusal message. The known messages are `"InvalidImage"` (quotes included),
/// `AssetName is moderated.` and `AssetDescription is moderated.` (wire spec 5); the price
/// message is not documented, so any message about the price is taken as one.
fn kind_of(message: &str) -> Option<Kind> {
    let bare = message.trim().trim_matches('"');
    if message.contains("AssetName is moderated") {
        Some(Kind::ModeratedName)
    } else if message.contains("AssetDescription is moderated") {
        Some(Kind::ModeratedDescription)
    } else if bare.starts_with("Invalid") && !bare.contains(char::is_whitespace) {
        Some(Kind::InvalidFile)
    } else if message.to_ascii_lowercase().contains("price") {
        Some(Kind::PriceTooLow)
    } else {
        None
    }
}

fn build(kind: Kind, message: String, api: Option<Box<ApiError>>) -> Error {
    match kind {
        Kind::InvalidFile => Error::InvalidFile { message, api },
        Kind::ModeratedName => Error::ModeratedName { message, api },
        Kind::ModeratedDescription => Error::ModeratedDescription { message, api },
        Kind::PriceTooLow => Error::PriceTooLow { message, api },
    }
}

impl Error {
    /// Sorts a failed upload or update: a 400 with a known message becomes its variant.
    pub(crate) fn from_core(error: oc_core::Error) -> Error {
        let Some(api) = error.api_error() else {
            return Error::Core(error);
        };
        if api.status() != StatusCode::BAD_REQUEST {
            return Error::Core(error);
        }
        let message = api.message().unwrap_or_default().to_owned();
        match (kind_of(&message), error) {
            (Some(kind), oc_core::Error::Api(api)) => build(kind, message, Some(api)),
            (_, error) => Error::Core(error),
        }
    }

    /// The error of a finished operation.
    pub(crate) fn from_operation(code: Option<i64>, message: String) -> Error {
        match kind_of(&message) {
            Some(kind) => build(kind, message, None),
            None => Error::OperationFailed { code, message },
        }
    }

    /// The service's message, when there is one.
    pub fn message(&self) -> Option<&str> {
        match self {
            Error::InvalidFile { message, .. }
            | Error::ModeratedName { message, .. }
            | Error::ModeratedDescription { message, .. }
            | Error::PriceTooLow { message, .. }
            | Error::OperationFailed { message, .. } => Some(message),
            Error::Core(core) => core.api_error().and_then(ApiError::message),
        }
    }

    /// The underlying [`oc_core::Error`], for failures that are not the service refusing
    /// the asset.
    pub fn core(&self) -> Option<&oc_core::Error> {
        match self {
            Error::Core(core) => Some(core),
            _ => None,
        }
    }

    /// Whether the upload may have been applied although it failed (see
    /// [`oc_core::Error::may_have_been_applied`]); refusals were not applied.
    pub fn may_have_been_applied(&self) -> bool {
        self.core()
            .is_some_and(oc_core::Error::may_have_been_applied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;

    fn bad_request(message: &str) -> oc_core::Error {
        let body = serde_json::json!({ "code": 400, "message": message }).to_string();
        oc_core::Error::from_api(ApiError::from_parts(
            StatusCode::BAD_REQUEST,
            HeaderMap::new(),
            Bytes::from(body),
        ))
    }

    #[test]
    fn refusals_get_their_variants_with_the_message() {
        let invalid = Error::from_core(bad_request("\"InvalidImage\""));
        assert!(
            matches!(&invalid, Error::InvalidFile { message, api: Some(_) } if message == "\"InvalidImage\"")
        );
        assert!(matches!(
            Error::from_core(bad_request("AssetName is moderated.")),
            Error::ModeratedName { .. }
        ));
        assert!(matches!(
            Error::from_core(bad_request("AssetDescription is moderated.")),
            Error::ModeratedDescription { .. }
        ));
        assert!(matches!(
            Error::from_core(bad_request(
                "Expected price 0 is lower than the actual price 10."
            )),
            Error::PriceTooLow { .. }
        ));
        let other = Error::from_core(bad_request(
            "Invalid argument. Failed to parse the request or the file.",
        ));
        assert!(matches!(other, Error::Core(_)));
        assert!(!invalid.may_have_been_applied());
        assert!(matches!(
            Error::from_operation(Some(3), "boom".into()),
            Error::OperationFailed { code: Some(3), .. }
        ));
    }
}
