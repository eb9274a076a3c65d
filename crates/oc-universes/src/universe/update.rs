//! `PATCH /cloud/v2/universes/{universe_id}?updateMask=…`
//! (<https://create.roblox.com/docs/cloud/reference/Universe#Cloud_UpdateUniverse>).
//!
//! The name and description of a universe are its root place's: change them with
//! [`PlaceUniversesExt::update`](crate::PlaceUniversesExt::update) on the root place. Visibility and
//! age rating are read-only here.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::Patch;
use oc_core::{response, Body, Client, Endpoint, Error, InvalidInput};

use super::{SocialLink, SocialPlatform, Universe};
use crate::handles::UniverseHandle;

impl UniverseHandle {
    /// Updates the universe: only the fields set on the builder are named in the
    /// `updateMask` and changed. Answers the updated [`Universe`].
    pub fn update(&self) -> UpdateUniverse {
        UpdateUniverse {
            universe: self.clone(),
            patch: Patch::new(),
            invalid: None,
        }
    }
}

/// An update of a universe's settings; set fields, then `.await` it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateUniverse {
    universe: UniverseHandle,
    patch: Patch,
    invalid: Option<InvalidInput>,
}

macro_rules! social_link_setters {
    ($($platform:ident: $set:ident, $remove:ident, $label:literal;)+) => {$(
        #[doc = concat!("Sets the ", $label, " link.")]
        pub fn $set(self, link: SocialLink) -> Self {
            self.social_link(SocialPlatform::$platform, link)
        }

        #[doc = concat!("Removes the ", $label, " link.")]
        pub fn $remove(self) -> Self {
            self.remove_social_link(SocialPlatform::$platform)
        }
    )+};
}

impl UpdateUniverse {
    fn set(mut self, path: &str, value: impl Into<serde_json::Value>) -> Self {
        self.patch.set(path, value);
        self
    }

    /// Turns voice chat on or off (servers already running keep their setting).
    pub fn voice_chat_enabled(self, enabled: bool) -> Self {
        self.set("voiceChatEnabled", enabled)
    }

    /// Turns private servers on at this price in Robux (at most 2,147,483,647), or
    /// changes their price. Changing the price cancels every private-server subscription.
    pub fn private_server_price_robux(mut self, price: u32) -> Self {
        if i32::try_from(price).is_err() {
            self.invalid.get_or_insert_with(|| {
                InvalidInput::new(
                    "private_server_price_robux",
                    format!("{price} is above the largest int32, {}", i32::MAX),
                )
            });
        }
        self.set("privateServerPriceRobux", price)
    }

    /// Turns private servers off: the price is named in the mask with no value. Every
    /// active private server is shut.
    pub fn disable_private_servers(mut self) -> Self {
        self.patch.clear("privateServerPriceRobux");
        self
    }

    /// Whether players may join from a desktop.
    pub fn desktop_enabled(self, enabled: bool) -> Self {
        self.set("desktopEnabled", enabled)
    }

    /// Whether players may join from a phone.
    pub fn mobile_enabled(self, enabled: bool) -> Self {
        self.set("mobileEnabled", enabled)
    }

    /// Whether players may join from a tablet.
    pub fn tablet_enabled(self, enabled: bool) -> Self {
        self.set("tabletEnabled", enabled)
    }

    /// Whether players may join from a console.
    pub fn console_enabled(self, enabled: bool) -> Self {
        self.set("consoleEnabled", enabled)
    }

    /// Whether players may join in VR.
    pub fn vr_enabled(self, enabled: bool) -> Self {
        self.set("vrEnabled", enabled)
    }

    /// Sets the social link of `platform` (title and address).
    pub fn social_link(self, platform: SocialPlatform, link: SocialLink) -> Self {
        let value = serde_json::json!({"title": link.title, "uri": link.uri});
        self.set(platform.field(), value)
    }

    /// Removes the social link of `platform`: it is named in the mask with no value,
    /// the only way the service removes one.
    pub fn remove_social_link(mut self, platform: SocialPlatform) -> Self {
        self.patch.clear(platform.field());
        self
    }

    social_link_setters! {
        Facebook: facebook_social_link, remove_facebook_social_link, "Facebook";
        Twitter: twitter_social_link, remove_twitter_social_link, "Twitter";
        Youtube: youtube_social_link, remove_youtube_social_link, "YouTube";
        Twitch: twitch_social_link, remove_twitch_social_link, "Twitch";
        Discord: discord_social_link, remove_discord_social_link, "Discord";
        RobloxGroup: roblox_group_social_link, remove_roblox_group_social_link, "Roblox group";
        Guilded: guilded_social_link, remove_guilded_social_link, "Guilded";
    }

    /// The fields named so far and their values.
    pub fn patch(&self) -> &Patch {
        &self.patch
    }
}

impl Endpoint for UpdateUniverse {
    type Output = Universe;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "update_universe";

