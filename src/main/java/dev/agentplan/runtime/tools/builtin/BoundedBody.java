package dev.agentplan.runtime.tools.builtin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/** At most {@code max} bytes of a stream, and whether more were there (the rest is not read). */
record BoundedBody(byte[] bytes, boolean truncated) {

    static BoundedBody read(InputStream in, int max) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer, 0, Math.min(buffer.length, max + 1 - total))) > 0) {
                out.write(buffer, 0, n);
                total += n;
                if (total > max) {
                    byte[] all = out.toByteArray();
                    byte[] kept = new byte[max];
                    System.arraycopy(all, 0, kept, 0, max);
                    return new BoundedBody(kept, true);
                }
            }
            return new BoundedBody(out.toByteArray(), false);
        }
    }

    String text(Charset charset) {
        return new String(bytes, charset);
    }
}
