package dev.bbinv.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bbinv.sink.api.AssetJson;
import dev.bbinv.sink.api.FreshnessWords;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.db.Timestamps;
import dev.bbinv.sink.db.UserQuery;
import dev.bbinv.sink.db.UserRecord;

/**
 * {@code bbinv export}: writes the inventory as JSON lines (the API's shape) or CSV, one asset per line, ordered
 * by id so two exports diff cleanly. Removed assets are left out unless asked for.
 */
public final class Exporter {
    private static final int PAGE = 500;
    static final List<String> REPOSITORY_COLUMNS = List.of("id", "name", "full_name", "service_type", "base_url",
            "scope_key", "project_key", "visibility", "archived", "default_branch", "browse_url", "languages",
            "owner", "application", "lifecycle", "category", "catalog_name", "catalog_file", "catalog_commit",
            "catalog_error", "profiles", "removed", "removed_reasons", "removed_at", "first_seen", "last_seen", "version",
            "last_commit_at", "freshness", "developers", "class", "class_locked", "class_source", "tags", "labels");
    static final List<String> USER_COLUMNS = List.of("id", "service_type", "base_url", "account_id", "username",
            "display_name", "email", "active", "user_type", "scopes", "profiles", "removed", "removed_reasons",
            "removed_at", "first_seen", "last_seen", "version");

    /** What to export. */
    public enum Type {
        REPOSITORIES, USERS;

        public static Type parse(String value) {
            return parseEnum(Type.class, "--type", value);
        }
    }

    /** How to write it. */
    public enum Format {
        JSONL, CSV;

        public static Format parse(String value) {
            return parseEnum(Format.class, "--format", value);
        }
    }

    /** {@code bbinv export [--type repositories|users] [--format jsonl|csv] [--include-removed]}. */
    public record Options(Type type, Format format, boolean includeRemoved) {
        public static Options defaults() {
            return new Options(Type.REPOSITORIES, Format.JSONL, false);
        }
    }

    private final InventoryReader reader;

    public Exporter(Database db) {
        this(new InventoryReader(db));
    }

    public Exporter(InventoryReader reader) {
        this.reader = reader;
    }

    /** Writes every matching asset to {@code out} (not closed) and returns how many. */
    public long export(Options options, OutputStream out) {
        RemovedFilter removed = options.includeRemoved() ? RemovedFilter.ANY : RemovedFilter.PRESENT_ONLY;
        if (options.type() == Type.REPOSITORIES) {
            return exportRepositories(new RepositoryQuery(null, null, null, null, null, null, null, removed, null,
                    RepositorySort.ID, false, PAGE, 0, null), options.format(), out);
        }
        return exportUsers(new UserQuery(null, removed, null, PAGE, 0, null), options.format(), out);
    }

    /** Writes every user matching {@code filter}'s filters, by id (its order and page are ignored); returns how many. */
    public long exportUsers(UserQuery filter, Format format, OutputStream out) {
        return writePages(out, format == Format.CSV ? USER_COLUMNS : null,
                after -> reader.usersById(filter, after, PAGE), UserRecord::id,
                u -> format == Format.CSV ? csv(userRow(u)) : json(AssetJson.user(u)));
    }

    /**
     * Writes every repository matching {@code filter}'s filters (its order and page are ignored: the export walks
     * the matches by id, a page at a time) to {@code out} (not closed) and returns how many.
     */
    public long exportRepositories(RepositoryQuery filter, Format format, OutputStream out) {
        return writePages(out, format == Format.CSV ? REPOSITORY_COLUMNS : null,
                after -> reader.repositoriesById(filter, after, PAGE), RepositoryRecord::id,
                r -> format == Format.CSV ? csv(repositoryRow(r)) : json(AssetJson.repository(r)));
    }

