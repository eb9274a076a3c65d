//! A local, stateful emulator of Roblox Open Cloud (`https://apis.roblox.com`) for offline
//! tests, examples and benchmarks.
//!
//! It serves the same paths as the real service over real sockets (HTTP/1.1 and HTTP/2,
//! plain or HTTPS with a generated certificate), checks API keys and OAuth tokens and their
//! scopes, enforces the published rate limits, keeps what clients store, and can inject
//! faults (error statuses, latency, dropped connections, repeated cursors). It behaves like
//! the real service as far as it is documented; where it is not, the choice is marked in
//! the code.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), oc_emulator::EmulatorError> {
//! use oc_emulator::{Emulator, FaultRule};
//!
//! let emulator = Emulator::builder().rate_limits(false).start().await?;
//! // Point a client at `emulator.base_url()` with `emulator.api_key()`, then inspect:
//! assert!(emulator.published_messages().is_empty());
//! emulator.inject_fault(FaultRule {
//!     route: "messaging.publish".into(),
//!     status: Some(503),
//!     times: Some(2),
//!     ..FaultRule::default()
//! });
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Layers
//!
//! ```text
//!  lib.rs, emulator.rs, config.rs,        the assembly: the public API, the builder, the
//!  validation.rs, main.rs                 configuration file (one section per area)
//!        |              |
//!        v              v
//!  areas/<api>/  messaging, datastores,   one folder per API: routes (a declarative
//!                ordered_datastores,      table), state, config section, handle methods;
//!                user_restrictions,       registered by one line in areas/mod.rs
//!                assets (and places),     (AREAS); no area imports another; the
//!                oauth2, webhooks,        control routes are emulator-only
//!                universes, instances,
//!                subscriptions (v2),
//!                emulator (control)
//!        |              |
//!        v              v
//!  gateway/      server, pipeline, auth,  runs every route the same way: log, match,
//!                rate_limit, faults, log, authenticate, rate-limit, fault, handle;
//!                clock, tls, error bodies, knows no API: the route table and the
//!                cursor, query, handle;   route names are handed to it
//!                v2: codes, page tokens,
//!                field masks, operations
//!        |
//!        v
//!  world/        universes, places,       what requests are checked against
//!                users, groups, keys
//!        |
//!        v
//!  sync.rs       locking
//! ```
//!
//! Arrows are imports; none runs upwards. An area keeps its state in the gateway's
//! type-keyed store and reaches it with `ctx.area::<T>()`; the OAuth 2.0 area lends the
//! world its issued tokens through a token source.
//!
//! # Routes
//!
//! <!-- routes -->
//! | route name | method and path | credential and scope |
//! |---|---|---|
//! | `messaging.publish` | `POST /messaging-service/v1/universes/{universeId}/topics/{topic}` | API key or OAuth: `universe-messaging-service:publish` |
//! | `messaging.publish_message` | `POST /cloud/v2/universes/{universe_id}:publishMessage` | API key or OAuth: `universe-messaging-service:publish` |
//! | `emulator.messaging.messages` | `GET /_emulator/v1/messaging/messages` | API key: `emulator:control` |
//! | `datastores.list` | `GET /datastores/v1/universes/{universeId}/standard-datastores` | API key: `universe-datastores.control:list` |
//! | `datastores.entries.list` | `GET /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries` | API key: `universe-datastores.objects:list` |
//! | `datastores.entry.get` | `GET /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry` | API key: `universe-datastores.objects:read` |
//! | `datastores.entry.set` | `POST /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry` | API key: `universe-datastores.objects:create` |
//! | `datastores.entry.delete` | `DELETE /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry` | API key: `universe-datastores.objects:delete` |
//! | `datastores.entry.increment` | `POST /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/increment` | API key: `universe-datastores.objects:update` |
//! | `datastores.versions.list` | `GET /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/versions` | API key: `universe-datastores.versions:list` |
//! | `datastores.version.get` | `GET /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/versions/version` | API key: `universe-datastores.versions:read` |
//! | `ordered.entries.list` | `GET /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered.entry.create` | `POST /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.increment` | `POST /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}:increment` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.get` | `GET /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered.entry.update` | `PATCH /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.delete` | `DELETE /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `user_restrictions.logs` | `GET /cloud/v2/universes/{universeId}/user-restrictions:listLogs` | API key or OAuth: `universe.user-restriction:read` |
//! | `user_restrictions.list` | `GET /cloud/v2/universes/{universeId}/user-restrictions` | API key or OAuth: `universe.user-restriction:read` |
//! | `user_restrictions.get` | `GET /cloud/v2/universes/{universeId}/user-restrictions/{userRestrictionId}` | API key or OAuth: `universe.user-restriction:read` |
//! | `user_restrictions.update` | `PATCH /cloud/v2/universes/{universeId}/user-restrictions/{userRestrictionId}` | API key or OAuth: `universe.user-restriction:write` |
//! | `user_restrictions.place.list` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions` | API key or OAuth: `universe.user-restriction:read` |
//! | `user_restrictions.place.get` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions/{userRestrictionId}` | API key or OAuth: `universe.user-restriction:read` |
//! | `user_restrictions.place.update` | `PATCH /cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions/{userRestrictionId}` | API key or OAuth: `universe.user-restriction:write` |
//! | `universes.get` | `GET /cloud/v2/universes/{universe_id}` | API key or OAuth: no scope (access to the universe) |
//! | `universes.update` | `PATCH /cloud/v2/universes/{universe_id}` | API key or OAuth: `universe:write` |
//! | `universes.restart_servers` | `POST /cloud/v2/universes/{universe_id}:restartServers` | API key or OAuth: `universe:write` |
//! | `universes.place.get` | `GET /cloud/v2/universes/{universe_id}/places/{place_id}` | API key or OAuth: no scope (access to the universe) |
//! | `universes.place.update` | `PATCH /cloud/v2/universes/{universe_id}/places/{place_id}` | API key or OAuth: `universe.place:write` |
//! | `instances.get` | `GET /cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}` | API key: `universe.place.instance:read` |
//! | `instances.update` | `PATCH /cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}` | API key: `universe.place.instance:write` |
//! | `instances.list_children` | `GET /cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}:listChildren` | API key: `universe.place.instance:read` |
//! | `instances.operation` | `GET /cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}/operations/{operation_id}` | API key: no scope (access to the universe) |
//! | `subscriptions.get` | `GET /cloud/v2/universes/{universe_id}/subscription-products/{subscription_product_id}/subscriptions/{subscription_id}` | API key or OAuth: `universe:write` or `universe.subscription-product.subscription:read` |
//! | `assets.create` | `POST /assets/v1/assets` | API key or OAuth: `asset:write` |
//! | `assets.update` | `PATCH /assets/v1/assets/{assetId}` | API key or OAuth: `asset:write` |
//! | `assets.get` | `GET /assets/v1/assets/{assetId}` | API key or OAuth: `asset:read` |
//! | `assets.operation` | `GET /assets/v1/operations/{operationId}` | API key or OAuth: `asset:read` |
//! | `places.publish` | `POST /universes/v1/{universeId}/places/{placeId}/versions` | API key: `universe-places:write` |
//! | `oauth2.authorize` | `GET /oauth/v1/authorize` | none (the client authenticates itself) |
//! | `oauth2.token` | `POST /oauth/v1/token` | none (the client authenticates itself) |
//! | `oauth2.introspect` | `POST /oauth/v1/token/introspect` | none (the client authenticates itself) |
//! | `oauth2.resources` | `POST /oauth/v1/token/resources` | none (the client authenticates itself) |
//! | `oauth2.revoke` | `POST /oauth/v1/token/revoke` | none (the client authenticates itself) |
//! | `oauth2.userinfo` | `GET /oauth/v1/userinfo` | none (the client authenticates itself) |
//! | `oauth2.certs` | `GET /oauth/v1/certs` | none (the client authenticates itself) |
//! | `oauth2.discovery` | `GET /oauth/.well-known/openid-configuration` | none (the client authenticates itself) |
//! | `emulator.oauth2.app` | `GET /_emulator/v1/oauth2/app` | API key: `emulator:control` |
//! | `emulator.webhooks.send` | `POST /_emulator/v1/webhooks/send` | API key: `emulator:control` |
//! | `emulator.world` | `GET /_emulator/v1/world` | API key: `emulator:control` |
//! | `emulator.faults.add` | `POST /_emulator/v1/faults` | API key: `emulator:control` |
//! | `emulator.faults.clear` | `DELETE /_emulator/v1/faults` | API key: `emulator:control` |
//! <!-- /routes -->
//!
//! An unknown path gets 404 with a JSON body. [`EmulatorHandle::requests`] logs every
//! request with its route name and status.
//!
//! # The control surface (emulator only)
//!
//! The `emulator.*` routes, under [`CONTROL_PREFIX`] (`/_emulator/v1`), are an
//! **emulator-only extension that Roblox does not have**: they let a program that reaches
//! a separately started `oc-emulator` only by its URL do what the handle does in process.
//! They need an API key holding the scope [`CONTROL_SCOPE`] (`emulator:control`; the
//! built-in key holds every scope), have no rate limit, and `*` fault rules leave them
//! alone.
//!
//! | route | does |
//! |---|---|
//! | `GET /_emulator/v1/world` | `{"universeId", "placeId", "userId", "groupId", "publicUrl"}`: the first ids, as [`EmulatorHandle::universe_id`] and the others |
//! | `GET /_emulator/v1/oauth2/app` | `{"clientId", "clientSecret", "redirectUri", "issuer"}` of the first OAuth2 app (404 when none) |
//! | `POST /_emulator/v1/faults` | adds a fault rule: a JSON [`FaultRule`] with the fields of a `[[faults]]` entry; 204 |
//! | `DELETE /_emulator/v1/faults` | removes every fault rule; 204 |
//! | `GET /_emulator/v1/messaging/messages` | `{"messages": [{"universeId", "topic", "message"}]}`, as [`EmulatorHandle::published_messages`] |
//! | `POST /_emulator/v1/webhooks/send` | `{"target": {"url", "secret", "timeout_ms", "retries", "retry_interval_ms"}, "event": {"event": "SampleNotification", "user": 3000}}`: delivers as [`EmulatorHandle::send_webhook`] (at most 10 retries, waits of at most 60 s) and answers `{"notificationId", "url", "eventType", "delivered", "attempts": [{"signature", "status", "error", "elapsedMs"}]}` |
//!
//! # The built-in world
//!
//! Without a configuration the emulator has universe `1000` with place `2000`, owned by
//! user `3000` (`emulator_user`); group `4000` owned by user `3000`; and the API key
//! [`DEFAULT_API_KEY`] owned by user `3000`, allowed every scope on every universe. The
//! handle's accessors ([`EmulatorHandle::api_key`], [`EmulatorHandle::universe_id`], ...)
//! return these.
//!
//! # Seeding
//!
//! Everything the emulator serves can be put in place before a test, from the
//! configuration (below) or from the handle while it runs: universes and places
//! ([`EmulatorHandle::add_universe`]), users and groups ([`EmulatorHandle::add_user`],
//! [`EmulatorHandle::add_group`]), credentials ([`EmulatorHandle::add_api_key`],
//! [`EmulatorHandle::add_oauth_token`], [`EmulatorHandle::add_oauth2_app`]), data stores
//! and their entries ([`EmulatorHandle::add_data_store`],
//! [`EmulatorHandle::set_data_store_entry`]), ordered entries
//! ([`EmulatorHandle::set_ordered_entry`]), assets ([`EmulatorHandle::add_asset`]), user
//! restrictions ([`EmulatorHandle::set_user_restriction`]),
//! universe and place settings ([`EmulatorHandle::set_universe_settings`],
//! [`EmulatorHandle::set_place_settings`]), engine instances
//! ([`EmulatorHandle::add_instance`]) and subscriptions
//! ([`EmulatorHandle::set_subscription`]). [`EmulatorHandle::server_restarts`],
//! [`EmulatorHandle::universe_settings`], [`EmulatorHandle::place_settings`],
//! [`EmulatorHandle::instance`] and [`EmulatorHandle::subscription`] read them back, and
//! [`EmulatorHandle::advance_clock`] moves the v2 routes' clock forward (operation
//! expiry) without waiting.
//!
//! # Configuration
//!
//! A [`Config`] comes from TOML ([`Config::from_toml_str`], [`Config::from_file`], the
//! binary's `--config`) or from code. A configuration **replaces** the built-in world:
//! sections left out are empty, and the first API key, universe, place, user and group it
//! lists are what the handle's accessors return. Unknown fields are errors.
//!
//! ```toml
//! [rate_limits]
//! enabled = true                        # false turns every limit off
//! # requests per minute; 0 turns one limit off
//! messaging_publish_per_owner = 5000    # per API-key owner, or per OAuth token
//! messaging_publish_per_ip = 10000
//! datastores_per_universe_reads = 300   # all data store reads of a universe together
//! datastores_per_universe_writes = 300
//! datastores_per_owner = 5000           # per API-key owner, each operation on its own
//! ordered_datastores_per_universe_reads = 300
//! ordered_datastores_per_universe_writes = 300
//! ordered_datastores_per_owner = 500
//! assets_per_owner = 120                # asset create, get and update together
//! assets_per_ip = 120
//! assets_operations_per_owner = 300     # asset operation polls
//! place_publish_per_owner = 30
//! place_publish_per_ip = 30
//! user_restrictions_per_owner = 9000    # user restrictions, each method; 150/s as one-minute windows
//! user_restrictions_per_oauth = 1800    # per OAuth authorization (30/s)
//! user_restrictions_reads_per_universe = 3000   # get, list, list logs: each 50/s per universe
//! user_restrictions_updates_per_universe = 600  # 10/s per universe
//! user_restrictions_updates_per_user = 2        # updates of one user in any minute (emulator clock)
//! universes_per_owner = 100             # v2 get/update universe and place, each on its own
//! universes_restart_per_owner = 30      # v2 :restartServers
//! instances_per_owner = 45              # v2 engine instances (API keys only), each method on its own
//! subscriptions_per_owner = 500         # v2 Get Subscription, per API-key owner
//! subscriptions_per_oauth_token = 180   # v2 Get Subscription, per OAuth token (the published 3/s)
//!
//! [assets]
//! max_file_bytes = 20971520             # asset files but videos (a larger one: 400)
//! max_video_bytes = 3750000000
//! max_place_bytes = 10485760            # place files (a larger one: 413)
//! polls_until_done = 2                  # 0: uploads answer done; 2: the second poll is done
//! moderated_words = ["badword"]         # names and descriptions containing one are moderated
//! upload_price = 0                      # uploads expecting a lower price are refused
//! team_create_places = []               # places open in Team Create: publishing answers 409
//! max_multipart_preamble_bytes = 65536  # an upload whose first boundary comes later: 400
//! max_operations = 10000                # upload operations kept for polling; oldest dropped
//! max_place_versions = 10000            # place versions kept for inspection; oldest dropped
//!
//! [[assets.existing]]                   # assets that exist at start
//! id = 10000001                         # optional: the next free id
//! asset_type = "Decal"                  # PascalCase
//! display_name = "Logo"
//! description = ""                      # optional
//! creator = { user = 3000 }             # or { group = 4000 }
//! content_type = "image/png"            # optional (application/octet-stream)
//! size = 0                              # optional
//!
//! [messaging]
//! max_published_messages = 100000      # kept for inspection; older ones are dropped
//!
//! [request_log]
//! max_entries = 100000                  # requests kept for inspection; older ones are dropped
//! max_bytes = 67108864                  # their methods, paths, routes and owners together
//!
//! [server]
//! # public_url = "https://cloud.example.test"   # behind a proxy: what discovery and tokens name
//! body_read_timeout_ms = 30000          # each 64 KiB of a body must arrive within this: else 408
//!
//! [oauth2]                              # the OAuth 2.0 provider's limits
//! code_lifetime_secs = 60               # authorization codes expire and are removed
//! max_pending_codes = 10000             # beyond it the oldest code is dropped
//! max_issued_tokens = 100000            # beyond it the oldest tokens are dropped
//!
//! [datastores]
//! max_versions_per_entry = 100          # older versions are dropped (the service keeps 30 days)
//!
//! [user_restrictions]
//! max_logs_per_universe = 10000         # changes kept per universe; the oldest are dropped
//! max_restrictions = 1000000            # restricting one more user: 429
//! idempotency_key_lifetime_secs = 86400 # a repeat within it gets the first answer; older: 400
//! max_idempotency_keys = 100000         # the oldest keys are forgotten
//! log_ids = "bare"                      # "bare" ("456", as the service) or "paths" ("places/456")
//!
//! [[user_restrictions.existing]]        # restrictions that exist at start (no log entry)
//! universe = 1000
//! place = 2000                          # optional: a place's restriction, else the universe's
//! user = 3001
//! active = true                         # optional (true)
//! duration_secs = 86400                 # optional: permanent without it
//! display_reason = "Cheating"           # optional
//! private_reason = "Report 12"          # optional
//! exclude_alt_accounts = false          # optional
//!
//! [universes_api]                       # Open Cloud v2 universes and places
//! max_server_restarts = 10000           # :restartServers kept for inspection; older ones are dropped
//!
//! [[universe_settings]]                 # a universe's settings (others have a new experience's)
//! universe = 1000
//! visibility = "PRIVATE"                # or "PUBLIC"; read-only through the API
//! age_rating = "AGE_RATING_UNSPECIFIED" # or AGE_RATING_ALL, _9_PLUS, _13_PLUS, _17_PLUS
//! voice_chat_enabled = false
//! private_server_price_robux = 25       # optional: absent turns private servers off
//! desktop_enabled = true
//! mobile_enabled = true
//! tablet_enabled = true
//! console_enabled = false
//! vr_enabled = true
//! twitch_social_link = { title = "Live", uri = "https://twitch.tv/example" }   # optional
//! # facebook_social_link = { title = "", uri = "" }
//! # twitter_social_link = { title = "", uri = "" }
//! # youtube_social_link = { title = "", uri = "" }
//! # discord_social_link = { title = "", uri = "" }
//! # roblox_group_social_link = { title = "", uri = "" }
//! # guilded_social_link = { title = "", uri = "" }
//!
//! [[place_settings]]                    # a place's settings; the root place's name is the universe's
//! universe = 1000
//! place = 2000
//! display_name = "Emulator Place"       # optional (Place <id>)
//! description = ""
//! server_size = 50
//! team_create_active = false            # true: Update Place answers 409 ABORTED
//! universe_runtime_creation = false
//!
//! [instances]                           # Open Cloud v2 engine instances
//! polls_until_done = 0                  # 0: operations answer done; 2: the second poll is done
//! max_operations = 10000                # operations kept for polling; oldest dropped
//! operation_retention_secs = 86400      # then polling one is 404 (the emulator's clock)
//! max_result_bytes = 500000             # a larger result ends the operation with error 422
//! max_script_source_bytes = 200000      # a longer script Source: 400
//!
//! [[place_instances]]                   # instances under a place's DataModel (`root`)
//! universe = 1000
//! place = 2000
//! id = "0a000000-0000-4000-8000-000000000001"   # optional: a random UUID
//! # parent = "…"                        # optional: an instance listed before; the DataModel
//! name = "Main"
//! class = "Script"                      # Script, LocalScript, ModuleScript, Folder, any other
//! details = { Source = "print('hi')", Enabled = true, RunContext = "Legacy" }   # optional
//! locked = false                        # true: open in Studio, updates fail
//!
//! [[subscriptions]]                     # subscriptions to a universe's subscription products
//! universe = 1000
//! product = "EXP-1"
//! user = 3000                           # the subscriber: the subscription id
//! state = "SUBSCRIBED_WILL_RENEW"       # _WILL_NOT_RENEW, _RENEWAL_PAYMENT_PENDING, or EXPIRED
//! # expiration_reason = "LAPSED"        # PRODUCT_INACTIVE, PRODUCT_DELETED, SUBSCRIBER_CANCELLED, ...
//! purchase_platform = "DESKTOP"         # or MOBILE
//! payment_provider = "ROBUX"            # STRIPE, APPLE, GOOGLE, ROBLOX_CREDIT
//! # create_time = "2024-01-01T00:00:00Z"    # optional, RFC 3339 (when seeded)
//! # last_billing_time = "2024-01-01T00:00:00Z"
//! # next_renew_time = "2024-02-01T00:00:00Z"
//! # expire_time = "2024-02-01T00:00:00Z"
//!
//! [[universes]]
//! id = 1000
//! places = [2000]
//! owner = { user = 3000 }               # or { group = 4000 }
//!
//! [[users]]
//! id = 3000
//! name = "emulator_user"
//! display_name = "Emulator User"        # optional, defaults to the name
//!
//! [[groups]]
//! id = 4000
//! name = "Emulator Group"
//! owner = 3000
//!
//! [[api_keys]]
//! key = "my-local-key"
//! owner = { user = 3000 }               # rate limits are pooled per owner
//! [[api_keys.grants]]
//! universe = 1000                       # or "*" for every universe
//! scopes = ["universe-messaging-service:publish"]   # "*" = every scope, "name:*" = every operation
//!
//! [[oauth_tokens]]                      # static Bearer tokens
//! token = "my-local-token"
//! user = 3000
//! universes = [1000]                    # or ["*"]
//! scopes = ["universe-messaging-service:publish"]
//!
//! [[oauth2_apps]]                       # apps of the OAuth 2.0 / OpenID provider
//! client_id = "7000000000000000001"
//! client_secret = "RBX-local-secret"    # omit for a public (PKCE-only) client
//! redirect_uris = ["http://localhost/callback"]   # a loopback URI without a port matches any port
//! scopes = ["openid", "profile", "universe-messaging-service:publish"]
//! user = 3000                           # the user who consents to every authorization
//! universes = [1000]                    # the universes the user authorizes
//!
//! [[data_stores]]                       # standard data stores that exist at start
//! universe = 1000
//! name = "PlayerInventory"
//!
//! [[data_store_entries]]                # standard entries that exist at start (their store too)
//! universe = 1000
//! data_store = "PlayerInventory"
//! scope = "global"                      # optional (global)
//! key = "Player_3000"
//! value = { coins = 5 }                 # any value, stored as JSON
//! attributes = { source = "seed" }      # optional
//! user_ids = [3000]                     # optional
//!
//! [[ordered_data_store_entries]]        # ordered entries that exist at start
//! universe = 1000
//! data_store = "Leaderboard"
//! scope = "global"                      # optional (global)
//! id = "Player_3000"
//! value = 42
//!
//! [[faults]]
//! route = "messaging.publish"           # a route name, or "*" for every route
//! status = 503                          # answer this status instead of handling the request
//! times = 2                             # only the first 2 matching requests
//! # fraction = 0.5                      # or a random half of them (not with times)
//! latency_ms = 0                        # delay before handling
//! # drop = "before_apply"               # or "after_apply": close the connection, no answer
//! retry_after_secs = 1                  # Retry-After of a 429 or 503
//! repeat_cursor = false                 # list routes: nextPageCursor = the cursor sent
//! empty_pages = false                   # v1 list routes: no items, a fresh cursor every time
//! corrupt_md5 = false                   # data store reads: a content-md5 that does not match
//!
//! [[webhooks]]                          # a receiver the emulator delivers notifications to
//! url = "http://127.0.0.1:8090/roblox/webhook"   # http:// only
//! secret = "my-webhook-secret"          # optional; without it the header is just t=<time>
//! timeout_ms = 5000                     # an answer slower than this is a failure
//! retries = 5                           # retries after a failure (non-2xx or too slow)
//! retry_interval_ms = 1000
//! send = [                              # delivered once the emulator listens
//!   { event = "SampleNotification", user = 3000 },
//!   { event = "RightToErasureRequest", user = 3000, universes = [1000] },
//! ]
//! ```
//!
//! Owners (of universes, groups and keys) and token users must be declared in `users` or
//! `groups`; ids, keys and tokens must be unique.
//!
//! # Behaviour
//!
//! * **Authentication**: `x-api-key`, or `Authorization: Bearer` on routes that accept
//!   OAuth. A missing or unknown credential gets 401
//!   `{"errors":[{"code":0,"message":"Invalid API Key"}]}`; a credential without the
//!   route's scope on the universe gets 403 in the route's error shape.
//! * **Rate limits**, on by default: fixed one-minute windows per API-key owner (all of an
//!   owner's keys together), per OAuth token, per client IP and per universe, as Roblox
//!   publishes them. Answers carry `x-ratelimit-limit` (e.g. `5000, 5000;w=60`),
//!   `x-ratelimit-remaining` and `x-ratelimit-reset`; a request over a limit gets 429 with
//!   `Retry-After` as well.
//! * **Faults** ([`FaultRule`]) apply after authentication and rate limiting. On the v1 list
//!   routes, `repeat_cursor` answers the cursor sent and `empty_pages` an empty page with a
//!   fresh cursor every time, to test a client's pager. A request
//!   the client gives up on (timeout, closed connection) is still carried out.
//!
//! * **User restrictions** (bans, Cloud v2): per universe and per place, with the v2 error
//!   body, page tokens bound to their query, `updateMask` (only `gameJoinRestriction` as a
//!   whole) and the `:listLogs` filter (`user == 'users/N' && place == 'places/N'`). A ban
//!   with a duration expires on the emulator's clock
//!   ([`EmulatorHandle::advance_clock`]), a place inherits its universe's active ban, every
//!   change is logged (bounded), and an update with an idempotency key is answered once and
//!   replayed to a repeat. [`EmulatorHandle::user_restriction`] and
//!   [`EmulatorHandle::user_restriction_logs`] inspect them.
//! * **Open Cloud v2** (`/cloud/v2/...`, and the documentation's doubled `/cloud/cloud/v2/`):
//!   errors are `{"code":"NOT_FOUND","message":"…"}` (403 `PERMISSION_DENIED`, 409
//!   `ABORTED`, 429 `RESOURCE_EXHAUSTED`), except a missing or unknown credential, and a
//!   Bearer token on a route that takes only API keys, which get the gateway's 401. Updates
//!   take `updateMask` (lowerCamelCase or snake_case, nested with `.`): a field in the mask
//!   but not in the body is cleared, read-only fields are ignored, no mask updates what the
//!   body holds. Lists take `maxPageSize` (0 or less: the default; above the maximum: the
//!   maximum) and `pageToken`, which is refused with 400 when another parameter changed.
//!   Instance methods answer long-running operations, done after `[instances]
//!   polls_until_done` polls and kept `operation_retention_secs` on the emulator's clock.
//!   `:restartServers` records each restart; `:publishMessage` lands in the v1 message log.
//! * **Assets and place publishing**: uploads and updates are `multipart/form-data`,
//!   read as they arrive and capped by `[assets]`; a file whose first bytes do not match
//!   its content type is refused (`"InvalidImage"` for images), as are names and
//!   descriptions with a moderated word. Uploads answer an operation that is done after
//!   `polls_until_done` polls. Assets keep their size and a hash, not their bytes. Place
//!   versions count up per place; a place of another universe gets 409.
//! # Webhooks
//!
//! The emulator also plays Roblox's side of webhooks:
//! [`EmulatorHandle::send_webhook`] (or a `[[webhooks]]` entry's `send` list) delivers a
//! `SampleNotification` or a `RightToErasureRequest` to a URL as compact JSON, signed in
//! `roblox-signature` with the secret, and retries up to 5 times on a non-2xx or an answer
//! slower than 5 s with the same `NotificationId`; [`EmulatorHandle::webhook_deliveries`]
//! lists every delivery with its attempts. The timeout and the retry interval are
//! settable ([`WebhookConfig`]), so tests stay fast.
//!
//! # The binary
//!
//! `oc-emulator [--addr 127.0.0.1:8080] [--config FILE] [--tls [--cert-out FILE]]
//! [--no-rate-limits] [--public-url URL]` prints the ids and the API key (`universe 1000`,
//! `place 2000`, `user 3000`, `group 4000`, `api-key …`), then `listening on http://ADDR` (`https://`
//! with `--tls`) once it accepts connections, and serves until interrupted. Each
//! finished delivery of the configuration's `[[webhooks]]` prints one `webhook ...` line.
//! `--addr` takes a name too (`localhost:8080`). With `--public-url` (or `[server]
//! public_url`, or [`EmulatorBuilder::public_url`]) it prints `public-url URL` as well,
//! and names itself by that URL in the OpenID discovery document and the `iss` of its
//! tokens, so clients behind a proxy or TLS terminator verify them; asset operation paths
//! are relative, as the service's are.
//! A configuration file that declares no universe or no credential is refused with a
//! message saying so. `oc-emulator --routes` prints the route table above.

