package dev.bbinv.sink.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;

/** Pure: the query string of {@code GET /repositories} as a {@link RepositoryQuery}, or a 400 saying what is allowed. */
public final class RepositoryQueryParser {
    public static final Set<String> PARAMETERS = Set.of("language", "owner", "application", "lifecycle", "category",
            "visibility", "profile", "removed", "name", "limit", "offset", "sort", "scope", "archived", "created",
            "freshness", "class", "developer", "tag", "label", "after", "before");
    /** The filters alone, without order and page: what facet counts and the download take. */
    public static final Set<String> FILTERS = Set.of("language", "owner", "application", "lifecycle", "category",
            "visibility", "profile", "removed", "name", "scope", "archived", "created", "freshness", "class",
            "developer", "tag", "label");
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static RepositoryQuery parse(String rawQuery) {
        return fromParameters(QueryParameters.parse(rawQuery, PARAMETERS));
    }

    /** The query of already-checked parameters; those absent take their defaults. */
    public static RepositoryQuery fromParameters(QueryParameters p) {
        String visibility = p.get("visibility");
        if (visibility != null) {
            visibility = visibility.toUpperCase(Locale.ROOT);
            if (!visibility.equals("PUBLIC") && !visibility.equals("PRIVATE")) {
                throw new BadRequestException("parameter 'visibility' must be public or private, got '"
                        + QueryParameters.printable(p.get("visibility")) + "'");
            }
        }
        String sort = p.get("sort") == null ? "name" : p.get("sort");
        boolean descending = sort.startsWith("-");
        String column = descending ? sort.substring(1) : sort;
        RepositorySort by = Arrays.stream(RepositorySort.values())
                .filter(s -> sortName(s).equals(column))
                .findFirst()
                .orElseThrow(() -> new BadRequestException("parameter 'sort' must be one of "
                        + Arrays.stream(RepositorySort.values()).map(RepositoryQueryParser::sortName)
                                .collect(Collectors.joining(", "))
                        + ", optionally prefixed with - for descending; got '" + QueryParameters.printable(sort) + "'"));
        return new RepositoryQuery(p.get("language"), p.get("owner"), p.get("application"), p.get("lifecycle"),
                p.get("category"), visibility, p.get("profile"), p.removed(RemovedFilter.PRESENT_ONLY), p.get("name"),
                by, descending, p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                p.integer("offset", 0, 0, Integer.MAX_VALUE), p.get("after"), p.get("scope"), archived(p.get("archived")),
                year(p.get("created")), freshness(p.get("freshness")), assetClass(p.get("class")),
                p.get("developer"), tag(p.get("tag")), p.get("label"), before(p));
    }

    /** The id a page ends before; {@code after} and {@code before} together name no page. */
    static String before(QueryParameters p) {
        if (p.get("after") != null && p.get("before") != null) {
            throw new BadRequestException("parameters 'after' and 'before' cannot be given together");
        }
        return p.get("before");
    }

    private static String freshness(String value) {
        if (value == null) {
            return null;
        }
        String symbol = FreshnessWords.symbol(value);
        if (symbol == null) {
            throw new BadRequestException("parameter 'freshness' must be Active, Inactive, Dormant or N/A, got '"
                    + QueryParameters.printable(value) + "'");
        }
        return symbol;
    }

    private static String assetClass(String value) {
        if (value != null && !value.strip().toUpperCase(Locale.ROOT).matches("[ABCD]")) {
            throw new BadRequestException("parameter 'class' must be A, B, C or D, got '"
                    + QueryParameters.printable(value) + "'");
        }
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    private static String tag(String value) {
        if (value != null && value.indexOf(':') <= 0) {
            throw new BadRequestException("parameter 'tag' must be key:value with a non-empty key, got '"
                    + QueryParameters.printable(value) + "'");
        }
        return value;
    }

    private static String year(String value) {
        if (value != null && !value.matches("[0-9]{4}")) {
            throw new BadRequestException("parameter 'created' must be a year such as 2024, got '"
                    + QueryParameters.printable(value) + "'");
        }
        return value;
    }

    private static Boolean archived(String value) {
        if (value == null) {
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new BadRequestException("parameter 'archived' must be true or false, got '"
                        + QueryParameters.printable(value) + "'");
        }
    }

    static String sortName(RepositorySort s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private RepositoryQueryParser() {}
}
