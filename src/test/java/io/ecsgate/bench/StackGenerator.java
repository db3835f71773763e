package io.ecsgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Desired states of N services for benchmarks and scale tests, shaped like the seed stack: per
 * service a target group, a path rule (/svc-i, /svc-i/*), the ECS service itself (its task
 * definition, bound to its group, scaling 2..4 on CPU) in one cluster, and an API route ({@code ANY
 * /svc-i/{proxy+}} of one REST API through a VPC link to the NLB, stage {@code bench}); an internal
 * ALB per 100 rules (AWS's default quota); an NLB in front of the first ALB with a target group of
 * its IPs, and the ALBs' security group admitting the NLB's addresses on port 80. Uses the seed
 * network's names (EmulatorNetwork).
 */
public final class StackGenerator {
  public static final int RULES_PER_ALB = 100;
  public static final String CLUSTER = "bench-cluster";

  private StackGenerator() {}

  public static int albCount(int services) {
    return Math.max(1, (services + RULES_PER_ALB - 1) / RULES_PER_ALB);
  }

  /** Writes the stack into {@code dir} (one file for the edge, one per service) and returns it. */
  public static Path write(int services, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder edge = new StringBuilder();
    for (int a = 0; a < albCount(services); a++) {
      edge.append(
          document(
              "LoadBalancer",
              alb(a),
              """
            type: application
            scheme: internal
            subnets: [public-subnet-a, public-subnet-b]
            securityGroups: [ecs-fargate-elb-grp]
            listeners:
              - port: 80
                defaultAction: {fixedResponse: {statusCode: 404}}
          """));
    }
    edge.append(
        document(
            "LoadBalancer",
            "bench-nlb",
            """
          type: network
          scheme: internal
          subnets: [public-subnet-a, public-subnet-b]
          listeners:
            - port: 80
              protocol: TCP
              defaultAction: {forward: bench-nlb-group}
        """));
    edge.append(
        document(
            "TargetGroup",
            "bench-nlb-group",
            """
          vpc: ecs-fargate-vpc
          protocol: TCP
          port: 80
          targets: {ipsOfLoadBalancer: %s}
        """
                .formatted(alb(0))));
    edge.append(
        document(
            "SecurityGroupIngress",
            "bench-elb-admits-nlb",
            """
          securityGroup: ecs-fargate-elb-grp
          rules:
            - {port: 80, from: {ipsOfLoadBalancer: bench-nlb}}
        """));
    edge.append(
        document(
            "Cluster",
            CLUSTER,
            """
          containerInsights: enabled
        """));
    edge.append(document("VpcLink", "bench-link", "loadBalancer: bench-nlb\n"));
    StringBuilder routes = new StringBuilder();
    for (int i = 0; i < services; i++)
      routes.append("  - {path: '/svc-").append(i).append("/{proxy+}', methods: [ANY]}\n");
    edge.append(
        document(
            "RestApi",
            "bench-api",
            "vpcLink: bench-link\nbackend: {loadBalancer: "
                + alb(0)
                + "}\nroutes:\n"
                + routes
                + "stage: {name: bench}\n"));
    Files.writeString(dir.resolve("edge.yaml"), edge);
    for (int i = 0; i < services; i++) {
      String name = "svc-" + i;
      String yaml =
          document(
                  "TargetGroup",
                  name + "-tg",
                  """
            vpc: ecs-fargate-vpc
            protocol: HTTP
            port: 80
            healthCheck: {path: /health-check}
          """)
              + document(
                  "ListenerRule",
                  name,
                  """
            loadBalancer: %s
            port: 80
            priority: %d
            pathPatterns: [/%s, /%s/*]
            forward: %s-tg
          """
                      .formatted(alb(i / RULES_PER_ALB), i % RULES_PER_ALB + 1, name, name, name))
              + document(
                  "Service",
                  name,
                  """
            cluster: %s
            desiredCount: 2
            network:
              subnets: [private-subnet-a, private-subnet-b]
              securityGroups: [ecs-fargate-container-sg]
            loadBalancers:
              - {targetGroup: %s-tg, containerName: app, containerPort: 80}
            deployment: {minimumHealthyPercent: 50, maximumPercent: 100}
            taskDefinition:
              family: %s
              cpu: 256
              memory: 512
              containers:
                - name: app
                  image: public.ecr.aws/nginx/nginx:1.27
                  portMappings: [{containerPort: 80}]
                  environment: {SERVICE_NAME: %s}
            autoScaling: %s
          """
                      .formatted(CLUSTER, name, name, name, autoScaling(i)));
      Files.writeString(dir.resolve(String.format("service-%04d.yaml", i)), yaml);
    }
    return dir;
  }

  /**
   * Every second service scales by target tracking, the others by the walk-through's step scaling
   * (two alarms each, of default names).
   */
  static String autoScaling(int index) {
    return index % 2 == 0
        ? "{minTasks: 2, maxTasks: 4, cpuTarget: 70}"
        : "{minTasks: 2, maxTasks: 4, steps: {statistic: Minimum,"
            + " scaleOut: {threshold: 70}, scaleIn: {threshold: 50}}}";
  }

  static String alb(int index) {
    return "bench-alb-" + index;
  }

  private static String document(String kind, String name, String spec) {
    return "---\napiVersion: ecsgate/v1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + "}\nspec:\n"
        + spec.stripIndent().indent(2);
  }
}
