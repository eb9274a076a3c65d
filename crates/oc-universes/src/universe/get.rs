//! `GET /cloud/v2/universes/{universe_id}`
//! (<https://create.roblox.com/docs/cloud/reference/Universe#Cloud_GetUniverse>).

use bytes::Bytes;
use http::Method;
use oc_core::{request, response, Body, Client, Endpoint, Error};

use super::Universe;
use crate::handles::UniverseHandle;

impl UniverseHandle {
    /// Reads the universe's settings.
    pub fn get(&self) -> GetUniverse {
        GetUniverse {
            universe: self.clone(),
        }
    }
}

/// A read of a universe; `.await` it for the [`Universe`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUniverse {
    universe: UniverseHandle,
}

impl Endpoint for GetUniverse {
    type Output = Universe;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_universe";

    fn client(&self) -> &Client {
        self.universe.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::GET, &self.universe.path()?, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Universe, Error> {
        response::json(&answer)
    }
}

oc_core::endpoint_future!(static GetUniverse);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceUniversesExt;
    use oc_core::offline;

    #[test]
    fn gets_the_universe_and_refuses_universe_zero() -> Result<(), Error> {
        let client = Client::builder().api_key("k").build()?;
        let get = client.experience(42).universe().get();
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/cloud/v2/universes/42");
        let universe = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/42","displayName":"Obby"}"#,
        )?;
        assert_eq!((universe.id, universe.display_name.as_str()), (42, "Obby"));
        let missing = offline::respond(
            &get,
            404,
            &[],
            r#"{"code":"NOT_FOUND","message":"The universe does not exist."}"#,
        );
        assert!(missing.is_err_and(|e| e.is_not_found()));
        match offline::request(&client.experience(0).universe().get()) {
            Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "universe_id"),
            other => panic!("expected invalid universe_id, got {other:?}"),
        }
        Ok(())
    }
}
