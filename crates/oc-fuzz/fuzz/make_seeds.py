#!/usr/bin/env python3
"""Writes the checked-in seed inputs of the client fuzz targets into seeds/TARGET/.

The shapes are the ones the crates' unit tests use. Run it from anywhere after changing
it; the seeds are small (a few KiB per target). Input formats: see oc_fuzz::answer (an
answer as text: status line, header lines, empty line, body), and for `endpoints` one
leading byte picking the endpoint in oc_fuzz::ENDPOINTS's order.
"""

import base64
import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")

# oc_fuzz::ENDPOINTS, read from its source so that the order is written once.
def read_endpoints():
    source = os.path.join(HERE, "..", "src", "endpoints.rs")
    text = open(source, encoding="utf-8").read()
    start = text.index("pub const ENDPOINTS: &[&str] = &[")
    body = text[start : text.index("];", start)]
    return re.findall(r'"([^"]+)"', body)


ENDPOINTS = read_endpoints()


def answer(status, headers=(), body=""):
    lines = [str(status)] + [f"{n}: {v}" for n, v in headers]
    return ("\n".join(lines) + "\n\n" + body).encode()


ERROR_BODIES = [
    (401, [], '{"errors":[{"code":0,"message":"Invalid API Key"}]}'),
    (400, [], '{"error":"INVALID_ARGUMENT","message":"Invalid cursor.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"InvalidCursor"}]}'),
    (400, [], '{"code":"INVALID_ARGUMENT","message":"Entry already exists."}'),
    (409, [], '{"code":10,"message":"Entry value outside of bounds."}'),
    (400, [], '{"errors":{"assetId":["The value \'a\' is not valid."]},"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"extensions":{"traceId":"00-1-2-00"}}'),
    (400, [], '{"code":400,"message":"\\"InvalidImage\\""}'),
    (500, [], '{"code":13,"message":"boom","details":[{"@type":"type.googleapis.com/x"}]}'),
    (401, [], '{"error":"invalid_client","error_description":"Invalid client."}'),
    (403, [], '{"error":"INSUFFICIENT_SCOPE","message":"The api key does not have sufficient scope to perform this operation.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"Forbidden"}]}'),
    (403, [("www-authenticate", 'Bearer error="insufficient_scope", scope="openid"')], '{"error":"insufficient_scope","error_description":"needs more","scope":"openid"}'),
    (429, [("retry-after", "2"), ("x-ratelimit-reset", "60")], ""),
    (503, [], "Service Unavailable"),
    (404, [], '"not found"'),
    (502, [("content-type", "text/html")], "<html><body>Bad Gateway</body></html>"),
]

