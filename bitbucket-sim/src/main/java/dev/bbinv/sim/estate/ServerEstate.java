package dev.bbinv.sim.estate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The simulated Bitbucket Data Center estate: projects (normal and personal), repositories and users, with
 * thread-safe mutations. Repository ids have gaps, as on a real instance where repositories were deleted.
 */
public final class ServerEstate {
    /** The default branch an empty repository is configured with: its first push creates it. */
    public static final String CONFIGURED_DEFAULT_BRANCH = "main";
    private final Map<String, ServerProject> projects;            // upper-case key → project, in order
    private final Map<String, ServerRepo[]> reposByProject = new ConcurrentHashMap<>();
    private final Map<Integer, ServerRepo> byId;
    private final Map<String, ServerRepo> bySlug;                 // "KEY/slug" upper/lower-cased → repository
    private volatile ServerUser[] users;
    private volatile AllRepos all;
    private final SplittableRandom random;
    private final long seed;
    /** When the estate was generated: the commit dates are drawn before it. */
    private final Instant commitsAnchor;
    private final String catalogPath;
    private int lastRepoId;
    private int lastUserId;
    private volatile AdminUsers adminUsers = AdminUsers.ADMINS_ONLY;
    /** Dates pushes (a file written, a repository created), for the search index's lag. */
    private final Clock clock;
    /** When each repository pushed since generation was last pushed; generated ones were pushed before it. */
    private final Map<Integer, Instant> pushedAt = new ConcurrentHashMap<>();

    /** Every repository of the instance, in project then creation order, split by archived state. */
    public record AllRepos(ServerRepo[] all, ServerRepo[] active, ServerRepo[] archived) {
    }

    ServerEstate(List<ServerProject> projectList, Map<String, List<ServerRepo>> repos, List<ServerUser> userList,
                 String catalogPath, long seed, Clock clock) {
        this.clock = clock;
        Instant commitsAnchor = clock.instant();
        Map<String, ServerProject> ordered = new LinkedHashMap<>();
        int total = repos.values().stream().mapToInt(List::size).sum();
        this.byId = new ConcurrentHashMap<>(Math.max(16, total * 2));
        this.bySlug = new ConcurrentHashMap<>(Math.max(16, total * 2));
        for (ServerProject p : projectList) {
            ordered.put(p.key().toUpperCase(Locale.ROOT), p);
            List<ServerRepo> list = repos.getOrDefault(p.key(), List.of());
            reposByProject.put(p.key().toUpperCase(Locale.ROOT), list.toArray(new ServerRepo[0]));
            for (ServerRepo r : list) {
                byId.put(r.id(), r);
                bySlug.put(slugKey(r.projectKey(), r.slug()), r);
                lastRepoId = Math.max(lastRepoId, r.id());
            }
        }
        this.projects = Collections.unmodifiableMap(ordered);
        this.users = userList.toArray(new ServerUser[0]);
        for (ServerUser u : userList) {
            lastUserId = Math.max(lastUserId, u.id());
        }
        this.catalogPath = catalogPath;
        this.random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        this.seed = seed;
        this.commitsAnchor = commitsAnchor;
    }

    /**
     * The commits of the repository's default branch, newest first (none without a default branch); the last one
     * drawn before the estate's generation time, authors from the active users and outsiders.
     */
    public List<CommitHistories.SimCommit> commits(ServerRepo r) {
        String key = "dc:" + r.id();
        return CommitHistories.history(seed, key, r.defaultBranch() == null, Instant.EPOCH,
                CommitHistories.lastCommit(seed, key, Instant.EPOCH, commitsAnchor),
                CommitHistories.serverAuthors(users()));
    }

    /**
     * When the repository's default branch last moved: its last {@link #setFile} or its creation by {@link #add};
     * {@link Instant#EPOCH} for a generated repository untouched since (pushed before the simulation began). Data
     * Center lists no such time; the simulated search index uses it for its lag.
     */
    public Instant pushedAt(int id) {
        return pushedAt.getOrDefault(id, Instant.EPOCH);
    }

