package dev.bbinv.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need: register a writer schema under a subject, and
 * fetch a writer schema by its global id. Implementations cache both directions and are safe for concurrent use.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (or finds it already registered) and returns its global id.
     *
     * @throws SchemaRegistryException when the registry is unreachable or refuses the schema
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema with global id {@code id}.
     *
     * @throws SchemaRegistryException when the registry is unreachable or knows no such id
     */
    Schema schemaById(int id);
}
