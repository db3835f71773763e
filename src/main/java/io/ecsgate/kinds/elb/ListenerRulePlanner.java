package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Tagging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Listener rules, listener by listener. Actual rules are matched to declared ones by ecsgate's tag,
 * never by position; rules without the tag are someone else's and only their priorities count.
 * Changed conditions or target: one ModifyRule (no gap in routing). Changed priorities: one
 * SetRulePriorities for every move on the listener. Priorities are sorted here, not trusted from
 * the response order.
 */
public final class ListenerRulePlanner implements Kind.Planner {
  private static final String KIND = ListenerRuleSpec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Map<String, List<ListenerRuleSpec>> byListener = new LinkedHashMap<>();
    for (ListenerRuleSpec rule : context.desired().all(ListenerRuleSpec.class)) {
      byListener.computeIfAbsent(rule.listenerKey(), k -> new ArrayList<>()).add(rule);
    }
    Set<String> seenRuleArns = new HashSet<>();
    byListener.forEach(
        (listenerName, desiredRules) -> {
          Key listener = Key.of(LoadBalancerPlanner.LISTENER, listenerName);
          List<Rule> actualRules = actualRules(elb, out.idOf(listener));
          actualRules.forEach(r -> seenRuleArns.add(r.ruleArn()));
          new OneListener(elb, context.ownership(), listener, desiredRules, out).plan(actualRules);
        });
    deleteRulesLeftOnOtherListeners(context, elb, seenRuleArns, out);
  }

  /** The listener's rules but its default one, by priority (never trusting response order). */
  private static List<Rule> actualRules(ElbSnapshot elb, Optional<String> listenerArn) {
    return listenerArn.map(elb::rulesOf).orElse(List.of()).stream()
        .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
        .sorted(Comparator.comparingInt(ListenerRulePlanner::priorityOf))
        .toList();
  }

  /**
   * Rules of ours on listeners where none is declared any more: moved elsewhere (deleted once the
   * new one exists), or no longer declared at all (deleted only with --prune).
   */
  private static void deleteRulesLeftOnOtherListeners(
      PlanContext context, ElbSnapshot elb, Set<String> seenRuleArns, PlanBuilder out) {
    Set<String> declared = new HashSet<>();
    context.desired().all(ListenerRuleSpec.class).forEach(r -> declared.add(r.name()));
    for (List<Rule> rules : elb.rules().values()) {
      for (Rule rule : rules) {
        if (seenRuleArns.contains(rule.ruleArn())) continue;
        context
            .ownership()
            .nameOf(elb.tagsOf(rule.ruleArn()), KIND, rule.ruleArn())
            .ifPresent(
                name -> {
                  boolean moved = declared.contains(name);
                  out.delete(
                      KIND,
                      name,
                      new ListenerRuleStep.Delete(rule.ruleArn()),
                      moved ? Deletes.DUPLICATE : Deletes.UNDECLARED,
                      moved ? "moved to another listener" : "no longer declared");
                });
      }
    }
  }

  /**
   * The rules declared on one listener against its actual ones: ours matched by tag (a second copy
   * is a duplicate), the others someone else's, of which only the priorities count.
   */
  private record OneListener(
      ElbSnapshot elb,
      Ownership ownership,
      Key listener,
      List<ListenerRuleSpec> desiredRules,
      PlanBuilder out,
      Map<String, Rule> ours,
      List<Rule> duplicates,
      Map<Integer, Rule> foreignByPriority,
      Set<String> declaredHere) {

    OneListener(
        ElbSnapshot elb,
        Ownership ownership,
        Key listener,
        List<ListenerRuleSpec> desiredRules,
        PlanBuilder out) {
      this(
          elb,
          ownership,
          listener,
          desiredRules,
          out,
          new LinkedHashMap<>(),
          new ArrayList<>(),
          new TreeMap<>(),
          new HashSet<>());
      desiredRules.forEach(r -> declaredHere.add(r.name()));
    }

    void plan(List<Rule> actualRules) {
      actualRules.forEach(this::sort);
      desiredRules.stream().filter(this::canAdopt).forEach(this::adopt);
      Map<String, Integer> priority = priorities();
      Map<String, Integer> moves = new TreeMap<>();
      List<Change> moveChanges = new ArrayList<>();
      List<String> movedNames = new ArrayList<>();
      List<Action> creates = new ArrayList<>(); // after the moves, which may free their priorities
      for (ListenerRuleSpec desired : desiredRules) {
        if (desired.metadata().suspend() || !priority.containsKey(desired.name())) continue;
        int wanted = priority.get(desired.name());
        Rule actual = ours.get(desired.name());
        if (actual == null) {
          creates.add(create(desired, wanted));
          out.pending(Key.of(KIND, desired.name()));
          continue;
        }
        update(desired, actual);
        if (priorityOf(actual) == wanted) continue;
        moves.put(actual.ruleArn(), wanted);
        moveChanges.add(Change.of(desired.name() + ".priority", priorityOf(actual), wanted));
        movedNames.add(desired.name());
      }
      if (!moves.isEmpty()) out.add(setPriorities(moves, moveChanges, movedNames));
      creates.forEach(out::add);
      deleteDuplicatesAndUndeclared();
    }

    private void sort(Rule rule) {
      Optional<String> name = ownership.nameOf(elb.tagsOf(rule.ruleArn()), KIND, rule.ruleArn());
      if (name.isEmpty()) foreignByPriority.put(priorityOf(rule), rule);
      else if (ours.putIfAbsent(name.get(), rule) != null) duplicates.add(rule);
      else out.known(Key.of(KIND, name.get()), rule.ruleArn());
    }

    /** May a declared rule take over the foreign rule at its explicit priority? */
    private boolean canAdopt(ListenerRuleSpec desired) {
      return desired.metadata().adopt()
          && !ours.containsKey(desired.name())
          && desired.priority().isPresent()
          && foreignByPriority.containsKey(desired.priority().get());
    }

    private void adopt(ListenerRuleSpec desired) {
      Rule foreign = foreignByPriority.remove(desired.priority().get());
      out.add(
          Action.adopt(
              KIND,
              desired.name(),
              new ElbTagsStep(
                  foreign.ruleArn(),
                  ownership.tags(KIND, desired.name(), desired.tags()),
                  List.of())));
      ours.put(desired.name(), foreign);
      out.known(Key.of(KIND, desired.name()), foreign.ruleArn());
    }

    /**
     * Each active rule's priority: explicit ones first (blocked when taken), then automatic ones
     * (the current one while free, else the lowest free). Rules of ours no longer declared keep
     * their place until pruned; suspended ones keep theirs.
     */
    private Map<String, Integer> priorities() {
      Set<Integer> taken = new HashSet<>(foreignByPriority.keySet());
      ours.forEach(
          (name, rule) -> {
            if (!declaredHere.contains(name)) taken.add(priorityOf(rule));
          });
      Map<String, Integer> priority = new LinkedHashMap<>();
      for (ListenerRuleSpec desired : desiredRules) {
        if (desired.metadata().suspend() || desired.priority().isEmpty()) continue;
        int wanted = desired.priority().get();
        if (taken.add(wanted)) priority.put(desired.name(), wanted);
        else out.add(priorityTaken(desired, wanted));
      }
      for (ListenerRuleSpec desired : desiredRules) {
        Rule actual = ours.get(desired.name());
        if (desired.metadata().suspend() && actual != null) taken.add(priorityOf(actual));
      }
      for (ListenerRuleSpec desired : desiredRules) {
        if (desired.metadata().suspend() || desired.priority().isPresent()) continue;
        int chosen = automaticPriority(ours.get(desired.name()), taken);
        taken.add(chosen);
        priority.put(desired.name(), chosen);
      }
      return priority;
    }

    private static int automaticPriority(Rule actual, Set<Integer> taken) {
      if (actual != null && !taken.contains(priorityOf(actual))) return priorityOf(actual);
      int chosen = 1;
      while (taken.contains(chosen)) chosen++;
      return chosen;
    }

    private Action priorityTaken(ListenerRuleSpec desired, int wanted) {
      Rule holder = foreignByPriority.get(wanted);
      String who =
          holder != null
              ? "a rule ecsgate does not manage (" + holder.ruleArn() + ")"
              : "an ecsgate rule that is no longer declared (run with --prune to remove it)";
      return Action.blocked(
          KIND,
          desired.name(),
          desired.priorityAt()
              + ": priority "
              + wanted
              + " on listener "
              + listener.name()
              + " is taken by "
              + who);
    }

    private Action create(ListenerRuleSpec desired, int priority) {
      List<Change> changes = new ArrayList<>();
      changes.add(Change.of("priority", "(none)", priority));
      if (!desired.pathPatterns().isEmpty())
        changes.add(Change.of("pathPatterns", "(none)", desired.pathPatterns()));
      if (!desired.hostHeaders().isEmpty())
        changes.add(Change.of("hostHeaders", "(none)", desired.hostHeaders()));
      changes.add(Change.of("forward", "(none)", desired.forward().name()));
      Map<String, String> tags = ownership.tags(KIND, desired.name(), desired.tags());
      return Action.create(
          KIND,
          desired.name(),
          new ListenerRuleStep.Create(listener, desired, priority, tags),
          changes);
    }

    /** Conditions and target in one ModifyRule; user tags the rule lacks. */
    private void update(ListenerRuleSpec desired, Rule actual) {
      ElbRules.updateIfChanged(
          KIND,
          desired,
          new ListenerRuleStep.Modify(actual.ruleArn(), desired),
          ruleDrift(desired, actual, out),
          out);
      Map<String, String> actualTags = elb.tagsOf(actual.ruleArn());
      Map<String, String> addTags = Tagging.missingTags(desired.tags(), actualTags);
      ElbRules.updateIfChanged(
          KIND,
          desired,
          new ElbTagsStep(actual.ruleArn(), addTags, List.of()),
          Tagging.tagChanges(addTags, actualTags),
          out);
    }

    private Action setPriorities(
        Map<String, Integer> moves, List<Change> changes, List<String> movedNames) {
      return Action.update(
              KIND,
              String.join(",", movedNames),
              new ListenerRuleStep.SetPriorities(moves),
              changes)
          .because("one SetRulePriorities call for listener " + listener.name());
    }

    private void deleteDuplicatesAndUndeclared() {
      for (Rule duplicate : duplicates) {
        String name =
            ownership
                .nameOf(elb.tagsOf(duplicate.ruleArn()), KIND, duplicate.ruleArn())
                .orElseThrow();
        out.delete(
            KIND,
            name,
            new ListenerRuleStep.Delete(duplicate.ruleArn()),
            Deletes.DUPLICATE,
            "duplicate of a rule ecsgate already manages");
      }
      ours.forEach(
          (name, rule) -> {
            if (declaredHere.contains(name)) return;
            out.delete(
                KIND,
                name,
                new ListenerRuleStep.Delete(rule.ruleArn()),
                Deletes.UNDECLARED,
                "no longer declared");
          });
    }
  }

  /** Conditions and forward target of an existing rule, compared with what is declared. */
  static List<Change> ruleDrift(ListenerRuleSpec desired, Rule actual, PlanBuilder out) {
    List<Change> changes = new ArrayList<>();
    Set<String> actualPaths = conditionValues(actual, "path-pattern");
    if (!actualPaths.equals(new TreeSet<>(desired.pathPatterns())))
      changes.add(Change.of("pathPatterns", actualPaths, new TreeSet<>(desired.pathPatterns())));
    Set<String> actualHosts = conditionValues(actual, "host-header");
    if (!actualHosts.equals(new TreeSet<>(desired.hostHeaders())))
      changes.add(Change.of("hostHeaders", actualHosts, new TreeSet<>(desired.hostHeaders())));
    Set<String> otherFields = new TreeSet<>();
    actual
        .conditions()
        .forEach(
            c -> {
              if (!c.field().equals("path-pattern") && !c.field().equals("host-header"))
                otherFields.add(c.field());
            });
    if (!otherFields.isEmpty()) changes.add(Change.of("conditions", otherFields, "(none)"));
    String actualTarget =
        actual.actions().size() == 1
            ? Forwarding.target(actual.actions().get(0))
            : actual.actions().size() + " actions";
    Forwarding.drift("forward", actualTarget, desired.forward(), out).ifPresent(changes::add);
    return changes;
  }

  static Set<String> conditionValues(Rule rule, String field) {
    Set<String> values = new TreeSet<>();
    for (RuleCondition condition : rule.conditions()) {
      if (!field.equals(condition.field())) continue;
      if (field.equals("path-pattern")
          && condition.pathPatternConfig() != null
          && condition.pathPatternConfig().hasValues()) {
        values.addAll(condition.pathPatternConfig().values());
      } else if (field.equals("host-header")
          && condition.hostHeaderConfig() != null
          && condition.hostHeaderConfig().hasValues()) {
        values.addAll(condition.hostHeaderConfig().values());
      } else {
        values.addAll(condition.values());
      }
    }
    return values;
  }

  static int priorityOf(Rule rule) {
    try {
      return Integer.parseInt(rule.priority());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // the default rule
    }
  }
}
