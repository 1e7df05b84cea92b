package dev.fanout.agent;

import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The second (and third) process of {@link RegistryTwoProcessTest}: says "ready", waits for
 * "go" on its input so both processes start marking together, then marks one agent used N times.
 * Arguments: HOME NAME TIMES.
 */
public final class MarkUseMain {
    private MarkUseMain() {}

    public static void main(String[] args) throws Exception {
        Resources resources = new Resources(new Home(Path.of(args[0])), Config.defaults(), Clock.systemUTC());
        int times = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(3);
        }
        for (int i = 0; i < times; i++) {
            resources.markUsed(ResourceKind.AGENT, args[1]);
        }
        System.out.println("done");
    }
}
