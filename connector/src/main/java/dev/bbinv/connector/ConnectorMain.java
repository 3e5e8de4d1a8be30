package dev.bbinv.connector;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.EnvKeys;

/**
 * Composition root of a stand-alone connector: settings from {@code BBINV_*} environment variables, overridden by
 * {@code key=value} arguments; runs until the JVM is stopped. The {@code bbinv} app composes {@link ConnectorRole} itself.
 */
public final class ConnectorMain {

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>(EnvKeys.configFrom(System.getenv(), ConnectorConfig.CONFIG_DEF.names()));
        config.putAll(arguments(args));
        ConnectorRole role = ConnectorRole.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            role.close();
            stopped.countDown();
        }, "bbinv-connector-shutdown"));
        stopped.await();
    }

    /** {@code key=value} arguments as config; anything else is an error naming the argument. Pure. */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            config.put(arg.substring(0, eq).trim(), arg.substring(eq + 1));
        }
        return config;
    }

    private ConnectorMain() {}
}
