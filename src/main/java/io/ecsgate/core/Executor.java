package io.ecsgate.core;

/** Runs the steps of one AWS kind. The only code that writes to AWS. */
public interface Executor {

  boolean handles(Step step);

  /**
   * Makes the step's AWS calls; returns a short description of what was done (IDs created, counts).
   */
  String execute(Action action, Ids ids);
}
