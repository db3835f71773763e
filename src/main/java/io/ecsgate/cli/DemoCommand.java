package io.ecsgate.cli;

import io.ecsgate.aws.ApiCalls;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.demo.EmulatorNetwork;
import io.ecsgate.kinds.elb.ElbSnapshot;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The walk-through on a local emulator: seeds the network the stack assumes, applies the desired
 * state from nothing (load balancers, target groups, rules, the ECS cluster, task definitions,
 * services and their auto scaling), edits the stack by hand the way people do in the console, and
 * shows ecsgate finding and repairing the drift while leaving the auto scaler's task count alone.
 * Refuses any endpoint that is not on this machine.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the seed stack against a local AWS emulator (use ./controller demo, which starts one).")
final class DemoCommand implements Callable<Integer> {
  /** The emulator's endpoint (--endpoint-url, loopback only) and region (default us-west-2). */
  @ParentCommand Main main;

  /** The region the demo emulates unless --region says otherwise. */
  static final String DEFAULT_REGION = "us-west-2";

  private String region;

  @Option(
      names = "--desired",
      defaultValue = "desired-state",
      description = "Desired-state directory (default: ${DEFAULT-VALUE}).")
  Path desiredPath;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws UnknownHostException {
    PrintWriter out = spec.commandLine().getOut();
    URI endpoint = main.aws.endpoint;
    region = main.aws.region == null ? DEFAULT_REGION : main.aws.region;
    if (endpoint == null) {
      spec.commandLine()
          .getErr()
          .println(
              "error: demo needs --endpoint-url: the local emulator (./controller demo starts one)");
      return Main.ERROR;
    }
    if (!InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
      spec.commandLine()
          .getErr()
          .println("error: demo only runs against an emulator on this machine, not " + endpoint);
      return Main.ERROR;
    }
    SourceOptions source = new SourceOptions();
    source.paths = List.of(desiredPath);
    DesiredState desired = Loading.load(source, spec);
    if (desired == null) return Main.ERROR;
    ApiCalls calls = new ApiCalls();
    AwsTarget target =
        new AwsTarget(
            Optional.of(Region.of(region)),
            Optional.of(endpoint),
            Optional.empty(),
            List.of(calls));
    try (AwsClients clients = new AwsClients(target)) {
      Ownership ownership = new Ownership(Ownership.DEFAULT_CONTROLLER_ID);
      Reconciler reconciler =
          new Reconciler(
              clients,
              ownership,
              new io.ecsgate.state.InventoryTable(
                  new io.ecsgate.state.StateTable(
                      clients.dynamoDb(), io.ecsgate.state.StateTable.DEFAULT_NAME, ownership)));
      boolean created = fromEmpty(clients, reconciler, desired, calls, out);
      boolean repaired = driftAndRepair(clients, reconciler, desired, calls, out);
      out.flush();
      return created && repaired ? Main.OK : Main.ERROR;
    }
  }

  /** Steps 1-5: the network, validate, plan and apply from nothing, and a no-op apply. */
  private boolean fromEmpty(
      AwsClients clients,
      Reconciler reconciler,
      DesiredState desired,
      ApiCalls calls,
      PrintWriter out) {
    step(out, "1. The network the stack lives in (made by hand, not managed by ecsgate)");
    EmulatorNetwork.create(clients.ec2(), region)
        .forEach((name, id) -> out.println("   " + name + " = " + id));
    step(
        out,
        "2. validate "
            + desiredPath
            + ": "
            + desired.size()
            + " resources, revision "
            + desired.revision());
    step(out, "3. plan from an empty account");
    calls.reset();
    PlanPrinter.human(reconciler.plan(desired, PlanOptions.DEFAULT), out);
    step(out, "4. apply");
    calls.reset();
    Convergence created = reconciler.converge(desired, PlanOptions.DEFAULT, printing(out));
    out.println(
        "   "
            + created.changes()
            + " changes in "
            + created.passes()
            + " pass(es); API calls: "
            + calls.writes()
            + " writes, "
            + calls.reads()
            + " reads");
    step(out, "5. apply again: nothing to do");
    calls.reset();
    reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    out.println(
        "   no-op cycle: "
            + calls.writes()
            + " writes, "
            + calls.reads()
            + " reads "
            + calls.snapshot());
    step(out, "   the API as deployed");
    showApi(clients.apiGateway(), region, out);
    return created.succeeded();
  }

