//! `GET /cloud/v2/universes/{universe_id}/places/{place_id}`
//! (<https://create.roblox.com/docs/cloud/reference/Place#Cloud_GetPlace>).

use bytes::Bytes;
use http::Method;
use oc_core::{request, response, Body, Client, Endpoint, Error};

use super::Place;
use crate::handles::place_path;

impl GetPlace {
    pub(crate) fn new(place: oc_core::Place) -> Self {
        GetPlace { place }
    }
}

/// A read of a place; `.await` it for the [`Place`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetPlace {
    place: oc_core::Place,
}

impl Endpoint for GetPlace {
    type Output = Place;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_place";

    fn client(&self) -> &Client {
        self.place.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::GET, &place_path(&self.place)?, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Place, Error> {
        response::json(&answer)
    }
}

oc_core::endpoint_future!(static GetPlace);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceUniversesExt;
    use oc_core::offline;

    #[test]
    fn gets_the_place_and_refuses_zero_ids() -> Result<(), Error> {
        let client = Client::builder().api_key("k").build()?;
        let get = client.experience(3).place(4).get();
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/cloud/v2/universes/3/places/4");
        let place = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/3/places/4","root":true}"#,
        )?;
        assert!(place.root);
        for (universe, place, field) in [(3, 0, "place_id"), (0, 4, "universe_id")] {
            match offline::request(&client.experience(universe).place(place).get()) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        Ok(())
    }
}
