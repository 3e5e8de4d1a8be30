package dev.bbinv.sim.http;

import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.estate.CloudUser;
import dev.bbinv.sim.estate.CloudWorkspace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Cloud's users, workspaces and members: {@code /user}, {@code /user/workspaces}, {@code /workspaces/{ws}[/members]}. */
final class CloudAccountRoutes {
    private final HttpSettings settings;
    private final CloudJson json;
    private final CloudPager pager;

    CloudAccountRoutes(HttpSettings settings, CloudJson json, CloudPager pager) {
        this.settings = settings;
        this.json = json;
        this.pager = pager;
    }

    /** {@code GET /user}: a pseudo-account derived from the credential. */
    SimResponse user(SimRequest req) {
        return SimResponse.json(200, FieldsFilter.apply(json.currentUser(currentUser(req.credential())),
                req.param("fields")));
    }

    SimResponse userWorkspaces(SimRequest req, int page) {
        List<CloudWorkspace> visible = new ArrayList<>();
        for (CloudWorkspace w : settings.estate().cloud().workspaces()) {
            if (req.credential().seesWorkspace(w.slug())) {
                visible.add(w);
            }
        }
        if ("slug".equals(req.param("sort"))) {
            visible.sort(Comparator.comparing(CloudWorkspace::slug));
        }
        return pager.page(req, page, visible, w -> json.workspaceAccess(w, req.credential().admin()));
    }

    SimResponse workspace(SimRequest req, CloudWorkspace w) {
        return SimResponse.json(200, FieldsFilter.apply(json.fullWorkspace(w), req.param("fields")));
    }

    SimResponse members(SimRequest req, CloudWorkspace w, int page) {
        // Emails only for administrators who ask for them, as Cloud does since its GDPR changes.
        String fields = req.param("fields");
        boolean emails = req.credential().admin() && fields != null && fields.contains("user.email");
        return pager.pageServingDuplicates(req, page, w.members(), u -> json.membership(u, w, emails));
    }

    private static CloudUser currentUser(Credential c) {
        UUID uuid = UUID.nameUUIDFromBytes(c.id().getBytes(StandardCharsets.UTF_8));
        String local = c.username() != null ? c.username().replaceFirst("@.*", "") : c.id();
        return new CloudUser("{" + uuid + "}", "712020:" + uuid, local, local, c.username(),
                Instant.parse("2020-01-01T00:00:00Z"));
    }
}
