package io.ecsgate.kinds.ecs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * ECS and Application Auto Scaling reads at the APIs' batch limits, tags included in the same
 * calls.
 */
public final class EcsReads {
  /** DescribeClusters takes at most 100 clusters per call. */
  public static final int CLUSTERS_BATCH = 100;

  /** ListServices returns at most 100 ARNs a page. */
  public static final int SERVICES_PAGE = 100;

  /** DescribeServices takes at most 10 services per call. */
  public static final int SERVICES_BATCH = 10;

  /** DescribeScalableTargets takes at most 50 resource IDs and returns at most 50 a page. */
  public static final int SCALABLE_TARGETS_BATCH = 50;

  /**
   * DescribeScalingPolicies takes at most 50 policy names and returns at most 10 policies a page.
   */
  public static final int POLICY_NAMES_BATCH = 50;

  public static final int POLICIES_PAGE = 10;

  private final EcsClient ecs;
  private final ApplicationAutoScalingClient autoScaling;

  public EcsReads(EcsClient ecs, ApplicationAutoScalingClient autoScaling) {
    this.ecs = ecs;
    this.autoScaling = autoScaling;
  }

  /** The named clusters that exist and are ACTIVE, with settings and tags. */
  public List<Cluster> describeClusters(Collection<String> names) {
    List<Cluster> all = new ArrayList<>();
    for (List<String> batch : batches(names, CLUSTERS_BATCH)) {
      ecs
          .describeClusters(
              r -> r.clusters(batch).include(ClusterField.TAGS, ClusterField.SETTINGS))
          .clusters()
          .stream()
          .filter(c -> "ACTIVE".equals(c.status()))
          .forEach(all::add);
    }
    return all;
  }

  public List<String> listServiceArns(String cluster) {
    return pages(
        token ->
            ecs.listServices(r -> r.cluster(cluster).maxResults(SERVICES_PAGE).nextToken(token)),
        ListServicesResponse::serviceArns,
        ListServicesResponse::nextToken);
  }

  /**
   * Services of a cluster that are not deleted (INACTIVE ones linger in AWS's answers for a while),
   * with tags.
   */
  public List<Service> describeServices(String cluster, Collection<String> arns) {
    List<Service> all = new ArrayList<>();
    for (List<String> batch : batches(arns, SERVICES_BATCH)) {
      ecs
          .describeServices(r -> r.cluster(cluster).services(batch).include(ServiceField.TAGS))
          .services()
          .stream()
          .filter(s -> !"INACTIVE".equals(s.status()))
          .forEach(all::add);
    }
    return all;
  }

  /**
   * The latest ACTIVE revision of a family (AWS's answer for a bare family name), with its tags;
   * empty when there is none.
   */
  public Optional<EcsSnapshot.FamilyRevision> describeLatestTaskDefinition(String family) {
    try {
      DescribeTaskDefinitionResponse response =
          ecs.describeTaskDefinition(
              r -> r.taskDefinition(family).include(TaskDefinitionField.TAGS));
      if (response.taskDefinition() == null
          || !"ACTIVE".equals(response.taskDefinition().statusAsString())) return Optional.empty();
      return Optional.of(
          new EcsSnapshot.FamilyRevision(
              response.taskDefinition(), EcsSnapshot.tags(response.tags())));
    } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
      return Optional
          .empty(); // "Unable to describe task definition": the family has no ACTIVE revision
    }
  }

  /**
   * Every ACTIVE revision of exactly {@code family} (a prefix also matches longer families), newest
   * first by revision number whatever order the answer came in, each with its tags; the newest is
   * {@code latest}, whose tags are known already.
   */
  public List<EcsSnapshot.Revision> activeRevisions(
      String family, Optional<EcsSnapshot.FamilyRevision> latest) {
    List<String> arns = new ArrayList<>();
    ecs.listTaskDefinitionsPaginator(
            r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC))
        .forEach(
            page ->
                page.taskDefinitionArns().stream()
                    .filter(arn -> arn.substring(arn.lastIndexOf('/') + 1).startsWith(family + ":"))
                    .forEach(arns::add));
    List<EcsSnapshot.Revision> revisions = new ArrayList<>();
    for (String arn : arns) {
      Map<String, String> tags =
          latest
              .filter(l -> l.definition().taskDefinitionArn().equals(arn))
              .map(EcsSnapshot.FamilyRevision::tags)
              .orElseGet(
                  () -> EcsSnapshot.tags(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()));
      revisions.add(
          new EcsSnapshot.Revision(
              arn, Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1)), tags));
    }
    revisions.sort(Comparator.comparingInt(EcsSnapshot.Revision::number).reversed());
    return revisions;
  }

  public List<ScalableTarget> describeScalableTargets(Collection<String> resourceIds) {
    return batchedPages(
        resourceIds,
        SCALABLE_TARGETS_BATCH,
        (batch, token) ->
            autoScaling.describeScalableTargets(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .resourceIds(batch)
                        .maxResults(SCALABLE_TARGETS_BATCH)
                        .nextToken(token)),
        DescribeScalableTargetsResponse::scalableTargets,
        DescribeScalableTargetsResponse::nextToken);
  }

  /**
   * No ScalableDimension here: AWS accepts one only together with a ResourceId (callers match
   * resource IDs themselves).
   */
  public List<ScalingPolicy> describeScalingPolicies(Collection<String> policyNames) {
    return batchedPages(
        policyNames,
        POLICY_NAMES_BATCH,
        (batch, token) ->
            autoScaling.describeScalingPolicies(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .policyNames(batch)
                        .maxResults(POLICIES_PAGE)
                        .nextToken(token)),
        DescribeScalingPoliciesResponse::scalingPolicies,
        DescribeScalingPoliciesResponse::nextToken);
  }

  /** Every ECS scaling policy of one scalable resource ({@code service/<cluster>/<service>}). */
  public List<ScalingPolicy> describeScalingPoliciesOf(String resourceId) {
    return pages(
        token ->
            autoScaling.describeScalingPolicies(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId)
                        .maxResults(POLICIES_PAGE)
                        .nextToken(token)),
        DescribeScalingPoliciesResponse::scalingPolicies,
        DescribeScalingPoliciesResponse::nextToken);
  }

  /**
   * {@link #pages} of {@code call} for each batch of {@code keys}, all pages of one after another.
   */
  private static <R, T> List<T> batchedPages(
      Collection<String> keys,
      int size,
      BiFunction<List<String>, String, R> call,
      Function<R, List<T>> items,
      Function<R, String> nextToken) {
    List<T> all = new ArrayList<>();
    for (List<String> batch : batches(keys, size))
      all.addAll(pages(token -> call.apply(batch, token), items, nextToken));
    return all;
  }

  /**
   * The items of every page of a paged call: {@code call} is given the previous page's next token
   * (null for the first page) until a page has none.
   */
  private static <R, T> List<T> pages(
      Function<String, R> call, Function<R, List<T>> items, Function<R, String> nextToken) {
    List<T> all = new ArrayList<>();
    String token = null;
    do {
      R page = call.apply(token);
      all.addAll(items.apply(page));
      token = nextToken.apply(page);
    } while (token != null && !token.isEmpty());
    return all;
  }

  static List<List<String>> batches(Collection<String> items, int size) {
    List<String> list = List.copyOf(items);
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < list.size(); from += size)
      batches.add(list.subList(from, Math.min(list.size(), from + size)));
    return batches;
  }
}
