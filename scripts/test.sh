#!/usr/bin/env bash
# The whole test suite on a fresh machine: bring up the local wiki the tests talk to, then
# run every test of the workspace.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/wiki.sh up >/dev/null
cargo test --workspace --all-targets "$@"
cargo test --workspace --doc
