package dev.agentplan.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.secrets.SecretResolver;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of every payload in a run's history (inputs, arguments, results, failure
 * details, memo): AES-GCM with a random 96-bit nonce per payload and the key's id as associated
 * data. On when {@code AGENTPLAN_PAYLOAD_KEY} is set (base64 of 16, 24 or 32 bytes, e.g.
 * {@code openssl rand -base64 32}) in the environment, as a {@code -D} property, or in a secret
 * source; clients, workers, {@code history} and {@code replay} then all need the same key.
 * Payloads written without it stay readable, so it can be turned on for new runs.
 */
public final class PayloadEncryption implements PayloadCodec {

    public static final String KEY = "AGENTPLAN_PAYLOAD_KEY";
    static final String ENCODING = "binary/encrypted";
    static final String KEY_ID = "encryption-key-id";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static volatile DataConverter configured;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private PayloadEncryption(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = Sha256.prefix(key, 8);
    }

    /**
     * @param base64 the key, base64 of 16, 24 or 32 bytes
     * @throws ConfigurationException when it is not
     */
    public static PayloadEncryption fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new ConfigurationException(KEY + " must be base64 of 16, 24 or 32 random bytes "
                    + "(for example the output of: openssl rand -base64 32)");
        }
        return new PayloadEncryption(bytes);
    }

    /** The key from this process's configuration (environment, -D, secret sources), if any. */
    static Optional<PayloadEncryption> fromEnvironment() {
        WorkerConfig config = WorkerConfig.fromEnvironment();
        Optional<String> value = config.get(KEY);
        if (value.isEmpty()) {
            try {
                value = Optional.of(SecretResolver.discover(config).resolve(KEY));
            } catch (ToolFailure none) {
                value = Optional.empty();
            }
        }
        return value.map(PayloadEncryption::fromBase64);
    }

    /** The SDK's default converter, encrypting when {@code AGENTPLAN_PAYLOAD_KEY} is configured. */
    public static DataConverter dataConverter() {
        DataConverter c = configured;
        if (c == null) {
            c = fromEnvironment().map(PayloadEncryption::dataConverter).orElse(DataConverter.getDefaultInstance());
            configured = c;
        }
        return c;
    }

    public static DataConverter dataConverter(PayloadEncryption codec) {
        return new CodecDataConverter(DataConverter.getDefaultInstance(), List.of(codec));
    }

    /**
     * Payloads as written, decrypted where they are encrypted and this process has the key (for
     * readers that parse payloads themselves, like replay's comparison); unchanged otherwise.
     */
    static List<Payload> readable(List<Payload> payloads) {
        boolean encrypted = payloads.stream().anyMatch(p -> {
            ByteString e = p.getMetadataMap().get("encoding");
            return e != null && e.toStringUtf8().equals(ENCODING);
        });
        if (!encrypted) {
            return payloads;
        }
        Optional<PayloadEncryption> codec = fromEnvironment();
        return codec.isPresent() ? codec.get().decode(payloads) : payloads;
    }

    String keyId() {
        return keyId;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        List<Payload> out = new ArrayList<>(payloads.size());
        for (Payload p : payloads) {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, p.toByteArray());
            out.add(Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                    .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
                    .build());
        }
        return out;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        List<Payload> out = new ArrayList<>(payloads.size());
        for (Payload p : payloads) {
            ByteString encoding = p.getMetadataMap().get("encoding");
            if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) {
                out.add(p); // written without encryption
                continue;
            }
            ByteString id = p.getMetadataMap().get(KEY_ID);
            if (id == null || !id.toStringUtf8().equals(keyId)) {
                throw new PayloadCodecException("a payload is encrypted with another key (id "
                        + (id == null ? "none" : id.toStringUtf8()) + ", " + KEY + " has id " + keyId + ")");
            }
            byte[] data = p.getData().toByteArray();
            if (data.length < NONCE_BYTES) {
                throw new PayloadCodecException("an encrypted payload is damaged (too short)");
            }
            byte[] nonce = java.util.Arrays.copyOf(data, NONCE_BYTES);
            byte[] plain = crypt(Cipher.DECRYPT_MODE, nonce, java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length));
            try {
                out.add(Payload.parseFrom(plain));
            } catch (InvalidProtocolBufferException e) {
                throw new PayloadCodecException("an encrypted payload is damaged: " + e.getMessage());
            }
        }
        return out;
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(mode == Cipher.DECRYPT_MODE
                    ? "an encrypted payload does not decrypt with " + KEY + " (damaged or another key)"
                    : "cannot encrypt a payload: " + e.getMessage());
        }
    }
}
