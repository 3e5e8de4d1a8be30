package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.estate.CommitHistories;
import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.estate.ServerUser;

import java.net.URI;
import java.util.Locale;

/** Renders estate objects as Bitbucket Data Center REST 1.0 JSON (RestProject, RestRepository, ...); pure. */
final class ServerJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final String base;
    private final String sshBase;
    private final boolean defaultBranchField;

    ServerJson(String base, String version) {
        this.base = base;
        this.sshBase = "ssh://git@" + URI.create(base).getHost() + ":7999";
        this.defaultBranchField = major(version) >= 9;
    }

    ObjectNode project(ServerProject p, ServerUser owner) {
        ObjectNode o = F.objectNode();
        o.put("key", p.key());
        o.put("id", p.id());
        o.put("name", p.name());
        if (p.description() != null) {
            o.put("description", p.description());
        }
        o.put("public", p.isPublic());
        o.put("type", p.personal() ? "PERSONAL" : "NORMAL");
        if (p.personal() && owner != null) {
            o.set("owner", user(owner));
        }
        ObjectNode links = o.putObject("links");
        links.putArray("self").addObject().put("href", p.personal() ? base + "/users/" + p.ownerSlug()
                : base + "/projects/" + p.key());
        return o;
    }

    ObjectNode repository(ServerRepo r, ServerProject p, ServerUser owner) {
        ObjectNode o = F.objectNode();
        o.put("slug", r.slug());
        o.put("id", r.id());
        o.put("name", r.name());
        if (!r.description().isEmpty()) {
            o.put("description", r.description());
        }
        o.put("hierarchyId", r.hierarchyId());
        o.put("scmId", "git");
        o.put("state", "AVAILABLE");
        o.put("statusMessage", "Available");
        o.put("forkable", r.forkable());
        if (defaultBranchField && r.defaultBranch() != null) {
            o.put("defaultBranch", r.defaultBranch());
        }
        o.set("project", project(p, owner));
        o.put("public", r.isPublic());
        o.put("archived", r.archived());
        ObjectNode links = o.putObject("links");
        ArrayNode clone = links.putArray("clone");
        String scmPath = p.key().toLowerCase(Locale.ROOT) + "/" + r.slug() + ".git";
        clone.addObject().put("href", base + "/scm/" + scmPath).put("name", "http");
        clone.addObject().put("href", sshBase + "/" + scmPath).put("name", "ssh");
        String browse = p.personal() ? base + "/users/" + p.ownerSlug() + "/repos/" + r.slug() + "/browse"
                : base + "/projects/" + p.key() + "/repos/" + r.slug() + "/browse";
        links.putArray("self").addObject().put("href", browse);
        return o;
    }

    ObjectNode user(ServerUser u) {
        ObjectNode o = F.objectNode();
        o.put("name", u.name());
        if (!u.service()) {
            o.put("emailAddress", u.emailAddress());
        }
        o.put("active", u.active());
        o.put("displayName", u.displayName());
        o.put("id", u.id());
        o.put("slug", u.slug());
        o.put("type", u.service() ? "SERVICE" : "NORMAL");
        o.putObject("links").putArray("self").addObject().put("href", base + "/users/" + u.slug());
        return o;
    }

    /**
     * A RestCommit: {@code author} is the linked user (RestApplicationUser) when Bitbucket matched one, else a
     * RestPerson (name and email only); timestamps in epoch milliseconds.
     */
    ObjectNode commit(CommitHistories.SimCommit c) {
        ObjectNode o = F.objectNode();
        o.put("id", c.hash());
        o.put("displayId", c.hash().substring(0, 11));
        ObjectNode author = c.author().user() instanceof ServerUser u ? user(u)
                : F.objectNode().put("name", c.author().name()).put("emailAddress", c.author().email());
        o.set("author", author);
        long millis = c.date().toEpochMilli() / 1000 * 1000;
        o.put("authorTimestamp", millis);
        o.set("committer", author.deepCopy());
        o.put("committerTimestamp", millis);
        o.put("message", "Change " + c.hash().substring(0, 7));
        o.putArray("parents");
        return o;
    }

    ObjectNode detailedUser(ServerUser u) {
        ObjectNode o = user(u);
        o.put("directoryName", "Bitbucket Internal Directory");
        o.put("deletable", true);
        if (u.lastAuthenticationTimestamp() > 0) {
            o.put("lastAuthenticationTimestamp", u.lastAuthenticationTimestamp());
        }
        o.put("mutableDetails", true);
        o.put("mutableGroups", true);
        return o;
    }

    /** A RestMinimalRef of a branch: {@code id} refs/heads/..., {@code displayId} its name, {@code type} BRANCH. */
    ObjectNode minimalRef(String branch) {
        ObjectNode o = F.objectNode();
        o.put("id", "refs/heads/" + branch);
        o.put("displayId", branch);
        o.put("type", "BRANCH");
        return o;
    }

    ObjectNode applicationProperties(String version) {
        ObjectNode o = F.objectNode();
        o.put("version", version);
        o.put("buildNumber", String.valueOf(major(version) * 1_000_000 + 2000));
        o.put("buildDate", "1717000000000");
        o.put("displayName", "Bitbucket");
        return o;
    }

    static ObjectNode errors(String context, String message, String exceptionName) {
        ObjectNode o = F.objectNode();
        ObjectNode e = o.putArray("errors").addObject();
        if (context == null) {
            e.putNull("context");
        } else {
            e.put("context", context);
        }
        e.put("message", message);
        if (exceptionName == null) {
            e.putNull("exceptionName");
        } else {
            e.put("exceptionName", exceptionName);
        }
        return o;
    }

    static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server version must start with a number, got " + version, e);
        }
    }
}
