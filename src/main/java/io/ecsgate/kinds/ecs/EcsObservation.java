package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.Ownership;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS and its auto scaling as one snapshot a cycle. Keeps the owned task definition revisions it
 * has read (revisions never change), so that a steady cycle reads none.
 */
public final class EcsObservation implements Family.Observation {
  private final AwsClients clients;
  private final Ownership ownership;

  /** Owned task definition revisions read in earlier cycles, by ARN (revisions never change). */
  private final Map<String, EcsSnapshot.FamilyRevision> revisions = new ConcurrentHashMap<>();

  /**
   * Per cluster, the names of the services the last listing (ListServices) found tagged as this
   * controller's: between tag audits they are read by name with the declared and inventoried ones.
   */
  private final Map<String, Set<String>> taggedServices = new ConcurrentHashMap<>();

  /** The tags of the step scaling alarms read before, by alarm ARN (see {@link AlarmReads}). */
  private final Map<String, Map<String, String>> alarmTags = new ConcurrentHashMap<>();

  public EcsObservation(AwsClients clients, Ownership ownership) {
    this.clients = clients;
    this.ownership = ownership;
  }

  /**
   * The owned revision a declared service runs, when this observer has read it before and it is
   * what the YAML declares: task definition revisions are immutable, so it need not be read again.
   * Otherwise (first cycle, a difference, a foreign revision) the family's latest ACTIVE revision
   * is read.
   */
  private Optional<EcsSnapshot.FamilyRevision> runningRevision(
      ServiceSpec service, Map<String, List<Service>> services) {
    return services.getOrDefault(service.cluster().name(), List.of()).stream()
        .filter(s -> s.serviceName().equals(service.name()) && "ACTIVE".equals(s.status()))
        .map(s -> revisions.get(s.taskDefinition()))
        .filter(Objects::nonNull)
        .filter(
            revision -> service.taskDefinition().family().equals(revision.definition().family()))
        .filter(revision -> TaskDefinitions.same(service.taskDefinition(), revision.definition()))
        .findFirst();
  }

  /**
   * Declared clusters in one DescribeClusters (100 a call); per found cluster, ListServices (100 a
   * page) and DescribeServices (10 a call) with tags; the latest ACTIVE revision of each declared
   * family with its tags, unless the service runs an owned revision already read (see {@link
   * #runningRevision}); when the latest revision differs from the declared one, the family's ACTIVE
   * revisions with their tags (ListTaskDefinitions, ListTagsForResource); scalable targets of the
   * declared services, and of owned services no longer declared (every declared service's target is
   * read: one left behind by a removed autoScaling would fight ecsgate over desiredCount; 50 IDs a
   * call); the ACTIVE revisions of an undeclared owned service's family; the policies (50 names a
   * call, 10 a page, see {@link #policyNames}) of those that declare auto scaling or have a target;
   * and the step scaling alarms (see {@link #alarms}) with their tags (CloudWatch DescribeAlarms,
   * 100 names a call, and ListTagsForResource per alarm). Nothing when the YAML declares no ECS.
   */
  @Override
  public EcsSnapshot observe(DesiredState desired) {
    return observe(desired, Family.Reading.FRESH);
  }

