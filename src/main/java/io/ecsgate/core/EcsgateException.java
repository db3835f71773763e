package io.ecsgate.core;

/** Root of every exception ecsgate raises on purpose. */
public class EcsgateException extends RuntimeException {
  public EcsgateException(String message) {
    super(message);
  }

  public EcsgateException(String message, Throwable cause) {
    super(message, cause);
  }
}
