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
//!                subscriptions,
//!                luau_execution, groups,
//!                users, inventory,
//!                notifications (v2),
//!                memory_stores,
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
//! | `datastores.v2.list` | `GET /cloud/v2/universes/{universeId}/data-stores` | API key: `universe-datastores.control:list` |
//! | `datastores.v2.snapshot` | `POST /cloud/v2/universes/{universeId}/data-stores:snapshot` | API key: `universe-datastores.control:snapshot` |
//! | `datastores.v2.delete` | `DELETE /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}` | API key: `universe-datastores.control:delete` |
//! | `datastores.v2.undelete` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}:undelete` | API key: `universe-datastores.control:delete` |
//! | `datastores.v2.entries.list` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries` | API key: `universe-datastores.objects:list` |
//! | `datastores.v2.entry.create` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries` | API key: `universe-datastores.objects:create` |
//! | `datastores.v2.entry.get` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}` | API key: `universe-datastores.objects:read` |
//! | `datastores.v2.entry.update` | `PATCH /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.entry.delete` | `DELETE /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}` | API key: `universe-datastores.objects:delete` |
//! | `datastores.v2.entry.increment` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}:increment` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.entry.revisions` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}:listRevisions` | API key: `universe-datastores.versions:list` |
//! | `datastores.v2.pair.entry.get` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}` | API key: `universe-datastores.objects:read` |
//! | `datastores.v2.pair.entry.update` | `PATCH /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.pair.entry.delete` | `DELETE /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}` | API key: `universe-datastores.objects:delete` |
//! | `datastores.v2.pair.entry.increment` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}:increment` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.pair.entry.revisions` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}:listRevisions` | API key: `universe-datastores.versions:list` |
//! | `datastores.v2.scope.entries.list` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries` | API key: `universe-datastores.objects:list` |
//! | `datastores.v2.scope.entry.create` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries` | API key: `universe-datastores.objects:create` |
//! | `datastores.v2.scope.entry.get` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}` | API key: `universe-datastores.objects:read` |
//! | `datastores.v2.scope.entry.update` | `PATCH /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.scope.entry.delete` | `DELETE /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}` | API key: `universe-datastores.objects:delete` |
//! | `datastores.v2.scope.entry.increment` | `POST /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}:increment` | API key: `universe-datastores.objects:update` |
//! | `datastores.v2.scope.entry.revisions` | `GET /cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}:listRevisions` | API key: `universe-datastores.versions:list` |
//! | `ordered.entries.list` | `GET /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered.entry.create` | `POST /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.increment` | `POST /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}:increment` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.get` | `GET /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered.entry.update` | `PATCH /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered.entry.delete` | `DELETE /ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered_v2.entries.list` | `GET /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered_v2.entry.create` | `POST /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered_v2.entry.increment` | `POST /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}:increment` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered_v2.entry.get` | `GET /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:read` |
//! | `ordered_v2.entry.update` | `PATCH /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
//! | `ordered_v2.entry.delete` | `DELETE /cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}` | API key: `universe.ordered-data-store.scope.entry:write` |
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
//! | `groups.get` | `GET /cloud/v2/groups/{group_id}` | API key or OAuth: no scope |
//! | `groups.shout.get` | `GET /cloud/v2/groups/{group_id}/shout` | API key or OAuth: no scope |
//! | `groups.roles.list` | `GET /cloud/v2/groups/{group_id}/roles` | API key or OAuth: no scope |
//! | `groups.roles.get` | `GET /cloud/v2/groups/{group_id}/roles/{role_id}` | API key or OAuth: no scope |
//! | `groups.memberships.list` | `GET /cloud/v2/groups/{group_id}/memberships` | API key or OAuth: no scope |
//! | `groups.memberships.update` | `PATCH /cloud/v2/groups/{group_id}/memberships/{membership_id}` | API key or OAuth: `group:write` |
//! | `groups.memberships.assign_role` | `POST /cloud/v2/groups/{group_id}/memberships/{membership_id}:assignRole` | API key or OAuth: `group:write` |
//! | `groups.memberships.unassign_role` | `POST /cloud/v2/groups/{group_id}/memberships/{membership_id}:unassignRole` | API key or OAuth: `group:write` |
//! | `groups.join_requests.list` | `GET /cloud/v2/groups/{group_id}/join-requests` | API key or OAuth: `group:read` |
//! | `groups.join_requests.accept` | `POST /cloud/v2/groups/{group_id}/join-requests/{join_request_id}:accept` | API key or OAuth: `group:write` |
//! | `groups.join_requests.decline` | `POST /cloud/v2/groups/{group_id}/join-requests/{join_request_id}:decline` | API key or OAuth: `group:write` |
//! | `groups.forum.categories.list` | `GET /cloud/v2/groups/{group_id}/forum-categories` | API key or OAuth: `group-forum:read` |
//! | `groups.forum.posts.list` | `GET /cloud/v2/groups/{group_id}/forum-categories/{forum_category_id}/posts` | API key or OAuth: `group-forum:read` |
//! | `groups.forum.comments.list` | `GET /cloud/v2/groups/{group_id}/forum-categories/{forum_category_id}/posts/{post_id}/comments` | API key or OAuth: `group-forum:read` |
//! | `users.get` | `GET /cloud/v2/users/{user_id}` | API key or OAuth: no scope |
//! | `users.generate_thumbnail` | `GET /cloud/v2/users/{user_id}:generateThumbnail` | API key or OAuth: no scope |
//! | `users.thumbnail_operation` | `GET /cloud/v2/users/{user_id}/operations/{operation_id}` | API key or OAuth: no scope |
//! | `users.list_asset_quotas` | `GET /cloud/v2/users/{user_id}/asset-quotas` | API key or OAuth: `asset:read` |
//! | `inventory.list` | `GET /cloud/v2/users/{user_id}/inventory-items` | API key or OAuth: no scope |
//! | `notifications.create` | `POST /cloud/v2/users/{user_id}/notifications` | API key or OAuth: `user.user-notification:write` |
//! | `assets.create` | `POST /assets/v1/assets` | API key or OAuth: `asset:write` |
//! | `assets.update` | `PATCH /assets/v1/assets/{assetId}` | API key or OAuth: `asset:write` |
//! | `assets.get` | `GET /assets/v1/assets/{assetId}` | API key or OAuth: `asset:read` |
//! | `assets.operation` | `GET /assets/v1/operations/{operationId}` | API key or OAuth: `asset:read` |
//! | `places.publish` | `POST /universes/v1/{universeId}/places/{placeId}/versions` | API key: `universe-places:write` |
//! | `assets.versions.list` | `GET /assets/v1/assets/{assetId}/versions` | API key or OAuth: `asset:read` |
//! | `assets.version.get` | `GET /assets/v1/assets/{assetId}/versions/{versionNumber}` | API key or OAuth: `asset:read` |
//! | `assets.versions.rollback` | `POST /assets/v1/assets/{assetId}/versions:rollback` | API key or OAuth: `asset:write` |
//! | `assets.archive` | `POST /assets/v1/assets/{assetId}:archive` | API key or OAuth: `asset:write` |
//! | `assets.restore` | `POST /assets/v1/assets/{assetId}:restore` | API key or OAuth: `asset:write` |
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
//! | `luau.tasks.create` | `POST /cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-session-tasks` | API key: `universe.place.luau-execution-session:write` |
//! | `luau.tasks.create_version` | `POST /cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-session-tasks` | API key: `universe.place.luau-execution-session:write` |
//! | `luau.tasks.get` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-sessions/{sessionId}/tasks/{taskId}` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.tasks.get_unversioned` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-sessions/{sessionId}/tasks/{taskId}` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.tasks.logs` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-sessions/{sessionId}/tasks/{taskId}/logs` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.tasks.logs_unversioned` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-sessions/{sessionId}/tasks/{taskId}/logs` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.tasks.logs_legacy` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-session-tasks/{taskId}/logs` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.tasks.logs_legacy_version` | `GET /cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-session-tasks/{taskId}/logs` | API key: `universe.place.luau-execution-session:read` or `universe.place.luau-execution-session:write` |
//! | `luau.binary_inputs.create` | `POST /cloud/v2/universes/{universeId}/luau-execution-session-task-binary-inputs` | API key: `universe.place.luau-execution-session:write` |
//! | `luau.binary_inputs.upload` | `PUT /_emulator/luau-binary-inputs/{inputId}` | none (the client authenticates itself) |
//! | `memory_stores.queue.add` | `POST /cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items` | API key: `memory-store.queue:add` |
//! | `memory_stores.queue.add_alias` | `POST /cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:add` | API key: `memory-store.queue:add` |
//! | `memory_stores.queue.read` | `GET /cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:read` | API key: `memory-store.queue:dequeue` |
//! | `memory_stores.queue.discard` | `POST /cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:discard` | API key: `memory-store.queue:discard` |
//! | `memory_stores.sorted_map.list` | `GET /cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items` | API key: `memory-store.sorted-map:read` |
//! | `memory_stores.sorted_map.create` | `POST /cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items` | API key: `memory-store.sorted-map:write` |
//! | `memory_stores.sorted_map.get` | `GET /cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items/{itemId}` | API key: `memory-store.sorted-map:read` |
//! | `memory_stores.sorted_map.update` | `PATCH /cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items/{itemId}` | API key: `memory-store.sorted-map:write` |
//! | `memory_stores.sorted_map.delete` | `DELETE /cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items/{itemId}` | API key: `memory-store.sorted-map:write` |
//! | `memory_stores.flush` | `POST /cloud/v2/universes/{universeId}/memory-store:flush` | API key: `memory-store:flush` or `universe.memory-store:flush` |
//! | `memory_stores.operation` | `GET /cloud/v2/universes/{universeId}/memory-store/operations/{operationId}` | API key: no scope (access to the universe) |
//! | `memory_stores.operation_captured` | `GET /cloud/v2/universes/{universeId}/operations/{operationId}` | API key: no scope (access to the universe) |
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
//! ([`EmulatorHandle::add_instance`]), subscriptions
//! ([`EmulatorHandle::set_subscription`]) and group contents
//! ([`EmulatorHandle::set_group_settings`], [`EmulatorHandle::set_group_role`],
//! [`EmulatorHandle::add_group_member`], [`EmulatorHandle::add_group_join_request`],
//! [`EmulatorHandle::add_group_forum_category`]). [`EmulatorHandle::server_restarts`],
//! [`EmulatorHandle::universe_settings`], [`EmulatorHandle::place_settings`],
//! [`EmulatorHandle::instance`], [`EmulatorHandle::subscription`],
//! [`EmulatorHandle::group_member_roles`], [`EmulatorHandle::group_join_requests`],
//! [`EmulatorHandle::group_role_id`] and [`EmulatorHandle::group_forum_posts`] read them
//! back, and
//! ([`EmulatorHandle::set_subscription`]), user profiles and asset quotas
//! ([`EmulatorHandle::set_user_profile`], [`EmulatorHandle::set_asset_quota`]) and
//! inventories ([`EmulatorHandle::add_inventory_item`],
//! [`EmulatorHandle::set_inventory_private`]). [`EmulatorHandle::server_restarts`],
//! [`EmulatorHandle::universe_settings`], [`EmulatorHandle::place_settings`],
//! [`EmulatorHandle::instance`], [`EmulatorHandle::subscription`],
//! [`EmulatorHandle::user_profile`], [`EmulatorHandle::asset_quotas`],
//! [`EmulatorHandle::inventory_items`] and [`EmulatorHandle::user_notifications`] read
//! them back, and
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
//! datastores_v2_reads_per_universe = 300 # v2 budgets per universe (300 + k × CCU on Roblox)
//! datastores_v2_writes_per_universe = 300
//! datastores_v2_lists_per_universe = 300
//! datastores_v2_removes_per_universe = 300
//! datastores_v2_snapshots_per_owner = 60
//! ordered_datastores_per_universe_reads = 300
//! ordered_datastores_per_universe_writes = 300
//! ordered_datastores_per_owner = 500
//! assets_per_owner = 120                # asset create, get and update together
//! assets_per_ip = 120
//! assets_operations_per_owner = 300     # asset operation polls
//! assets_lifecycle_per_owner = 100      # asset versions, rollback, archive and restore together
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
//! luau_create_per_owner = 40            # Luau task creation, latest version
//! luau_create_version_per_owner = 5     # Luau task creation, a given version
//! luau_get_per_owner = 200              # Luau task gets
//! luau_logs_per_owner = 45              # Luau task log lists
//! luau_binary_input_per_owner = 5       # Luau binary input creation
//! groups_get_per_owner = 150           # v2 Get Group, shout and forum lists, per API-key owner, each method
//! groups_get_per_oauth_token = 30      # the same, per OAuth token
//! groups_per_owner = 300               # v2 group roles, memberships, role changes, join-request list
//! groups_per_oauth_token = 90          # those and accept/decline, per OAuth token
//! groups_join_decisions_per_owner = 100   # v2 join-request accept and decline, per API-key owner
//! users_per_owner = 1000                # v2 Get User, :generateThumbnail, its operations, each on its own
//! users_per_oauth_token = 10            # the same, per OAuth token
//! asset_quotas_per_owner = 60           # v2 List Asset Quotas, per API-key owner or OAuth token
//! inventory_per_owner = 100             # v2 List Inventory Items, per API-key owner
//! inventory_per_oauth_token = 20        # v2 List Inventory Items, per OAuth token
//! notifications_per_owner = 240000      # v2 Create User Notification (the published 4000/s)
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
//! max_versions_per_asset = 1000         # asset versions kept per asset; oldest dropped
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
//! [luau_execution]                      # no Luau runs: rules decide what tasks return
//! polls_until_done = 2                  # gets that end a task: 1st PROCESSING, 2nd the outcome
//! max_incomplete_tasks_per_place = 10   # one more task on the place: 429 RESOURCE_EXHAUSTED
//! max_timeout_secs = 300                # the default and longest task timeout
//! max_script_bytes = 4194304
//! max_log_bytes = 460800                # logs kept per task; older lines are dropped
//! retention_secs = 86400                # finished tasks are kept this long (emulator clock)
//! max_tasks = 10000                     # tasks kept; beyond it the oldest finished are dropped
//! max_binary_input_bytes = 104857600
//! binary_input_lifetime_secs = 900      # a binary input is usable this long (emulator clock)
//! max_binary_inputs = 100               # beyond it the oldest are dropped
//! max_binary_input_total_bytes = 268435456   # uploaded bytes kept across binary inputs
//!
//! [[luau_execution.rules]]              # the first rule matching a task's script decides it
//! # script = "return 3 + 4"             # matches this exact script
//! contains = "return"                   # or a script containing this; neither: every script
//! results = [7, "seven"]                # output.results of a completed task
//! logs = ["hello", { message = "careful", message_type = "WARNING" }]
//! # error = "boom"                      # fail the task (SCRIPT_ERROR) with this message
//! # error_code = "SCRIPT_ERROR"         # or INTERNAL_ERROR, OUTPUT_SIZE_LIMIT_EXCEEDED, ...
//! cancel = false                        # true: the task ends CANCELLED
//! polls_until_done = 1                  # optional: else the table's
//! runtime_secs = 0                      # runs this long on the emulator clock; past the timeout: DEADLINE_EXCEEDED
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
//! deleted_store_retention_days = 30     # v2: a deleted data store can be undeleted for this long
//! etag_mismatch_aborts = true           # v2: an update with a stale etag is 409 ABORTED
//! increment_bound = 9223372036854775807 # v2: an increment answers its sum clamped to this
//!
//! [ordered_datastores]
//! max_entry_id_chars = 50               # v2 entry ids, in characters (the reference says 63 on create)
//! max_name_chars = 50                   # v2 store names and scopes, in characters
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
//! [groups_api]
//! shout_endpoint = true                 # false: GET …/groups/{g}/shout (removed in 2026) is 404
//! max_join_requests_per_group = 10000   # join requests one group holds at most
//!
//! [[group_settings]]                    # a group's settings and shout (others: empty, all false)
//! group = 4000
//! description = "Our group"             # at most 1000 characters
//! public_entry_allowed = false
//! locked = false                        # locked by Roblox moderation
//! verified = false
//! shout = "Welcome!"                    # optional, at most 255 characters
//! # shout_poster = 3000                 # optional: the owner
//!
//! [[group_roles]]                       # roles; a group without has Guest 0, Member 1, Admin 254, Owner 255
//! group = 4000                          # (ids group × 1000 + rank); Guest and Owner are added if missing
//! # id = 4000001                        # optional: group × 1000 + rank
//! name = "Member"                       # at most 100 characters
//! rank = 1                              # 0-255, unique in the group
//! description = ""
//! # permissions = ["viewWallPosts", "viewForums", "changeRank", "acceptRequests"]   # optional: the rank's defaults
//!
//! [[group_members]]                     # members besides the owner (who holds the owner role)
//! group = 4000
//! user = 3001
//! ranks = [1]                           # the roles held, by rank; empty: the lowest above Guest
//!
//! [[group_join_requests]]               # pending requests to join (not of members)
//! group = 4000
//! user = 3002
//!
//! [[group_forum_categories]]            # forum categories, their posts and comments
//! group = 4000
//! # id = "…"                            # optional: a random UUID (also for posts and comments)
//! display_name = "General"
//! # creator = 3000                      # optional: the owner (also author of posts and comments)
//! archived = false                      # archived ones are listed only with `archived == true`
//! [[group_forum_categories.posts]]
//! # id = "…"
//! title = "Welcome"
//! text = "Read the rules first."        # the first comment: the post's content
//! # author = 3000
//! pinned = true
//! locked = false
//! [[group_forum_categories.posts.comments]]
//! # id = "…"
//! text = "Thanks!"
//! # author = 3001
//! # replies_to = "…"                    # optional: a comment listed before it in the post
//! [users_api]                           # Open Cloud v2 users
//! thumbnail_polls_until_done = 0        # 0: :generateThumbnail answers done; 2: the second poll is done
//! max_operations = 10000                # thumbnail operations kept for polling; oldest dropped
//! operation_retention_secs = 86400      # then polling one is 404 (the emulator's clock)
//!
//! [[user_profiles]]                     # a user's profile (others have the defaults)
//! user = 3000                           # declared in [[users]]: the name and display name are there
//! about = ""
//! locale = "en_us"
//! premium = false
//! id_verified = false                   # shown only with user.advanced:read
//! # create_time = "2020-01-01T00:00:00Z"    # optional, RFC 3339 (when the emulator started)
//! facebook = ""                         # the social profiles: shown only with user.social:read
//! twitter = ""
//! youtube = ""
//! twitch = ""
//! guilded = ""
//! social_visibility = "NO_ONE"          # FRIENDS, FRIENDS_AND_FOLLOWING, FRIENDS_FOLLOWING_AND_FOLLOWERS, EVERYONE
//!
//! [[asset_quotas]]                      # a user's asset quotas (listed only to the user)
//! user = 3000
//! quota_type = "RATE_LIMIT_UPLOAD"      # or RATE_LIMIT_CREATOR_STORE_DISTRIBUTE
//! asset_type = "AUDIO"                  # DECAL, MODEL, MESH_PART, ...
//! usage = 0
//! capacity = 100
//! period = "MONTH"                      # or DAY
//! # usage_reset_time = "2024-02-01T00:00:00Z"   # optional, RFC 3339
//!
//! [inventory]                           # Open Cloud v2 inventories
//! private_users = []                    # inventories only the owner's key or token (user.inventory-item:read) lists
//!
//! [[inventory_items]]                   # an item of a user's inventory
//! user = 3000
//! kind = "asset"                        # asset, badge, game_pass or private_server
//! id = 1028595                          # the asset, badge, game pass or private server id
//! asset_type = "HAT"                    # assets only: CLASSIC_TSHIRT, PURCHASED_PLACE, ...
//! instance_id = 200105119388            # assets only, optional: the next free copy id
//! # collectible = { item_id = "…", instance_id = "…", state = "AVAILABLE", serial_number = 160 }
//! # add_time = "2024-01-01T00:00:00Z"   # optional, RFC 3339 (never shown for passes)
//!
//! [notifications]                       # Open Cloud v2 user notifications
//! max_notifications = 100000            # kept for inspection; older ones are dropped
//! daily_limit_per_user = 0              # per user and experience per UTC day (429 beyond); 0: off
//! max_launch_data_bytes = 200           # a longer joinExperience.launchData: 400
//!
//! [memory_stores]                       # Open Cloud v2 memory stores (queues, sorted maps, flush)
//! users = 0                             # the memory quota is memory_base_bytes + memory_per_user_bytes × users
//! ccu = 0                               # request units per minute: request_units_base + request_units_per_ccu × ccu
//! memory_base_bytes = 65536             # 64 KB (while rate limits are on); past it a growing write: 429
//! memory_per_user_bytes = 1229          # 1.2 KB
//! request_units_base = 1000             # 0: no request-unit limit (applies while rate limits are on)
//! request_units_per_ccu = 120
//! max_items_per_structure = 1000000     # one more item in a queue or sorted map: 429 DataStructureItemsOverLimit
//! max_bytes_per_structure = 104857600   # 100 MB, keys included: 429 DataStructureMemoryOverLimit
//! max_value_bytes = 32768               # a larger value or queue item: 400 ItemValueSizeTooLarge
//! max_key_chars = 128                   # sorted-map keys
//! max_sort_key_chars = 128
//! max_ttl_secs = 3888000                # 45 days: the longest expiration
//! default_ttl_secs = 3888000            # the expiration of an item sent without one
//! max_read_count = 200                  # larger read counts are coerced
//! default_invisibility_secs = 30
//! max_reads = 100000                    # queue reads remembered for discarding; the oldest are forgotten
//! default_page_size = 1                 # sorted-map list
//! max_page_size = 100
//! plus_as_space = true                  # `+` in a path's key or name reads as a space
//! strict_read_response = false          # true: a read answers only readId and items (no id/data)
//! error_key = "code"                    # or "error": {"error":"NOT_FOUND","message":"…"}
//! polls_until_done = 0                  # flush operations: 0 answers done at once
//! max_operations = 10000
//! operation_retention_secs = 86400
//!
//! [[memory_stores.queue_items]]         # queue items that exist at start
//! universe = 1000
//! queue = "matchmaking"
//! data = { player = 3000 }              # any value
//! priority = 0.0                        # optional; higher is nearer the front
//! ttl_secs = 600                        # optional: default_ttl_secs
//! scope = "LIVE"                        # optional: or "TEST" (Studio data)
//!
//! [[memory_stores.sorted_map_items]]    # sorted-map items that exist at start
//! universe = 1000
//! map = "leaderboard"
//! key = "player-3000"
//! value = { wins = 3 }
//! numeric_sort_key = 3.0                # optional; or string_sort_key = "…"
//! # string_sort_key = "gold"
//! ttl_secs = 600                        # optional
//! scope = "LIVE"                        # optional
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
//! deleted = false                       # v2: starts deleted (undeletable until the retention ends)
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
//!   Get User shows `idVerified` only with `user.advanced:read` and the social profiles only
//!   with `user.social:read`; `:generateThumbnail` answers an operation done after
//!   `[users_api] thumbnail_polls_until_done` polls (0: at once). Inventories apply every
//!   filter of the `field=value;…` grammar; a private inventory, private servers and
//!   purchased places need the owner's own key or token with `user.inventory-item:read`.
//!   Notifications are recorded (`user_notifications()`), with an optional daily throttle.
//! * **Assets and place publishing**: uploads and updates are `multipart/form-data`,
//!   read as they arrive and capped by `[assets]`; a file whose first bytes do not match
//!   its content type is refused (`"InvalidImage"` for images), as are names and
//!   descriptions with a moderated word. Uploads answer an operation that is done after
//!   `polls_until_done` polls. Assets keep their size and a hash, not their bytes. Place
//!   versions count up per place; a place of another universe gets 409. Every upload,
//!   update and rollback makes an asset version (listed newest first; a rollback makes an
//!   older version's content current as a new version); an archived asset reads with
//!   `state` `Archived` and refuses updates and rollbacks until restored.
//! * **Ordered data stores v2** share the v1 entries: a create of an existing entry is
//!   400, a delete of a missing one 404, fractional values are rounded half away from
//!   zero, an increment past the `i64` range answers the clamped value, lists sort equal
//!   values by id and take the `entry >= N && entry <= N` filter.
//!
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
#[doc(hidden)]
pub mod fuzzing;
mod gateway;
mod route_docs;
mod sync;
mod validation;
mod world;

