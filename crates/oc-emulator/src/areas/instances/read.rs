//! Get Instance, List Instance Children and the operations they and Update Instance
//! start (<https://create.roblox.com/docs/cloud/reference/features/engine>). Each answers
//! an Operation whose `response` is the result.

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::state::InstancesState;
use super::tree::Tree;
use crate::gateway::operations::OperationOutcome;
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// The `@type` of an instance result.
pub(super) const INSTANCE_TYPE: &str = "type.googleapis.com/roblox.open_cloud.cloud.v2.Instance";
/// The `@type` of a list of children.
const CHILDREN_TYPE: &str =
    "type.googleapis.com/roblox.open_cloud.cloud.v2.ListInstanceChildrenResponse";
/// Children pages: 200 by default and at most.
const CHILDREN_PAGE: PageSizes = PageSizes {
    default: 200,
    max: 200,
};

/// Where a request points: universe, place, and the instance id as given.
pub(super) struct Target {
    pub universe: u64,
    pub place: u64,
    pub instance: String,
}

impl Target {
    /// The name operations of this instance start under.
    pub fn operation_parent(&self) -> String {
        format!(
            "universes/{}/places/{}/instances/{}",
            self.universe, self.place, self.instance
        )
    }
}

/// The universe, place and instance id of the path: 404 `NOT_FOUND` for an unknown
/// universe or a place outside it (inferred).
pub(super) fn target(ctx: &Ctx<'_>) -> Result<Target, V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    let place = ctx
        .param("place_id")
        .and_then(|p| p.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("Invalid place id."))?;
    if !ctx.state.world.places_of(universe).contains(&place) {
        return Err(V2Error::new(
            V2Code::NotFound,
            "The place does not exist in this universe.",
        ));
    }
    let instance = ctx
        .param("instance_id")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| V2Error::invalid_argument("Invalid instance id."))?;
    Ok(Target {
        universe,
        place,
        instance,
    })
}

/// The outcome of a result: the result, or error 422 when it is larger than the
/// configured bytes (the reference's code for this case, an HTTP number).
pub(super) fn sized(
    area: &InstancesState,
    type_url: &'static str,
    result: Value,
) -> OperationOutcome {
    let bytes = result.to_string().len();
    if bytes > area.config.max_result_bytes {
        return OperationOutcome::Error {
            code: 422,
            message: format!(
                "The response data is {bytes} bytes, more than the {} allowed.",
                area.config.max_result_bytes
            ),
        };
    }
    let fields = match result {
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    OperationOutcome::Response { type_url, fields }
}

/// An unknown instance: the operation ends with `NOT_FOUND` (inferred: the reference
/// documents no error for it).
pub(super) fn not_found(id: &str) -> OperationOutcome {
    OperationOutcome::Error {
        code: V2Code::NotFound.rpc_number(),
        message: format!("The instance {id} does not exist."),
    }
}

/// Starts an operation of `target` and answers it.
pub(super) fn start(
    ctx: &Ctx<'_>,
    area: &InstancesState,
    target: &Target,
    outcome: OperationOutcome,
) -> Reply {
    let operation =
        area.operations
            .start(&target.operation_parent(), outcome, ctx.state.clock.now());
    responses::json(StatusCode::OK, &operation)
}

fn answer(result: Result<Reply, V2Error>) -> Reply {
    result.unwrap_or_else(|error| error.reply())
}

/// Get Instance.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    answer(target(ctx).map(|target| {
        let area = ctx.area::<InstancesState>();
        let outcome = {
            let mut trees = lock(&area.trees);
            let tree: &mut Tree = trees.entry((target.universe, target.place)).or_default();
            match tree.resolve(&target.instance) {
                Some(node) => sized(
                    &area,
                    INSTANCE_TYPE,
                    tree.instance_json(target.universe, target.place, &node),
                ),
                None => not_found(&target.instance),
            }
        };
        start(ctx, &area, &target, outcome)
    }))
}

/// List Instance Children: a page of direct children, in the order they were added, with
/// the next page's token inside the operation's response.
pub(super) fn list_children(ctx: &Ctx<'_>) -> Reply {
    answer(target(ctx).and_then(|target| {
        let request = PageRequest::from_ctx(ctx, CHILDREN_PAGE)?;
        let area = ctx.area::<InstancesState>();
        let outcome = {
            let mut trees = lock(&area.trees);
            let tree: &mut Tree = trees.entry((target.universe, target.place)).or_default();
            match tree.resolve(&target.instance) {
                None => not_found(&target.instance),
                Some(node) => {
                    let children: Vec<(usize, String)> = tree
                        .nodes
                        .get(&node)
                        .map(|n| n.children.iter().cloned().enumerate().collect())
                        .unwrap_or_default();
                    let page = page(&children, |(index, _)| *index, &request)?;
                    let instances: Vec<Value> = page
                        .items
                        .iter()
                        .map(|(_, child)| tree.instance_json(target.universe, target.place, child))
                        .collect();
                    sized(
                        &area,
                        CHILDREN_TYPE,
                        json!({ "instances": instances, "nextPageToken": page.next_page_token }),
                    )
                }
            }
        };
        Ok(start(ctx, &area, &target, outcome))
    }))
}

/// Get an operation of get, update or list children: each poll counts towards its end.
pub(super) fn operation(ctx: &Ctx<'_>) -> Reply {
    answer(target(ctx).and_then(|target| {
        let id = ctx.param("operation_id").unwrap_or_default();
        let path = format!("{}/operations/{id}", target.operation_parent());
        let area = ctx.area::<InstancesState>();
        match area.operations.poll(&path, ctx.state.clock.now()) {
            Some(operation) => Ok(responses::json(StatusCode::OK, &operation)),
            // Unknown or expired (inferred: the reference documents neither).
            None => Err(V2Error::new(
                V2Code::NotFound,
                "The operation does not exist.",
            )),
        }
    }))
}
