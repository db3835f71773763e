package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ecsgate.plan.Change;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void environmentValuesAreNeverLoggedOnlyTheirKeys() {
    String logged = Redaction.describe(Change.of("containerDefinitions[web].environment.DB_PASSWORD", "hunter2", "s3cret"));
    assertEquals("containerDefinitions[web].environment.DB_PASSWORD: (value not logged) changed", logged);
    assertFalse(logged.contains("hunter2") || logged.contains("s3cret"));
  }

  @Test
  void ordinaryFieldsAreLoggedWithBothValues() {
    assertEquals("healthCheck.path: / -> /health-check", Redaction.describe(Change.of("healthCheck.path", "/", "/health-check")));
  }

  @Test
  void secretReferencesAreArnsAndFieldsNamedLikeTokensAreHidden() {
    assertEquals("spec.apiToken: (value not logged) changed", Redaction.describe(Change.of("spec.apiToken", "a", "b")));
  }
}
