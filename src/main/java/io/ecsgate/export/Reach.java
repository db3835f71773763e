package io.ecsgate.export;

/**
 * A resource the walk is to export: its kind and how AWS names it (a load balancer's or target
 * group's name, a cluster's name, a REST API's name...). Starting points are reaches too.
 */
public record Reach(String kind, String id) {
  @Override
  public String toString() {
    return kind + "/" + id;
  }
}
