package dev.textbridge.mappings.provider.vonage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signature methods a Vonage account can choose in its dashboard for signed SMS API requests. The MD5 hash (the
 * default) is the MD5 of the signed string followed by the secret; the others are HMACs of the signed string keyed
 * with the secret. Each is written as lower-case hex.
 */
public enum VonageSignatureMethod {
    MD5_HASH("md5hash", "MD5"),
    MD5_HMAC("md5", "HmacMD5"),
    SHA1_HMAC("sha1", "HmacSHA1"),
    SHA256_HMAC("sha256", "HmacSHA256"),
    SHA512_HMAC("sha512", "HmacSHA512");

    private final String configName;
    private final String algorithm;

    VonageSignatureMethod(String configName, String algorithm) {
        this.configName = configName;
        this.algorithm = algorithm;
    }

    /** The name used in {@code textbridge.providers.vonage.signature-method} (as Vonage's SDKs name them). */
    public String configName() {
        return configName;
    }

    /** The JCA name: a {@code MessageDigest} for the MD5 hash, a {@code Mac} for the HMACs. */
    String algorithm() {
        return algorithm;
    }

    boolean isHmac() {
        return this != MD5_HASH;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static VonageSignatureMethod ofConfigName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Vonage signature method '" + name + "'; one of "
                        + Arrays.stream(values()).map(VonageSignatureMethod::configName).collect(Collectors.joining(", "))));
    }
}
