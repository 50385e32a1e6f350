package dev.textbridge.mappings.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @ParameterizedTest(name = "\"{0}\" written in region {1} is the number {2}")
    @CsvSource(delimiter = '|', textBlock = """
            (555) 010-0200              | US | +15550100200
            555.010.0200                | US | +15550100200
            555-010-0200                | US | +15550100200
            +1 555 010 0200             | US | +15550100200
            001 555 010 0200            | US | +15550100200
            0015550100200               | US | +15550100200
            '  +1 555 010 0200  '       | US | +15550100200
            +1 (555) 010-0200 ext. 12   | US | +15550100200
            555-010-0200 x12            | US | +15550100200
            +15550100200                | GB | +15550100200
            +44 20 7946 0958            | US | +442079460958
            +44 20 7946 0958            | GB | +442079460958
            020 7946 0958               | GB | +442079460958
            0044 20 7946 0958           | US | +442079460958
            """)
    void aPhoneNumberNormalisesToE164(String raw, String region, String expected) {
        PhoneNumber number = PhoneNumber.parse(raw, region);

        assertThat(number.kind()).isEqualTo(PhoneNumber.Kind.E164);
        assertThat(number.isE164()).isTrue();
        assertThat(number.value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "the short code \"{0}\" is kept as it is")
    @ValueSource(strings = {"123", "12345", "898211", "12345678"})
    void aShortCodeIsKeptAsItIs(String raw) {
        PhoneNumber number = PhoneNumber.parse(raw, "US");

        assertThat(number.kind()).isEqualTo(PhoneNumber.Kind.SHORT_CODE);
        assertThat(number.value()).isEqualTo(raw);
        assertThat(number.isE164()).isFalse();
    }

    @ParameterizedTest(name = "the sender id \"{0}\" is kept as it is")
    @ValueSource(strings = {"ACME", "Acme Bank", "Textbridge1", "A", "2FA Codes"})
    void anAlphanumericSenderIdIsKeptAsItIs(String raw) {
        PhoneNumber number = PhoneNumber.parse(raw, "US");

        assertThat(number.kind()).isEqualTo(PhoneNumber.Kind.ALPHANUMERIC);
        assertThat(number.value()).isEqualTo(raw);
    }

    @ParameterizedTest(name = "\"{0}\" is refused because {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                      | the number is empty
            '   '                   | the number is empty
            whatsapp:+15550100200   | it is a channel address (whatsapp:), not an SMS number
            hello world friend      | it is longer than the 11 characters a sender id may have
            +1 555                  | it is too short
            +999 1234567            | its country code is missing or unknown
            Acme-Bank!              | it mixes letters with other characters; a sender id has only letters, digits and spaces
            call me: 555 0100       | it mixes letters with other characters; a sender id has only letters, digits and spaces
            1-800-FLOWERS           | it mixes letters with other characters; a sender id has only letters, digits and spaces
            12                      | it is too short
            555 0100                | it has no area code
            +1 555 010 0200 0200 0200 | it is too long
            """)
    void anythingElseIsRefusedWithAReasonAPersonCanActOn(String raw, String reason) {
        assertThatThrownBy(() -> PhoneNumber.parse(raw, "US"))
                .isInstanceOfSatisfying(InvalidPhoneNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(reason);
    }

    @Test
    void theSameTextIsReadAgainTheSameWayAndARefusalIsRefusedAgain() {
        assertThat(PhoneNumber.parse("020 7946 0958", "GB").value()).isEqualTo("+442079460958");
        assertThat(PhoneNumber.parse("020 7946 0958", "GB").value()).isEqualTo("+442079460958");
        assertThat(PhoneNumber.parse("(555) 010-0200", "US").value()).isEqualTo("+15550100200");
        assertThat(PhoneNumber.parse("(555) 010-0200", "US").value()).isEqualTo("+15550100200");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> PhoneNumber.parse("whatsapp:+15550100200", "US"))
                    .isInstanceOf(InvalidPhoneNumberException.class);
        }
    }

    @Test
    void aMissingNumberIsRefusedAsEmpty() {
        assertThatThrownBy(() -> PhoneNumber.parse(null, "US"))
                .isInstanceOfSatisfying(InvalidPhoneNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo("the number is empty"));
    }

    @Test
    void tryParseGivesNothingForAValueThatIsNoNumber() {
        assertThat(PhoneNumber.tryParse("not a number!", "US")).isEmpty();
        assertThat(PhoneNumber.tryParse("(555) 010-0200", "US")).contains(PhoneNumber.ofNormalised("+15550100200"));
    }

    @ParameterizedTest(name = "\"{0}\" and \"{1}\" are the same address")
    @CsvSource(delimiter = '|', textBlock = """
            (555) 010-0200    | +1 555 010 0200
            555.010.0200      | 001 555 010 0200
            555-010-0200 x12  | +15550100200
            """)
    void numbersWrittenDifferentlyAreEqual(String one, String other) {
        PhoneNumber a = PhoneNumber.parse(one, "US");
        PhoneNumber b = PhoneNumber.parse(other, "US");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.compareTo(b)).isZero();
    }

    @Test
    void differentAddressesAreNotEqual() {
        assertThat(PhoneNumber.parse("+15550100200", "US"))
                .isNotEqualTo(PhoneNumber.parse("+15550100201", "US"))
                .isNotEqualTo(PhoneNumber.parse("12345", "US"))
                .isNotEqualTo("+15550100200");
        assertThat(PhoneNumber.parse("ACME", "US")).isNotEqualTo(PhoneNumber.parse("Acme", "US"));
    }

    @ParameterizedTest(name = "\"{0}\" read back from the store is the same {2} address")
    @CsvSource(delimiter = '|', textBlock = """
            +1 555 010 0200   | US | E164
            020 7946 0958     | GB | E164
            898211            | US | SHORT_CODE
            Acme Bank         | US | ALPHANUMERIC
            """)
    void aNormalisedValueReadBackIsTheSameAddress(String raw, String region, PhoneNumber.Kind kind) {
        PhoneNumber parsed = PhoneNumber.parse(raw, region);

        PhoneNumber readBack = PhoneNumber.ofNormalised(parsed.value());

        assertThat(readBack).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(readBack.kind()).isEqualTo(kind);
        assertThat(readBack.toString()).isEqualTo(parsed.value());
    }
}
