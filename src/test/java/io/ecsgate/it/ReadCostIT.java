package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.ReadBound;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.model.DesiredState;
import io.ecsgate.model.DesiredStateLoader;
import io.ecsgate.model.Ownership;
import io.ecsgate.plan.PlanOptions;
import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reads per no-op cycle equal the lowest number the API batch limits allow ({@link ReadBound}). */
@ExtendWith(Emulator.class)
class ReadCostIT {
  @TempDir Path dir;

  @Test
  void theSeedStackIsObservedWithTheFewestReads(Emulator aws) {
    long reads = noOpReads(aws, new DesiredStateLoader().load(List.of(Emulator.seed())));
    // 2 load balancers (1 ALB listener), 3 target groups, 2 rules, 1 group of ALB IPs; VPC, subnet and SG names: 11;
    // API Gateway: GetVpcLinks, GetRestApis, GetResources (embed=methods), GetStages, GetDeployment: 5
    long bound = ReadBound.of(new DesiredStateLoader().load(List.of(Emulator.seed())));
    assertEquals(16, bound);
    System.out.println("[read-cost] desired-state/: " + reads + " reads per no-op cycle, lower bound " + bound);
    assertEquals(bound, reads);
  }

  @Test
  void fiftyTargetGroupsAndAHundredRulesAreObservedWithTheFewestReads(Emulator aws) throws IOException {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: ecsgate/v1
        kind: LoadBalancer
        metadata: {name: big-alb}
        spec:
          type: application
          subnets: [public-subnet-a, public-subnet-b]
          listeners: [{port: 80, defaultAction: {fixedResponse: {statusCode: 404}}}]
        """);
    for (int g = 0; g < 50; g++) {
      yaml.append("---\napiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: svc-").append(g).append("}\n")
          .append("spec: {vpc: ecs-fargate-vpc, protocol: HTTP, port: 80, healthCheck: {path: /health}}\n");
      for (int r = 0; r < 2; r++) {
        yaml.append("---\napiVersion: ecsgate/v1\nkind: ListenerRule\nmetadata: {name: svc-").append(g).append("-").append(r).append("}\n")
            .append("spec: {loadBalancer: big-alb, port: 80, priority: ").append(g * 2 + r + 1)
            .append(", pathPatterns: [/svc-").append(g).append("/v").append(r).append("/*], forward: svc-").append(g).append("}\n");
      }
    }
    Files.writeString(dir.resolve("big.yaml"), yaml);

    DesiredState desired = new DesiredStateLoader().load(List.of(dir));
    long reads = noOpReads(aws, desired);

    long bound = ReadBound.of(desired); // 1 + 1 + 1 listener + 1 rules + ceil(151/20)=8 tags + VPC and subnet names = 14
    assertEquals(14, bound);
    System.out.println("[read-cost] 50 target groups, 100 rules: " + reads + " reads per no-op cycle, lower bound " + bound);
    assertEquals(bound, reads);
  }

  @Test
  void aRestApiWithAHundredRoutesIsObservedWithTheFewestReads(Emulator aws) throws IOException {
    for (Path file : Files.list(Emulator.seed()).toList()) Files.copy(file, dir.resolve(file.getFileName()));
    StringBuilder routes = new StringBuilder();
    for (int r = 0; r < 100; r++) {
      routes.append("    - {path: '/svc-").append(r / 2).append(r % 2 == 0 ? "'" : "/{item_id}'").append(", methods: [GET]}\n");
    }
    Path api = dir.resolve("api.yaml");
    Files.writeString(api, Files.readString(api).replace("  stage:\n", routes + "  stage:\n"));

    DesiredState desired = new DesiredStateLoader().load(List.of(dir));
    long reads = noOpReads(aws, desired);

    long bound = ReadBound.of(desired); // the seed's 11 + GetVpcLinks + GetRestApis + one GetResources page (103 resources) + GetStages + GetDeployment
    assertEquals(16, bound);
    System.out.println("[read-cost] REST API with 102 routes (103 resources): " + reads + " reads per no-op cycle, lower bound " + bound);
    assertEquals(bound, reads);
  }

  private static long noOpReads(Emulator aws, DesiredState desired) {
    Reconciler reconciler = new Reconciler(aws.clients(), new Ownership("ecsgate"));
    assertTrue(reconciler.converge(desired, PlanOptions.DEFAULT, Reconciler.Progress.SILENT).succeeded());
    aws.calls().reset();
    Reconciler.Convergence noOp = reconciler.converge(desired, PlanOptions.DEFAULT, Reconciler.Progress.SILENT);
    assertTrue(noOp.succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    System.out.println("[read-cost] by operation: " + aws.calls().snapshot());
    return aws.calls().reads();
  }
}
