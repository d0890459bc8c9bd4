#!/usr/bin/env bash
# The progress line appears when stderr is a terminal and only then: `verbatim freq` runs in a
# tmux pane (a real terminal) on a generated corpus of 200 transcripts whose last file is a
# named pipe, so the run waits there, its progress line on screen, until the test writes the
# last transcript. capture-pane must show the line while it waits and not once the run is over
# (the line is erased); the table must be the same bytes as a run in a pipe, whose stderr must
# stay empty. Also: -q hides the line, and colors show on a terminal unless NO_COLOR is set.
# VERBATIM_PROGRESS_DELAY=0 shows the line at once instead of after a second.
# Usage: progress_tty.sh VERBATIM_BINARY SOURCE_DIR      (exit 77, skipped, without tmux)
set -uo pipefail
command -v tmux >/dev/null || { echo "tmux is not installed: skipped"; exit 77; }
bin=$(realpath "$1")
src=$(realpath "$2")
t=$(mktemp -d); [[ -n "${KEEP:-}" ]] && echo "kept: $t"
sock="verbatim-progress-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; [[ -n "${KEEP:-}" ]] || rm -rf "$t"; }
trap cleanup EXIT
trap 'exit 1' INT TERM  # so that the EXIT trap runs
fail() { echo "FAIL: $*"; exit 1; }

# 200 transcripts (about 5 MB), and the last one twice: a file, and a named pipe.
mkdir -p "$t/corpus" "$t/ref" "$t/tty"
text=$(cat "$src/data/sample/interviews/p01.txt" "$src/data/sample/interviews/p02.txt")
for i in $(seq -w 1 200); do printf '%s\n' "$text" >"$t/corpus/p$i.txt"; done
last='P01 : Et la fidélité des clients, au fond, reste une affaire de confiance.'
printf '%s\n' "$last" >"$t/ref/zz-last.txt"
mkfifo "$t/tty/zz-last.txt"

# In a pipe: no progress on stderr, even with no delay.
VERBATIM_PROGRESS_DELAY=0 "$bin" freq "$t/corpus" "$t/ref/zz-last.txt" --threads 1 \
  >"$t/ref.csv" 2>"$t/ref.err" || fail "freq in a pipe exited $?"
[[ -s "$t/ref.err" ]] && fail "stderr is not empty in a pipe: $(head -c 300 "$t/ref.err")"

# In a terminal.
pane() { tmux -L "$sock" capture-pane -p -t v; }
wait_for() {  # PATTERN: wait (at most 120 s) until the screen shows it
  for _ in $(seq 1200); do pane | grep -q -- "$1" && return 0; sleep 0.1; done
  echo "screen:"; pane; return 1
}
wait_log() {  # PATTERN: wait until the pane's output log holds it on a line of its own
  for _ in $(seq 1200); do grep -aq -- "^$1" "$t/pane.log" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
tmux -L "$sock" new-session -d -s v -x 160 -y 24 "env -u NO_COLOR PS1='$ ' bash --norc --noprofile"
tmux -L "$sock" pipe-pane -t v "cat >> $t/pane.log"
run() { tmux -L "$sock" send-keys -t v "$1" Enter; }
run "cd $t && export PATH=$(dirname "$bin"):\$PATH VERBATIM_PROGRESS_DELAY=0"
run "verbatim freq corpus tty/zz-last.txt --threads 1 -o tty.csv; echo run-\$?-over"
wait_for "verbatim freq: [0-9]*/201 files, .* MB/s" || fail "no progress line on the terminal"
line=$(pane | grep -o "verbatim freq: [0-9]*/201 files.*" | head -n 1)
printf '%s\n' "$last" >"$t/tty/zz-last.txt"
wait_for "run-0-over" || fail "the run in the terminal did not end with exit 0"
pane | grep -q "files, " && fail "the progress line is still on screen after the run"
cmp -s "$t/ref.csv" "$t/tty.csv" || fail "the table differs between the terminal and the pipe"
echo "on the terminal: $line"

# -q: no progress line, even on a terminal.
run "clear; verbatim freq corpus --threads 1 -q -o q.csv; echo quiet-\$?-over"
wait_for "quiet-0-over" || fail "the -q run did not end with exit 0"
wait_log $'[^$]*quiet-0-over\r' || fail "the pane's log lacks the -q run"
tail -c 200000 "$t/pane.log" | sed -n '/verbatim freq corpus --threads 1 -q/,$p' |
  grep -aq "files, " && fail "a progress line with -q"

# Colors on a terminal, none with NO_COLOR.
run "verbatim freq nowhere; echo color-over; NO_COLOR=1 verbatim freq nowhere; echo plain-over"
wait_for "plain-over" || fail "the error runs did not end"
wait_log $'plain-over\r' || fail "the pane's log lacks the error runs"
sed -n '/verbatim freq nowhere; echo color-over/,$p' "$t/pane.log" >"$t/errors.log"
awk '/color-over/ && !/echo/ {exit} {print}' "$t/errors.log" | grep -aq $'\x1b\\[[0-9;]*31m' ||
  fail "no red error label on a terminal"
awk '/color-over/ && !/echo/ {on = 1; next} on {print}' "$t/errors.log" |
  grep -a "nowhere: no such file" | grep -aq $'\x1b' && fail "colors despite NO_COLOR"
echo "ok: progress on a terminal only, erased at the end, hidden by -q; colors unless NO_COLOR"
