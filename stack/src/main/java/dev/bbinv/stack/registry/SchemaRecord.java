package dev.bbinv.stack.registry;

/** One registered version of a subject: the unit the registry stores and replays. {@code schema} is canonical. */
record SchemaRecord(String subject, int version, int id, String schema) {}
