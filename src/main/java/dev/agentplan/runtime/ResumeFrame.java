package dev.agentplan.runtime;

import dev.agentplan.runtime.api.ErrorInfo;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.InterpreterState.ModelLoopCursor;

/**
 * What one construct in progress saves at a safe point so the next continue-as-new segment
 * resumes inside it. The saved frames form a stack from the top-level body to the innermost
 * construct (safe code is sequential, so they always lie on one path). Each frame belongs to one
 * executor: bodies to the walk, loop frames to {@link ForEachExecutor} and {@link WhileExecutor},
 * try frames to {@link TryExecutor}, model loop frames to {@link ModelLoopExecutor}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "frame")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ResumeFrame.BodyFrame.class, name = "body"),
        @JsonSubTypes.Type(value = ResumeFrame.LoopFrame.class, name = "loop"),
        @JsonSubTypes.Type(value = ResumeFrame.TryFrame.class, name = "try"),
        @JsonSubTypes.Type(value = ResumeFrame.ModelLoopFrame.class, name = "model_loop")})
public sealed interface ResumeFrame {

    /** What the frame belongs to: a body prefix ({@code ""}, {@code "3/body"}) or a step path ({@code "3"}). */
    String key();

    /** A sequential body about to run the step at {@code index} (a step with its own frame resumes inside itself). */
    record BodyFrame(String prefix, int index) implements ResumeFrame {
        @Override
        public String key() {
            return prefix;
        }
    }

    /** A loop at the top of an iteration; {@code items} are a for-each's items, evaluated once (null for while). */
    record LoopFrame(String path, int iteration, JsonNode items) implements ResumeFrame {
        @Override
        public String key() {
            return path;
        }
    }

    /**
     * A try in a phase.
     *
     * @param phase {@code try}, {@code catch} or {@code finally}
     * @param catchIndex the catch clause running (0-based) in phase {@code catch}
     * @param pending in phase {@code finally}, the error to raise again once the finally body is done
     */
    record TryFrame(String path, String phase, int catchIndex, ErrorInfo pending) implements ResumeFrame {
        @Override
        public String key() {
            return path;
        }
    }

    /** A model loop at the top of a turn, with its conversation so far. */
    record ModelLoopFrame(String path, ModelLoopCursor cursor) implements ResumeFrame {
        @Override
        public String key() {
            return path;
        }
    }
}
