package dev.bbinv.app.status;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.ops.OpsHttpServer;

/** The ops endpoint's profile actions, applied to the connector this process runs. */
final class ProfileControl implements OpsHttpServer.ProfileControl {
    private final ConnectorRole connector;

    ProfileControl(ConnectorRole connector) {
        this.connector = connector;
    }

    @Override
    public String act(String profile, String action) {
        switch (action) {
            case "pause" -> {
                connector.pause(profile);
                return "paused: it stops after the scan under way";
            }
            case "resume" -> {
                connector.resume(profile);
                return "resumed";
            }
            case "sync" -> {
                connector.syncNow(profile);
                return "scan started";
            }
            case "forget" -> {
                int removed = connector.forget(profile);
                return "forgotten: " + removed + " asset(s) marked removed (deleted-profile)";
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
