package io.ecsgate.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStateLoaderTest {
  /** A valid stack the cases refer to: an ALB (listener 80), an NLB, two target groups. */
  static final String BASE =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: alb}
      spec:
        type: application
        subnets: [public-subnet-a, public-subnet-b]
        listeners:
          - port: 80
            defaultAction: {forward: web-tg}
      ---
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [public-subnet-a]
        listeners:
          - port: 80
            protocol: TCP
            defaultAction: {forward: nlb-tg}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: web-tg}
      spec: {vpc: vpc-1, protocol: HTTP, port: 80}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: nlb-tg}
      spec: {vpc: vpc-1, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}
      """;

  static final String RULE =
      """
      apiVersion: ecsgate/v1
      kind: ListenerRule
      metadata: {name: %s}
      spec:
        loadBalancer: alb
        port: 80
        priority: %s
        pathPatterns: [/%s]
        forward: web-tg
      """;

  @TempDir Path dir;

  @Test
  void moreRulesThanTheQuotaOnOneLoadBalancerIsAnError() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    Files.writeString(
        dir.resolve("rules.yaml"),
        rule("r1", "1") + "---\n" + rule("r2", "2") + "---\n" + rule("r3", "3"));

    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class,
            () -> Registry.loader(new SpecType.Limits(2)).load(List.of(dir)));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(error.problems().get(0).message().contains("more than 2 rules"), error.getMessage());
    assertEquals(23, error.problems().get(0).at().line()); // where the third rule is declared
  }

  @Test
  void everyProblemInEveryFileIsReportedAtOnce() throws IOException {
    Files.writeString(
        dir.resolve("a.yaml"),
        doc("TargetGroup", "t1", "{vpc: v, protocol: HTTPX, port: 0, colour: red}"));
    Files.writeString(dir.resolve("b.yaml"), "kind: [\n");

    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class, () -> Registry.loader().load(List.of(dir)));

    List<String> messages = error.problems().stream().map(Problem::toString).toList();
    assertEquals(4, messages.size(), String.join("\n", messages));
    assertTrue(
        messages.get(0).contains("a.yaml:4:")
            && messages.get(0).contains("protocol must be one of"),
        messages.get(0));
    assertTrue(
        messages.get(3).contains("b.yaml:") && messages.get(3).contains("YAML syntax error"),
        messages.get(3));
  }

  @Test
  void binaryDataIsRefusedAsNotText() throws IOException {
    Files.write(dir.resolve("blob.yaml"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe});

    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class, () -> Registry.loader().load(List.of(dir)));

    assertTrue(
        error.getMessage().contains("blob.yaml:1:1: not a UTF-8 text file"), error.getMessage());
  }

  @Test
  void aMissingPathIsReported() {
    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class,
            () -> Registry.loader().load(List.of(dir.resolve("nope"))));

    assertTrue(error.getMessage().contains("no such file or directory"), error.getMessage());
  }

  @Test
  void anEmptyDirectoryIsAnEmptyDesiredState() {
    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class, () -> Registry.loader().load(List.of(dir)));

    assertTrue(error.getMessage().contains("the desired state is empty"), error.getMessage());
  }

  @Test
  void theSeedStackLoadsWithItsReferencesResolved() {
    DesiredState state = Registry.loader().load(List.of(Path.of("desired-state")));

    assertTrue(state.find(LoadBalancerSpec.class, "ecs-fargate-elb").orElseThrow().isApplication());
    TargetGroupSpec nlbGroup =
        state.find(TargetGroupSpec.class, "ecs-fargate-nlb-group").orElseThrow();
    assertEquals("ecs-fargate-elb", nlbGroup.targets().orElseThrow().loadBalancer().name());
    assertEquals(
        "/health-check",
        state
            .find(TargetGroupSpec.class, "ecs-fargate-demo1-tg")
            .orElseThrow()
            .healthCheck()
            .path());
    assertEquals(
        List.of("/demo1", "/demo1/*"), state.all(ListenerRuleSpec.class).get(0).pathPatterns());
    assertEquals(12, state.revision().length());
  }

  @Test
  void theRevisionChangesWithTheContent() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    String before = Registry.loader().load(List.of(dir)).revision();
    Files.writeString(
        dir.resolve("base.yaml"), BASE.replace("port: 80, targets", "port: 81, targets"));

    assertTrue(!before.equals(Registry.loader().load(List.of(dir)).revision()));
  }

  @Test
  void theRevisionIsTheSameWhereverAndHoweverTheSameFilesAreNamed() throws IOException {
    Path seed = Path.of("desired-state");
    for (Path file : Files.list(seed).toList()) Files.copy(file, dir.resolve(file.getFileName()));
    String revision = Registry.loader().load(List.of(seed)).revision();
    for (Path spelling :
        List.of(
            Path.of("desired-state/"),
            Path.of("./desired-state"),
            seed.toAbsolutePath(),
            Path.of("desired-state/../desired-state"),
            dir))
      assertEquals(revision, Registry.loader().load(List.of(spelling)).revision(), "" + spelling);
  }

  @Test
  void theRevisionChangesWhenAFileIsRenamedOrMoved() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    String before = Registry.loader().load(List.of(dir)).revision();
    Files.move(dir.resolve("base.yaml"), dir.resolve("other.yaml"));
    String renamed = Registry.loader().load(List.of(dir)).revision();
    Files.createDirectory(dir.resolve("sub"));
    Files.move(dir.resolve("other.yaml"), dir.resolve("sub/other.yaml"));
    String moved = Registry.loader().load(List.of(dir)).revision();
    assertEquals(3, java.util.Set.of(before, renamed, moved).size(), before + renamed + moved);
  }

  @Test
  void aFileGivenItselfCountsByItsName() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    Files.createDirectory(dir.resolve("copy"));
    Files.writeString(dir.resolve("copy/base.yaml"), BASE);
    assertEquals(
        Registry.loader().load(List.of(dir.resolve("base.yaml"))).revision(),
        Registry.loader().load(List.of(dir.resolve("copy/base.yaml"))).revision());
    assertEquals(
        Registry.loader().load(List.of(dir.resolve("copy"))).revision(),
        Registry.loader().load(List.of(dir.resolve("copy/base.yaml"))).revision());
  }

  static String doc(String kind, String name, String spec) {
    return "apiVersion: ecsgate/v1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + "}\nspec: "
        + spec
        + "\n";
  }

  static String rule(String name, String priority) {
    return RULE.formatted(name, priority, name);
  }

  static String alb(String name, String subnets, String port, String protocol) {
    return "apiVersion: ecsgate/v1\nkind: LoadBalancer\nmetadata: {name: "
        + name
        + "}\nspec:\n  type: application\n  subnets: "
        + subnets
        + "\n  listeners:\n    - protocol: "
        + protocol
        + "\n      port: "
        + port
        + "\n      defaultAction:\n        {forward: web-tg}\n";
  }
}
