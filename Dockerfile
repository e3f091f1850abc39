# syntax=docker/dockerfile:1
# One image recipe for every Spring Boot module of the platform.
#   docker build --build-arg MODULE=services/intake -t township/intake .
#   docker build --build-arg MODULE=gateway -t township/gateway .
# docker-compose.yml passes MODULE for each service.

ARG MODULE=services/intake

FROM maven:3.9-eclipse-temurin-25 AS build
ARG MODULE
WORKDIR /src
COPY . .
# Build only the module and what it depends on; the Maven cache survives between builds.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl "${MODULE}" -am -DskipTests package \
 && jar="$(find "${MODULE}/target" -maxdepth 1 -name '*.jar' \
          ! -name '*-sources.jar' ! -name '*-javadoc.jar' | head -n 1)" \
 && test -n "${jar}" \
 && cp "${jar}" /app.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system township && useradd --system --gid township --no-create-home township
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER township
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
