package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.InterpreterState.Cursor;
import dev.agentplan.runtime.InterpreterState.LoopCursor;
import dev.agentplan.runtime.InterpreterState.ModelLoopCursor;
import dev.agentplan.runtime.InterpreterState.TryCursor;
import dev.agentplan.runtime.ResumeFrame.BodyFrame;
import dev.agentplan.runtime.ResumeFrame.LoopFrame;
import dev.agentplan.runtime.ResumeFrame.ModelLoopFrame;
import dev.agentplan.runtime.ResumeFrame.TryFrame;
import dev.agentplan.runtime.eval.Values;
import io.temporal.common.converter.DefaultDataConverter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The carried form of the resume frames: recorded cursor maps read as a stack, and written back unchanged. */
class FramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run stopped in a model loop, inside the catch of a try, inside iteration 3 of a for each at step 2. */
    private static Cursor deepCursor() {
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put("", 2);
        bodies.put("2/body", 1);
        bodies.put("2/body/1/catch1", 0);
        Map<String, LoopCursor> loops = new LinkedHashMap<>();
        loops.put("2", new LoopCursor(3, Values.NODES.arrayNode().add(1).add(2).add(3).add(4)));
        Map<String, TryCursor> tries = new LinkedHashMap<>();
        tries.put("2/body/1", new TryCursor("catch", 0, null));
        Map<String, ModelLoopCursor> models = new LinkedHashMap<>();
        models.put("2/body/1/catch1/0", new ModelLoopCursor(2, Values.NODES.arrayNode(), 10, 5, BigDecimal.ONE,
                Values.NODES.arrayNode()));
        return new Cursor(bodies, loops, tries, models);
    }

    @Test
    void recordedCursorMapsAreReadAsOneStackOutermostFirst() {
        List<ResumeFrame> frames = Frames.fromCursor(deepCursor());
        assertEquals(List.of("", "2", "2/body", "2/body/1", "2/body/1/catch1", "2/body/1/catch1/0"),
                frames.stream().map(ResumeFrame::key).toList());
        assertTrue(frames.get(1) instanceof LoopFrame l && l.iteration() == 3 && l.items().size() == 4);
        assertTrue(frames.get(3) instanceof TryFrame t && t.phase().equals("catch"));
        assertTrue(frames.get(5) instanceof ModelLoopFrame m && m.cursor().turn() == 2);
    }

    @Test
    void theStackIsWrittenBackAsTheSameCursorMaps() throws Exception {
        Cursor recorded = deepCursor();
        Cursor written = Frames.toCursor(Frames.fromCursor(recorded));
        assertEquals(JSON.valueToTree(recorded), JSON.valueToTree(written));
        // no model loop running: no models map, as states carried before model loops existed
        assertNull(Frames.toCursor(List.of(new BodyFrame("", 1))).models());
    }

    @Test
    void aLiveStackKeepsEachConstructsPlaceAndForgetsWhatIsLeft() {
        Frames frames = new Frames(null, () -> { });
        Frame safe = Frame.root(null);
        frames.at(safe, new BodyFrame("", 0));
        frames.at(safe, new LoopFrame("0", 0, null));
        frames.at(safe, new BodyFrame("0/body", 0));
        frames.at(safe, new BodyFrame("0/body", 1));
        frames.leave(safe, BodyFrame.class, "0/body");
        frames.at(safe, new LoopFrame("0", 1, null));
        frames.at(safe, new BodyFrame("", 0));
        assertEquals(List.of(new BodyFrame("", 0), new LoopFrame("0", 1, null)), frames.snapshot());
        Frame lane = safe.concurrent(null);
        frames.at(lane, new BodyFrame("0/body/0/lane:a", 0)); // concurrent work is never saved
        assertEquals(2, frames.snapshot().size());
    }

    @Test
    void resumingTakesEachFrameOnceAndOnlyInSequentialCode() {
        Frames frames = new Frames(Frames.fromCursor(deepCursor()), () -> { });
        Frame safe = Frame.root(null);
        assertTrue(frames.resumes(safe, "2"));
        assertTrue(frames.resumes(safe, "2/body/1/catch1/0"));
        assertFalse(frames.resumes(safe, "1"));
        assertFalse(frames.resumes(safe.concurrent(null), "2"));
        assertNull(frames.take(safe.concurrent(null), LoopFrame.class, "2"));
        assertNull(frames.take(safe, TryFrame.class, "2"));
        assertEquals(3, frames.take(safe, LoopFrame.class, "2").iteration());
        assertNull(frames.take(safe, LoopFrame.class, "2"));
    }

    @Test
    void aStateWithFramesTravelsThroughTemporalsConverterAndOneWithoutWritesNoFramesField() throws Exception {
        List<ResumeFrame> stack = Frames.fromCursor(deepCursor());
        InterpreterState withFrames = state(null, stack);
        var converter = DefaultDataConverter.newDefaultInstance();
        InterpreterState back = converter.fromPayload(converter.toPayload(withFrames).orElseThrow(),
                InterpreterState.class, InterpreterState.class);
        assertEquals(JSON.valueToTree(stack), JSON.valueToTree(Frames.of(back)));
        assertEquals(BodyFrame.class, Frames.of(back).get(0).getClass());

        InterpreterState old = state(deepCursor(), null);
        JsonNode written = JSON.readTree(converter.toPayload(old).orElseThrow().getData().toByteArray());
        assertFalse(written.has("frames"), written.toString());
        InterpreterState read = converter.fromPayload(converter.toPayload(old).orElseThrow(), InterpreterState.class,
                InterpreterState.class);
        assertEquals(JSON.valueToTree(stack), JSON.valueToTree(Frames.of(read)));
    }

    private static InterpreterState state(Cursor cursor, List<ResumeFrame> frames) {
        return new InterpreterState(Values.NODES.objectNode(), Map.of(), cursor,
                new InterpreterState.Usage(0, 0, BigDecimal.ZERO), 0, List.of(), List.of(), 0, Map.of(), List.of(),
                null, List.of(), 2, null, null, frames);
    }
}
