//! A task's resource path, `universes/{u}/places/{p}/versions/{v}/luau-execution-sessions/{s}/tasks/{t}`
//! (<https://create.roblox.com/docs/cloud/reference/features/luau-execution>).

use std::fmt;
use std::str::FromStr;

use oc_core::request::PathSegment;
use oc_core::{Error, InvalidInput};

/// The longest session or task id accepted (the service's are 36-character UUIDs).
pub const MAX_ID_CHARS: usize = 128;

/// Where a task lives: its universe, place, place version, session and task ids.
///
/// The service names a task by its path; [`TaskPath::from_str`] reads one (the `path` of a
/// task, with or without the `versions/{v}` segment), and [`fmt::Display`] writes it back.
///
/// ```
/// use oc_luau_execution::TaskPath;
/// let path: TaskPath = "universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t"
///     .parse()?;
/// assert_eq!((path.universe_id, path.place_id, path.version_id), (1, 2, Some(3)));
/// assert_eq!(path.task_id, "t");
/// # Ok::<(), oc_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TaskPath {
    /// The universe (experience) id.
    pub universe_id: u64,
    /// The place id.
    pub place_id: u64,
    /// The place version the task runs against (a task created without a version is
    /// named with the version the service chose).
    pub version_id: Option<u64>,
    /// The session id (the service uses the task id).
    pub session_id: String,
    /// The task id.
    pub task_id: String,
}

impl TaskPath {
    /// A path from its parts; the ids are checked when a request is built.
    pub fn new(
        universe_id: u64,
        place_id: u64,
        version_id: Option<u64>,
        session_id: impl Into<String>,
        task_id: impl Into<String>,
    ) -> Self {
        TaskPath {
            universe_id,
            place_id,
            version_id,
            session_id: session_id.into(),
            task_id: task_id.into(),
        }
    }

    /// Checks every part: positive numeric ids, and session and task ids that are one
    /// plain path segment each.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        positive("universe_id", self.universe_id)?;
        positive("place_id", self.place_id)?;
        if let Some(version) = self.version_id {
            positive("version_id", version)?;
        }
        plain_id("session_id", &self.session_id)?;
        plain_id("task_id", &self.task_id)
    }

    /// The request path of the task (`/cloud/v2/universes/…/tasks/{t}`), percent-encoded.
    pub(crate) fn request_path(&self) -> Result<String, Error> {
        self.validate()?;
        let version = self
            .version_id
            .map(|v| format!("/versions/{v}"))
            .unwrap_or_default();
        Ok(format!(
            "{}/universes/{}/places/{}{version}/luau-execution-sessions/{}/tasks/{}",
            oc_core::v2::PREFIX,
            self.universe_id,
            self.place_id,
            PathSegment(&self.session_id),
            PathSegment(&self.task_id)
        ))
    }
}

impl fmt::Display for TaskPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "universes/{}/places/{}", self.universe_id, self.place_id)?;
        if let Some(version) = self.version_id {
            write!(f, "/versions/{version}")?;
        }
        write!(
            f,
            "/luau-execution-sessions/{}/tasks/{}",
            self.session_id, self.task_id
        )
    }
}

impl FromStr for TaskPath {
    type Err = Error;

    /// Reads `universes/{u}/places/{p}[/versions/{v}]/luau-execution-sessions/{s}/tasks/{t}`
    /// (a leading `/` or `cloud/v2/` is ignored). Anything else is an
    /// [`Error::InvalidInput`] for the field `path`.
    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = || {
            InvalidInput::new(
                "path",
                format!(
                    "{text:?} is not a task path (universes/{{u}}/places/{{p}}/versions/{{v}}/\
                     luau-execution-sessions/{{s}}/tasks/{{t}})"
                ),
            )
        };
        let trimmed = text.trim_start_matches('/');
        let trimmed = trimmed.strip_prefix("cloud/v2/").unwrap_or(trimmed);
        let segments: Vec<&str> = trimmed.split('/').collect();
        let (universe, place, version, session, task) = match segments.as_slice() {
            ["universes", u, "places", p, "versions", v, "luau-execution-sessions", s, "tasks", t] => {
                (*u, *p, Some(*v), *s, *t)
            }
            ["universes", u, "places", p, "luau-execution-sessions", s, "tasks", t] => {
                (*u, *p, None, *s, *t)
            }
            _ => return Err(invalid().into()),
        };
        let number = |s: &str| s.parse::<u64>().map_err(|_| invalid());
        let path = TaskPath {
            universe_id: number(universe)?,
            place_id: number(place)?,
            version_id: version.map(number).transpose()?,
            session_id: session.to_owned(),
            task_id: task.to_owned(),
        };
        path.validate()?;
        Ok(path)
    }
}

/// Fails on 0, which names no universe, place or version.
pub(crate) fn positive(field: &'static str, id: u64) -> Result<(), InvalidInput> {
    if id == 0 {
        return Err(InvalidInput::new(field, "must be a positive id"));
    }
    Ok(())
}

/// Fails unless `id` is a plain path segment: 1 to [`MAX_ID_CHARS`] characters of
/// `A-Z a-z 0-9 - _ .`, and not `.` or `..`.
pub(crate) fn plain_id(field: &'static str, id: &str) -> Result<(), InvalidInput> {
    oc_core::validate::non_empty(field, id)?;
    oc_core::validate::max_chars(field, id, MAX_ID_CHARS)?;
    oc_core::validate::no_dot_segment(field, id)?;
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(InvalidInput::new(
            field,
            format!("{id:?} holds characters an id cannot (A-Z a-z 0-9 - _ .)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_and_bad_ones_are_refused() -> Result<(), Error> {
        let full = "universes/1/places/2/versions/3/luau-execution-sessions/a-b/tasks/a-b";
        let path: TaskPath = full.parse()?;
        assert_eq!(path.to_string(), full);
        assert_eq!(path.request_path()?, format!("/cloud/v2/{full}"));
        let unversioned: TaskPath =
            "/cloud/v2/universes/1/places/2/luau-execution-sessions/s/tasks/t".parse()?;
        assert_eq!(unversioned.version_id, None);
        assert_eq!(
            unversioned.to_string(),
            "universes/1/places/2/luau-execution-sessions/s/tasks/t"
        );
        for bad in [
            "",
            "universes/1/places/2",
            "universes/x/places/2/versions/3/luau-execution-sessions/s/tasks/t",
            "universes/0/places/2/versions/3/luau-execution-sessions/s/tasks/t",
            "universes/1/places/2/versions/0/luau-execution-sessions/s/tasks/t",
            "universes/1/places/2/versions/3/luau-execution-sessions/../tasks/t",
            "universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/",
            "universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t?x=1",
            "universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t/logs",
            "universes/1/places/2/luau-execution-session-tasks/t",
        ] {
            assert!(
                matches!(bad.parse::<TaskPath>(), Err(Error::InvalidInput(_))),
                "{bad:?}"
            );
        }
        Ok(())
    }
}
