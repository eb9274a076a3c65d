//! The target over every area's parse of the service's answers, through the endpoint
//! trait's parse step (`oc_core::offline::respond`, the steps a real call runs).

use std::fmt::Debug;
use std::sync::OnceLock;

use bytes::Bytes;
use oc_assets::{
    asset_operation, AssetOperation, AssetType, ClientAssetsExt, Content, CreatorAssetsExt,
    ExperiencePlacesExt,
};
use oc_core::{Client, Endpoint, Experience, Group, Place, User};
use oc_datastores::ExperienceDataStoresExt;
use oc_groups::GroupsExt;
use oc_inventory::UserInventoryExt;
use oc_luau_execution::{ExperienceLuauExt, LuauTaskHandle};
use oc_memory_stores::ExperienceMemoryStoresExt;
use oc_messaging::ExperienceMessagingExt;
use oc_notifications::UserNotificationsExt;
use oc_oauth2::{OAuth2App, PartialAccessToken};
use oc_subscriptions::ExperienceSubscriptionsExt;
use oc_universes::{ExperienceUniversesExt, PlaceUniversesExt};
use oc_user_restrictions::ExperienceUserRestrictionsExt;
use oc_users::UserProfileExt;

use crate::answer::{content_md5, Answer};

/// What every endpoint is built on; made once (a client is not cheap to build).
struct Fixtures {
    experience: Experience,
    user: User,
    place: Place,
    group: Group,
    task: LuauTaskHandle,
    pending: AssetOperation,
    app: OAuth2App,
    token: PartialAccessToken,
}

fn fixtures() -> Option<&'static Fixtures> {
    static FIXTURES: OnceLock<Option<Fixtures>> = OnceLock::new();
    FIXTURES
        .get_or_init(|| {
            let client = Client::builder().api_key("fuzz-key").build().ok()?;
            let app = OAuth2App::builder("fuzz-client", "http://localhost:8080/cb")
                .client_secret("fuzz-secret")
                .build(&client)
                .ok()?;
            let token = app.from_access_token_string("fuzz-access-token");
            let task = LuauTaskHandle::resume(
                client.clone(),
                "universes/42/places/9/versions/3/luau-execution-sessions/s-1/tasks/t-1",
            )
            .ok()?;
            Some(Fixtures {
                experience: client.experience(42),
                user: client.user(7),
                place: client.experience(42).place(9),
                group: client.group(5),
                task,
                pending: asset_operation(client.clone(), "fuzz-operation"),
                app,
                token,
            })
        })
        .as_ref()
}

