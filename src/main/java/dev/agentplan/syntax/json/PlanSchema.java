package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of plans ({@code schema/agentplan.schema.json}, packaged on the classpath),
 * compiled once. Validation runs networknt json-schema-validator; {@link SchemaMessages} turns its
 * findings into diagnostics in the user's words.
 */
final class PlanSchema {

    /** Where the build puts {@code schema/agentplan.schema.json} on the classpath. */
    static final String RESOURCE = "/schema/agentplan.schema.json";

    private final Schema schema;
    /** The same schema as a Jackson 2 tree, to look up descriptions and property names for messages. */
    private final JsonNode tree;

    private PlanSchema(byte[] text) throws IOException {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        this.schema = registry.getSchema(new ByteArrayInputStream(text));
        this.schema.initializeValidators();
        this.tree = new ObjectMapper().readTree(text);
    }

    private static final class Holder {
        static final PlanSchema INSTANCE = load();
    }

    static PlanSchema get() {
        return Holder.INSTANCE;
    }

    private static PlanSchema load() {
        try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the plan schema " + RESOURCE + " is not on the classpath");
            }
            return new PlanSchema(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the plan schema could not be read", e);
        }
    }

    /** Every way {@code json} (already known to be well-formed JSON) breaks the schema. */
    List<Error> check(String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    JsonNode tree() {
        return tree;
    }
}
