package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Startup stays light: a bridge can be made, asked and listened to without loading Nashorn. */
class LazyLoadingTest {

    /** Loads fanout, Jackson, Nashorn and ASM itself (not from the test's loader) and records what it loads. */
    private static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            loaded.add(name);
            return super.findClass(name);
        }

        boolean loadedNashorn() {
            return loaded.stream()
                    .anyMatch(n -> n.startsWith("org.openjdk.nashorn.") || n.startsWith("org.objectweb.asm."));
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void noNashornClassIsLoadedUntilAScriptRuns() throws Exception {
        URL[] urls = {
            location(ScriptBridge.class),
            location(org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory.class),
            location(org.objectweb.asm.ClassWriter.class),
            location(org.objectweb.asm.commons.Remapper.class),
            location(org.objectweb.asm.tree.ClassNode.class),
            location(org.objectweb.asm.util.Printer.class),
            location(com.fasterxml.jackson.databind.ObjectMapper.class),
            location(com.fasterxml.jackson.core.JsonFactory.class),
            location(com.fasterxml.jackson.annotation.JsonProperty.class),
        };
        try (RecordingLoader loader = new RecordingLoader(urls)) {
            Class<?> hostType = loader.loadClass(ScriptHost.class.getName());
            Object host = Proxy.newProxyInstance(loader, new Class<?>[] {hostType}, (proxy, method, args) -> null);
            Class<?> optionsType = loader.loadClass(ScriptOptions.class.getName());
            Object options =
                    optionsType.getConstructor(boolean.class, double.class).newInstance(false, 60.0);
            Class<?> bridgeType = loader.loadClass(ScriptBridge.class.getName());
            Object bridge = bridgeType
                    .getConstructor(hostType, optionsType, Path.class)
                    .newInstance(host, options, Path.of("."));
            try {
                Object registry = call(bridge, "registry");
                Class<?> listenerType = loader.loadClass(ScriptRegistry.Listener.class.getName());
                call(
                        registry,
                        "addListener",
                        Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, (p, m, a) -> null));
                assertEquals(List.of(), call(registry, "merges"));
                assertEquals(List.of(), call(registry, "pipelines"));
                assertEquals(List.of(), call(registry, "mergeStrategies"));
                assertEquals(List.of(), call(bridge, "definitions"));
                assertEquals(false, call(bridge, "engineStarted"));
                call(bridge, "cancel");
                assertTrue(
                        loader.loaded.contains(ScriptBridge.class.getName()),
                        "the test loads fanout through its own loader");
                assertTrue(
                        !loader.loadedNashorn(),
                        "loaded before any script: "
                                + loader.loaded.stream()
                                        .filter(n -> n.contains("nashorn") || n.contains("asm"))
                                        .sorted()
                                        .toList());

                Object result = call(bridge, "evaluate", "1 + 2");
                assertEquals("3", call(result, "value").toString());
                assertTrue(loader.loadedNashorn(), "a script needs Nashorn (so the check above can fail)");
            } finally {
                call(bridge, "close");
            }
        }
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(name);
    }
}
