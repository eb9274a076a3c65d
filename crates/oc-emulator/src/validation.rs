//! The public checks of a configuration and of a fault rule. They live here, above the
//! areas, because they need the route names: the configuration and the gateway are handed
//! them and import no route table.

use crate::areas;
use crate::config::Config;
use crate::gateway::{EmulatorError, FaultRule};

impl Config {
    /// Checks that ids and credentials are unique, that every owner refers to a declared
    /// user or group, and that every fault names a known route with sensible numbers.
    pub fn validate(&self) -> Result<(), EmulatorError> {
        self.check(&areas::route_names())
    }
}

impl FaultRule {
    /// Checks the route name and the numbers.
    pub fn validate(&self) -> Result<(), EmulatorError> {
        self.check(&areas::route_names())
    }
}
