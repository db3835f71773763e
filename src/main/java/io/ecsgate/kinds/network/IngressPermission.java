package io.ecsgate.kinds.network;

/**
 * What one ingress rule admits: an IP protocol ({@code tcp}, {@code udp}, or whatever AWS reports
 * for a rule edited by hand), a port range and an IPv4 CIDR ({@code null} for a rule that admits a
 * group, a prefix list or IPv6 instead).
 */
public record IngressPermission(String protocol, int fromPort, int toPort, String cidr) {
  public static IngressPermission of(String protocol, int port, String cidr) {
    return new IngressPermission(protocol, port, port, cidr);
  }

  @Override
  public String toString() {
    String ports = fromPort == toPort ? "" + fromPort : fromPort + "-" + toPort;
    return protocol + "/" + ports + " from " + (cidr == null ? "(not an IPv4 CIDR)" : cidr);
  }
}
