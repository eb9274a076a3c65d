//! `PATCH /cloud/v2/universes/{u}/places/{p}/instances/{instance_id}?updateMask=…`
//! (<https://create.roblox.com/docs/cloud/reference/Instance#Cloud_UpdateInstance>): an
//! operation whose response is the updated [`Instance`].
//!
//! The body is a partial instance, `{"engineInstance":{"Details":{"Script":{"Source":…}}}}`,
//! and the mask names each field set (`engineInstance.Details.Script.Source`). A script
//! open in Studio, or inside a package, cannot be updated: the operation then fails.

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::{Operation, Patch, PollConfig};
use oc_core::{Body, Client, Endpoint, EndpointFuture, Error, InvalidInput};

use super::{Instance, RunContext};
use crate::handles::InstanceHandle;
use crate::ids;

/// The largest script source the service takes, in bytes of UTF-8.
pub const MAX_SOURCE_BYTES: usize = 200_000;

impl InstanceHandle {
    /// Updates the instance: only the fields set on the builder are named in the
    /// `updateMask`. `.await` it for the [`Operation`], or call [`UpdateInstance::wait`]
    /// for the updated instance. Set the fields of the instance's own class: the details
    /// of another class are refused.
    pub fn update(&self) -> UpdateInstance {
        UpdateInstance {
            instance: self.clone(),
            patch: Patch::new(),
            invalid: None,
            poll: PollConfig::default(),
        }
    }
}

/// An update of an instance; set fields, then `.await` it for its [`Operation`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateInstance {
    instance: InstanceHandle,
    patch: Patch,
    invalid: Option<InvalidInput>,
    poll: PollConfig,
}

impl UpdateInstance {
    fn refuse(&mut self, invalid: InvalidInput) {
        self.invalid.get_or_insert(invalid);
    }

    fn source(mut self, class: &str, source: String) -> Self {
        if source.len() > MAX_SOURCE_BYTES {
            self.refuse(InvalidInput::new(
                "source",
                format!(
                    "is {} bytes of UTF-8; the limit is {MAX_SOURCE_BYTES}",
                    source.len()
                ),
            ));
        }
        self.patch
            .set(&format!("engineInstance.Details.{class}.Source"), source);
        self
    }

    fn enabled(mut self, class: &str, enabled: bool) -> Self {
        self.patch
            .set(&format!("engineInstance.Details.{class}.Enabled"), enabled);
        self
    }

    fn run_context(mut self, class: &str, context: RunContext) -> Self {
        if context == RunContext::Unknown {
            self.refuse(InvalidInput::new(
                "run_context",
                "must be a known run context",
            ));
        }
        self.patch.set(
            &format!("engineInstance.Details.{class}.RunContext"),
            context.as_str(),
        );
        self
    }

    /// Renames the instance (`engineInstance.Name`). While the API is in beta only a
    /// script's details are documented as writable, so the service may ignore it.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.patch.set("engineInstance.Name", name.into());
        self
    }

    /// Moves the instance under another (`engineInstance.Parent`; `parent_id` is a
    /// lower-case hexadecimal id). While the API is in beta only a script's details are
    /// documented as writable, so the service may ignore it.
    pub fn parent(mut self, parent_id: impl Into<String>) -> Self {
        let parent_id = parent_id.into();
        if let Err(invalid) = ids::instance_id("parent", &parent_id) {
            self.refuse(invalid);
        }
        self.patch.set("engineInstance.Parent", parent_id);
        self
    }

    /// Sets a `Script`'s source (at most 200,000 bytes of UTF-8).
    pub fn script_source(self, source: impl Into<String>) -> Self {
        self.source("Script", source.into())
    }

    /// Turns a `Script` on or off.
    pub fn script_enabled(self, enabled: bool) -> Self {
        self.enabled("Script", enabled)
    }

    /// Sets where a `Script` runs.
    pub fn script_run_context(self, context: RunContext) -> Self {
        self.run_context("Script", context)
    }

    /// Sets a `LocalScript`'s source (at most 200,000 bytes of UTF-8).
    pub fn local_script_source(self, source: impl Into<String>) -> Self {
        self.source("LocalScript", source.into())
    }

    /// Turns a `LocalScript` on or off.
    pub fn local_script_enabled(self, enabled: bool) -> Self {
        self.enabled("LocalScript", enabled)
    }

    /// Sets where a `LocalScript` runs.
    pub fn local_script_run_context(self, context: RunContext) -> Self {
        self.run_context("LocalScript", context)
    }

    /// Sets a `ModuleScript`'s source (at most 200,000 bytes of UTF-8).
    pub fn module_script_source(self, source: impl Into<String>) -> Self {
        self.source("ModuleScript", source.into())
    }

    /// The fields named so far and their values.
    pub fn patch(&self) -> &Patch {
        &self.patch
    }

    /// How the operation is polled when waited on (default: at once, then after 1 s,
    /// doubling up to 30 s).
    pub fn poll_config(mut self, config: PollConfig) -> Self {
        self.poll = config;
        self
    }

    /// Sends the update and waits for the updated instance, polling the operation for at
    /// most `timeout`.
    pub fn wait(self, timeout: Duration) -> EndpointFuture<'static, Instance> {
        EndpointFuture::from_future(async move {
            let operation = self.client().execute(&self).await?;
            operation.wait(timeout).await
        })
    }
}