    /** How {@code /admin/users} answers now (default {@link AdminUsers#ADMINS_ONLY}). */
    public AdminUsers adminUsers() {
        return adminUsers;
    }

    /** Changes how {@code /admin/users} answers, from the next request on (e.g. a proxy rule added or lifted). */
    public void adminUsers(AdminUsers answer) {
        adminUsers = java.util.Objects.requireNonNull(answer, "answer");
    }

    public List<ServerProject> projects() {
        return List.copyOf(projects.values());
    }

    /** The project by key, case-insensitive, or null. */
    public ServerProject project(String key) {
        return projects.get(key.toUpperCase(Locale.ROOT));
    }

    /** The repositories of a project in creation order (a snapshot), or null for an unknown project. */
    public List<ServerRepo> repositories(String projectKey) {
        ServerRepo[] repos = reposByProject.get(projectKey.toUpperCase(Locale.ROOT));
        return repos == null ? null : Collections.unmodifiableList(Arrays.asList(repos));
    }

    /** The repository by project key and slug (case-insensitive), or null. */
    public ServerRepo repository(String projectKey, String slug) {
        return bySlug.get(slugKey(projectKey, slug));
    }

    private static String slugKey(String projectKey, String slug) {
        return projectKey.toUpperCase(Locale.ROOT) + "/" + slug.toLowerCase(Locale.ROOT);
    }

    public ServerRepo repository(int id) {
        return byId.get(id);
    }

    /** All repositories, cached until the next mutation. */
    public AllRepos allRepositories() {
        AllRepos view = all;
        if (view != null) {
            return view;
        }
        synchronized (this) { // rebuild under the mutation lock so a stale view is never cached
            view = all;
            if (view != null) {
                return view;
            }
            List<ServerRepo> everything = new ArrayList<>();
            for (String key : projects.keySet()) {
                everything.addAll(Arrays.asList(reposByProject.get(key)));
            }
            ServerRepo[] a = everything.toArray(new ServerRepo[0]);
            view = new AllRepos(a, Arrays.stream(a).filter(r -> !r.archived()).toArray(ServerRepo[]::new),
                    Arrays.stream(a).filter(ServerRepo::archived).toArray(ServerRepo[]::new));
            all = view;
            return view;
        }
    }

    public List<ServerUser> users() {
        return Collections.unmodifiableList(Arrays.asList(users));
    }

    public int size() {
        return byId.size();
    }

    public String catalogPath() {
        return catalogPath;
    }

