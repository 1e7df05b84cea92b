# Sourced by scripts/fanout (and by the test that checks it): gives the JVM a UTF-8 locale.
#
# JDK 17 takes the encoding of file names, arguments and the environment (sun.jnu.encoding) from
# the locale at start-up, and -Dsun.jnu.encoding on the command line does not change it (tested
# with 17.0.15: it stays ANSI_X3.4-1968). Under a POSIX locale (LANG unset: containers, cron, CI)
# "données" then reaches the OS as "donn?es", a glob that matches other files. So when the
# locale's character set is not UTF-8, the JVM alone runs under LC_ALL=C.UTF-8; the user's own
# LC_ALL travels in FANOUT_USER_LC_ALL, and fanout gives it back to every task it starts, so a
# task sees the locale it would see outside fanout.
fanout_charmap=$(locale charmap 2>/dev/null || true)
if [ "$fanout_charmap" != "UTF-8" ] && locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then
  export FANOUT_USER_LC_ALL="${LC_ALL-}"
  export LC_ALL=C.UTF-8
fi
unset fanout_charmap