/// The endpoints, in the order the input's first byte picks them (`byte % len`).
pub const ENDPOINTS: &[&str] = &[
    "messaging.publish",
    "datastores.get",
    "datastores.get_version",
    "datastores.set",
    "datastores.set.match_version",
    "datastores.set.exclusive_create",
    "datastores.increment",
    "datastores.remove",
    "datastores.list_keys",
    "datastores.list_data_stores",
    "datastores.list_versions",
    "ordered.get",
    "ordered.set",
    "ordered.set.exclusive_create",
    "ordered.set.exclusive_update",
    "ordered.increment",
    "ordered.remove",
    "ordered.list_entries",
    "assets.upload",
    "assets.operation",
    "assets.update",
    "assets.publish_place",
    "oauth2.token",
    "oauth2.userinfo",
    "oauth2.introspect",
    "oauth2.resources",
    "oauth2.discovery",
    "oauth2.certs",
    "oauth2.revoke",
    "universes.get",
    "universes.update",
    "universes.restart_servers",
    "universes.publish_message",
    "places.get",
    "places.update",
    "instances.get",
    "instances.update",
    "instances.list_children",
    "subscriptions.get",
    "luau.create",
    "luau.get",
    "luau.logs",
    "luau.structured_logs",
    "luau.binary_input",
    "restrictions.get",
    "restrictions.update",
    "restrictions.list",
    "restrictions.logs",
    "groups.get",
    "groups.roles",
    "groups.role",
    "groups.memberships",
    "groups.assign_role",
    "groups.join_requests",
    "groups.accept",
    "groups.forum_categories",
    "groups.forum_posts",
    "groups.forum_comments",
    "users.profile",
    "users.thumbnail",
    "users.asset_quotas",
    "inventory.list",
    "notifications.create",
    "ordered_v2.get",
    "ordered_v2.set",
    "ordered_v2.set.exclusive_create",
    "ordered_v2.set.exclusive_update",
    "ordered_v2.increment",
    "ordered_v2.remove",
    "ordered_v2.list_entries",
    "assets.get",
    "assets.versions",
    "assets.version",
    "assets.rollback",
    "assets.archive",
    "assets.restore",
    "datastores_v2.get",
    "datastores_v2.set",
    "datastores_v2.create",
    "datastores_v2.increment",
    "datastores_v2.remove",
    "datastores_v2.list_keys",
    "datastores_v2.list_versions",
    "datastores_v2.list_data_stores",
    "datastores_v2.delete_store",
    "datastores_v2.snapshot",
    "memory_stores.queue_add",
    "memory_stores.queue_read",
    "memory_stores.queue_discard",
    "memory_stores.sorted_map_list",
    "memory_stores.sorted_map_create",
    "memory_stores.sorted_map_get",
    "memory_stores.sorted_map_update",
    "memory_stores.sorted_map_delete",
    "memory_stores.flush",
];

/// Whether the fixtures the endpoints need could be built; the target does nothing
/// without them (the stable driver checks this first).
pub fn ready() -> bool {
    fixtures().is_some()
}

/// Feeds an answer to one endpoint's parse: the first byte picks the endpoint (see
/// [`ENDPOINTS`]), the rest is the answer (see [`crate::answer`]); a header value `@md5`
/// is the body's checksum.
pub fn endpoints(data: &[u8]) {
    let _ = outcome(data);
}

