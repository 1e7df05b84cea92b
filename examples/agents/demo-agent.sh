#!/bin/sh
# demo-agent.sh TASK_ID PROMPT
#
# An offline stand-in for an AI coding agent, so fanout's examples run end to end on any
# machine. It "works" on its prompt: it writes the files a small service would have under
# $FANOUT_RUN_DIR/work/TASK_ID/ and reports them as JSON through $FANOUT_RESULT.
#
# Use it as an agent's command template: ["agents/demo-agent.sh", "{task_id}", "{prompt}"] (relative to the tasks file's folder).
# The prompt is data and nothing else: it is only ever printed with printf '%s', never evaluated.
set -eu

if [ "$#" -ne 2 ]; then
  printf '%s\n' "usage: demo-agent.sh TASK_ID PROMPT" >&2
  exit 2
fi
task_id=$1
prompt=$2

# The task id becomes a folder name: fanout's task id rule, and nothing that leaves the folder.
case $task_id in
  '' | . | .. | *[!A-Za-z0-9._-]*)
    printf '%s\n' "demo-agent: '$task_id' is not a task id (letters, digits, '.', '_', '-')" >&2
    exit 2 ;;
esac

run_dir=${FANOUT_RUN_DIR:-.}
rel=work/$task_id
out=$run_dir/$rel
mkdir -p -- "$out/src" "$out/test"

{
  printf '# %s\n\n' "$task_id"
  printf '%s\n\n' "Written by demo-agent, fanout's offline stand-in for an AI coding agent."
  printf '## Task\n\n'
  printf '%s\n' "$prompt"
} > "$out/README.md"

{
  printf "'use strict';\n"
  printf '// %s: written by demo-agent for this prompt:\n' "$task_id"
  printf '%s\n' "$prompt" | sed 's|^|// |'
  printf "const name = '%s';\n\n" "$task_id"
  printf 'function handle(request) {\n'
  printf '  return { service: name, path: request.path, status: 200 };\n'
  printf '}\n\n'
  printf 'module.exports = { name, handle };\n'
} > "$out/src/service.js"

{
  printf "'use strict';\n"
  printf "const assert = require('assert');\n"
  printf "const { name, handle } = require('../src/service');\n\n"
  printf "assert.strictEqual(handle({ path: '/health' }).status, 200);\n"
  printf "assert.strictEqual(name, '%s');\n" "$task_id"
} > "$out/test/service.test.js"

result=$(printf '{"service": "%s", "status": "created", "files": ["%s", "%s", "%s"]}' \
  "$task_id" "$rel/README.md" "$rel/src/service.js" "$rel/test/service.test.js")
if [ -n "${FANOUT_RESULT:-}" ]; then
  printf '%s\n' "$result" > "$FANOUT_RESULT"
else
  printf '%s\n' "$result"
fi
printf '%s\n' "demo-agent: created $task_id (3 files in $rel)"
