package dev.agentplan.model;

import java.util.Locale;

/** The static types an input can declare; ANY is what expressions have when nothing more is known. */
public enum ValueType {
    STRING, NUMBER, BOOLEAN, OBJECT, LIST, ANY;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValueType fromKeyword(String keyword) {
        for (ValueType t : values()) {
            if (t.keyword().equals(keyword)) {
                return t;
            }
        }
        return null;
    }
}
