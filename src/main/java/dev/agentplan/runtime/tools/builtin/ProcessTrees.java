package dev.agentplan.runtime.tools.builtin;

import java.util.List;

/** Ends a child process together with everything it started. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static void destroy(Process process) {
        // Take the descendants first: once the child dies, its children are re-parented and lost.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle handle : descendants) {
            handle.destroyForcibly();
        }
        // A descendant may have forked between the snapshot and its death.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
