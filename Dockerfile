# One image recipe for the three applications; the module is a build argument:
#   docker build --build-arg MODULE=auth-server -t tollgate-auth-server .
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN test -n "$MODULE" && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package && cp "$MODULE"/target/*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tollgate && mkdir /app && chown tollgate /app
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER tollgate
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
