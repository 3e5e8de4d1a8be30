package dev.bbinv.stack.registry;

import java.util.List;
import java.util.Optional;

/** Where the registry keeps what it was told, so that a restart can rebuild the same subjects, versions and ids. */
interface SchemaStore extends AutoCloseable {

    /** Everything stored so far, in the order it was written. */
    record Contents(List<SchemaRecord> schemas, Optional<Compatibility> compatibility) {}

    Contents load();

    /** Stores {@code record} durably before returning; throws {@link RegistryError} (50001) when it cannot. */
    void appendSchema(SchemaRecord record);

    /** Stores the global compatibility level durably before returning. */
    void appendCompatibility(Compatibility compatibility);

    @Override
    void close();

    /** Keeps nothing: for tests and throwaway stacks. */
    static SchemaStore inMemory() {
        return new SchemaStore() {
            @Override
            public Contents load() {
                return new Contents(List.of(), Optional.empty());
            }

            @Override
            public void appendSchema(SchemaRecord record) {}

            @Override
            public void appendCompatibility(Compatibility compatibility) {}

            @Override
            public void close() {}
        };
    }
}
