package io.ecsgate.cli;

import io.ecsgate.core.PlanOptions;
import picocli.CommandLine.Option;

/** Options that change what a plan may do. */
final class ApplyOptions {
  @Option(
      names = "--prune",
      description = "Delete resources ecsgate created that the YAML no longer declares.")
  boolean prune;

  @Option(
      names = "--max-deletes",
      defaultValue = "20",
      converter = NonNegative.class,
      description =
          "At most this many deletions of whole resources (pruned or replaced) per apply or cycle (default: ${DEFAULT-VALUE}).")
  int maxDeletes;

  @Option(
      names = "--allow-mass-delete",
      description =
          "Let one apply or cycle delete more than half of the resources ecsgate owns (refused otherwise).")
  boolean allowMassDelete;

  @Option(
      names = "--allow-replace",
      description =
          "Let changes AWS cannot make in place (an ECS service's launch type) delete and re-create the resource.")
  boolean allowReplace;

  @Option(
      names = "--keep-task-definitions",
      defaultValue = "5",
      converter = NonNegative.class,
      description =
          "After registering a task definition, deregister owned revisions beyond the newest N (0: never; default: ${DEFAULT-VALUE}).")
  int keepTaskDefinitions;

  @Option(
      names = "--pass-role",
      split = ",",
      paramLabel = "ROLE",
      converter = RoleArnOrName.class,
      description =
          "IAM roles (ARNs, or names) task definitions may name as task or execution role; any other blocks the family at plan time. Repeatable or comma-separated (default: any role; the IAM policy's PassRole statement decides).")
  java.util.List<String> passRoles = new java.util.ArrayList<>();

  PlanOptions planOptions() {
    return new PlanOptions(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, passRoles);
  }

  /** An IAM role ARN ({@code arn:aws:iam::<account>:role/<path/name>}) or a role name. */
  static final class RoleArnOrName implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+")
          || value.matches("[\\w+=,.@-]{1,64}")) return value;
      throw new picocli.CommandLine.TypeConversionException(
          "'"
              + value
              + "' is neither an IAM role ARN (arn:aws:iam::<account>:role/<name>) nor a role name");
    }
  }

  /** A count: 0 or more. */
  static final class NonNegative implements picocli.CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int count;
      try {
        count = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a whole number");
      }
      if (count < 0)
        throw new picocli.CommandLine.TypeConversionException("must be 0 or more, got " + count);
      return count;
    }
  }
}
