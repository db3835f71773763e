package io.ecsgate.kinds.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * What the task definitions ecsgate is about to register reference, as observed in this cycle: for
 * each ECR image (of the client's region) whether it exists, for each task or execution role the
 * role of that name (empty when there is none), for each awslogs group (of the client's region)
 * whether it exists. Only the families whose declared definition differs from their latest revision
 * (or that have none) are read; images outside ECR, and images and log groups of another region,
 * are not checked.
 */
public record TaskReferences(
    Map<String, Boolean> images,
    Map<String, Optional<Role>> roles,
    Map<String, Boolean> logGroups) {

  public static final TaskReferences EMPTY = new TaskReferences(Map.of(), Map.of(), Map.of());

  /** The service principal a task or execution role must trust. */
  public static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  private static final Pattern ECR =
      Pattern.compile(
          "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/"
              + "([a-z0-9][a-z0-9._/-]*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
              + "(?:@(sha256:[a-f0-9]{64}))?");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An image in a private ECR repository: its registry (account), region, repository, and the tag
   * ({@code latest} when neither a tag nor a digest is written) or digest.
   */
  public record EcrImage(
      String uri,
      String registry,
      String region,
      String repository,
      Optional<String> tag,
      Optional<String> digest) {
    /** {@code repository:tag} or {@code repository@digest}, as a person names it. */
    public String shortName() {
      return repository + digest.map(d -> "@" + d).orElse(":" + tag.orElse("latest"));
    }
  }

  /** The image as an ECR image, when it names one (images elsewhere are not checked). */
  public static Optional<EcrImage> ecrImage(String uri) {
    Matcher m = ECR.matcher(uri);
    if (!m.matches()) return Optional.empty();
    Optional<String> digest = Optional.ofNullable(m.group(5));
    Optional<String> tag =
        Optional.ofNullable(m.group(4))
            .or(() -> digest.isEmpty() ? Optional.of("latest") : Optional.empty());
    return Optional.of(new EcrImage(uri, m.group(1), m.group(2), m.group(3), tag, digest));
  }

  /** The name of the role an ARN names (the last part of its path). */
  public static String roleName(String roleArn) {
    return roleArn.substring(roleArn.lastIndexOf('/') + 1);
  }

  /**
   * Does the role's trust policy let ECS tasks assume it (an Allow of sts:AssumeRole, or sts:*, to
   * the service principal ecs-tasks.amazonaws.com)? IAM returns the document URL-encoded.
   */
  public static boolean trustsEcsTasks(Role role) {
    String document = role.assumeRolePolicyDocument();
    if (document == null) return false;
    JsonNode policy;
    try {
      policy = JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    for (JsonNode statement : asList(policy.get("Statement"))) {
      if (!"Allow".equals(statement.path("Effect").asText())) continue;
      boolean assumes =
          asList(statement.get("Action")).stream()
              .map(JsonNode::asText)
              .anyMatch(a -> a.equals("sts:AssumeRole") || a.equals("sts:*") || a.equals("*"));
      boolean ecsTasks =
          asList(statement.path("Principal").get("Service")).stream()
              .anyMatch(p -> ECS_TASKS.equals(p.asText()));
      if (assumes && ecsTasks) return true;
    }
    return false;
  }

  private static List<JsonNode> asList(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node == null || node.isNull()) return list;
    if (node.isArray()) node.forEach(list::add);
    else list.add(node);
    return list;
  }
}
