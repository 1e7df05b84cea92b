package dev.fanout.cli;

/** A count and its noun, "1 run" and "2 runs", for nouns made plural with an s. */
final class Plural {
    private Plural() {}

    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
