package dev.bbinv.connector.it;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.sim.BitbucketSimulator;

/**
 * A connector alone in a JVM, for a test to kill with SIGKILL. Arguments: the profile name, the simulator's Cloud API
 * base, then {@code key=value} settings.
 */
public final class ConnectorChild {
    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Profile profile = Profile.cloud(args[0], URI.create(args[1]), Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of());
        ConnectorRole.start(config, List.of(profile));
        Thread.currentThread().join(); // runs until killed
    }

    private ConnectorChild() {}
}
