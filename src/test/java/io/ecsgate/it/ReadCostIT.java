package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.aws.Elbv2Reads;
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

/**
 * Reads per no-op cycle against the lowest number the API batch limits allow. The bound for the
 * ELB path, with L load balancers, A of them ALBs with one listener each, G target groups, R rules,
 * T groups whose targets ecsgate manages, and network names resolved for V resource types:
 *   DescribeLoadBalancers ceil(L/400) + DescribeTargetGroups ceil(G/400) + DescribeListeners L
 *   + DescribeRules A + DescribeTags ceil((L+G+R)/20) + DescribeTargetHealth T
 *   + DescribeNetworkInterfaces (1 if any group holds ALB IPs) + EC2 name look-ups V.
 */
@ExtendWith(Emulator.class)
class ReadCostIT {
  @TempDir Path dir;

  static long lowerBound(int loadBalancers, int albListeners, int targetGroups, int rules, int managedTargetGroups, boolean albIps, int namedTypes) {
    return ceil(loadBalancers, Elbv2Reads.PAGE_SIZE) + ceil(targetGroups, Elbv2Reads.PAGE_SIZE) + loadBalancers + albListeners
        + ceil(loadBalancers + targetGroups + rules, Elbv2Reads.TAGS_BATCH) + managedTargetGroups + (albIps ? 1 : 0) + namedTypes;
  }

  @Test
  void theSeedStackIsObservedWithTheFewestReads(Emulator aws) {
    long reads = noOpReads(aws, new DesiredStateLoader().load(List.of(Emulator.seed())));
    // 2 load balancers (1 ALB listener), 3 target groups, 2 rules, 1 group of ALB IPs; VPC, subnet and SG names
    long bound = lowerBound(2, 1, 3, 2, 1, true, 3);
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

    long reads = noOpReads(aws, new DesiredStateLoader().load(List.of(dir)));

    long bound = lowerBound(1, 1, 50, 100, 0, false, 2);
    System.out.println("[read-cost] 50 target groups, 100 rules: " + reads + " reads per no-op cycle, lower bound " + bound);
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

  private static long ceil(int count, int perCall) {
    return Math.max(1, (count + perCall - 1) / perCall);
  }
}
