#!/usr/bin/env bash
# Re-takes the whole-API fixtures the generator's tests read, from the local wiki:
#
#   macros/codegen/tests/fixtures/core-fv{1,2}/        MediaWiki core, every module
#   macros/codegen/tests/fixtures/extensions-fv{1,2}/  core plus every extension Debian bundles
#
# The extensions are loaded by a second, temporary `php -S` front door of the same code, whose
# settings file (MW_CONFIG_FILE) is LocalSettings.php with the extensions added and a copy of
# the database (extensions need their own tables); the wiki that the tests use stays as it
# is. Taking the fixtures again from the same wiki writes the same bytes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_file=$(scripts/wiki.sh up)
# shellcheck disable=SC1090  # written by scripts/wiki.sh
. "$env_file"
out=macros/codegen/tests/fixtures
port=${MWBIND_FIXTURE_PORT:-8099}
mw_dir=$(dirname "$MWBIND_WIKI_LOCAL_SETTINGS")
settings=$MWBIND_WIKI_DIR/LocalSettings-extensions.php
db=$MWBIND_WIKI_DIR/db-extensions

# Every bundled extension that registers itself with extension.json, in a stable order.
extensions=$(for dir in "$mw_dir"/extensions/*/; do
    [[ -f $dir/extension.json ]] && basename "$dir"
done | LC_ALL=C sort)
rm -rf "$db"
cp -r "$MWBIND_WIKI_DIR/db" "$db"
{
    sed "s|^\$wgSQLiteDataDir = .*|\$wgSQLiteDataDir = \"$db\";|" "$MWBIND_WIKI_LOCAL_SETTINGS"
    for name in $extensions; do
        echo "wfLoadExtension( '$name' );"
    done
} >"$settings"
grep -q "wgSQLiteDataDir = \"$db\"" "$settings" || { echo "cannot point $settings at $db" >&2; exit 1; }
MW_CONFIG_FILE=$settings php "$mw_dir/maintenance/update.php" --quick >"$MWBIND_WIKI_DIR/fixtures-update.log"

fetch() {   # API FORMATVERSION FOLDER
    cargo run --quiet -p xtask -- fetch-spec --all --api "$1" --formatversion "$2" --out "$3"
}

for version in 1 2; do
    fetch "$MWBIND_API" "$version" "$out/core-fv$version"
done

MW_CONFIG_FILE=$settings php -d display_errors=0 -S "127.0.0.1:$port" -t "$mw_dir/.." \
    >"$MWBIND_WIKI_DIR/fixtures-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
api="http://127.0.0.1:$port/w/api.php"
for _ in $(seq 100); do
    php -r "exit(@file_get_contents('$api?action=query&format=json') === false ? 1 : 0);" && break
    sleep 0.2
done

for version in 1 2; do
    fetch "$api" "$version" "$out/extensions-fv$version"
done
echo "extensions loaded: $(echo "$extensions" | wc -l)" >&2
