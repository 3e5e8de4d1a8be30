package dev.bbinv.enricher.policy;

import dev.bbinv.schemas.avro.AssetClass;

/**
 * A class set by hand. {@code policyAtSet} remembers what the policies said for the repository when it was set
 * ({@link Classification#decisionKey}), so that an unlocked manual class gives way only when that changes.
 */
public record ManualClass(AssetClass assetClass, boolean locked, String policyAtSet) {}
