package dev.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The program's one plain ObjectMapper, built on first use. Building one costs about 50 ms on a
 * cold JVM, so what a command does before its first useful result (reading files, starting the
 * first tasks) reads with {@link JsonTree} and leaves the mapper to later work, such as writing
 * run records on their own thread. One mapper also means one cache of serializers. Jackson's
 * mappers are safe to share between threads once configured, and this one is never reconfigured.
 */
public final class SharedMapper {
    private SharedMapper() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectMapper get() {
        return Holder.MAPPER;
    }
}
