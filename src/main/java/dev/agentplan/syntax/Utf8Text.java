package dev.agentplan.syntax;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of a plan file, shared by both forms: bad bytes are reported, never replaced. */
public final class Utf8Text {

    public static final String HINT = "save the file as UTF-8; a binary file cannot be a plan";

    /**
     * The decoded text, or where decoding stopped.
     *
     * @param badOffset the offset of the first byte that is not UTF-8, or -1 when the text decoded
     * @param line 1-based line of the bad byte (counted in the text before it)
     * @param column 1-based column of the bad byte
     */
    public record Decoded(String text, int badOffset, int badByte, int line, int column) {

        public boolean ok() {
            return badOffset < 0;
        }

        public String problem() {
            return String.format("the file is not valid UTF-8 text: byte 0x%02X at offset %d cannot be read",
                    badByte, badOffset);
        }
    }

    private Utf8Text() {
    }

    public static Decoded decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        String text = out.toString();
        if (!result.isError()) {
            return new Decoded(text, -1, 0, 0, 0);
        }
        int bad = in.position();
        int[] at = Positions.lineColumn(text, text.length());
        return new Decoded(text, bad, bytes[bad] & 0xff, at[0], at[1]);
    }
}
