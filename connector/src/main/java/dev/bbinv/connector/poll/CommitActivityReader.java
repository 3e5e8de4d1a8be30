package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.bitbucket.Page;
import dev.bbinv.connector.bitbucket.ScanCancelledException;
import dev.bbinv.connector.config.CommitSettings;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.mapping.CommitEvents;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawCommitSummary;

/**
 * Reads the default-branch commit activity of a scope's repositories once its listing is done, so that commit reads
 * never delay the inventory: which repositories are due is the dialect's (Cloud when {@code updated_on} moved, Data
 * Center once per refresh interval), recorded as the entity checkpoint's commits validator. A read that fails is
 * logged, skipped and kept for the scope's next scan; it never fails the scan.
 */
final class CommitActivityReader {
    private static final Logger LOG = LoggerFactory.getLogger(CommitActivityReader.class);
    /** Repositories whose activity one transaction commits (the events and their checkpoints). */
    static final int REPOSITORIES_PER_TRANSACTION = 50;

    /** A repository due a read: where its commits are (null ref: no default branch) and its updated_on. */
    record Target(String sourceId, String updatedOn, BranchRef ref) {}

    /** What one scope's reads did, for its log line. */
    record Result(int read, int failed, long requests) {}

    private final TransactionalPublisher publisher;
    private final ConnectorState state;
    private final Clock clock;
    private final CommitSettings settings;
    /** Targets not read yet (due, or failed), by scope: a scope's next scan reads them even if not listed again. */
    private final PendingCommitReads pending;
    /** Reads repositories in parallel, {@code commits.read.concurrency} at most per profile. */
    private final ProfilePools pools;

    CommitActivityReader(TransactionalPublisher publisher, ConnectorState state, Clock clock, CommitSettings settings) {
        this.publisher = publisher;
        this.state = state;
        this.clock = clock;
        this.settings = settings;
        this.pending = state.commitReads();
        this.pools = new ProfilePools("commit-read", settings.concurrency());
    }

    /** Stops the read threads. */
    void close() {
        pools.shutdownNow();
    }

    /** The reads of one scan of a repositories scope; a pass that does nothing when commits are disabled. */
    Pass begin(BitbucketClient client, ScopeKey key, ScanContext context) {
        return new Pass(client, key, context);
    }

    /** One scan's commit reads: repositories are added as their listing pages arrive, read once the listing ends. */
    final class Pass {
        private final BitbucketClient client;
        private final ScopeKey key;
        private final ScanContext context;
        private final Dialect dialect;
        private final boolean active;

        private Pass(BitbucketClient client, ScopeKey key, ScanContext context) {
            this.client = client;
            this.key = key;
            this.context = context;
            this.dialect = context.dialect();
            this.active = settings.enabled() && key.entity() == ScopeKey.Entity.REPOSITORIES;
        }

        /** Notes the listed repositories whose commits are due (archived ones are not read). */
        void listed(List<ApiObject> repositories) {
            if (!active) {
                return;
            }
            Instant now = clock.instant();
            for (ApiObject repository : repositories) {
                String sourceId;
                try {
                    sourceId = dialect.sourceId(repository);
                } catch (IllegalArgumentException e) {
                    continue; // the listing already counted it as skipped
                }
                if (dialect.isArchived(repository)) {
                    pending.remove(key, sourceId);
                    continue;
                }
                String updatedOn = RawEvents.updatedOn(repository);
                EntityProgress known = state.entity(key, sourceId);
                if (dialect.commitsDue(updatedOn, known == null ? null : known.getCommitsValidator(), now,
                        settings.refresh())) {
                    pending.put(key, new Target(sourceId, updatedOn, dialect.branchRef(repository)));
                } else {
                    pending.remove(key, sourceId);
                }
            }
        }

        /**
         * Reads every due repository of the scope (listed now or left over from an earlier scan), up to
         * {@code commits.read.concurrency} repositories at once, and publishes each one's activity with its checkpoint,
         * {@link #REPOSITORIES_PER_TRANSACTION} at a time. Bitbucket faults are logged and the repository kept for the
         * next scan; publishing faults and cancellation are thrown, as for the listing.
         */
        Result readDue() {
            if (!active || pending.count(key) == 0) {
                return new Result(0, 0, 0);
            }
            long before = client.requestCount();
            int read = 0;
            int failed = 0;
            boolean stop = false;
            // A chunk at a time from the store, in source id order: a failed one stays behind for the next scan.
            String after = null;
            while (!stop) {
                List<Target> chunk = pending.page(key, after, REPOSITORIES_PER_TRANSACTION);
                if (chunk.isEmpty()) {
                    break;
                }
                after = chunk.get(chunk.size() - 1).sourceId();
                List<Outcome> outcomes = readAll(chunk);
                Batch batch = new Batch();
                for (Outcome outcome : outcomes) {
                    Target target = outcome.target();
                    if (outcome.failure() != null) {
                        failed++;
                        LOG.warn("{}: commits of repository {} not read, will retry next scan: {}", key,
                                target.sourceId(), outcome.failure().getMessage());
                        // The credential is out of budget or refused: the rest wait for the next scan.
                        stop |= outcome.failure() instanceof BitbucketApiException api
                                && (api.status() == 429 || api.status() == 401);
                        continue;
                    }
                    batch.event(Topics.RAW_COMMITS_TOPIC, dialect.assetId(context.baseUrl(), target.sourceId()),
                            outcome.read().event());
                    if (outcome.read().finished()) {
                        batch.checkpoint(key.entityKey(target.sourceId()), ScanCheckpoints.entityRecord(key,
                                EntityProgress.newBuilder(outcome.known()).setCommitsValidator(dialect.commitsValidator(
                                        target.updatedOn(), outcome.read().event().getEnvelope().getFetchedAt()))
                                        .build()));
                        read++;
                    } else {
                        failed++;
                    }
                }
                commit(batch);
            }
            Result done = new Result(read, failed, client.requestCount() - before);
            LOG.info("{}: commit activity of {} repositories read ({} requests), {} to retry next scan", key,
                    done.read(), done.requests(), pending.count(key));
            return done;
        }

