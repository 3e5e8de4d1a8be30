package dev.bbinv.enricher.catalog;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;

/**
 * Turns a raw Backstage catalog file event into the app context of its repository. Pure. An absent file means no
 * app context; a file that cannot be used (too large, unreadable, not YAML, over a limit, no entity, a non-text
 * attribute) gives an app context whose {@code error} says why, so the asset stays and a user can see the reason.
 */
public final class CatalogParser {
    private static final int MAX_ERROR_CHARS = 300;

    private static final ThreadLocal<ReusableYaml> YAML = ThreadLocal.withInitial(ReusableYaml::new);

    private CatalogParser() {}

    /** The app context for {@code event}; empty when the file is absent. */
    public static Optional<AppContext> parse(RawCatalogFileEvent event, CatalogLimits limits) {
        return switch (event.getStatus()) {
            case ABSENT -> Optional.empty();
            case TOO_LARGE -> Optional.of(error(event, "catalog file is larger than the connector may fetch"
                    + (event.getSizeBytes() == null ? "" : " (" + event.getSizeBytes() + " bytes)")));
            // The connector puts Bitbucket's answer (e.g. "... answered 403: ...") in content for an unreadable file.
            case UNREADABLE -> Optional.of(error(event, "catalog file could not be read from Bitbucket"
                    + (event.getContent() == null || event.getContent().isBlank() ? "" : ": " + event.getContent())));
            case FOUND -> Optional.of(parseFound(event, limits));
        };
    }

    private static AppContext parseFound(RawCatalogFileEvent event, CatalogLimits limits) {
        String content = event.getContent();
        if (content == null) {
            return error(event, "catalog file was reported found but has no content");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxBytes()) {
            return error(event, "catalog file is " + bytes + " bytes, more than the limit of " + limits.maxBytes());
        }
        Map<CatalogAttribute, AttributePath> paths;
        try {
            paths = paths(event.getAttributeKeys());
        } catch (IllegalArgumentException e) {
            return error(event, "attribute key override is invalid: " + e.getMessage());
        }
        Map<?, ?> entity;
        try {
            entity = pickEntity(loadDocuments(content, limits));
        } catch (CatalogException e) {
            return error(event, e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML reports syntax errors and every exceeded limit as runtime exceptions with a position.
            return error(event, "catalog file is not valid YAML: " + oneLine(e.getMessage()));
        }
        AppContext.Builder context = AppContext.newBuilder()
                .setFilePath(event.getPath())
                .setCommit(event.getCommit());
        Map<CatalogAttribute, String> values = new EnumMap<>(CatalogAttribute.class);
        for (Map.Entry<CatalogAttribute, AttributePath> e : paths.entrySet()) {
            Object value = e.getValue().lookup(entity);
            if (value instanceof Map || value instanceof List || value instanceof byte[]) {
                return error(event, e.getValue() + " (" + e.getKey().overrideName() + ") is a "
                        + (value instanceof Map ? "mapping" : value instanceof List ? "list" : "binary value")
                        + ", not text");
            }
            values.put(e.getKey(), text(value));
        }
        return context
                .setCatalogName(values.get(CatalogAttribute.CATALOG_NAME))
                .setTitle(values.get(CatalogAttribute.TITLE))
                .setCategory(values.get(CatalogAttribute.CATEGORY))
                .setLifecycle(values.get(CatalogAttribute.LIFECYCLE))
                .setOwner(values.get(CatalogAttribute.OWNER))
                .setApplication(values.get(CatalogAttribute.APPLICATION))
                .build();
    }

    /** The path of every attribute: the profile's override where it gives one, else the default. */
    static Map<CatalogAttribute, AttributePath> paths(Map<String, String> overrides) {
        Map<CatalogAttribute, AttributePath> paths = new EnumMap<>(CatalogAttribute.class);
        for (CatalogAttribute attribute : CatalogAttribute.values()) {
            String override = overrides == null ? null : overrides.get(attribute.overrideName());
            paths.put(attribute, override == null || override.isBlank()
                    ? attribute.defaultPath() : AttributePath.parse(override));
        }
        return paths;
    }

    static List<Object> loadDocuments(String content, CatalogLimits limits) {
        ReusableYaml reusable = YAML.get();
        Yaml yaml = reusable.yaml(limits);
        boolean clean = false;
        try {
            List<Object> documents = new ArrayList<>();
            for (Object document : yaml.loadAll(content)) {
                if (document == null) {
                    continue; // an empty document, e.g. after a trailing ---
                }
                if (documents.size() == limits.maxDocuments()) {
                    throw new CatalogException("catalog file has more than " + limits.maxDocuments() + " documents");
                }
                documents.add(document);
            }
            clean = true;
            return documents;
        } finally {
            if (!clean) {
                reusable.discard(); // a parse that stopped half-way may leave the constructor mid-document
            }
        }
    }

    private static Yaml newYaml(CatalogLimits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit(limits.maxBytes());
        options.setProcessComments(false);
        // SafeConstructor builds only maps, lists and scalars; the default TagInspector refuses every global tag.
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
    }

    /**
     * One thread's SnakeYAML instance for the limits it was built with. Building one (constructor, representer and
     * their tables) cost about as much as parsing a typical catalog file; an instance is not thread-safe but can
     * load one file after another.
     */
    private static final class ReusableYaml {
        private CatalogLimits limits;
        private Yaml yaml;

        Yaml yaml(CatalogLimits wanted) {
            if (yaml == null || !wanted.equals(limits)) {
                yaml = newYaml(wanted);
                limits = wanted;
            }
            return yaml;
        }

        void discard() {
            yaml = null;
        }
    }

    /** The Component entity if there is one, else the first entity (a mapping with apiVersion and kind). */
    static Map<?, ?> pickEntity(List<Object> documents) {
        Map<?, ?> first = null;
        for (Object document : documents) {
            if (document instanceof Map<?, ?> map && map.get("apiVersion") != null && map.get("kind") != null) {
                if ("Component".equalsIgnoreCase(String.valueOf(map.get("kind")))) {
                    return map;
                }
                if (first == null) {
                    first = map;
                }
            }
        }
        if (first == null) {
            throw new CatalogException(documents.isEmpty() ? "catalog file is empty"
                    : "catalog file has no Backstage entity (a mapping with apiVersion and kind)");
        }
        return first;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            // YAML turns an unquoted date into a timestamp; give it back as ISO-8601 text.
            return DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
        }
        return value.toString();
    }

    private static AppContext error(RawCatalogFileEvent event, String reason) {
        return AppContext.newBuilder()
                .setFilePath(event.getPath())
                .setCommit(event.getCommit())
                .setError(reason)
                .build();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_ERROR_CHARS ? flat : flat.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /** A catalog file that parses as YAML but cannot be used; the message is the recorded error. */
    static final class CatalogException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CatalogException(String message) {
            super(message);
        }
    }
}
