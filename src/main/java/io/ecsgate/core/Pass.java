package io.ecsgate.core;

/**
 * Where a plan stands within one apply or daemon cycle: its {@code number} (1 for the first
 * observation; later passes only finish work that waited on something this apply changed), and what
 * earlier passes deleted: {@code budgeted} deletions spent from {@code --max-deletes}, {@code
 * deleted} deletions of any kind (for the mass-deletion guard).
 */
public record Pass(int number, int budgeted, int deleted) {
  public static final Pass FIRST = new Pass(1, 0, 0);

  /** Only the first pass of an apply or cycle counts as an observation (ALB-IP hysteresis). */
  public boolean countsObservation() {
    return number == 1;
  }

  public Pass next(int budgetedNow, int deletedNow) {
    return new Pass(number + 1, budgeted + budgetedNow, deleted + deletedNow);
  }
}
