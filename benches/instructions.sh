#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) for every implementation and
# workload, counted only inside `measure` (building the inputs is excluded),
# with each total's ratio to the hand-written baseline. Instruction counts,
# unlike seconds, repeat exactly on a busy shared machine.
#
#   bash benches/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

bin=$(cargo bench --bench instructions --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "instructions" and m.get("executable"):
        print(m["executable"])')

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # implementation workload -> instructions executed inside `measure`
    valgrind --tool=callgrind --toggle-collect='*measure*' \
        --callgrind-out-file="$out/$1-$2" "$bin" "$1" "$2" >/dev/null 2>"$out/log"
    awk '/^summary:/ { print $2 }' "$out/$1-$2"
}

"$bin" sizes
printf '%-10s %-9s %15s %8s\n' workload impl instructions ratio
for workload in lifecycle stream mixed; do
    base=$(count baseline "$workload")
    for impl in typed runtime owned baseline; do
        if [ "$impl" = typed ] && [ "$workload" = mixed ]; then
            printf '%-10s %-9s %15s %8s\n' "$workload" "$impl" "n/a" "(undocumented events do not compile)"
            continue
        fi
        n=$([ "$impl" = baseline ] && echo "$base" || count "$impl" "$workload")
        printf '%-10s %-9s %15s %8s\n' "$workload" "$impl" "$n" \
            "$(python3 -c "print(f'{$n / $base:.3f}x')")"
    done
done
