#!/bin/sh
# help-all.sh PROGRAM [ARGS]: runs PROGRAM; with --help it also prints the help of every
# subcommand, under a *Commands* section, so that help2man(1) documents them all.
set -eu
prog=$1; shift
[ "${1:-}" = "--help" ] || { "$prog" "$@"; exit; }
"$prog" --help
printf '\n*Commands*\n'
for sub in $("$prog" --help | sed -n '/^Subcommands:/,/^$/{s/^  \([a-z-]*\) .*/\1/p}'); do
  printf '\n'
  "$prog" "$sub" --help | awk '
    NR == 1 { desc = $0; next }
    /^Usage:/ { sub(/^Usage: /, ""); printf "%s:\n %s\n", $0, desc; next }
    /^(Options|Positionals):$/ || /-h,--help/ || /^$/ { next }
    { print }'
done
