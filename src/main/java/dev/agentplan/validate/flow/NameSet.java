package dev.agentplan.validate.flow;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable set of names over one plan's numbering of names, as bits: definite assignment
 * keeps one per node, so it must stay small and cheap to intersect even for large plans.
 */
public final class NameSet {

    private final Map<String, Integer> numbering;
    private final BitSet bits;

    NameSet(Map<String, Integer> numbering, BitSet bits) {
        this.numbering = numbering;
        this.bits = bits;
    }

    public boolean contains(String name) {
        Integer i = numbering.get(name);
        return i != null && bits.get(i);
    }

    public int size() {
        return bits.cardinality();
    }

    /** The names in the set, in no particular order. */
    public Set<String> names() {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, Integer> e : numbering.entrySet()) {
            if (bits.get(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    NameSet with(String name) {
        Integer i = numbering.get(name);
        if (i == null || bits.get(i)) {
            return this;
        }
        BitSet more = (BitSet) bits.clone();
        more.set(i);
        return new NameSet(numbering, more);
    }

    NameSet and(NameSet other) {
        if (bits.equals(other.bits)) {
            return this;
        }
        BitSet both = (BitSet) bits.clone();
        both.and(other.bits);
        return new NameSet(numbering, both);
    }

    NameSet or(NameSet other) {
        if (bits.equals(other.bits)) {
            return this;
        }
        BitSet either = (BitSet) bits.clone();
        either.or(other.bits);
        return new NameSet(numbering, either);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameSet n && bits.equals(n.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return new TreeSet<>(names()).toString();
    }
}