RATE_LIMITS = [
    (200, [("x-ratelimit-limit", "100, 100;w=86400, 100;w=86400"), ("x-ratelimit-remaining", "86"), ("x-ratelimit-reset", "56442")]),
    (429, [("retry-after", "3"), ("x-ratelimit-reset", "60")]),
    (429, [("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
    (503, [("retry-after", "soon")]),
    (429, [("retry-after", "1.5")]),
    (429, [("x-ratelimit-limit", "10;w=60"), ("x-ratelimit-reset", "18446744073709551615")]),
]

VERSION = "08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01"
ENTRY_HEADERS = [
    ("content-md5", "@md5"),
    ("roblox-entry-version", VERSION),
    ("roblox-entry-created-time", "2022-02-02T23:30:06.5388799Z"),
    ("roblox-entry-version-created-time", "2022-02-03T00:00:00Z"),
    ("roblox-entry-attributes", '{"team":"red"}'),
    ("roblox-entry-userids", "[1,2]"),
]
ENTRY_INFO = json.dumps({
    "version": VERSION,
    "deleted": False,
    "contentLength": 10,
    "createdTime": "2022-02-03T00:00:00Z",
    "objectCreatedTime": "2022-02-02T23:30:06.5388799Z",
})
X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"

SUCCESSES = {
    "messaging.publish": [(200, [], "")],
    "datastores.get": [(200, ENTRY_HEADERS, '{"gold":6}'), (200, ENTRY_HEADERS[1:], "{not json")],
    "datastores.get_version": [(200, ENTRY_HEADERS, '{"gold":6}')],
    "datastores.set": [(200, [], ENTRY_INFO)],
    "datastores.set.match_version": [(412, ENTRY_HEADERS, '{"gold":6}')],
    "datastores.set.exclusive_create": [(412, [], '{"error":"FAILED_PRECONDITION","message":"The entry does not exist.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"PreconditionFailed"}]}')],
    "datastores.increment": [(200, [("content-md5", "@md5"), ("roblox-entry-version", VERSION), ENTRY_HEADERS[2], ENTRY_HEADERS[3]], "7"), (412, ENTRY_HEADERS, '{"gold":6}')],
    "datastores.remove": [(204, [], "")],
    "datastores.list_keys": [(200, [], '{"keys":[{"scope":"global","key":"a"},{"scope":"s","key":"b"}],"nextPageCursor":"c2"}')],
    "datastores.list_data_stores": [(200, [], '{"datastores":[{"name":"coins","createdTime":"2022-02-02T23:30:06.5388799Z"}],"nextPageCursor":""}')],
    "datastores.list_versions": [(200, [], json.dumps({"versions": [{"version": VERSION, "deleted": True, "contentLength": 0, "createdTime": "2022-02-03T00:00:00Z", "objectCreatedTime": "2022-02-02T23:30:06.5388799Z"}]}))],
    "ordered.get": [(200, [], '{"path":"p","id":"a","value":5}'), (200, [], '{"id":"a","value":"-12"}')],
    "ordered.set": [(200, [], '{"id":"a"}')],
    "ordered.set.exclusive_create": [(400, [], '{"code":"INVALID_ARGUMENT","message":"Entry already exists."}'), (400, [], '{"code":3,"message":"Invalid argument."}')],
    "ordered.set.exclusive_update": [(404, [], '{"code":"NOT_FOUND","message":"Entry not found."}')],
    "ordered.increment": [(200, [], '{"id":"a","value":8}'), (409, [], '{"code":"FAILED_PRECONDITION","message":"Entry value outside of bounds."}')],
    "ordered.remove": [(200, [], "{}")],
    "ordered.list_entries": [(200, [], '{"entries":[{"id":"x","value":9},{"id":"y"}],"nextPageToken":"t2"}')],
    "assets.upload": [
        (200, [], '{"path":"operations/abc","done":false}'),
        (200, [], '{"operationId":"xyz"}'),
        (200, [], '{"path":"operations/abc","done":true,"response":{"assetId":"5","assetType":"Decal","revisionId":"1","revisionCreateTime":"2023-12-30T16:24:24.2118874Z"}}'),
        (200, [], '{"path":"operations/abc","done":true,"error":{"code":400,"message":"AssetName is moderated."}}'),
        (400, [], '{"code":"INVALID_ARGUMENT","message":"AssetName is moderated."}'),
    ],
    "assets.operation": [
        (200, [], '{"path":"operations/abc","done":true,"response":{"path":"assets/5","assetId":"5","assetType":"ASSET_TYPE_DECAL","revisionCreateTime":"2024-01-01T00:00:00Z"}}'),
        (200, [], '{"done":true,"error":{"code":3,"message":"AssetName is moderated."}}'),
        (200, [], '{"done":true,"error":{"code":13,"message":"boom"}}'),
    ],
    "assets.update": [(200, [], '{"done":true,"response":{"assetId":"9","displayName":"N","assetType":"Model","revisionId":"2"}}')],
    "assets.publish_place": [(200, [], '{"versionNumber":12}'), (409, [], '{"code":"Conflict","message":"Place not part of the universe."}')],
    "oauth2.token": [
        (200, [], '{"access_token":"AT.1","refresh_token":"RT.1","token_type":"Bearer","expires_in":899,"scope":"openid profile","id_token":"a.b.c"}'),
        (401, [], '{"error":"invalid_grant","error_description":"The code was already used."}'),
    ],
    "oauth2.userinfo": [
        (200, [], '{"sub":"3000","name":"Emulator User","nickname":"emulator_user","preferred_username":"emulator_user","created_at":1700000000,"profile":"https://www.roblox.com/users/3000/profile"}'),
        (403, [], '{"error":"insufficient_scope","error_description":"needs openid","scope":"openid"}'),
    ],
    "oauth2.introspect": [
        (200, [], '{"active":true,"jti":"RT.2GcjvTduKzk6QY9tjTfm","iss":"https://apis.roblox.com/oauth/","token_type":"Bearer","client_id":"840974200211308101","aud":"4239311013248676173","sub":"1516563360","scope":"universe-messaging-service:publish","exp":1676394509,"iat":1660842510}'),
        (200, [], '{"active":false}'),
    ],
    "oauth2.resources": [(200, [], '{"resource_infos":[{"owner":{"id":"1516563360","type":"User"},"resources":{"universe":{"ids":["3828411582"]},"creator":{"ids":["U","G55"]}}}]}')],
    "oauth2.discovery": [(200, [], '{"issuer":"https://apis.roblox.com/oauth/","jwks_uri":"https://apis.roblox.com/oauth/v1/certs","id_token_signing_alg_values_supported":["ES256"]}')],
    "oauth2.certs": [(200, [], '{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","alg":"ES256","x":"%s","y":"%s"},{"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"}]}' % (X, Y))],
    "oauth2.revoke": [(200, [], ""), (400, [], '{"error":"invalid_client","error_description":"Invalid client secret."}')],
}


def b64(text):
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()


CLAIMS = {
    "sub": "3000",
    "iss": "https://apis.roblox.com/oauth/",
    "aud": "fuzz-client",
    "exp": 4102444800,
    "iat": 1700000000,
    "nbf": 1700000000,
    "nonce": "fuzz-nonce",
    "name": "Emulator User",
    "nickname": "emulator_user",
    "preferred_username": "emulator_user",
    "created_at": 1700000000,
    "profile": "https://www.roblox.com/users/3000/profile",
    "jti": "ID.1",
}
ID_TOKENS = {
    # Claims JSON alone: the target makes it an ES256 token.
    "claims": json.dumps(CLAIMS),
    "claims_group_subject": json.dumps(dict(CLAIMS, sub="group:1", aud=["fuzz-client", "other"])),
    # A whole token: header and claims as the fuzzer gives them, then signed.
    "token": b64('{"alg":"ES256","kid":"k1","typ":"JWT"}') + "." + b64(json.dumps(CLAIMS)) + ".sig",
    "alg_none": b64('{"alg":"none","kid":"k"}') + "." + b64("{}") + ".",
    "no_kid": b64('{"alg":"ES256"}') + ".e30.sig",
    "not_a_jwt": "not a jwt",
}


V2_ERROR = (400, [], '{"code":"INVALID_ARGUMENT","message":"Invalid User ID in the request.","details":[]}')
UNIVERSE = json.dumps({"path": "universes/42", "createTime": "2024-04-18T01:44:49Z", "updateTime": "2024-10-01T02:31:46.304Z", "displayName": "Obby", "description": "", "user": "users/7", "visibility": "PUBLIC", "facebookSocialLink": {"title": "Fans", "uri": "https://facebook.com/x"}, "ageRating": "AGE_RATING_9_PLUS", "privateServerPriceRobux": 10, "desktopEnabled": True, "voiceChatEnabled": False})
PLACE = json.dumps({"path": "universes/42/places/9", "createTime": "2024-04-18T01:44:49Z", "displayName": "Start", "description": "d", "serverSize": 50})
INSTANCE = {"path": "universes/42/places/9/instances/root", "hasChildren": True, "engineInstance": {"Id": "root", "Parent": "", "Name": "Game", "Details": {}}}
SCRIPT = {"path": "universes/42/places/9/instances/a1", "engineInstance": {"Id": "a1", "Parent": "root", "Name": "S", "Details": {"Script": {"Enabled": True, "RunContext": "Legacy", "Source": "print(1)"}}}}
def operation(response, done=True):
    body = {"path": "universes/42/places/9/instances/root/operations/9d7c", "done": done}
    if response is not None:
        body["response"] = response
    return json.dumps(body)
TASK = json.dumps({"path": "universes/42/places/9/versions/3/luau-execution-sessions/s-1/tasks/t-1", "createTime": "2024-07-22T19:06:55.829412600Z", "updateTime": "2024-07-22T19:06:56Z", "user": "45348281", "state": "COMPLETE", "script": "return 1", "timeout": "300s", "output": {"results": [1, "x", None, {"a": [True]}]}})
FAILED_TASK = json.dumps({"path": "universes/42/places/9/versions/3/luau-execution-sessions/s-1/tasks/t-1", "state": "FAILED", "error": {"code": "SCRIPT_ERROR", "message": "boom"}})
RESTRICTION = json.dumps({"path": "universes/42/user-restrictions/7", "updateTime": "2024-04-18T01:44:49Z", "user": "users/7", "gameJoinRestriction": {"active": True, "startTime": "2024-04-18T01:44:49Z", "duration": "86400s", "privateReason": "p", "displayReason": "d", "excludeAltAccounts": False, "inherited": False}})
ROLE = {"path": "groups/5/roles/1", "id": "1", "displayName": "Member", "description": "", "rank": 1, "memberCount": 3, "permissions": {"viewWallPosts": True, "changeRank": False}}
MEMBERSHIP = {"path": "groups/5/memberships/Nw", "createTime": "2024-04-18T01:44:49Z", "user": "users/7", "role": "groups/5/roles/1"}
# A memory-store sorted-map item, as captured.
ITEM = {"path": "cloud/v2/universes/42/memory-store/sorted-maps/fuzz-map/items/key", "value": {"isReal": True}, "etag": "24", "expireTime": "2024-04-18T04:31:14Z", "id": "key", "numericSortKey": 1}

V2_SUCCESSES = {
    "universes.get": [(200, [], UNIVERSE), V2_ERROR],
    "universes.update": [(200, [], UNIVERSE)],
    "universes.restart_servers": [(200, [], "{}"), (200, [], "")],
    "universes.publish_message": [(200, [], "{}")],
    "places.get": [(200, [], PLACE)],
    "places.update": [(200, [], PLACE), (409, [], '{"code":"ABORTED","message":"Team Create is on."}')],
    "instances.get": [(200, [], operation(dict(INSTANCE, **{"@type": "type.googleapis.com/roblox.open_cloud.cloud.v2.Instance"}))), (200, [], operation(None, False))],
    "instances.update": [(200, [], operation(SCRIPT)), (200, [], json.dumps({"path": "p/operations/x", "done": True, "error": {"code": 9, "message": "locked"}}))],
    "instances.list_children": [(200, [], operation({"@type": "type.googleapis.com/roblox.open_cloud.cloud.v2.ListInstanceChildrenResponse", "instances": [SCRIPT], "nextPageToken": "t2"})), (200, [], operation(None, None))],
    "subscriptions.get": [(200, [], json.dumps({"path": "universes/42/subscription-products/p-1/subscriptions/7", "createTime": "2024-04-18T01:44:49Z", "active": True, "willRenew": True, "state": "SUBSCRIBED_WILL_RENEW", "expirationDetails": {"reason": "PRODUCT_INACTIVE"}, "purchasePlatform": "DESKTOP", "paymentProvider": "STRIPE", "user": "users/7"}))],
    "luau.create": [(200, [], TASK)],
    "luau.get": [(200, [], TASK), (200, [], FAILED_TASK)],
    "luau.logs": [(200, [], json.dumps({"luauExecutionSessionTaskLogs": [{"path": "x/logs/1", "messages": ["a", "b"]}], "nextPageToken": ""}))],
    "luau.structured_logs": [(200, [], json.dumps({"luauExecutionSessionTaskLogs": [{"path": "x/logs/1", "structuredMessages": [{"message": "a", "createTime": "2024-04-18T01:44:49Z", "messageType": "OUTPUT"}]}], "nextPageToken": "n"}))],
    "luau.binary_input": [(200, [], json.dumps({"path": "universes/42/luau-execution-session-task-binary-inputs/b-1", "size": "10", "uploadUri": "https://upload.example/b-1"}))],
    "restrictions.get": [(200, [], RESTRICTION), (404, [], '{"code":"NOT_FOUND","message":"not found"}')],
    "restrictions.update": [(200, [], RESTRICTION)],
    "restrictions.list": [(200, [], json.dumps({"userRestrictions": [json.loads(RESTRICTION)], "nextPageToken": "n"}))],
    "restrictions.logs": [(200, [], json.dumps({"logs": [{"user": "users/7", "place": "18210254887", "moderator": {"robloxUser": "45348281"}, "createTime": "2024-04-18T01:44:49Z", "active": True, "startTime": "2024-04-18T01:44:49Z", "duration": "3s", "privateReason": "p", "displayReason": "d", "restrictionType": {"gameJoinRestriction": {}}, "excludeAltAccounts": True}], "nextPageToken": "id_2zwAAAZBRnd35xBBXeienIm9K54uMH01-RpcT"}))],
    "groups.get": [(200, [], json.dumps({"path": "groups/5", "createTime": "2024-04-18T01:44:49Z", "id": "5", "displayName": "G", "description": "", "owner": "users/7", "memberCount": 3, "publicEntryAllowed": True, "locked": False, "verified": False}))],
    "groups.roles": [(200, [], json.dumps({"groupRoles": [ROLE], "nextPageToken": "38353811"}))],
    "groups.role": [(200, [], json.dumps(ROLE))],
    "groups.memberships": [(200, [], json.dumps({"groupMemberships": [MEMBERSHIP], "nextPageToken": ""}))],
    "groups.assign_role": [(200, [], json.dumps(MEMBERSHIP))],
    "groups.join_requests": [(200, [], json.dumps({"groupJoinRequests": [{"path": "groups/5/join-requests/Nw", "createTime": "2024-04-18T01:44:49Z", "user": "users/7"}], "nextPageToken": ""}))],
    "groups.accept": [(200, [], "{}")],
    "groups.forum_categories": [(200, [], json.dumps({"forumCategories": [{"path": "groups/5/forum-categories/c-1", "displayName": "General", "description": "", "createTime": "2024-04-18T01:44:49Z", "archived": False}], "nextPageToken": ""}))],
    "groups.forum_posts": [(200, [], json.dumps({"forumPosts": [{"path": "groups/5/forum-categories/c-1/posts/p-1", "title": "Hi", "pinned": False, "locked": False, "createTime": "2024-04-18T01:44:49Z", "author": "users/7", "commentCount": 1}], "nextPageToken": ""}))],
    "groups.forum_comments": [(200, [], json.dumps({"forumComments": [{"path": "groups/5/forum-categories/c-1/posts/p-1/comments/m-1", "content": {"plainText": "x"}, "createTime": "2024-04-18T01:44:49Z", "author": "users/7", "reactions": [{"emote": "heart", "count": 2}]}], "nextPageToken": ""}))],
    "users.profile": [(200, [], json.dumps({"path": "users/7", "createTime": "2024-04-18T01:44:49Z", "id": "7", "name": "builderman", "displayName": "Builder", "about": "", "locale": "en_us", "premium": True, "idVerified": True, "socialNetworkProfiles": {"facebook": "f", "visibility": "EVERYONE"}}))],
    "users.thumbnail": [(200, [], json.dumps({"path": "users/7/operations/abc", "done": True, "response": {"@type": "apis.roblox.com/roblox.open_cloud.cloud.v2.GenerateUserThumbnailResponse", "imageUri": "https://tr.rbxcdn.com/x/420/420/AvatarHeadshot/Png"}})), (200, [], '{"path":"users/7/operations/abc","done":false}')],
    "users.asset_quotas": [(200, [], json.dumps({"assetQuotas": [{"path": "users/7/asset-quotas/q-1", "quotaType": "RATE_LIMIT_UPLOAD", "assetType": "DECAL", "usage": 3, "capacity": 100, "period": "MONTH", "usageResetTime": "2024-05-01T00:00:00Z"}], "nextPageToken": ""}))],
    "inventory.list": [(200, [], json.dumps({"inventoryItems": [{"path": "users/7/inventory-items/VVNFUl9QTEFDRV8y", "assetDetails": {"assetId": "2", "inventoryItemAssetType": "CLASSIC_TSHIRT", "instanceId": "9", "collectibleDetails": {"itemId": "i", "instanceId": "j", "instanceState": "AVAILABLE", "serialNumber": 160}}}, {"path": "users/7/inventory-items/b", "badgeDetails": {"badgeId": "3"}}], "nextPageToken": ""}))],
    "notifications.create": [(200, [], json.dumps({"path": "users/7/notifications/n-1", "id": "n-1"}))],
    "ordered_v2.get": [(200, [], '{"path":"universes/42/ordered-data-stores/fuzz-board/scopes/season/entries/key","value":78,"id":"key"}'), (200, [], '{"id":"key","value":"-12"}'), (200, [], '{"id":"key","value":2.5}')],
    "ordered_v2.set": [(200, [], '{"id":"key","value":0}')],
    "ordered_v2.set.exclusive_create": [(200, [], '{"path":"universes/42/ordered-data-stores/fuzz-board/scopes/season/entries/key","value":78,"id":"key"}'), (400, [], '{"code":"INVALID_ARGUMENT","message":"Entry already exists."}')],
    "ordered_v2.set.exclusive_update": [(404, [], '{"code":"NOT_FOUND","message":"Entry not found."}')],
    "ordered_v2.increment": [(200, [], '{"id":"key","value":9223372036854775807}')],
    "ordered_v2.remove": [(200, [], "{}"), (404, [], '{"code":"NOT_FOUND","message":"Entry not found."}')],
    "ordered_v2.list_entries": [(200, [], '{"orderedDataStoreEntries":[{"path":"universes/42/ordered-data-stores/fuzz-board/scopes/season/entries/key","value":78,"id":"key"},{"id":"y"}],"nextPageToken":"t2"}'), (200, [], '{"orderedDataStoreEntries":[]}')],
    "assets.get": [(200, [], '{"path":"assets/16989283104","revisionId":"1","revisionCreateTime":"2024-04-02T22:57:45.953Z","assetId":"16989283104","displayName":"suzanne","assetType":"Model","creationContext":{"creator":{"userId":"45348281"}},"moderationResult":{"moderationState":"Approved"},"previews":[]}'), (200, [], '{"path":"assets/9","state":"ARCHIVED","icon":"assets/8","previews":[{"asset":"assets/7","altText":"a"}],"twitchSocialLink":{"title":"t","uri":"https://twitch.tv/x"}}')],
    "assets.versions": [(200, [], '{"assetVersions":[{"path":"assets/9/versions/2","creationContext":{"creator":{"userId":"45348281"}},"moderationResult":{"moderationState":"Approved"}},{"path":"assets/9/versions/1","published":true}],"nextPageToken":"n"}'), (200, [], '[{"path":"assets/9/versions/1"}]')],
    "assets.version": [(200, [], '{"path":"assets/18508967120/versions/1","creationContext":{"creator":{"userId":"45348281"}},"moderationResult":{"moderationState":"Approved"}}')],
    "assets.rollback": [(200, [], '{"path":"assets/9/versions/1"}'), (400, [], '{"code":400,"message":"Invalid argument. The asset is archived; restore it first."}')],
    "assets.archive": [(200, [], '{"path":"assets/9","assetId":"9","assetType":"Model","state":"Archived"}')],
    "assets.restore": [(200, [], '{"path":"assets/9","assetId":"9","assetType":"Model","state":"Active"}')],
    "memory_stores.queue_add": [(200, [], json.dumps({"path": "cloud/v2/universes/42/memory-store/queues/fuzz-queue/items/7fffffffffffffff0000000000000003", "data": {"name": "MyItem", "value": "fooBar"}, "priority": 0, "expireTime": "2024-06-04T08:10:33Z"}))],
    "memory_stores.queue_read": [(200, [], json.dumps({"data": [{"name": "Testing123", "value": {"isReal": True}}, 2], "id": "5cfc27af46da4cf08b41aa9a3d78a75e"})), (200, [], json.dumps({"readId": "r-1", "items": [{"path": "cloud/v2/universes/42/memory-store/queues/fuzz-queue/items/1", "data": 1, "priority": 2.5, "expireTime": "2024-06-04T08:10:33Z"}]})), (204, [], "")],
    "memory_stores.queue_discard": [(200, [], "")],
    "memory_stores.sorted_map_list": [(200, [], json.dumps({"items": [ITEM, {"id": "b", "value": 2, "stringSortKey": "s"}], "nextPageToken": "S_USLzRFVMU73i67jNK349FgCtYxw4Wl18ziPHeFRZoACgBUZXN0aW5nMTIzCQAAv_AAAAAAAAA"}))],
    "memory_stores.sorted_map_create": [(200, [], json.dumps(dict(ITEM, path="cloud/v2/universes/42/memory-store/sorted-maps/fuzz-map/items")))],
    "memory_stores.sorted_map_get": [(200, [], json.dumps(ITEM))],
    "memory_stores.sorted_map_update": [(200, [], json.dumps({"path": "cloud/v2/universes/42/memory-store/sorted-maps/fuzz-map/items/", "value": {"isReal": False}, "etag": "20", "expireTime": "2024-04-18T03:48:53Z", "numericSortKey": None}))],
    "memory_stores.sorted_map_delete": [(200, [], "")],
    "memory_stores.flush": [(200, [], json.dumps({"path": "cloud/v2/universes/42/operations/AAUAAAAAAADRMx55T0AKRxSgFCrSusMzqOKQNyVaQz8eMi9t-dwQwQ", "done": None})), (200, [], json.dumps({"path": "cloud/v2/universes/42/memory-store/operations/x", "done": True, "response": {"@type": "type.googleapis.com/roblox.open_cloud.cloud.v2.FlushMemoryStoreResponse"}}))],
}
SUCCESSES.update(V2_SUCCESSES)

DS2_ENTRY = json.dumps({"path": "universes/42/data-stores/fuzz-store/scopes/global/entries/key", "createTime": "2024-07-22T19:06:55.829412600Z", "revisionId": "08DCAA81744A406E.0000000001.08DCAA81744A406E.01", "revisionCreateTime": "2024-07-22T19:06:55.829412600Z", "state": "ACTIVE", "etag": "08DCAA81744A406E.0000000001.08DCAA81744A406E.01", "value": 9, "id": "key", "users": ["users/45348281"], "attributes": {}})
DS2_STORE = {"path": "universes/42/data-stores/fuzz-store", "id": "fuzz-store", "createTime": "2024-07-22T19:06:55Z", "state": "DELETED", "expireTime": "2024-08-21T19:06:55Z"}
DS2_SUCCESSES = {
    "datastores_v2.get": [(200, [], DS2_ENTRY), (404, [], '{"code":"NOT_FOUND","message":"The entry does not exist."}')],
    "datastores_v2.set": [(200, [], DS2_ENTRY), (409, [], '{"code":"ABORTED","message":"The etag does not match."}')],
    "datastores_v2.create": [(200, [], DS2_ENTRY), (400, [], '{"code":"INVALID_ARGUMENT","message":"The entry already exists."}')],
    "datastores_v2.increment": [(200, [], DS2_ENTRY)],
    "datastores_v2.remove": [(200, [], "{}")],
    "datastores_v2.list_keys": [(200, [], json.dumps({"dataStoreEntries": [{"path": "universes/42/data-stores/fuzz-store/scopes/user/entries/45", "id": "45"}], "nextPageToken": "t"}))],
    "datastores_v2.list_versions": [(200, [], json.dumps({"dataStoreEntries": [{"path": "universes/42/data-stores/fuzz-store/scopes/global/entries/key@08DCAA8702D435AC.0000000003.08DCAA877D776995.01", "id": "key@08DCAA8702D435AC.0000000003.08DCAA877D776995.01", "createTime": "2024-07-22T19:06:55Z", "revisionId": "08DCAA8702D435AC.0000000003.08DCAA877D776995.01", "revisionCreateTime": "2024-07-22T19:50:08.205250100Z", "state": "DELETED", "etag": "e"}], "nextPageToken": "eyJpbmxpbmVWZXJzaW9uIjpmYWxzZX0"}))],
    "datastores_v2.list_data_stores": [(200, [], json.dumps({"dataStores": [{"path": "universes/42/data-stores/Bans", "id": "Bans"}, DS2_STORE]}))],
    "datastores_v2.delete_store": [(200, [], json.dumps(DS2_STORE))],
    "datastores_v2.snapshot": [(200, [], '{"newSnapshotTaken":true,"latestSnapshotTime":"2024-07-29T22:08:49.588Z"}')],
}
SUCCESSES.update(DS2_SUCCESSES)

def write(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    for i, (status, headers, body) in enumerate(ERROR_BODIES):
        write("api_error", f"{i:02}", answer(status, headers, body))
    for i, (status, headers) in enumerate(RATE_LIMITS):
        write("rate_limit", f"{i:02}", answer(status, headers))
    for name, answers in SUCCESSES.items():
        pick = ENDPOINTS.index(name)
        for i, (status, headers, body) in enumerate(answers):
            write("endpoints", f"{name}.{i}", bytes([pick]) + answer(status, headers, body))
    for name, text in ID_TOKENS.items():
        write("id_token", name, text.encode())


if __name__ == "__main__":
    main()
