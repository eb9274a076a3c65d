//! Fault injection: per-route rules that delay a request, answer an error status instead of
//! handling it, close the connection before or after applying it, or make a list route
//! repeat its cursor. Rules are checked after authentication and rate limiting.

use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;

use crate::gateway::EmulatorError;
use crate::sync::lock;

/// When an injected connection drop happens. The request gets no answer: on HTTP/1.1 the
/// connection is closed, on HTTP/2 the request's stream is reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropMode {
    /// Close the connection without an answer and without doing the operation.
    BeforeApply,
    /// Do the operation (e.g. store the published message), then close the connection
    /// without an answer.
    AfterApply,
}

/// One fault rule. In TOML, an entry of `[[faults]]`.
///
/// A rule applies to the requests of its route that pass authentication: the first
/// `times` of them, or a random `fraction` of them, or every one when neither is set.
/// Each applying rule adds its effects: `latency_ms` first, then `drop` or `status`;
/// `repeat_cursor` and `empty_pages` change the answer of a list route.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    /// The route name (e.g. `messaging.publish`, `datastores.list`), or `*` for every route.
    pub route: String,
    /// Answer this status instead of handling the request, with a body in the route's error
    /// shape. A 429 also carries `Retry-After` and `x-ratelimit-*` headers.
    pub status: Option<u16>,
    /// Apply to the first this-many matching requests only.
    pub times: Option<u32>,
    /// Apply to this random fraction (0.0 to 1.0) of the matching requests.
    pub fraction: Option<f64>,
    /// Wait this long before handling (or answering the status).
    pub latency_ms: Option<u64>,
    /// Close the connection without an answer.
    pub drop: Option<DropMode>,
    /// The `Retry-After` of a 429 or 503 status (a 429 gets 1 when unset).
    pub retry_after_secs: Option<u64>,
    /// On a list route: answer `nextPageCursor` equal to the cursor the request sent (on a
    /// first page, a cursor that the next request then gets back again).
    pub repeat_cursor: bool,
    /// On a v1 list route (`datastores.list`, `datastores.entries.list`,
    /// `datastores.versions.list`, `ordered.entries.list`): answer a page with no items
    /// and a fresh `nextPageCursor` (`nextPageToken` on ordered data stores) that no other
    /// page ever carried, continuing where the sent cursor did. A pager that stops only on
    /// an empty cursor or a repeated one never stops; one that gives up after some empty
    /// pages does.
    pub empty_pages: bool,
    /// On a data store route that sends `content-md5` (get entry, get version,
    /// increment): send a checksum that does not match the body.
    pub corrupt_md5: bool,
}

impl FaultRule {
    /// Checks that the route is one of `route_names` (or `*`) and the numbers make sense.
    pub(crate) fn check(&self, route_names: &[&str]) -> Result<(), EmulatorError> {
        if self.route != "*" && !route_names.contains(&self.route.as_str()) {
            return Err(EmulatorError::Config(format!(
                "unknown route {:?}; known routes: {}",
                self.route,
                route_names.join(", ")
            )));
        }
        if let Some(status) = self.status {
            if !(100..=599).contains(&status) {
                return Err(EmulatorError::Config(format!(
                    "fault on {}: status {status} is not an HTTP status",
                    self.route
                )));
            }
        }
        if let Some(fraction) = self.fraction {
            if !(0.0..=1.0).contains(&fraction) {
                return Err(EmulatorError::Config(format!(
                    "fault on {}: fraction {fraction} is not between 0 and 1",
                    self.route
                )));
            }
        }
        if self.times.is_some() && self.fraction.is_some() {
            return Err(EmulatorError::Config(format!(
                "fault on {}: set `times` or `fraction`, not both",
                self.route
            )));
        }
        Ok(())
    }

    fn matches(&self, route: &str) -> bool {
        // `*` leaves the control surface (an emulator-only extension) alone, so a storm of
        // faults can still be turned off over HTTP.
        (self.route == "*" && !route.starts_with(crate::gateway::control::CONTROL_ROUTE_PREFIX))
            || self.route == route
    }
}

