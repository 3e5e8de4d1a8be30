package dev.bbinv.bench;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The enricher's baseline: the same raw topics copied byte for byte to one output topic (identity mapping). */
final class PassThroughTopology {
    static final String OUTPUT = "bench.passthrough";

    private PassThroughTopology() {}

    static Topology build(List<String> inputs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(OUTPUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }
}
