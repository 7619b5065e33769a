#!/usr/bin/env bash
# The measurement behind the `xml` feature's reader: instructions executed
# inside `measure` (callgrind) and peak memory of the whole process
# (/usr/bin/time; the document itself is part of it), for quick-xml and
# roxmltree reading RFC 4575 documents of 10, 1,000 and 100,000 users.
#
#   bash benches/xml/instructions.sh
set -euo pipefail
cd "$(dirname "$0")"

source ../callgrind.sh
bin=$(bench_binary readers)

printf '%-8s %-10s %10s %15s %12s %12s\n' users reader bytes instructions per-user peak-KiB
for users in 10 1000 100000; do
    for reader in quick_xml roxmltree; do
        bytes=$("$bin" "$reader" "$users")
        n=$(count "$bin" "$reader" "$users")
        peak=$( { /usr/bin/time -f %M "$bin" "$reader" "$users" >/dev/null; } 2>&1 )
        python3 -c "print(f'%-8s %-10s %10s %15d %12.1f %12s' % ('$users', '$reader', '$bytes', $n, $n / $users, '$peak'))"
    done
done
