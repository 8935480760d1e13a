#!/bin/sh
# A fake $EDITOR for the tests. Call n keeps a copy of the file it was
# given (given-n) and its mode (mode-n) in $FAKE_EDITOR_DIR; then it exits
# with the code in exit-n, if any, else writes draft-n over the file, if
# any, else leaves the file as it was (quit without saving).
set -e
d="$FAKE_EDITOR_DIR"
n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$d/count"
cp "$1" "$d/given-$n"
stat -c %a "$1" > "$d/mode-$n"
if [ -f "$d/exit-$n" ]; then exit "$(cat "$d/exit-$n")"; fi
if [ -f "$d/draft-$n" ]; then cat "$d/draft-$n" > "$1"; fi
