#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) for every implementation and
# workload, counted only inside `measure` (building the inputs is excluded),
# with each total's ratio to the hand-written baseline. Instruction counts,
# unlike seconds, repeat exactly on a busy shared machine.
#
#   bash benches/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source benches/callgrind.sh
bin=$(bench_binary instructions)

"$bin" sizes
printf '%-10s %-9s %15s %8s\n' workload impl instructions ratio
for workload in lifecycle stream mixed; do
    base=$(count "$bin" baseline "$workload")
    for impl in typed runtime baseline; do
        if [ "$impl" = typed ] && [ "$workload" = mixed ]; then
            printf '%-10s %-9s %15s %8s\n' "$workload" "$impl" "n/a" "(undocumented events do not compile)"
            continue
        fi
        n=$([ "$impl" = baseline ] && echo "$base" || count "$bin" "$impl" "$workload")
        printf '%-10s %-9s %15s %8s\n' "$workload" "$impl" "$n" \
            "$(python3 -c "print(f'{$n / $base:.3f}x')")"
    done
done

# Timers: an event loop queuing one operation per millisecond; the cost per
# operation must stay flat as the queue grows (O(log n) per call).
printf '\n%-10s %10s %15s %10s\n' workload operations instructions per-op
for n in 10000 100000 1000000; do
    total=$(count "$bin" timers "$n")
    printf '%-10s %10s %15s %10s\n' timers "$n" "$total" "$(python3 -c "print(f'{$total / $n:.1f}')")"
done

# The conference session: a focus event through the conference against the
# same event applied by hand (a hand-written conference enum plus `signal`
# on each MCU session). Every driver must fold the same reads.
conference=$(bench_binary conference)
printf '\n%-10s %-9s %15s %8s %10s\n' workload impl instructions ratio per-event
for workload in focus mixed; do
    expected=$("$conference" by_hand "$workload")
    base=$(count "$conference" by_hand "$workload")
    for impl in by_hand typed apply; do
        [ "$("$conference" "$impl" "$workload")" = "$expected" ] ||
            { echo "conference $impl $workload read something else" >&2; exit 1; }
        n=$([ "$impl" = by_hand ] && echo "$base" || count "$conference" "$impl" "$workload")
        python3 -c "print(f'%-10s %-9s %15d %7.3fx %10.1f' % ('$workload', '$impl', $n, $n / $base, $n / 1e6))"
    done
done
