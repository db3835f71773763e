package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.core.Ownership;
import io.ecsgate.deploy.SdkCalls.Call;
import io.ecsgate.deploy.SdkCalls.Operation;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * deploy/iam-policy.json grants exactly the AWS actions the product code can call: the compiled
 * classes are scanned for every SDK client operation, each is mapped to its IAM action, and the two
 * sets must be equal both ways. When code starts calling a new operation this test fails until the
 * policy grants it; when code stops, until the policy drops it.
 */
class IamPolicyTest {
  static final Path POLICY = Path.of("deploy/iam-policy.json");
  static final Path PLAN_POLICY = Path.of("deploy/iam-policy-plan.json");

  /**
   * Classes whose AWS calls never reach a real account: {@code demo} builds the seed network on the
   * local emulator and refuses any endpoint that is not loopback (DemoCommand checks it before any
   * call).
   */
  static final List<String> EMULATOR_ONLY =
      List.of("io/ecsgate/demo/", "io/ecsgate/cli/DemoCommand");

  /**
   * IAM prefix of each SDK service package (API Gateway is authorised by HTTP verb, see {@link
   * #actionOf}).
   */
  static final Map<String, String> IAM_PREFIX =
      Map.of(
          "elasticloadbalancingv2", "elasticloadbalancing",
          "ec2", "ec2",
          "ecs", "ecs",
          "applicationautoscaling", "application-autoscaling",
          "dynamodb", "dynamodb",
          "sts", "sts",
          "ecr", "ecr",
          "iam", "iam",
          "cloudwatchlogs", "logs");

  /**
   * Actions AWS authorises besides the operation's own, by the operation that needs them. Each one
   * is in the policy only while the code calls its operation.
   */
  static final Map<Operation, Set<String>> IMPLIED =
      Map.ofEntries(
          // tags given on create are authorised as AddTags (ELB "tag on create")
          Map.entry(
              elb("CreateLoadBalancer"),
              Set.of(
                  "elasticloadbalancing:AddTags",
                  // the first load balancer of an account creates
                  // AWSServiceRoleForElasticLoadBalancing
                  "iam:CreateServiceLinkedRole")),
          Map.entry(elb("CreateTargetGroup"), Set.of("elasticloadbalancing:AddTags")),
          Map.entry(elb("CreateListener"), Set.of("elasticloadbalancing:AddTags")),
          Map.entry(elb("CreateRule"), Set.of("elasticloadbalancing:AddTags")),
          // a task definition names a task role and an execution role: registering it passes them
          // to ECS tasks
          // (the policy must limit it with iam:PassedToService = ecs-tasks.amazonaws.com, checked
          // below)
          Map.entry(
              new Operation("ecs", "RegisterTaskDefinition"),
              Set.of("iam:PassRole", "ecs:TagResource")),
          // ECS authorises tags on create as ecs:TagResource; the first cluster/service creates
          // AWSServiceRoleForECS
          Map.entry(
              new Operation("ecs", "CreateService"),
              Set.of("ecs:TagResource", "iam:CreateServiceLinkedRole")),
          Map.entry(
              new Operation("ecs", "CreateCluster"),
              Set.of("ecs:TagResource", "iam:CreateServiceLinkedRole")),
          // the first scalable ECS target creates
          // AWSServiceRoleForApplicationAutoScaling_ECSService
          Map.entry(
              new Operation("applicationautoscaling", "RegisterScalableTarget"),
              Set.of("iam:CreateServiceLinkedRole")),
          // a REST API VPC link is a VPC endpoint service on the NLB, created with the caller's
          // permissions
          Map.entry(
              new Operation("apigateway", "CreateVpcLink"),
              Set.of(
                  "ec2:CreateVpcEndpointServiceConfiguration",
                  "ec2:DeleteVpcEndpointServiceConfigurations",
                  "ec2:DescribeVpcEndpointServiceConfigurations",
                  "ec2:ModifyVpcEndpointServicePermissions",
                  "elasticloadbalancing:DescribeLoadBalancers")),
          // the state table is created with its ownership tags
          Map.entry(new Operation("dynamodb", "CreateTable"), Set.of("dynamodb:TagResource")),
          // tags given to CreateLogGroup are authorised as logs:TagResource too
          Map.entry(new Operation("cloudwatchlogs", "CreateLogGroup"), Set.of("logs:TagResource")),
          Map.entry(
              new Operation("apigateway", "DeleteVpcLink"),
              Set.of(
                  "ec2:DeleteVpcEndpointServiceConfigurations",
                  "ec2:DescribeVpcEndpointServiceConfigurations")));

