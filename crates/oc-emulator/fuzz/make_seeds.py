#!/usr/bin/env python3
"""Writes the checked-in seed inputs of the emulator's fuzz targets into seeds/TARGET/.

The shapes are the ones the crate's tests and documentation use. Run it from anywhere
after changing it; the seeds are small (a few KiB per target). Input formats: see
oc_emulator::fuzzing (a request as text: header lines, empty line, body; for
emulator_routes a `METHOD TARGET` line first; for the others leading bytes picking the
route, in the order of JSON_ROUTES, STREAMED_ROUTES and OAUTH2_ROUTES, and for
emulator_multipart one more byte cutting the body into chunks).
"""

import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")
CRATE = os.path.dirname(HERE)

KEY = "oc-emulator-default-api-key"
ENTRY = "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry"
ORDERED = "/ordered-data-stores/v1/universes/1000/orderedDataStores/Leaderboard/scopes/global/entries"

# The order of oc_emulator::fuzzing::JSON_ROUTES, STREAMED_ROUTES and OAUTH2_ROUTES.
JSON_ROUTES = [
    "messaging.publish",
    "datastores.entry.set",
    "datastores.entry.increment",
    "ordered.entry.create",
    "ordered.entry.update",
    "ordered.entry.increment",
    "emulator.faults.add",
    "emulator.webhooks.send",
    "ordered_v2.entry.create",
    "ordered_v2.entry.update",
    "ordered_v2.entry.increment",
    "assets.versions.rollback",
]
STREAMED_ROUTES = ["assets.create", "assets.update", "places.publish"]
OAUTH2_ROUTES = [
    "oauth2.token",
    "oauth2.introspect",
    "oauth2.resources",
    "oauth2.revoke",
    "oauth2.userinfo",
    "oauth2.authorize",
]


def text(headers=(), body=""):
    lines = [f"{n}: {v}" for n, v in headers]
    return ("\n".join(lines) + "\n\n" + body).encode() if lines else ("\n" + body).encode()


def request(line, headers=(), body=""):
    return line.encode() + b"\n" + text(headers, body)


ROUTES = {
    "publish": request(
        "POST /messaging-service/v1/universes/1000/topics/scores",
        [("content-type", "application/json")],
        '{"message":"hello"}',
    ),
    "publish_oauth": request(
        "POST /messaging-service/v1/universes/1000/topics/a%20b",
        [("authorization", "Bearer fuzz-token"), ("content-type", "application/json")],
        '{"message":"hi"}',
    ),
    "no_key": request("GET /datastores/v1/universes/1000/standard-datastores", [("x-api-key", "wrong")]),
    "list_stores": request("GET /datastores/v1/universes/1000/standard-datastores?prefix=Player&limit=1&cursor="),
    "list_entries": request(
        f"GET {ENTRY[:-len('/entry')]}?datastoreName=PlayerInventory&AllScopes=True&limit=2"
    ),
    "get_entry": request(f"GET {ENTRY}?datastoreName=PlayerInventory&entryKey=Player_3000&scope=global"),
    "delete_entry": request(f"DELETE {ENTRY}?datastoreName=PlayerInventory&entryKey=Player_3000"),
    "list_versions": request(
        f"GET {ENTRY}/versions?datastoreName=PlayerInventory&entryKey=Player_3000&sortOrder=Descending&limit=5"
    ),
    "get_version": request(
        f"GET {ENTRY}/versions/version?datastoreName=PlayerInventory&entryKey=Player_3000&versionId=08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01"
    ),
    "ordered_list": request(f"GET {ORDERED}?max_page_size=2&order_by=desc&filter=entry%3E%3D10&page_token="),
    "ordered_get": request(f"GET {ORDERED}/Player_3000"),
    "ordered_get_case": request(
        "GET /ordered-data-stores/v1/universes/1000/orderedDatastores/Leaderboard/scopes/global/entries/Player_3000"
    ),
    "ordered_delete": request(f"DELETE {ORDERED}/Player_3000"),
    "asset_get": request("GET /assets/v1/assets/10000001"),
    "operation_get": request("GET /assets/v1/operations/abc"),
    "wrong_method": request("PUT /assets/v1/assets/10000001"),
    "unknown": request("GET /nope?x=1"),
    "bad_universe": request("GET /datastores/v1/universes/abc/standard-datastores"),
    "discovery": request("GET /oauth/.well-known/openid-configuration"),
    "certs": request("GET /oauth/v1/certs"),
    "world": request("GET /_emulator/v1/world"),
    "app": request("GET /_emulator/v1/oauth2/app"),
    "messages": request("GET /_emulator/v1/messaging/messages"),
    "faults_clear": request("DELETE /_emulator/v1/faults"),
}

