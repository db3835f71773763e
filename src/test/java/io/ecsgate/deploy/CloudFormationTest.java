package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * deploy/cloudformation/: the controller's stack says what the rest of deploy/ says. Its task role
 * carries deploy/iam-policy.json with the trust of deploy/task-role-trust.json, its task definition
 * is deploy/task-definition.json with the stack's values in the placeholders, and its service runs
 * one controller at a time; the CI plan role carries deploy/iam-policy-plan.json (the controller's
 * reads, which IamPolicyTest derives from the code) and nothing but an ECR pull besides. cfn-lint
 * checks the templates against CloudFormation's schemas in {@code ./controller test}.
 */
class CloudFormationTest {
  static final Path CONTROLLER_STACK = Path.of("deploy/cloudformation/ecsgate.yaml");
  static final Path PLAN_ROLE_STACK = Path.of("deploy/cloudformation/ecsgate-plan-role.yaml");

  /** What the plan job needs besides the controller's reads: pulling the image it runs. */
  static final Set<String> ECR_PULL =
      Set.of(
          "ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer");

  /**
   * The placeholders of deploy/*.json, by the CloudFormation value that fills them: rendering a
   * template's value with these gives the JSON file's text.
   */
  static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "AWS::AccountId", "${AWS_ACCOUNT_ID}",
          "AWS::Region", "${AWS_REGION}",
          "AWS::Partition", "aws",
          "AWS::URLSuffix", "amazonaws.com",
          "ImageTag", "${GIT_SHA}",
          "PassRoleArns", IamPolicyTest.PASS_ROLE_PLACEHOLDER);

  /** Task definition fields whose values are maps of data: their keys are not renamed. */
  static final Set<String> DATA_MAPS = Set.of("options", "dockerLabels");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTemplatesUseLongFormIntrinsicsThatAnyYamlParserReads() throws IOException {
    for (Path template : List.of(CONTROLLER_STACK, PLAN_ROLE_STACK)) {
      try (Reader reader = Files.newBufferedReader(template)) {
        for (Event event : new Yaml().parse(reader)) {
          String tag =
              event instanceof ScalarEvent scalar
                  ? scalar.getTag()
                  : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
          assertNull(
              tag,
              () ->
                  template
                      + ":"
                      + (event.getStartMark().getLine() + 1)
                      + ": a YAML tag ("
                      + tag
                      + "); write the intrinsic in its long form (Fn::Sub:, Ref:)");
        }
      }
      JsonNode stack = YAML.readTree(template.toFile());
      assertEquals("2010-09-09", stack.path("AWSTemplateFormatVersion").asText(), template + "");
      assertTrue(stack.path("Resources").size() > 0, template + " declares resources");
    }
  }

  @Test
  void theTaskRoleCarriesTheControllersPolicyAndTrust() throws IOException {
    JsonNode role = resource(controllerStack(), "TaskRole", "AWS::IAM::Role");
    JsonNode policies = role.path("Properties").path("Policies");
    assertEquals(1, policies.size(), "one inline policy: deploy/iam-policy.json");
    JsonNode document = policies.get(0).path("PolicyDocument");
    assertPolicyEquals(
        IamPolicyTest.POLICY, render(controllerStack(), document), "TaskRole's policy");
    // the roles it may pass are the operator's parameter, rendered as the JSON's placeholder
    JsonNode passRole = null;
    for (JsonNode statement : document.path("Statement"))
      if (IamPolicyTest.strings(statement.path("Action")).contains("iam:PassRole"))
        passRole = statement;
    assertTrue(passRole != null, "TaskRole passes task roles");
    assertEquals(
        ref("PassRoleArns"),
        passRole.path("Resource"),
        "iam:PassRole only on the roles the stack is given");
    assertEquals(
        "CommaDelimitedList", controllerStack().at("/Parameters/PassRoleArns/Type").asText());
    assertTrue(
        controllerStack().at("/Parameters/PassRoleArns/Default").isMissingNode(),
        "no default: the operator names the roles");
    assertTrue(role.path("Properties").path("ManagedPolicyArns").isMissingNode());
    assertEquals(
        JSON.readTree(Path.of("deploy/task-role-trust.json").toFile()),
        render(controllerStack(), role.path("Properties").path("AssumeRolePolicyDocument")),
        "TaskRole's trust is deploy/task-role-trust.json");
  }

  @Test
  void theExecutionRoleHasOnlyAwsTaskExecutionPolicyAndTheSameTrust() throws IOException {
    JsonNode role = resource(controllerStack(), "ExecutionRole", "AWS::IAM::Role");
    assertTrue(role.path("Properties").path("Policies").isMissingNode());
    assertEquals(
        List.of("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
        strings(render(controllerStack(), role.path("Properties").path("ManagedPolicyArns"))));
    assertEquals(
        JSON.readTree(Path.of("deploy/task-role-trust.json").toFile()),
        render(controllerStack(), role.path("Properties").path("AssumeRolePolicyDocument")),
        "only ECS tasks of this account assume it");
  }

  @Test
  void theTaskDefinitionIsDeployTaskDefinitionJsonWithTheStacksValues() throws IOException {
    JsonNode stack = controllerStack();
    JsonNode taskDefinition = resource(stack, "TaskDefinition", "AWS::ECS::TaskDefinition");
    // the roles, log group and repository the stack creates carry the names the JSON names, so CI's
    // rollout (which registers deploy/task-definition.json) and the stack run the same thing
    List<String> differences = new ArrayList<>();
    differences(
        "",
        cloudFormationForm(TaskDefinitionTest.taskDefinition(), false),
        render(stack, taskDefinition.path("Properties")),
        differences);
    assertEquals(
        List.of(),
        differences,
        "the template's TaskDefinition differs from deploy/task-definition.json");
  }

  @Test
  void theServiceRunsOneControllerAtATimeWhereTheWorkflowRollsIt() throws IOException {
    JsonNode stack = controllerStack();
    JsonNode service = resource(stack, "Service", "AWS::ECS::Service").path("Properties");
    assertEquals(1, service.path("DesiredCount").asInt());
    assertEquals("FARGATE", service.path("LaunchType").asText());
    JsonNode deployment = service.path("DeploymentConfiguration");
    assertEquals(0, deployment.path("MinimumHealthyPercent").asInt(), "the old task stops first");
    assertEquals(100, deployment.path("MaximumPercent").asInt(), "two never run at once");
    assertEquals(ref("TaskDefinition"), service.path("TaskDefinition"));
    JsonNode network = service.path("NetworkConfiguration").path("AwsvpcConfiguration");
    assertEquals("DISABLED", network.path("AssignPublicIp").asText(), "private subnets");
    assertEquals(ref("Subnets"), network.path("Subnets"));
    assertEquals(ref("SecurityGroups"), network.path("SecurityGroups"));
    assertEquals(ref("ClusterName"), service.path("Cluster"));

    JsonNode workflow = YAML.readTree(GitOpsWorkflowTest.WORKFLOW.toFile()).path("env");
    assertEquals(workflow.path("ECS_SERVICE").asText(), service.path("ServiceName").asText());
    assertEquals(
        workflow.path("ECS_CLUSTER").asText(),
        stack.path("Parameters").path("ClusterName").path("Default").asText());
    assertEquals(
        "List<AWS::EC2::Subnet::Id>", stack.at("/Parameters/Subnets/Type").asText(), "subnet IDs");
    assertEquals(
        "List<AWS::EC2::SecurityGroup::Id>", stack.at("/Parameters/SecurityGroups/Type").asText());
    // the service and its task definition wait for an image; the rest of the stack does not
    for (String name : List.of("Service", "TaskDefinition"))
      assertEquals("HasImage", stack.path("Resources").path(name).path("Condition").asText());
  }

  @Test
  void theRepositoriesAreTheOnesTheWorkflowPushesToAndPullsFrom() throws IOException {
    JsonNode stack = controllerStack();
    String controllerImage =
        YAML.readTree(GitOpsWorkflowTest.WORKFLOW.toFile())
            .path("env")
            .path("ECSGATE_IMAGE")
            .asText();
    assertEquals(
        repositoryOf(controllerImage),
        resource(stack, "ControllerImageRepository", "AWS::ECR::Repository")
            .at("/Properties/RepositoryName")
            .asText());
    assertEquals(
        "ecsgate",
        plan().path("Parameters").path("ControllerImageRepository").path("Default").asText(),
        "the plan role pulls the controller image");
    String desiredStateImage = TaskDefinitionTest.container().path("image").asText();
    String repository =
        resource(stack, "DesiredStateImageRepository", "AWS::ECR::Repository")
            .at("/Properties/RepositoryName")
            .asText();
    assertEquals(repositoryOf(desiredStateImage), repository);
    assertTrue(
        Files.readString(GitOpsWorkflowTest.WORKFLOW).contains("/" + repository + ":${GITHUB_SHA}"),
        "CI pushes the baked image to " + repository);
  }

  @Test
  void thePlanRoleReadsWhatTheControllerReadsAndPullsTheImage() throws IOException {
    JsonNode role = resource(plan(), "PlanRole", "AWS::IAM::Role").path("Properties");
    List<String> others = new ArrayList<>();
    boolean planPolicy = false;
    for (JsonNode policy : role.path("Policies")) {
      if (policy.path("PolicyName").asText().equals("ecsgate-plan")) {
        assertPolicyEquals(
            IamPolicyTest.PLAN_POLICY, policy.path("PolicyDocument"), "PlanRole's ecsgate-plan");
        planPolicy = true;
        continue;
      }
      for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
        assertEquals("Allow", statement.path("Effect").asText());
        others.addAll(IamPolicyTest.strings(statement.path("Action")));
      }
    }
    assertTrue(planPolicy, "PlanRole has the policy ecsgate-plan");
    assertEquals(new TreeSet<>(ECR_PULL), new TreeSet<>(others), "besides it, an ECR pull only");
    assertTrue(role.path("ManagedPolicyArns").isMissingNode());
  }

  @Test
  void onlyPullRequestJobsOfTheNamedRepositoryAssumeThePlanRole() throws IOException {
    JsonNode stack = plan();
    JsonNode statements =
        resource(stack, "PlanRole", "AWS::IAM::Role")
            .at("/Properties/AssumeRolePolicyDocument/Statement");
    assertEquals(1, statements.size());
    JsonNode trust = statements.get(0);
    assertEquals("sts:AssumeRoleWithWebIdentity", trust.path("Action").asText());
    JsonNode federated = trust.path("Principal").path("Federated").path("Fn::If");
    assertEquals("CreateOidcProvider", federated.get(0).asText());
    assertEquals(ref("GitHubOidcProvider"), federated.get(1));
    assertEquals(ref("GitHubOidcProviderArn"), federated.get(2));
    assertEquals(
        "https://token.actions.githubusercontent.com",
        resource(stack, "GitHubOidcProvider", "AWS::IAM::OIDCProvider")
            .at("/Properties/Url")
            .asText());
    JsonNode claims = trust.path("Condition").path("StringEquals");
    assertEquals(2, claims.size(), "no StringLike: exact claims only");
    assertEquals(
        "sts.amazonaws.com", claims.path("token.actions.githubusercontent.com:aud").asText());
    assertEquals(
        "repo:${GitHubRepository}:pull_request",
        claims.path("token.actions.githubusercontent.com:sub").path("Fn::Sub").asText());
    assertTrue(
        steps("plan").contains("secrets.PLAN_ROLE_ARN"), "the workflow's plan job assumes it");
  }

  @Test
  void theRendererFailsOnAReferenceItCannotResolve() {
    ObjectNode unknown = JsonNodeFactory.instance.objectNode().put("Ref", "NoSuchThing");
    try {
      render(JsonNodeFactory.instance.objectNode(), unknown);
      fail("an unknown Ref must not render");
    } catch (AssertionError expected) {
      assertTrue(expected.getMessage().contains("NoSuchThing"), expected.getMessage());
    }
  }

  // --- helpers
  // ------------------------------------------------------------------------------------------------------

  static JsonNode controllerStack() throws IOException {
    return YAML.readTree(CONTROLLER_STACK.toFile());
  }

  static JsonNode plan() throws IOException {
    return YAML.readTree(PLAN_ROLE_STACK.toFile());
  }

  static JsonNode resource(JsonNode stack, String name, String type) {
    JsonNode resource = stack.path("Resources").path(name);
    assertEquals(type, resource.path("Type").asText(), "resource " + name);
    return resource;
  }

  static ObjectNode ref(String name) {
    return JsonNodeFactory.instance.objectNode().put("Ref", name);
  }

  static String steps(String job) throws IOException {
    return GitOpsWorkflowTest.steps(
        YAML.readTree(GitOpsWorkflowTest.WORKFLOW.toFile()).path("jobs").path(job));
  }

  /** {@code 1234.dkr.ecr.region.amazonaws.com/name:tag} to {@code name}. */
  static String repositoryOf(String image) {
    Matcher matcher = Pattern.compile("[^/]+/([^:]+):.+").matcher(image);
    assertTrue(matcher.matches(), image);
    return matcher.group(1);
  }

  static List<String> strings(JsonNode node) {
    return IamPolicyTest.strings(node);
  }

  static void assertPolicyEquals(Path file, JsonNode inTemplate, String what) throws IOException {
    JsonNode expected = JSON.readTree(file.toFile());
    if (!expected.equals(inTemplate)) {
      String yaml =
          new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
              .writeValueAsString(expected);
      fail(
          what
              + " differs from "
              + file
              + ": the template's PolicyDocument must be its statements. In YAML:\n"
              + yaml);
    }
  }

  /**
   * Each path where the two differ: {@code /a/0/b: <expected> in JSON, <actual> in the template}.
   */
  static void differences(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names)
        differences(path + "/" + name, expected.path(name), actual.path(name), out);
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++)
        differences(path + "/" + i, expected.get(i), actual.get(i), out);
    } else if (!expected.equals(actual)) {
      out.add(path + ": " + expected + " in the JSON, " + actual + " in the template");
    }
  }

  /**
   * task-definition.json's field names as CloudFormation spells them (containerDefinitions ->
   * ContainerDefinitions), the keys of data maps (log options, Docker labels) left alone.
   */
  static JsonNode cloudFormationForm(JsonNode json, boolean data) {
    if (json.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      json.forEach(element -> array.add(cloudFormationForm(element, false)));
      return array;
    }
    if (!json.isObject()) return json;
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    json.fields()
        .forEachRemaining(
            field -> {
              String key =
                  data
                      ? field.getKey()
                      : Character.toUpperCase(field.getKey().charAt(0))
                          + field.getKey().substring(1);
              object.set(
                  key,
                  cloudFormationForm(
                      field.getValue(), !data && DATA_MAPS.contains(field.getKey())));
            });
    return object;
  }

  /**
   * The value as deploy/*.json writes it: Ref, Fn::GetAtt and Fn::Sub of pseudo parameters and
   * ImageTag become the JSON files' placeholders, those of the template's roles, log group and
   * repositories become their names and ARNs. Anything else fails.
   */
  static JsonNode render(JsonNode stack, JsonNode value) {
    if (value.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      value.forEach(element -> array.add(render(stack, element)));
      return array;
    }
    if (!value.isObject()) return value;
    if (value.size() == 1 && value.has("Ref"))
      return TextNode.valueOf(ref(stack, value.path("Ref").asText()));
    if (value.size() == 1 && value.has("Fn::GetAtt")) {
      JsonNode att = value.path("Fn::GetAtt");
      return TextNode.valueOf(getAtt(stack, att.get(0).asText(), att.get(1).asText()));
    }
    if (value.size() == 1 && value.has("Fn::Sub")) {
      assertTrue(value.path("Fn::Sub").isTextual(), "Fn::Sub with a string only: " + value);
      Matcher variable = Pattern.compile("\\$\\{([^}]+)}").matcher(value.path("Fn::Sub").asText());
      StringBuilder text = new StringBuilder();
      while (variable.find()) {
        String name = variable.group(1);
        int dot = name.indexOf('.');
        String rendered =
            dot < 0 || name.startsWith("AWS::")
                ? ref(stack, name)
                : getAtt(stack, name.substring(0, dot), name.substring(dot + 1));
        variable.appendReplacement(text, Matcher.quoteReplacement(rendered));
      }
      variable.appendTail(text);
      return TextNode.valueOf(text.toString());
    }
    value
        .fieldNames()
        .forEachRemaining(
            name -> assertFalse(name.startsWith("Fn::"), "the renderer knows no " + name));
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    value.fields().forEachRemaining(f -> object.set(f.getKey(), render(stack, f.getValue())));
    return object;
  }

  private static String ref(JsonNode stack, String name) {
    if (PLACEHOLDERS.containsKey(name)) return PLACEHOLDERS.get(name);
    JsonNode resource = stack.path("Resources").path(name);
    JsonNode properties = resource.path("Properties");
    return switch (resource.path("Type").asText()) {
      case "AWS::IAM::Role" -> properties.path("RoleName").asText();
      case "AWS::Logs::LogGroup" -> properties.path("LogGroupName").asText();
      case "AWS::ECR::Repository" -> properties.path("RepositoryName").asText();
      default -> throw new AssertionError("cannot render Ref " + name);
    };
  }

  private static String getAtt(JsonNode stack, String name, String attribute) {
    JsonNode resource = stack.path("Resources").path(name);
    String type = resource.path("Type").asText() + "." + attribute;
    return switch (type) {
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::${AWS_ACCOUNT_ID}:role/" + ref(stack, name);
      case "AWS::ECR::Repository.RepositoryUri" ->
          "${AWS_ACCOUNT_ID}.dkr.ecr.${AWS_REGION}.amazonaws.com/" + ref(stack, name);
      default -> throw new AssertionError("cannot render Fn::GetAtt " + name + "." + attribute);
    };
  }
}