/// What [`endpoints`] does, saying whether the endpoint's parse succeeded (`None` for an
/// empty input).
pub(crate) fn outcome(data: &[u8]) -> Option<bool> {
    let (Some((&pick, rest)), Some(f)) = (data.split_first(), fixtures()) else {
        return None;
    };
    let answer = Answer::parse(rest);
    let md5 = content_md5(answer.body);
    let headers = answer.text_headers(&md5);
    let a = Respond {
        status: answer.status,
        headers: &headers,
        body: answer.body,
    };
    let store = f.experience.data_store("fuzz-store");
    let board = f
        .experience
        .ordered_data_store("fuzz-board")
        .with_scope("season");
    let board_v2 = f
        .experience
        .ordered_data_store_v2("fuzz-board")
        .with_scope("season");
    let lifecycle = f.experience.client().asset(9);
    let version = "08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01";
    let v2 = f.experience.data_store_v2("fuzz-store");
    let queue = f.experience.memory_store_queue("fuzz-queue");
    let map = f.experience.memory_store_sorted_map("fuzz-map");
    let ok = match usize::from(pick) % ENDPOINTS.len() {
        0 => a.run(&f.experience.publish_message("topic", "message")),
        1 => a.run(&store.get("key")),
        2 => a.run(&store.get_version("key", version)),
        3 => a.run(&store.set("key", &1)),
        4 => a.run(&store.set("key", &1).match_version(version)),
        5 => a.run(&store.set("key", &1).exclusive_create(true)),
        6 => a.run(&store.increment("key", 2)),
        7 => a.run(&store.remove("key")),
        8 => a.run(&store.list_keys()),
        9 => a.run(&f.experience.list_data_stores()),
        10 => a.run(&store.list_versions("key")),
        11 => a.run(&board.get("key")),
        12 => a.run(&board.set("key", 5)),
        13 => a.run(&board.set("key", 5).exclusive_create(true)),
        14 => a.run(&board.set("key", 5).exclusive_update(true)),
        15 => a.run(&board.increment("key", -3)),
        16 => a.run(&board.remove("key")),
        17 => a.run(&board.list_entries()),
        18 => a.run(&f.user.upload_asset(
            AssetType::Decal,
            "name",
            Content::bytes(&b"\x89PNG\r\n\x1a\n"[..]).file_name("a.png"),
        )),
        19 => a.run(&f.pending.get()),
        20 => a.run(&f.user.update_asset(9).name("name")),
        21 => a.run(
            &f.experience
                .publish_place(8, Content::bytes("<roblox!").file_name("p.rbxl")),
        ),
        22 => {
            let result = oc_oauth2::fuzzing::token_answer(&f.app, a.status, a.headers, a.body);
            if let Err(error) = &result {
                crate::inspect(error);
            }
            result.is_ok()
        }
        23 => a.run(&f.token.userinfo()),
        24 => a.run(&f.token.introspect()),
        25 => a.run(&f.token.fetch_resources()),
        26 => a.run(&f.app.fetch_discovery()),
        27 => a.run(&f.app.fetch_certs()),
        28 => a.run(&f.token.revoke()),
        29 => a.run(&f.experience.universe().get()),
        30 => a.run(&f.experience.universe().update().voice_chat_enabled(true)),
        31 => a.run(&f.experience.universe().restart_servers()),
        32 => a.run(&f.experience.universe().publish_message("topic", "message")),
        33 => a.run(&PlaceUniversesExt::get(&f.place)),
        34 => a.run(&PlaceUniversesExt::update(&f.place).display_name("name")),
        35 => a.run(&f.place.root_instance().get()),
        36 => a.run(&f.place.root_instance().update().script_source("return 1")),
        37 => a.run(&f.place.root_instance().list_children()),
        38 => a.run(&f.experience.subscription_product("p-1").get_subscription(7)),
        39 => a.run(&f.experience.luau(9).run("return 1")),
        40 => a.run(&f.task.get()),
        41 => a.run(&f.task.logs()),
        42 => a.run(&f.task.structured_logs()),
        43 => a.run(&f.experience.create_luau_binary_input(10)),
        44 => a.run(&f.experience.user_restriction(7).get()),
        45 => a.run(
            &f.experience
                .user_restriction(7)
                .ban()
                .duration(std::time::Duration::from_secs(60)),
        ),
        46 => a.run(&f.experience.user_restrictions().list()),
        47 => a.run(&f.experience.user_restrictions().logs()),
        48 => a.run(&f.group.get()),
        49 => a.run(&f.group.roles()),
        50 => a.run(&f.group.role(1)),
        51 => a.run(&f.group.memberships()),
        52 => a.run(&f.group.membership(7).assign_role(1)),
        53 => a.run(&f.group.join_requests()),
        54 => a.run(&f.group.join_request(7).accept()),
        55 => a.run(&f.group.forum_categories()),
        56 => a.run(&f.group.forum_category("c-1").posts()),
        57 => a.run(&f.group.forum_category("c-1").post("p-1").comments()),
        58 => a.run(&f.user.profile()),
        59 => a.run(&f.user.thumbnail()),
        60 => a.run(&f.user.asset_quotas()),
        61 => a.run(&f.user.inventory()),
        62 => a.run(&f.user.notify(42, "message-1")),
        63 => a.run(&board_v2.get("key")),
        64 => a.run(&board_v2.set("key", 5)),
        65 => a.run(&board_v2.set("key", 5).exclusive_create(true)),
        66 => a.run(&board_v2.set("key", 5).exclusive_update(true)),
        67 => a.run(&board_v2.increment("key", -3)),
        68 => a.run(&board_v2.remove("key")),
        69 => a.run(&board_v2.list_entries()),
        70 => a.run(&lifecycle.get().read_mask(["description", "previews"])),
        71 => a.run(&lifecycle.versions()),
        72 => a.run(&lifecycle.version(2)),
        73 => a.run(&lifecycle.rollback(1)),
        74 => a.run(&lifecycle.archive()),
        75 => a.run(&lifecycle.restore()),
        76 => a.run(&v2.get("key")),
        77 => a.run(&v2.set("key", &1).user_ids([7])),
        78 => a.run(&v2.create("key", &1)),
        79 => a.run(&v2.increment("key", 1)),
        80 => a.run(&v2.remove("key")),
        81 => a.run(&v2.clone().all_scopes().list_keys()),
        82 => a.run(&v2.list_versions("key")),
        83 => a.run(&f.experience.list_data_stores_v2()),
        84 => a.run(&v2.delete_store()),
        85 => a.run(&f.experience.snapshot_data_stores()),
        86 => a.run(&queue.add(&1).priority(1.0)),
        87 => a.run(&queue.read(5)),
        88 => a.run(&queue.discard("r-1")),
        89 => a.run(&map.list()),
        90 => a.run(&map.create("key", &1).sort_key(2.0)),
        91 => a.run(&map.get("key")),
        92 => a.run(&map.update("key", &1).allow_missing(true)),
        93 => a.run(&map.delete("key").etag("3")),
        _ => a.run(&f.experience.flush_memory_store()),
    };
    Some(ok)
}