  /**
   * As {@link #observe(DesiredState)}; when the reading allows it (between tag audits), a cluster's
   * services are not listed but read by name (DescribeServices, 10 a call, tags included): the
   * declared ones, those the inventory holds, and those the last listing found tagged as ours; and
   * an alarm read before keeps the tags read then.
   */
  @Override
  public EcsSnapshot observe(DesiredState desired, Family.Reading reading) {
    if (desired.all(ClusterSpec.class).isEmpty() && desired.all(ServiceSpec.class).isEmpty())
      return EcsSnapshot.EMPTY;
    EcsReads reads = new EcsReads(clients.ecs(), clients.autoScaling());
    Map<String, Cluster> clusters = clusters(reads, desired);
    Map<String, List<Service>> services = new TreeMap<>();
    for (String cluster : clusters.keySet()) {
      if (reading.freshTags() || !taggedServices.containsKey(cluster)) {
        List<String> arns = reads.listServiceArns(cluster);
        List<Service> found = arns.isEmpty() ? List.of() : reads.describeServices(cluster, arns);
        services.put(cluster, found);
        Set<String> tagged = new TreeSet<>();
        for (Service service : found)
          if (ownership.taggedResource(EcsSnapshot.tags(service.tags())).isPresent())
            tagged.add(service.serviceName());
        taggedServices.put(cluster, tagged);
      } else {
        Set<String> names = serviceNames(desired, cluster, reading.inventory());
        services.put(cluster, names.isEmpty() ? List.of() : reads.describeServices(cluster, names));
      }
    }
    taggedServices.keySet().retainAll(clusters.keySet());
    Map<String, EcsSnapshot.FamilyRevision> families = new TreeMap<>();
    Map<String, List<EcsSnapshot.Revision>> changing = new TreeMap<>();
    Set<String> used = new HashSet<>();
    for (ServiceSpec service : desired.all(ServiceSpec.class))
      readFamily(reads, service, services, families, changing).ifPresent(used::add);
    revisions.keySet().retainAll(used);
    List<ServiceSpec> found =
        desired.all(ServiceSpec.class).stream()
            .filter(s -> clusters.containsKey(s.cluster().name()))
            .toList();
    // an owned service no longer declared is pruned with its parts: its scalable target (its
    // policies go with it) and its family's owned ACTIVE revisions, read only when there is one
    List<EcsSnapshot.UndeclaredService> undeclared = undeclaredServices(desired, services);
    List<String> scalingIds = new ArrayList<>();
    found.forEach(s -> scalingIds.add(s.scalingResourceId()));
    undeclared.forEach(s -> scalingIds.add(s.scalingResourceId()));
    Set<String> declaredFamilies = new HashSet<>();
    desired.all(ServiceSpec.class).forEach(s -> declaredFamilies.add(s.taskDefinition().family()));
    for (EcsSnapshot.UndeclaredService service : undeclared) {
      String family = service.family();
      if (!declaredFamilies.contains(family) && !changing.containsKey(family))
        changing.put(family, reads.activeRevisions(family, Optional.empty()));
    }
    List<ScalableTarget> targets =
        scalingIds.isEmpty() ? List.of() : reads.describeScalableTargets(scalingIds);
    Set<String> withTarget = new HashSet<>();
    targets.forEach(t -> withTarget.add(t.resourceId()));
    List<ScalingPolicy> policies = scalingPolicies(reads, found, undeclared, withTarget);
    return new EcsSnapshot(clusters, services, families, targets, policies, changing)
        .withReferences(new TaskReferenceReads(clients).read(registering(desired, families)))
        .withAlarms(alarms(desired.all(ServiceSpec.class), policies, reading));
  }

  /**
   * The services of {@code cluster} read by name between tag audits: the declared ones, the
   * inventory's (by the cluster and name of their ARN; one of an ARN without a cluster in every
   * cluster), and those the last listing found tagged as ours.
   */
  private Set<String> serviceNames(DesiredState desired, String cluster, Inventory inventory) {
    Set<String> names = new TreeSet<>();
    desired.all(ServiceSpec.class).stream()
        .filter(s -> s.cluster().name().equals(cluster))
        .forEach(s -> names.add(s.name()));
    for (Inventory.Entry entry : inventory.entries()) {
      if (!entry.kind().equals(ServiceSpec.KIND) || !entry.id().contains(":service/")) continue;
      String[] path = entry.id().substring(entry.id().indexOf(":service/") + 9).split("/");
      if (path.length == 1 || path[0].equals(cluster)) names.add(path[path.length - 1]);
    }
    names.addAll(taggedServices.getOrDefault(cluster, Set.of()));
    return names;
  }

