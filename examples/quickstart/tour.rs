//! The tour itself: every area in turn, against whatever the target is.

use rblx_open_cloud_examples::Target;

/// Runs every area of the quickstart against `target`.
pub async fn run(target: &Target) -> Result<(), Box<dyn std::error::Error>> {
    println!("== messaging");
    crate::messaging::run(target).await?;
    println!("== data stores");
    crate::datastores::run(target).await?;
    println!("== assets and place publishing");
    crate::assets::run(target).await?;
    println!("== oauth2");
    crate::oauth2::run(target).await?;
    println!("== webhook");
    crate::webhook::run(target).await?;
    Ok(())
}
