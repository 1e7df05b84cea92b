package dev.fanout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * Marks the slow tier: tests that start fanout or other JVMs as processes, run many real task
 * processes, or wait for real time to pass. {@code ./scripts/test --fast} leaves them out
 * ({@code -Dgroups='!process'}). They get a longer limit than the suite's default (see
 * junit-platform.properties), as a JVM started on a loaded machine can take many seconds.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
public @interface ProcessTest {}
