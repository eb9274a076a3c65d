//! One program, two APIs: the same test body runs against the v1 handle
//! (`data_store`) and the v2 handle (`data_store_v2`), proving that switching is a
//! one-line change of the constructor.

mod common;

use common::experience;
use futures::TryStreamExt;
use oc_core::Error;
use oc_datastores::{ExperienceDataStoresExt, PreconditionFailed};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Profile {
    name: String,
    level: u32,
}

macro_rules! same_program {
    ($test:ident, $constructor:ident) => {
        #[tokio::test]
        async fn $test() -> Result<(), Error> {
            let (_emulator, experience) = experience().await;
            let store = experience.$constructor("profiles");
            let mut attributes = serde_json::Map::new();
            attributes.insert("team".into(), json!("red"));
            let profile = Profile {
                name: "ada".into(),
                level: 3,
            };

            let written = store
                .set("user_1", &profile)
                .user_ids([1])
                .attributes(attributes.clone())
                .await?;
            let (read, info) = store.get_as::<Profile>("user_1").await?;
            assert_eq!(read, profile);
            assert_eq!(info.version, written.version);
            assert_eq!(info.user_ids, [1]);
            assert_eq!(info.attributes, attributes);
            assert!(info.updated >= info.created);

            // Compare-and-set: over the version read, then over a stale one.
            let next = Profile { level: 4, ..profile.clone() };
            let second = store.set("user_1", &next).match_version(&info.version).await?;
            assert_ne!(second.version, info.version);
            let stale = store.set("user_1", &next).match_version(&info.version).await;
            let stale = stale.expect_err("a stale version");
            assert!(stale.detail::<PreconditionFailed>().is_some(), "{stale:?}");
            assert!(stale.certainly_not_applied());
            let exists = store.set("user_1", &next).exclusive_create(true).await;
            let exists = exists.expect_err("the key exists");
            assert!(exists.detail::<PreconditionFailed>().is_some(), "{exists:?}");
            store.set("user_2", &profile).exclusive_create(true).await?;

            let (coins, _) = store.increment("coins", 2).user_ids([1]).await?;
            let (coins_again, counted) = store.increment("coins", 3).await?;
            assert_eq!((coins.as_i64(), coins_again.as_i64()), (Some(2), Some(5)));
            assert!(counted.user_ids.is_empty(), "user ids not given are cleared");

            let mut keys: Vec<String> = store
                .list_keys()
                .prefix("user_")
                .map_ok(|item| item.key)
                .try_collect()
                .await?;
            keys.sort();
            assert_eq!(keys, ["user_1", "user_2"]);

            let versions: Vec<_> = store.list_versions("user_1").try_collect().await?;
            assert_eq!(versions.len(), 2);
            assert_eq!(versions[0].version, second.version, "newest first");
            assert!(!versions[0].deleted);
            let (first, first_info) = versions[1].get_value().await?;
            assert_eq!(first, json!({"name": "ada", "level": 3}));
            assert_eq!(first_info.version, written.version);
            let (old, _) = store.get_version("user_1", &written.version).await?;
            assert_eq!(old["level"], 3);

            store.remove("user_1").await?;
            let gone = store.get("user_1").await.expect_err("removed");
            assert!(gone.is_not_found(), "{gone:?}");
            let again = store.remove("user_1").await.expect_err("removed twice");
            assert!(again.is_not_found(), "{again:?}");
            Ok(())
        }
    };
}

same_program!(the_program_runs_on_v1, data_store);
same_program!(the_program_runs_on_v2, data_store_v2);
