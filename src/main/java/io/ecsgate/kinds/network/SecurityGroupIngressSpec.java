package io.ecsgate.kinds.network;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.elb.LoadBalancerIpRefs;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingress rules ecsgate keeps on a security group it does not own (the ALB's group admitting the
 * NLB's addresses on port 80): each rule admits one protocol and port from an IPv4 CIDR, or from
 * every private address of a declared load balancer (each as a /32, kept equal as they change).
 */
public record SecurityGroupIngressSpec(Metadata metadata, Ref securityGroup, List<Rule> rules)
    implements NetworkRefs, LoadBalancerIpRefs {

  public static final String KIND = "SecurityGroupIngress";

  public static final SpecType<SecurityGroupIngressSpec> TYPE =
      SpecType.of(
          KIND,
          SecurityGroupIngressSpec.class,
          SecurityGroupIngressSpec::read,
          SecurityGroupIngressSpec::check);

  static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

  /** Where a rule admits traffic from. */
  public sealed interface Source {
    Mark at();
  }

  /** An IPv4 CIDR with no host bits set (AWS would store it otherwise, a perpetual diff). */
  public record Cidr(String cidr, Mark at) implements Source {}

  /** Every private address of a declared load balancer, from its network interfaces. */
  public record IpsOfLoadBalancer(Ref loadBalancer) implements Source {
    @Override
    public Mark at() {
      return loadBalancer.at();
    }
  }

  public record Rule(String protocol, int port, Source from) {}

  /** The rules carry only the ownership tags. */
  @Override
  public Map<String, String> tags() {
    return Map.of();
  }

  @Override
  public List<Ref> securityGroups() {
    return List.of(securityGroup);
  }

  @Override
  public List<Ref> loadBalancersWhoseIpsAreNeeded() {
    return rules.stream()
        .map(Rule::from)
        .filter(IpsOfLoadBalancer.class::isInstance)
        .map(s -> ((IpsOfLoadBalancer) s).loadBalancer())
        .toList();
  }

  public static SecurityGroupIngressSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    Ref group = spec.requiredRef("securityGroup");
    List<Rule> rules =
        spec.mappings("rules", SecurityGroupIngressSpec::readRule).stream()
            .flatMap(Optional::stream)
            .toList();
    Optional<io.ecsgate.yaml.YamlNode> listed = spec.node("rules");
    if (listed.isEmpty())
      problems.add(spec.at(), Problem.Rule.REQUIRED, "spec is missing required key 'rules'");
    else if (listed.get() instanceof io.ecsgate.yaml.YamlNode.Sequence seq && seq.items().isEmpty())
      problems.add(spec.at("rules"), Problem.Rule.RANGE, "rules needs at least one rule");
    return new SecurityGroupIngressSpec(metadata, group, rules);
  }

  private static Optional<Rule> readRule(Fields rule) {
    String protocol = rule.oneOf("protocol", PROTOCOLS).orElse("tcp");
    int port = rule.requiredInteger("port", 1, 65535);
    Fields from = rule.requiredMapping("from");
    Optional<String> cidr = from.string("cidr");
    Optional<Ref> lb = from.ref("ipsOfLoadBalancer");
    from.end();
    Problems problems = rule.problems();
    if (cidr.isPresent() == lb.isPresent()) {
      if (rule.has("from"))
        problems.add(
            from.at(),
            Problem.Rule.REQUIRED,
            "from takes exactly one of cidr or ipsOfLoadBalancer");
      return Optional.empty();
    }
    if (lb.isPresent())
      return Optional.of(new Rule(protocol, port, new IpsOfLoadBalancer(lb.get())));
    Mark at = from.at("cidr");
    if (!IPV4_CIDR.matcher(cidr.get()).matches()) {
      problems.add(
          at,
          Problem.Rule.PATTERN,
          "from.cidr must be an IPv4 CIDR such as 10.0.0.0/16, got '" + cidr.get() + "'");
      return Optional.empty();
    }
    if (hasHostBits(cidr.get())) {
      problems.add(
          at,
          Problem.Rule.CONSTRAINT,
          "from.cidr must have no host bits set (AWS would store the network address instead), got '"
              + cidr.get()
              + "'");
      return Optional.empty();
    }
    return Optional.of(new Rule(protocol, port, new Cidr(cidr.get(), at)));
  }

  private static final Pattern IPV4_CIDR =
      Pattern.compile(
          "((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})/(3[0-2]|[12]?[0-9])");

  /** Whether an IPv4 CIDR (as {@link #IPV4_CIDR} matches) sets bits beyond its prefix. */
  static boolean hasHostBits(String cidr) {
    Matcher m = IPV4_CIDR.matcher(cidr);
    if (!m.matches()) throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    long address = 0;
    for (String octet : m.group(1).split("\\.")) address = (address << 8) | Integer.parseInt(octet);
    int prefix = Integer.parseInt(m.group(2));
    long hostMask = prefix == 32 ? 0 : (1L << (32 - prefix)) - 1;
    return (address & hostMask) != 0;
  }

  /**
   * A load balancer a rule names is declared; two declarations never keep the same group (each
   * would take the other's rules for a user's).
   */
  static void check(
      List<SecurityGroupIngressSpec> specs,
      DesiredState desired,
      SpecType.Limits limits,
      Problems problems) {
    Map<String, String> byGroup = new HashMap<>();
    for (SecurityGroupIngressSpec spec : specs) {
      for (Ref lb : spec.loadBalancersWhoseIpsAreNeeded())
        References.resolve(lb, desired, LoadBalancerSpec.class, LoadBalancerSpec.KIND, problems);
      String other = byGroup.putIfAbsent(spec.securityGroup().name(), spec.name());
      if (other != null)
        problems.add(
            spec.securityGroup().at(),
            Problem.Rule.UNIQUE,
            "security group '"
                + spec.securityGroup().name()
                + "' is kept by SecurityGroupIngress '"
                + other
                + "' already: declare its rules there");
    }
  }
}
