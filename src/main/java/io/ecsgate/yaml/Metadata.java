package io.ecsgate.yaml;

/**
 * The common head of every document: its kind and name, where it was declared, and how the
 * controller treats it. {@code adopt} takes over an existing resource of that name that carries no
 * ownership tags; {@code suspend} leaves the resource alone until it is unset.
 */
public record Metadata(String kind, String name, Mark at, boolean adopt, boolean suspend) {}
