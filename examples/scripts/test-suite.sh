#!/bin/sh
# A stand-in for a service's test suite: writes a Surefire-style JUnit XML report and a
# FANOUT_RESULT pointing at it. Usage: test-suite.sh SERVICE PASSED FAILED [COVERED TOTAL]
set -eu
service=$1 passed=$2 failed=$3 covered=${4:-0} total=${5:-0}
out=${FANOUT_RUN_DIR:-.}/reports/$service
mkdir -p "$out"
report=$out/TEST-$service.xml
tests=$((passed + failed))
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<testsuite name="%s" tests="%d" failures="%d" errors="0" skipped="0" time="0.5">\n' "$service" "$tests" "$failed"
  i=1
  while [ "$i" -le "$passed" ]; do
    printf '  <testcase classname="%s.ApiTest" name="passes_%d" time="0.01"/>\n' "$service" "$i"; i=$((i + 1))
  done
  i=1
  while [ "$i" -le "$failed" ]; do
    printf '  <testcase classname="%s.ApiTest" name="fails_%d" time="0.02">\n' "$service" "$i"
    printf '    <failure message="expected 200 but was 500" type="AssertionError">at %s.ApiTest</failure>\n  </testcase>\n' "$service"
    i=$((i + 1))
  done
  printf '</testsuite>\n'
} > "$report"
echo "$service: $passed passed, $failed failed"
if [ -n "${FANOUT_RESULT:-}" ]; then
  printf '{"junit_reports": ["%s"], "coverage": {"covered": %d, "total": %d}}\n' "$report" "$covered" "$total" > "$FANOUT_RESULT"
fi
[ "$failed" -eq 0 ]
