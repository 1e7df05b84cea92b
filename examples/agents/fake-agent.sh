#!/bin/sh
# fake-agent.sh PROMPT
#
# An offline stand-in for a coding agent such as `claude -p`, for trying worktree isolation
# without one. It edits files in its working folder as its prompt says, one instruction a line,
# and prints the JSON `claude -p --output-format json` prints (result, cost, usage, turns).
#
#   add PATH TEXT         appends the line TEXT to PATH (creating it and its folders)
#   change PATH N TEXT    replaces line N of PATH with TEXT (two agents changing one line conflict)
#   cost USD              the cost it reports (default 0.01)
#   fail MESSAGE          reports an error instead (is_error: true); "fail overloaded" is what an
#                         overloaded API says (fanout backs the agent's pool off)
#   @N INSTRUCTION        the instruction, only in copy N of a task with repeat (FANOUT_REPEAT=N)
#
# Its usage figures are deterministic: input_tokens 100 + 10 a edit, output_tokens 20 a edit,
# cache_read_input_tokens 50, cache_creation_input_tokens 5, num_turns edits + 1.
# Other lines are ignored. The prompt is data: it is never evaluated, only read line by line.
# Use it as an agent's command template: ["/path/to/fake-agent.sh", "{prompt}"].
set -eu

if [ "$#" -ne 1 ]; then
  printf '%s\n' "usage: fake-agent.sh PROMPT" >&2
  exit 2
fi

cost=0.01
edits=0
error=
safe() {
  case $1 in
    '' | /* | ..* | */..* | *'/../'*) printf '%s\n' "fake-agent: '$1' is not a path inside this folder" >&2; exit 2 ;;
  esac
}
nl='
'
while IFS= read -r line; do
  set -f
  # shellcheck disable=SC2086
  set -- $line
  set +f
  [ "$#" -gt 0 ] || continue
  verb=$1
  shift
  case $verb in
    @*)
      [ "${verb#@}" = "${FANOUT_REPEAT:-}" ] || continue
      [ "$#" -gt 0 ] || continue
      verb=$1
      shift ;;
  esac
  case $verb in
    add)
      safe "${1-}"
      path=$1; shift
      mkdir -p -- "$(dirname -- "$path")"
      printf '%s\n' "$*" >> "$path"
      edits=$((edits + 1)) ;;
    change)
      safe "${1-}"
      path=$1; n=${2-}; shift 2
      awk -v n="$n" -v t="$*" 'NR == n { print t; next } { print }' "$path" > "$path.fake-agent"
      mv -- "$path.fake-agent" "$path"
      edits=$((edits + 1)) ;;
    cost) cost=${1-0} ;;
    fail) error=$* ;;
  esac
done <<PROMPT
$1$nl
PROMPT

session=fake-${FANOUT_TASK_ID:-session}
if [ -n "$error" ]; then
  printf '{"type":"result","is_error":true,"result":"%s","num_turns":1,"total_cost_usd":%s,"session_id":"%s","usage":{"input_tokens":100,"output_tokens":0,"cache_read_input_tokens":50,"cache_creation_input_tokens":5}}\n' \
    "$(printf '%s' "$error" | tr -d '"\\')" "$cost" "$session"
  exit 1
fi
printf '{"type":"result","is_error":false,"result":"made %d edit(s)","num_turns":%d,"total_cost_usd":%s,"session_id":"%s","usage":{"input_tokens":%d,"output_tokens":%d,"cache_read_input_tokens":50,"cache_creation_input_tokens":5}}\n' \
  "$edits" "$((edits + 1))" "$cost" "$session" "$((100 + edits * 10))" "$((edits * 20))"
