package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks Telnyx's webhook signature: {@code telnyx-signature-ed25519} is the Base64 Ed25519 signature, made with the
 * account's private key, of {@code <telnyx-timestamp>|<raw body>}; it is verified with the account's public key (the
 * JDK's own Ed25519, Java 15+). A timestamp further than the tolerance from our clock is refused, so a captured
 * callback cannot be replayed later.
 */
public final class TelnyxSignatureVerifier implements SignatureVerifier {

    public static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";
    public static final String TIMESTAMP_HEADER = "telnyx-timestamp";

    /** The X.509 SubjectPublicKeyInfo header of an Ed25519 key, before its 32 raw bytes (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey publicKey;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param publicKey the account's public key as Telnyx shows it: Base64 of the 32 raw bytes; with none, or one
     *                  that is no Ed25519 key, every callback is refused
     * @param tolerance how far {@code telnyx-timestamp} may be from our clock, either way
     */
    public TelnyxSignatureVerifier(String publicKey, Duration tolerance, Clock clock) {
        this.publicKey = decode(publicKey);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Whether the text is an Ed25519 public key Telnyx would show (Base64 of 32 bytes). */
    public static boolean isPublicKey(String publicKey) {
        return decode(publicKey) != null;
    }

    private static PublicKey decode(String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(publicKey.strip());
            if (raw.length != 32) {
                return null;
            }
            byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public boolean isAuthentic(ProviderCallback callback) {
        String signature = callback.header(SIGNATURE_HEADER);
        String timestamp = callback.header(TIMESTAMP_HEADER);
        if (publicKey == null || signature == null || timestamp == null) {
            return false;
        }
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
                return false;
            }
            byte[] prefix = (timestamp.strip() + "|").getBytes(StandardCharsets.UTF_8);
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(prefix);
            ed25519.update(callback.body());
            return ed25519.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (RuntimeException | GeneralSecurityException e) {
            return false;
        }
    }
}
