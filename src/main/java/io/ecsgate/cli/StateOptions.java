package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ownership;
import io.ecsgate.state.StateTable;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where ecsgate keeps its state (the lease of the one writer): a DynamoDB table. */
final class StateOptions {
  @Option(
      names = "--state-table",
      defaultValue = StateTable.DEFAULT_NAME,
      description =
          "The DynamoDB table of ecsgate's state (the lease of apply's lock and of the daemon's leader), created on first use (default: ${DEFAULT-VALUE}).")
  String stateTable = StateTable.DEFAULT_NAME;

  @Option(
      names = "--lease-duration",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description =
          "How long the lease of a writer lasts without renewal (default: ${DEFAULT-VALUE}); it is renewed every third of it, and another process takes over only after it expired.")
  Duration leaseDuration = Duration.ofSeconds(15);

  StateTable table(AwsClients clients, Ownership ownership) {
    return new StateTable(clients.dynamoDb(), stateTable, ownership);
  }

  /** The inventory of what ecsgate created or adopted, in the state table. */
  io.ecsgate.state.InventoryTable inventory(AwsClients clients, Ownership ownership) {
    return new io.ecsgate.state.InventoryTable(table(clients, ownership));
  }
}
