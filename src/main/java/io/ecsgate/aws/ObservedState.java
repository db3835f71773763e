package io.ecsgate.aws;

/** One consistent-enough snapshot of live AWS, taken once per cycle by {@link Observer}. */
public record ObservedState(ElbSnapshot elb, Network network) {}
