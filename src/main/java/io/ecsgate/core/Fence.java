package io.ecsgate.core;

/**
 * Says whether this process may still write: the {@link Applier} checks it before each step, and
 * the clients check it again before each write request leaves ({@code AwsClients.fenceWrites}). A
 * process that lost its lease (it was paused past its expiry, another took over) makes no further
 * write.
 */
@FunctionalInterface
public interface Fence {
  /** Throws {@link LeaseLost} when this process may no longer write. */
  void check();

  /** For what writes without a lease (tests, the engine alone). */
  Fence NONE = () -> {};

  /** This process no longer holds the lease that lets it write; nothing more is written. */
  final class LeaseLost extends EcsgateException {
    public LeaseLost(String message) {
      super(message);
    }
  }
}
