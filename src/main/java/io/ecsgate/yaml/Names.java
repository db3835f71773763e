package io.ecsgate.yaml;

import java.util.regex.Pattern;

/** Name rules AWS enforces, checked at load time so that a bad name never reaches an API call. */
public final class Names {
  /**
   * Load balancers and target groups: 1-32 letters, digits and hyphens, no hyphen at either end.
   */
  private static final Pattern ELB_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  /** Other ecsgate resources: lowercase DNS-label style, as Kubernetes users know it. */
  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");

  private Names() {}

  public static void checkElbName(String name, Mark at, Problems problems) {
    boolean valid =
        matches(
            ELB_NAME,
            name,
            at,
            "a valid load balancer or target group name (1-32 letters, digits and hyphens, not starting or ending with a hyphen)",
            problems);
    if (valid && name.startsWith("internal-"))
      problems.add(
          at,
          Problem.Rule.PATTERN,
          "metadata.name '" + name + "' must not start with 'internal-' (AWS reserves it)");
  }

  public static void checkResourceName(String name, Mark at, Problems problems) {
    matches(
        RESOURCE_NAME,
        name,
        at,
        "a valid name (1-128 letters, digits, '.', '_' and '-', starting and ending with a letter or digit)",
        problems);
  }

  /** Whether {@code name} follows {@code rule}; a problem at {@code at} when it does not. */
  private static boolean matches(
      Pattern rule, String name, Mark at, String what, Problems problems) {
    if (rule.matcher(name).matches()) return true;
    problems.add(at, Problem.Rule.PATTERN, "metadata.name '" + name + "' is not " + what);
    return false;
  }
}
