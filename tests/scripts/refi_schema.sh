#!/usr/bin/env bash
# Validates the project.qde of exported .qdpx files against the REFI-QDA schema (Project.xsd in
# ../shared/data/refi) with xmllint, and checks that a re-export is byte-identical.
# Usage: refi_schema.sh VERBATIM SOURCE_DIR SCHEMA. Exit 77 (skipped) without schema or xmllint.
set -euo pipefail
bin=$1 src=$2 schema=$3
if [[ ! -f "$schema" ]]; then
  echo "skipped: REFI-QDA schema not found at $schema"
  exit 77
fi
if ! command -v xmllint >/dev/null; then
  echo "skipped: xmllint not installed (Debian package libxml2-utils)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {  # name codebook paths...
  local name=$1 cb=$2
  shift 2
  "$bin" codebook export "$cb" --qdpx "$tmp/$name.qdpx" "$@" -q
  "$bin" codebook export "$cb" --qdpx "$tmp/$name-again.qdpx" "$@" -q
  cmp "$tmp/$name.qdpx" "$tmp/$name-again.qdpx"
  mkdir -p "$tmp/$name"
  (cd "$tmp/$name" && unzip -q "../$name.qdpx")
  xmllint --noout --schema "$schema" "$tmp/$name/project.qde"
  local sources
  sources=$(ls "$tmp/$name/Sources" | wc -l)
  echo "$name: project.qde valid, $sources sources, re-export identical"
}
check sample "$src/data/sample/codebook.yml" "$src/data/sample" --role participant
check golden "$src/tests/golden/codebook/corpus/codebook.yml" "$src/tests/golden/codebook/corpus"
