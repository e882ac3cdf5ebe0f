package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Pointers and the canonical printer on their own (durations: model/DurationTextTest). */
class SmallPartsTest {

    @Test
    void pointersEscapeSlashAndTilde() {
        assertEquals("/a~1b/c~0d", JsonPointers.child(JsonPointers.child("", "a/b"), "c~d"));
        assertEquals("c~d", JsonPointers.lastSegment("/a~1b/c~0d"));
        assertEquals("/a~1b", JsonPointers.parent("/a~1b/c~0d"));
        assertNull(JsonPointers.parent(""));
        assertEquals("/steps/3", JsonPointers.child("/steps", 3));
    }

    @Test
    void printerIsCanonical() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("{}\n", CanonicalJsonPrinter.print(mapper.readTree("{ }")));
        assertEquals("{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [1, \"x\", true, null]\n}\n",
                CanonicalJsonPrinter.print(mapper.readTree("{\"a\":[],\"b\":{},\"c\":[1,\"x\",true,null]}")));
        assertEquals("[\n  {\n    \"k\": \"\\\"q\\\"\\n\\u0001\"\n  }\n]\n",
                CanonicalJsonPrinter.print(mapper.readTree("[{\"k\":\"\\\"q\\\"\\n\\u0001\"}]")));
        // a list of scalars too long for one line is written one item per line
        String longList = "[\"" + "x".repeat(60) + "\", \"" + "y".repeat(60) + "\"]";
        assertEquals("[\n  \"" + "x".repeat(60) + "\",\n  \"" + "y".repeat(60) + "\"\n]\n",
                CanonicalJsonPrinter.print(mapper.readTree(longList)));
        assertEquals("\"caf\u00e9 \u2603\"\n", CanonicalJsonPrinter.print(mapper.readTree("\"caf\u00e9 \u2603\"")));
    }
}
