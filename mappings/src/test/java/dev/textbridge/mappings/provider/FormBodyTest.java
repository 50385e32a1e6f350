package dev.textbridge.mappings.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FormBodyTest {

    private static FormBody form(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "the encoded value \"{0}\" reads as \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Hello+world                          | Hello world
            Hello%20world                        | Hello world
            %2B15550100200                       | +15550100200
            a%26b%3Dc                            | a&b=c
            100%25+sure                          | 100% sure
            %22quoted%22+%27single%27            | "quoted" 'single'
            %F0%9F%98%80+smile                   | 😀 smile
            %F0%9F%91%8D%F0%9F%8F%BD             | 👍🏽
            caf%C3%A9                            | café
            raw+😀+emoji                         | raw 😀 emoji
            plain_value-1.2                      | plain_value-1.2
            café😀                               | café😀
            line%0Abreak                         | 'line\nbreak'
            ''                                   | ''
            """)
    void aValueIsPercentDecodedAsUtf8WithPlusAsSpace(String encoded, String expected) {
        assertThat(form("Body=" + encoded).first("Body")).isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void fieldsKeepTheirOrderAndRepeatedNamesKeepEveryValue() {
        FormBody body = form("To=%2B15550100200&MediaUrl=https%3A%2F%2Fa&From=%2B15550100300&MediaUrl=https%3A%2F%2Fb");

        assertThat(body.asMap()).containsExactly(
                entry("To", List.of("+15550100200")),
                entry("MediaUrl", List.of("https://a", "https://b")),
                entry("From", List.of("+15550100300")));
        assertThat(body.first("MediaUrl")).isEqualTo("https://a");
    }

    @Test
    void anEncodedNameIsDecodedToo() {
        assertThat(form("Media%55rl0=x").first("MediaUrl0")).isEqualTo("x");
    }

    @Test
    void emptyPairsAndAnEmptyBodyHaveNoFields() {
        assertThat(form("").asMap()).isEmpty();
        assertThat(form("&&A=1&").asMap()).containsExactly(entry("A", List.of("1")));
    }

    @Test
    void anAbsentFieldIsNullAndARequiredOneIsAnError() {
        FormBody body = form("Body=&To=+");

        assertThat(body.first("From")).isNull();
        assertThat(body.first("Body")).isEmpty();
        assertThatThrownBy(() -> body.required("From"))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessage("the field 'From' is missing");
        assertThatThrownBy(() -> body.required("To"))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessage("the field 'To' is missing");
    }

    @Test
    void theFieldsCannotBeChangedByACaller() {
        FormBody body = form("A=1&A=2");

        assertThatThrownBy(() -> body.asMap().get("A").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> body.asMap().put("B", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "\"{0}\" is not form data")
    @ValueSource(strings = {
            "{\"MessageSid\":\"SM1\"}",
            "Body",
            "=value",
            "A=1&B",
            "Body=%zz",
            "Body=50%",
            "Body=%4",
            "Body=%FF%FE",
            "Body=%F0%9F%98",
    })
    void somethingElseThanFormDataIsRefused(String body) {
        assertThatThrownBy(() -> form(body))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessageStartingWith("the body is not form data");
    }

    @Test
    void aCallbackReadsItsBodyAsTheseFieldsAndRefusesOneThatIsNotFormDataEachTimeItIsRead() {
        ProviderCallback callback = new ProviderCallback("https://example.test/webhooks/twilio/inbound", java.util.Map.of(),
                FormBody.FORM_CONTENT_TYPE, "From=%2B15550100200&Body=hi+there".getBytes(StandardCharsets.UTF_8));
        ProviderCallback malformed = new ProviderCallback("https://example.test/webhooks/twilio/inbound", java.util.Map.of(),
                FormBody.FORM_CONTENT_TYPE, "Body=%zz".getBytes(StandardCharsets.UTF_8));

        assertThat(callback.form().asMap()).containsExactly(entry("From", List.of("+15550100200")),
                entry("Body", List.of("hi there")));
        assertThat(callback.form()).isSameAs(callback.form());
        for (int read = 0; read < 2; read++) {
            assertThatThrownBy(malformed::form).isInstanceOf(MalformedCallbackException.class);
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = "Body=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> FormBody.parse(latin1))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessage("the body is not form data (it is not UTF-8)");
    }
}
