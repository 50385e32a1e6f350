package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.textbridge.mappings.provider.acs.AcsPayloads.array;
import static dev.textbridge.mappings.provider.acs.AcsPayloads.delivery;
import static dev.textbridge.mappings.provider.acs.AcsPayloads.deliveryReport;
import static dev.textbridge.mappings.provider.acs.AcsPayloads.smsReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcsEventParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:02Z");
    private static final String INCOMING = "Incoming_20261125100000d29ebbea-3341-4466-9690-0a03af35228e";
    private static final String OUTGOING = "Outgoing_202611251000138813a09b-0cbf-4304-9b03-1546683bb910";

    private final AcsEventParser parser = new AcsEventParser();

    private AcsEvents parse(String body) {
        return parser.parse(delivery(body, "application/json"), NOW, "US");
    }

    @Test
    void anSmsReceivedEventBecomesAnInboundMessage() {
        AcsEvents events = parse(array(smsReceived(INCOMING, "+15550100200", "+15550100001", "Is the renewal still on? 🙂", 1)));

        assertThat(events.inbound()).singleElement().satisfies(message -> {
            assertThat(message.provider()).isEqualTo("acs");
            assertThat(message.providerMessageId()).isEqualTo(INCOMING);
            assertThat(message.from()).isEqualTo(PhoneNumber.ofNormalised("+15550100200"));
            assertThat(message.to()).isEqualTo(PhoneNumber.ofNormalised("+15550100001"));
            assertThat(message.body()).isEqualTo("Is the renewal still on? 🙂");
            assertThat(message.segments()).isEqualTo(1);
            assertThat(message.receivedAt()).isEqualTo(NOW);
        });
        assertThat(events.reports()).isEmpty();
        assertThat(events.validationCode()).isEmpty();
    }

    @Test
    void numbersWrittenWithoutPlusAsInMicrosoftsSampleAreInternational() {
        InboundMessage message = parse(array(smsReceived(INCOMING, "15550100200", "15550100001", "hi", 1))).inbound().get(0);

        assertThat(message.from()).isEqualTo(PhoneNumber.ofNormalised("+15550100200"));
        assertThat(message.to()).isEqualTo(PhoneNumber.ofNormalised("+15550100001"));
    }

    @Test
    void aLongTextArrivesWholeWithItsSegmentCount() {
        String text = "Renewal terms, part by part. ".repeat(56).substring(0, 1600);

        InboundMessage message = parse(array(smsReceived(INCOMING, "+15550100200", "+15550100001", text, 11))).inbound().get(0);

        assertThat(message.body()).hasSize(1600).isEqualTo(text);
        assertThat(message.segments()).isEqualTo(11);
    }

    @ParameterizedTest(name = "deliveryStatus {0} means {1}, reason {2}")
    @CsvSource({"Delivered, DELIVERED, ", "Failed, UNDELIVERED, UNKNOWN", "delivered, DELIVERED, "})
    void aDeliveryReportEventBecomesADeliveryReport(String status, DeliveryStatus expected, FailureReason reason) {
        DeliveryReport report = parse(array(deliveryReport(OUTGOING, "+15550100001", "+15550100200", status, "No error.")))
                .reports().get(0);

        assertThat(report.provider()).isEqualTo("acs");
        assertThat(report.providerMessageId()).isEqualTo(OUTGOING);
        assertThat(report.status()).isEqualTo(expected);
        assertThat(report.failureReason()).isEqualTo(reason);
        assertThat(report.providerErrorCode()).isNull();
        assertThat(report.reportedAt()).isEqualTo(NOW);
    }

    @Test
    void oneDeliveryMayCarrySeveralEventsInOrder() {
        AcsEvents events = parse(array(
                smsReceived(INCOMING, "+15550100200", "+15550100001", "first", 1),
                deliveryReport(OUTGOING, "+15550100001", "+15550100200", "Delivered", "No error."),
                smsReceived(INCOMING.replace("d29", "e30"), "+15550100200", "+15550100001", "second", 1)));

        assertThat(events.inbound()).extracting(InboundMessage::body).containsExactly("first", "second");
        assertThat(events.reports()).hasSize(1);
    }

    @Test
    void pascalCasePropertiesOfOlderSamplesAreRead() {
        String pascal = smsReceived(INCOMING, "+15550100200", "+15550100001", "hi", 1)
                .replace("\"messageId\"", "\"MessageId\"").replace("\"from\"", "\"From\"").replace("\"to\"", "\"To\"")
                .replace("\"message\"", "\"Message\"").replace("\"segmentCount\"", "\"SegmentCount\"");

        InboundMessage message = parse(array(pascal)).inbound().get(0);

        assertThat(message.providerMessageId()).isEqualTo(INCOMING);
        assertThat(message.body()).isEqualTo("hi");
    }

    @Test
    void theSubscriptionValidationEventGivesItsCode() {
        AcsEvents events = parse(AcsPayloads.validation("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"));

        assertThat(events.validationCode()).contains("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");
        assertThat(events.inbound()).isEmpty();
    }

    @Test
    void aCloudEventIsReadLikeAnEventGridEvent() {
        String event = AcsPayloads.cloudEventSmsReceived(INCOMING, "+15550100200", "+15550100001", "from a CloudEvent");

        assertThat(parser.parse(delivery(event, "application/cloudevents+json"), NOW, "US").inbound())
                .extracting(InboundMessage::body).containsExactly("from a CloudEvent");
        assertThat(parser.parse(delivery(array(event), "application/cloudevents-batch+json"), NOW, "US").inbound())
                .extracting(InboundMessage::providerMessageId).containsExactly(INCOMING);
    }

    @Test
    void otherEventTypesTheSubscriptionDeliversAreIgnoredAndNamed() {
        String other = "{\"id\":\"1\",\"eventType\":\"Microsoft.Communication.ChatMessageReceived\",\"data\":{}}";

        AcsEvents events = parse(array(other));

        assertThat(events.inbound()).isEmpty();
        assertThat(events.ignoredTypes()).containsExactly("Microsoft.Communication.ChatMessageReceived");
    }

    @ParameterizedTest(name = "the body {0} is malformed")
    @ValueSource(strings = {"not json", "42", "\"text\"", "[1]", "[{\"id\":\"1\",\"data\":{}}]"})
    void aBodyThatIsNoEventIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedCallbackException.class);
    }

    @Test
    void anSmsEventWithoutSenderIsMalformedNamingTheEventAndField() {
        String event = smsReceived(INCOMING, "+15550100200", "+15550100001", "hi", 1).replace("\"from\":\"+15550100200\",", "");

        assertThatThrownBy(() -> parse(array(event)))
                .isInstanceOf(MalformedCallbackException.class).hasMessage("event 0: the field 'from' is missing");
    }

    @Test
    void aReportWithAStatusAcsDoesNotDocumentIsMalformed() {
        assertThatThrownBy(() -> parse(array(deliveryReport(OUTGOING, "+15550100001", "+15550100200", "Teleported", ""))))
                .isInstanceOf(MalformedCallbackException.class).hasMessageContaining("Teleported");
    }
}