ATTRIBUTES = [("roblox-entry-attributes", '{"team":"red"}'), ("roblox-entry-userids", "[3000]")]
JSON = {
    "messaging.publish": ['{"message":"hello"}', '{"message":""}', '{"message":5}', "[]"],
    "datastores.entry.set": ['{"coins":6}', '"text"', "12.5", "not json"],
    "datastores.entry.increment": ["", "3"],
    "ordered.entry.create": ['{"value":5}', '{"value":"-12"}', '{"value":1.5}'],
    "ordered.entry.update": ['{"value":7}', '{"id":"Player_3000","value":9}'],
    "ordered.entry.increment": ['{"amount":2}', '{"amount":"-3"}', '{"amount":9223372036854775807}'],
    "emulator.faults.add": [
        '{"route": "messaging.publish", "status": 429, "times": 1, "retry_after_secs": 3}',
        '{"route": "*", "drop": "after_apply", "fraction": 0.5}',
        '{"route": "datastores.entries.list", "repeat_cursor": true, "latency_ms": 0}',
    ],
    "emulator.webhooks.send": [
        json.dumps({
            "target": {"url": "http://127.0.0.1:8090/roblox/webhook", "secret": "s", "timeout_ms": 5000,
                       "retries": 1, "retry_interval_ms": 10},
            "event": {"event": "SampleNotification", "user": 3000},
        }),
        json.dumps({
            "target": {"url": "http://127.0.0.1:1/"},
            "event": {"event": "RightToErasureRequest", "user": 3000, "universes": [1000]},
        }),
    ],
    "ordered_v2.entry.create": ['{"value":5}', '{"value":-2.5}', '{"Value":"9223372036854775807"}', '{"value":1e30}'],
    "ordered_v2.entry.update": ['{"value":7}', "", '{"value":true}'],
    "ordered_v2.entry.increment": ['{"amount":2}', '{"amount":9223372036854775807}', '{"amount":0.5}'],
    "assets.versions.rollback": ['{"assetVersion":"assets/10000001/versions/1"}', '{"assetVersion":"assets/1/versions/x"}', "{}"],
}


def form(request_json, content_type, file, boundary="XyZ"):
    return (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{request_json}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"f\"\r\n"
        f"Content-Type: {content_type}\r\n\r\n{file}\r\n--{boundary}--\r\n"
    )


DECAL = '{"assetType":"ASSET_TYPE_DECAL","displayName":"D","description":"","creationContext":{"creator":{"userId":3000}}}'
MODEL = '{"assetType":"Model","displayName":"M","description":"d","creationContext":{"creator":{"groupId":4000},"expectedPrice":0}}'
UPDATE = '{"assetId":10000001,"displayName":"New","description":"changed"}'
# (route, chunking byte, headers, body)
STREAMED = [
    ("assets.create", 0, [], form(DECAL, "image/bmp", "BM and some pixels")),
    ("assets.create", 1, [], form(DECAL, "image/png", "\x89PNG\r\n\x1a\n....")),
    ("assets.create", 7, [], form(MODEL, "model/x-rbxm", "<roblox!")),
    ("assets.create", 3, [("content-type", "multipart/form-data; boundary=other")],
     "preamble\r\n" + form(DECAL, "image/jpeg", "\xff\xd8\xff", "other")),
    ("assets.create", 0, [("content-type", "multipart/form-data")], form(DECAL, "image/png", "x")),
    ("assets.update", 2, [], form(UPDATE, "image/png", "\x89PNG\r\n\x1a\n")),
    ("assets.update", 0, [], f"--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{UPDATE}\r\n--XyZ--\r\n"),
    ("places.publish", 5, [], "<roblox!\x89\xff\r\n\x1a\n"),
    ("places.publish", 0, [("content-type", "application/xml")], '<roblox version="4"></roblox>'),
]

