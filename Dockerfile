# One image for every bbinv role (connector, enricher, sink): the role is the first argument.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 bbinv && mkdir -p /app /data && chown bbinv /data
COPY --from=build /src/app/target/classes /app/classes
COPY --from=build /src/app/target/lib /app/lib
COPY docker/entrypoint.sh /app/entrypoint.sh
USER bbinv
WORKDIR /data
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["--help"]
