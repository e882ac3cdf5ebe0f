package dev.agentplan.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.runtime.tools.builtin.HttpTool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {

    @Test
    void hasEveryBuiltinKind() {
        ToolRegistry registry = BuiltinTools.withDiscoveredTools(getClass().getClassLoader());
        List<String> names = new ArrayList<>();
        registry.kinds().forEach(k -> names.add(k.name()));
        assertTrue(names.containsAll(BuiltinToolKinds.all().keySet()), names.toString());
        for (ToolKind kind : BuiltinToolKinds.all().values()) {
            assertEquals(kind, registry.get(kind.name()).kind());
        }
        assertInstanceOf(HttpTool.class, registry.get("http"));
        assertNull(registry.get("no.such.kind"));
        assertFalse(registry.contains("no.such.kind"));
    }

    @Test
    void discoversToolsFromAJarOnTheClasspath(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir, DiscoveredTestTool.class);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            ToolRegistry registry = BuiltinTools.withDiscoveredTools(loader);
            Tool tool = registry.get("acme.greet");
            assertInstanceOf(DiscoveredTestTool.class, tool);
            assertTrue(registry.kinds().stream().anyMatch(k -> k.name().equals("acme.greet")));
            assertEquals(BuiltinToolKinds.all().size() + 1, registry.kinds().size());
            JsonNode args = ToolJson.object().put("name", "ada");
            assertEquals("hello ada", tool.invoke(args, new TestToolContext()).value().asText());
        }
    }

    @Test
    void aPluginClaimingABuiltinKindIsAnError(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir, ShadowingHttpTool.class);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BuiltinTools.withDiscoveredTools(loader));
            assertTrue(e.getMessage().contains("'http'"), e.getMessage());
            assertTrue(e.getMessage().contains(ShadowingHttpTool.class.getName()), e.getMessage());
        }
    }

    @Test
    void aBrokenServiceFileIsAnError(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("broken.jar");
        writeJar(jar, "com.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BuiltinTools.withDiscoveredTools(loader));
            assertTrue(e.getMessage().startsWith("cannot load a tool plugin"), e.getMessage());
        }
    }

    @Test
    void duplicateKindsAreAnError() {
        assertThrows(IllegalStateException.class, () -> ToolRegistry.of(List.of(new DiscoveredTestTool(), new DiscoveredTestTool())));
    }

    @Test
    void kindNamesMustBeWritableInAPlan() {
        Tool badName = new Tool() {
            @Override
            public ToolKind kind() {
                return new ToolKind("has space", "", List.of(), true, Effect.READ, false);
            }

            @Override
            public ToolResult invoke(JsonNode arguments, ToolContext context) {
                return null;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ToolRegistry.of(List.of(badName)));
        assertTrue(e.getMessage().contains("has space"), e.getMessage());
    }

    /** A jar holding only a service file naming {@code toolClass} (the class itself is on the test classpath). */
    private static Path pluginJar(Path dir, Class<? extends Tool> toolClass) throws IOException {
        Path jar = dir.resolve("plugin.jar");
        writeJar(jar, toolClass.getName() + "\n");
        return jar;
    }

    private static void writeJar(Path jar, String serviceFile) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + Tool.class.getName()));
            out.write(serviceFile.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
