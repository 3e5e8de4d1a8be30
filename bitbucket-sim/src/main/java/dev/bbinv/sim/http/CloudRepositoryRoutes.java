package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Cloud's repositories: a workspace's listing ({@code q}, {@code sort}, paging) and one repository. */
final class CloudRepositoryRoutes {
    private final CloudJson json;
    private final CloudPager pager;

    CloudRepositoryRoutes(CloudJson json, CloudPager pager) {
        this.json = json;
        this.pager = pager;
    }

    /** {@code GET /repositories/{workspace}}. */
    SimResponse list(SimRequest req, CloudWorkspace w, int page) {
        List<CloudRepo> candidates = select(w.snapshot(), CloudQuery.parse(req.param("q")), req.param("sort"));
        return pager.pageServingDuplicates(req, page, candidates, r -> json.repository(r, w));
    }

    /** {@code GET /repositories/{workspace}/{repo_slug}}. */
    SimResponse one(SimRequest req, CloudWorkspace w, CloudRepo r) {
        return SimResponse.json(200, FieldsFilter.apply(json.repository(r, w), req.param("fields")));
    }

    /** Plans a listing: the updated_on index answers sort=±updated_on with range conditions in O(log n). */
    static List<CloudRepo> select(CloudWorkspace.Snapshot s, CloudQuery query, String sortParam) {
        List<CloudQuery.Condition> residual = new ArrayList<>(query.conditions());
        List<CloudRepo> candidates;
        String sort = sortParam == null ? "" : sortParam.trim();
        if (sort.isEmpty()) {
            candidates = Arrays.asList(s.byCreation());
        } else if (sort.equals("updated_on") || sort.equals("-updated_on")) {
            CloudRepo[] byUpdated = s.byUpdated();
            int lo = 0;
            int hi = byUpdated.length;
            for (CloudQuery.Condition c : List.copyOf(residual)) {
                if (!CloudQuery.isUpdatedOnRange(c)) {
                    continue;
                }
                Instant bound = Timestamps.parse(c.value());
                switch (c.op()) {
                    case ">" -> lo = Math.max(lo, firstIndex(byUpdated, r -> r.updatedOn().isAfter(bound)));
                    case ">=" -> lo = Math.max(lo, firstIndex(byUpdated, r -> !r.updatedOn().isBefore(bound)));
                    case "<" -> hi = Math.min(hi, firstIndex(byUpdated, r -> !r.updatedOn().isBefore(bound)));
                    default -> hi = Math.min(hi, firstIndex(byUpdated, r -> r.updatedOn().isAfter(bound)));
                }
                residual.remove(c);
            }
            List<CloudRepo> range = Arrays.asList(byUpdated).subList(lo, Math.max(lo, hi));
            candidates = sort.startsWith("-") ? reversed(range) : range;
        } else {
            boolean descending = sort.startsWith("-");
            String field = descending ? sort.substring(1) : sort;
            Comparator<CloudRepo> order = switch (field) {
                case "created_on" -> Comparator.comparing(CloudRepo::createdOn);
                case "name" -> Comparator.comparing(CloudRepo::name);
                case "slug" -> Comparator.comparing(CloudRepo::slug);
                case "full_name" -> Comparator.comparing(CloudRepo::fullName);
                case "size" -> Comparator.comparingLong(CloudRepo::size);
                default -> throw new BadRequest("sort", "Invalid sort field: " + field);
            };
            List<CloudRepo> sorted = new ArrayList<>(Arrays.asList(s.byCreation()));
            sorted.sort(descending ? order.reversed() : order);
            candidates = sorted;
        }
        if (residual.isEmpty()) {
            return candidates;
        }
        Predicate<CloudRepo> all = r -> true;
        for (CloudQuery.Condition c : residual) {
            all = all.and(CloudQuery.predicate(c));
        }
        return candidates.stream().filter(all).toList();
    }

    private static int firstIndex(CloudRepo[] sorted, Predicate<CloudRepo> monotone) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (monotone.test(sorted[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static <T> List<T> reversed(List<T> list) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return list.get(list.size() - 1 - index);
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }
}
