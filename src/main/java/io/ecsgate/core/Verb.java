package io.ecsgate.core;

/** What an action does to its resource. BLOCKED actions are not executed: they explain why not. */
public enum Verb {
  CREATE("+"),
  UPDATE("~"),
  ADOPT("&"),
  DELETE("-"),
  BLOCKED("!");

  private final String symbol;

  Verb(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
