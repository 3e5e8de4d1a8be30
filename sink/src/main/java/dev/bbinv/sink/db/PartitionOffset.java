package dev.bbinv.sink.db;

/** The next offset to read in one topic partition: the consumer's resume position, stored with the rows. */
public record PartitionOffset(String topic, int partition, long nextOffset) {}
