//! The one error type of the generator: every problem names the file, the place in it and
//! what was expected there.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file: a JSON path such as `$.paraminfo.modules[0].parameters[2].type`, a
    /// TOML key path, or `line 3, column 7` when the file does not parse at all.
    pub at: String,
    /// What was wrong and what was expected.
    pub message: String,
}

impl Problem {
    /// The same problem, with its file shown relative to `root` when it lies below it: for
    /// messages that name files the way their reader wrote them.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(relative) = self.file.strip_prefix(root) {
            self.file = relative.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: at {}: {}",
            self.file.display(),
            self.at,
            self.message
        )
    }
}

/// Everything wrong with a spec, found in one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        Error { problems }
    }

    pub(crate) fn one(file: &Path, at: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(vec![Problem {
            file: file.to_path_buf(),
            at: at.into(),
            message: message.into(),
        }])
    }

    /// The same problems, with file paths shown relative to `root` where they lie below it:
    /// for messages that name files the way their reader wrote them.
    pub fn relative_to(mut self, root: &Path) -> Self {
        self.problems = self
            .problems
            .into_iter()
            .map(|p| p.relative_to(root))
            .collect();
        self
    }

    /// The problems, in the order they were found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "the spec has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Collects problems while a file is read, so that one run reports all of them.
#[derive(Debug)]
pub(crate) struct Problems {
    file: PathBuf,
    found: Vec<Problem>,
}

impl Problems {
    pub(crate) fn new(file: &Path) -> Self {
        Problems {
            file: file.to_path_buf(),
            found: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.found.push(Problem {
            file: self.file.clone(),
            at: at.into(),
            message: message.into(),
        });
    }

    pub(crate) fn into_vec(self) -> Vec<Problem> {
        self.found
    }
}

/// Where a JSON file does not parse, and why: serde's message without the place it already
/// gave (`key must be a string`, not `key must be a string at line 3 column 7`).
pub(crate) fn json_syntax(e: &serde_json::Error) -> (String, String) {
    let at = format!("line {}, column {}", e.line(), e.column());
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    (at, message)
}
