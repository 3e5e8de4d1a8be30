package dev.bbinv.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the roles of this process and ends the process, non-zero and with the reason, once one of them has stopped
 * for good (enricher past its thread failure limit, the sink's loop ended on an error, the connector fenced), so that
 * systemd, Kubernetes or docker-compose restarts it. What the roles ride out themselves (a broker restart, a short
 * database outage) never reaches it: a role reports only what it will not recover from.
 */
final class RoleSupervisor implements AutoCloseable {
    /** The exit status of a process whose role stopped for good. */
    static final int ROLE_STOPPED = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RoleSupervisor.class);

    /** Ends the process; the app passes {@link #SYSTEM_EXIT}, tests pass a recorder. */
    @FunctionalInterface
    interface Exit {
        void exit(int status, String reason);
    }

    /** Prints the reason and calls {@link System#exit}, which runs the shutdown hooks that close the roles. */
    static final Exit SYSTEM_EXIT = (status, reason) -> {
        System.err.println("bbinv: " + reason);
        System.exit(status);
    };

    /** One role to watch: its name and why it stopped for good, empty while it runs. */
    record Watched(String role, Supplier<Optional<String>> stoppedForGood) {}

    private final Thread thread;
    private volatile boolean closed;

    private RoleSupervisor(List<Watched> roles, Duration every, Exit exit) {
        this.thread = new Thread(() -> watch(roles, every, exit), "bbinv-role-supervisor");
        thread.setDaemon(true);
    }

    /** Starts checking {@code roles} every {@code every}; the first one that stopped for good ends the process. */
    static RoleSupervisor start(List<Watched> roles, Duration every, Exit exit) {
        RoleSupervisor supervisor = new RoleSupervisor(List.copyOf(roles), every, exit);
        supervisor.thread.start();
        return supervisor;
    }

    /** The first role in {@code roles} that stopped for good, as "the enricher stopped for good: why". Pure. */
    static Optional<String> firstStopped(List<Watched> roles) {
        for (Watched w : roles) {
            Optional<String> why = w.stoppedForGood().get();
            if (why.isPresent()) {
                return Optional.of("the " + w.role() + " stopped for good, exiting with status " + ROLE_STOPPED
                        + " for a restart: " + why.get());
            }
        }
        return Optional.empty();
    }

    private void watch(List<Watched> roles, Duration every, Exit exit) {
        while (!closed) {
            Optional<String> reason = firstStopped(roles);
            if (reason.isPresent() && !closed) {
                LOG.error("{}", reason.get());
                exit.exit(ROLE_STOPPED, reason.get());
                return;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops watching (before the roles are closed on purpose). Does not wait: it may run inside System.exit's hooks. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