    /**
     * Walks the matches by id, {@code PAGE} at a time (keyset paging: each page starts after the last id of the one
     * before, and none is counted), writing one line per asset after the CSV header when there is one; only one page
     * is held at a time. Returns how many.
     */
    private <T> long writePages(OutputStream out, List<String> header, Function<String, List<T>> pageAfter,
            Function<T, String> id, Function<T, String> line) {
        Writer w = writer(out);
        long count = 0;
        try {
            if (header != null) {
                line(w, header);
            }
            String after = null;
            while (true) {
                List<T> page = pageAfter.apply(after);
                for (T item : page) {
                    w.write(line.apply(item));
                    w.write('\n');
                }
                count += page.size();
                if (page.size() < PAGE) {
                    break;
                }
                after = id.apply(page.get(page.size() - 1));
            }
            w.flush();
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export failed", e);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    static List<String> repositoryRow(RepositoryRecord r) {
        RepositoryRecord.AppContext a = r.appContext();
        return Arrays.asList(r.id(), r.name(), r.fullName(), r.serviceType(), r.baseUrl(), r.scopeKey(),
                r.projectKey(), r.visibility(), String.valueOf(r.archived()), r.defaultBranch(), r.browseUrl(),
                r.languages().stream().map(RepositoryRecord.Language::name).collect(Collectors.joining(";")),
                a == null ? null : a.owner(), a == null ? null : a.application(), a == null ? null : a.lifecycle(),
                a == null ? null : a.category(), a == null ? null : a.catalogName(), a == null ? null : a.filePath(),
                a == null ? null : a.commit(), a == null ? null : a.error(), String.join(";", r.profiles()),
                String.valueOf(r.removed()), String.join(";", r.removedReasons()), Timestamps.format(r.removedAt()),
                Timestamps.format(r.firstSeen()), Timestamps.format(r.lastSeen()), String.valueOf(r.version()),
                Timestamps.format(r.attributes().lastCommitAt()), FreshnessWords.word(r.attributes().freshness()),
                r.attributes().developers().stream().map(Exporter::developerName).collect(Collectors.joining(";")),
                r.attributes().assetClass(), String.valueOf(r.attributes().classLocked()),
                r.attributes().classSource(),
                r.attributes().tags().stream().map(t -> t.key() + ":" + t.value()).collect(Collectors.joining(";")),
                r.attributes().labels().stream().map(RepositoryRecord.Label::name).collect(Collectors.joining(";")));
    }

    /** A developer in one cell: the Bitbucket username, else the commit's email, else its author name. */
    static String developerName(RepositoryRecord.Developer d) {
        if (d.username() != null) {
            return d.username();
        }
        return d.email() != null ? d.email() : d.displayName();
    }

    static List<String> userRow(UserRecord u) {
        return Arrays.asList(u.id(), u.serviceType(), u.baseUrl(), u.accountId(), u.username(), u.displayName(),
                u.email(), u.active() == null ? null : String.valueOf(u.active()), u.userType(),
                String.join(";", u.scopes()), String.join(";", u.profiles()), String.valueOf(u.removed()),
                String.join(";", u.removedReasons()), Timestamps.format(u.removedAt()), Timestamps.format(u.firstSeen()),
                Timestamps.format(u.lastSeen()), String.valueOf(u.version()));
    }

    /**
     * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. A field a
     * spreadsheet would run as a formula (starting with = + - @, tab or carriage return; repository names and catalog
     * values come from Bitbucket users) gets a leading apostrophe, as OWASP advises for CSV injection.
     */
    static String csv(List<String> fields) {
        return fields.stream().map(Exporter::csvField).collect(Collectors.joining(","));
    }

    private static String csvField(String raw) {
        if (raw == null) {
            return "";
        }
        String f = !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
            return "\"" + f.replace("\"", "\"\"") + "\"";
        }
        return f;
    }

    private static void line(Writer w, List<String> fields) throws IOException {
        w.write(csv(fields));
        w.write('\n');
    }

    private static String json(Object node) {
        try {
            return AssetJson.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
