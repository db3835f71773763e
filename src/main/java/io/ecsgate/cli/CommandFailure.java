package io.ecsgate.cli;

/**
 * A command cannot go on, for a reason said in one line for a person (printed as {@code error:
 * ...}, exit 1); the cause, when there is one, is printed too with {@code --verbose}.
 */
final class CommandFailure extends RuntimeException {
  CommandFailure(String message) {
    super(message);
  }

  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
