//! The [`EmulatorHandle`]'s view of the users API.

use super::config::{AssetQuotaConfig, UserProfileConfig};
use super::state::UsersState;
use crate::gateway::EmulatorHandle;
use crate::sync::lock;

impl EmulatorHandle {
    /// Sets a user's profile (created or replaced), adding the user (named `user_<id>`)
    /// when unknown. A profile with an unknown visibility or a time that is not RFC 3339
    /// is refused with the reason.
    pub fn set_user_profile(&self, profile: &UserProfileConfig) -> Result<(), String> {
        if let Some(problem) = profile.problem() {
            return Err(problem);
        }
        let state = self.state();
        state.world.ensure_user(profile.user);
        state.area::<UsersState>().set_profile(profile);
        Ok(())
    }

    /// A user's profile as Get User shows it (the defaults when never set); `None` for an
    /// unknown user.
    pub fn user_profile(&self, user: u64) -> Option<UserProfileConfig> {
        let state = self.state();
        state.world.user(user)?;
        Some(state.area::<UsersState>().profile(user))
    }

    /// Sets an asset quota of a user (replacing the one of the same quota type, asset type
    /// and period), adding the user when unknown. A quota with an unknown enum value, a
    /// negative number or a time that is not RFC 3339 is refused with the reason.
    pub fn set_asset_quota(&self, quota: &AssetQuotaConfig) -> Result<(), String> {
        if let Some(problem) = quota.problem() {
            return Err(problem);
        }
        self.state().world.ensure_user(quota.user);
        self.state().area::<UsersState>().set_quota(quota);
        Ok(())
    }

    /// A user's asset quotas, in the order they are listed.
    pub fn asset_quotas(&self, user: u64) -> Vec<AssetQuotaConfig> {
        let area = self.state().area::<UsersState>();
        let quotas = lock(&area.quotas);
        quotas
            .get(&user)
            .map(|all| all.values().cloned().collect())
            .unwrap_or_default()
    }
}
