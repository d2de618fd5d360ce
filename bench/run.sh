#!/usr/bin/env bash
# kblint benchmark harness: kblint side by side with its floors (cat, ripgrep) and the
# Markdown linters users know (markdownlint-cli2, rumdl), in one run on the same files.
# See bench/README.md. Usage: bench/run.sh [--smoke] [options]; bench/run.sh --help.
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

# Pinned peers.
RUMDL_VERSION=0.3.0
TODAY=2026-11-24

usage() {
  cat <<EOF
usage: bench/run.sh [--smoke] [--sizes LIST] [--corpus DIR|none] [--runs N] [--peers all|none]
                    [--seed S] [--work DIR] [--keep] [--out FILE] [--kblint BIN]
                    [--markdownlint-max-files N] [--slow SECONDS]

  --smoke            CI mode: 1k generated articles, one run each, debug kblint, no peers
                     required and none installed, no corpus; checks the harness works
  --sizes LIST       generated KB sizes, comma-separated (10k,100k,1m); "none" for none
                     (default: 10k)
  --corpus DIR       a real corpus to measure too (default: msdocs-large, unpacked from
                     ../shared/corpora/msdocs-large.tar.gz into the work folder); "none"
  --runs N           timed runs per tool, median reported (default: 3)
  --peers all|none   install and measure markdownlint-cli2 and rumdl (default: all)
  --seed S           gen-kb seed (default: 1)
  --work DIR         where corpora, generated KBs and caches go (default: /tmp/kblint-bench)
  --keep             keep generated KBs (default: deleted after measuring)
  --out FILE         also write the report there (default: WORK/report-DATE.md)
  --kblint BIN       measure this kblint binary (default: build target/release/kblint)
  --markdownlint-max-files N
                     skip markdownlint-cli2 on larger trees (default: 20000; it needs
                     about 1 s per 100 files on 2 cores)
  --slow SECONDS     a tool whose first run takes longer is run once (default: 30)
EOF
}

SMOKE=0 SIZES=10k CORPUS=default RUNS=3 PEERS=all SEED=1 WORK=/tmp/kblint-bench KEEP=0
OUT="" KBLINT="" MDL_MAX=20000 SLOW=30
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --sizes) SIZES="$2"; shift ;;
    --corpus) CORPUS="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --peers) PEERS="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --keep) KEEP=1 ;;
    --out) OUT="$2"; shift ;;
    --kblint) KBLINT="$2"; shift ;;
    --markdownlint-max-files) MDL_MAX="$2"; shift ;;
    --slow) SLOW="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$SMOKE" = 1 ]; then
  SIZES=1k CORPUS=none RUNS=1 PEERS=none
  WORK="${KBLINT_BENCH_WORK:-$(mktemp -d /tmp/kblint-smoke.XXXXXX)}"
