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
    /** Each Cloud repository as last indexed, by uuid: only repositories whose last push is older than the lag. */
    private final Map<String, CloudRepo> indexed = new HashMap<>();
    /** The last answer per workspace slug, so paging through a large estate does not rescan it per page. */
    private final Map<String, Answer<CloudWorkspace.Snapshot, Hit>> answers = new HashMap<>();
    /** Each Data Center repository as last indexed (by id), as {@link #indexed} for Cloud. */
    private final Map<Integer, ServerRepo> indexedServer = new HashMap<>();
    /** The last Data Center answer, valid while the estate is unchanged and nothing pushed within the lag ripened. */
    private Answer<ServerEstate.AllRepos, ServerRepo> serverAnswer;

    /**
     * An answer that stays right while the estate is the same version (the same snapshot object), the query is the
     * same and no repository pushed within the lag has become old enough to be indexed ({@code validUntil}: the
     * earliest such push).
     */
    private record Answer<V, H>(V version, String query, Instant validUntil, List<H> hits) {
        static <V, H> boolean reusable(Answer<V, H> answer, V version, String query, Instant indexedUntil) {
            return answer != null && answer.version() == version && answer.query().equals(query)
                    && indexedUntil.isBefore(answer.validUntil());
        }
    }

    /**
     * One pass of a search over an estate: brings the index up to {@code indexedUntil} repository by repository and
     * notes the earliest push still within the lag, which is when the pass's answer goes stale.
     */
    private static final class IndexPass<K, R> {
        private final Map<K, R> index;
        private final Instant indexedUntil;
        private Instant validUntil = Instant.MAX;

        IndexPass(Map<K, R> index, Instant indexedUntil) {
            this.index = index;
            this.indexedUntil = indexedUntil;
        }

        /** The version of {@code current} the index holds once its push is considered; null if never indexed. */
        R indexed(K key, R current, Instant pushedAt) {
            if (!pushedAt.isAfter(indexedUntil)) {
                index.put(key, current);
                return current;
            }
            if (pushedAt.isBefore(validUntil)) {
                validUntil = pushedAt;
            }
            return index.get(key);
        }
    }

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
        Answer<CloudWorkspace.Snapshot, Hit> cached = answers.get(workspace.slug());
        if (Answer.reusable(cached, snapshot, query, indexedUntil)) {
            return cached.hits();
        }
        List<Hit> hits = new ArrayList<>();
        IndexPass<String, CloudRepo> pass = new IndexPass<>(indexed, indexedUntil);
        for (CloudRepo now : snapshot.inCreationOrder()) {
            CloudRepo repo = pass.indexed(now.uuid(), now, now.updatedOn());
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
        answers.put(workspace.slug(), new Answer<>(snapshot, query, pass.validUntil, List.copyOf(hits)));
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
        if (Answer.reusable(serverAnswer, repos, rootFile, indexedUntil)) {
            return serverAnswer.hits();
        }
        List<ServerRepo> hits = new ArrayList<>();
        IndexPass<Integer, ServerRepo> pass = new IndexPass<>(indexedServer, indexedUntil);
        for (ServerRepo now : repos.all()) {
            ServerRepo indexed = pass.indexed(now.id(), now, estate.pushedAt(now.id()));
            if (indexed != null && indexed.files().containsKey(rootFile)) {
                hits.add(now);
            }
        }
        serverAnswer = new Answer<>(repos, rootFile, pass.validUntil, List.copyOf(hits));
        return hits;
    }
}
