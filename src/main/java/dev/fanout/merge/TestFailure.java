package dev.fanout.merge;

/**
 * A test that failed or ended in an error.
 *
 * @param test the test's name, {@code class.method} when the class is known
 * @param kind "failure" (an assertion failed) or "error" (the test threw)
 * @param message the failure's message, or null
 */
record TestFailure(String test, String kind, String message) {}
