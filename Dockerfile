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
# The AppCDS archive, dumped with this image's JVM (java -Xshare:dump, no AWS, no emulator) from
# src/main/cds/ecsgate.classlist: the classes a no-op plan of the seed stack loads, recorded against the emulator
# (./controller cds-classlist). Start-up then takes about half the CPU (README, "Speed and memory"). Without the
# archive the JVM starts as before: the entry point's -XX:SharedArchiveFile is skipped silently when it is missing.
RUN --mount=type=bind,source=src/main/cds,target=/tmp/cds \
    java -Xshare:dump -XX:SharedClassListFile=/tmp/cds/ecsgate.classlist -XX:SharedArchiveFile=/app/ecsgate.jsa \
      -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off -jar /app/ecsgate.jar >/dev/null 2>&1; \
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
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms16m", "-Xmx96m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:SharedArchiveFile=/app/ecsgate.jsa", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/ecsgate.jar"]
CMD ["run", "--interval", "30s", "/config/desired-state"]
