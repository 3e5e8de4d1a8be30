"""A real Confluent client (librdkafka + Confluent's Avro serde, Debian's python3-confluent-kafka) against our topics.

consume BOOTSTRAP REGISTRY TOPIC...      prints every record of the topics (read_committed) as one JSON line each
produce BOOTSTRAP REGISTRY TOPIC AVSC KEY JSON   writes one record, value schema from AVSC, key schema "string"
"""
import datetime
import json
import sys
import time
import uuid

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


def consume(bootstrap, registry, topics):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap,
        "schema.registry.url": registry,
        "group.id": "confluent-interop-" + str(uuid.uuid4()),
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
    })
    consumer.subscribe(topics)
    deadline = time.time() + 90
    last = None
    try:
        while time.time() < deadline:
            msg = consumer.poll(1.0)
            if msg is None:
                # Everything was committed before this ran: a few quiet seconds after the first record is the end.
                if last is not None and time.time() - last > 5:
                    return 0
                continue
            if msg.error():
                print("error: %s" % msg.error(), file=sys.stderr)
                continue
            last = time.time()
            print(json.dumps({"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset(),
                              "key": msg.key(), "value": msg.value()}, default=str), flush=True)
        print("error: no end of the topics within 90 s", file=sys.stderr)
        return 1
    finally:
        consumer.close()


def produce(bootstrap, registry, topic, avsc, key, value_json):
    value_schema = avro.load(avsc)
    key_schema = avro.loads('"string"')
    value = json.loads(value_json)
    # timestamp-millis fields travel as datetimes in Confluent's Python serde
    value["setAt"] = datetime.datetime.fromtimestamp(value["setAt"] / 1000, tz=datetime.timezone.utc)
    # The enricher reads tags co-partitioned with the raw repositories: keys must land where Java's partitioner puts
    # them (murmur2), not where librdkafka's default (consistent_random, CRC32) would.
    producer = AvroProducer({"bootstrap.servers": bootstrap, "schema.registry.url": registry,
                             "partitioner": "murmur2_random"},
                            default_key_schema=key_schema, default_value_schema=value_schema)
    producer.produce(topic=topic, key=key, value=value)
    left = producer.flush(30)
    if left:
        print("error: %d record(s) not delivered" % left, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "consume":
        sys.exit(consume(sys.argv[2], sys.argv[3], sys.argv[4:]))
    sys.exit(produce(*sys.argv[2:8]))
