package io.ecsgate.core;

import java.util.List;

/** The order in which kinds are created and updated; deletes run in reverse. */
public final class Kinds {
  public static final String TARGET_GROUP = "TargetGroup";
  public static final String LOAD_BALANCER = "LoadBalancer";
  public static final String LISTENER = "Listener";
  public static final String LISTENER_RULE = "ListenerRule";
  public static final String NLB_TARGETS = "NlbTargets";
  public static final String CLUSTER = "Cluster";
  public static final String TASK_DEFINITION = "TaskDefinition";
  public static final String SERVICE = "Service";
  public static final String SCALING_POLICY = "ScalingPolicy";

  private static final List<String> ORDER =
      List.of(
          "Cluster",
          TARGET_GROUP,
          LOAD_BALANCER,
          LISTENER,
          LISTENER_RULE,
          NLB_TARGETS,
          "TaskDefinition",
          "Service",
          "ScalingPolicy",
          "VpcLink",
          "RestApi",
          "Deployment",
          "Stage");

  private Kinds() {}

  public static int order(String kind) {
    int index = ORDER.indexOf(kind);
    return index < 0 ? ORDER.size() : index;
  }
}
