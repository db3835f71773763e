package io.ecsgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSON Schemas in schema/, read with networknt's validator (draft-07), and YAML as JSON. */
public final class JsonSchemas {
  public static final Path DESIRED_STATE = Path.of("schema/ecsgate.schema.json");
  public static final Path PLAN = Path.of("schema/plan.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private JsonSchemas() {}

  public static Schema load(Path file) {
    return REGISTRY.getSchema(json(read(file)));
  }

  /** The problems draft-07's meta-schema finds in {@code file} (none for a valid schema). */
  public static List<Error> metaSchemaErrors(Path file) {
    return REGISTRY
        .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"))
        .validate(json(read(file)));
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The documents of a YAML text as JSON, as an editor's YAML support sees them; empty ones left
   * out.
   */
  public static List<JsonNode> yamlDocuments(String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document != null && !document.isNull() && !(document instanceof MissingNode))
          documents.add(document);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
