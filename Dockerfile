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
USER 10001:10001
WORKDIR /app
# /metrics /healthz /readyz /status
EXPOSE 9100
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:9100/healthz || exit 1
STOPSIGNAL SIGTERM

# Sized for the workload, not the container: the daemon's flags of ./controller (`./controller java-opts run`;
# DockerfileTest keeps them equal; README, "Speed and memory"): a 96 MiB heap ceiling kept small by a 5 MiB young
# generation and tight free ratios, bounded metaspace and code cache, small thread stacks, C1 only with high compile
# thresholds, the JDK's class archive mapped unrelocated, one malloc arena, and no AppCDS archive of ecsgate's
# classes (nearly all of it would be resident: more than it saves). Serial GC suits a quarter of a vCPU. Die on OOM
# so ECS restarts the task instead of leaving it half alive. Extra JVM flags: set JAVA_TOOL_OPTIONS (the JVM reads
# it; the exec form below expands no variables).
ENV MALLOC_ARENA_MAX=1
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms16m", "-Xmx96m", "-Xmn5m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000", "-XX:Tier3CompileThreshold=20000", "-XX:Tier3BackEdgeThreshold=600000", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-jar", "/app/ecsgate.jar"]
CMD ["run", "--interval", "30s", "/config/desired-state"]
