package dev.textbridge.mappings.provider.acs;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs a request to ACS with its access key, as ACS's HMAC authentication documents: {@code x-ms-date} (an HTTP
 * date), {@code x-ms-content-sha256} (the Base64 SHA-256 of the body) and
 * {@code Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<Base64 HMAC>}, the
 * HMAC-SHA256 keyed with the Base64-decoded access key over {@code VERB\npath?query\ndate;host;hash}.
 */
public final class AcsRequestSigner {

    /** The headers that carry the signature, with the values to send. */
    public record SignedHeaders(String date, String contentHash, String authorization) {
    }

    // IMF-fixdate, day of month always two digits (RFC_1123_DATE_TIME writes "5 Nov", which ACS refuses).
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final byte[] key;

    /**
     * @param accessKey the resource's access key as the portal shows it (Base64)
     * @throws IllegalArgumentException when the key is not Base64
     */
    public AcsRequestSigner(String accessKey) {
        this.key = Base64.getDecoder().decode(Objects.requireNonNull(accessKey, "accessKey").strip());
    }

    /**
     * @param host          the host as the request's {@code Host} header carries it ({@code host[:port]}, no port for
     *                      the scheme's default)
     * @param pathAndQuery  the path and query exactly as sent, e.g. {@code /sms?api-version=2021-03-07}
     */
    public SignedHeaders sign(String method, String host, String pathAndQuery, byte[] body, Instant at) {
        String date = httpDate(at);
        String contentHash = Base64.getEncoder().encodeToString(sha256(body));
        String stringToSign = method.toUpperCase(Locale.ROOT) + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + contentHash;
        String signature = Base64.getEncoder().encodeToString(hmacSha256(stringToSign.getBytes(StandardCharsets.UTF_8)));
        return new SignedHeaders(date, contentHash,
                "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }

    /** An HTTP date (IMF-fixdate) in GMT, as {@code x-ms-date} and {@code repeatabilityFirstSent} take it. */
    public static String httpDate(Instant at) {
        return HTTP_DATE.format(at);
    }

    private byte[] hmacSha256(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
