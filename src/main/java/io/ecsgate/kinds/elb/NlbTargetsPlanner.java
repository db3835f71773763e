package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * Targets of groups that declare {@code targets}: the IPs of an ALB ({@link AlbIpTracker}), or the
 * ALB itself for a group of type {@code alb}. Anything else registered in such a group is removed.
 */
public final class NlbTargetsPlanner implements Kind.Planner {
  public static final String KIND = "NlbTargets";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    for (TargetGroupSpec desired : context.desired().all(TargetGroupSpec.class)) {
      if (desired.targets().isEmpty() || desired.metadata().suspend()) continue;
      Key group = Key.of(TargetGroupSpec.KIND, desired.name());
      Optional<String> groupArn = out.idOf(group);
      if (groupArn.isEmpty() && !out.isPending(group))
        continue; // blocked: reported by the target group planner
      String albName = desired.targets().get().loadBalancer().name();
      Optional<String> albArn = out.idOf(Key.of(LoadBalancerSpec.KIND, albName));
      if (albArn.isEmpty()) {
        out.waitFor(
            Key.of(KIND, desired.name()),
            Key.of(LoadBalancerSpec.KIND, albName),
            "targets of " + desired.name() + " wait for load balancer " + albName + " to exist");
        continue;
      }
      List<TargetDescription> registered =
          groupArn.map(arn -> elb.targets().getOrDefault(arn, List.of())).orElse(List.of());
      Map<String, String> tags = groupArn.map(elb::tagsOf).orElse(Map.of());
      Optional<String> stored =
          groupArn.flatMap(arn -> context.ownership().inventory().memo(AlbIpTracker.MEMO, arn));
      if (desired.targets().get() instanceof TargetGroupSpec.IpsOfLoadBalancer) {
        planIps(
            desired,
            group,
            elb.albIps().getOrDefault(albArn.get(), List.of()),
            registered,
            tags,
            stored,
            context.pass().countsObservation(),
            out);
      } else {
        planAlbTarget(desired, group, albArn.get(), registered, out);
      }
    }
  }

  private void planIps(
      TargetGroupSpec desired,
      Key group,
      List<String> albIps,
      List<TargetDescription> registered,
      Map<String, String> tags,
      Optional<String> stored,
      boolean newObservation,
      PlanBuilder out) {
    int port = desired.port();
    Set<String> registeredIps = new TreeSet<>();
    List<NlbTargetsStep.Target> wrongPort = new ArrayList<>();
    for (TargetDescription target : registered) {
      if (target.port() != null && target.port() != port)
        wrongPort.add(new NlbTargetsStep.Target(target.id(), target.port()));
      else registeredIps.add(target.id());
    }
    // the state table's counters; the tags of an older ecsgate only seed a table without them
    AlbIpTracker.State state =
        stored.map(AlbIpTracker::parse).orElseGet(() -> AlbIpTracker.readTags(tags));
    if (!state.dropped().isEmpty())
      out.note(
          KIND
              + " "
              + desired.name()
              + ": dropped invalid ALB-IP counter(s) "
              + state.dropped()
              + " read from "
              + (stored.isPresent() ? "the state table" : "the tag " + AlbIpTracker.STATE_TAG)
              + " (an IP address and a count from 0 to "
              + (AlbIpTracker.ABSENCES - 1)
              + " expected); they keep no target");
    Map<String, Integer> known = state.known();
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(new TreeSet<>(albIps), registeredIps, known, newObservation);
    List<NlbTargetsStep.Target> register =
        decision.register().stream().map(ip -> new NlbTargetsStep.Target(ip, port)).toList();
    List<NlbTargetsStep.Target> deregister = new ArrayList<>(wrongPort);
    decision.deregister().forEach(ip -> deregister.add(new NlbTargetsStep.Target(ip, port)));

    String wanted = AlbIpTracker.text(decision.known());
    List<String> legacyTags = AlbIpTracker.stateTagKeys(tags);
    // written when it changed; a group without counters in the table gets them once it knows an
    // IP, or to take over from the tags (which are removed then, and ignored afterwards)
    boolean writeCounters =
        stored.isPresent()
            ? !stored.get().equals(wanted)
            : !decision.known().isEmpty() || !legacyTags.isEmpty();
    if (register.isEmpty() && deregister.isEmpty() && !writeCounters) return;
    Optional<String> counters = writeCounters ? Optional.of(wanted) : Optional.empty();
    List<String> removeTags = writeCounters ? legacyTags : List.of();
    List<Change> changes = targetChanges(register, deregister);
    changes.addAll(keptChanges(decision.known(), port));
    if (changes.isEmpty())
      changes.add(Change.of("tracked ALB IPs", known.keySet(), decision.known().keySet()));
    out.add(
        Action.update(
            KIND,
            desired.name(),
            new NlbTargetsStep(group, register, deregister, counters, removeTags),
            changes));
  }

  private void planAlbTarget(
      TargetGroupSpec desired,
      Key group,
      String albArn,
      List<TargetDescription> registered,
      PlanBuilder out) {
    NlbTargetsStep.Target wanted = new NlbTargetsStep.Target(albArn, desired.port());
    boolean present = false;
    List<NlbTargetsStep.Target> deregister = new ArrayList<>();
    for (TargetDescription target : registered) {
      NlbTargetsStep.Target actual =
          new NlbTargetsStep.Target(
              target.id(), target.port() == null ? desired.port() : target.port());
      if (actual.equals(wanted)) present = true;
      else deregister.add(actual);
    }
    List<NlbTargetsStep.Target> register = present ? List.of() : List.of(wanted);
    if (register.isEmpty() && deregister.isEmpty()) return;
    List<Change> changes = targetChanges(register, deregister);
    out.add(
        Action.update(
            KIND,
            desired.name(),
            new NlbTargetsStep(group, register, deregister, Optional.empty(), List.of()),
            changes));
  }

  private static List<Change> targetChanges(
      List<NlbTargetsStep.Target> register, List<NlbTargetsStep.Target> deregister) {
    List<Change> changes = new ArrayList<>();
    register.forEach(t -> changes.add(Change.of("target " + t, "(none)", "registered")));
    deregister.forEach(t -> changes.add(Change.of("target " + t, "registered", "(none)")));
    return changes;
  }

  /** Registered IPs kept while the ALB has not listed them for fewer than the absences allowed. */
  private static List<Change> keptChanges(Map<String, Integer> known, int port) {
    List<Change> changes = new ArrayList<>();
    known.forEach(
        (ip, missing) -> {
          if (missing > 0)
            changes.add(
                Change.of(
                    "target " + ip + ":" + port,
                    "registered",
                    "kept: missing from the ALB "
                        + missing
                        + " of "
                        + AlbIpTracker.ABSENCES
                        + " observations"));
        });
    return changes;
  }
}
