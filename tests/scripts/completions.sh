#!/usr/bin/env bash
# The shell completions: both scripts parse (bash -n, zsh -n when zsh is installed), the bash
# one completes tools, subcommands, flags, flag values and file names as a user types, and the
# zsh one does in an interactive zsh in a tmux pane (when zsh and tmux are installed).
# Usage: completions.sh VERBATIM_BINARY [COMPLETIONS_DIR]   (the build's scripts, compared with
# what the binary writes now when given)
set -uo pipefail
bin=$(realpath "$1")
built=${2:-}
t=$(mktemp -d)
sock="verbatim-zsh-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$t"' EXIT
trap 'exit 1' INT TERM  # so that the EXIT trap runs
status=0
fail() { echo "FAIL: $*"; status=1; }

"$bin" --completion bash >"$t/verbatim.bash" || fail "--completion bash"
"$bin" --completion zsh >"$t/_verbatim" || fail "--completion zsh"
"$bin" --completion fish >/dev/null 2>"$t/err" && fail "--completion fish should be refused"
grep -q "takes bash or zsh" "$t/err" || fail "--completion fish: $(cat "$t/err")"
if [[ -n "$built" ]]; then
  cmp -s "$t/verbatim.bash" "$built/verbatim" || fail "$built/verbatim is stale"
  cmp -s "$t/_verbatim" "$built/_verbatim" || fail "$built/_verbatim is stale"
fi
bash -n "$t/verbatim.bash" || fail "bash -n"
if command -v zsh >/dev/null; then
  zsh -n "$t/_verbatim" || fail "zsh -n"
  head -n 1 "$t/_verbatim" | grep -qx '#compdef verbatim' || fail "_verbatim lacks #compdef"
  # Every command has its function, called from its parent's.
  for f in _verbatim _verbatim_freq _verbatim_codebook _verbatim_codebook_apply \
    _verbatim_codebook_import_codings _verbatim_corpus_check; do
    grep -q "^$f() {" "$t/_verbatim" || fail "_verbatim has no $f"
  done
else
  echo "zsh is not installed: zsh -n skipped"
fi

# What bash offers for a command line (the word under the cursor is the last, maybe empty).
mkdir -p "$t/work/data/sample" "$t/work/data/other"
touch "$t/work/data/sample/codebook.yml" "$t/work/notes.txt"
offer() {
  (cd "$t/work" && bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"
    _verbatim verbatim "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$t/verbatim.bash" "$@")
}
expect() {  # EXPECTED WORD...
  local want=$1 got
  shift
  got=$(offer "$@")
  [[ "$got" == "$want" ]] || fail "'$*': expected '$want', got '$got'"
}
expect "freq" verbatim fr
expect "codebook cooccur corpus" verbatim co
expect "--version" verbatim --vers
expect "apply" verbatim codebook ap
expect "import import-codings" verbatim codebook imp
expect "--top" verbatim freq --to
expect "--output" verbatim codebook apply --outp
expect "csv json jsonl md tsv" verbatim freq --format ""
expect "json jsonl" verbatim freq --format = j
expect "html" verbatim kwic x --format h
expect "summary" verbatim codebook apply --output s
expect "cloud" verbatim report --figure cl
expect "participant" verbatim freq --role pa
expect "" verbatim freq --top ""
expect "" verbatim freq --sep ""
expect "data/other data/sample" verbatim freq data/
expect "data/sample/codebook.yml" verbatim codebook apply data/sample/c
expect "check data notes.txt" verbatim corpus ""
expect "default" verbatim freq --stopwords def
expect "default,none default,notes.txt" verbatim freq --stopwords default,no
expect "default,en" verbatim freq --stopwords default,e
expect "notes.txt" verbatim freq --attributes no
expect "--max-file-size --max-line-tokens --max-zip-entry" verbatim tokens --max-

# zsh, for real: an interactive zsh in a tmux pane with the script on its fpath, and Tab.
zsh_checks=0
if command -v zsh >/dev/null && command -v tmux >/dev/null; then
  mkdir -p "$t/zdot" "$t/zfunc" "$t/zbin"
  cp "$t/_verbatim" "$t/zfunc/"
  ln -s "$bin" "$t/zbin/verbatim"
  cat >"$t/zdot/.zshrc" <<RC
fpath=($t/zfunc \$fpath)
autoload -Uz compinit && compinit -u -d $t/zdot/compdump
PS1='%% '
path=($t/zbin \$path)
cd $t/work
RC
  tmux -L "$sock" new-session -d -s z -x 150 -y 30 "env ZDOTDIR=$t/zdot zsh -i"
  ztab() {  # TYPED EXPECTED: type TYPED, press Tab, expect the line to become EXPECTED
    local got=""
    tmux -L "$sock" send-keys -t z C-u "$1" Tab
    for _ in $(seq 50); do
      got=$(tmux -L "$sock" capture-pane -p -t z | grep '^% ' | tail -n 1 | sed 's/ *$//')
      [[ "$got" == "% $2" ]] && break
      sleep 0.1
    done
    [[ "$got" == "% $2" ]] || fail "zsh: '$1' + Tab gave '$got', expected '% $2'"
    tmux -L "$sock" send-keys -t z C-c
    zsh_checks=$((zsh_checks + 1))
  }
  for _ in $(seq 50); do tmux -L "$sock" capture-pane -p -t z | grep -q '^% ' && break; sleep 0.1; done
  ztab "verbatim fr" "verbatim freq"
  ztab "verbatim codebook ap" "verbatim codebook apply"
  ztab "verbatim freq --form" "verbatim freq --format="
  ztab "verbatim codebook apply --output=summ" "verbatim codebook apply --output=summary"
  ztab "verbatim codebook apply data/sample/co" "verbatim codebook apply data/sample/codebook.yml"
  tmux -L "$sock" kill-server 2>/dev/null
fi
[[ $status -eq 0 ]] && echo "ok: bash -n, zsh -n, 23 bash completions, $zsh_checks zsh completions"
exit $status
