package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.estate.CloudProject;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudUser;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.CommitHistories;

/** Renders estate objects as Bitbucket Cloud 2.0 JSON (field names as the OpenAPI spec has them); pure. */
final class CloudJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final String api;
    private final String web;

    CloudJson(String apiBase, String webBase) {
        this.api = apiBase;
        this.web = webBase;
    }

    ObjectNode repository(CloudRepo r, CloudWorkspace w) {
        ObjectNode o = F.objectNode();
        o.put("type", "repository");
        o.put("full_name", r.fullName());
        ObjectNode links = o.putObject("links");
        String self = api + "/repositories/" + r.fullName();
        href(links, "self", self);
        href(links, "html", web + "/" + r.fullName());
        href(links, "avatar", web + "/" + r.fullName() + "/avatar/32/");
        href(links, "pullrequests", self + "/pullrequests");
        href(links, "commits", self + "/commits");
        href(links, "forks", self + "/forks");
        href(links, "watchers", self + "/watchers");
        href(links, "branches", self + "/refs/branches");
        href(links, "tags", self + "/refs/tags");
        href(links, "downloads", self + "/downloads");
        href(links, "source", self + "/src");
        ArrayNode clone = links.putArray("clone");
        String host = web.replaceFirst("^https?://", "");
        clone.addObject().put("name", "https").put("href", web + "/" + r.fullName() + ".git");
        clone.addObject().put("name", "ssh").put("href", "git@" + host + ":" + r.fullName() + ".git");
        href(links, "hooks", self + "/hooks");
        o.put("name", r.name());
        o.put("slug", r.slug());
        o.put("description", r.description());
        o.put("scm", "git");
        o.putNull("website");
        o.set("owner", team(w));
        o.set("workspace", workspace(w));
        o.put("is_private", r.isPrivate());
        CloudProject p = w.project(r.projectKey());
        o.set("project", project(p, w));
        o.put("fork_policy", r.forkPolicy());
        o.put("created_on", Timestamps.cloud(r.createdOn()));
        o.put("updated_on", Timestamps.cloud(r.updatedOn()));
        o.put("size", r.size());
        o.put("language", r.language());
        o.put("uuid", r.uuid());
        ObjectNode mainbranch = o.putObject("mainbranch");
        mainbranch.put("name", r.mainbranch());
        mainbranch.put("type", "branch");
        o.put("has_issues", r.hasIssues());
        o.put("has_wiki", r.hasWiki());
        return o;
    }

    ObjectNode project(CloudProject p, CloudWorkspace w) {
        ObjectNode o = F.objectNode();
        o.put("type", "project");
        o.put("key", p.key());
        o.put("uuid", p.uuid());
        o.put("name", p.name());
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/workspaces/" + w.slug() + "/projects/" + p.key());
        href(links, "html", web + "/" + w.slug() + "/workspace/projects/" + p.key());
        return o;
    }

    ObjectNode workspace(CloudWorkspace w) {
        ObjectNode o = F.objectNode();
        o.put("type", "workspace");
        o.put("uuid", w.uuid());
        o.put("name", w.name());
        o.put("slug", w.slug());
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/workspaces/" + w.slug());
        href(links, "html", web + "/" + w.slug() + "/");
        href(links, "avatar", web + "/workspaces/" + w.slug() + "/avatar/");
        return o;
    }

    ObjectNode workspaceBase(CloudWorkspace w) {
        ObjectNode o = F.objectNode();
        o.put("type", "workspace_base");
        o.put("uuid", w.uuid());
        o.put("slug", w.slug());
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/workspaces/" + w.slug());
        href(links, "avatar", web + "/workspaces/" + w.slug() + "/avatar/");
        return o;
    }

    ObjectNode fullWorkspace(CloudWorkspace w) {
        ObjectNode o = workspace(w);
        o.put("is_private", true);
        o.put("is_privacy_enforced", false);
        o.put("forking_mode", "allow_forks");
        o.put("created_on", "2018-01-01T00:00:00.000000+00:00");
        o.put("updated_on", "2018-01-01T00:00:00.000000+00:00");
        return o;
    }

    private ObjectNode team(CloudWorkspace w) {
        ObjectNode o = F.objectNode();
        o.put("display_name", w.name());
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/workspaces/" + w.uuid());
        href(links, "avatar", web + "/workspaces/" + w.slug() + "/avatar/");
        href(links, "html", web + "/" + w.uuid() + "/");
        o.put("type", "team");
        o.put("uuid", w.uuid());
        o.put("username", w.slug());
        return o;
    }

    ObjectNode user(CloudUser u, boolean withEmail) {
        ObjectNode o = F.objectNode();
        o.put("display_name", u.displayName());
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/users/" + u.uuid());
        href(links, "avatar", "https://secure.gravatar.com/avatar/" + Math.abs(u.uuid().hashCode()));
        href(links, "html", web + "/" + u.uuid() + "/");
        o.put("type", "user");
        o.put("uuid", u.uuid());
        o.put("account_id", u.accountId());
        o.put("nickname", u.nickname());
        if (withEmail) {
            o.put("email", u.email());
        }
        return o;
    }

    /**
     * A commit as {@code commits/{revision}} lists it: {@code author.raw} always, {@code author.user} only when
     * Bitbucket matched the author to an account.
     */
    ObjectNode commit(CloudRepo r, CommitHistories.SimCommit c) {
        ObjectNode o = F.objectNode();
        o.put("type", "commit");
        o.put("hash", c.hash());
        o.put("date", Timestamps.commit(c.date()));
        ObjectNode author = o.putObject("author");
        author.put("type", "author");
        author.put("raw", c.author().raw());
        if (c.author().user() instanceof CloudUser u) {
            author.set("user", user(u, false));
        }
        o.put("message", "Change " + c.hash().substring(0, 7) + "\n");
        o.putObject("summary").put("raw", "Change " + c.hash().substring(0, 7)).put("markup", "markdown");
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/repositories/" + r.fullName() + "/commit/" + c.hash());
        href(links, "html", web + "/" + r.fullName() + "/commits/" + c.hash());
        o.putArray("parents");
        return o;
    }

    ObjectNode currentUser(CloudUser u) {
        ObjectNode o = user(u, false);
        href((ObjectNode) o.get("links"), "repositories", api + "/repositories/" + u.uuid());
        o.put("account_status", "active");
        o.put("created_on", Timestamps.cloud(u.createdOn()));
        o.put("has_2fa_enabled", false);
        o.put("is_staff", false);
        return o;
    }

    ObjectNode membership(CloudUser u, CloudWorkspace w, boolean withEmail) {
        ObjectNode o = F.objectNode();
        o.put("type", "workspace_membership");
        ObjectNode links = o.putObject("links");
        href(links, "self", api + "/workspaces/" + w.slug() + "/members/" + u.uuid());
        o.set("user", user(u, withEmail));
        o.set("workspace", workspace(w));
        return o;
    }

    ObjectNode workspaceAccess(CloudWorkspace w, boolean administrator) {
        ObjectNode o = F.objectNode();
        o.put("type", "workspace_access");
        o.put("administrator", administrator);
        o.set("workspace", workspaceBase(w));
        return o;
    }

    static ObjectNode error(String message, String detail) {
        ObjectNode o = F.objectNode();
        o.put("type", "error");
        ObjectNode e = o.putObject("error");
        e.put("message", message);
        if (detail != null) {
            e.put("detail", detail);
        }
        return o;
    }

    private static void href(ObjectNode links, String name, String href) {
        links.putObject(name).put("href", href);
    }
}
