package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AgentRefTest {

    @Test
    void parsesTheFourForms() {
        assertEquals(new AgentRef("triage", null, null), AgentRef.parse("triage"));
        assertEquals(new AgentRef("triage", null, null), AgentRef.parse("triage@latest"));
        assertEquals(new AgentRef("triage", 12, null), AgentRef.parse("triage@12"));
        assertEquals(new AgentRef("triage", null, "prod"), AgentRef.parse(" triage@prod "));
        assertTrue(AgentRef.parse("triage").isLatest());
        assertEquals("triage@12", AgentRef.parse("triage@12").toString());
    }

    @Test
    void refusesMalformedRefs() {
        for (String bad : new String[] {"", "@3", "a/b@1", "triage@0", "triage@99999999999", "triage@-x", "triage@a b"}) {
            assertThrows(RepositoryException.class, () -> AgentRef.parse(bad), bad);
        }
    }
}
