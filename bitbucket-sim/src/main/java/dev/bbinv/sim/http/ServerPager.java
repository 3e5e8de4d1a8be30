package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.fault.Fault;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a Data Center listing in the envelope {@code size, limit, isLastPage, values, start, nextPageStart},
 * with the envelope faults (duplicates, skips, inflated size, missing {@code nextPageStart}).
 */
final class ServerPager {
    static final int DEFAULT_LIMIT = 25;

    private final HttpSettings settings;

    ServerPager(HttpSettings settings) {
        this.settings = settings;
    }

    /** The answered page size: the requested limit (default 25) capped by the server. */
    int limit(SimRequest req) {
        int limit = req.intParam("limit", DEFAULT_LIMIT);
        if (limit < 1) {
            throw new BadRequest("limit", "limit must be a positive number");
        }
        return Math.min(limit, settings.serverLimitCap());
    }

    /** The 1-based page a request asks for, used to aim faults. */
    int pageOf(SimRequest req) {
        int start = Math.max(0, req.intParam("start", 0));
        return start / settings.serverStartStride() / limit(req) + 1;
    }

    /**
     * One DC page. Positions are encoded as {@code index * stride} in {@code start}/{@code nextPageStart}, so a
     * client that computes start+size instead of following nextPageStart re-reads or skips items.
     */
    <T> SimResponse page(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render) {
        int limit = limit(req);
        int start = req.intParam("start", 0);
        if (start < 0) {
            throw new BadRequest("start", "start must not be negative");
        }
        int stride = settings.serverStartStride();
        int from = Math.min(start / stride, items.size());
        int to = (int) Math.min((long) from + limit, items.size());
        Dialect d = Dialect.SERVER;
        boolean duplicate = from > 0 && settings.faults().takeOne(d, req.path(), page, Fault.Kind.DUPLICATES) != null;
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        boolean skip = from < to && settings.faults().takeOne(d, req.path(), page, Fault.Kind.SKIPS) != null;
        for (int i = duplicate ? from - 1 : skip ? from + 1 : from; i < to; i++) {
            values.add(render.apply(items.get(i)));
        }
        Fault inflated = settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_INFLATED);
        env.put("size", values.size() + (inflated == null ? 0 : inflated.extra()));
        env.put("limit", limit);
        boolean last = to >= items.size();
        // Injected fault: "isLastPage": false without "nextPageStart"; the client cannot continue.
        boolean dropNext = !last && settings.faults().takeOne(d, req.path(), page, Fault.Kind.MISSING_NEXT) != null;
        env.put("isLastPage", last);
        env.set("values", values);
        env.put("start", start);
        if (!last && !dropNext) {
            env.put("nextPageStart", to * stride);
        }
        return SimResponse.json(200, env);
    }
}
