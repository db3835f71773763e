package io.ecsgate.yaml;

/** A reference by name (or, for VPC resources, by ID or Name tag), with where it was written. */
public record Ref(String name, Mark at) {
  @Override
  public String toString() {
    return name;
  }
}
