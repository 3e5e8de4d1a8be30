package dev.bbinv.enricher.topology;

import java.time.Duration;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.policy.PolicyEngine;
import dev.bbinv.enricher.state.EmitPolicy;

/**
 * What the topology's behaviour depends on besides its topics: catalog limits, when to write, the language table,
 * the policy rules, and how often assets whose freshness or "New repository" label is due to change are rebuilt.
 */
public record TopologySettings(CatalogLimits catalogLimits, EmitPolicy emitPolicy, LanguageTable languages,
        PolicyEngine policies, Duration freshnessCheckInterval) {
    public static final Duration DEFAULT_FRESHNESS_CHECK_INTERVAL = Duration.ofMinutes(1);

    public TopologySettings(CatalogLimits catalogLimits, EmitPolicy emitPolicy, LanguageTable languages) {
        this(catalogLimits, emitPolicy, languages, PolicyEngine.NONE, DEFAULT_FRESHNESS_CHECK_INTERVAL);
    }

    public TopologySettings {
        if (freshnessCheckInterval.isNegative() || freshnessCheckInterval.isZero()) {
            throw new IllegalArgumentException("freshnessCheckInterval must be positive: " + freshnessCheckInterval);
        }
    }
}
