package dev.agentplan.validate;

import dev.agentplan.model.ValueType;

/** What the validator knows about the type of an expression's value; ANY when it cannot know. */
enum StaticType {
    STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean"), OBJECT("an object"), LIST("a list"),
    NULL("null"), ANY("any value");

    final String words;

    StaticType(String words) {
        this.words = words;
    }

    boolean known() {
        return this != ANY;
    }

    /** Known, and certainly not one of {@code allowed}. */
    boolean isNot(StaticType... allowed) {
        if (!known()) {
            return false;
        }
        for (StaticType t : allowed) {
            if (t == this) {
                return false;
            }
        }
        return true;
    }

    static StaticType of(ValueType t) {
        if (t == null) {
            return ANY;
        }
        return switch (t) {
            case STRING -> STRING;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case OBJECT -> OBJECT;
            case LIST -> LIST;
            case ANY -> ANY;
        };
    }

    /** Whether a value of this type may be passed where {@code declared} is expected (null always may). */
    boolean fits(ValueType declared) {
        StaticType want = of(declared);
        return !known() || !want.known() || this == NULL || this == want;
    }
}
