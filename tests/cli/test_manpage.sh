#!/usr/bin/env bash
# test_manpage.sh — docs/man/plimsoll.1 cannot drift from the binary: every command of
# `plimsoll --help` has its section, every option of `--help` and of each command's
# `--help` is an item of that section, and the page names no command or option that no
# --help has. It must also render without a warning.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
page="$PL_SOURCE_DIR/docs/man/plimsoll.1"

# The options at the start of each line of an "options:" block: "-f, --format text|json
# report format" gives -f and --format (one argument word is skipped, the next word ends).
help_options() {
  awk '/^options:/ { on = 1; next } /^$/ { on = 0 } on && /^ +-/ {
         arg = 0
         for (i = 1; i <= NF; i++) {
           w = $i; sub(/,$/, "", w)
           if (w ~ /^--?[A-Za-z]/) { print w; arg = 0 }
           else if (!arg) arg = 1
           else break
         }
       }'
}

# "SECTION OPTION" for each item (.TP) of the page, SECTION "-" for the global options.
page_options() {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$page" |
    awk '/^\.SH / { sec = ($2 == "OPTIONS") ? "-" : ""; next }
         /^\.SS "plimsoll / { sec = $3; next }
         /^\.TP/ { item = 1; next }
         item { item = 0; if (sec == "") next
                line = $0; sub(/^\.[A-Z]+ */, "", line); gsub(/"/, " ", line)
                n = split(line, ws, / +/)
                for (i = 1; i <= n; i++) { w = ws[i]; sub(/,$/, "", w)
                  if (w ~ /^--?[A-Za-z]/) print sec, w }
         }'
}

"$PLIMSOLL" --help >"$tmp/help"
# a command's line starts at two spaces; a wrapped description is indented further
commands=$(awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' \
  "$tmp/help")
what="--help lists commands"
if [ -n "$commands" ]; then ok; else bad "no commands found in plimsoll --help"; fi

{
  help_options <"$tmp/help" | sed 's/^/- /'
  for c in $commands; do
    what="plimsoll $c --help"
    if "$PLIMSOLL" "$c" --help >"$tmp/cmd-help"; then ok; else bad "exit status $?"; fi
    help_options <"$tmp/cmd-help" | sed "s/^/$c /"
  done
} | sort -u >"$tmp/from-help"
page_options | sort -u >"$tmp/from-page"
sed -n 's/^\.SS "plimsoll \([^ "]*\).*/\1/p' "$page" | sed 's/\\-/-/g' | sort >"$tmp/page-commands"

for c in $commands; do
  what="command $c"
  if grep -qx -- "$c" "$tmp/page-commands"; then ok; else
    bad "'plimsoll $c' has no .SS section in docs/man/plimsoll.1: document it there"; fi
done
while read -r c; do
  what="man page command $c"
  if printf '%s\n' $commands | grep -qx -- "$c"; then ok; else
    bad "docs/man/plimsoll.1 documents 'plimsoll $c', which plimsoll --help does not list"; fi
done <"$tmp/page-commands"

# A section marked '.\" options: as COMMAND' takes COMMAND's options: its --help must then
# list exactly those, and the page need not repeat them.
while read -r c other; do
  what="plimsoll $c takes the options of $other"
  diff <(sed -n "s/^$c //p" "$tmp/from-help") <(sed -n "s/^$other //p" "$tmp/from-help") \
    >"$tmp/diff" && ok || bad "their --help lists differ: $(tr '\n' ' ' <"$tmp/diff")"
  sed -n "s/^$other /$c /p" "$tmp/from-page" >>"$tmp/from-page"
done < <(sed 's/\\-/-/g' "$page" | awk '/^\.SS "plimsoll / { c = $3 }
  /^\.\\" options: as / { print c, $4 }')
sort -u -o "$tmp/from-page" "$tmp/from-page"

while read -r sec opt; do
  what="option $opt of ${sec/#-/plimsoll}"
  if grep -qx -- "$sec $opt" "$tmp/from-page"; then ok; else
    bad "$opt is in '${sec/#-/plimsoll} --help' but not in its section of docs/man/plimsoll.1: document it there"
  fi
done <"$tmp/from-help"
while read -r sec opt; do
  what="man page option $opt of ${sec/#-/plimsoll}"
  if grep -qx -- "$sec $opt" "$tmp/from-help"; then ok; else
    bad "docs/man/plimsoll.1 documents $opt for '${sec/#-/plimsoll}', whose --help has no such option"
  fi
done <"$tmp/from-page"

what="the page covers every option"
n=$(wc -l <"$tmp/from-help")
if [ "$n" -gt 40 ]; then ok; else bad "only $n options read from --help: is the parser broken?"; fi

if command -v groff >/dev/null; then
  run "the page renders cleanly" groff -man -ww -z "$page"
  expect_status 0
  lacks "$tmp/err" "warning"
fi
finish
