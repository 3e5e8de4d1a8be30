package dev.bbinv.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One integration profile: which Bitbucket to poll, with which credentials, which scopes (Cloud workspaces or DC
 * projects; empty = all visible), the catalog settings and optional schedule overrides. Safe to print.
 */
public record Profile(
        String name,
        ServiceKind kind,
        URI baseUrl,
        Credentials credentials,
        List<String> scopes,
        boolean includePersonalProjects,
        CatalogSettings catalog,
        Duration pollInterval,
        Duration fullScanInterval) {

    public static final URI CLOUD_DEFAULT_BASE_URL = URI.create("https://api.bitbucket.org/2.0");

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        scopes = List.copyOf(scopes);
        catalog = catalog == null ? CatalogSettings.disabled() : catalog;
    }

    /** A Cloud profile with defaults: all visible workspaces unless listed, no catalog. */
    public static Profile cloud(String name, URI baseUrl, Credentials credentials, List<String> workspaces) {
        return new Profile(name, ServiceKind.CLOUD, baseUrl, credentials, workspaces, false, CatalogSettings.disabled(),
                null, null);
    }

    /** A Data Center profile with defaults: all visible projects unless listed, no personal projects, no catalog. */
    public static Profile server(String name, URI baseUrl, Credentials credentials, List<String> projects) {
        return new Profile(name, ServiceKind.SERVER, baseUrl, credentials, projects, false, CatalogSettings.disabled(),
                null, null);
    }

    public Profile withCatalog(CatalogSettings settings) {
        return new Profile(name, kind, baseUrl, credentials, scopes, includePersonalProjects, settings, pollInterval,
                fullScanInterval);
    }

    public Profile withPersonalProjects(boolean include) {
        return new Profile(name, kind, baseUrl, credentials, scopes, include, catalog, pollInterval, fullScanInterval);
    }

    public Profile withSchedule(Duration poll, Duration fullScan) {
        return new Profile(name, kind, baseUrl, credentials, scopes, includePersonalProjects, catalog, poll, fullScan);
    }

    /** The Cloud or Data Center answers for this profile. */
    public dev.bbinv.connector.dialect.Dialect dialect() {
        return dev.bbinv.connector.dialect.Dialect.of(kind);
    }

    /** The base URL as text without a trailing slash, as used in asset ids and envelopes. */
    public String baseUrlText() {
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
