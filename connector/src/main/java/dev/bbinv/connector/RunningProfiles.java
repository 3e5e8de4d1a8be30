package dev.bbinv.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.poll.ProfileWorker;

/**
 * The profiles a connector polls now, each a {@link ProfileWorker} in its own thread; {@link #update} applies a new
 * profiles file: added profiles start, changed ones restart, removed ones stop.
 */
final class RunningProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(RunningProfiles.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    /** What an update did, by profile name. */
    record Change(List<String> added, List<String> changed, List<String> removed) {
        boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    private record Running(ProfileWorker worker, Thread thread) {}

    private final Function<Profile, ProfileWorker> newWorker;
    private final Map<String, Running> running = new LinkedHashMap<>();

    RunningProfiles(Function<Profile, ProfileWorker> newWorker) {
        this.newWorker = newWorker;
    }

    /** Pure: which of {@code next} are new or differ from {@code now}, and which of {@code now} are gone. */
    static Change diff(List<Profile> now, List<Profile> next) {
        Map<String, Profile> before = new LinkedHashMap<>();
        now.forEach(p -> before.put(p.name(), p));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Set<String> kept = new TreeSet<>();
        for (Profile p : next) {
            Profile old = before.get(p.name());
            if (old == null) {
                added.add(p.name());
            } else if (!old.equals(p)) {
                changed.add(p.name());
            }
            kept.add(p.name());
        }
        List<String> removed = before.keySet().stream().filter(n -> !kept.contains(n)).toList();
        return new Change(added, changed, removed);
    }

    synchronized Change update(List<Profile> next) {
        Change change = diff(profiles(), next);
        for (String name : change.removed()) {
            stop(running.remove(name));
        }
        Map<String, Running> reordered = new LinkedHashMap<>();
        for (Profile profile : next) {
            Running current = running.get(profile.name());
            if (current != null && change.changed().contains(profile.name())) {
                boolean paused = current.worker().paused();
                stop(current);
                current = start(profile, paused);
            } else if (current == null) {
                current = start(profile, false);
            }
            reordered.put(profile.name(), current);
        }
        running.clear();
        running.putAll(reordered);
        return change;
    }

    private Running start(Profile profile, boolean paused) {
        ProfileWorker worker = newWorker.apply(profile);
        if (paused) {
            worker.pause();
        }
        Thread thread = new Thread(worker, "bbinv-connector-" + profile.name());
        thread.start();
        return new Running(worker, thread);
    }

    private static void stop(Running r) {
        r.worker().requestStop();
        r.thread().interrupt();
        try {
            r.thread().join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (r.thread().isAlive()) {
            LOG.warn("Profile {}: worker did not stop within {} s", r.worker().profile().name(), STOP_WAIT.toSeconds());
        }
    }

    synchronized List<Profile> profiles() {
        return running.values().stream().map(r -> r.worker().profile()).toList();
    }

    synchronized List<ProfileWorker> workers() {
        return running.values().stream().map(Running::worker).toList();
    }

    /** @throws java.util.NoSuchElementException when no running profile has that name */
    synchronized ProfileWorker worker(String name) {
        Running r = running.get(name);
        if (r == null) {
            throw new java.util.NoSuchElementException("no profile named " + name + " runs here; running: "
                    + running.keySet());
        }
        return r.worker();
    }

    synchronized void stopAll() {
        running.values().forEach(r -> r.worker().requestStop());
        running.values().forEach(r -> r.thread().interrupt());
        running.values().forEach(RunningProfiles::stop);
        running.clear();
    }
}
