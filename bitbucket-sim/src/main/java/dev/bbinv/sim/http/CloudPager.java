package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.fault.Fault;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a Cloud listing in the envelope {@code values, pagelen, size, page, next, previous}, {@code fields}
 * applied, with the envelope faults (skips, duplicates, size omitted or inflated, missing or foreign {@code next}).
 */
final class CloudPager {
    static final int DEFAULT_PAGELEN = 10;
    static final int MAX_PAGELEN = 100;

    private final HttpSettings settings;

    CloudPager(HttpSettings settings) {
        this.settings = settings;
    }

    /** Page {@code page} of {@code items}, a listing that never serves the duplicates fault. */
    <T> SimResponse page(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render) {
        return page(req, page, items, render, false);
    }

    /** Page {@code page} of {@code items}; an armed duplicates fault repeats the previous page's last item. */
    <T> SimResponse pageServingDuplicates(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render) {
        return page(req, page, items, render, true);
    }

    private <T> SimResponse page(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render,
                                 boolean servesDuplicates) {
        int pagelen = Math.min(req.intParam("pagelen", DEFAULT_PAGELEN), MAX_PAGELEN);
        if (pagelen < 1) {
            throw new BadRequest("pagelen", "Invalid pagelen: must be between 1 and " + MAX_PAGELEN);
        }
        if (page < 1) {
            throw new BadRequest("page", "Invalid page: " + page);
        }
        int size = items.size();
        long fromLong = (long) (page - 1) * pagelen;
        int from = (int) Math.min(fromLong, size);
        int to = (int) Math.min(fromLong + pagelen, size);
        Dialect d = Dialect.CLOUD;
        // A duplicate across pages: this page also repeats the previous page's last item. Taken only where there is
        // one, so a fault aimed at no page is not used up by page 1.
        boolean duplicate = servesDuplicates && from > 0
                && settings.faults().takeOne(d, req.path(), page, Fault.Kind.DUPLICATES) != null;
        int firstShown = duplicate ? from - 1 : from;
        // A skip: the page leaves out its first item (size still counts it).
        if (from < to && settings.faults().takeOne(d, req.path(), page, Fault.Kind.SKIPS) != null) {
            firstShown = from + 1;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode env = f.objectNode();
        ArrayNode values = env.putArray("values");
        for (int i = firstShown; i < to; i++) {
            values.add(render.apply(items.get(i)));
        }
        env.put("pagelen", pagelen);
        // size is optional in Cloud's envelope, and an estimate may claim more than the listing serves.
        if (settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_OMITTED) == null) {
            Fault inflated = settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_INFLATED);
            env.put("size", size + (inflated == null ? 0 : inflated.extra()));
        }
        env.put("page", page);
        boolean hasNext = to < size;
        if (hasNext && settings.faults().takeOne(d, req.path(), page, Fault.Kind.MISSING_NEXT) == null) {
            String next = pageUrl(settings.cloudApiBase(), req, page + 1);
            Fault foreign = settings.faults().takeOne(d, req.path(), page, Fault.Kind.FOREIGN_NEXT);
            if (foreign != null) {
                next = next.replaceFirst("^(https?://)[^/]+", "$1" + foreign.host());
            }
            env.put("next", next);
        }
        if (page > 1) {
            env.put("previous", pageUrl(settings.cloudApiBase(), req, page - 1));
        }
        JsonNode body = FieldsFilter.apply(env, req.param("fields"));
        return SimResponse.json(200, body);
    }

    /** The absolute URL of {@code page} of the same request: its query kept, only {@code page} replaced. */
    static String pageUrl(String cloudApiBase, SimRequest req, int page) {
        StringBuilder q = new StringBuilder();
        if (!req.rawQuery().isEmpty()) {
            for (String pair : req.rawQuery().split("&")) {
                if (!pair.isEmpty() && !pair.equals("page") && !pair.startsWith("page=")) {
                    q.append(pair).append('&');
                }
            }
        }
        q.append("page=").append(page);
        return cloudApiBase.substring(0, cloudApiBase.length() - "/2.0".length()) + req.path() + "?" + q;
    }
}
