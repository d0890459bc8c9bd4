#!/usr/bin/env bash
# Runs one golden case: tests/golden/<tool>/<NNNN-name>/ holds `cmd` (one shell command line,
# run in the case folder with `verbatim` on PATH), `expout` (expected stdout), optional `experr`
# (expected stderr; when absent stderr must be empty), and `should-fail` (expected non-zero exit
# code in it; when absent the command must exit 0). Prints a diff on mismatch.
# Usage: run-case.sh VERBATIM_BINARY CASE_DIR [--regen]
set -uo pipefail
bin=$(realpath "$1")
case_dir=$2
regen=${3:-}
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
ln -s "$bin" "$bindir/verbatim"
cd "$case_dir" || exit 2
out=$(mktemp -p "$bindir")
err=$(mktemp -p "$bindir")
# Hermetic: the compiled-in stopword lists (no VERBATIM_DATA), no progress delay from outside.
PATH="$bindir:$PATH" LC_ALL=C.UTF-8 NO_COLOR=1 env -u VERBATIM_DATA -u VERBATIM_PROGRESS_DELAY \
  bash -c "$(cat cmd)" >"$out" 2>"$err" </dev/null
code=$?

if [[ "$regen" == "--regen" ]]; then
  cp "$out" expout
  if [[ -s "$err" ]]; then cp "$err" experr; else rm -f experr; fi
  if [[ $code -ne 0 ]]; then echo "$code" >should-fail; else rm -f should-fail; fi
  exit 0
fi

status=0
expected_code=0
[[ -f should-fail ]] && expected_code=$(tr -dc '0-9' <should-fail)
if [[ $code -ne $expected_code ]]; then
  echo "exit code: expected $expected_code, got $code"
  status=1
fi
if ! diff -u expout "$out" --label expected-stdout --label actual-stdout; then status=1; fi
if [[ -f experr ]]; then
  diff -u experr "$err" --label expected-stderr --label actual-stderr || status=1
elif [[ -s "$err" ]]; then
  echo "unexpected stderr:"; cat "$err"; status=1
fi
exit $status
