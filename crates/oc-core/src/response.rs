//! Reading success answers: JSON bodies and RFC 3339 timestamps.

use bytes::Bytes;
use serde::de::DeserializeOwned;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};

/// Parses a success answer's body as JSON; a body of another shape is
/// [`Error::Decode`] (with the parser's error as its source).
pub fn json<T: DeserializeOwned>(response: &http::Response<Bytes>) -> Result<T> {
    serde_json::from_slice(response.body()).map_err(|e| {
        Error::decode(
            format!("the {} answer is not the expected JSON", response.status()),
            Some(Box::new(e) as _),
        )
    })
}

/// Parses an RFC 3339 timestamp (`2023-12-30T16:24:24.2118874Z`), the form every Open
/// Cloud API uses. Times are [`OffsetDateTime`]s throughout the client.
pub fn timestamp(field: &str, text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|e| {
        Error::decode(
            format!("{field} is not an RFC 3339 time: {text:?}"),
            Some(Box::new(e) as _),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_every_precision_parse() -> Result<()> {
        let seven = timestamp("t", "2023-12-30T16:24:24.2118874Z")?;
        assert_eq!(seven.unix_timestamp(), 1_703_953_464);
        assert_eq!(seven.nanosecond(), 211_887_400);
        timestamp("t", "2024-01-01T00:00:00Z")?;
        timestamp("t", "2024-01-01T00:00:00.123+02:00")?;
        assert!(timestamp("t", "yesterday").is_err());
        Ok(())
    }
}
