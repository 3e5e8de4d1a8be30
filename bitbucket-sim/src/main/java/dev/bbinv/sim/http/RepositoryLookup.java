package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Finds the owner (Cloud workspace, DC project) and the repository a request's path names, or answers 404 in the
 * dialect's error shape: the look-up every workspace-, project- or repository-scoped handler starts with.
 *
 * @param <O> the owner: {@link CloudWorkspace} or {@link ServerProject}
 * @param <R> the repository: {@link CloudRepo} or {@link ServerRepo}
 */
final class RepositoryLookup<O, R> {
    /** Both dialects name the owner right after the resource family: {@code repositories/{ws}}, {@code projects/{key}}. */
    private static final int OWNER_SEGMENT = 1;

    private final int repositorySegment;
    private final BiFunction<SimRequest, String, O> findOwner;
    private final BiFunction<O, String, R> findRepository;
    private final Function<String, SimResponse> noOwner;
    private final BiFunction<O, String, SimResponse> noRepository;

    private RepositoryLookup(int repositorySegment, BiFunction<SimRequest, String, O> findOwner,
                             BiFunction<O, String, R> findRepository, Function<String, SimResponse> noOwner,
                             BiFunction<O, String, SimResponse> noRepository) {
        this.repositorySegment = repositorySegment;
        this.findOwner = findOwner;
        this.findRepository = findRepository;
        this.noOwner = noOwner;
        this.noRepository = noRepository;
    }

    /** Cloud: {@code /repositories/{workspace}/{repo_slug}}, each a slug or a {@code {uuid}}. */
    static RepositoryLookup<CloudWorkspace, CloudRepo> cloud(HttpSettings settings) {
        return new RepositoryLookup<>(2,
                (req, slugOrUuid) -> {
                    CloudWorkspace w = settings.estate().cloud().workspace(slugOrUuid);
                    // A workspace the credential cannot see answers as an unknown one does.
                    return w != null && req.credential().seesWorkspace(w.slug()) ? w : null;
                },
                (w, slugOrUuid) -> slugOrUuid.startsWith("{") ? w.byUuid(slugOrUuid) : w.bySlug(slugOrUuid),
                slug -> CloudApi.error(404, "No workspace with identifier '" + slug + "'.", null),
                (w, slug) -> CloudApi.error(404, "Repository " + w.slug() + "/" + slug + " not found", null));
    }

    /** Data Center: {@code /projects/{projectKey}/repos/{repositorySlug}}. */
    static RepositoryLookup<ServerProject, ServerRepo> server(HttpSettings settings) {
        return new RepositoryLookup<>(3,
                (req, key) -> settings.estate().server().project(key),
                (p, slug) -> settings.estate().server().repository(p.key(), slug),
                key -> ServerApi.error(404, null, "Project " + key + " does not exist.",
                        "com.atlassian.bitbucket.project.NoSuchProjectException"),
                (p, slug) -> ServerApi.error(404, null, "Repository " + p.key() + "/" + slug + " does not exist.",
                        "com.atlassian.bitbucket.repository.NoSuchRepositoryException"));
    }

    /** {@code handler}'s answer for the owner the path names, or 404 when there is none the credential may see. */
    SimResponse withOwner(SimRequest req, Function<O, SimResponse> handler) {
        String ownerName = req.segments().get(OWNER_SEGMENT);
        O owner = findOwner.apply(req, ownerName);
        return owner == null ? noOwner.apply(ownerName) : handler.apply(owner);
    }

    /** {@code handler}'s answer for the owner and repository the path names, or 404 for whichever is missing. */
    SimResponse withRepository(SimRequest req, BiFunction<O, R, SimResponse> handler) {
        return withOwner(req, owner -> {
            String repositoryName = req.segments().get(repositorySegment);
            R repository = findRepository.apply(owner, repositoryName);
            return repository == null ? noRepository.apply(owner, repositoryName) : handler.apply(owner, repository);
        });
    }
}
