package dev.bbinv.sim.estate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The simulated Bitbucket Cloud estate: workspaces, projects, members and repositories, with the
 * mutations a test applies between scans. Every mutation is thread-safe against concurrent requests and
 * bumps {@code updated_on} strictly past every earlier value, so incremental scans see it.
 */
public final class CloudEstate {
    private final Map<String, CloudWorkspace> workspaces;
    private final Map<String, CloudWorkspace> workspaceOfRepo;
    private final Clock clock;
    private final String catalogPath;
    private final SplittableRandom random;
    private final long seed;
    /** Share of repositories without commits. */
    private final double emptyShare;
    private Instant lastMutation = Instant.EPOCH;
    /** Commit authors by workspace slug, for the member list they were made from. */
    private final Map<String, Authors> authors = new ConcurrentHashMap<>();

    CloudEstate(List<CloudWorkspace> workspaces, Clock clock, String catalogPath, long seed, double emptyShare) {
        Map<String, CloudWorkspace> ordered = new LinkedHashMap<>();
        int total = workspaces.stream().mapToInt(w -> w.snapshot().size()).sum();
        this.workspaceOfRepo = new ConcurrentHashMap<>(Math.max(16, total * 2));
        for (CloudWorkspace w : workspaces) {
            ordered.put(w.slug(), w);
            for (CloudRepo r : w.snapshot().byCreation()) {
                workspaceOfRepo.put(r.uuid(), w);
            }
        }
        this.workspaces = Collections.unmodifiableMap(ordered);
        for (CloudWorkspace w : workspaces) {
            CloudRepo[] byUpdated = w.snapshot().byUpdated();
            if (byUpdated.length > 0 && byUpdated[byUpdated.length - 1].updatedOn().isAfter(lastMutation)) {
                lastMutation = byUpdated[byUpdated.length - 1].updatedOn();
            }
        }
        this.clock = clock;
        this.catalogPath = catalogPath;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.seed = seed;
        this.emptyShare = emptyShare;
    }

    /**
     * The commits of the repository's main branch, newest first: the last one at its {@code updated_on}, authors
     * from its workspace's members and outsiders; none for an empty repository.
     */
    public List<CommitHistories.SimCommit> commits(CloudRepo r) {
        CloudWorkspace w = workspaceOfRepo.get(r.uuid());
        return CommitHistories.history(seed, r.uuid(), CommitHistories.empty(seed, r.uuid(), emptyShare),
                r.createdOn(), r.updatedOn(), w == null ? List.of() : authors(w));
    }

    /**
     * The workspace's members as commit authors, made again only when its member list changes: a million-repository
     * estate has 25,000 members a workspace, too many to map for every commit request.
     */
    List<CommitHistories.Author> authors(CloudWorkspace w) {
        List<CloudUser> members = w.members();
        Authors cached = authors.get(w.slug());
        if (cached == null || cached.members() != members) {
            cached = new Authors(members, CommitHistories.cloudAuthors(members));
            authors.put(w.slug(), cached);
        }
        return cached.authors();
    }

    /** Authors made from one member list (the workspace swaps in a new list on every change). */
    private record Authors(List<CloudUser> members, List<CommitHistories.Author> authors) {}

    public List<CloudWorkspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    /** The workspace by slug or by {@code {uuid}}, or null. */
    public CloudWorkspace workspace(String slugOrUuid) {
        CloudWorkspace w = workspaces.get(slugOrUuid);
        if (w != null) {
            return w;
        }
        for (CloudWorkspace candidate : workspaces.values()) {
            if (candidate.uuid().equalsIgnoreCase(slugOrUuid)) {
                return candidate;
            }
        }
        return null;
    }

    /** The repositories of a workspace in creation order (a snapshot). */
    public List<CloudRepo> repositories(String workspace) {
        return requireWorkspace(workspace).snapshot().inCreationOrder();
    }

    /** Every repository of every workspace (a snapshot). */
    public List<CloudRepo> allRepositories() {
        List<CloudRepo> all = new ArrayList<>();
        for (CloudWorkspace w : workspaces.values()) {
            all.addAll(w.snapshot().inCreationOrder());
        }
        return all;
    }

    public int size() {
        int n = 0;
        for (CloudWorkspace w : workspaces.values()) {
            n += w.snapshot().size();
        }
        return n;
    }

    /** The repository with this uuid (with braces), or null when absent or deleted. */
    public CloudRepo repository(String uuid) {
        CloudWorkspace w = workspaceOfRepo.get(uuid);
        if (w == null) {
            return null;
        }
        return w.byUuid(uuid);
    }

    public String catalogPath() {
        return catalogPath;
    }

