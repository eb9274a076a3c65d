//! Binary inputs: `POST /cloud/v2/universes/{u}/luau-execution-session-task-binary-inputs`
//! creates one and answers a pre-signed URL, to which the bytes are then uploaded
//! (<https://create.roblox.com/docs/cloud/reference/LuauExecutionSessionTaskBinaryInput>).

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use oc_core::request;
use oc_core::{
    response, Body, Client, Endpoint, EndpointFuture, Error, Experience, Idempotency, InvalidInput,
};
use serde::{Deserialize, Serialize};

use crate::failure::AREA;
use crate::path::{plain_id, positive};

/// The largest binary input, in bytes: 100 MiB.
pub const MAX_BINARY_INPUT_BYTES: u64 = 100 * 1024 * 1024;

/// The collection binary inputs live in.
const COLLECTION: &str = "luau-execution-session-task-binary-inputs";

/// A binary input: give it to tasks with [`CreateTask::binary_input`](crate::CreateTask::binary_input).
/// It is valid for 15 minutes after it was created.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BinaryInput {
    /// Its path, `universes/{u}/luau-execution-session-task-binary-inputs/{id}`.
    pub path: String,
    /// Its size, in bytes.
    pub size: u64,
    /// Where to upload the bytes (a pre-signed URL), as the create call answered it.
    pub upload_uri: Option<String>,
}

impl BinaryInput {
    /// Its id: the last segment of its path.
    pub fn id(&self) -> &str {
        oc_core::v2::ids::last_segment(&self.path)
    }
}

/// Fails unless `path` names a binary input of universe `universe_id`.
pub(crate) fn check_input_path(path: &str, universe_id: u64) -> Result<(), InvalidInput> {
    let invalid = |why: String| InvalidInput::new("binary_input", why);
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["universes", universe, collection, id] if *collection == COLLECTION => {
            if universe.parse::<u64>().ok() != Some(universe_id) {
                return Err(invalid(format!(
                    "{path:?} belongs to another universe than {universe_id}"
                )));
            }
            plain_id("binary_input", id)
        }
        _ => Err(invalid(format!(
            "{path:?} is not a binary input path (universes/{{u}}/{COLLECTION}/{{id}})"
        ))),
    }
}

/// Fails unless `size` is from 1 byte to [`MAX_BINARY_INPUT_BYTES`].
fn check_size(size: u64) -> Result<(), InvalidInput> {
    if size == 0 || size > MAX_BINARY_INPUT_BYTES {
        return Err(InvalidInput::new(
            "size",
            format!("is {size} bytes; it must be from 1 to {MAX_BINARY_INPUT_BYTES}"),
        ));
    }
    Ok(())
}

#[derive(Serialize)]
struct CreateBody {
    size: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireInput {
    #[serde(default)]
    path: String,
    #[serde(default, with = "oc_core::v2::ids::int64")]
    size: u64,
    #[serde(default)]
    upload_uri: Option<String>,
}

/// A binary input creation; `.await` it for the [`BinaryInput`] and its upload URL.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateBinaryInput {
    experience: Experience,
    size: u64,
}

impl CreateBinaryInput {
    pub(crate) fn new(experience: Experience, size: u64) -> Self {
        CreateBinaryInput { experience, size }
    }
}

impl Endpoint for CreateBinaryInput {
    type Output = BinaryInput;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "create_luau_binary_input";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let universe_id = self.experience.universe_id();
        positive("universe_id", universe_id)?;
        check_size(self.size)?;
        let path = format!(
            "{}/universes/{universe_id}/{COLLECTION}",
            oc_core::v2::PREFIX
        );
        request::json(Method::POST, &path, &CreateBody { size: self.size })
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<BinaryInput, Error> {
        let wire: WireInput = response::json(&answer)?;
        check_input_path(&wire.path, self.experience.universe_id()).map_err(|e| {
            Error::decode(
                format!("the binary input's path is not one: {:?}", wire.path),
                Some(Box::new(e) as _),
            )
        })?;
        Ok(BinaryInput {
            path: wire.path,
            size: if wire.size == 0 { self.size } else { wire.size },
            upload_uri: wire.upload_uri.filter(|u| !u.is_empty()),
        })
    }
}

oc_core::endpoint_future!(static CreateBinaryInput);

/// The upload of a binary input's bytes to its pre-signed URL: a `PUT` of the raw bytes.
/// The client's credentials go with it only when the URL has the client's own origin.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UploadBytes {
    client: Client,
    uri: String,
    bytes: Bytes,
}

