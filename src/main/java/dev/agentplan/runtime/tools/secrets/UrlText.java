package dev.agentplan.runtime.tools.secrets;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of a value put into a URL: everything but RFC 3986 unreserved characters is encoded. */
public final class UrlText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlText() {
    }

    /** Encodes all but {@code A-Z a-z 0-9 - . _ ~}: safe as a path segment, a query value or a fragment. */
    public static String encodeComponent(String value) {
        return encode(value, "");
    }

    /** Like {@link #encodeComponent} but leaves the characters in {@code keep} as they are. */
    public static String encode(String value, String keep) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
                    || keep.indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }
}
