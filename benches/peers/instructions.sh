#!/usr/bin/env bash
# Instructions executed (valgrind --tool=callgrind, counted only inside
# `measure`) by each implementation of the transitions-only MCU session
# machine on 1,000,000 pre-generated events, with each total's ratio to the
# hand-written enum + match and the cost per event.
#
#   bash benches/peers/instructions.sh
set -euo pipefail
cd "$(dirname "$0")"

command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

bin=$(cargo bench --bench peers --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "peers" and m.get("executable"):
        print(m["executable"])')

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # implementation workload -> instructions executed inside `measure`
    valgrind --tool=callgrind --toggle-collect='*measure*' \
        --callgrind-out-file="$out/$1-$2" "$bin" "$1" "$2" >/dev/null 2>"$out/log"
    awk '/^summary:/ { print $2 }' "$out/$1-$2"
}

printf '%-16s %-12s %13s %8s %10s\n' workload impl instructions ratio per-event
for workload in data_free data_free_mixed with_data with_data_mixed; do
    base=$(count by_hand "$workload")
    for impl in by_hand any_session typed statig rust_fsm smlang; do
        if [ "$impl" = typed ] && [ "${workload%_mixed}" != "$workload" ]; then
            printf '%-16s %-12s %13s\n' "$workload" "$impl" "n/a (a wrong event does not compile)"
            continue
        fi
        n=$([ "$impl" = by_hand ] && echo "$base" || count "$impl" "$workload")
        python3 -c "print(f'%-16s %-12s %13d %7.3fx %10.1f' % ('$workload', '$impl', $n, $n / $base, $n / 1e6))"
    done
done
