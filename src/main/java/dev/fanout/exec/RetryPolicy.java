package dev.fanout.exec;

import dev.fanout.config.Config;
import dev.fanout.task.Task;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Whether a failed or timed-out attempt is tried again, and after how long: up to the task's
 * {@code retries} (else {@code max_retries}), not for exit codes retrying cannot help, after
 * {@code backoff_base_seconds ^ attempt} plus up to 10 % jitter, so retries of many tasks spread out,
 * and never longer than {@code max_backoff_seconds}. The jitter comes from the task's id and the
 * attempt's number: different tasks spread, and the same run waits the same each time.
 */
final class RetryPolicy {
    /**
     * Exit codes a retry cannot fix: 2, the shell's (and most tools') "used wrongly"; 126, "not
     * executable"; 127, "command not found". A task's {@code no_retry_exit_codes} adds to them; a
     * task whose tool exits 2 for a failure worth retrying maps it ({@code make test || exit 1}).
     */
    static final Set<Integer> NEVER_RETRIED = Set.of(2, 126, 127);

    private final Config config;

    RetryPolicy(Config config) {
        this.config = config;
    }

    /**
     * Whether the task gets another attempt after {@code failed}, its {@code tries}-th try (tries
     * lost with a cluster worker do not count: {@link Plan#tries}).
     */
    boolean retries(Task task, Attempt failed, int tries) {
        int retries = task.retries() != null ? task.retries() : config.maxRetries();
        if (tries > retries) {
            return false;
        }
        Integer code = failed.exitCode();
        return code == null
                || !(NEVER_RETRIED.contains(code) || task.noRetryExitCodes().contains(code));
    }

    /** Seconds to wait before the try after try number {@code attempt}. */
    double delaySeconds(Task task, int attempt) {
        // capped before the jitter, at a tenth below the cap, so capped retries still spread out
        double base = Math.min(Math.pow(config.backoffBaseSeconds(), attempt), config.maxBackoffSeconds() / 1.1);
        double jitter = new SplittableRandom(task.id().hashCode() * 31L + attempt).nextDouble();
        return base + base * 0.1 * jitter;
    }
}
