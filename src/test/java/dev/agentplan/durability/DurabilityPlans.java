package dev.agentplan.durability;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Sha256;
import dev.agentplan.repository.SourceMap;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of the durability tests ({@code src/test/resources/dev/agentplan/durability/plans}),
 * pinned the way a deploy pins them: parsed, validated, encoded as canonical JSON, with each
 * step's source line.
 */
final class DurabilityPlans {

    static final String DIR = "/dev/agentplan/durability/plans/";
    static final String CRASH_DIR = "/dev/agentplan/durability/crash/";

    private DurabilityPlans() {
    }

    /** The plan {@code name}.agent, pinned as version {@code version}. */
    static PinnedDefinition pin(String name, int version) {
        return pin(DIR, name, version);
    }

    /** The plan {@code name}.agent of a resource directory, pinned as version {@code version}. */
    static PinnedDefinition pin(String dir, String name, int version) {
        String file = name + ".agent";
        return pinText(file, read(dir + file), version);
    }

    static PinnedDefinition pinText(String file, String text, int version) {
        ParseResult parsed = PlanText.parse(file, text);
        List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
        if (parsed.definition() != null) {
            problems.addAll(PlanValidator.withBuiltinTools().validate(parsed.definition()));
        }
        List<String> errors = problems.stream().filter(Diagnostic::isError).map(Diagnostic::headline).toList();
        if (parsed.definition() == null || !errors.isEmpty()) {
            throw new IllegalArgumentException(file + " is not a valid plan: " + errors);
        }
        AgentDefinition def = parsed.definition();
        Map<String, String> lines = new LinkedHashMap<>();
        SourceMap.of(def).lines().forEach((path, line) -> lines.put(path, file + ":" + line));
        String json = JsonPlanCodec.encode(def);
        return new PinnedDefinition(def.name(), version, Sha256.of(json), json, file, lines);
    }

    static String read(String resource) {
        try (InputStream in = DurabilityPlans.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
