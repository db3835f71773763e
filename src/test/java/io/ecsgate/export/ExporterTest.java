package io.ecsgate.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
  /** A load balancer reaching one group; the group reaching the load balancer back. */
  private static final class Fake implements ExportSource {
    final List<Reach> asked = new ArrayList<>();

    @Override
    public Set<String> kinds() {
      return Set.of("LoadBalancer", "TargetGroup");
    }

    @Override
    public void export(Reach reach, Walk walk) {
      asked.add(reach);
      switch (reach.id()) {
        case "lb" -> {
          walk.add(new Document("LoadBalancer", "lb", Map.of()));
          walk.reach(new Reach("TargetGroup", "tg"));
        }
        case "tg" -> {
          walk.add(new Document("TargetGroup", "tg", Map.of()));
          walk.reach(new Reach("LoadBalancer", "lb"));
        }
        case "bad" -> walk.leaveOut(new LeftOut("LoadBalancer", "bad", "a gateway"));
        default -> walk.notFound(reach);
      }
    }
  }

  @Test
  void eachReachedResourceIsExportedOnceAndDocumentsComeInRegistryOrder() {
    Fake fake = new Fake();
    Exporter.Result result =
        new Exporter(List.of(fake), List.of("TargetGroup", "LoadBalancer"))
            .export(List.of(new Reach("LoadBalancer", "lb")), false);

    assertEquals(
        List.of(new Reach("LoadBalancer", "lb"), new Reach("TargetGroup", "tg")), fake.asked);
    assertEquals(List.of("tg", "lb"), result.documents().stream().map(Document::name).toList());
    assertTrue(result.complete());
  }

  @Test
  void whatCannotBeExpressedMakesTheResultIncompleteAndAbsentOnesAreNotFound() {
    Exporter.Result result =
        new Exporter(List.of(new Fake()), List.of("LoadBalancer"))
            .export(
                List.of(new Reach("LoadBalancer", "bad"), new Reach("LoadBalancer", "gone")),
                false);

    assertFalse(result.complete());
    assertEquals("LoadBalancer bad: a gateway", result.leftOut().get(0).toString());
    assertEquals(List.of(new Reach("LoadBalancer", "gone")), result.notFound());
  }

  @Test
  void renderedFilesAreOnePerKindAdoptAndLoad(@TempDir Path dir) throws Exception {
    Map<String, Object> tg = new java.util.LinkedHashMap<>();
    tg.put("vpc", "vpc-0123456789abcdef0");
    tg.put("protocol", "HTTP");
    tg.put("port", 80);
    tg.put("tags", Map.of("team", "on")); // a string YAML 1.1 would read as a boolean
    Map<String, Object> lb = new java.util.LinkedHashMap<>();
    lb.put("type", "application");
    lb.put("subnets", List.of("subnet-a", "subnet-b"));
    lb.put(
        "listeners",
        List.of(Map.of("port", 80, "protocol", "HTTP", "defaultAction", Map.of("forward", "tg"))));
    Map<String, String> files =
        YamlFiles.render(
            List.of(
                new Document("TargetGroup", "tg", tg, List.of("a comment")),
                new Document("LoadBalancer", "lb", lb)),
            "header");

    assertEquals(Set.of("target-groups.yaml", "load-balancers.yaml"), files.keySet());
    String lbText = files.get("load-balancers.yaml");
    assertTrue(lbText.startsWith("# header\napiVersion: ecsgate/v1\nkind: LoadBalancer\n"), lbText);
    assertTrue(lbText.contains("  adopt: true\n"), lbText);
    assertTrue(lbText.contains("  subnets: [subnet-a, subnet-b]\n"), lbText);
    assertTrue(lbText.contains("  listeners:\n    - "), lbText);
    assertTrue(
        files.get("target-groups.yaml").contains("# a comment\n"), files.get("target-groups.yaml"));
    for (Map.Entry<String, String> file : files.entrySet())
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    DesiredState loaded = Registry.loader().load(List.of(dir));
    assertEquals(2, loaded.size());
    assertTrue(loaded.specs().stream().allMatch(s -> s.metadata().adopt()));
    assertEquals(
        Map.of("team", "on"),
        loaded.find(io.ecsgate.kinds.elb.TargetGroupSpec.class, "tg").orElseThrow().tags());
  }

  @Test
  void aKindsFileIsNamedByItsKindInKebabCasePlural() {
    assertEquals("listener-rules.yaml", YamlFiles.fileName("ListenerRule"));
    assertEquals("rest-apis.yaml", YamlFiles.fileName("RestApi"));
  }
}
