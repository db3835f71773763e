package io.ecsgate.kinds.ecs;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;

/** The parts of ECS requests that several steps build from a spec: tags, container definitions. */
public final class EcsRequests {
  private EcsRequests() {}

  /** A tag map as the ECS SDK takes it. */
  public static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** A declared container as RegisterTaskDefinition takes it. */
  public static ContainerDefinition container(ServiceSpec.Container c) {
    ContainerDefinition.Builder b =
        ContainerDefinition.builder()
            .name(c.name())
            .image(c.image())
            .essential(c.essential())
            .portMappings(c.portMappings().stream().map(EcsRequests::portMapping).toList())
            .environment(
                c.environment().entrySet().stream()
                    .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                    .toList())
            .secrets(
                c.secrets().entrySet().stream()
                    .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build())
                    .toList());
    c.memoryReservation().ifPresent(b::memoryReservation);
    c.logConfiguration()
        .ifPresent(
            l -> b.logConfiguration(lc -> lc.logDriver(LogDriver.AWSLOGS).options(l.options())));
    c.healthCheck()
        .ifPresent(
            h ->
                b.healthCheck(
                    hc ->
                        hc.command(h.command())
                            .interval(h.intervalSeconds())
                            .timeout(h.timeoutSeconds())
                            .retries(h.retries())
                            .startPeriod(h.startPeriodSeconds())));
    return b.build();
  }

  private static PortMapping portMapping(ServiceSpec.PortMapping p) {
    return PortMapping.builder().containerPort(p.containerPort()).protocol(p.protocol()).build();
  }
}
