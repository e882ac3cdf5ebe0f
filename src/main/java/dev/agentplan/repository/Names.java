package dev.agentplan.repository;

import java.util.regex.Pattern;

/**
 * The names the repository accepts. They become file names, so they are checked before any path
 * is built from them: no separators, no dots up front, nothing a file system could misread.
 */
public final class Names {

    /** An agent name is a plan identifier ({@code IDENT} in the grammar). */
    private static final Pattern AGENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** A tag starts with a letter so it is never mistaken for a version number. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** Run ids are workflow ids chosen by the runtime; these characters are safe in any file name. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@=+-]{0,199}");

    /** The ref that always means the newest version; it cannot be used as a tag. */
    public static final String LATEST = "latest";

    private Names() {
    }

    public static boolean isAgentName(String name) {
        return name != null && AGENT.matcher(name).matches();
    }

    public static String checkAgentName(String name) {
        if (!isAgentName(name)) {
            throw new RepositoryException("invalid agent name '" + name + "': use letters, digits and '_', "
                    + "starting with a letter or '_' (at most 128 characters)");
        }
        return name;
    }

    public static String checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new RepositoryException("invalid tag '" + tag + "': use letters, digits, '_', '.' and '-', "
                    + "starting with a letter (at most 64 characters)");
        }
        if (tag.equals(LATEST)) {
            throw new RepositoryException("'latest' always means the newest version and cannot be used as a tag; "
                    + "choose another tag name");
        }
        return tag;
    }

    public static boolean isRunId(String runId) {
        return runId != null && RUN_ID.matcher(runId).matches();
    }

    public static String checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new RepositoryException("invalid run id '" + runId + "': use letters, digits and '_.@=+-' "
                    + "(at most 200 characters, not starting with '.' or '-')");
        }
        return runId;
    }
}
