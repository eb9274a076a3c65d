//! The [`EmulatorHandle`]'s view of subscriptions.

use super::config::SubscriptionConfig;
use super::state::Subscriptions;
use crate::gateway::EmulatorHandle;
use crate::sync::lock;

impl EmulatorHandle {
    /// Sets a subscription (created or replaced), creating its universe when unknown.
    /// A subscription with an unknown enum value or a time that is not RFC 3339 is
    /// refused with the reason.
    pub fn set_subscription(&self, subscription: &SubscriptionConfig) -> Result<(), String> {
        if let Some(problem) = subscription.problem() {
            return Err(problem);
        }
        let state = self.state();
        state.world.ensure_universe(subscription.universe);
        state
            .area::<Subscriptions>()
            .set(subscription, state.clock.now_utc());
        Ok(())
    }

    /// A subscription as it was set.
    pub fn subscription(
        &self,
        universe: u64,
        product: &str,
        user: u64,
    ) -> Option<SubscriptionConfig> {
        let area = self.state().area::<Subscriptions>();
        let all = lock(&area.all);
        all.get(&(universe, product.to_owned(), user))
            .map(|s| s.config.clone())
    }
}
