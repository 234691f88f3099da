# One image recipe for the three applications; the module is a build argument:
#   docker build --build-arg MODULE=auth-server -t tollgate-auth-server .
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN test -n "$MODULE" && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package && cp "$MODULE"/target/*-exec.jar /app.jar

# Java 25 runs the applications: virtual threads in the resource server, compact object headers, and an AOT cache
# (JEP 483/514) recorded here from one training start-up, which halves the start-up time (bench/RESULTS.md).
# The training start uses the embedded database in a throw-away directory and exits once the context is ready.
FROM eclipse-temurin:25-jre AS aot
COPY --from=build /app.jar /app.jar
RUN java -Djarmode=tools -jar /app.jar extract --destination /app \
    && mkdir /tmp/training && cd /tmp/training \
    && SERVER_PORT=0 java -XX:+UseCompactObjectHeaders -XX:AOTCacheOutput=/app/app.aot \
        -Dspring.context.exit=onRefresh -jar /app/app.jar \
    && rm -rf /tmp/training

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 tollgate
# glibc's default of 8 malloc arenas per core only inflates the resident size of a JVM
ENV MALLOC_ARENA_MAX=2
COPY --from=aot --chown=tollgate /app /app
WORKDIR /app
USER tollgate
# a cache that does not fit (another JVM build) is ignored with a warning, never a failed start
ENTRYPOINT ["java", "-XX:+UseCompactObjectHeaders", "-XX:AOTCache=/app/app.aot", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
