package dev.agentplan.server;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** The client TLS context of a {@link ConnectionSettings}: system trust unless a CA is given, a client certificate for mutual TLS. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext of(ConnectionSettings s) {
        if ((s.cert() == null) != (s.key() == null)) {
            throw new ConnectionConfigException(s.cert() == null
                    ? s.key().what() + " is given without a client certificate (--tls-cert)"
                    : s.cert().what() + " is given without its private key (--tls-key)");
        }
        byte[] cert = s.cert() == null ? null : read(s.cert());
        byte[] key = s.key() == null ? null : read(s.key());
        byte[] ca = s.ca() == null ? null : read(s.ca());
        SslContextBuilder builder = GrpcSslContexts.forClient();
        if (s.disableHostVerification()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (ca != null) {
            try {
                builder.trustManager(new ByteArrayInputStream(ca));
            } catch (RuntimeException e) {
                throw new ConnectionConfigException(s.ca().what() + " is not a PEM CA certificate: " + reason(e));
            }
        }
        if (cert != null) {
            try (InputStream c = new ByteArrayInputStream(cert); InputStream k = new ByteArrayInputStream(key)) {
                builder.keyManager(c, k);
            } catch (IOException | RuntimeException e) {
                throw new ConnectionConfigException(s.cert().what() + " and " + s.key().what()
                        + " are not a PEM certificate and its PKCS#8 private key: " + reason(e));
            }
        }
        try {
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new ConnectionConfigException("cannot set up TLS: " + reason(e));
        }
    }

    private static byte[] read(ConnectionSettings.Pem pem) {
        if (pem.data() != null) {
            return pem.data().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(pem.path());
        } catch (NoSuchFileException e) {
            throw new ConnectionConfigException(pem.what() + " " + pem.path() + ": no such file");
        } catch (IOException e) {
            throw new ConnectionConfigException(pem.what() + " " + pem.path() + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