mod areas;
mod config;
mod emulator;
mod gateway;
mod route_docs;
mod sync;
mod validation;
mod world;

pub use areas::assets::{AssetsConfig, ExistingAsset, PlaceVersion, StoredAsset};
pub use areas::datastores::{DataStoreConfig, DataStoreEntryConfig, DataStoresConfig};
pub use areas::instances::{InstanceConfig, InstancesConfig};
pub use areas::messaging::{MessagingConfig, PublishedMessage};
pub use areas::oauth2::{
    OAuth2AppConfig, OAuth2Config, DEFAULT_OAUTH2_CLIENT_ID, DEFAULT_OAUTH2_CLIENT_SECRET,
    DEFAULT_OAUTH2_REDIRECT_URIS,
};
pub use areas::ordered_datastores::OrderedEntryConfig;
pub use areas::subscriptions::SubscriptionConfig;
pub use areas::universes::{
    PlaceSettings, ServerRestart, SocialLink, UniverseSettings, UniversesApiConfig,
};
pub use areas::user_restrictions::{
    LogIds, UserRestrictionConfig, UserRestrictionLogRecord, UserRestrictionState,
    UserRestrictionsConfig,
};
pub use areas::webhooks::{
    WebhookAttempt, WebhookConfig, WebhookDelivery, WebhookEvent, DEFAULT_WEBHOOK_RETRIES,
    DEFAULT_WEBHOOK_RETRY_INTERVAL, DEFAULT_WEBHOOK_TIMEOUT,
};
pub use config::Config;
pub use emulator::{Emulator, EmulatorBuilder};
pub use gateway::{
    DropMode, EmulatorError, EmulatorHandle, FaultRule, LogLimits, RateLimitConfig, RequestRecord,
    ServerConfig, CONTROL_PREFIX, CONTROL_SCOPE,
};
pub use route_docs::route_table_markdown;
pub use world::{
    ApiKeyConfig, Grant, GroupConfig, OAuthTokenConfig, Owner, UniverseConfig, UniverseSelector,
    UserConfig, DEFAULT_API_KEY, DEFAULT_GROUP_ID, DEFAULT_PLACE_ID, DEFAULT_UNIVERSE_ID,
    DEFAULT_USER_ID,
};

/// The name of every route, for [`FaultRule::route`] and [`RequestRecord::route`].
pub fn route_names() -> Vec<&'static str> {
    areas::route_names()
}