impl Endpoint for UpdateInstance {
    type Output = Operation<Instance>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "update_instance";

    fn client(&self) -> &Client {
        self.instance.place.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.instance.path()?;
        if let Some(invalid) = &self.invalid {
            return Err(invalid.clone().into());
        }
        if self.patch.is_empty() {
            return Err(InvalidInput::new("update", "sets no field").into());
        }
        let path = self.patch.query(Query::new()).with_path(&path);
        request::json(Method::PATCH, &path, self.patch.body())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Operation<Instance>, Error> {
        Ok(Operation::from_answer(self.client(), &answer)?.poll_config(self.poll))
    }
}

oc_core::endpoint_future!(static UpdateInstance);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceUniversesExt;
    use oc_core::offline;
    use serde_json::{json, Value};

    const SCRIPT: &str = "44b188da-ce63-2b47-02e9-c68d004815fc";

    fn instance() -> Result<InstanceHandle, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(1)
            .place(2)
            .instance(SCRIPT))
    }

    fn body(request: &http::Request<Body>) -> Value {
        serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or_default()
    }

    #[test]
    fn a_source_update_names_exactly_its_field() -> Result<(), Error> {
        let update = instance()?.update().script_source("print('hi')");
        let request = offline::request(&update)?;
        assert_eq!(request.method(), Method::PATCH);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/1/places/2/instances/44b188da-ce63-2b47-02e9-c68d004815fc\
             ?updateMask=engineInstance.Details.Script.Source"
        );
        assert_eq!(
            body(&request),
            json!({"engineInstance": {"Details": {"Script": {"Source": "print('hi')"}}}})
        );
        let every = instance()?
            .update()
            .name("Main")
            .parent("0123456789abcdef0123456789abcdef")
            .local_script_source("x")
            .local_script_enabled(false)
            .local_script_run_context(RunContext::Client);
        let request = offline::request(&every)?;
        assert_eq!(
            request.uri().query(),
            Some(
                "updateMask=engineInstance.Name%2CengineInstance.Parent\
                 %2CengineInstance.Details.LocalScript.Source\
                 %2CengineInstance.Details.LocalScript.Enabled\
                 %2CengineInstance.Details.LocalScript.RunContext"
            )
        );
        assert_eq!(
            body(&request),
            json!({"engineInstance": {"Name": "Main", "Parent": "0123456789abcdef0123456789abcdef",
                   "Details": {"LocalScript": {"Source": "x", "Enabled": false, "RunContext": "Client"}}}})
        );
        let module = instance()?.update().module_script_source("return 1");
        assert_eq!(
            body(&offline::request(&module)?),
            json!({"engineInstance": {"Details": {"ModuleScript": {"Source": "return 1"}}}})
        );
        let script = instance()?
            .update()
            .script_enabled(true)
            .script_run_context(RunContext::Server);
        assert_eq!(
            body(&offline::request(&script)?),
            json!({"engineInstance": {"Details": {"Script": {"Enabled": true, "RunContext": "Server"}}}})
        );
        Ok(())
    }

    #[test]
    fn the_answer_is_an_operation_with_the_updated_instance() -> Result<(), Error> {
        let update = instance()?.update().script_source("print(1)");
        let operation = offline::respond(
            &update,
            200,
            &[],
            r#"{"path":"universes/1/places/2/instances/44b188da-ce63-2b47-02e9-c68d004815fc/operations/u1","done":true,
            "response":{"path":"universes/1/places/2/instances/44b188da-ce63-2b47-02e9-c68d004815fc",
            "engineInstance":{"Id":"44b188da-ce63-2b47-02e9-c68d004815fc","Name":"Main",
            "Details":{"Script":{"Enabled":true,"RunContext":"Legacy","Source":"print(1)"}}}}}"#,
        )?;
        assert_eq!(
            operation.output().and_then(Instance::source),
            Some("print(1)")
        );
        Ok(())
    }

    #[test]
    fn limits_are_checked_before_sending() -> Result<(), Error> {
        let field = |update: UpdateInstance| match offline::request(&update) {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(field(instance()?.update()), "update");
        let big = "é".repeat(MAX_SOURCE_BYTES / 2 + 1);
        assert_eq!(field(instance()?.update().script_source(big)), "source");
        assert_eq!(
            field(
                instance()?
                    .update()
                    .module_script_source("x".repeat(MAX_SOURCE_BYTES + 1))
            ),
            "source"
        );
        offline::request(
            &instance()?
                .update()
                .script_source("x".repeat(MAX_SOURCE_BYTES)),
        )?;
        assert_eq!(field(instance()?.update().parent("../up")), "parent");
        assert_eq!(
            field(instance()?.update().script_run_context(RunContext::Unknown)),
            "run_context"
        );
        let place = Client::builder()
            .api_key("k")
            .build()?
            .experience(1)
            .place(2);
        assert_eq!(
            field(place.instance("nope").update().name("x")),
            "instance_id"
        );
        Ok(())
    }
}
