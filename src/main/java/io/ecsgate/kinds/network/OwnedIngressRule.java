package io.ecsgate.kinds.network;

/**
 * An ingress rule that carries this controller's tags: its ID, its group, the name of the {@code
 * SecurityGroupIngress} its {@code ecsgate:resource} tag names, and what it admits.
 */
public record OwnedIngressRule(
    String ruleId, String groupId, String resource, IngressPermission permission) {}
