package dev.fanout.cli;

/**
 * Task and agent text made safe to print on a terminal: control sequences (ECMA-48) other than
 * SGR colours are removed, so a task cannot set the window title, move the cursor, ring the bell
 * or rewrite the screen through fanout. What is kept: printable text, newlines, tabs and, when
 * {@code keepColour}, colour sequences ({@code ESC [ … m}). Logs keep the raw bytes: this is only
 * for what fanout prints.
 *
 * <p>It reads a stream: {@link #feed} may be called with chunks that cut a sequence in two; a
 * sequence left unfinished at the end is never printed.
 */
final class TerminalText {
    private static final char ESC = '\u001b';
    private static final char BEL = '\u0007';
    private static final char C1_ST = '\u009c';
    // an unterminated string sequence stops being swallowed after this many characters
    private static final int MAX_SEQUENCE = 4096;

    private enum State {
        TEXT,
        ESCAPE, // after ESC
        INTERMEDIATE, // ESC followed by intermediate bytes (ESC ( B …)
        CSI, // ESC [ or U+009B, until a final byte
        STRING, // OSC, DCS, SOS, PM, APC: until BEL or ST
        STRING_ESCAPE // ESC inside a string: ST is ESC \
    }

    private final boolean keepColour;
    private final StringBuilder csi = new StringBuilder();
    private State state = State.TEXT;
    private int swallowed;

    TerminalText(boolean keepColour) {
        this.keepColour = keepColour;
    }

    /** {@code text} with every control sequence but colours removed (colours too unless {@code keepColour}). */
    static String clean(String text, boolean keepColour) {
        if (text == null) {
            return null;
        }
        if (isPlain(text)) {
            return text;
        }
        return new TerminalText(keepColour).feed(text);
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    /** The printable part of the next chunk; a sequence cut at its end is held until the next. */
    String feed(CharSequence chunk) {
        StringBuilder out = new StringBuilder(chunk.length());
        for (int i = 0; i < chunk.length(); i++) {
            accept(chunk.charAt(i), out);
        }
        return out.toString();
    }

    private void accept(char c, StringBuilder out) {
        switch (state) {
            case TEXT -> text(c, out);
            case ESCAPE -> escape(c);
            case INTERMEDIATE -> {
                if (c >= 0x30 && c <= 0x7e) {
                    state = State.TEXT;
                } else if (c < 0x20 || c > 0x2f) {
                    state = State.TEXT;
                    text(c, out); // malformed: the sequence ends here, the character counts as text
                }
            }
            case CSI -> csi(c, out);
            case STRING -> {
                if (c == BEL || c == C1_ST) {
                    state = State.TEXT;
                } else if (c == ESC) {
                    state = State.STRING_ESCAPE;
                } else if (++swallowed > MAX_SEQUENCE) {
                    state = State.TEXT;
                }
            }
            case STRING_ESCAPE -> state = c == '\\' ? State.TEXT : State.STRING;
        }
    }

    private void text(char c, StringBuilder out) {
        if (c == ESC) {
            state = State.ESCAPE;
        } else if (c == '\u009b') {
            startCsi();
        } else if (c == '\u009d' || c == '\u0090' || c == '\u0098' || c == '\u009e' || c == '\u009f') {
            startString();
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) || c > 0x9f) {
            out.append(c);
        }
        // any other C0 or C1 control (BEL, backspace, carriage return, …) and DEL are dropped
    }

    private void escape(char c) {
        switch (c) {
            case '[' -> startCsi();
            case ']', 'P', 'X', '^', '_' -> startString();
            default -> state = c >= 0x20 && c <= 0x2f ? State.INTERMEDIATE : State.TEXT;
        }
    }

    private void startCsi() {
        state = State.CSI;
        csi.setLength(0);
        csi.append(ESC).append('[');
    }

    private void startString() {
        state = State.STRING;
        swallowed = 0;
    }

    private void csi(char c, StringBuilder out) {
        if (c >= 0x20 && c <= 0x3f) { // parameter and intermediate bytes
            if (csi.length() < MAX_SEQUENCE) {
                csi.append(c);
            }
            return;
        }
        state = State.TEXT;
        if (c >= 0x40 && c <= 0x7e) {
            if (c == 'm' && keepColour && isColour(csi)) {
                out.append(csi).append('m');
            }
        } else {
            text(c, out); // malformed: the sequence ends here
        }
        csi.setLength(0);
    }

    /** Only digits and separators after {@code ESC [}: a plain SGR, nothing private. */
    private static boolean isColour(CharSequence seq) {
        for (int i = 2; i < seq.length(); i++) {
            char c = seq.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ';' && c != ':') {
                return false;
            }
        }
        return true;
    }
}
