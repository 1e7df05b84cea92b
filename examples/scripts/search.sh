#!/bin/sh
# A small search task: finds the lines of FILE... holding WORD and reports them as hits, scored
# by how many of the WORDS the line holds, through $FANOUT_RESULT (or stdout).
# Usage: search.sh "WORD [WORD…]" FILE...
set -eu
words=$1
shift
awk -v words="$words" '
  BEGIN { n = split(tolower(words), w, " "); printf "{\"query\": \"%s\", \"hits\": [", words; first = 1 }
  {
    line = tolower($0); score = 0
    for (i = 1; i <= n; i++) if (index(line, w[i]) > 0) score++
    if (index(line, w[1]) > 0) {
      text = substr($0, 1, 100); gsub(/[\\"]/, "", text); gsub(/[[:cntrl:]]/, " ", text)
      printf "%s{\"path\": \"%s\", \"line\": %d, \"score\": %d, \"text\": \"%s\"}", (first ? "" : ", "), FILENAME, FNR, score, text
      first = 0
    }
  }
  END { print "]}" }' "$@" > "${FANOUT_RESULT:-/dev/stdout}"
