# Sourced by the scripts that talk to the local three-node cluster (API on 127.0.0.1:8001-8003).

# status_field N FIELD: node nN's own FIELD (role, term, commit, applied, lastIndex) from GET /flotilla/v1/status,
# or nothing if it does not answer within a second.
status_field() {
    curl -fsS --max-time 1 "http://127.0.0.1:800$1/flotilla/v1/status" 2>/dev/null \
        | grep -o "\"$2\" *: *[^,}]*" | head -1 | sed 's/^[^:]*: *//; s/"//g'
}

# local_leader: the N of the node that reports itself leader, or nothing.
local_leader() {
    local n
    for n in 1 2 3; do
        if [ "$(status_field "$n" role)" = leader ]; then echo "$n"; return; fi
    done
}
