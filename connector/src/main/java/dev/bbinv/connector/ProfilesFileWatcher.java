package dev.bbinv.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.connector.config.ProfilesFileException;
import dev.bbinv.connector.mapping.RawEvents;

/**
 * Applies edits of the profiles file to a running connector: checks the file's content every {@code
 * profiles.file.check.ms} (a hash, so editors that replace the file and Kubernetes' symlinked ConfigMaps are seen alike)
 * and on {@code SIGHUP}. A file that does not validate or holds no profile is refused with the reason (WARN), and the
 * running profiles stay as they were.
 */
public final class ProfilesFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfilesFileWatcher.class);

    private final Path file;
    private final Function<String, List<Profile>> parse;
    private final ConnectorRole role;
    private final ScheduledExecutorService timer;
    /** Fingerprint of the content last applied or refused: a file is looked at again only when it changed. */
    private String lastSeen;
    /** The last refusal logged by a check, so a file that stays unreadable is not reported every few seconds. */
    private String lastRefusal;

    private ProfilesFileWatcher(Path file, Function<String, List<Profile>> parse, ConnectorRole role) {
        this.file = file;
        this.parse = parse;
        this.role = role;
        this.lastSeen = RawEvents.fingerprint(read());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bbinv-profiles-file");
            t.setDaemon(true);
            return t;
        });
    }

    /** Watches {@code file}, reading it with the process environment for {@code ${VAR}}. */
    public static ProfilesFileWatcher start(Path file, Duration every, ConnectorRole role) {
        return start(file, every, role, System.getenv());
    }

    /** Watches {@code file}; {@code env} supplies its {@code ${VAR}} values. */
    public static ProfilesFileWatcher start(Path file, Duration every, ConnectorRole role, Map<String, String> env) {
        ProfilesFileWatcher watcher = new ProfilesFileWatcher(file,
                text -> ProfilesFile.parse(file.toString(), text, env), role);
        watcher.timer.scheduleWithFixedDelay(watcher::checkQuietly, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** Also reloads on {@code SIGHUP}, where the JVM lets us handle it; says so when it does not. */
    public ProfilesFileWatcher onSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> timer.execute(this::reloadQuietly));
            LOG.info("SIGHUP reloads the profiles file {}", file);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.info("SIGHUP cannot be handled here ({}); profiles file changes are still picked up every check", e);
        }
        return this;
    }

    private void checkQuietly() {
        try {
            String now = RawEvents.fingerprint(read());
            if (!now.equals(lastSeen)) {
                reload();
            }
            lastRefusal = null;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastRefusal)) {
                LOG.warn("Profiles file {} refused, the running profiles stay as they were: {}", file, e.getMessage());
            }
            lastRefusal = String.valueOf(e.getMessage());
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Profiles file {} refused, the running profiles stay as they were: {}", file, e.getMessage());
        }
    }

    /**
     * Reads the file now and applies it; returns what changed.
     *
     * @throws ProfilesFileException    when it cannot be read or does not validate
     * @throws IllegalArgumentException when it holds no profile
     */
    public synchronized String reload() {
        String text = read();
        // Remembered before applying: a refused file is not retried until it changes again.
        lastSeen = RawEvents.fingerprint(text);
        List<Profile> profiles = parse.apply(text);
        String change = role.update(profiles);
        LOG.info("Profiles file {} applied: {}", file, change);
        return change;
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ProfilesFileException("cannot read profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
