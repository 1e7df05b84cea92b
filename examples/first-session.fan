# A first session as a batch file: fanout -f examples/first-session.fan
# Each line is what you would type at the fanout> prompt.
load examples/search.json
analyze
run --quiet
# a merge strategy written in JavaScript: the three best hits across the searches
js -f examples/js/top3.js
strategies
merge --strategy top3
save first-session
