package dev.bbinv.connector.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bbinv.schemas.http.LocalOnly;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML integration profiles file, substitutes {@code ${ENV}} references in values and validates every
 * profile up front; every problem found is reported at once, each naming the profile and the key.
 */
public final class ProfilesFile {
    static final String APP_PASSWORD_MESSAGE = "Bitbucket Cloud app passwords were retired by Atlassian on 2026-07-28;"
            + " create an API token (Atlassian account settings > Security > Create API token with scopes) with the scopes"
            + " read:user:bitbucket, read:workspace:bitbucket and read:repository:bitbucket, then set auth.email to the"
            + " account email and auth.apiToken to the token";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> PROFILE_KEYS = Set.of("name", "type", "baseUrl", "auth", "workspaces", "projects",
            "includePersonalProjects", "catalog", "schedule", "allowInsecureHttp");
    private static final Set<String> AUTH_KEYS = Set.of("email", "apiToken", "username", "password", "token",
            "bearerToken", "appPassword");
    private static final Set<String> CATALOG_KEYS = Set.of("enabled", "file", "attributeKeys");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("catalogName", "title", "category", "lifecycle", "owner",
            "application");
    private static final Set<String> SCHEDULE_KEYS = Set.of("pollIntervalMs", "fullScanIntervalMs");

    /** Reads and validates {@code file}, substituting from the process environment. */
    public static List<Profile> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfilesFileException("cannot read profiles file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, System.getenv());
    }

