//! Update Instance (<https://create.roblox.com/docs/cloud/reference/features/engine>):
//! a script's details, e.g. `{"engineInstance":{"Details":{"Script":{"Source":"…"}}}}`,
//! answered with an Operation whose `response` is the updated instance.

use serde_json::{json, Map, Value};

use super::read::{not_found, sized, start, target, INSTANCE_TYPE};
use super::state::InstancesState;
use super::tree::{complete_details, is_script, payload_of, Tree, RUN_CONTEXTS};
use crate::gateway::field_mask::{apply_update, field, FieldMask, UpdatableFields};
use crate::gateway::operations::OperationOutcome;
use crate::gateway::proto_json::message_body;
use crate::gateway::responses::Reply;
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// What an update writes: the details of the instance's class. Its id, parent and name
/// are read-only here (inferred: the beta writes only scripts' details).
const FIELDS: UpdatableFields = UpdatableFields {
    writable: &["engineInstance.Details"],
    read_only: &[
        "path",
        "hasChildren",
        "engineInstance.Id",
        "engineInstance.Parent",
        "engineInstance.Name",
    ],
};

/// Update Instance. Without `updateMask` the body's leaves are the mask, so a body naming
/// only `Source` changes only the source (what clients that send no mask expect).
pub(super) fn update(ctx: &Ctx<'_>) -> Reply {
    try_update(ctx).unwrap_or_else(|error| error.reply())
}

fn try_update(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let target = target(ctx)?;
    let body = message_body(&ctx.body)?;
    let mask = match FieldMask::from_query(&ctx.query)? {
        Some(mask) => mask,
        None => FieldMask::of_leaves(&body),
    };
    let area = ctx.area::<InstancesState>();
    let outcome = {
        let mut trees = lock(&area.trees);
        let tree: &mut Tree = trees.entry((target.universe, target.place)).or_default();
        match tree.resolve(&target.instance) {
            None => not_found(&target.instance),
            Some(node_key) => apply(&area, tree, &node_key, &body, &mask, &target)?,
        }
    };
    Ok(start(ctx, &area, &target, outcome))
}

/// Applies the update to one instance: a bad request is refused at once, a locked script
/// ends the operation with an error.
fn apply(
    area: &InstancesState,
    tree: &mut Tree,
    node_key: &str,
    body: &Map<String, Value>,
    mask: &FieldMask,
    target: &super::read::Target,
) -> Result<OperationOutcome, V2Error> {
    let Some(node) = tree.nodes.get(node_key) else {
        return Ok(not_found(&target.instance));
    };
    if !mask.touches("engineInstance.Details") {
        return Ok(sized(
            area,
            INSTANCE_TYPE,
            tree.instance_json(target.universe, target.place, node_key),
        ));
    }
    if !is_script(&node.class) {
        return Err(V2Error::invalid_argument(
            "Only the details of Script, LocalScript and ModuleScript instances can be updated.",
        ));
    }
    let class = node.class.clone();
    let mut resource = Map::new();
    resource.insert(
        "engineInstance".into(),
        json!({ "Details": { class.clone(): node.details } }),
    );
    apply_update(&mut resource, body, Some(mask), FIELDS)?;
    let details = resource
        .get("engineInstance")
        .and_then(|e| e.as_object())
        .and_then(|e| field(e, "Details"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(payload) = payload_of(&details, &class) else {
        // The details of another class (inferred: 400, the reference gives no answer).
        return Err(V2Error::invalid_argument(format!(
            "The details must be those of the instance's class, {class}."
        )));
    };
    let known: &[&str] = if class == "ModuleScript" {
        &["Source"]
    } else {
        &["Source", "Enabled", "RunContext"]
    };
    if let Some(unknown) = payload
        .keys()
        .find(|k| !known.iter().any(|name| name.eq_ignore_ascii_case(k)))
    {
        return Err(V2Error::invalid_argument(format!(
            "{class} has no detail {unknown}."
        )));
    }
    let Some(updated) = complete_details(&class, payload) else {
        return Err(V2Error::invalid_argument(format!(
            "A detail of {class} has the wrong type (RunContext is one of {}).",
            RUN_CONTEXTS.join(", ")
        )));
    };
    let source_bytes = updated
        .get("Source")
        .and_then(Value::as_str)
        .map_or(0, str::len);
    if source_bytes > area.config.max_script_source_bytes {
        return Err(V2Error::invalid_argument(format!(
            "Source is {source_bytes} bytes, more than the {} allowed.",
            area.config.max_script_source_bytes
        )));
    }
    if node.locked {
        // A script open in Studio or part of a package cannot be updated; the operation
        // ends with FAILED_PRECONDITION (inferred: the reference only says it fails).
        return Ok(OperationOutcome::Error {
            code: V2Code::FailedPrecondition.rpc_number(),
            message: "Engine_OC_API: Processing Error - Live scripting session is active".into(),
        });
    }
    if let Some(node) = tree.nodes.get_mut(node_key) {
        node.details = updated;
    }
    Ok(sized(
        area,
        INSTANCE_TYPE,
        tree.instance_json(target.universe, target.place, node_key),
    ))
}
