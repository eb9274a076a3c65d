//! Get User Restriction: `GET /cloud/v2/universes/{u}[/places/{p}]/user-restrictions/{user}`
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).

use bytes::Bytes;
use http::Method;
use oc_core::request;
use oc_core::{Body, Client, Endpoint, EndpointFuture, Error};

use crate::handles::UserRestriction;
use crate::limits;
use crate::resource::{GameJoinRestriction, Restriction, WireRestriction};

impl UserRestriction {
    /// Reads the user's restriction. Await the returned request to send it.
    ///
    /// A user who was never restricted reads as an inactive restriction: the service is
    /// documented to answer one, and a 404 for such a user is read the same way.
    pub fn get(&self) -> GetUserRestriction {
        GetUserRestriction {
            target: self.clone(),
        }
    }
}

/// A read of one user's restriction; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUserRestriction {
    target: UserRestriction,
}

/// The path of one user's restriction.
pub(crate) fn resource_path(target: &UserRestriction) -> Result<String, Error> {
    target.scope.validate()?;
    limits::id("user_id", target.user_id)?;
    Ok(format!(
        "{}/{}",
        target.scope.collection_path(),
        target.user_id
    ))
}

impl Endpoint for GetUserRestriction {
    type Output = Restriction;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_user_restriction";

    fn client(&self) -> &Client {
        self.target.scope.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::GET, &resource_path(&self.target)?, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Restriction, Error> {
        let wire: WireRestriction = oc_core::response::json(&response)?;
        wire.into_restriction(&self.target.scope, Some(self.target.user_id))
    }
}

impl GetUserRestriction {
    /// The restriction of a user the service does not know as restricted.
    fn never_restricted(&self) -> Restriction {
        let path = format!(
            "{}/{}",
            self.target.scope.collection_path(),
            self.target.user_id
        );
        Restriction {
            path: path
                .trim_start_matches(oc_core::v2::PREFIX)
                .trim_start_matches('/')
                .to_owned(),
            universe_id: self.target.universe_id(),
            place_id: self.target.place_id(),
            user_id: self.target.user_id,
            update_time: None,
            game_join: GameJoinRestriction::default(),
        }
    }
}

impl GetUserRestriction {
    /// Sends the request; what `.await` does.
    pub fn send(self) -> EndpointFuture<'static, Restriction> {
        EndpointFuture::from_future(async move {
            match self.client().execute(&self).await {
                // Undocumented for a user never restricted: the resource is documented to
                // exist for everyone (inactive by default), so a 404 means the same.
                Err(error) if error.is_not_found() => Ok(self.never_restricted()),
                other => other,
            }
        })
    }
}

oc_core::endpoint_future!(call static GetUserRestriction => send -> Restriction);