fi
[ "$RUNS" -ge 1 ] 2>/dev/null || { echo "run.sh: --runs must be at least 1" >&2; exit 2; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
# first_line CMD ARGS...: the first line of CMD's output; fails if CMD is empty.
first_line() { [ -n "$1" ] || return 1; local out; out=$("$@" 2>/dev/null); printf '%s\n' "${out%%$'\n'*}"; }

mkdir -p "$WORK" || die "cannot create $WORK"
WORK="$(cd "$WORK" && pwd)"
# Scratch files of this run only: two runs sharing --work must not clobber each other.
TMP="$(mktemp -d "$WORK/.run.XXXXXX")" || die "cannot create a scratch folder in $WORK"
[ -n "$OUT" ] || OUT="$WORK/report-$(date +%Y%m%d-%H%M%S).md"
[ -x /usr/bin/time ] || {
  if [ "$(id -u)" = 0 ] && have apt-get; then apt-get install -y -qq time >/dev/null 2>&1; fi
  [ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak RSS: apt-get install time"
}

# ---------------------------------------------------------------------------------------
# Build kblint and gen-kb.
if [ -z "$KBLINT" ]; then
  if [ "$SMOKE" = 1 ]; then
    log "building kblint (debug: the smoke run checks the harness, not speed)"
    (cd "$ROOT" && cargo build --quiet --bin kblint) || die "cargo build failed"
    KBLINT="$ROOT/target/debug/kblint"
  else
    log "building kblint (release)"
    (cd "$ROOT" && cargo build --quiet --release --bin kblint) || die "cargo build --release failed"
    KBLINT="$ROOT/target/release/kblint"
  fi
fi
[ -x "$KBLINT" ] || die "no kblint binary at $KBLINT"
log "building gen-kb (release)"
cargo build --quiet --release --manifest-path "$BENCH/gen-kb/Cargo.toml" || die "gen-kb build failed"
GENKB="$BENCH/gen-kb/target/release/gen-kb"

# ---------------------------------------------------------------------------------------
# Peers, installed idempotently (skipped when present).
RG="" MDL="" RUMDL="" HYPERFINE=""
apt_install() { # $1 = command, $2 = Debian package
  have "$1" && return 0
  [ "$SMOKE" = 1 ] && return 1
  if [ "$(id -u)" = 0 ] && have apt-get; then
    log "installing $2 (apt)"
    apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; }
  fi
  have "$1"
}
apt_install rg ripgrep && RG="$(command -v rg)"
apt_install hyperfine hyperfine && HYPERFINE="$(command -v hyperfine)"
if [ "$PEERS" = all ]; then
  if [ ! -x "$BENCH/node_modules/.bin/markdownlint-cli2" ]; then
    if have npm; then
      log "installing markdownlint-cli2 (npm ci, pinned in bench/package-lock.json)"
      (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || log "npm ci failed: markdownlint-cli2 skipped"
    else
      log "npm not found: markdownlint-cli2 skipped (apt-get install nodejs npm)"
    fi
  fi
  [ -x "$BENCH/node_modules/.bin/markdownlint-cli2" ] && MDL="$BENCH/node_modules/.bin/markdownlint-cli2"
  RUMDL="$BENCH/.venv/bin/rumdl"
  if ! { [ -x "$RUMDL" ] && "$RUMDL" --version 2>/dev/null | grep -q " $RUMDL_VERSION\$"; }; then
    log "installing rumdl $RUMDL_VERSION (PyPI, into bench/.venv)"
    { python3 -m venv "$BENCH/.venv" && "$BENCH/.venv/bin/pip" install -q "rumdl==$RUMDL_VERSION"; } >/dev/null 2>&1 ||
      { log "pip failed, trying cargo install rumdl $RUMDL_VERSION"
        cargo install --quiet --locked rumdl --version "$RUMDL_VERSION" --root "$BENCH/.venv" >/dev/null 2>&1; }
  fi
  [ -x "$RUMDL" ] || { log "rumdl not available: skipped"; RUMDL=""; }
fi

KBLINT_CACHE=0
if "$KBLINT" check --help 2>/dev/null | grep -q -- '--no-cache'; then KBLINT_CACHE=1; fi

# ---------------------------------------------------------------------------------------
# Measurement.
# measure LABEL OKMAX CMD...: runs CMD (stdout+stderr to /dev/null) up to RUNS times.
# Sets M_WALL (median seconds), M_RSS (peak RSS of the first run, KiB), M_RUNS, M_RC.
# An exit code above OKMAX is a failure (linters exit 1 when they find something).
measure() {
  local label=$1 okmax=$2; shift 2
  local t0 t1 rc i
  local -a walls=()
  M_WALL="" M_RSS="" M_RUNS=0 M_RC=0
  log "  $label"
  # First run: wall time and peak RSS (GNU time).
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr"
  rc=$?
  t1=$(date +%s%N)
  M_RC=$rc
  if [ "$rc" -gt "$okmax" ]; then
    log "    failed with exit $rc: $(head -c 300 "$TMP/stderr")"
    return 1
  fi
  M_RSS=$(tail -n 1 "$TMP/time")
  walls+=("$(( (t1 - t0) / 1000 ))")
  local first_s=$(( (t1 - t0) / 1000000000 ))
  if [ "$RUNS" -gt 1 ] && [ "$first_s" -lt "$SLOW" ]; then
    if [ -n "$HYPERFINE" ] && [ "$first_s" -lt 10 ]; then
      # The first run was the warm-up; hyperfine times the rest and reports the median.
      local cmd="" a
      for a in "$@"; do cmd+="$(printf '%q ' "$a")"; done
      if "$HYPERFINE" --style none --runs "$RUNS" -i --export-json "$TMP/hf.json" \
          --shell=bash -- "$cmd >/dev/null 2>&1" >/dev/null 2>&1; then
        M_WALL=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$TMP/hf.json" 2>/dev/null ||
                 jq -r '.results[0].median' "$TMP/hf.json")
        M_RUNS=$RUNS
        return 0
      fi
    fi
    for ((i = 2; i <= RUNS; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
      walls+=("$(( (t1 - t0) / 1000 ))")
    done
  fi
  M_RUNS=${#walls[@]}
  M_WALL=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.4f", m / 1e6}')
}

REPORT="$TMP/report.md"
RATIOS="$TMP/ratios.md"
: >"$REPORT"; : >"$RATIOS"
declare -A KB_WALL KB_RSS KB_BYTES

# row TARGET FILES BYTES TOOL: appends the last measurement to the report.
row() {
  local target=$1 files=$2 bytes=$3 tool=$4
  if [ -z "$M_WALL" ]; then
    printf '| %s | %s | failed (exit %s) | | | | |\n' "$target" "$tool" "$M_RC" >>"$REPORT"
    return
  fi
  awk -v t="$target" -v tool="$tool" -v w="$M_WALL" -v f="$files" -v b="$bytes" -v r="$M_RSS" -v n="$M_RUNS" -v rc="$M_RC" 'BEGIN {
    printf "| %s | %s | %.3f | %d | %s | %.1f | %.0f |\n", t, tool, w, n, (w > 0 ? sprintf("%.0f", f / w) : "-"), (w > 0 ? b / 1e6 / w : 0), r / 1024 }' >>"$REPORT"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f×", a / b }'; }

# bench_target NAME DIR: every tool on one tree.
bench_target() {
  local name=$1 dir=$2 files bytes
  files=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' \) -not -path '*/.*' | wc -l)
  bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' \) -not -path '*/.*' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  local target
  target="$name ($(printf "%'d" "$files" 2>/dev/null || echo "$files") files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB)"
  log "$target: load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Warm the page cache: every tool below reads from memory ("cold" = no tool cache).
  find "$dir" -type f -name '*.md' -print0 | xargs -0 cat >/dev/null
  local w_cat="" w_rg="" w_kb="" w_kbw="" w_mdl="" w_rumdl=""

  measure "cat" 0 bash -c 'find "$1" -type f -name "*.md" -print0 | xargs -0 cat >/dev/null' _ "$dir" && w_cat=$M_WALL
  row "$target" "$files" "$bytes" "cat (I/O floor)"
  if [ -n "$RG" ]; then
    measure "ripgrep" 1 "$RG" --no-config -c -i --no-unicode -w -f "$BENCH/lexicon.txt" -g '*.md' "$dir" && w_rg=$M_WALL
    row "$target" "$files" "$bytes" "ripgrep, 31-phrase lexicon (scan floor)"
  fi
  local -a kbcmd=("$KBLINT" check --today "$TODAY" --format concise --color never)
  if [ "$KBLINT_CACHE" = 1 ]; then
    measure "kblint (no cache)" 1 "${kbcmd[@]}" --no-cache "$dir" && w_kb=$M_WALL
    KB_WALL[$name]=$M_WALL KB_RSS[$name]=$M_RSS KB_BYTES[$name]=$bytes
    row "$target" "$files" "$bytes" "**kblint**, cold (no kblint cache)"
    "${kbcmd[@]}" "$dir" >/dev/null 2>&1 # prime the cache
    measure "kblint (warm cache)" 1 "${kbcmd[@]}" "$dir" && w_kbw=$M_WALL
    row "$target" "$files" "$bytes" "**kblint**, warm cache, nothing changed"
  else
    measure "kblint" 1 "${kbcmd[@]}" "$dir" && w_kb=$M_WALL
    KB_WALL[$name]=$M_WALL KB_RSS[$name]=$M_RSS KB_BYTES[$name]=$bytes
    row "$target" "$files" "$bytes" "**kblint**, cold (no kblint cache)"
    printf '| %s | **kblint**, warm cache | n/a (no cache yet) | | | | |\n' "$target" >>"$REPORT"
  fi
  if [ -n "$MDL" ]; then
    if [ "$files" -le "$MDL_MAX" ]; then
      # From an empty folder, so no configuration file is picked up: default rules.
      mkdir -p "$TMP/mdl-cwd"
      measure "markdownlint-cli2" 1 bash -c 'cd "$1" && exec "$2" "$3/**/*.md"' _ "$TMP/mdl-cwd" "$MDL" "$dir" && w_mdl=$M_WALL
      row "$target" "$files" "$bytes" "markdownlint-cli2 $(first_line "$MDL" --help | awk '{print $2}')"
    else
      printf '| %s | markdownlint-cli2 | skipped (> %s files) | | | | |\n' "$target" "$MDL_MAX" >>"$REPORT"
    fi
  fi
  if [ -n "$RUMDL" ]; then
    measure "rumdl (no cache)" 1 "$RUMDL" check --no-config --no-cache --color never "$dir" && w_rumdl=$M_WALL
    row "$target" "$files" "$bytes" "rumdl $RUMDL_VERSION, no cache"
    rm -rf "$TMP/rumdl-cache"
    "$RUMDL" check --no-config --cache-dir "$TMP/rumdl-cache" --color never "$dir" >/dev/null 2>&1
    measure "rumdl (warm cache)" 1 "$RUMDL" check --no-config --cache-dir "$TMP/rumdl-cache" --color never "$dir"
    row "$target" "$files" "$bytes" "rumdl $RUMDL_VERSION, warm cache"
  fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(ratio "$w_kb" "$w_rg")" "$(ratio "$w_kbw" "$w_rg")" \
    "$(ratio "$w_kb" "$w_cat")" "$(ratio "$w_mdl" "$w_kb")" "$(ratio "$w_rumdl" "$w_kb")" >>"$RATIOS"
  log "$target done: load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---------------------------------------------------------------------------------------
# Targets.
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START_S=$(date +%s)

if [ "$CORPUS" != none ]; then
  if [ "$CORPUS" = default ]; then
    CORPUS="$WORK/corpora/msdocs-large"
    if [ ! -d "$CORPUS" ]; then
      TARBALL="$ROOT/../shared/corpora/msdocs-large.tar.gz"
      [ -f "$TARBALL" ] || TARBALL="/work/shared/corpora/msdocs-large.tar.gz"
      if [ -f "$TARBALL" ]; then
        log "unpacking $(basename "$TARBALL")"
        mkdir -p "$WORK/corpora" && tar -xzf "$TARBALL" -C "$WORK/corpora" || die "cannot unpack $TARBALL"
      else
        log "no msdocs-large tarball found next to the repository: real corpus skipped (use --corpus DIR)"
        CORPUS=none
      fi
    fi
  fi
  if [ "$CORPUS" != none ]; then
    [ -d "$CORPUS" ] || die "corpus folder $CORPUS does not exist"
    bench_target "$(basename "$CORPUS")" "$CORPUS"
  fi
fi

declare -a GEN_ORDER=()
if [ "$SIZES" != none ]; then
  IFS=',' read -r -a size_list <<<"$SIZES"
  for size in "${size_list[@]}"; do
    kb="$WORK/kb-$size-s$SEED"
    want=$(awk -v s="$size" 'BEGIN { m = 1; if (s ~ /[kK]$/) m = 1e3; if (s ~ /[mM]$/) m = 1e6; sub(/[kKmM]$/, "", s); printf "%d", s * m }')
    have=$( [ -d "$kb" ] && find "$kb" -name '*.md' -not -path '*/.*' | wc -l || echo 0)
    if [ -f "$kb/.gen-kb/params.txt" ] && grep -qx "seed $SEED" "$kb/.gen-kb/params.txt" \
      && grep -qx "articles $want" "$kb/.gen-kb/params.txt" && [ "$have" -eq "$want" ]; then
      log "reusing $kb ($have articles)"
    else
      log "generating $size articles (seed $SEED) into $kb"
      "$GENKB" --articles "$size" --seed "$SEED" --today "$TODAY" --force "$kb" || die "gen-kb failed"
    fi
    if [ "$SMOKE" = 1 ]; then
      # Determinism: the same seed with another thread count gives a byte-identical tree.
      "$GENKB" --articles "$size" --seed "$SEED" --today "$TODAY" --threads 1 --force "$kb.again" 2>/dev/null || die "gen-kb failed"
      h1=$(cd "$kb" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum)
      h2=$(cd "$kb.again" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum)
      [ "$h1" = "$h2" ] || die "gen-kb is not deterministic: two runs with seed $SEED differ"
      rm -rf "$kb.again"
      log "gen-kb deterministic: ${h1%% *}"
    fi
    bench_target "gen-kb $size" "$kb"
    GEN_ORDER+=("gen-kb $size")
    if [ "$SMOKE" = 1 ]; then
      # The harness works end to end: kblint read every generated article.
      n_md=$(find "$kb" -type f -name '*.md' -not -path '*/.*' | wc -l)
      "$KBLINT" check --today "$TODAY" --format json "$kb" >"$TMP/smoke.json" 2>"$TMP/smoke.err"
      rc=$?
      [ "$rc" -le 1 ] || die "kblint exited $rc on the generated KB: $(head -c 500 "$TMP/smoke.err")"
      n_seen=$(grep -o '"files": *[0-9]*' "$TMP/smoke.json" | tail -1 | grep -o '[0-9]*$')
      [ "$n_seen" = "$n_md" ] || die "kblint checked $n_seen files, the KB has $n_md"
      log "smoke: kblint checked all $n_md generated articles (exit $rc)"
    fi
    # The marker goes first: a deletion cut short must not leave a tree that looks complete.
    if [ "$KEEP" = 0 ]; then log "deleting $kb"; rm -f "$kb/.gen-kb/params.txt"; rm -rf "$kb"; fi
  done
fi

# ---------------------------------------------------------------------------------------
# Report.
{
  echo "## kblint benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- load average (1, 5, 15 min) at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- kblint: $("$KBLINT" --version 2>/dev/null) ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')), \`${KBLINT#"$ROOT"/}\`; kblint cache: $([ "$KBLINT_CACHE" = 1 ] && echo yes || echo 'none (warm = n/a)')"
  echo "- peers: $(first_line "$RG" --version || echo 'ripgrep missing'); $(first_line "$MDL" --help || echo 'markdownlint-cli2 not measured'); $(first_line "$RUMDL" --version || echo 'rumdl not measured'); timing: $(first_line "$HYPERFINE" --version || echo 'own loop')"
  echo "- runs per tool: $RUNS (median; tools slower than ${SLOW}s on the first run are run once); page cache warm; peak RSS from the first run"
  [ "$SMOKE" = 1 ] && echo "- **smoke mode**: 1k articles, one run (a debug kblint unless --kblint): these numbers check the harness, they are not benchmarks"
  echo
  echo "| target | tool | wall s (median) | runs | files/s | MB/s | peak RSS MiB |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  cat "$REPORT"
  echo
  echo "| target | kblint / rg | kblint warm / rg | kblint / cat | markdownlint / kblint | rumdl / kblint |"
  echo "|---|---:|---:|---:|---:|---:|"
  cat "$RATIOS"
  if [ -n "${KB_WALL[gen-kb 100k]:-}" ] && [ -n "${KB_WALL[gen-kb 1m]:-}" ]; then
    echo
    echo "Scaling: kblint 1m / 100k wall time $(ratio "${KB_WALL[gen-kb 1m]}" "${KB_WALL[gen-kb 100k]}") (target ≤ 12×);" \
      "peak RSS at 1m $(awk -v r="${KB_RSS[gen-kb 1m]}" -v b="${KB_BYTES[gen-kb 1m]}" 'BEGIN {printf "%.0f MiB = %.1f%% of the corpus bytes", r / 1024, 100 * r * 1024 / b}') (target < 25%)."
  fi
  if [ "${#GEN_ORDER[@]}" -gt 0 ]; then
    echo
    echo "Per article (kblint wall time / articles):"
    for g in "${GEN_ORDER[@]}"; do
      n=$(awk -v s="${g#gen-kb }" 'BEGIN { m = 1; if (s ~ /[kK]$/) m = 1e3; if (s ~ /[mM]$/) m = 1e6; sub(/[kKmM]$/, "", s); print s * m }')
      [ -n "${KB_WALL[$g]:-}" ] && awk -v w="${KB_WALL[$g]}" -v n="$n" -v g="$g" 'BEGIN {printf "- %s: %.1f µs per article\n", g, 1e6 * w / n}'
    done
  fi
  echo
  echo "Total harness time: $(( $(date +%s) - START_S )) s."
} | tee "$OUT"
if [ "$SMOKE" = 1 ] && [ -z "${KBLINT_BENCH_WORK:-}" ]; then
  rm -rf "$WORK"
  log "smoke run passed"
else
  log "report written to $OUT"
fi
rm -rf "$TMP"
exit 0
