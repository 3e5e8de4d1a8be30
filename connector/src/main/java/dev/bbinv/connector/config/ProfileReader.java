package dev.bbinv.connector.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one profile mapping section by section (name and type here; base URL, auth, scopes, catalog and schedule in
 * their own sections), adding a problem (never throwing) for each bad key.
 */
final class ProfileReader {
    private static final Set<String> PROFILE_KEYS = Set.of("name", "type", "baseUrl", "auth", "workspaces",
            "projects", "includePersonalProjects", "catalog", "schedule", "allowInsecureHttp");

    private final ProfileValues in;
    private final int problemsBefore;

    ProfileReader(int number, Map<?, ?> raw, Map<String, String> env, List<String> problems) {
        this.in = new ProfileValues(number, raw, env, problems);
        this.problemsBefore = problems.size();
    }

    /** The profile's name once {@link #read()} found one; null when it has none. */
    String name() {
        return in.name();
    }

    /** How problems name this profile: by its name, or by its position when it has none. */
    String label() {
        return in.label();
    }

    /** The profile, or null when any of its keys had a problem (each recorded). */
    Profile read() {
        // The problems are listed in the order of these reads, whatever the YAML's order: keep it.
        String name = in.string(in.profile(), "name", "name");
        if (name == null || name.isBlank()) {
            name = null;
            in.problem("name", " is missing");
        }
        in.named(name);
        in.unknownKeys(in.profile(), PROFILE_KEYS, "");
        String typeText = in.string(in.profile(), "type", "type");
        ServiceKind kind = ServiceKind.parse(typeText);
        if (typeText == null) {
            in.problem("type", " is missing (allowed: cloud, server)");
        } else if (kind == null) {
            in.problem("type", "unknown service type '" + typeText + "' (allowed: cloud, server)");
        }
        URI baseUrl = BaseUrlSection.read(in, kind);
        Credentials credentials = kind == null ? null : AuthSection.read(in, kind);
        ScopesSection.Scopes scopes = ScopesSection.read(in, kind);
        CatalogSettings catalog = CatalogSection.read(in);
        ScheduleSection.Schedule schedule = ScheduleSection.read(in);
        if (in.problemCount() > problemsBefore || kind == null || baseUrl == null || credentials == null) {
            return null;
        }
        return new Profile(name, kind, baseUrl, credentials, scopes.names(), scopes.includePersonalProjects(),
                catalog, schedule.pollInterval(), schedule.fullScanInterval());
    }
}
