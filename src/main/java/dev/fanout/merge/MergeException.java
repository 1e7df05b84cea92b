package dev.fanout.merge;

import dev.fanout.FanoutException;

/** A strategy could not merge; the message says which strategy and why. */
public class MergeException extends FanoutException {
    public MergeException(String message) {
        super(FAILED, message);
    }

    public MergeException(String message, Throwable cause) {
        super(FAILED, message, cause);
    }
}