impl UploadBytes {
    /// An upload of `bytes` to `input`'s upload URL.
    pub fn new(client: Client, input: &BinaryInput, bytes: Bytes) -> Result<Self, Error> {
        let uri = input
            .upload_uri
            .clone()
            .ok_or_else(|| InvalidInput::new("upload_uri", "the binary input has none"))?;
        Ok(UploadBytes { client, uri, bytes })
    }
}

impl Endpoint for UploadBytes {
    type Output = ();
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "upload_luau_binary_input";

    fn client(&self) -> &Client {
        &self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let uri: http::Uri = self
            .uri
            .parse()
            .map_err(|_| InvalidInput::new("upload_uri", format!("{:?} is not a URL", self.uri)))?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.authority().is_none() {
            return Err(InvalidInput::new(
                "upload_uri",
                format!("{:?} is not an absolute http(s) URL", self.uri),
            )
            .into());
        }
        check_size(self.bytes.len() as u64)?;
        let mut request = request::build(Method::PUT, &self.uri, Body::full(self.bytes.clone()))?;
        request.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        );
        Ok(request)
    }

    /// The same bytes to the same URL: repeating it is harmless.
    fn idempotency(&self) -> Idempotency {
        Idempotency::Idempotent
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(static UploadBytes);

/// A binary input's creation followed by the upload of its bytes; `.await` it for the
/// [`BinaryInput`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UploadBinaryInput {
    experience: Experience,
    bytes: Bytes,
}

impl UploadBinaryInput {
    pub(crate) fn new(experience: Experience, bytes: Bytes) -> Self {
        UploadBinaryInput { experience, bytes }
    }

    /// Creates the binary input, then uploads the bytes to the URL it answered. Nothing
    /// is sent when the bytes are empty or over [`MAX_BINARY_INPUT_BYTES`].
    pub fn send(self) -> EndpointFuture<'static, BinaryInput> {
        EndpointFuture::from_future(async move {
            let size = self.bytes.len() as u64;
            check_size(size)?;
            let input = CreateBinaryInput::new(self.experience.clone(), size).await?;
            UploadBytes::new(self.experience.client().clone(), &input, self.bytes)?.await?;
            Ok(input)
        })
    }
}

oc_core::endpoint_future!(call static UploadBinaryInput => send -> BinaryInput);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceLuauExt;
    use oc_core::offline;

    fn experience() -> Result<Experience, Error> {
        Ok(Client::builder().api_key("k").build()?.experience(5))
    }

    #[test]
    fn creates_and_uploads_as_documented() -> Result<(), Error> {
        let create = experience()?.create_luau_binary_input(10);
        let request = offline::request(&create)?;
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/5/luau-execution-session-task-binary-inputs"
        );
        assert_eq!(request.body().as_bytes(), Some(&br#"{"size":10}"#[..]));
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let input = offline::respond(
            &create,
            200,
            &[],
            r#"{"path":"universes/5/luau-execution-session-task-binary-inputs/abc","size":"10","uploadUri":"https://up.example/x?sig=1"}"#,
        )?;
        assert_eq!(input.id(), "abc");
        assert_eq!(input.size, 10);
        let upload = UploadBytes::new(
            experience()?.client().clone(),
            &input,
            Bytes::from_static(b"0123456789"),
        )?;
        let put = offline::request(&upload)?;
        assert_eq!(put.method(), Method::PUT);
        assert_eq!(put.uri(), "https://up.example/x?sig=1");
        assert_eq!(put.body().as_bytes(), Some(&b"0123456789"[..]));
        assert!(offline::respond(
            &create,
            200,
            &[],
            r#"{"path":"universes/6/luau-execution-session-task-binary-inputs/abc","size":10}"#,
        )
        .is_err());
        Ok(())
    }

    #[test]
    fn sizes_and_paths_are_checked() -> Result<(), Error> {
        for size in [0, MAX_BINARY_INPUT_BYTES + 1] {
            match offline::request(&experience()?.create_luau_binary_input(size)) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "size"),
                other => panic!("{size}: {other:?}"),
            }
        }
        offline::request(&experience()?.create_luau_binary_input(MAX_BINARY_INPUT_BYTES))?;
        assert!(
            check_input_path("universes/5/luau-execution-session-task-binary-inputs/a", 5).is_ok()
        );
        for bad in [
            "universes/5/luau-execution-session-task-binary-inputs/..",
            "universes/5/luau-execution-session-task-binary-inputs/a/b",
            "universes/5/other/a",
            "",
        ] {
            assert!(check_input_path(bad, 5).is_err(), "{bad:?}");
        }
        Ok(())
    }
}
