package dev.textbridge.mappings.provider.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a webhook the way Twilio does, written apart from the verifier so the two can check each other; its
 * agreement with Twilio's own {@code RequestValidator} is tested in {@link TwilioRequestValidatorAgreementTest}.
 */
final class TwilioRequestSigner {

    private TwilioRequestSigner() {
    }

    static String signature(String authToken, String url, Map<String, List<String>> formParameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(formParameters).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(value -> data.append(name).append(value));
        });
        return hmacSha1(authToken, data.toString());
    }

    static String hmacSha1(String authToken, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