  /** Steps 6-9: drift made by hand, shown by plan, repaired by apply; true when none is left. */
  private static boolean driftAndRepair(
      AwsClients clients,
      Reconciler reconciler,
      DesiredState desired,
      ApiCalls calls,
      PrintWriter out) {
    step(out, "6. someone edits the stack in the console");
    driftByHand(clients.elb(), out);
    driftEcsByHand(clients.ecs(), out);
    apiDriftByHand(clients.apiGateway(), out);
    step(out, "7. plan shows the drift");
    calls.reset();
    PlanPrinter.human(reconciler.plan(desired, PlanOptions.DEFAULT), out);
    step(out, "8. apply repairs it");
    calls.reset();
    reconciler.converge(desired, PlanOptions.DEFAULT, printing(out));
    out.println("   repaired with " + calls.writes() + " writes: " + calls.writeCalls());
    step(out, "9. plan --detailed-exitcode");
    Plan after = reconciler.plan(desired, PlanOptions.DEFAULT);
    PlanPrinter.human(after, out);
    out.println("   exit code " + (after.hasDifferences() ? Main.CHANGES : Main.OK));
    return !after.hasDifferences();
  }

  private static void driftByHand(ElasticLoadBalancingV2Client elb, PrintWriter out) {
    List<TargetGroup> groups = elb.describeTargetGroups().targetGroups();
    TargetGroup demo1 =
        groups.stream()
            .filter(tg -> tg.targetGroupName().equals("ecs-fargate-demo1-tg"))
            .findFirst()
            .orElse(null);
    if (demo1 != null) {
      elb.modifyTargetGroup(r -> r.targetGroupArn(demo1.targetGroupArn()).healthCheckPath("/"));
      out.println("   health check of ecs-fargate-demo1-tg set to /");
    }
    LoadBalancer alb =
        elb.describeLoadBalancers().loadBalancers().stream()
            .filter(lb -> "application".equals(lb.typeAsString()))
            .findFirst()
            .orElse(null);
    if (alb != null) {
      String listener =
          elb.describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
              .listeners()
              .get(0)
              .listenerArn();
      Rule rule =
          elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
              .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
              .findFirst()
              .orElse(null);
      if (rule != null) {
        elb.modifyRule(
            r ->
                r.ruleArn(rule.ruleArn())
                    .conditions(
                        c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/oops"))));
        out.println("   rule at priority " + rule.priority() + " now matches /oops");
      }
      out.println(
          "   (the ALB's interfaces are "
              + ElbSnapshot.interfaceDescription(alb.loadBalancerArn())
              + ")");
    }
    groups.stream()
        .filter(tg -> "TCP".equals(tg.protocolAsString()))
        .findFirst()
        .ifPresent(
            nlbGroup -> {
              elb.registerTargets(
                  r ->
                      r.targetGroupArn(nlbGroup.targetGroupArn())
                          .targets(t -> t.id("10.0.1.250").port(nlbGroup.port())));
              out.println(
                  "   10.0.1.250 (not an ALB address) registered in " + nlbGroup.targetGroupName());
            });
  }

  /**
   * Each REST API's routes with their VPC link integrations, the stage and the deployment it
   * serves.
   */
  private static void showApi(ApiGatewayClient apigw, String region, PrintWriter out) {
    for (RestApi api : apigw.getRestApis(r -> r.limit(500)).items()) {
      for (Stage stage : apigw.getStages(r -> r.restApiId(api.id())).item()) {
        String description =
            apigw
                .getDeployment(r -> r.restApiId(api.id()).deploymentId(stage.deploymentId()))
                .description();
        out.println(
            "   "
                + api.name()
                + ": https://"
                + api.id()
                + ".execute-api."
                + region
                + ".amazonaws.com/"
                + stage.stageName()
                + "  (deployment "
                + stage.deploymentId()
                + ", "
                + description
                + ", variables "
                + stage.variables()
                + ")");
      }
      for (Resource resource :
          apigw.getResources(r -> r.restApiId(api.id()).embed("methods").limit(500)).items()) {
        if (resource.resourceMethods() == null) continue;
        resource
            .resourceMethods()
            .forEach(
                (verb, method) -> {
                  var integration = method.methodIntegration();
                  out.println(
                      "   "
                          + verb
                          + " "
                          + resource.path()
                          + " -> "
                          + (integration == null
                              ? "(no integration)"
                              : integration.typeAsString()
                                  + " "
                                  + integration.uri()
                                  + " via "
                                  + integration.connectionTypeAsString()
                                  + " "
                                  + integration.connectionId()));
                });
      }
    }
  }

  private static void apiDriftByHand(ApiGatewayClient apigw, PrintWriter out) {
    for (RestApi api : apigw.getRestApis(r -> r.limit(500)).items()) {
      for (Stage stage : apigw.getStages(r -> r.restApiId(api.id())).item()) {
        apigw.updateStage(
            r ->
                r.restApiId(api.id())
                    .stageName(stage.stageName())
                    .patchOperations(p -> p.op("replace").path("/variables/env").value("prod")));
        out.println(
            "   stage variable env of " + api.name() + "/" + stage.stageName() + " set to prod");
      }
      for (Resource resource :
          apigw.getResources(r -> r.restApiId(api.id()).embed("methods").limit(500)).items()) {
        if (resource.resourceMethods() != null && resource.resourceMethods().containsKey("POST")) {
          apigw.deleteMethod(
              r -> r.restApiId(api.id()).resourceId(resource.id()).httpMethod("POST"));
          out.println("   method POST " + resource.path() + " of " + api.name() + " deleted");
        }
      }
    }
  }

  /**
   * The ECS part: Container Insights switched off, a service pointed at another revision, a scaled
   * service.
   */
  private static void driftEcsByHand(EcsClient ecs, PrintWriter out) {
    String cluster = "ecs-fargate-cluster";
    if (ecs.describeClusters(r -> r.clusters(cluster)).clusters().isEmpty()) return;
    ecs.updateCluster(
        r -> r.cluster(cluster).settings(s -> s.name("containerInsights").value("disabled")));
    out.println("   Container Insights of " + cluster + " switched off");
    List<Service> services =
        ecs.describeServices(
                r ->
                    r.cluster(cluster)
                        .services("ecs-fargate-demo1-service", "ecs-fargate-demo2-service"))
            .services();
    if (services.size() < 2) return;
    ecs.updateService(
        r ->
            r.cluster(cluster)
                .service(services.get(0).serviceName())
                .taskDefinition(services.get(1).taskDefinition()));
    out.println(
        "   " + services.get(0).serviceName() + " pointed at " + services.get(1).taskDefinition());
    ecs.updateService(
        r -> r.cluster(cluster).service(services.get(1).serviceName()).desiredCount(3));
    out.println(
        "   "
            + services.get(1).serviceName()
            + " scaled to 3 tasks (as its auto scaler would: ecsgate leaves that alone)");
  }

  private static Convergence.Progress printing(PrintWriter out) {
    return new Convergence.Progress() {
      @Override
      public void planned(Plan plan, int pass) {
        if (pass > 1 && plan.hasChanges())
          out.println("   pass " + pass + ": work that needed resources created above");
      }

      @Override
      public void outcome(io.ecsgate.core.Outcome outcome) {
        PlanPrinter.outcome(outcome, out);
      }
    };
  }

  private static void step(PrintWriter out, String title) {
    out.println();
    out.println("== " + title);
    out.flush();
  }
}
