#!/usr/bin/env bash
# Runs the ADL LRS conformance test suite against a fresh boiduong LRS and prints pass/fail counts.
#
#   scripts/lrs-conformance.sh SUITE_DIR [--store sqlite|postgres] [--pg URL] [--nodes N] [--versions "1.0.3 2.0.0"] [--grep PATTERN]
#
# SUITE_DIR is a checkout of adlnet/lrs-conformance-test-suite with its npm dependencies
# installed (the suite is never copied into this project). The suite's exit code is its failure
# count modulo 256, so the counts printed here come from the JSON summary in its log.
# --nodes N (N > 1) runs the suite through HAProxy in front of N `lrs serve` nodes sharing one
# PostgreSQL schema (the cluster of test/lrs/cluster/; needs Debian's haproxy).
set -euo pipefail

suite="${1:?usage: scripts/lrs-conformance.sh SUITE_DIR [--store sqlite|postgres] [--pg URL] [--nodes N] [--versions \"1.0.3 2.0.0\"] [--grep PATTERN]}"
shift
store=sqlite
pg="${BOIDUONG_LRS_PG:-postgres://postgres@127.0.0.1:5432/test}"
versions="1.0.3 2.0.0"
nodes=1
grep_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --pg) pg="$2"; shift 2 ;;
    --versions) versions="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --grep) grep_args=(--grep "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || { echo "--nodes takes a number of nodes, e.g. --nodes 3" >&2; exit 2; }
if [ "$nodes" -gt 1 ]; then store=postgres; fi
suite="$(cd "$suite" && pwd)"
[ -f "$suite/bin/console_runner.js" ] || { echo "$suite is not the conformance suite (bin/console_runner.js missing)" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cli=(node --import tsx "$repo/src/cli/run.ts")
cd "$repo"

# One fresh store and server per version: the version announced to requests that name none
# (--default-version) is what each version's suite expects.
run_version() {
  local version="$1" dir="$work/$1"
  local store_args=(--store "$store" --data "$dir/data")
  local schema="bd_conformance_$(date +%s)_$$_${version//./_}"
  if [ "$store" = postgres ]; then store_args+=(--pg "$pg" --pg-schema "$schema"); fi
  local creds key secret endpoint="" label="$store"
  mkdir -p "$dir"
  if [ "$nodes" -gt 1 ]; then
    # The cluster makes its own schema and key, and drops the schema when stopped.
    label="$nodes nodes behind HAProxy"
    BOIDUONG_TEST_PG="$pg" node --import tsx "$repo/test/lrs/cluster/serve.ts" --nodes "$nodes" -- --default-version "$version" >"$dir/server.out" 2>"$dir/server.err" &
    server_pid=$!
    local line=""
    for _ in $(seq 1 150); do
      line="$(grep -m1 '^CLUSTER ' "$dir/server.out" 2>/dev/null || true)"
      [ -n "$line" ] && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.err" >&2; return 1; }
      sleep 0.2
    done
    [ -n "$line" ] || { echo "the cluster did not start" >&2; cat "$dir/server.err" >&2; return 1; }
    read -r _ endpoint key secret <<<"$line"
  else
    creds="$("${cli[@]}" lrs key create --scope all --name conformance --json "${store_args[@]}")"
    key="$(node -e 'console.log(JSON.parse(process.argv[1]).key)' "$creds")"
    secret="$(node -e 'console.log(JSON.parse(process.argv[1]).secret)' "$creds")"
    "${cli[@]}" lrs serve --port 0 --default-version "$version" "${store_args[@]}" --lang en >"$dir/server.out" 2>"$dir/server.err" &
    server_pid=$!
    for _ in $(seq 1 100); do
      endpoint="$(sed -n 's/^LRS listening at \(http[^ ]*\)$/\1/p' "$dir/server.out" 2>/dev/null)"
      [ -n "$endpoint" ] && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.err" >&2; return 1; }
      sleep 0.2
    done
    [ -n "$endpoint" ] || { echo "the LRS did not start" >&2; cat "$dir/server.err" >&2; return 1; }
  fi
  echo "LRS ($label) for xAPI $version at $endpoint"

  local before log
  before="$(ls "$suite/logs" 2>/dev/null | sort || true)"
  (cd "$suite" && node bin/console_runner.js --endpoint "$endpoint" --basicAuth --authUser "$key" --authPassword "$secret" \
    --xapiVersion "$version" --errors "${grep_args[@]}" >"$dir/run.out" 2>&1) || true
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  if [ "$store" = postgres ] && [ "$nodes" -eq 1 ]; then
    node -e 'const pg = require("pg"); const c = new pg.Client({ connectionString: process.argv[1] });
      c.connect().then(() => c.query(`DROP SCHEMA IF EXISTS "${process.argv[2]}" CASCADE`)).finally(() => c.end());' "$pg" "$schema"
  fi
  log="$(comm -13 <(echo "$before") <(ls "$suite/logs" | sort) | tail -1)"
  if [ -z "$log" ]; then echo "xAPI $version: the suite wrote no log"; tail -20 "$dir/run.out"; return 1; fi
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = log.summary;
    console.log(`xAPI ${process.argv[2]} (${process.argv[3]}): ${s.passed} passed, ${s.failed} failed, ${s.total} total`);
    const walk = (n, path) => {
      if (!n) return;
      const here = n.title ? [...path, n.title] : path;
      if (n.status === "failed" && (!n.tests || n.tests.length === 0)) console.log(`  FAIL ${here.join(" > ")}: ${String(n.error ?? "").split("\n")[0]}`);
      for (const t of n.tests ?? []) walk(t, here);
    };
    walk(log.log, []);
  ' "$suite/logs/$log" "$version" "$label"
  echo "  full log: $suite/logs/$log"
}

status=0
for version in $versions; do
  run_version "$version" || status=1
done
exit $status