    fn client(&self) -> &Client {
        self.universe.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.universe.path()?;
        if let Some(invalid) = &self.invalid {
            return Err(invalid.clone().into());
        }
        if self.patch.is_empty() {
            return Err(InvalidInput::new("update", "sets no field").into());
        }
        let path = self.patch.query(Query::new()).with_path(&path);
        request::json(Method::PATCH, &path, self.patch.body())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Universe, Error> {
        response::json(&answer)
    }
}

oc_core::endpoint_future!(static UpdateUniverse);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceUniversesExt;
    use oc_core::offline;
    use serde_json::{json, Value};

    fn universe() -> Result<UniverseHandle, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(7)
            .universe())
    }

    fn body(request: &http::Request<Body>) -> Value {
        serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or_default()
    }

    fn mask(request: &http::Request<Body>) -> String {
        let query = request.uri().query().unwrap_or_default();
        form_urlencoded(query)
    }

    fn form_urlencoded(query: &str) -> String {
        query
            .strip_prefix("updateMask=")
            .unwrap_or_default()
            .replace("%2C", ",")
    }

    #[test]
    fn the_mask_names_exactly_the_fields_set() -> Result<(), Error> {
        let update = universe()?
            .update()
            .voice_chat_enabled(true)
            .private_server_price_robux(25);
        let request = offline::request(&update)?;
        assert_eq!(request.method(), Method::PATCH);
        assert_eq!(request.uri().path(), "/cloud/v2/universes/7");
        assert_eq!(mask(&request), "voiceChatEnabled,privateServerPriceRobux");
        assert_eq!(
            body(&request),
            json!({"voiceChatEnabled": true, "privateServerPriceRobux": 25})
        );
        assert_eq!(request.headers()["content-type"], "application/json");

        let every = universe()?
            .update()
            .desktop_enabled(true)
            .mobile_enabled(false)
            .tablet_enabled(true)
            .console_enabled(false)
            .vr_enabled(true)
            .twitch_social_link(SocialLink::new("Live", "https://twitch.tv/x"))
            .social_link(
                SocialPlatform::Discord,
                SocialLink::new("Chat", "https://discord.gg/x"),
            );
        let request = offline::request(&every)?;
        assert_eq!(
            mask(&request),
            "desktopEnabled,mobileEnabled,tabletEnabled,consoleEnabled,vrEnabled,\
             twitchSocialLink,discordSocialLink"
        );
        assert_eq!(
            body(&request),
            json!({"desktopEnabled": true, "mobileEnabled": false, "tabletEnabled": true,
                   "consoleEnabled": false, "vrEnabled": true,
                   "twitchSocialLink": {"title": "Live", "uri": "https://twitch.tv/x"},
                   "discordSocialLink": {"title": "Chat", "uri": "https://discord.gg/x"}})
        );
        Ok(())
    }

    #[test]
    fn clearing_names_the_field_with_no_value() -> Result<(), Error> {
        let update = universe()?
            .update()
            .private_server_price_robux(10)
            .disable_private_servers()
            .remove_facebook_social_link()
            .remove_social_link(SocialPlatform::Guilded);
        let request = offline::request(&update)?;
        assert_eq!(
            mask(&request),
            "privateServerPriceRobux,facebookSocialLink,guildedSocialLink"
        );
        assert_eq!(body(&request), json!({}));
        for platform in SocialPlatform::ALL {
            let request = offline::request(&universe()?.update().remove_social_link(platform))?;
            assert_eq!(mask(&request), platform.field());
        }
        Ok(())
    }

    #[test]
    fn an_empty_update_or_an_out_of_range_price_is_refused() -> Result<(), Error> {
        let field = |update: UpdateUniverse| match offline::request(&update) {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(field(universe()?.update()), "update");
        assert_eq!(
            field(universe()?.update().private_server_price_robux(u32::MAX)),
            "private_server_price_robux"
        );
        offline::request(
            &universe()?
                .update()
                .private_server_price_robux(i32::MAX as u32),
        )?;
        let zero = Client::builder().api_key("k").build()?.experience(0);
        assert_eq!(
            field(zero.universe().update().vr_enabled(true)),
            "universe_id"
        );
        Ok(())
    }

    #[test]
    fn the_answer_is_the_updated_universe() -> Result<(), Error> {
        let update = universe()?.update().voice_chat_enabled(true);
        let universe = offline::respond(
            &update,
            200,
            &[],
            r#"{"path":"universes/7","voiceChatEnabled":true,"privateServerPriceRobux":25}"#,
        )?;
        assert_eq!(universe.voice_chat_enabled, Some(true));
        assert_eq!(universe.private_server_price_robux, Some(25));
        let refused = offline::respond(
            &update,
            403,
            &[],
            r#"{"code":"PERMISSION_DENIED","message":"Missing scope universe:write"}"#,
        );
        assert!(refused.is_err_and(|e| e.status().map(|s| s.as_u16()) == Some(403)));
        Ok(())
    }
}
