//! A streaming `multipart/form-data` encoder for uploads: a JSON `request` part and an
//! optional file part whose bytes stream from the [`Content`].
//!
//! Written here rather than taken from a crate: the multipart crates that stream a body
//! (`common-multipart-rfc7578`, `multipart-stream`) send it without a length, while the
//! service wants a `Content-Length` on uploads. With the file's length known up front,
//! the whole body's length is exact, so the upload is sent with `Content-Length`, and the
//! format needed (two parts, no nesting) is a few lines of RFC 7578.

use bytes::Bytes;
use futures::stream::{self, StreamExt, TryStreamExt};
use http::HeaderValue;
use http_body::Frame;
use http_body_util::StreamBody;
use oc_core::{Body, InvalidInput};

use crate::content::Content;

/// The file part of a form.
#[derive(Debug)]
pub(crate) struct FilePart<'a> {
    /// The part name (`fileContent`).
    pub name: &'static str,
    /// The content.
    pub content: &'a Content,
    /// Its content type.
    pub content_type: String,
}

/// An encoded form: its body, its `Content-Type` (with the boundary) and its length.
#[derive(Debug)]
pub(crate) struct Form {
    /// The body, replayable unless the content is a one-shot stream.
    pub body: Body,
    /// `multipart/form-data; boundary=…`.
    pub content_type: HeaderValue,
    /// The exact body length.
    pub len: u64,
}

/// Encodes a form with the JSON `request` part and an optional file part.
pub(crate) fn encode(request: &[u8], file: Option<FilePart<'_>>) -> Result<Form, InvalidInput> {
    let boundary = format!("oc-boundary-{:032x}", fastrand::u128(..));
    let mut head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"request\"\r\n\
         Content-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    head.extend_from_slice(request);
    head.extend_from_slice(b"\r\n");
    let content_type = HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        .map_err(|_| InvalidInput::new("content_type", "the boundary is not a header value"))?;
    let Some(file) = file else {
        head.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let len = head.len() as u64;
        return Ok(Form {
            body: Body::full(head),
            content_type,
            len,
        });
    };
    let file_name = file
        .content
        .name()
        .map(escape)
        .unwrap_or_else(|| "file".to_owned());
    head.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{file_name}\"\r\n\
             Content-Type: {}\r\n\r\n",
            file.name, file.content_type
        )
        .as_bytes(),
    );
    let head = Bytes::from(head);
    let tail = Bytes::from(format!("\r\n--{boundary}--\r\n"));
    let len = head.len() as u64 + file.content.len() + tail.len() as u64;
    let body = if file.content.is_replayable() {
        replayable_frames(head, file.content.clone(), tail)
    } else {
        // A one-shot stream: taken now, so a second request from it fails before sending.
        let chunks = file.content.chunks()?;
        frames(head, chunks, tail)
    };
    Ok(Form {
        body,
        content_type,
        len,
    })
}

/// `head`, then the bytes of a content that can be read again (a file or bytes), then
/// `tail`: a body the retry layer can send again, reading the content afresh each time.
pub(crate) fn replayable_frames(head: Bytes, content: Content, tail: Bytes) -> Body {
    Body::replayable(move || match content.chunks() {
        Ok(chunks) => frames(head.clone(), chunks, tail.clone()),
        // Files and bytes always give a stream; kept total all the same, with the
        // refusal as the body's error.
        Err(e) => Body::stream(StreamBody::new(stream::once(async move {
            Err::<Frame<Bytes>, _>(std::io::Error::other(e))
        }))),
    })
}

/// `head`, then the content's chunks, then `tail`, as body frames.
pub(crate) fn frames(
    head: Bytes,
    chunks: futures::stream::BoxStream<'static, Result<Bytes, std::io::Error>>,
    tail: Bytes,
) -> Body {
    let all = stream::iter([Ok(head)])
        .chain(chunks)
        .chain(stream::iter([Ok(tail)]))
        .try_filter(|chunk| futures::future::ready(!chunk.is_empty()))
        .map_ok(Frame::data);
    Body::stream(StreamBody::new(all))
}

/// A file name inside a quoted header parameter, escaped as browsers do (WHATWG HTML:
/// `"` as `%22`, CR as `%0D`, LF as `%0A`).
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn forms_have_the_declared_length_and_both_parts() -> Result<(), oc_core::BoxError> {
        let content = Content::bytes("PNGDATA").file_name("a\"b.png");
        let form = encode(
            br#"{"x":1}"#,
            Some(FilePart {
                name: "fileContent",
                content: &content,
                content_type: "image/png".into(),
            }),
        )?;
        let again = form.body.try_clone().ok_or("bytes content must replay")?;
        let bytes = form.body.collect().await?.to_bytes();
        assert_eq!(bytes.len() as u64, form.len);
        assert_eq!(again.collect().await?.to_bytes(), bytes);
        let text = String::from_utf8_lossy(&bytes);
        let content_type = form.content_type.to_str()?;
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .ok_or("no boundary")?;
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text
            .contains("name=\"request\"\r\nContent-Type: application/json\r\n\r\n{\"x\":1}\r\n"));
        assert!(text.contains("name=\"fileContent\"; filename=\"a%22b.png\"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));

        let meta_only = encode(b"{}", None)?;
        let bytes = meta_only.body.collect().await?.to_bytes();
        assert_eq!(bytes.len() as u64, meta_only.len);
        assert!(!String::from_utf8_lossy(&bytes).contains("fileContent"));
        Ok(())
    }
}