    /** Creates a repository in {@code projectKey} of {@code workspace}; no catalog file, language "". */
    public synchronized CloudRepo add(String workspace, String projectKey, String name) {
        CloudWorkspace w = requireWorkspace(workspace);
        if (w.project(projectKey) == null) {
            throw new IllegalArgumentException("no project " + projectKey + " in workspace " + workspace);
        }
        String slug = Slugs.of(name);
        if (w.bySlug(slug) != null) {
            throw new IllegalArgumentException("slug " + slug + " already exists in workspace " + workspace);
        }
        Instant now = nextTimestamp();
        CloudRepo repo = new CloudRepo(w.nextSeq(), Ids.braced(Ids.uuid(random)), w.slug(), slug, name, "",
                true, "", "main", w.project(projectKey).key(), now, now, 1024, false, false, "no_public_forks",
                Ids.hex(random, 40), Map.of());
        w.add(repo);
        workspaceOfRepo.put(repo.uuid(), w);
        return repo;
    }

    /** Bumps {@code updated_on} as a push does, with a new head commit. */
    public CloudRepo touch(String uuid) {
        return update(uuid, r -> r);
    }

    public CloudRepo setLanguage(String uuid, String language) {
        Objects.requireNonNull(language, "language");
        return update(uuid, r -> r.withUpdate(r.updatedOn(), r.name(), r.slug(), r.description(), r.isPrivate(),
                language, r.headCommit(), r.files()));
    }

    public CloudRepo setDescription(String uuid, String description) {
        return update(uuid, r -> r.withUpdate(r.updatedOn(), r.name(), r.slug(), description, r.isPrivate(),
                r.language(), r.headCommit(), r.files()));
    }

    public CloudRepo setPrivate(String uuid, boolean isPrivate) {
        return update(uuid, r -> r.withUpdate(r.updatedOn(), r.name(), r.slug(), r.description(), isPrivate,
                r.language(), r.headCommit(), r.files()));
    }

    /** Renames: name, slug and full_name change; the uuid stays. */
    public synchronized CloudRepo rename(String uuid, String newName) {
        CloudRepo current = require(uuid);
        String slug = Slugs.of(newName);
        CloudRepo clash = workspaceOfRepo.get(uuid).bySlug(slug);
        if (clash != null && !clash.uuid().equals(uuid)) {
            throw new IllegalArgumentException("slug " + slug + " already exists in workspace " + current.workspace());
        }
        return update(uuid, r -> r.withUpdate(r.updatedOn(), newName, slug, r.description(), r.isPrivate(),
                r.language(), r.headCommit(), r.files()));
    }

    /** Writes (or with null content deletes) a file on the main branch: a new commit. */
    public CloudRepo setFile(String uuid, String path, String content) {
        return update(uuid, r -> {
            Map<String, String> files = new HashMap<>(r.files());
            if (content == null) {
                files.remove(path);
            } else {
                files.put(path, content);
            }
            return r.withUpdate(r.updatedOn(), r.name(), r.slug(), r.description(), r.isPrivate(), r.language(),
                    r.headCommit(), Map.copyOf(files));
        });
    }

    /** Writes (or with null deletes) the catalog file at the estate's catalog path. */
    public CloudRepo setCatalogFile(String uuid, String content) {
        return setFile(uuid, catalogPath, content);
    }

    public synchronized void delete(String uuid) {
        CloudRepo current = require(uuid);
        CloudWorkspace w = workspaceOfRepo.remove(uuid);
        w.remove(current);
    }

    /** Adds a member to a workspace. */
    public synchronized CloudUser addMember(String workspace, String displayName, String nickname, String email) {
        CloudUser user = new CloudUser(Ids.braced(Ids.uuid(random)), "712020:" + Ids.uuid(random), displayName,
                nickname, email, nextTimestamp());
        requireWorkspace(workspace).addMember(user);
        return user;
    }

    /** Removes a member (by uuid) from a workspace. */
    public synchronized void removeMember(String workspace, String userUuid) {
        CloudWorkspace w = requireWorkspace(workspace);
        List<CloudUser> kept = new ArrayList<>(w.members());
        if (!kept.removeIf(u -> u.uuid().equals(userUuid))) {
            throw new IllegalArgumentException("no member " + userUuid + " in workspace " + workspace);
        }
        w.setMembers(kept);
    }

    private synchronized CloudRepo update(String uuid, UnaryOperator<CloudRepo> change) {
        CloudRepo current = require(uuid);
        CloudRepo changed = change.apply(current);
        CloudRepo bumped = changed.withUpdate(nextTimestamp(), changed.name(), changed.slug(), changed.description(),
                changed.isPrivate(), changed.language(), Ids.hex(random, 40), changed.files());
        workspaceOfRepo.get(uuid).replace(current, bumped);
        return bumped;
    }

    private CloudRepo require(String uuid) {
        CloudRepo r = repository(uuid);
        if (r == null) {
            throw new IllegalArgumentException("no repository " + uuid);
        }
        return r;
    }

    private CloudWorkspace requireWorkspace(String workspace) {
        CloudWorkspace w = workspace(workspace);
        if (w == null) {
            throw new IllegalArgumentException("no workspace " + workspace);
        }
        return w;
    }

    // updated_on must move strictly past every existing value (even under a fixed or early test clock, and when
    // two mutations land in the same microsecond), or an incremental scan would miss the change.
    private Instant nextTimestamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant next = now.isAfter(lastMutation) ? now : lastMutation.plus(1, ChronoUnit.MICROS);
        lastMutation = next;
        return next;
    }
}