        /** Reads {@code targets} on the pool; results in their order, a Bitbucket fault as the target's outcome. */
        private List<Outcome> readAll(List<Target> targets) {
            List<Future<Outcome>> futures = new ArrayList<>();
            try {
                for (Target target : targets) {
                    EntityProgress known = state.entity(key, target.sourceId());
                    if (known == null) {
                        pending.remove(key, target.sourceId()); // removed since it was listed
                        continue;
                    }
                    futures.add(pools.of(context.profile()).submit(() -> readOne(target, known)));
                }
                List<Outcome> outcomes = new ArrayList<>(futures.size());
                for (Future<Outcome> future : futures) {
                    outcomes.add(future.get());
                }
                return outcomes;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanCancelledException(e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } finally {
                futures.forEach(f -> f.cancel(true)); // a chunk that ends early sends no more requests
            }
        }

        private Outcome readOne(Target target, EntityProgress known) {
            try {
                return new Outcome(target, known, read(target, clock.instant()), null);
            } catch (BitbucketException e) {
                return new Outcome(target, known, null, e);
            }
        }

        private void commit(Batch batch) {
            if (batch.isEmpty()) {
                return;
            }
            publisher.commit(batch);
            for (Batch.Entry entry : batch.checkpoints()) {
                ConnectorCheckpoint checkpoint = (ConnectorCheckpoint) entry.value();
                state.apply(entry.key(), checkpoint);
                pending.remove(key, checkpoint.getEntityProgress().getSourceId());
            }
        }

        /**
         * Reads pages newest first until a commit is older than the window, the listing ends, or the page cap. A 404
         * on the first page is an empty branch; a later page that fails cuts the window (published, read again).
         */
        private Read read(Target target, Instant now) {
            if (target.ref() == null) {
                return new Read(activity(target, null, List.of(), true, now), true);
            }
            Instant from = now.minus(settings.window());
            List<RawCommitSummary> window = new ArrayList<>();
            RawCommitSummary newest = null;
            String cursor = null;
            int pages = 0;
            do {
                if (pages == settings.maxPages()) {
                    return new Read(activity(target, newest, window, false, now), true);
                }
                Page<ApiObject> page;
                try {
                    page = client.commits(target.ref(), cursor);
                } catch (BitbucketApiException e) {
                    if (pages == 0 && e.status() == 404) {
                        return new Read(activity(target, null, List.of(), true, now), true);
                    }
                    if (pages == 0) {
                        throw e;
                    }
                    LOG.warn("{}: commits of repository {} cut after page {}: {}", key, target.sourceId(), pages,
                            e.getMessage());
                    return new Read(activity(target, newest, window, false, now), false);
                }
                pages++;
                boolean older = false;
                for (ApiObject commit : page.values()) {
                    RawCommitSummary summary;
                    try {
                        summary = dialect.commitSummary(commit);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("{}: skipped a commit of repository {}: {}", key, target.sourceId(), e.getMessage());
                        continue;
                    }
                    if (newest == null) {
                        newest = summary;
                    }
                    if (summary.getCommittedAt().isBefore(from)) {
                        older = true;
                        break;
                    }
                    window.add(summary);
                }
                cursor = older ? null : page.nextCursor();
            } while (cursor != null);
            return new Read(activity(target, newest, window, true, now), true);
        }

        private RawCommitActivityEvent activity(Target target, RawCommitSummary newest, List<RawCommitSummary> window,
                boolean complete, Instant now) {
            return CommitEvents.activity(context, target.sourceId(), target.ref() == null ? null : target.ref().branch(),
                    settings.windowDays(), newest, window, complete, now);
        }
    }

    /** One repository's activity, and whether the read finished (else it is read again next scan). */
    private record Read(RawCommitActivityEvent event, boolean finished) {}

    /** What reading one repository gave: its read, or the Bitbucket fault that stopped it. */
    private record Outcome(Target target, EntityProgress known, Read read, BitbucketException failure) {}
}
