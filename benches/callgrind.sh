# Shared by benches/instructions.sh and benches/peers/instructions.sh:
# build a bench binary and count the instructions it executes inside
# `measure` (valgrind --tool=callgrind), which repeat exactly on a busy
# machine. Source it from the package's directory.

command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

# bench_binary NAME: builds the bench target NAME, prints its path.
bench_binary() {
    cargo bench --bench "$1" --no-run --message-format=json 2>/dev/null |
        python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$1"
}

callgrind_out=$(mktemp -d)
trap 'rm -rf "$callgrind_out"' EXIT

# count BINARY ARGS...: instructions executed inside `measure`.
count() {
    local bin=$1 out
    shift
    out="$callgrind_out/$(echo "$*" | tr ' ' '-')"
    valgrind --tool=callgrind --toggle-collect='*measure*' \
        --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>"$callgrind_out/log"
    awk '/^summary:/ { print $2 }' "$out"
}
