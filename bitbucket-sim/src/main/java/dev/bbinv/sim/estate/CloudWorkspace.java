package dev.bbinv.sim.estate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Cloud workspace and its repositories, indexed so a page is served without scanning the whole list.
 * Readers take an immutable {@link Snapshot}; writers (synchronised) swap in a new one.
 */
public final class CloudWorkspace {
    /** Order of the updated_on index: oldest first, ties by creation order. */
    public static final Comparator<CloudRepo> BY_UPDATED = (a, b) -> {
        int c = a.updatedOn().compareTo(b.updatedOn());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    };

    private final String slug;
    private final String uuid;
    private final String name;
    private final List<CloudProject> projects;
    private volatile List<CloudUser> members;
    private volatile Snapshot snapshot;
    private final Map<String, CloudRepo> bySlug;
    private final Map<String, CloudRepo> byUuid;
    private long lastSeq;

    /** An immutable view of the repositories: in creation order and in updated_on order. */
    public record Snapshot(CloudRepo[] byCreation, CloudRepo[] byUpdated) {
        public List<CloudRepo> inCreationOrder() {
            return Collections.unmodifiableList(Arrays.asList(byCreation));
        }

        public int size() {
            return byCreation.length;
        }
    }

    CloudWorkspace(String slug, String uuid, String name, List<CloudProject> projects, List<CloudUser> members,
                   List<CloudRepo> reposInCreationOrder) {
        this.slug = slug;
        this.uuid = uuid;
        this.name = name;
        this.projects = List.copyOf(projects);
        this.members = List.copyOf(members);
        CloudRepo[] created = reposInCreationOrder.toArray(new CloudRepo[0]);
        this.bySlug = new ConcurrentHashMap<>(Math.max(16, created.length * 2));
        this.byUuid = new ConcurrentHashMap<>(Math.max(16, created.length * 2));
        CloudRepo[] updated = created.clone();
        Arrays.sort(updated, BY_UPDATED);
        this.snapshot = new Snapshot(created, updated);
        for (CloudRepo r : created) {
            bySlug.put(r.slug().toLowerCase(Locale.ROOT), r);
            byUuid.put(r.uuid(), r);
            lastSeq = Math.max(lastSeq, r.seq());
        }
    }

    public String slug() {
        return slug;
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    public List<CloudProject> projects() {
        return projects;
    }

    public List<CloudUser> members() {
        return members;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The repository with this slug (case-insensitive), or null. */
    public CloudRepo bySlug(String repoSlug) {
        return bySlug.get(repoSlug.toLowerCase(Locale.ROOT));
    }

    /** The repository with this uuid (braces, any case), or null. */
    public CloudRepo byUuid(String repoUuid) {
        CloudRepo r = byUuid.get(repoUuid);
        return r != null ? r : byUuid.get(repoUuid.toLowerCase(Locale.ROOT));
    }

    public CloudProject project(String key) {
        for (CloudProject p : projects) {
            if (p.key().equalsIgnoreCase(key)) {
                return p;
            }
        }
        return null;
    }

    synchronized long nextSeq() {
        return ++lastSeq;
    }

    synchronized void add(CloudRepo repo) {
        Snapshot s = snapshot;
        CloudRepo[] created = Arrays.copyOf(s.byCreation, s.byCreation.length + 1);
        created[created.length - 1] = repo;
        snapshot = new Snapshot(created, inserted(s.byUpdated, repo));
        bySlug.put(repo.slug().toLowerCase(Locale.ROOT), repo);
        byUuid.put(repo.uuid(), repo);
    }

    synchronized void replace(CloudRepo old, CloudRepo repo) {
        Snapshot s = snapshot;
        CloudRepo[] created = s.byCreation.clone();
        created[indexBySeq(created, old.seq())] = repo;
        snapshot = new Snapshot(created, inserted(removed(s.byUpdated, old), repo));
        bySlug.remove(old.slug().toLowerCase(Locale.ROOT));
        bySlug.put(repo.slug().toLowerCase(Locale.ROOT), repo);
        byUuid.put(repo.uuid(), repo);
    }

    synchronized void remove(CloudRepo old) {
        Snapshot s = snapshot;
        int i = indexBySeq(s.byCreation, old.seq());
        CloudRepo[] created = new CloudRepo[s.byCreation.length - 1];
        System.arraycopy(s.byCreation, 0, created, 0, i);
        System.arraycopy(s.byCreation, i + 1, created, i, created.length - i);
        snapshot = new Snapshot(created, removed(s.byUpdated, old));
        bySlug.remove(old.slug().toLowerCase(Locale.ROOT));
        byUuid.remove(old.uuid());
    }

    synchronized void setMembers(List<CloudUser> newMembers) {
        members = List.copyOf(newMembers);
    }

    synchronized void addMember(CloudUser user) {
        List<CloudUser> copy = new ArrayList<>(members);
        copy.add(user);
        members = List.copyOf(copy);
    }

    private static int indexBySeq(CloudRepo[] created, long seq) {
        int lo = 0;
        int hi = created.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = created[mid].seq();
            if (v < seq) {
                lo = mid + 1;
            } else if (v > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        throw new IllegalStateException("repository seq " + seq + " not in its workspace");
    }

    private static CloudRepo[] inserted(CloudRepo[] sorted, CloudRepo repo) {
        int at = Arrays.binarySearch(sorted, repo, BY_UPDATED);
        int pos = at >= 0 ? at : -at - 1;
        CloudRepo[] out = new CloudRepo[sorted.length + 1];
        System.arraycopy(sorted, 0, out, 0, pos);
        out[pos] = repo;
        System.arraycopy(sorted, pos, out, pos + 1, sorted.length - pos);
        return out;
    }

    private static CloudRepo[] removed(CloudRepo[] sorted, CloudRepo repo) {
        int at = Arrays.binarySearch(sorted, repo, BY_UPDATED);
        if (at < 0) {
            throw new IllegalStateException("repository " + repo.uuid() + " missing from updated_on index");
        }
        CloudRepo[] out = new CloudRepo[sorted.length - 1];
        System.arraycopy(sorted, 0, out, 0, at);
        System.arraycopy(sorted, at + 1, out, at, out.length - at);
        return out;
    }
}
