package dev.textbridge.mappings.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SegmentCountTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("a short plain text is one GSM-7 part", "Hi Dana", SmsEncoding.GSM_7, 1, 7),
                arguments("160 GSM-7 characters still fit one part", "a".repeat(160), SmsEncoding.GSM_7, 1, 160),
                arguments("161 GSM-7 characters take two parts of 153", "a".repeat(161), SmsEncoding.GSM_7, 2, 161),
                arguments("306 GSM-7 characters fill exactly two parts", "a".repeat(306), SmsEncoding.GSM_7, 2, 306),
                arguments("307 GSM-7 characters take three parts", "a".repeat(307), SmsEncoding.GSM_7, 3, 307),
                arguments("the euro sign and braces take two septets each", "€{}", SmsEncoding.GSM_7, 1, 6),
                arguments("80 euro signs are 160 septets, one part", "€".repeat(80), SmsEncoding.GSM_7, 1, 160),
                arguments("an extension character is never split across parts",
                        "a".repeat(152) + "€" + "a".repeat(10), SmsEncoding.GSM_7, 2, 164),
                arguments("accented letters of the GSM alphabet stay GSM-7", "Ça va? Déjà vu à Zürich", SmsEncoding.GSM_7, 1, 23),
                arguments("one character outside the alphabet makes the text UCS-2", "Hello ✓", SmsEncoding.UCS_2, 1, 7),
                arguments("70 UCS-2 characters fit one part", "✓".repeat(70), SmsEncoding.UCS_2, 1, 70),
                arguments("71 UCS-2 characters take two parts of 67", "✓".repeat(71), SmsEncoding.UCS_2, 2, 71),
                arguments("an emoji takes two UCS-2 units", "👋", SmsEncoding.UCS_2, 1, 2),
                arguments("35 emoji are 70 units, one part", "😀".repeat(35), SmsEncoding.UCS_2, 1, 70),
                arguments("an emoji is never split across parts", "a".repeat(66) + "😀" + "a".repeat(10), SmsEncoding.UCS_2, 2, 78),
                arguments("a 1,600-character GSM-7 text takes 11 parts", "a".repeat(1600), SmsEncoding.GSM_7, 11, 1600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void countsPartsAsCarriersDo(String sentence, String text, SmsEncoding encoding, int segments, int units) {
        assertThat(SegmentCount.of(text)).isEqualTo(new SegmentCount(encoding, segments, units));
    }
}
