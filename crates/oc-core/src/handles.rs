//! Handles on the things Open Cloud acts on. API crates extend them with extension
//! traits (re-exported by the facade's `prelude`).

use crate::client::Client;

/// An experience (a universe): data stores, messaging, place publishing.
///
/// A handle makes no request; it pairs the universe id with a client.
#[derive(Debug, Clone)]
pub struct Experience {
    universe_id: u64,
    client: Client,
}

impl Experience {
    /// A handle on universe `universe_id`.
    pub fn new(universe_id: u64, client: Client) -> Self {
        Experience {
            universe_id,
            client,
        }
    }

    /// The universe id.
    pub fn universe_id(&self) -> u64 {
        self.universe_id
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A handle on place `place_id` of this experience. No request is made.
    pub fn place(&self, place_id: u64) -> Place {
        Place {
            experience: self.clone(),
            place_id,
        }
    }
}

/// A place of an experience: the v2 resources that live under
/// `universes/{universe_id}/places/{place_id}` (user restrictions, ...).
///
/// A handle makes no request; API crates add methods with extension traits.
#[derive(Debug, Clone)]
pub struct Place {
    experience: Experience,
    place_id: u64,
}

impl Place {
    /// The place id.
    pub fn place_id(&self) -> u64 {
        self.place_id
    }

    /// The experience (universe) the place belongs to.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// The universe id.
    pub fn universe_id(&self) -> u64 {
        self.experience.universe_id()
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        self.experience.client()
    }
}

/// A Roblox user, as a creator of assets (and, from OAuth2, an account).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct User {
    id: u64,
    client: Client,
}

impl User {
    /// A handle on user `id`.
    pub fn new(id: u64, client: Client) -> Self {
        User { id, client }
    }

    /// The user id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// A Roblox group, as a creator of assets.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Group {
    id: u64,
    client: Client,
}

impl Group {
    /// A handle on group `id`.
    pub fn new(id: u64, client: Client) -> Self {
        Group { id, client }
    }

    /// The group id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        &self.client
    }
}