  /**
   * ELB writes allowed without the ownership-tag condition: listeners of a load balancer ecsgate
   * adopted carry no ownership tag, and the planner only changes listeners of load balancers it
   * owns.
   */
  static final Set<String> ELB_WRITES_WITHOUT_TAG_CONDITION =
      Set.of("elasticloadbalancing:ModifyListener", "elasticloadbalancing:DeleteListener");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void policyGrantsExactlyTheActionsTheCodeCanCall() throws IOException {
    Set<String> needed = new TreeSet<>();
    for (Operation operation : productOperations()) {
      needed.add(actionOf(operation));
      needed.addAll(IMPLIED.getOrDefault(operation, Set.of()));
    }
    Set<String> granted = new TreeSet<>(grantedActions());

    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(granted);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(needed);
    assertTrue(
        missing.isEmpty() && unused.isEmpty(),
        "deploy/iam-policy.json differs from what the code calls.\n  missing (add them): "
            + missing
            + "\n  never called (remove them, or list them in IMPLIED with a reason): "
            + unused);
  }

  @Test
  void theScanSeesTheKnownReadsAndWritesAndSkipsTheEmulatorOnlyDemo() throws IOException {
    Set<Operation> operations = productOperations();
    assertTrue(
        operations.contains(elb("DescribeLoadBalancers")),
        "paginator calls count as their operation: " + operations);
    assertTrue(operations.contains(elb("ModifyRule")), operations::toString);
    assertTrue(
        operations.contains(new Operation("ec2", "DescribeNetworkInterfaces")),
        operations::toString);
    assertFalse(
        operations.stream()
            .anyMatch(o -> o.name().equals("Close") || o.name().equals("ServiceName")),
        operations::toString);
    // the demo's own network setup is excluded, and only because of EMULATOR_ONLY
    assertFalse(operations.contains(new Operation("ec2", "CreateVpc")));
    assertTrue(
        SdkCalls.operations(SdkCalls.scan(mainClasses(), name -> true))
            .contains(new Operation("ec2", "CreateVpc")));
  }