/// What the applying rules do to one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FaultEffect {
    /// Total added delay.
    pub latency: Duration,
    /// The status to answer, from the first rule that has one.
    pub status: Option<u16>,
    /// Its `Retry-After`.
    pub retry_after_secs: Option<u64>,
    /// The drop, from the first rule that has one.
    pub drop: Option<DropMode>,
    /// Whether a list route repeats its cursor.
    pub repeat_cursor: bool,
    /// Whether a list route answers an empty page with a fresh cursor.
    pub empty_pages: bool,
    /// Whether a data store route sends a wrong `content-md5`.
    pub corrupt_md5: bool,
}

#[derive(Debug)]
struct ActiveRule {
    rule: FaultRule,
    /// Left of `times`, if set.
    left: Option<u32>,
}

/// The active rules, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Mutex<Vec<ActiveRule>>,
}

impl Faults {
    /// Adds a rule.
    pub fn add(&self, rule: FaultRule) {
        let left = rule.times;
        lock(&self.rules).push(ActiveRule { rule, left });
    }

    /// Removes every rule.
    pub fn clear(&self) {
        lock(&self.rules).clear();
    }

    /// Decides which rules apply to one request of `route`, and uses up their `times`.
    pub fn evaluate(&self, route: &str) -> FaultEffect {
        let mut effect = FaultEffect::default();
        let mut rules = lock(&self.rules);
        for active in rules.iter_mut().filter(|a| a.rule.matches(route)) {
            let applies = match (active.left, active.rule.fraction) {
                (Some(0), _) => false,
                (Some(left), _) => {
                    active.left = Some(left - 1);
                    true
                }
                (None, Some(fraction)) => fastrand::f64() < fraction,
                (None, None) => true,
            };
            if !applies {
                continue;
            }
            let rule = &active.rule;
            effect.latency += Duration::from_millis(rule.latency_ms.unwrap_or(0));
            if effect.status.is_none() && effect.drop.is_none() {
                effect.status = rule.status;
                effect.retry_after_secs = rule.retry_after_secs;
                effect.drop = rule.drop;
            }
            effect.repeat_cursor |= rule.repeat_cursor;
            effect.empty_pages |= rule.empty_pages;
            effect.corrupt_md5 |= rule.corrupt_md5;
        }
        rules.retain(|a| a.left != Some(0));
        effect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_used_up_then_the_rule_is_gone() {
        let faults = Faults::default();
        faults.add(FaultRule {
            route: "messaging.publish".into(),
            status: Some(503),
            times: Some(2),
            ..FaultRule::default()
        });
        assert_eq!(faults.evaluate("datastores.list"), FaultEffect::default());
        assert_eq!(faults.evaluate("messaging.publish").status, Some(503));
        assert_eq!(faults.evaluate("messaging.publish").status, Some(503));
        assert_eq!(faults.evaluate("messaging.publish"), FaultEffect::default());
    }

    #[test]
    fn fraction_zero_never_applies_and_one_always_does() {
        let faults = Faults::default();
        let rule = |fraction, status| FaultRule {
            route: "*".into(),
            status: Some(status),
            fraction: Some(fraction),
            ..FaultRule::default()
        };
        faults.add(rule(0.0, 500));
        faults.add(rule(1.0, 502));
        for _ in 0..20 {
            assert_eq!(faults.evaluate("datastores.list").status, Some(502));
        }
    }

    #[test]
    fn validation_rejects_unknown_routes_and_bad_numbers() {
        let bad = [
            FaultRule {
                route: "messaging.publsh".into(),
                ..FaultRule::default()
            },
            FaultRule {
                route: "*".into(),
                status: Some(42),
                ..FaultRule::default()
            },
            FaultRule {
                route: "*".into(),
                fraction: Some(1.5),
                ..FaultRule::default()
            },
            FaultRule {
                route: "*".into(),
                times: Some(1),
                fraction: Some(0.5),
                ..FaultRule::default()
            },
        ];
        for rule in bad {
            assert!(rule.check(&["messaging.publish"]).is_err(), "{rule:?}");
        }
    }
}
