package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.estate.ServerUser;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Data Center's projects and repositories: {@code /projects[/{key}[/repos[/{slug}]]]}, the instance-wide
 * {@code /repos} with its filters, and the search plugin's {@code repos-matching-root-file} listing.
 */
final class ServerRepositoryRoutes {
    private final HttpSettings settings;
    private final ServerJson json;
    private final ServerPager pager;
    private final ServerSearchApi search;

    ServerRepositoryRoutes(HttpSettings settings, ServerJson json, ServerPager pager) {
        this.settings = settings;
        this.json = json;
        this.pager = pager;
        this.search = new ServerSearchApi(settings);
    }

    /** {@code GET /projects}, PERSONAL projects included, {@code name} a case-insensitive substring. */
    SimResponse projects(SimRequest req, int page) {
        String name = req.lowerCaseParam("name");
        List<ServerProject> projects = estate().projects();
        if (name != null) {
            projects = projects.stream().filter(p -> p.name().toLowerCase(Locale.ROOT).contains(name)).toList();
        }
        return pager.page(req, page, projects, p -> json.project(p, owner(p)));
    }

    SimResponse project(ServerProject p) {
        return SimResponse.json(200, json.project(p, owner(p)));
    }

    /** {@code GET /projects/{key}/repos}. */
    SimResponse ofProject(SimRequest req, ServerProject p, int page) {
        ServerUser owner = owner(p);
        return pager.page(req, page, estate().repositories(p.key()), r -> json.repository(r, p, owner));
    }

    SimResponse one(ServerProject p, ServerRepo r) {
        return SimResponse.json(200, json.repository(r, p, owner(p)));
    }

    /**
     * {@code GET /repos}: {@code archived} (ACTIVE by default, ARCHIVED, ALL), {@code projectkey}, {@code name} and
     * {@code visibility} filters.
     */
    SimResponse all(SimRequest req, int page) {
        ServerEstate.AllRepos all = estate().allRepositories();
        String archived = req.param("archived") == null ? "ACTIVE" : req.param("archived").trim().toUpperCase(Locale.ROOT);
        ServerRepo[] base = switch (archived) {
            case "ACTIVE" -> all.active();
            case "ARCHIVED" -> all.archived();
            case "ALL" -> all.all();
            default -> throw new BadRequest("archived", "archived must be one of ACTIVE, ARCHIVED, ALL");
        };
        String projectKey = req.param("projectkey");
        String name = req.lowerCaseParam("name");
        String visibility = req.lowerCaseParam("visibility");
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new BadRequest("visibility", "visibility must be public or private, got " + visibility);
        }
        List<ServerRepo> list = Arrays.asList(base);
        if (projectKey != null || name != null || visibility != null) {
            Predicate<ServerRepo> keep = r -> (projectKey == null || r.projectKey().equalsIgnoreCase(projectKey.trim()))
                    && (name == null || r.name().toLowerCase(Locale.ROOT).contains(name))
                    && (visibility == null || r.isPublic() == visibility.equals("public"));
            list = list.stream().filter(keep).toList();
        }
        return pager.page(req, page, list, withItsProject());
    }

    /** {@code GET /rest/search/latest/repos-matching-root-file}, or its answer while search is switched off. */
    SimResponse matchingRootFile(SimRequest req, int page) {
        SimResponse off = search.switchedOff(req);
        return off != null ? off : pager.page(req, page, search.matching(req), withItsProject());
    }

    /** A project and the user it belongs to, looked up once per page of an instance-wide listing. */
    private record OwnedProject(ServerProject project, ServerUser owner) {}

    /**
     * Renders the repositories of one page of an instance-wide listing with the project each belongs to; each project
     * and its owner are looked up once per page, not once per repository.
     */
    private Function<ServerRepo, ObjectNode> withItsProject() {
        Map<String, OwnedProject> projects = new HashMap<>();
        return r -> {
            OwnedProject p = projects.computeIfAbsent(r.projectKey(), key -> {
                ServerProject project = estate().project(key);
                return new OwnedProject(project, owner(project));
            });
            return json.repository(r, p.project(), p.owner());
        };
    }

    /** The user a PERSONAL project belongs to; null for a team project. */
    private ServerUser owner(ServerProject p) {
        if (!p.personal()) {
            return null;
        }
        for (ServerUser u : estate().users()) {
            if (u.slug().equals(p.ownerSlug())) {
                return u;
            }
        }
        return null;
    }

    private ServerEstate estate() {
        return settings.estate().server();
    }
}