CLIENT = "client_id=7000000000000000001&client_secret=RBX-fuzz-secret"
OAUTH2 = [
    ("oauth2.token", [], f"grant_type=authorization_code&code=abc&{CLIENT}&redirect_uri=http://localhost/callback"),
    ("oauth2.token", [], f"grant_type=refresh_token&refresh_token=RT.1&{CLIENT}"),
    ("oauth2.token", [("authorization", "Basic NzAwMDAwMDAwMDAwMDAwMDAwMTpSQlgtZnV6ei1zZWNyZXQ=")],
     "grant_type=authorization_code&code=abc&code_verifier=verifier"),
    ("oauth2.introspect", [], f"token=fuzz-token&{CLIENT}"),
    ("oauth2.resources", [], f"token=fuzz-token&{CLIENT}"),
    ("oauth2.revoke", [], f"token=RT.1&{CLIENT}"),
    ("oauth2.userinfo", [], ""),
    ("oauth2.userinfo", [("authorization", "Bearer nope")], ""),
    ("oauth2.authorize", [], "client_id=7000000000000000001&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcallback"
     "&scope=openid+profile&response_type=code&state=xyz&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
     "&code_challenge_method=S256"),
]


def write(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def documented_config():
    """The configuration the crate documentation shows (lib.rs, `# Configuration`)."""
    with open(os.path.join(CRATE, "src", "lib.rs"), encoding="utf-8") as f:
        doc = "\n".join(line[4:] if line.startswith("//! ") else line[3:]
                        for line in f.read().splitlines() if line.startswith("//!"))
    match = re.search(r"```toml\n(.*?)```", doc, re.S)
    return match.group(1) if match else ""


CONFIGS = {
    "minimal": '[[universes]]\nid = 1\nplaces = [2]\nowner = { user = 3 }\n\n[[users]]\nid = 3\nname = "u"\n\n'
               '[[api_keys]]\nkey = "k"\nowner = { user = 3 }\n[[api_keys.grants]]\nuniverse = "*"\nscopes = ["*"]\n',
    "faults": '[[faults]]\nroute = "*"\ndrop = "after_apply"\n',
    "limits": '[request_log]\nmax_entries = 10\nmax_bytes = 1000\n\n[messaging]\nmax_published_messages = 1\n\n'
              '[oauth2]\ncode_lifetime_secs = 1\nmax_pending_codes = 1\nmax_issued_tokens = 1\n\n'
              '[datastores]\nmax_versions_per_entry = 1\n\n[server]\npublic_url = "https://cloud.example.test"\n'
              'body_read_timeout_ms = 1\n',
}


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    for name, data in ROUTES.items():
        write("emulator_routes", name, data)
    for route, bodies in JSON.items():
        pick = JSON_ROUTES.index(route)
        for i, body in enumerate(bodies):
            headers = ATTRIBUTES if route == "datastores.entry.set" and i == 0 else []
            write("emulator_json", f"{route}.{i}", bytes([pick]) + text(headers, body))
    for i, (route, cut, headers, body) in enumerate(STREAMED):
        pick = STREAMED_ROUTES.index(route)
        data = bytes([pick, cut]) + text(headers, "") + body.encode("latin-1")
        write("emulator_multipart", f"{route}.{i}", data)
    for i, (route, headers, body) in enumerate(OAUTH2):
        pick = OAUTH2_ROUTES.index(route)
        write("emulator_oauth2_form", f"{route}.{i}", bytes([pick]) + text(headers, body))
    write("emulator_config", "documented", documented_config().encode())
    for name, config in CONFIGS.items():
        write("emulator_config", name, config.encode())
    with open(os.path.join(HERE, "..", "src", "fuzzing.rs"), encoding="utf-8") as f:
        world = re.search(r'FUZZ_WORLD: &str = r#"(.*?)"#;', f.read(), re.S)
    if world:
        write("emulator_config", "fuzz_world", world.group(1).encode())


if __name__ == "__main__":
    main()
