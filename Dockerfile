# syntax=docker/dockerfile:1
# ecsgate: the controller image. Build: docker build -t ecsgate .
# The image holds no desired state; deploy/Dockerfile.desired-state bakes one in (see README, "Running as a Fargate task").

# --- build stage: the runnable jar (target/ecsgate.jar, shaded) ---------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# dependencies first, so a source change does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/main src/main
RUN mvn -B -q -Dmaven.test.skip=true package \
 && cp target/ecsgate.jar /build/ecsgate.jar

# --- runtime stage: a JRE, a non-root user, the jar ---------------------------------------------------------------
FROM eclipse-temurin:17-jre
# curl for the health check (HEALTHCHECK below and the ECS container health check run it inside the container)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ecsgate \
 && useradd --system --uid 10001 --gid ecsgate --home-dir /app --no-create-home --shell /usr/sbin/nologin ecsgate \
 && mkdir -p /app /config/desired-state
COPY --from=build --chown=root:root /build/ecsgate.jar /app/ecsgate.jar
# The AppCDS archive, recorded with this image's JVM by a training run that needs no AWS: a plan of the seed stack
# against a closed loopback port builds every SDK client and sends its first request (which fails after its retries,
# about 20 s). Start-up then takes about 40 % less CPU (README, "Speed and memory"). Without the archive the JVM
# starts as before: the entry point's -XX:SharedArchiveFile is skipped silently when the file is missing.
RUN --mount=type=bind,source=desired-state,target=/tmp/training \
    AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training AWS_REGION=us-east-1 \
    java -XX:ArchiveClassesAtExit=/app/ecsgate.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -Xlog:cds=off -Xlog:cds+dynamic=off \
      -jar /app/ecsgate.jar plan --endpoint-url http://127.0.0.1:9 /tmp/training >/dev/null 2>&1 || true; \
    ls -l /app/ecsgate.jsa || echo "no class-data archive: the JVM starts without it"

USER 10001:10001
WORKDIR /app
# /metrics /healthz /readyz /status
EXPOSE 9100
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:9100/healthz || exit 1
STOPSIGNAL SIGTERM

# Sized for the workload, not the container (README, "Speed and memory"): a 96 MiB heap, bounded metaspace and code
# cache, small thread stacks, C1 only, two malloc arenas: about 170 MiB RSS after 100 cycles at N=50, 190 MiB at N=200,
# in a 512 MiB task. Serial GC suits a quarter of a vCPU. Die on OOM so ECS restarts the task instead of leaving it
# half alive. Extra JVM flags: set JAVA_TOOL_OPTIONS (the JVM reads it; the exec form below expands no variables).
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms16m", "-Xmx96m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:SharedArchiveFile=/app/ecsgate.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/ecsgate.jar"]
CMD ["run", "--interval", "30s", "/config/desired-state"]
