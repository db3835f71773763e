package io.ecsgate.kinds;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Applier;
import io.ecsgate.core.Family;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Observer;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Planner;
import io.ecsgate.kinds.apigateway.ApiGatewayReads;
import io.ecsgate.kinds.apigateway.ApiGatewayStep;
import io.ecsgate.kinds.apigateway.RestApiPlanner;
import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkPlanner;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.apigateway.VpcLinkV2Planner;
import io.ecsgate.kinds.apigateway.VpcLinkV2Spec;
import io.ecsgate.kinds.ecs.ClusterPlanner;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.EcsObservation;
import io.ecsgate.kinds.ecs.LogGroupPlanner;
import io.ecsgate.kinds.ecs.ScalingAlarmPlanner;
import io.ecsgate.kinds.ecs.ScalingPolicyPlanner;
import io.ecsgate.kinds.ecs.ServicePlanner;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.ecs.TaskDefinitionPlanner;
import io.ecsgate.kinds.elb.ElbObservation;
import io.ecsgate.kinds.elb.ListenerRulePlanner;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerPlanner;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.NlbTargetsPlanner;
import io.ecsgate.kinds.elb.TargetGroupPlanner;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.NetworkObservation;
import io.ecsgate.kinds.network.SecurityGroupIngressPlanner;
import io.ecsgate.kinds.network.SecurityGroupIngressSpec;
import io.ecsgate.yaml.DesiredStateLoader;
import io.ecsgate.yaml.SourceFiles;
import io.ecsgate.yaml.SpecType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of what ecsgate manages. {@link #KINDS} in the order they are created and updated
 * (deletes run in reverse): a resource comes after what it references. {@link #FAMILIES}: one per
 * AWS service, each reading its part of the snapshot in batches. Adding a kind is one line here
 * (and its family's line if the family is new).
 */
public final class Registry {
  public static final List<Kind> KINDS =
      List.of(
          Kind.of(ClusterSpec.TYPE, new ClusterPlanner()),
          Kind.of(TargetGroupSpec.TYPE, new TargetGroupPlanner())
              .needing(NetworkObservation.FAMILY),
          Kind.of(LoadBalancerSpec.TYPE, new LoadBalancerPlanner(), LoadBalancerPlanner.LISTENER)
              .needing(NetworkObservation.FAMILY, TargetGroupSpec.KIND),
          Kind.of(ListenerRuleSpec.TYPE, new ListenerRulePlanner())
              .needing(LoadBalancerSpec.KIND, TargetGroupSpec.KIND),
          Kind.part(NlbTargetsPlanner.KIND, new NlbTargetsPlanner())
              .needing(LoadBalancerSpec.KIND, TargetGroupSpec.KIND),
          Kind.of(SecurityGroupIngressSpec.TYPE, new SecurityGroupIngressPlanner())
              .needing(NetworkObservation.FAMILY, LoadBalancerSpec.KIND),
          Kind.part(LogGroupPlanner.KIND, new LogGroupPlanner()),
          Kind.part(TaskDefinitionPlanner.KIND, new TaskDefinitionPlanner())
              .needing(LogGroupPlanner.KIND),
          Kind.of(ServiceSpec.TYPE, new ServicePlanner())
              .needing(
                  NetworkObservation.FAMILY,
                  ClusterSpec.KIND,
                  TargetGroupSpec.KIND,
                  TaskDefinitionPlanner.KIND),
          Kind.part(ScalingPolicyPlanner.KIND, new ScalingPolicyPlanner())
              .needing(ServiceSpec.KIND),
          Kind.part(ScalingAlarmPlanner.KIND, new ScalingAlarmPlanner())
              .needing(ScalingPolicyPlanner.KIND),
          Kind.of(VpcLinkSpec.TYPE, new VpcLinkPlanner()).needing(LoadBalancerSpec.KIND),
          Kind.of(VpcLinkV2Spec.TYPE, new VpcLinkV2Planner()).needing(NetworkObservation.FAMILY),
          Kind.of(
                  RestApiSpec.TYPE,
                  new RestApiPlanner(),
                  ApiGatewayStep.DEPLOYMENT,
                  ApiGatewayStep.STAGE)
              .needing(VpcLinkSpec.KIND, VpcLinkV2Spec.KIND, LoadBalancerSpec.KIND));

  /**
   * Each family, named, with the action kinds whose resources its snapshot holds: a later pass of
   * an apply reads a family again only when the pass before wrote one of them or waits on one. Of
   * the network family, ecsgate writes only the ingress rules it keeps. When a family's reads fail,
   * its kinds and those that need them ({@link Kind#needs()}) are not planned in that pass.
   */
  public static final List<Family> FAMILIES =
      List.of(
          Family.of(
              NetworkObservation.FAMILY, NetworkObservation::new, SecurityGroupIngressSpec.KIND),
          Family.of(
              "elb",
              ElbObservation::new,
              TargetGroupSpec.KIND,
              LoadBalancerSpec.KIND,
              LoadBalancerPlanner.LISTENER,
              ListenerRuleSpec.KIND,
              NlbTargetsPlanner.KIND),
          Family.of(
              "ecs",
              EcsObservation::new,
              ClusterSpec.KIND,
              TaskDefinitionPlanner.KIND,
              ServiceSpec.KIND,
              ScalingPolicyPlanner.KIND,
              ScalingAlarmPlanner.KIND,
              LogGroupPlanner.KIND),
          Family.of(
              "apigateway",
              ApiGatewayReads::new,
              VpcLinkSpec.KIND,
              VpcLinkV2Spec.KIND,
              RestApiSpec.KIND,
              ApiGatewayStep.DEPLOYMENT,
              ApiGatewayStep.STAGE));

  private Registry() {}

  /** The YAML spec of every declarable kind. */
  public static List<SpecType<?>> specTypes() {
    return KINDS.stream().map(Kind::spec).flatMap(Optional::stream).toList();
  }

  public static DesiredStateLoader loader() {
    return loader(SpecType.Limits.DEFAULT);
  }

  public static DesiredStateLoader loader(SpecType.Limits limits) {
    return new DesiredStateLoader(specTypes(), limits);
  }

  public static DesiredStateLoader loader(SpecType.Limits limits, SourceFiles sourceFiles) {
    return new DesiredStateLoader(specTypes(), limits, sourceFiles);
  }

  /** Every action kind in the order creates and updates run; deletes run in reverse. */
  public static List<String> order() {
    return KINDS.stream().flatMap(kind -> kind.actionKinds().stream()).toList();
  }

  public static Planner planner() {
    return new Planner(KINDS);
  }

  /** A new observer: it keeps what never changes across the cycles it observes. */
  public static Observer observer(AwsClients clients, Ownership ownership) {
    return new Observer(FAMILIES, clients, ownership);
  }

  /**
   * The kinds the inventory holds: every declarable kind (each carries ecsgate's tags), and the
   * alarms of step scaling (CloudWatch resources of their own, named by the service). Other parts
   * (listeners, NLB targets, task definition revisions, scaling, an API's resources, deployments
   * and stages) follow the resource they belong to.
   */
  public static Set<String> inventoried() {
    Set<String> kinds = new java.util.LinkedHashSet<>();
    KINDS.stream().filter(k -> k.spec().isPresent()).forEach(k -> kinds.add(k.name()));
    kinds.add(ScalingAlarmPlanner.KIND);
    return kinds;
  }

  /**
   * What {@code ecsgate export} reads, one source per family that can write documents, sharing the
   * network names (each read once).
   */
  public static List<io.ecsgate.export.ExportSource> exportSources(
      AwsClients clients, Ownership ownership) {
    io.ecsgate.kinds.network.NetworkNames names =
        new io.ecsgate.kinds.network.NetworkNames(clients.ec2());
    io.ecsgate.kinds.elb.ElbExport elb =
        new io.ecsgate.kinds.elb.ElbExport(clients, ownership, names);
    return List.of(
        elb,
        new io.ecsgate.kinds.ecs.EcsExport(clients, names),
        new io.ecsgate.kinds.apigateway.ApiGatewayExport(clients, elb::loadBalancerByDnsName));
  }

  /** The exporter over {@link #exportSources}, writing kinds in registry order. */
  public static io.ecsgate.export.Exporter exporter(AwsClients clients, Ownership ownership) {
    return new io.ecsgate.export.Exporter(
        exportSources(clients, ownership), specTypes().stream().map(SpecType::kind).toList());
  }

  public static Applier applier(
      AwsClients clients, io.ecsgate.core.Fence fence, io.ecsgate.core.InventoryStore inventory) {
    return new Applier(clients, fence, inventory, inventoried());
  }
}
