#!/usr/bin/env bash
# The main job on a fresh machine: bring up the local wiki, build mwbind (which generates its
# bindings from spec/), log in with a bot password, check who can receive mail, send it, and
# show what arrived in the wiki's mailbox.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_file=$(scripts/wiki.sh up)
set -a
# shellcheck disable=SC1090  # written by scripts/wiki.sh
. "$env_file"
set +a

before=$(stat -c %s "$MWBIND_MAILBOX" 2>/dev/null || echo 0)
# Cargo's own progress stays visible: the first build takes a minute or two.
cargo run --example send_mail

echo
echo "== what arrived in $MWBIND_MAILBOX =="
tail -c +"$((before + 1))" "$MWBIND_MAILBOX"
