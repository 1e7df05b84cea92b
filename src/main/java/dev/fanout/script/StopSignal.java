package dev.fanout.script;

/**
 * Thrown into a script that has been asked to stop, from the checks fanout puts into every loop
 * and function. A script may catch it, but every later check throws it again, so the script
 * unwinds; the job then fails with a {@link ScriptStoppedException} whatever the script did.
 */
final class StopSignal extends RuntimeException {
    final ScriptStoppedException.Reason reason;

    StopSignal(ScriptStoppedException.Reason reason) {
        super("script stopped: " + reason.name().toLowerCase().replace('_', ' '), null, false, false);
        this.reason = reason;
    }
}
