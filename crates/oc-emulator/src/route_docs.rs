//! The route table as documentation: the Markdown table the crate docs and the READMEs
//! show, rendered from the routes the areas declare (a test compares them).

use crate::areas;
use crate::gateway::auth::Access;

/// The route table in Markdown: one row per route with its name (for
/// [`FaultRule::route`](crate::FaultRule::route)), its method and path, and the
/// credential and scope it needs, in matching order. `oc-emulator --routes` prints it.
pub fn route_table_markdown() -> String {
    let mut table =
        String::from("| route name | method and path | credential and scope |\n|---|---|---|\n");
    for route in areas::route_table() {
        let access = match route.access {
            Access::ApiKey { scope } => format!("API key: {}", scopes(scope)),
            Access::ApiKeyOrOAuth { scope } => format!("API key or OAuth: {}", scopes(scope)),
            Access::Public => "none (the client authenticates itself)".to_owned(),
        };
        table.push_str(&format!(
            "| `{}` | `{} {}` | {} |\n",
            route.name, route.method, route.path, access
        ));
    }
    table
}

/// `` `a` ``, `` `a` or `b` ``, or "no scope" for a method that lists none.
fn scopes(scope: &str) -> String {
    if scope.is_empty() {
        return "no scope (access to the universe)".to_owned();
    }
    scope
        .split('|')
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}
