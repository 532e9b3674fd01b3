#!/usr/bin/env bash
# The whole test suite on a fresh machine: bring up the local wiki the tests talk to, then
# run every test of the workspace.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MWBIND_WIKI_ENV=$(scripts/wiki.sh up)
export MWBIND_WIKI_ENV
cargo test --workspace --all-targets "$@"
cargo test --workspace --doc