  @Test
  void everyScannedOperationIsARealOperationOfItsService() throws IOException {
    for (Operation operation : productOperations()) {
      String request =
          "software.amazon.awssdk.services."
              + operation.service()
              + ".model."
              + operation.name()
              + "Request";
      try {
        Class.forName(request, false, getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        fail(operation + " has no " + request + ": the scan mistook a method for an operation");
      }
    }
  }

  @Test
  void apiGatewayOperationsMapToTheirHttpVerb() {
    assertEquals("apigateway:GET", actionOf(new Operation("apigateway", "GetRestApis")));
    assertEquals("apigateway:POST", actionOf(new Operation("apigateway", "CreateDeployment")));
    assertEquals("apigateway:PATCH", actionOf(new Operation("apigateway", "UpdateStage")));
    assertEquals("apigateway:PUT", actionOf(new Operation("apigateway", "PutIntegration")));
    assertEquals("apigateway:DELETE", actionOf(new Operation("apigateway", "DeleteResource")));
    assertEquals("elasticloadbalancing:SetRulePriorities", actionOf(elb("SetRulePriorities")));
    assertEquals(
        "application-autoscaling:PutScalingPolicy",
        actionOf(new Operation("applicationautoscaling", "PutScalingPolicy")));
  }

  @Test
  void elbWritesAreScopedToResourcesTaggedAsOurs() throws IOException {
    String tagKey = "/" + Ownership.MANAGED_BY;
    for (JsonNode statement : statements()) {
      for (String action : strings(statement.get("Action"))) {
        if (!action.startsWith("elasticloadbalancing:")
            || action.startsWith("elasticloadbalancing:Describe")
            || ELB_WRITES_WITHOUT_TAG_CONDITION.contains(action)) {
          continue;
        }
        JsonNode condition = statement.path("Condition").path("StringEquals");
        assertTrue(
            condition.size() > 0,
            action + " in " + statement.path("Sid") + " has no tag condition");
        Set<String> keys = new HashSet<>();
        condition.fieldNames().forEachRemaining(keys::add);
        assertTrue(
            keys.stream()
                .anyMatch(
                    k ->
                        (k.startsWith("aws:ResourceTag") || k.startsWith("aws:RequestTag"))
                            && k.endsWith(tagKey)),
            action
                + " in "
                + statement.path("Sid")
                + " is not limited by the "
                + Ownership.MANAGED_BY
                + " tag: "
                + keys);
        condition
            .fields()
            .forEachRemaining(
                e ->
                    assertEquals(
                        Ownership.DEFAULT_CONTROLLER_ID,
                        e.getValue().asText(),
                        "the condition names the controller id the task definition runs with"));
      }
    }
  }

  @Test
  void broadOrDangerousGrantsAreConditioned() throws IOException {
    List<String> sids = new ArrayList<>();
    for (JsonNode statement : statements()) {
      assertEquals("Allow", statement.path("Effect").asText());
      sids.add(statement.path("Sid").asText());
      for (String action : strings(statement.get("Action"))) {
        assertFalse(action.contains("*"), "no wildcard actions: " + action);
        JsonNode condition = statement.path("Condition");
        if (action.equals("iam:PassRole")) {
          assertEquals(
              "ecs-tasks.amazonaws.com",
              condition.path("StringEquals").path("iam:PassedToService").asText(),
              "iam:PassRole only to ECS tasks");
        }
        if (action.equals("iam:CreateServiceLinkedRole")) {
          assertFalse(
              condition.path("StringEquals").path("iam:AWSServiceName").isMissingNode(),
              "iam:CreateServiceLinkedRole only for named services");
        }
        if (!isRead(action) && strings(statement.get("Resource")).contains("*")) {
          assertFalse(condition.isMissingNode(), action + " on every resource needs a condition");
        }
      }
    }
    assertEquals(sids.size(), new HashSet<>(sids).size(), "statement ids are unique: " + sids);
    assertFalse(sids.contains(""), "every statement has a Sid");
  }

  @Test
  void thePlanRoleGetsExactlyTheReadsOfTheControllersPolicy() throws IOException {
    Set<String> reads =
        grantedActions().stream()
            .filter(IamPolicyTest::isRead)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> planActions = new TreeSet<>();
    for (JsonNode statement : statements(PLAN_POLICY))
      planActions.addAll(strings(statement.get("Action")));
    assertEquals(
        reads,
        planActions,
        "deploy/iam-policy-plan.json (CI's plan on pull requests) may read what the controller reads, and nothing more");
  }

  static boolean isRead(String action) {
    return action.matches("[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*")
        || action.equals("apigateway:GET")
        || action.equals("dynamodb:Query");
  }

  // --- the scan
  // -----------------------------------------------------------------------------------------------------

  static Set<Operation> productOperations() throws IOException {
    List<Call> calls =
        SdkCalls.scan(mainClasses(), name -> EMULATOR_ONLY.stream().noneMatch(name::startsWith));
    return SdkCalls.operations(calls);
  }

  static Path mainClasses() {
    try {
      Path classes =
          Path.of(
              io.ecsgate.cli.Main.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      assertTrue(
          Files.isDirectory(classes.resolve("io/ecsgate")),
          "compiled main classes expected in " + classes);
      return classes;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The IAM action that authorises an SDK operation. */
  static String actionOf(Operation operation) {
    if (operation.service().equals("apigateway")) return "apigateway:" + httpMethodOf(operation);
    String prefix = IAM_PREFIX.get(operation.service());
    if (prefix == null) {
      throw new AssertionError(
          "the code calls "
              + operation
              + ": add the IAM prefix of SDK service '"
              + operation.service()
              + "' to IAM_PREFIX");
    }
    return prefix + ":" + operation.name();
  }

  /**
   * API Gateway's management API is authorised by HTTP verb: read it from the SDK's own operation
   * binding.
   */
  static String httpMethodOf(Operation operation) {
    String marshaller =
        "software.amazon.awssdk.services."
            + operation.service()
            + ".transform."
            + operation.name()
            + "RequestMarshaller";
    try {
      Field binding = Class.forName(marshaller).getDeclaredField("SDK_OPERATION_BINDING");
      binding.setAccessible(true);
      return ((OperationInfo) binding.get(null)).httpMethod().name();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no HTTP binding for " + operation + " in " + marshaller, e);
    }
  }

  private static Operation elb(String name) {
    return new Operation("elasticloadbalancingv2", name);
  }

  // --- the policy
  // ---------------------------------------------------------------------------------------------------

  static List<JsonNode> statements() throws IOException {
    return statements(POLICY);
  }

  static List<JsonNode> statements(Path file) throws IOException {
    JsonNode policy = JSON.readTree(file.toFile());
    assertEquals("2012-10-17", policy.path("Version").asText());
    List<JsonNode> statements = new ArrayList<>();
    policy.path("Statement").forEach(statements::add);
    assertFalse(statements.isEmpty());
    return statements;
  }

  static Set<String> grantedActions() throws IOException {
    return statements().stream()
        .flatMap(s -> strings(s.get("Action")).stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) return values;
    if (node.isTextual()) values.add(node.asText());
    else node.forEach(n -> values.add(n.asText()));
    return values;
  }
}
