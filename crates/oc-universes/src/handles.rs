//! Handles: [`UniverseHandle`] (from an [`Experience`] through
//! [`ExperienceUniversesExt`]), the core [`Place`] handle (extended by
//! [`PlaceUniversesExt`]) and [`InstanceHandle`]. A handle makes no request.

use oc_core::{Experience, InvalidInput, Place};

use crate::ids::{self, ROOT_INSTANCE};

/// `/cloud/v2/universes/{universe_id}`, the universe id checked.
pub(crate) fn universe_path(experience: &Experience) -> Result<String, InvalidInput> {
    Ok(format!(
        "{}/universes/{}",
        oc_core::v2::PREFIX,
        ids::universe_id(experience)?
    ))
}

/// `/cloud/v2/universes/{universe_id}/places/{place_id}`, the ids checked.
pub(crate) fn place_path(place: &Place) -> Result<String, InvalidInput> {
    Ok(format!(
        "{}/places/{}",
        universe_path(place.experience())?,
        ids::positive("place_id", place.place_id())?
    ))
}

/// The universe of an [`Experience`]; reach places with the core handle,
/// `experience.place(place_id)`.
pub trait ExperienceUniversesExt {
    /// A handle on the experience's universe: its settings, server restarts, messaging.
    fn universe(&self) -> UniverseHandle;
}

impl ExperienceUniversesExt for Experience {
    fn universe(&self) -> UniverseHandle {
        UniverseHandle {
            experience: self.clone(),
        }
    }
}

/// Place settings and the place's instances, on the core [`Place`] handle
/// (`experience.place(place_id)`).
pub trait PlaceUniversesExt {
    /// Reads the place's settings.
    fn get(&self) -> crate::GetPlace;

    /// Updates the place: only the fields set on the builder are named in the
    /// `updateMask` and changed. Answers the updated [`Place`](crate::place::Place).
    fn update(&self) -> crate::UpdatePlace;

    /// A handle on instance `instance_id` of the place (a lower-case hexadecimal id such
    /// as `44b188da-ce63-2b47-02e9-c68d004815fc`, or `root`).
    fn instance(&self, instance_id: impl Into<String>) -> InstanceHandle;

    /// A handle on the place's `DataModel` (the instance id `root`).
    fn root_instance(&self) -> InstanceHandle;
}

impl PlaceUniversesExt for Place {
    fn get(&self) -> crate::GetPlace {
        crate::GetPlace::new(self.clone())
    }

    fn update(&self) -> crate::UpdatePlace {
        crate::UpdatePlace::new(self.clone())
    }

    fn instance(&self, instance_id: impl Into<String>) -> InstanceHandle {
        InstanceHandle {
            place: self.clone(),
            instance_id: instance_id.into(),
        }
    }

    fn root_instance(&self) -> InstanceHandle {
        self.instance(ROOT_INSTANCE)
    }
}

/// A universe (`universes/{universe_id}`).
#[derive(Debug, Clone)]
pub struct UniverseHandle {
    pub(crate) experience: Experience,
}

impl UniverseHandle {
    /// The experience the universe is.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// `/cloud/v2/universes/{universe_id}`.
    pub(crate) fn path(&self) -> Result<String, InvalidInput> {
        universe_path(&self.experience)
    }
}

/// An instance of a place's data model
/// (`universes/{universe_id}/places/{place_id}/instances/{instance_id}`).
#[derive(Debug, Clone)]
pub struct InstanceHandle {
    pub(crate) place: Place,
    pub(crate) instance_id: String,
}

impl InstanceHandle {
    /// The place the instance belongs to.
    pub fn place(&self) -> &Place {
        &self.place
    }

    /// The instance id, as given.
    pub fn instance_id(&self) -> &str {
        &self.instance_id
    }

    /// `/cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}`, the
    /// ids checked.
    pub(crate) fn path(&self) -> Result<String, InvalidInput> {
        ids::instance_id("instance_id", &self.instance_id)?;
        Ok(format!(
            "{}/instances/{}",
            place_path(&self.place)?,
            self.instance_id
        ))
    }
}
