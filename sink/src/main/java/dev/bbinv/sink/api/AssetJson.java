package dev.bbinv.sink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.Timestamps;
import dev.bbinv.sink.db.UserRecord;

/** Pure: the one JSON shape of a repository and of a user, shared by the query API and the export. */
public final class AssetJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static ObjectNode repository(RepositoryRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("type", "repository");
        o.put("name", r.name());
        o.put("slug", r.slug());
        o.put("fullName", r.fullName());
        ObjectNode source = o.putObject("source");
        source.put("serviceType", r.serviceType());
        source.put("baseUrl", r.baseUrl());
        source.put("scopeKey", r.scopeKey());
        source.put("scopeName", r.scopeName());
        source.put("projectKey", r.projectKey());
        source.put("projectName", r.projectName());
        o.put("browseUrl", r.browseUrl());
        ArrayNode clones = o.putArray("cloneUrls");
        r.cloneUrls().forEach(u -> clones.addObject().put("name", u.name()).put("href", u.href()));
        o.put("defaultBranch", r.defaultBranch());
        o.put("visibility", r.visibility());
        o.put("archived", r.archived());
        o.put("description", r.description());
        o.put("createdAt", Timestamps.format(r.createdAt()));
        o.put("updatedAt", Timestamps.format(r.updatedAt()));
        ArrayNode languages = o.putArray("languages");
        r.languages().forEach(l -> languages.addObject().put("name", l.name()).put("raw", l.raw())
                .put("source", l.source()).put("recognised", l.recognised()));
        RepositoryRecord.AppContext a = r.appContext();
        if (a == null) {
            o.putNull("appContext");
        } else {
            ObjectNode ctx = o.putObject("appContext");
            ctx.put("catalogName", a.catalogName());
            ctx.put("title", a.title());
            ctx.put("category", a.category());
            ctx.put("lifecycle", a.lifecycle());
            ctx.put("owner", a.owner());
            ctx.put("application", a.application());
            ObjectNode provenance = ctx.putObject("provenance");
            provenance.put("filePath", a.filePath());
            provenance.put("commit", a.commit());
            provenance.put("error", a.error());
        }
        strings(o.putArray("profiles"), r.profiles());
        o.put("removed", r.removed());
        strings(o.putArray("removedReasons"), r.removedReasons());
        o.put("removedAt", Timestamps.format(r.removedAt()));
        o.put("firstSeen", Timestamps.format(r.firstSeen()));
        o.put("lastSeen", Timestamps.format(r.lastSeen()));
        o.put("version", r.version());
        attributes(o, r.attributes());
        return o;
    }

    private static void attributes(ObjectNode o, RepositoryRecord.Attributes a) {
        o.put("lastCommitAt", Timestamps.format(a.lastCommitAt()));
        o.put("freshness", FreshnessWords.word(a.freshness()));
        ArrayNode developers = o.putArray("developers");
        a.developers().forEach(d -> developers.addObject().put("username", d.username())
                .put("displayName", d.displayName()).put("email", d.email()).put("url", d.url())
                .put("userAssetId", d.userAssetId()).put("discoveredBy", d.discoveredBy())
                .put("commitCount", d.commitCount()).put("lastCommitAt", Timestamps.format(d.lastCommitAt())));
        o.put("class", a.assetClass());
        o.put("classLocked", a.classLocked());
        o.put("classSource", a.classSource());
        ArrayNode tags = o.putArray("tags");
        a.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()).put("source", t.source()));
        ArrayNode labels = o.putArray("labels");
        a.labels().forEach(l -> labels.addObject().put("name", l.name()).put("source", l.source()));
    }

    public static ObjectNode user(UserRecord u) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", u.id());
        o.put("type", "user");
        o.put("serviceType", u.serviceType());
        o.put("baseUrl", u.baseUrl());
        o.put("accountId", u.accountId());
        o.put("username", u.username());
        o.put("displayName", u.displayName());
        o.put("email", u.email());
        o.put("active", u.active());
        o.put("userType", u.userType());
        strings(o.putArray("scopes"), u.scopes());
        strings(o.putArray("profiles"), u.profiles());
        o.put("removed", u.removed());
        strings(o.putArray("removedReasons"), u.removedReasons());
        o.put("removedAt", Timestamps.format(u.removedAt()));
        o.put("firstSeen", Timestamps.format(u.firstSeen()));
        o.put("lastSeen", Timestamps.format(u.lastSeen()));
        o.put("version", u.version());
        return o;
    }

    private static void strings(ArrayNode array, java.util.List<String> values) {
        values.forEach(array::add);
    }

    private AssetJson() {}
}
