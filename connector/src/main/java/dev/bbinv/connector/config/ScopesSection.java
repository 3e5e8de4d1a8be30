package dev.bbinv.connector.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads which scopes a profile scans: Cloud {@code workspaces}, Data Center {@code projects} and
 * {@code includePersonalProjects}; the other type's key is a problem, an absent list means every visible scope.
 */
final class ScopesSection {
    /** The scopes named (empty: every visible one) and whether personal projects are scanned too (server only). */
    record Scopes(List<String> names, boolean includePersonalProjects) {}

    private ScopesSection() {}

    /** @param kind the profile's type; null when unknown, when only the scope names themselves are checked */
    static Scopes read(ProfileValues in, ServiceKind kind) {
        List<String> names = names(in, kind);
        boolean personal = in.bool(in.profile(), "includePersonalProjects", "includePersonalProjects", false);
        if (personal && kind == ServiceKind.CLOUD) {
            in.problem("includePersonalProjects", "only applies to type server");
        }
        return new Scopes(names, personal);
    }

    private static List<String> names(ProfileValues in, ServiceKind kind) {
        String key = kind == ServiceKind.SERVER ? "projects" : "workspaces";
        String other = kind == ServiceKind.SERVER ? "workspaces" : "projects";
        if (kind != null && in.profile().containsKey(other)) {
            in.problem(other, "does not apply to type " + kind.name().toLowerCase() + "; use '" + key + "'");
        }
        Object value = in.profile().get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            in.problem(key, "expected a list");
            return List.of();
        }
        List<String> scopes = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                in.problem(key, "expected non-empty names, got '" + item + "'");
            } else {
                scopes.add(s.trim());
            }
        }
        return scopes;
    }
}
