package dev.textbridge.benchmarks;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator signs as Twilio does: Twilio's own RequestValidator accepts what it sends. */
class TwilioSignerTest {

    @Test
    void twiliosOwnValidatorAcceptsTheGeneratorsCallbacks() {
        String token = "bench-token-0123456789";
        String base = "http://127.0.0.1:41234";
        Population.Text text = Population.text(Population.Block.BURST, 12, 7, 3, "0b5e0b5e",
                base + TwilioSigner.INBOUND_PATH, token);

        Map<String, String> posted = decode(new String(text.form(), StandardCharsets.US_ASCII));

        assertThat(new RequestValidator(token).validate(base + TwilioSigner.INBOUND_PATH, posted, text.signature()))
                .isTrue();
        assertThat(new RequestValidator("another-token").validate(base + TwilioSigner.INBOUND_PATH, posted,
                text.signature())).isFalse();
        assertThat(posted).containsEntry("MessageSid", text.sid()).containsEntry("From", text.from())
                .containsEntry("To", text.to());
    }

    @Test
    void messageSidsHaveTwiliosShapeAndDifferByRunPhaseAndIndex() {
        String url = "http://127.0.0.1:1" + TwilioSigner.INBOUND_PATH;
        String sid = Population.text(Population.Block.RATE, 11, 0, 0, "0b5e0b5e", url, "t").sid();

        assertThat(sid).matches("SM[0-9a-f]{32}");
        assertThat(Population.text(Population.Block.RATE, 11, 1, 0, "0b5e0b5e", url, "t").sid()).isNotEqualTo(sid);
        assertThat(Population.text(Population.Block.RATE, 12, 0, 0, "0b5e0b5e", url, "t").sid()).isNotEqualTo(sid);
        assertThat(Population.text(Population.Block.RATE, 11, 0, 0, "0b5e0b5f", url, "t").sid()).isNotEqualTo(sid);
    }

    @Test
    void halfOfEveryBlockIsKnownAndEachBlockHasNumbersOfItsOwn() {
        assertThat(Population.known(0)).isTrue();
        assertThat(Population.known(1)).isFalse();
        assertThat(Population.Block.RATE.customer(12)).isEqualTo("+15554000012");
        assertThat(Population.Block.BURST.customer(12)).isEqualTo("+15555000012");
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