    /** Creates a repository in a project with default branch {@code main} and no files. */
    public synchronized ServerRepo add(String projectKey, String name) {
        ServerProject p = project(projectKey);
        if (p == null) {
            throw new IllegalArgumentException("no project " + projectKey);
        }
        String slug = Slugs.of(name);
        if (repository(p.key(), slug) != null) {
            throw new IllegalArgumentException("slug " + slug + " already exists in project " + p.key());
        }
        lastRepoId += 1 + random.nextInt(3);
        ServerRepo repo = new ServerRepo(lastRepoId, p.key(), slug, name, "", Ids.hex(random, 20), true,
                false, false, "main", Ids.hex(random, 40), Map.of());
        String k = p.key().toUpperCase(Locale.ROOT);
        ServerRepo[] old = reposByProject.get(k);
        ServerRepo[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = repo;
        reposByProject.put(k, grown);
        byId.put(repo.id(), repo);
        bySlug.put(slugKey(repo.projectKey(), repo.slug()), repo);
        pushedAt.put(repo.id(), clock.instant());
        all = null;
        return repo;
    }

    /** Renames: name and slug change, the id stays. */
    public ServerRepo rename(int id, String newName) {
        String slug = Slugs.of(newName);
        return update(id, r -> new ServerRepo(r.id(), r.projectKey(), slug, newName, r.description(),
                r.hierarchyId(), r.forkable(), r.isPublic(), r.archived(), r.defaultBranch(), r.headCommit(),
                r.files()));
    }

    public ServerRepo setDescription(int id, String description) {
        return update(id, r -> new ServerRepo(r.id(), r.projectKey(), r.slug(), r.name(), description,
                r.hierarchyId(), r.forkable(), r.isPublic(), r.archived(), r.defaultBranch(), r.headCommit(),
                r.files()));
    }

    public ServerRepo archive(int id, boolean archived) {
        return update(id, r -> new ServerRepo(r.id(), r.projectKey(), r.slug(), r.name(), r.description(),
                r.hierarchyId(), r.forkable(), r.isPublic(), archived, r.defaultBranch(), r.headCommit(),
                r.files()));
    }

    /** Writes (or with null content deletes) a file on the default branch: a new commit. */
    public ServerRepo setFile(int id, String path, String content) {
        ServerRepo pushed = update(id, r -> {
            Map<String, String> files = new HashMap<>(r.files());
            if (content == null) {
                files.remove(path);
            } else {
                files.put(path, content);
            }
            return new ServerRepo(r.id(), r.projectKey(), r.slug(), r.name(), r.description(), r.hierarchyId(),
                    r.forkable(), r.isPublic(), r.archived(), r.defaultBranch() == null ? CONFIGURED_DEFAULT_BRANCH : r.defaultBranch(),
                    Ids.hex(random, 40), Map.copyOf(files));
        });
        pushedAt.put(id, clock.instant());
        return pushed;
    }

    public ServerRepo setCatalogFile(int id, String content) {
        return setFile(id, catalogPath, content);
    }

    public synchronized void delete(int id) {
        ServerRepo current = require(id);
        String k = current.projectKey().toUpperCase(Locale.ROOT);
        reposByProject.put(k, Arrays.stream(reposByProject.get(k)).filter(r -> r.id() != id)
                .toArray(ServerRepo[]::new));
        byId.remove(id);
        bySlug.remove(slugKey(current.projectKey(), current.slug()));
        pushedAt.remove(id);
        all = null;
    }

    /** Adds an active user. */
    public synchronized ServerUser addUser(String name, String displayName, String email) {
        lastUserId += 1 + random.nextInt(3);
        ServerUser user = new ServerUser(lastUserId, name, name.toLowerCase(Locale.ROOT), displayName, email, true,
                false, 0L);
        ServerUser[] grown = Arrays.copyOf(users, users.length + 1);
        grown[users.length] = user;
        users = grown;
        return user;
    }

    /** Removes a user (by id). */
    public synchronized void deleteUser(int id) {
        ServerUser[] kept = Arrays.stream(users).filter(u -> u.id() != id).toArray(ServerUser[]::new);
        if (kept.length == users.length) {
            throw new IllegalArgumentException("no user " + id);
        }
        users = kept;
    }

    private synchronized ServerRepo update(int id, UnaryOperator<ServerRepo> change) {
        ServerRepo current = require(id);
        ServerRepo changed = change.apply(current);
        if (!changed.slug().equalsIgnoreCase(current.slug())
                && repository(current.projectKey(), changed.slug()) != null) {
            throw new IllegalArgumentException("slug " + changed.slug() + " already exists in project "
                    + current.projectKey());
        }
        String k = current.projectKey().toUpperCase(Locale.ROOT);
        ServerRepo[] copy = reposByProject.get(k).clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i].id() == id) {
                copy[i] = changed;
            }
        }
        reposByProject.put(k, copy);
        byId.put(id, changed);
        bySlug.remove(slugKey(current.projectKey(), current.slug()));
        bySlug.put(slugKey(changed.projectKey(), changed.slug()), changed);
        all = null;
        return changed;
    }

    private ServerRepo require(int id) {
        ServerRepo r = byId.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no repository with id " + id);
        }
        return r;
    }
}
