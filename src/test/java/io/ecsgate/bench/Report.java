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
        .append("Produced by `./controller bench` (sizes with `-Decsgate.bench.sizes=1,10,50,200`), against the moto emulator on this\n")
        .append("machine (2 cores). Each N is a generated stack (src/test/java/io/ecsgate/bench/StackGenerator.java): per service a target\n")
        .append("group and a path rule; one internal ALB per 100 rules; an NLB whose target group holds the first ALB's IPs.\n\n")
        .append("## API calls and convergence\n\n")
        .append("| N services | resources | converge from empty | passes | writes from empty | reads per no-op cycle | lower bound | ratio | writes per no-op cycle | writes for a one-field change |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Benchmark.Figures f : figures) {
      md.append(String.format(Locale.ROOT, "| %d | %d | %.1f s | %d | %d | %d | %d | %.2f | %d | %d |%n", f.services(), f.resources(),
          f.convergeMillis() / 1000.0, f.passes(), f.writesFromEmpty(), f.noOpReads(), f.bound(), f.ratio(), f.noOpWrites(), f.oneFieldWrites()));
    }
    md.append("\nReads per no-op cycle, by operation:\n\n");
    for (Benchmark.Figures f : figures) {
      md.append("- N=").append(f.services()).append(": ")
          .append(f.readsByOperation().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
    }
    md.append("""

        The lower bound (src/test/java/io/ecsgate/bench/ReadBound.java), with L load balancers (A with an ALB listener), G target
        groups, R rules, T groups whose targets ecsgate manages and V kinds of network reference written as names:
        `ceil(L/400) + ceil(G/400) + L + A + ceil((L+G+R)/20) + T + (1 if any group holds ALB IPs) + V`
        (DescribeLoadBalancers and DescribeTargetGroups take 400 a page, DescribeListeners and DescribeRules one load balancer or
        listener a call, DescribeTags 20 ARNs a call, DescribeTargetHealth one group a call, one DescribeNetworkInterfaces filter
        for every ALB, one EC2 Describe call per kind of name).

        """);
    md.append("## Plan time\n\n")
        .append(String.format(Locale.ROOT, "Pure planning (no I/O) of %d resources against an in-memory account in sync with them: median %.1f ms over %d runs "
            + "(after 3 warm-ups; runs: %s ms). Loading and validating the %d-file desired state: %d ms.%n",
            plan.resources(), plan.medianPlanMillis(), plan.runsMillis().size(),
            plan.runsMillis().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).collect(Collectors.joining(", ")), plan.resources() / 2 + 1, plan.loadMillis()));
    return md.toString();
  }
}
