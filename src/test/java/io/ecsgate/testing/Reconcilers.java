package io.ecsgate.testing;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.Fence;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.TagAudit;
import io.ecsgate.state.InventoryTable;
import io.ecsgate.state.StateTable;

/**
 * The engine as the commands build it, without a lease: the inventory is the emulator's state table
 * ({@code ecsgate-state}), created by the first inventory write.
 */
public final class Reconcilers {
  private Reconcilers() {}

  public static Reconciler of(AwsClients clients) {
    return of(clients, new Ownership(Ownership.DEFAULT_CONTROLLER_ID));
  }

  public static Reconciler of(AwsClients clients, Ownership ownership) {
    return new Reconciler(clients, ownership, inventory(clients, ownership));
  }

  /**
   * The daemon's engine: between tag audits ({@code tagAudit}) it takes the tags of resources it
   * knows from the last audit.
   */
  public static Reconciler loop(AwsClients clients, TagAudit tagAudit) {
    return loop(clients, new Ownership(Ownership.DEFAULT_CONTROLLER_ID), tagAudit);
  }

  public static Reconciler loop(AwsClients clients, Ownership ownership, TagAudit tagAudit) {
    return new Reconciler(clients, ownership, Fence.NONE, inventory(clients, ownership), tagAudit);
  }

  public static InventoryTable inventory(AwsClients clients, Ownership ownership) {
    return new InventoryTable(
        new StateTable(clients.dynamoDb(), StateTable.DEFAULT_NAME, ownership));
  }
}