/// One answer, to give to an endpoint.
struct Respond<'a> {
    status: u16,
    headers: &'a [(&'a str, &'a str)],
    body: &'a [u8],
}

impl Respond<'_> {
    /// Whether the parse succeeded.
    fn run<E>(&self, endpoint: &E) -> bool
    where
        E: Endpoint + ?Sized,
        E::Output: Debug,
    {
        let body = Bytes::copy_from_slice(self.body);
        match oc_core::offline::respond(endpoint, self.status, self.headers, body) {
            Ok(output) => {
                let _ = format!("{output:?}");
                true
            }
            Err(error) => {
                crate::inspect(&error);
                false
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The seeds of a target, by file name.
    pub(crate) fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/seeds")
            .join(target);
        let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| {
                        let bytes = std::fs::read(e.path()).ok()?;
                        Some((e.file_name().to_string_lossy().into_owned(), bytes))
                    })
                    .collect()
            })
            .unwrap_or_default();
        seeds.sort();
        seeds
    }

    #[test]
    fn each_seed_reaches_its_endpoint_and_success_answers_parse() {
        assert!(ready());
        let seeds = seeds("endpoints");
        assert!(seeds.len() >= ENDPOINTS.len(), "{} seeds", seeds.len());
        // Success statuses whose body is a failure by design.
        let failures = [
            "datastores.get.1",
            "assets.upload.3",
            "assets.operation.1",
            "assets.operation.2",
            // A failed operation; a page whose operation still runs (a call waits on it).
            "instances.update.1",
            "instances.list_children.1",
        ];
        for (name, data) in &seeds {
            let picked = data
                .first()
                .map(|&b| ENDPOINTS[usize::from(b) % ENDPOINTS.len()]);
            assert!(
                picked.is_some_and(|endpoint| name.starts_with(&format!("{endpoint}."))),
                "{name} picks {picked:?}"
            );
            let success = crate::answer::Answer::parse(&data[1..]).status < 300;
            let expected = success && !failures.contains(&name.as_str());
            assert_eq!(outcome(data), Some(expected), "{name}");
        }
        // Every endpoint has a seed.
        for endpoint in ENDPOINTS {
            let prefix = format!("{endpoint}.");
            assert!(
                seeds.iter().any(|(n, _)| n.starts_with(&prefix)),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn every_target_runs_its_seeds() {
        for target in crate::TARGETS {
            let seeds = seeds(target.name);
            assert!(!seeds.is_empty(), "{}", target.name);
            for (_, data) in seeds {
                (target.run)(&data);
            }
        }
    }
}