  /**
   * The step scaling alarms: those the services declare (alarm names are the account's, so also for
   * a service not created yet), and those the observed step policies name as theirs (an alarm
   * renamed in the YAML, or of a service that switched to target tracking or was pruned); none read
   * when there are none.
   */
  private List<EcsSnapshot.ObservedAlarm> alarms(
      List<ServiceSpec> declared, List<ScalingPolicy> policies, Family.Reading reading) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (ServiceSpec service : declared)
      service.autoScaling().flatMap(ServiceSpec.AutoScaling::steps).stream()
          .flatMap(steps -> steps.both().stream())
          .forEach(step -> names.add(step.alarmName()));
    // a target-tracking policy lists the alarms AWS made for it: those are AWS's, not read
    for (ScalingPolicy policy : policies)
      if (policy.policyType() == PolicyType.STEP_SCALING && policy.alarms() != null)
        policy.alarms().forEach(a -> names.add(a.alarmName()));
    if (reading.freshTags()) alarmTags.clear();
    List<EcsSnapshot.ObservedAlarm> found =
        names.isEmpty() ? List.of() : new AlarmReads(clients.cloudWatch()).read(names, alarmTags);
    Set<String> arns = new HashSet<>();
    found.forEach(a -> arns.add(a.alarm().alarmArn()));
    alarmTags.keySet().retainAll(arns);
    return found;
  }

  /**
   * The services whose task definition ecsgate registers in this cycle: none of the family yet, or
   * its latest revision differs (what they reference is checked first).
   */
  private static List<ServiceSpec> registering(
      DesiredState desired, Map<String, EcsSnapshot.FamilyRevision> families) {
    return desired.all(ServiceSpec.class).stream()
        .filter(s -> !s.metadata().suspend())
        .filter(
            s ->
                Optional.ofNullable(families.get(s.taskDefinition().family()))
                    .map(r -> !TaskDefinitions.same(s.taskDefinition(), r.definition()))
                    .orElse(true))
        .toList();
  }

  private List<EcsSnapshot.UndeclaredService> undeclaredServices(
      DesiredState desired, Map<String, List<Service>> services) {
    Set<String> declared = new HashSet<>();
    desired.all(ServiceSpec.class).forEach(s -> declared.add(s.name()));
    return EcsSnapshot.undeclaredOwnedServices(services, ownership, declared);
  }

  /** The declared clusters, and those the declared services name, that exist. */
  private static Map<String, Cluster> clusters(EcsReads reads, DesiredState desired) {
    Set<String> names = new TreeSet<>();
    desired.all(ClusterSpec.class).forEach(c -> names.add(c.name()));
    desired.all(ServiceSpec.class).forEach(s -> names.add(s.cluster().name()));
    Map<String, Cluster> clusters = new TreeMap<>();
    reads.describeClusters(names).forEach(c -> clusters.put(c.clusterName(), c));
    return clusters;
  }

  /**
   * Puts the revision of the service's family to compare with in {@code families}, and when a new
   * one will be registered, the family's ACTIVE revisions in {@code changing} (the plan shows which
   * old ones it deregisters); returns the owned revision that stays known to this observer.
   */
  private Optional<String> readFamily(
      EcsReads reads,
      ServiceSpec service,
      Map<String, List<Service>> services,
      Map<String, EcsSnapshot.FamilyRevision> families,
      Map<String, List<EcsSnapshot.Revision>> changing) {
    String family = service.taskDefinition().family();
    Optional<EcsSnapshot.FamilyRevision> running = runningRevision(service, services);
    if (running.isPresent()) {
      families.put(family, running.get());
      return Optional.of(running.get().definition().taskDefinitionArn());
    }
    Optional<EcsSnapshot.FamilyRevision> latest = reads.describeLatestTaskDefinition(family);
    if (latest.isEmpty()) return Optional.empty();
    EcsSnapshot.FamilyRevision revision = latest.get();
    families.put(family, revision);
    if (!TaskDefinitions.same(service.taskDefinition(), revision.definition()))
      changing.put(family, reads.activeRevisions(family, latest));
    if (!ownership.taggedAs(revision.tags(), TaskDefinitionPlanner.KIND, family))
      return Optional.empty();
    String arn = revision.definition().taskDefinitionArn();
    revisions.put(arn, revision);
    return Optional.of(arn);
  }

  /**
   * The policies of each found service that declares auto scaling or has a scalable target, by
   * every name ecsgate gives them (target tracking's and step scaling's: a switch deletes the other
   * kind's), and the step policies of an owned undeclared service with a target (their alarms go
   * with it).
   */
  static List<String> policyNames(
      List<ServiceSpec> services,
      List<EcsSnapshot.UndeclaredService> undeclared,
      Set<String> withTarget) {
    List<String> policyNames = new ArrayList<>();
    for (ServiceSpec service : services)
      if (service.autoScaling().isPresent() || withTarget.contains(service.scalingResourceId()))
        policyNames.addAll(service.allPolicyNames());
    for (EcsSnapshot.UndeclaredService service : undeclared)
      if (withTarget.contains(service.scalingResourceId())) {
        policyNames.add(service.service().serviceName() + "-scale-out");
        policyNames.add(service.service().serviceName() + "-scale-in");
      }
    return policyNames;
  }

  private static List<ScalingPolicy> scalingPolicies(
      EcsReads reads,
      List<ServiceSpec> services,
      List<EcsSnapshot.UndeclaredService> undeclared,
      Set<String> withTarget) {
    List<String> policyNames = policyNames(services, undeclared, withTarget);
    return policyNames.isEmpty() ? List.of() : reads.describeScalingPolicies(policyNames);
  }
}
