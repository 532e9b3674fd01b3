#!/usr/bin/env bash
# What it costs to BUILD generated bindings: a crate holding the whole of MediaWiki 1.39 core
# (`bindings!` of the core-fv2 fixture: 121 modules, 954 parameters) against one holding
# three modules of the same snapshot. See docs/benchmarks.md for the numbers.
#
#   scripts/bench-build.sh [RUNS]     # RUNS rebuilds per crate and profile, default 5
#
# Only the bench crate is rebuilt each time (its src/lib.rs is touched); mwbind and every
# dependency are built once beforehand, so the times are the proc macro's expansion plus
# rustc compiling what it expanded to: what a user pays on each edit of such a crate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROOT=$PWD
RUNS=${1:-5}
SPEC=$ROOT/macros/codegen/tests/fixtures/core-fv2
OUT=$ROOT/target/bench-build
# One target dir for both crates: dependencies are compiled once and shared.
export CARGO_TARGET_DIR=$OUT/target

# make_crate NAME MACRO_ARGS: a throwaway crate whose whole lib.rs is one bindings! call.
make_crate() {
    local name=$1 args=$2 dir=$OUT/$1
    mkdir -p "$dir/src"
    # The empty [workspace] keeps cargo from taking it for a member of mwbind's workspace,
    # which lies above it.
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "bench-$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
mwbind = { path = "$ROOT" }

[workspace]
EOF
    # Start from mwbind's lock: the same dependency versions as the workspace, no resolving.
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    local lib="mwbind::bindings!($args);"
    # Rewritten only when it changes, so that the warm-up below stays valid.
    if [[ ! -f $dir/src/lib.rs ]] || [[ $(cat "$dir/src/lib.rs") != "$lib" ]]; then
        printf '%s\n' "$lib" >"$dir/src/lib.rs"
    fi
}

# A plain loop around `date` rather than hyperfine: nothing to install, the same on any machine.
# time_builds NAME MODE: RUNS rebuilds of crate NAME; prints min, median, max in seconds.
#   cold:    debug, the crate's incremental cache removed first: its first build, or one after
#            the spec changed (what CI pays);
#   touched: debug, the cache kept: an edit elsewhere in the crate, the bindings unchanged;
#   release: --release, which is never incremental.
time_builds() {
    local name=$1 mode=$2 dir=$OUT/$1 times=() flags=()
    [[ $mode == release ]] && flags=(--release)
    for ((i = 0; i < RUNS; i++)); do
        touch "$dir/src/lib.rs"
        [[ $mode == cold ]] && rm -rf "$CARGO_TARGET_DIR"/debug/incremental/bench_"$name"-*
        local start end
        start=$(date +%s.%N)
        cargo build --quiet --manifest-path "$dir/Cargo.toml" "${flags[@]}"
        end=$(date +%s.%N)
        times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '
        { t[NR] = $1 }
        END {
            median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%8.2f %8.2f %8.2f", t[1], median, t[NR]
        }'
}

make_crate full "\"$SPEC\""
make_crate three "\"$SPEC\", modules = [\"emailuser\", \"query+tokens\", \"query+users\"]"

# Warm-up: every dependency (mwbind, reqwest, tokio, the proc macro...) in both profiles.
for name in full three; do
    for profile in "" --release; do
        echo "warming up $name ${profile:-(debug)}" >&2
        cargo build --quiet --manifest-path "$OUT/$name/Cargo.toml" $profile
    done
done

# Another build on the machine skews the times: the load average says whether one ran.
echo "machine: $(nproc) cores, $(rustc --version)"
echo "load before: $(uptime)"
echo
printf '%-6s %-8s %8s %8s %8s   %s\n' crate build min median max "(seconds, $RUNS rebuilds each)"
for name in full three; do
    for mode in cold touched release; do
        printf '%-6s %-8s %s\n' "$name" "$mode" "$(time_builds "$name" "$mode")"
    done
done
echo
echo "load after: $(uptime)"

# The size of what was compiled, as rustc left it.
for name in full three; do
    for profile in debug release; do
        rlib=$CARGO_TARGET_DIR/$profile/libbench_$name.rlib
        printf '%-6s %-8s rlib %10s bytes\n' "$name" "$profile" "$(stat -c %s "$rlib")"
    done
done
