# syntax=docker/dockerfile:1
# One image for every bbinv role (connector, enricher, sink, and `topics create`): the role is the first argument.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The Maven repository is a BuildKit cache kept between builds: a change to the sources does not download every
# dependency again.
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
# curl (for the health checks) is in the base image already.
RUN useradd --system --uid 10001 bbinv && mkdir -p /app /data && chown bbinv /data
COPY --from=build /src/app/target/classes /app/classes
COPY --from=build /src/app/target/lib /app/lib
COPY docker/entrypoint.sh /app/entrypoint.sh
# Container-aware heap (a share of the memory limit) and a clean exit on OutOfMemoryError, for the restart policy.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER bbinv
WORKDIR /data
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["--help"]
