package dev.bbinv.stack.registry;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations over its {@link RegistryState} and {@link SchemaStore}: one registration at a time,
 * each persisted before it is applied and answered, so an id once answered is the id after a restart.
 */
final class RegistryService {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

    private final RegistryState state = new RegistryState();
    private final SchemaStore store;
    private Compatibility compatibility;

    /** Rebuilds the state from {@code store}; a stored compatibility level wins over {@code defaultCompatibility}. */
    RegistryService(SchemaStore store, Compatibility defaultCompatibility) {
        this.store = store;
        SchemaStore.Contents contents = store.load();
        contents.schemas().forEach(state::apply);
        this.compatibility = contents.compatibility().orElse(defaultCompatibility);
    }

    synchronized int register(String subject, String schemaText) {
        RegistryState.Registration registration = state.plan(subject, schemaText, compatibility);
        registration.newVersion().ifPresent(record -> {
            store.appendSchema(record);
            state.apply(record);
            LOG.info("Registered schema id {} as version {} of subject {}", record.id(), record.version(),
                    record.subject());
        });
        return registration.id();
    }

    synchronized SchemaRecord lookup(String subject, String schemaText) {
        return state.lookup(subject, schemaText);
    }

    synchronized String schemaById(int id) {
        return state.schemaById(id);
    }

    synchronized List<String> subjects() {
        return state.subjects();
    }

    synchronized List<Integer> versions(String subject) {
        return state.versions(subject);
    }

    synchronized SchemaRecord version(String subject, String version) {
        return state.version(subject, version);
    }

    synchronized Compatibility compatibility() {
        return compatibility;
    }

    synchronized void setCompatibility(Compatibility level) {
        store.appendCompatibility(level);
        compatibility = level;
        LOG.info("Compatibility level set to {}", level);
    }
}
