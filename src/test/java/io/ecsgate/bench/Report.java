package io.ecsgate.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes bench/RESULTS.md. */
final class Report {
  private Report() {}

  static String markdown(List<Benchmark.Figures> figures, Benchmark.PlanTiming plan) {
    StringBuilder md = new StringBuilder();
    md.append("# ecsgate benchmark results\n\n")
        .append(
            "Produced by `./controller bench` (sizes with `-Decsgate.bench.sizes=1,10,50,200`), against the moto emulator on this\n")
        .append(
            "machine (2 cores). Each N is a generated stack (src/test/java/io/ecsgate/bench/StackGenerator.java): per service a target\n")
        .append(
            "group, a path rule, an ECS Fargate service with its task definition and CPU auto scaling, and an API route; one internal\n")
        .append(
            "ALB per 100 rules; an NLB whose target group holds the first ALB's IPs; one cluster; one REST API over a VPC link.\n")
        .append(
            "The benchmark's own clients run without ecsgate's client-side rate limits, so convergence times measure ecsgate and the\n")
        .append(
            "emulator, not AWS's quotas (with the default limits, RegisterTaskDefinition alone takes 1 s per service); the daemon\n")
        .append("figures are with the default limits, as in production.\n\n")
        .append("## API calls and convergence\n\n")
        .append(
            "Reads per no-op cycle are given twice: *one-shot* for a fresh process (`plan`, `apply`), *loop* for the daemon, whose\n")
        .append(
            "observer does not read a task-definition revision again that it has read before (revisions are immutable), in a cycle\n")
        .append(
            "that reads every tag (its first, every `--tag-audit-interval`, and a family's first after ecsgate wrote to it);\n")
        .append("the next table gives the loop's cycles between tag audits.\n\n")
        .append(
            "| N services | resources | converge from empty | passes | writes from empty | reads per no-op: one-shot / bound | loop / bound | loop ratio | writes per no-op cycle | writes for a one-field change |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Benchmark.Figures f : figures) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.1f s | %d | %d | %d / %d | %d / %d | %.2f | %d | %d |%n",
              f.services(),
              f.resources(),
              f.convergeMillis() / 1000.0,
              f.passes(),
              f.writesFromEmpty(),
              f.coldReads(),
              f.coldBound(),
              f.noOpReads(),
              f.bound(),
              f.ratio(),
              f.noOpWrites(),
              f.oneFieldWrites()));
    }
    md.append("\n### The loop between tag audits\n\n")
        .append(
            "Between tag audits (`run --tag-audit-interval`, default 10 min) the daemon's no-op cycle reads no ELB DescribeTags, no\n")
        .append(
            "ListServices (services are read by name) and no alarm tags. *ELB share*: the cycle's Elastic Load Balancing reads at the\n")
        .append(
            "default 30 s interval, of the 10 requests a second the account's ELB tools share.\n\n")
        .append(
            "| N services | loop reads: audit cycle / between audits / bound between | ELB reads: audit / between | ELB share: audit / between |\n")
        .append("|---:|---:|---:|---:|\n");
    for (Benchmark.Figures f : figures) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %d / %d / %d | %d / %d | %.1f %% / %.1f %% |%n",
              f.services(),
              f.noOpReads(),
              f.loopReads(),
              f.loopBound(),
              f.auditElbReads(),
              f.loopElbReads(),
              100 * Benchmark.Figures.elbShare(f.auditElbReads()),
              100 * Benchmark.Figures.elbShare(f.loopElbReads())));
    }
    md.append("\n## Speed and memory: fresh processes\n\n")
        .append(
            "Each command is a fresh `java` process with the flags `./controller` gives it (`./controller java-opts <command>`,\n")
        .append(
            "with the AppCDS archive target/ecsgate.jsa for one-shot commands, none for the daemon), as min / median / max of the runs. *plan*: a no-op\n")
        .append(
            "`plan` of the converged stack. *apply*: `apply` from an empty account (rate limits lifted, as above). *daemon*: `run\n")
        .append(
            "--interval=100ms` with the default rate limits on the converged stack: the time of each cycle after the first, and the\n")
        .append(
            "resident set size (VmRSS) after the last. Wall times depend on the machine's load.\n\n")
        .append(
            "| N services | plan wall | plan CPU | apply wall | apply CPU | daemon cycle | daemon RSS after cycles |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Benchmark.Figures f : figures) {
      Benchmark.Speed s = f.speed();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %s | %d MiB after %d |%n",
              f.services(),
              s.plan().wall().seconds(),
              s.plan().cpu().seconds(),
              s.apply().wall().seconds(),
              s.apply().cpu().seconds(),
              s.daemon().cycleMillis().millis(),
              s.daemon().rssMib(),
              s.daemon().cycles()));
    }
    md.append("\n## The daemon\n\n")
        .append(
            "`java -jar target/ecsgate.jar run --interval=1h DIR` (default JVM flags) started on the converged stack: time from process\n")
        .append(
            "start to its first completed cycle (JVM start, load, observe, plan), and the peak resident set size (VmHWM) at that point.\n\n")
        .append("| N services | start to first completed cycle | peak RSS |\n|---:|---:|---:|\n");
    for (Benchmark.Figures f : figures) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f s | %d MiB |%n",
              f.services(),
              f.daemon().firstCycleMillis() / 1000.0,
              f.daemon().peakRssMib()));
    }
    md.append(
        "\nThe first cycle is a cold one (the one-shot reads above) under the default client-side rate limits, which"
            + " dominate at large N:\nat N=200 the 222 ECS reads alone, at 20 a second after a burst of 40, take about 9 s;"
            + " later cycles make the loop's reads.\n");
    md.append("\nReads per no-op cycle of the loop between tag audits, by operation:\n\n");
    for (Benchmark.Figures f : figures) {
      md.append("- N=")
          .append(f.services())
          .append(": ")
          .append(
              f.loopReadsByOperation().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    md.append("\nReads per no-op cycle of the loop's audit cycle, by operation:\n\n");
    for (Benchmark.Figures f : figures) {
      md.append("- N=")
          .append(f.services())
          .append(": ")
          .append(
              f.readsByOperation().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    md.append(
        """

        The lower bound (src/test/java/io/ecsgate/bench/ReadBound.java, where each term is explained), the sum of:

        - ELB and EC2, with L load balancers (A ALB listeners), G target groups, R rules, T groups whose targets ecsgate manages and
          V kinds of network reference written as names: `ceil(L/400) + ceil(G/400) + L + A + ceil((L+G+R)/20) + T + (1 if any
          group holds ALB IPs or any ingress rule a load balancer's) + V + ceil(I/1000)` (Describe* 400 a page,
          DescribeListeners/DescribeRules one load balancer or listener a call, DescribeTags 20 ARNs a call, DescribeTargetHealth
          one group a call, one DescribeNetworkInterfaces for every load balancer whose addresses are needed, and
          DescribeSecurityGroupRules 1,000 a page, at least one, for the I ingress rules ecsgate keeps).
        - ECS and Application Auto Scaling, with C clusters, S_c services in cluster c, S services, F task families and P scaling
          policies: `ceil(C/100) + sum_c (ceil(S_c/100) + ceil(S_c/10)) + F + ceil(S/50) + policy pages` (DescribeClusters 100 a call,
          ListServices 100 a page, DescribeServices 10 a call with tags, DescribeTaskDefinition one family a call with tags,
          DescribeScalableTargets 50 IDs a call, DescribeScalingPolicies 50 names a call and 10 a page). The loop bound drops F;
          between tag audits it also drops `ceil((L+G+R)/20)` DescribeTags, `sum_c ceil(S_c/100)` ListServices and the 2Q
          alarm tags (ReadBound.loop).
        - API Gateway, with K VPC links, K2 VPC links V2 and P REST APIs of N(p) resources: `ceil(K/500) + ceil(K2/500) + ceil(P/500) + sum_p (ceil(N(p)/500) + 2)`
          (GetVpcLinks, GetVpcLinks of API Gateway V2 and GetRestApis 500 a page with tags, GetResources with embed=methods 500 a page, GetStages, and
          GetDeployment for the stage's recorded content hash).

        """);
    md.append("## Plan time\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Pure planning (no I/O) of %d resources against an in-memory account in sync with them: median %.1f ms over %d runs "
                    + "(after 3 warm-ups; runs: %s ms). Loading and validating the %d-file desired state: %d ms.%n",
                plan.resources(),
                plan.medianPlanMillis(),
                plan.runsMillis().size(),
                plan.runsMillis().stream()
                    .map(d -> String.format(Locale.ROOT, "%.1f", d))
                    .collect(Collectors.joining(", ")),
                plan.resources() / 2 + 1,
                plan.loadMillis()));
    return md.toString();
  }
}
