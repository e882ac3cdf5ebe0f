package dev.agentplan.repository;

/** Small canonical-JSON-shaped plans for repository tests (the repository only needs a JSON object). */
final class Plans {

    private Plans() {
    }

    static String json(String agent, String marker) {
        return "{\"agent\":\"" + agent + "\",\"steps\":[{\"call\":\"echo\",\"args\":{\"text\":\"" + marker + "\"}}]}";
    }

    static DeployRequest request(String agent, String marker) {
        return new DeployRequest(agent, json(agent, marker), "agent " + agent + "\necho(text: \"" + marker + "\")\n",
                agent + ".agent", new SourceMap(java.util.Map.of("1", 2)), null, null);
    }
}
