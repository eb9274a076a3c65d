//! `GET /cloud/v2/universes/{u}/places/{p}/instances/{instance_id}`
//! (<https://create.roblox.com/docs/cloud/reference/Instance#Cloud_GetInstance>): an
//! operation whose response is the [`Instance`].

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::v2::{Operation, PollConfig};
use oc_core::{request, Body, Client, Endpoint, EndpointFuture, Error};

use super::Instance;
use crate::handles::InstanceHandle;

impl InstanceHandle {
    /// Reads the instance: `.await` it for the [`Operation`] (often done at once) to
    /// [`wait`](Operation::wait) on, or call [`GetInstance::wait`] for the instance.
    ///
    /// A result over 500,000 bytes ends the operation with the error code 422.
    pub fn get(&self) -> GetInstance {
        GetInstance {
            instance: self.clone(),
            poll: PollConfig::default(),
        }
    }
}

/// A read of an instance; `.await` it for its [`Operation`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetInstance {
    instance: InstanceHandle,
    poll: PollConfig,
}

impl GetInstance {
    /// How the operation is polled when waited on (default: at once, then after 1 s,
    /// doubling up to 30 s).
    pub fn poll_config(mut self, config: PollConfig) -> Self {
        self.poll = config;
        self
    }

    /// Sends the read and waits for the instance, polling the operation for at most
    /// `timeout`.
    pub fn wait(self, timeout: Duration) -> EndpointFuture<'static, Instance> {
        EndpointFuture::from_future(async move {
            let operation = self.client().execute(&self).await?;
            operation.wait(timeout).await
        })
    }
}

impl Endpoint for GetInstance {
    type Output = Operation<Instance>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_instance";

    fn client(&self) -> &Client {
        self.instance.place.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::GET, &self.instance.path()?, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Operation<Instance>, Error> {
        Ok(Operation::from_answer(self.client(), &answer)?.poll_config(self.poll))
    }
}

oc_core::endpoint_future!(static GetInstance);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceUniversesExt;
    use oc_core::offline;
    use oc_core::v2::OperationFailed;

    fn client() -> Result<Client, Error> {
        Client::builder().api_key("k").build()
    }

    #[test]
    fn the_read_answers_an_operation_done_or_running() -> Result<(), Error> {
        let get = client()?.experience(1).place(2).root_instance().get();
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/1/places/2/instances/root"
        );

        let done = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/5795192361/places/16866553538/instances/root/operations/2ae28479-2d4f-4725-99e6-123cb44b5193","done":true,
            "response":{"@type":"type.googleapis.com/roblox.open_cloud.cloud.v2.Instance","path":"universes/5795192361/places/16866553538/instances/78c032f0-6e1a-1015-0691-6a1600000001",
            "hasChildren":true,"engineInstance":{"Id":"78c032f0-6e1a-1015-0691-6a1600000001","Parent":"","Name":"Game","Details":{}}}}"#,
        )?;
        assert_eq!(done.output().map(|i| i.name.as_str()), Some("Game"));
        assert_eq!(done.id(), "2ae28479-2d4f-4725-99e6-123cb44b5193");

        let running = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/1/places/2/instances/root/operations/abc","done":false}"#,
        )?;
        assert!(!running.is_done());
        let poll = offline::request(&running.get())?;
        assert_eq!(
            poll.uri(),
            "/cloud/v2/universes/1/places/2/instances/root/operations/abc"
        );
        let polled = offline::respond(
            &running.get(),
            200,
            &[],
            r#"{"done":true,"response":{"path":"universes/1/places/2/instances/aa","engineInstance":{"Id":"aa","Name":"S","Details":{"ModuleScript":{"Source":"return 1"}}}}}"#,
        )?;
        assert_eq!(polled.as_ref().and_then(Instance::source), Some("return 1"));

        let too_big = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/1/places/2/instances/root/operations/x","done":true,"error":{"code":422,"message":"too large"}}"#,
        );
        let error = too_big.err();
        assert_eq!(
            error
                .as_ref()
                .and_then(|e| e.detail::<OperationFailed>())
                .map(|f| f.code),
            Some(422)
        );
        Ok(())
    }

    #[test]
    fn instance_ids_are_checked_before_sending() -> Result<(), Error> {
        let place = client()?.experience(1).place(2);
        for bad in ["", "ROOT", "../x", "a/b", "44b188da"] {
            match offline::request(&place.instance(bad).get()) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "instance_id"),
                other => panic!("expected invalid instance_id for {bad:?}, got {other:?}"),
            }
        }
        let request =
            offline::request(&place.instance("44b188da-ce63-2b47-02e9-c68d004815fc").get())?;
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/1/places/2/instances/44b188da-ce63-2b47-02e9-c68d004815fc"
        );
        Ok(())
    }
}
