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
          "cloudwatchlogs", "logs",
          "cloudwatch", "cloudwatch");

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
          // EC2 authorises the rule tags given with AuthorizeSecurityGroupIngress as ec2:CreateTags
          // (limited by ec2:CreateAction)
          Map.entry(
              new Operation("ec2", "AuthorizeSecurityGroupIngress"), Set.of("ec2:CreateTags")),
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
          // tags given to PutMetricAlarm (a new step scaling alarm) are authorised as
          // cloudwatch:TagResource too
          Map.entry(
              new Operation("cloudwatch", "PutMetricAlarm"), Set.of("cloudwatch:TagResource")),
          // the first VPC link V2 of an account creates AWSServiceRoleForAPIGateway (its network
          // interfaces in the link's subnets are made by that role)
          Map.entry(
              new Operation("apigatewayv2", "CreateVpcLink"),
              Set.of("iam:CreateServiceLinkedRole")),
          Map.entry(
              new Operation("apigateway", "DeleteVpcLink"),
              Set.of(
                  "ec2:DeleteVpcEndpointServiceConfigurations",
                  "ec2:DescribeVpcEndpointServiceConfigurations")));

  /** The placeholder the PassRole statement names: the roles the operator lets tasks run as. */
  static final String PASS_ROLE_PLACEHOLDER = "${PASS_ROLE_ARNS}";

  /**
   * Write statements that carry no condition, each with what AWS forces (Service Authorization
   * Reference, "Actions, resources, and condition keys for ..."). Every other write statement has
   * one; each of these still names a resource pattern unless AWS supports none.
   */
  static final Map<String, String> WRITES_WITHOUT_CONDITION =
      Map.of(
          "DeregisterTaskDefinitions",
          "ecs:DeregisterTaskDefinition has no resource type and no condition key (Amazon Elastic"
              + " Container Service): only Resource \"*\" grants it, so a tag-conditioned statement"
              + " never did. The planner deregisters only revisions tagged as its own.",
          "VpcLinkEndpointServices",
          "API Gateway creates and deletes the NLB's VPC endpoint service with the caller's"
              + " permissions while it creates or deletes a VPC link, with no tags ecsgate chooses:"
              + " only the resource type vpc-endpoint-service/* narrows it.",
          "StateTable",
          "the resource is the one table ARN (table/ecsgate-state): nothing else to narrow.",
          "SecurityGroupIngressOnAnyGroup",
          "the security groups are the user's and carry no ecsgate tag, and IAM cannot limit"
              + " RevokeSecurityGroupIngress to rules by their tags: only the resource type"
              + " security-group/* narrows it. The code revokes only rules tagged as ecsgate's, by"
              + " rule ID; the rules it authorizes must carry its tag"
              + " (SecurityGroupIngressRulesTaggedOnCreate).");

  /** Actions whose statement may name Resource "*", and why AWS leaves no choice. */
  static final Map<String, String> WRITES_ON_EVERY_RESOURCE =
      Map.of(
          "ecs:DeregisterTaskDefinition",
          "no resource type (Amazon Elastic Container Service)",
          "ecs:RegisterTaskDefinition",
          "no resource type; conditioned on aws:RequestTag, which it supports");

  /**
   * Tagging actions: the ones that could make a foreign resource look like ecsgate's. Each is
   * granted only as tag-on-create, on what is already ecsgate's, or as the one adoption statement
   * of its service (see {@link #taggingCannotClaimAForeignResource}).
   */
  static final Set<String> TAGGING =
      Set.of(
          "elasticloadbalancing:AddTags",
          "ecs:TagResource",
          "apigateway:PUT",
          // API Gateway V2's TagResource (VPC links V2) is a POST on /tags/
          "apigateway:POST");

  /**
   * Tagging statements that are neither tag-on-create nor conditioned on the resource's tag, and
   * why: their service has no CreateAction key, and the resource is narrow.
   */
  static final Map<String, String> TAGGING_BY_REQUEST_TAG_ONLY =
      Map.of(
          "CreateOwnedLogGroups",
          "CloudWatch Logs authorises the tags of CreateLogGroup as logs:TagResource and has no"
              + " CreateAction key; log-group ARNs only",
          "StateTable",
          "dynamodb:TagResource on the one table ARN only",
          "CreateOrAdoptScalingAlarms",
          "CloudWatch authorises the Tags of PutMetricAlarm as cloudwatch:TagResource and has no"
              + " CreateAction key, so a new alarm and an untagged existing one look alike to IAM;"
              + " alarm ARNs only, and only alarms carrying no ecsgate:managed-by tag (Null): never"
              + " one another controller id tagged. The planner blocks a foreign alarm of a declared"
              + " name unless it is adopted");

  /**
   * The statements only adoption (metadata.adopt: true) needs: an operator who never adopts may
   * drop them.
   */
  static final Set<String> ADOPTION =
      Set.of(
          "AdoptLoadBalancingResources",
          "ListenersOfAdoptedLoadBalancers",
          "RulesOnListenersOfAdoptedLoadBalancers",
          "AdoptEcsResources",
          "AdoptApiGatewayResources");

  /** Services whose writes must each name ecsgate's ownership tag (request or resource). */
  static final Set<String> TAG_CONDITIONED_SERVICES =
      Set.of(
          "elasticloadbalancing",
          "ecs",
          "application-autoscaling",
          "apigateway",
          "logs",
          "cloudwatch");

  static final String REQUEST_TAG = "aws:RequestTag/" + Ownership.MANAGED_BY;
  static final String RESOURCE_TAG = "aws:ResourceTag/" + Ownership.MANAGED_BY;

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
  void everyWriteStatementCarriesAResourcePatternOrACondition() throws IOException {
    Set<String> unconditioned = new TreeSet<>();
    for (JsonNode statement : statements()) {
      List<String> writes = writes(statement);
      if (writes.isEmpty()) continue;
      String sid = statement.path("Sid").asText();
      boolean conditioned = statement.path("Condition").size() > 0;
      if (!conditioned) {
        unconditioned.add(sid);
        assertTrue(
            WRITES_WITHOUT_CONDITION.containsKey(sid),
            sid + " grants " + writes + " with no condition, and is not an exception AWS forces");
      }
      List<String> resources = strings(statement.get("Resource"));
      assertFalse(resources.isEmpty(), sid + " names its resources");
      if (resources.contains("*")) {
        for (String action : writes)
          assertTrue(
              WRITES_ON_EVERY_RESOURCE.containsKey(action),
              action + " in " + sid + " on Resource \"*\": name a resource pattern");
      }
    }
    assertEquals(
        WRITES_WITHOUT_CONDITION.keySet(),
        unconditioned,
        "the list of exceptions is exactly the unconditioned write statements");
  }

  @Test
  void everyWriteOfTheStacksServicesNamesTheOwnershipTag() throws IOException {
    for (JsonNode statement : statements()) {
      String sid = statement.path("Sid").asText();
      if (WRITES_WITHOUT_CONDITION.containsKey(sid)) continue;
      for (String action : writes(statement)) {
        if (!TAG_CONDITIONED_SERVICES.contains(action.substring(0, action.indexOf(':')))) continue;
        JsonNode equals = statement.path("Condition").path("StringEquals");
        boolean untagged =
            "true".equals(statement.path("Condition").path("Null").path(RESOURCE_TAG).asText());
        assertTrue(
            equals.has(REQUEST_TAG) || equals.has(RESOURCE_TAG) || untagged,
            action + " in " + sid + " is not limited by the " + Ownership.MANAGED_BY + " tag");
        if (untagged)
          assertTrue(
              ADOPTION.contains(sid) || TAGGING_BY_REQUEST_TAG_ONLY.containsKey(sid),
              sid + ": only adoption (or a create IAM cannot tell from it) acts on untagged ones");
      }
      statement
          .path("Condition")
          .fields()
          .forEachRemaining(
              operator ->
                  operator
                      .getValue()
                      .fields()
                      .forEachRemaining(
                          key -> {
                            if (key.getKey().endsWith("/" + Ownership.MANAGED_BY)
                                && !operator.getKey().equals("Null"))
                              assertEquals(
                                  Ownership.DEFAULT_CONTROLLER_ID,
                                  key.getValue().asText(),
                                  sid + ": the condition names the default controller id");
                          }));
    }
  }

  @Test
  void taggingCannotClaimAForeignResource() throws IOException {
    Set<String> adoptionByService = new TreeSet<>();
    for (JsonNode statement : statements()) {
      String sid = statement.path("Sid").asText();
      for (String action : strings(statement.get("Action"))) {
        boolean tagging =
            TAGGING.contains(action)
                && (!action.startsWith("apigateway:")
                    || strings(statement.get("Resource")).stream()
                        .anyMatch(r -> r.contains("/tags/")));
        if (!tagging && !action.endsWith(":TagResource")) continue;
        if (!TAGGING.contains(action)) {
          assertTrue(
              TAGGING_BY_REQUEST_TAG_ONLY.containsKey(sid), action + " in " + sid + " unexplained");
          continue;
        }
        JsonNode condition = statement.path("Condition");
        JsonNode equals = condition.path("StringEquals");
        boolean onCreate =
            equals.has(REQUEST_TAG)
                && (equals.has("ecs:CreateAction")
                    || equals.has("elasticloadbalancing:CreateAction"));
        boolean owned = equals.has(RESOURCE_TAG);
        boolean adoption =
            equals.has(REQUEST_TAG)
                && "true".equals(condition.path("Null").path(RESOURCE_TAG).asText());
        assertTrue(
            onCreate || owned || adoption,
            action
                + " in "
                + sid
                + " must be tag-on-create (aws:RequestTag and a CreateAction), on resources"
                + " tagged as ecsgate's (aws:ResourceTag), or adoption of untagged ones: "
                + condition);
        if (onCreate)
          assertFalse(
              condition.path("StringEquals").path("ecs:CreateAction").isMissingNode()
                  && condition
                      .path("StringEquals")
                      .path("elasticloadbalancing:CreateAction")
                      .isMissingNode(),
              sid);
        if (adoption) {
          assertTrue(ADOPTION.contains(sid), sid + " adopts: list it in ADOPTION and README");
          assertTrue(
              adoptionByService.add(action), "one adoption statement for " + action + ": " + sid);
        }
      }
    }
    assertEquals(
        new TreeSet<>(TAGGING),
        adoptionByService,
        "each tagging service has its adoption statement");
  }

  @Test
  void theDocumentedExceptionsAndAdoptionStatementsAreInThePolicyAndTheReadme() throws IOException {
    Set<String> sids = new TreeSet<>();
    statements().forEach(statement -> sids.add(statement.path("Sid").asText()));
    String readme = Files.readString(Path.of("README.md"));
    for (String sid : ADOPTION) {
      assertTrue(sids.contains(sid), "no statement " + sid);
      assertTrue(readme.contains("`" + sid + "`"), "README names the adoption statement " + sid);
    }
    for (String sid : WRITES_WITHOUT_CONDITION.keySet())
      assertTrue(readme.contains("`" + sid + "`"), "README names the exception " + sid);
    for (String sid : TAGGING_BY_REQUEST_TAG_ONLY.keySet())
      assertTrue(sids.contains(sid), "no statement " + sid);
  }

  @Test
  void passRoleIsOnlyOnTheRolesTheOperatorNames() throws IOException {
    List<JsonNode> passRole =
        statements().stream()
            .filter(s -> strings(s.get("Action")).contains("iam:PassRole"))
            .toList();
    assertEquals(1, passRole.size(), "one PassRole statement");
    JsonNode statement = passRole.get(0);
    assertEquals(List.of("iam:PassRole"), strings(statement.get("Action")));
    assertEquals(
        List.of(PASS_ROLE_PLACEHOLDER),
        strings(statement.get("Resource")),
        "the roles the operator names (the stack's PassRoleArns), never *");
    assertEquals(
        "ecs-tasks.amazonaws.com",
        statement.at("/Condition/StringEquals/iam:PassedToService").asText());
  }

  @Test
  void theStateTablesActionsAreOnThatTableOnly() throws IOException {
    String table = "arn:aws:dynamodb:*:*:table/" + io.ecsgate.state.StateTable.DEFAULT_NAME;
    int actions = 0;
    for (JsonNode statement : statements()) {
      for (String action : strings(statement.get("Action"))) {
        if (!action.startsWith("dynamodb:")) continue;
        actions++;
        assertEquals(
            List.of(table),
            strings(statement.get("Resource")),
            action + " in " + statement.path("Sid") + " on the state table only");
      }
    }
    assertTrue(actions > 0, "the policy grants the state table's actions");
  }

  static List<String> writes(JsonNode statement) {
    return strings(statement.get("Action")).stream().filter(a -> !isRead(a)).toList();
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
        if (!isRead(action)
            && strings(statement.get("Resource")).contains("*")
            && !WRITES_WITHOUT_CONDITION.containsKey(statement.path("Sid").asText())) {
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
    // API Gateway V2 (VPC links V2) shares API Gateway's IAM namespace and its ARNs
    if (operation.service().equals("apigateway") || operation.service().equals("apigatewayv2"))
      return "apigateway:" + httpMethodOf(operation);
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
