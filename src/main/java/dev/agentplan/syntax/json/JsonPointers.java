package dev.agentplan.syntax.json;

/** RFC 6901 JSON pointers: {@code /steps/3/args/url}. */
final class JsonPointers {

    private JsonPointers() {
    }

    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The pointer of the node that contains {@code pointer}, or null for the root. */
    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? null : pointer.substring(0, slash);
    }

    /** The unescaped last segment of a pointer ("" for the root). */
    static String lastSegment(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? "" : unescape(pointer.substring(slash + 1));
    }

    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
