package dev.agentplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.server.AuditEntry;
import java.io.PrintWriter;

/**
 * A model turn (an {@code llm.chat} call with a conversation) in {@code history}, as a transcript
 * line: what the model was asked this turn (the messages since its last answer, abridged), which
 * tools it chose with which arguments, or its final answer, and the tokens it used.
 */
final class ModelTurns {

    private static final int ASKED_CHARS = 120;
    private static final int CHOSEN_CHARS = 300;

    private ModelTurns() {
    }

    static boolean isTurn(AuditEntry e) {
        return "llm.chat".equals(e.kind()) && e.arguments() != null && e.arguments().path("messages").isArray();
    }

    static void print(PrintWriter out, Terminal term, AuditEntry e, String at, String indent) {
        JsonNode messages = e.arguments().path("messages");
        int turn = 1;
        int since = 0;
        for (int i = 0; i < messages.size(); i++) {
            if ("assistant".equals(messages.get(i).path("role").asText())) {
                turn++;
                since = i + 1;
            }
        }
        out.println(at + term.bold("turn " + turn) + "   " + e.tool() + " (" + e.kind() + ")  at "
                + StepTitles.where(e.step(), e.line(), null));
        for (int i = since; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("system")) {
                continue;
            }
            out.println(indent + "asked   " + role + ": " + abridge(m.path("content").asText(""), ASKED_CHARS));
        }
        String took = e.attempts() == null ? "" : "  (" + e.attempts() + (e.attempts() == 1 ? " attempt)" : " attempts)");
        if (e.outcome() == null) {
            out.println(indent + term.cyan("thinking") + took);
            return;
        }
        if (!e.outcome().equals("ok") || e.result() == null) {
            out.println(indent + "result  " + term.red(e.outcome()) + took);
            return;
        }
        JsonNode calls = e.result().path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            for (JsonNode c : calls) {
                JsonNode args = c.path("arguments");
                out.println(indent + "chose   " + term.bold(c.path("name").asText("?")) + " "
                        + abridge(args.isTextual() ? args.textValue() : CliJson.compact(args), CHOSEN_CHARS));
            }
        } else {
            out.println(indent + "answer  " + term.green(abridge(e.result().path("content").asText(""), CHOSEN_CHARS)));
        }
        JsonNode usage = e.result().path("usage");
        out.println(indent + term.dim("tokens  " + usage.path("prompt_tokens").asLong(0) + " prompt + "
                + usage.path("completion_tokens").asLong(0) + " completion" + took));
    }

    private static String abridge(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }
}
