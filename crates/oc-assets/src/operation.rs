//! The long-running operation of an upload or update: an [`oc_core::v2::Operation`] whose
//! output is the [`Asset`], polled at `GET /assets/v1/operations/{operationId}`
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>).

use oc_core::v2::{Operation, OperationFailed, OperationOutput};
use oc_core::{AreaError, Client, Error};

use crate::asset::Asset;
use crate::refusal::{AssetRefused, AREA};

/// The outcome of an upload or update: done with its [`Asset`] (see
/// [`Operation::output`]), or running, to [`get`](Operation::get) once or to
/// [`wait`](Operation::wait) on.
pub type AssetOperation = Operation<Asset>;

impl OperationOutput for Asset {
    const AREA: &'static str = AREA;

    /// Assets name operations `operations/{id}`, relative to `/assets/v1/`.
    fn poll_path(operation_path: &str) -> Result<String, Error> {
        oc_core::v2::operation::checked_path(operation_path)?;
        Ok(format!(
            "/assets/v1/{}",
            operation_path.trim_start_matches('/')
        ))
    }

    /// A known refusal (invalid file, moderated name, …) is an [`AssetRefused`]; any
    /// other failure stays an [`OperationFailed`].
    fn failed(failure: OperationFailed) -> Error {
        match AssetRefused::from_message(&failure.message) {
            Some(refused) => AreaError::new(AREA, refused).into(),
            None => AreaError::new(AREA, failure).into(),
        }
    }
}

/// A handle on the operation `operation_id` of an earlier upload or update.
pub fn asset_operation(client: Client, operation_id: &str) -> AssetOperation {
    Operation::resume(client, format!("operations/{operation_id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::RefusalKind;
    use http::Method;
    use oc_core::{offline, Idempotency};

    fn client() -> Result<Client, Error> {
        Client::builder().api_key("k").build()
    }

    #[test]
    fn the_poll_request_goes_under_assets_and_refuses_escapes() -> Result<(), Error> {
        let pending = asset_operation(client()?, "a-b_c");
        let request = offline::request(&pending.get())?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/assets/v1/operations/a-b_c");
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        for id in ["", ".", "..", "a/../b", "a b", "a?x"] {
            let pending = asset_operation(client()?, id);
            assert!(
                matches!(
                    offline::request(&pending.get()),
                    Err(Error::InvalidInput(_))
                ),
                "{id:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn a_poll_parses_pending_done_and_failed_operations() -> Result<(), Error> {
        let pending = asset_operation(client()?, "abc");
        let fetch = pending.get();
        let waiting = r#"{"path":"operations/abc","done":false}"#;
        assert_eq!(offline::respond(&fetch, 200, &[], waiting)?, None);
        let done = r#"{"path":"operations/abc","done":true,"response":{"path":"assets/5","assetId":"5","assetType":"ASSET_TYPE_DECAL","revisionCreateTime":"2024-01-01T00:00:00Z"}}"#;
        let asset = offline::respond(&fetch, 200, &[], done)?;
        assert_eq!(asset.as_ref().map(|a| a.id), Some(5));
        assert_eq!(
            asset
                .and_then(|a| a.revision_time)
                .map(|t| t.unix_timestamp()),
            Some(1_704_067_200)
        );

        let moderated = r#"{"done":true,"error":{"code":3,"message":"AssetName is moderated."}}"#;
        let error = offline::respond(&fetch, 200, &[], moderated).err();
        let refused = error.as_ref().and_then(|e| e.detail::<AssetRefused>());
        assert_eq!(refused.map(|r| r.kind), Some(RefusalKind::ModeratedName));
        assert!(error.as_ref().is_some_and(|e| e.api_error().is_none()));
        assert!(error.is_some_and(|e| e.certainly_not_applied()));

        let failed = r#"{"done":true,"error":{"code":13,"message":"boom"}}"#;
        let error = offline::respond(&fetch, 200, &[], failed).err();
        let detail = error.as_ref().and_then(|e| e.detail::<OperationFailed>());
        assert_eq!(
            detail.map(|d| (d.code, d.message.as_str())),
            Some((13, "boom"))
        );

        let gone = offline::respond(&fetch, 404, &[], r#"{"code":5,"message":"nope"}"#);
        assert!(gone.is_err_and(|e| e.is_not_found()));
        let limited = offline::respond(&fetch, 429, &[("retry-after", "2")], "");
        assert!(
            matches!(&limited, Err(Error::RateLimited { retry_after: Some(d), .. }) if d.as_secs() == 2)
        );
        assert!(matches!(
            offline::respond(&fetch, 200, &[], r#"{"done":true}"#),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            offline::respond(&fetch, 200, &[], "not json"),
            Err(Error::Decode { .. })
        ));
        Ok(())
    }
}