pub use areas::assets::{AssetsConfig, ExistingAsset, PlaceVersion, StoredAsset};
pub use areas::datastores::{DataStoreConfig, DataStoreEntryConfig, DataStoresConfig};
pub use areas::groups::{
    ForumCategoryConfig, ForumCommentConfig, ForumPostConfig, GroupJoinRequestConfig,
    GroupMemberConfig, GroupRoleConfig, GroupSettings, GroupsApiConfig,
};
pub use areas::instances::{InstanceConfig, InstancesConfig};
pub use areas::inventory::{
    CollectibleConfig, InventoryConfig, InventoryItemConfig, InventoryItemKind,
};
pub use areas::luau_execution::{
    LuauBinaryInputRecord, LuauExecutionConfig, LuauLogLine, LuauScriptRule, LuauTaskRecord,
};
pub use areas::memory_stores::{
    MemoryStoreErrorKey, MemoryStoreQueueItemConfig, MemoryStoreQueueItemState, MemoryStoreScope,
    MemoryStoreSortedMapItemConfig, MemoryStoreSortedMapItemState, MemoryStoresConfig,
};
pub use areas::messaging::{MessagingConfig, PublishedMessage};
pub use areas::notifications::{NotificationParameter, NotificationsConfig, SentNotification};
pub use areas::oauth2::{
    OAuth2AppConfig, OAuth2Config, DEFAULT_OAUTH2_CLIENT_ID, DEFAULT_OAUTH2_CLIENT_SECRET,
    DEFAULT_OAUTH2_REDIRECT_URIS,
};
pub use areas::ordered_datastores::{OrderedDataStoresConfig, OrderedEntryConfig};
pub use areas::subscriptions::SubscriptionConfig;
pub use areas::universes::{
    PlaceSettings, ServerRestart, SocialLink, UniverseSettings, UniversesApiConfig,
};
pub use areas::user_restrictions::{
    LogIds, UserRestrictionConfig, UserRestrictionLogRecord, UserRestrictionState,
    UserRestrictionsConfig,
};
pub use areas::users::{AssetQuotaConfig, UserProfileConfig, UsersApiConfig};
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
