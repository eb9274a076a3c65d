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
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")

# The order of oc_fuzz::ENDPOINTS.
ENDPOINTS = [
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
]


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
