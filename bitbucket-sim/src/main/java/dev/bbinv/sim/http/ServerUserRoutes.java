package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.estate.ServerUser;

import java.util.List;
import java.util.Locale;

/** Data Center's users: {@code /users} and {@code /admin/users} (answered as the instance's {@link AdminUsers} says). */
final class ServerUserRoutes {
    private final HttpSettings settings;
    private final ServerJson json;
    private final ServerPager pager;

    ServerUserRoutes(HttpSettings settings, ServerJson json, ServerPager pager) {
        this.settings = settings;
        this.json = json;
        this.pager = pager;
    }

    SimResponse users(SimRequest req, int page) {
        return pager.page(req, page, filtered(req), json::user);
    }

    /** {@code GET /admin/users}, answered as the estate's {@link AdminUsers} setting says at the time of the request. */
    SimResponse adminUsers(SimRequest req, int page) {
        AdminUsers answer = settings.estate().server().adminUsers();
        switch (answer) {
            case NOT_FOUND:
                return ServerApi.error(404, null, "No resource is hosted at " + req.path(), null);
            case METHOD_NOT_ALLOWED:
                return ServerApi.error(405, null, "Method GET is not allowed for " + req.path(), null);
            default:
                if (!req.credential().admin()) {
                    return answer == AdminUsers.ADMINS_ONLY_FORBIDDEN
                            ? ServerApi.error(403, null, "You are not permitted to access this resource",
                            "com.atlassian.bitbucket.AuthorisationException")
                            : ServerApi.error(401, null, "You are not permitted to access this resource",
                            "com.atlassian.bitbucket.AuthorisationException");
                }
                return pager.page(req, page, filtered(req), json::detailedUser);
        }
    }

    /** {@code filter}: a case-insensitive substring of the name, display name or email address. */
    private List<ServerUser> filtered(SimRequest req) {
        String filter = req.lowerCaseParam("filter");
        List<ServerUser> users = settings.estate().server().users();
        if (filter == null) {
            return users;
        }
        return users.stream().filter(u -> u.name().toLowerCase(Locale.ROOT).contains(filter)
                || u.displayName().toLowerCase(Locale.ROOT).contains(filter)
                || u.emailAddress().toLowerCase(Locale.ROOT).contains(filter)).toList();
    }
}
