package dev.bbinv.enricher.topology;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.state.EmitPolicy;

/** What the topology's behaviour depends on besides its topics: catalog limits, when to write, the language table. */
public record TopologySettings(CatalogLimits catalogLimits, EmitPolicy emitPolicy, LanguageTable languages) {
}
