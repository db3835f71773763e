package io.ecsgate.core;

/**
 * Where the {@link Inventory} is kept (the state table): read once per observation, and written by
 * the {@link Applier} only, each write fenced like every other.
 */
public interface InventoryStore {

  /** The inventory as stored now (one read of its partition, paginated). */
  Inventory read();

  /** The inventory last {@link #read}, with what was recorded and forgotten since. */
  Inventory current();

  /** Records that ecsgate created or adopted {@code entry}. */
  void record(Inventory.Entry entry);

  /** Removes {@code entry}, whose resource was deleted. */
  void forget(Inventory.Entry entry);

  /** Keeps {@code memo} (replacing the memo of its topic and resource). */
  void remember(Inventory.Memo memo);

  /** Removes {@code memo}, whose resource was deleted. */
  void forget(Inventory.Memo memo);

  /** For unit tests of decisions other than ownership: tags are trusted, nothing is stored. */
  InventoryStore UNCHECKED =
      new InventoryStore() {
        @Override
        public Inventory read() {
          return Inventory.UNCHECKED;
        }

        @Override
        public Inventory current() {
          return Inventory.UNCHECKED;
        }

        @Override
        public void record(Inventory.Entry entry) {}

        @Override
        public void forget(Inventory.Entry entry) {}

        @Override
        public void remember(Inventory.Memo memo) {}

        @Override
        public void forget(Inventory.Memo memo) {}
      };
}
