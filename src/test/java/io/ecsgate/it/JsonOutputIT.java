package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.JsonSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * plan --json and apply --json against the emulator print what schema/plan.schema.json describes:
 * the seed stack's first plan and apply from nothing, and the no-op plan after it.
 */
@ExtendWith(Emulator.class)
class JsonOutputIT {
  private static final Schema SCHEMA = JsonSchemas.load(JsonSchemas.PLAN);

  @Test
  void aFirstPlanTheApplyAndTheNoOpPlanAfterItFollowTheSchema(Emulator aws) {
    String seed = Emulator.seed().toString();

    JsonNode plan = valid(Cli.against(aws, "plan", "--json", "--detailed-exitcode", seed), 2);
    JsonNode apply = valid(Cli.against(aws, "apply", "--json", seed), 0);
    JsonNode noOp = valid(Cli.against(aws, "plan", "--json", "--detailed-exitcode", seed), 0);

    int planned = plan.get("summary").get("changes").asInt();
    assertTrue(planned >= 10, "the seed stack is created from nothing: " + planned);
    assertTrue(
        plan.findValues("verb").stream().allMatch(v -> v.asText().equals("create")),
        "every action creates");
    assertEquals("applied", apply.get("result").get("outcome").asText());
    JsonNode firstPass = apply.get("passes").get(0);
    assertEquals(plan.get("actions"), firstPass.get("plan").get("actions"), "apply ran the plan");
    assertTrue(
        firstPass.get("outcomes").findValues("status").stream()
            .allMatch(s -> s.asText().equals("done")),
        firstPass.get("outcomes").toString());
    assertEquals(
        apply.get("result").get("changes").asInt(),
        apply.get("passes").findValues("outcomes").stream().mapToInt(JsonNode::size).sum());
    assertFalse(noOp.get("summary").get("differences").asBoolean(), noOp.toString());
    assertEquals(0, noOp.get("actions").size());
  }

  private static JsonNode valid(Cli.Result result, int exitCode) {
    assertEquals(exitCode, result.exitCode(), result.out() + result.err());
    JsonNode document = JsonSchemas.json(result.out());
    List<Error> errors = SCHEMA.validate(document);
    assertEquals(List.of(), errors.stream().map(Error::toString).toList(), result.out());
    return document;
  }
}
