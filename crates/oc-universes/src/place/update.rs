//! `PATCH /cloud/v2/universes/{universe_id}/places/{place_id}?updateMask=…`
//! (<https://create.roblox.com/docs/cloud/reference/Place#Cloud_UpdatePlace>).
//!
//! Updating the root place's name or description changes the universe's too. While the
//! place is open in an active Team Create session the service refuses the update with
//! 409 (`Error::Conflict`), so as not to overwrite that session's changes.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::Patch;
use oc_core::{response, Body, Client, Endpoint, Error, InvalidInput};

use super::Place;
use crate::handles::place_path;

/// An update of a place's settings; set fields, then `.await` it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdatePlace {
    place: oc_core::Place,
    patch: Patch,
    invalid: Option<InvalidInput>,
}

impl UpdatePlace {
    pub(crate) fn new(place: oc_core::Place) -> Self {
        UpdatePlace {
            place,
            patch: Patch::new(),
            invalid: None,
        }
    }

    /// Sets the name (of the universe too, for the root place).
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.patch.set("displayName", name.into());
        self
    }

    /// Sets the description (of the universe too, for the root place).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.patch.set("description", description.into());
        self
    }

    /// Sets the most players a server holds (1 to 2,147,483,647).
    pub fn server_size(mut self, players: u32) -> Self {
        if players == 0 || i32::try_from(players).is_err() {
            self.invalid.get_or_insert_with(|| {
                InvalidInput::new(
                    "server_size",
                    format!("{players} is outside 1 to {}", i32::MAX),
                )
            });
        }
        self.patch.set("serverSize", players);
        self
    }

    /// The fields named so far and their values.
    pub fn patch(&self) -> &Patch {
        &self.patch
    }
}

impl Endpoint for UpdatePlace {
    type Output = Place;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "update_place";

    fn client(&self) -> &Client {
        self.place.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = place_path(&self.place)?;
        if let Some(invalid) = &self.invalid {
            return Err(invalid.clone().into());
        }
        if self.patch.is_empty() {
            return Err(InvalidInput::new("update", "sets no field").into());
        }
        let path = self.patch.query(Query::new()).with_path(&path);
        request::json(Method::PATCH, &path, self.patch.body())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Place, Error> {
        response::json(&answer)
    }
}

oc_core::endpoint_future!(static UpdatePlace);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceUniversesExt;
    use oc_core::offline;
    use serde_json::{json, Value};

    fn place() -> Result<oc_core::Place, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(3)
            .place(4))
    }

    #[test]
    fn the_mask_names_exactly_the_fields_set() -> Result<(), Error> {
        let update = place()?.update().server_size(50).display_name("Lobby");
        let request = offline::request(&update)?;
        assert_eq!(request.method(), Method::PATCH);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/3/places/4?updateMask=serverSize%2CdisplayName"
        );
        let body: Value = serde_json::from_slice(request.body().as_bytes().unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(body, json!({"serverSize": 50, "displayName": "Lobby"}));
        let all = place()?
            .update()
            .display_name("")
            .description("d")
            .server_size(1);
        assert_eq!(
            offline::request(&all)?.uri().query(),
            Some("updateMask=displayName%2Cdescription%2CserverSize")
        );
        let updated = offline::respond(
            &update,
            200,
            &[],
            r#"{"path":"universes/3/places/4","displayName":"Lobby","serverSize":50}"#,
        )?;
        assert_eq!(updated.server_size, Some(50));
        let busy = offline::respond(
            &update,
            409,
            &[],
            r#"{"code":"ABORTED","message":"Place is open in Team Create."}"#,
        );
        assert!(matches!(busy, Err(Error::Conflict(_))), "{busy:?}");
        Ok(())
    }

    #[test]
    fn an_empty_update_and_out_of_range_sizes_are_refused() -> Result<(), Error> {
        let field = |update: UpdatePlace| match offline::request(&update) {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(field(place()?.update()), "update");
        assert_eq!(field(place()?.update().server_size(0)), "server_size");
        assert_eq!(
            field(place()?.update().server_size(u32::MAX)),
            "server_size"
        );
        let client = Client::builder().api_key("k").build()?;
        assert_eq!(
            field(client.experience(3).place(0).update().display_name("x")),
            "place_id"
        );
        Ok(())
    }
}
