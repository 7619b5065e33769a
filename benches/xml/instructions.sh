#!/usr/bin/env bash
# The measurement behind the `xml` feature's reader, and the cost of the
# crate's own conference-document decoder: instructions executed inside
# `measure` (callgrind), allocations inside it, and peak memory of the
# whole process (/usr/bin/time; the document itself is part of it), for
# quick-xml, roxmltree, xml-rs and mcu-session's ConferenceInfo::apply reading RFC
# 4575 documents of 10, 1,000 and 100,000 users; then quick-xml and the
# decoder on documents in the shape a Lync-compatible focus sends (shape
# `focus`: the MCUs offered, three endpoints a user naming their MCUs), and
# in the shape liblinphone 5.1 sends (shape `linphone`: a description with
# three available media, a role and one endpoint of three media a user).
#
#   bash benches/xml/instructions.sh
set -euo pipefail
cd "$(dirname "$0")"

source ../callgrind.sh
bin=$(bench_binary readers)

printf '%-6s %-8s %-12s %10s %15s %10s %12s %10s\n' shape users reader bytes instructions per-user allocations peak-KiB
row() {
    local shape=$1 users=$2 reader=$3
    bytes=$("$bin" "$reader" "$users" "$shape" 2>/dev/null)
    allocations=$("$bin" "$reader" "$users" "$shape" 2>&1 >/dev/null | awk '/^allocations:/ { print $2 }')
    n=$(count "$bin" "$reader" "$users" "$shape")
    /usr/bin/time -f %M -o "$callgrind_out/peak" "$bin" "$reader" "$users" "$shape" >/dev/null 2>&1
    peak=$(cat "$callgrind_out/peak")
    python3 -c "print(f'%-6s %-8s %-12s %10s %15d %10.1f %12s %10s' % ('$shape', '$users', '$reader', '$bytes', $n, $n / $users, '$allocations', '$peak'))"
}
for users in 10 1000 100000; do
    for reader in quick_xml roxmltree xml_rs mcu_session; do
        row rfc "$users" "$reader"
    done
done
for users in 10 1000 100000; do
    for reader in quick_xml mcu_session; do
        row focus "$users" "$reader"
    done
done
for users in 10 1000 100000; do
    for reader in quick_xml mcu_session; do
        row linphone "$users" "$reader"
    done
done

# Conformance: each reader alone on the W3C suite's cases the crate is
# judged on (tests/xmlconf/; the crate's decoders: tests/it/xmlconf.rs).
conformance=$(bench_binary conformance)
printf '\n%-10s %s\n' reader "W3C suite (not well-formed refused; well-formed read)"
for reader in quick_xml roxmltree xml_rs; do
    printf '%-10s %s\n' "$reader" "$("$conformance" "$reader")"
done

# Linear in every dimension: the decoder on documents that grow in one
# dimension only; instructions per item must stay flat from 1,000 to
# 100,000 items (nesting: per level, up to the depth limit).
dimensions=$(bench_binary dimensions)
printf '\n%-17s %8s %10s %15s %10s %10s\n' dimension items bytes instructions per-item peak-KiB
dimension() {
    local name=$1 items=$2
    bytes=$("$dimensions" "$name" "$items")
    n=$(count "$dimensions" "$name" "$items")
    /usr/bin/time -f %M -o "$callgrind_out/peak" "$dimensions" "$name" "$items" >/dev/null 2>&1
    peak=$(cat "$callgrind_out/peak")
    python3 -c "print(f'%-17s %8s %10s %15d %10.1f %10s' % ('$name', '$items', '$bytes', $n, $n / $items, '$peak'))"
}
for name in attributes users endpoints conf-uris roles text attribute-length; do
    for items in 1000 10000 100000; do
        dimension "$name" "$items"
    done
done
for items in 8 16 31; do
    dimension nesting "$items"
done