    /** Parses and validates profiles from YAML text; {@code env} supplies {@code ${VAR}} values. Pure. */
    public static List<Profile> parse(String source, String yaml, Map<String, String> env) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new ProfilesFileException(source, List.of("not valid YAML: " + firstLine(e.getMessage())));
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top) || !(top.get("profiles") instanceof List<?> entries)) {
            throw new ProfilesFileException(source, List.of("key 'profiles' is missing: expected a list of profiles"));
        }
        for (Object key : top.keySet()) {
            if (!"profiles".equals(key)) {
                problems.add("unknown top-level key '" + key + "' (allowed: profiles)");
            }
        }
        List<Profile> profiles = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int number = i + 1;
            if (!(entries.get(i) instanceof Map<?, ?> raw)) {
                problems.add("profile #" + number + ": expected a mapping of keys");
                continue;
            }
            ProfileReader reader = new ProfileReader(number, raw, env, problems);
            Profile profile = reader.read();
            if (reader.name != null) {
                Integer earlier = seen.putIfAbsent(reader.name, number);
                if (earlier != null) {
                    problems.add(reader.label() + ": key 'name': duplicate of profile #" + earlier);
                    continue;
                }
            }
            if (profile != null) {
                profiles.add(profile);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfilesFileException(source, problems);
        }
        return List.copyOf(profiles);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Reads one profile mapping, adding a problem (never throwing) for each bad key. */
    private static final class ProfileReader {
        private final int number;
        private final Map<?, ?> raw;
        private final Map<String, String> env;
        private final List<String> problems;
        private final int problemsBefore;
        String name;

        ProfileReader(int number, Map<?, ?> raw, Map<String, String> env, List<String> problems) {
            this.number = number;
            this.raw = raw;
            this.env = env;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        String label() {
            return name == null ? "profile #" + number : "profile '" + name + "'";
        }

        void problem(String key, String message) {
            problems.add(label() + ": key '" + key + "'" + (message.startsWith(" ") ? "" : ": ") + message);
        }

        Profile read() {
            name = string(raw, "name", "name");
            if (name == null || name.isBlank()) {
                name = null;
                problems.add(label() + ": key 'name' is missing");
            }
            unknownKeys(raw, PROFILE_KEYS, "");
            String typeText = string(raw, "type", "type");
            ServiceKind kind = ServiceKind.parse(typeText);
            if (typeText == null) {
                problem("type", " is missing (allowed: cloud, server)");
            } else if (kind == null) {
                problem("type", "unknown service type '" + typeText + "' (allowed: cloud, server)");
            }
            URI baseUrl = baseUrl(kind);
            Credentials credentials = kind == null ? null : credentials(kind);
            List<String> scopes = scopes(kind);
            boolean personal = bool(raw, "includePersonalProjects", "includePersonalProjects", false);
            if (personal && kind == ServiceKind.CLOUD) {
                problem("includePersonalProjects", "only applies to type server");
            }
            CatalogSettings catalog = catalog();
            Duration[] schedule = schedule();
            if (problems.size() > problemsBefore || kind == null || baseUrl == null || credentials == null) {
                return null;
            }
            return new Profile(name, kind, baseUrl, credentials, scopes, personal, catalog, schedule[0], schedule[1]);
        }

        private URI baseUrl(ServiceKind kind) {
            String text = string(raw, "baseUrl", "baseUrl");
            if (text == null || text.isBlank()) {
                if (kind == ServiceKind.SERVER) {
                    problem("baseUrl", " is required for type server (e.g. https://bitbucket.example.com)");
                    return null;
                }
                return Profile.CLOUD_DEFAULT_BASE_URL;
            }
            try {
                URI uri = new URI(text.trim());
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    problem("baseUrl", "'" + text + "' is not an absolute http(s) URL");
                    return null;
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    problem("baseUrl", "'" + uri.getHost() + "...' must not carry a query, fragment or user info");
                    return null;
                }
                // Every credential is Basic or bearer: over plain http anyone on the path reads it.
                boolean allowInsecureHttp = bool(raw, "allowInsecureHttp", "allowInsecureHttp", false);
                if ("http".equals(uri.getScheme()) && !LocalOnly.isLoopback(uri.getHost()) && !allowInsecureHttp) {
                    problem("baseUrl", "'http://" + uri.getHost() + "' would send the credentials unencrypted to "
                            + "another host: use https://, or set allowInsecureHttp: true on the profile if the network"
                            + " is trusted");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                problem("baseUrl", "'" + text + "' is not a URL: " + e.getReason());
                return null;
            }
        }

        private Credentials credentials(ServiceKind kind) {
            Object value = raw.get("auth");
            if (!(value instanceof Map<?, ?> auth)) {
                problem("auth", value == null
                        ? " is missing: no credentials (" + (kind == ServiceKind.CLOUD
                                ? "auth.email + auth.apiToken, or auth.bearerToken"
                                : "auth.username + auth.password or auth.token, or auth.bearerToken") + ")"
                        : "expected a mapping");
                return null;
            }
            unknownKeys(auth, AUTH_KEYS, "auth.");
            String email = string(auth, "email", "auth.email");
            String username = string(auth, "username", "auth.username");
            Secret apiToken = secret(auth, "apiToken");
            Secret password = secret(auth, "password");
            Secret token = secret(auth, "token");
            Secret bearer = secret(auth, "bearerToken");
            if (kind == ServiceKind.CLOUD) {
                if (auth.containsKey("appPassword")) {
                    problem("auth.appPassword", APP_PASSWORD_MESSAGE);
                    return null;
                }
                return cloudCredentials(email, username, apiToken, password, token, bearer);
            }
            // Snyk's form calls the Data Center secret an "App Password": on a server profile it is the password or
            // HTTP access token that goes with auth.username, whatever the key is called.
            Secret appPassword = secret(auth, "appPassword");
            if (appPassword != null) {
                if (password != null || token != null || bearer != null) {
                    problem("auth.appPassword", "set one of auth.appPassword, auth.password, auth.token or"
                            + " auth.bearerToken, not several");
                    return null;
                }
                password = appPassword;
            }
            return serverCredentials(email, username, apiToken, password, token, bearer);
        }

        private Credentials cloudCredentials(String email, String username, Secret apiToken, Secret password,
                Secret token, Secret bearer) {
            if (username != null && password != null) {
                problem("auth.password", APP_PASSWORD_MESSAGE);
                return null;
            }
            if (username != null) {
                problem("auth.username", "Bitbucket Cloud API tokens authenticate with the Atlassian account email;"
                        + " set auth.email instead of auth.username");
                return null;
            }
            if (password != null || token != null) {
                problem(password != null ? "auth.password" : "auth.token",
                        "not used by type cloud; set auth.apiToken (with auth.email) or auth.bearerToken");
                return null;
            }
            if (bearer != null) {
                if (email != null || apiToken != null) {
                    problem("auth.bearerToken", "set either auth.bearerToken or auth.email + auth.apiToken, not both");
                    return null;
                }
                return Credentials.bearer(bearer);
            }
            if (email == null || apiToken == null) {
                problem(email == null ? "auth.email" : "auth.apiToken", " is missing: no credentials"
                        + " (auth.email + auth.apiToken, or auth.bearerToken)");
                return null;
            }
            if (!looksLikeEmail(email)) {
                problem("auth.email", "'" + email + "' is not an email; Bitbucket Cloud API tokens authenticate with"
                        + " the Atlassian account email, not the username");
                return null;
            }
            return Credentials.basic(email, apiToken);
        }

        private Credentials serverCredentials(String email, String username, Secret apiToken, Secret password,
                Secret token, Secret bearer) {
            if (email != null) {
                problem("auth.email", "Bitbucket Data Center authenticates with a username, not an email;"
                        + " set auth.username");
                return null;
            }
            if (apiToken != null) {
                problem("auth.apiToken", "is a Cloud key; for type server set auth.password, auth.token or"
                        + " auth.bearerToken");
                return null;
            }
            if (bearer != null) {
                if (username != null || password != null || token != null) {
                    problem("auth.bearerToken", "set either auth.bearerToken or auth.username with a password or"
                            + " token, not both");
                    return null;
                }
                return Credentials.bearer(bearer);
            }
            if (username == null || (password == null && token == null)) {
                problem(username == null ? "auth.username" : "auth.password", " is missing: no credentials"
                        + " (auth.username + auth.password or auth.token, or auth.bearerToken)");
                return null;
            }
            if (password != null && token != null) {
                problem("auth.token", "set either auth.password or auth.token, not both");
                return null;
            }
            if (looksLikeEmail(username)) {
                problem("auth.username", "'" + username + "' looks like an email; Bitbucket Data Center expects"
                        + " the username");
                return null;
            }
            return Credentials.basic(username, password != null ? password : token);
        }

        private List<String> scopes(ServiceKind kind) {
            String key = kind == ServiceKind.SERVER ? "projects" : "workspaces";
            String other = kind == ServiceKind.SERVER ? "workspaces" : "projects";
            if (kind != null && raw.containsKey(other)) {
                problem(other, "does not apply to type " + kind.name().toLowerCase() + "; use '" + key + "'");
            }
            Object value = raw.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problem(key, "expected a list");
                return List.of();
            }
            List<String> scopes = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || s.isBlank()) {
                    problem(key, "expected non-empty names, got '" + item + "'");
                } else {
                    scopes.add(s.trim());
                }
            }
            return scopes;
        }

        private CatalogSettings catalog() {
            Object value = raw.get("catalog");
            if (value == null) {
                return CatalogSettings.disabled();
            }
            if (!(value instanceof Map<?, ?> catalog)) {
                problem("catalog", "expected a mapping");
                return CatalogSettings.disabled();
            }
            unknownKeys(catalog, CATALOG_KEYS, "catalog.");
            boolean enabled = bool(catalog, "enabled", "catalog.enabled", true);
            String file = string(catalog, "file", "catalog.file");
            if (file != null && (file.isBlank() || file.startsWith("/") || file.contains(".."))) {
                problem("catalog.file", "'" + file + "' must be a relative path inside the repository");
            }
            Map<String, String> keys = new LinkedHashMap<>();
            Object attributes = catalog.get("attributeKeys");
            if (attributes instanceof Map<?, ?> map) {
                unknownKeys(map, ATTRIBUTE_KEYS, "catalog.attributeKeys.");
                for (Object key : map.keySet()) {
                    String path = string(map, String.valueOf(key), "catalog.attributeKeys." + key);
                    if (path != null && ATTRIBUTE_KEYS.contains(String.valueOf(key))) {
                        keys.put(String.valueOf(key), path);
                    }
                }
            } else if (attributes != null) {
                problem("catalog.attributeKeys", "expected a mapping");
            }
            return new CatalogSettings(enabled, file == null ? CatalogSettings.DEFAULT_FILE : file.trim(), keys);
        }

        private Duration[] schedule() {
            Object value = raw.get("schedule");
            if (value == null) {
                return new Duration[2];
            }
            if (!(value instanceof Map<?, ?> schedule)) {
                problem("schedule", "expected a mapping");
                return new Duration[2];
            }
            unknownKeys(schedule, SCHEDULE_KEYS, "schedule.");
            return new Duration[] {millis(schedule, "pollIntervalMs"), millis(schedule, "fullScanIntervalMs")};
        }

        private Duration millis(Map<?, ?> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            String text = substitute(String.valueOf(value), "schedule." + key);
            try {
                long ms = Long.parseLong(text == null ? "" : text.trim());
                if (ms >= 100) {
                    return Duration.ofMillis(ms);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem("schedule." + key, "'" + value + "' must be a whole number of milliseconds, at least 100");
            return null;
        }

        private String string(Map<?, ?> map, String key, String fullKey) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                problem(fullKey, "expected a single value");
                return null;
            }
            return substitute(String.valueOf(value), fullKey);
        }

        private Secret secret(Map<?, ?> map, String key) {
            String fullKey = "auth." + key;
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            String text = string(map, key, fullKey);
            if (text == null) {
                return null;
            }
            if (text.isEmpty()) {
                problem(fullKey, "is empty");
                return null;
            }
            return Secret.of(text);
        }

        private boolean bool(Map<?, ?> map, String key, String fullKey, boolean fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            String text = substitute(String.valueOf(value), fullKey);
            if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                return Boolean.parseBoolean(text);
            }
            problem(fullKey, "'" + value + "' must be true or false");
            return fallback;
        }

        /** Replaces {@code ${VAR}}; a missing variable is a problem naming the key and the variable, never a value. */
        private String substitute(String text, String fullKey) {
            Matcher matcher = ENV_REF.matcher(text);
            StringBuilder out = new StringBuilder();
            boolean ok = true;
            while (matcher.find()) {
                String value = env.get(matcher.group(1));
                if (value == null) {
                    problem(fullKey, "refers to ${" + matcher.group(1) + "}, which is not set in the environment");
                    ok = false;
                    value = "";
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return ok ? out.toString() : null;
        }

        private void unknownKeys(Map<?, ?> map, Set<String> allowed, String prefix) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    problems.add(label() + ": unknown key '" + prefix + key + "' (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private static boolean looksLikeEmail(String text) {
            int at = text.indexOf('@');
            return at > 0 && at < text.length() - 1 && text.indexOf('@', at + 1) < 0;
        }
    }

    private ProfilesFile() {}
}
