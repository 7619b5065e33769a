#!/usr/bin/env bash
# Instructions executed (valgrind --tool=callgrind, counted only inside
# `measure`) by each implementation of the transitions-only MCU session
# machine on 1,000,000 pre-generated events, with each total's ratio to the
# hand-written enum + match and the cost per event.
#
#   bash benches/peers/instructions.sh
set -euo pipefail
cd "$(dirname "$0")"

source ../callgrind.sh
bin=$(bench_binary peers)

printf '%-16s %-12s %13s %8s %10s\n' workload impl instructions ratio per-event
for workload in data_free data_free_mixed with_data with_data_mixed; do
    base=$(count "$bin" by_hand "$workload")
    for impl in by_hand typed apply statig rust_fsm smlang; do
        if [ "$impl" = typed ] && [ "${workload%_mixed}" != "$workload" ]; then
            printf '%-16s %-12s %13s\n' "$workload" "$impl" "n/a (a wrong event does not compile)"
            continue
        fi
        n=$([ "$impl" = by_hand ] && echo "$base" || count "$bin" "$impl" "$workload")
        python3 -c "print(f'%-16s %-12s %13d %7.3fx %10.1f' % ('$workload', '$impl', $n, $n / $base, $n / 1e6))"
    done
done
