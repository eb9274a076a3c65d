//! What the engine instances API keeps: the tree of every place it has been asked
//! about or seeded with, and its operations.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::config::InstancesConfig;
use super::tree::Tree;
use crate::gateway::operations::{OperationLimits, OperationStore};

/// The trees, by universe and place, and the operations.
#[derive(Debug, Default)]
pub(crate) struct InstancesState {
    /// The configuration.
    pub config: InstancesConfig,
    /// The trees, made with only the `DataModel` when first needed.
    pub trees: Mutex<HashMap<(u64, u64), Tree>>,
    /// The operations of get, update and list children.
    pub operations: OperationStore,
}

impl InstancesState {
    /// An empty state.
    pub fn new(config: &InstancesConfig) -> Self {
        InstancesState {
            config: config.clone(),
            trees: Mutex::new(HashMap::new()),
            operations: OperationStore::new(OperationLimits {
                polls_until_done: config.polls_until_done,
                max_operations: config.max_operations,
                retention: Duration::from_secs(config.operation_retention_secs),
            }),
        }
    }
}
