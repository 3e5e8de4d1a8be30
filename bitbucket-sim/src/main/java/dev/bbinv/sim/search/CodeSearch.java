package dev.bbinv.sim.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerRepo;

/**
 * Bitbucket's code search over the simulated estate (Cloud's {@code search/code}, Data Center's
 * {@code repos-matching-root-file}): on or off (answering 404 or 403 as Bitbucket does when
 * search is not enabled for a workspace), and an index that lags behind pushes by {@link #indexLag()}: a repository
 * pushed within the lag is still found as it was when last indexed (a file added is not found yet, a file removed
 * still is). Thread-safe.
 */
public final class CodeSearch {
    /** A file the index holds: the repository and commit it was indexed at, its path and its text. */
    public record Hit(CloudRepo repository, String path, String content) {}

    private final Clock clock;
    private volatile boolean enabled = true;
    private volatile int disabledStatus = 404;
    private volatile Duration indexLag = Duration.ZERO;
    /** Each repository as last indexed (by uuid): only repositories whose last push is older than the lag. */
    private final Map<String, CloudRepo> indexed = new HashMap<>();
    /** The last answer per workspace slug, so paging through a large estate does not rescan it per page. */
    private final Map<String, Cached> answers = new HashMap<>();
    /** Each Data Center repository as last indexed (by id), as {@link #indexed} for Cloud. */
    private final Map<Integer, ServerRepo> indexedServer = new HashMap<>();
    /** The last Data Center answer, valid while the estate is unchanged and nothing pushed within the lag ripened. */
    private ServerCached serverAnswer;

    private record ServerCached(ServerEstate.AllRepos repos, String rootFile, Instant validUntil,
            List<ServerRepo> hits) {}

    /**
     * An answer that stays right while the workspace is unchanged and no repository pushed within the lag has become
     * old enough to be indexed ({@code validUntil}: the earliest such push).
     */
    private record Cached(CloudWorkspace.Snapshot snapshot, String query, Instant validUntil, List<Hit> hits) {}

    public CodeSearch(Clock clock) {
        this.clock = clock;
    }

    /** Search answers again. */
    public CodeSearch enable() {
        enabled = true;
        return this;
    }

    /**
     * Search answers {@code status} (404: not enabled for the workspace, or no search plugin serves the DC path; 403:
     * refused; 401: refused as Data Center refuses a user lacking a permission) to every request.
     */
    public CodeSearch disable(int status) {
        if (status != 401 && status != 403 && status != 404) {
            throw new IllegalArgumentException("search is switched off with 401, 403 or 404, not " + status);
        }
        disabledStatus = status;
        enabled = false;
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    public int disabledStatus() {
        return disabledStatus;
    }

    /** How long after a push its files are searchable. */
    public CodeSearch indexLag(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("index lag must not be negative: " + lag);
        }
        indexLag = lag;
        return this;
    }

    public Duration indexLag() {
        return indexLag;
    }

    /**
     * Every indexed file of {@code workspace} whose path the query's {@code path:} filter matches (the path itself, or
     * a path ending in "/" + it) and that contains {@code term} in its path or its text; in creation order.
     */
    public synchronized List<Hit> search(CloudWorkspace workspace, String pathFilter, String term) {
        Instant indexedUntil = clock.instant().minus(indexLag);
        CloudWorkspace.Snapshot snapshot = workspace.snapshot();
        String query = pathFilter + "\0" + term;
        Cached cached = answers.get(workspace.slug());
        if (cached != null && cached.snapshot() == snapshot && cached.query().equals(query)
                && indexedUntil.isBefore(cached.validUntil())) {
            return cached.hits();
        }
        List<Hit> hits = new ArrayList<>();
        Instant validUntil = Instant.MAX;
        for (CloudRepo now : snapshot.inCreationOrder()) {
            if (!now.updatedOn().isAfter(indexedUntil)) {
                indexed.put(now.uuid(), now);
            } else if (now.updatedOn().isBefore(validUntil)) {
                validUntil = now.updatedOn();
            }
            CloudRepo repo = indexed.get(now.uuid());
            if (repo == null) {
                continue; // pushed within the lag and never indexed before: not found yet
            }
            for (Map.Entry<String, String> file : repo.files().entrySet()) {
                String path = file.getKey();
                boolean pathMatches = pathFilter == null || path.equals(pathFilter) || path.endsWith("/" + pathFilter);
                boolean termMatches = term == null || path.contains(term) || file.getValue().contains(term);
                if (pathMatches && termMatches) {
                    hits.add(new Hit(repo, path, file.getValue()));
                }
            }
        }
        answers.put(workspace.slug(), new Cached(snapshot, query, validUntil, List.copyOf(hits)));
        return hits;
    }

    /**
     * Data Center: every repository of the instance whose default branch, as last indexed, has {@code rootFile} at
     * its root (the current repository is returned, its files as indexed decide); in project then creation order. A
     * repository pushed within the lag is found as it was when last indexed, as for Cloud.
     */
    public synchronized List<ServerRepo> withRootFile(ServerEstate estate, String rootFile) {
        Instant indexedUntil = clock.instant().minus(indexLag);
        ServerEstate.AllRepos repos = estate.allRepositories();
        ServerCached cached = serverAnswer;
        if (cached != null && cached.repos() == repos && cached.rootFile().equals(rootFile)
                && indexedUntil.isBefore(cached.validUntil())) {
            return cached.hits();
        }
        List<ServerRepo> hits = new ArrayList<>();
        Instant validUntil = Instant.MAX;
        for (ServerRepo now : repos.all()) {
            Instant pushed = estate.pushedAt(now.id());
            if (!pushed.isAfter(indexedUntil)) {
                indexedServer.put(now.id(), now);
            } else if (pushed.isBefore(validUntil)) {
                validUntil = pushed;
            }
            ServerRepo indexed = indexedServer.get(now.id());
            if (indexed != null && indexed.files().containsKey(rootFile)) {
                hits.add(now);
            }
        }
        serverAnswer = new ServerCached(repos, rootFile, validUntil, List.copyOf(hits));
        return hits;
    }
}
