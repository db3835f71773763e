package io.ecsgate.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Verb;
import io.ecsgate.core.Withheld;
import io.ecsgate.testing.JsonSchemas;
import io.ecsgate.yaml.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every value of an enum the JSON output writes is allowed by schema/plan.schema.json: a new
 * constant (a new cause of deletion, a new verb) fails here until the schema lists it, not first in
 * a consumer's validation.
 */
class PlanSchemaEnumsTest {
  @ParameterizedTest
  @ValueSource(
      classes = {
        Deletes.class,
        Verb.class,
        Withheld.Why.class,
        Outcome.Status.class,
        Problem.Rule.class,
        io.ecsgate.core.Inventory.Source.class
      })
  void theSchemaAllowsEveryValueTheOutputCanWrite(Class<? extends Enum<?>> type)
      throws IOException {
    Set<String> written = new TreeSet<>();
    for (Enum<?> constant : type.getEnumConstants())
      written.add(constant.name().toLowerCase(Locale.ROOT));
    List<Set<String>> enums = new ArrayList<>();
    collect(new ObjectMapper().readTree(JsonSchemas.PLAN.toFile()), enums);
    assertTrue(
        enums.stream().anyMatch(e -> e.containsAll(written)),
        "no enum of "
            + JsonSchemas.PLAN
            + " holds all of "
            + type.getSimpleName()
            + " "
            + written
            + "; its enums: "
            + enums);
  }

  private static void collect(JsonNode node, List<Set<String>> enums) {
    if (node.has("enum")) {
      Set<String> values = new TreeSet<>();
      node.get("enum").forEach(v -> values.add(v.asText()));
      enums.add(values);
    }
    node.forEach(child -> collect(child, enums));
  }
}
