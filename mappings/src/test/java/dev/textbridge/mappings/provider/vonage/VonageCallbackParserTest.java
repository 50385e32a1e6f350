package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.INBOUND_URL;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.JSON;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.SECRET;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.SIGNED_AT;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.STATUS_URL;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.deliveryReceipt;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.inboundSms;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.messagesApi;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.messagesInbound;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.messagesStatus;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VonageCallbackParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:01Z");
    private static final String MESSAGE_ID = "0A0000001234ABCD";
    private static final String OUR_TEXT = "5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d";

    private final VonageCallbackParser parser = new VonageCallbackParser();

    @Nested
    class SmsApiInbound {

        private InboundMessage parse(ProviderCallback callback) {
            return parser.parseInbound(callback, NOW, "US");
        }

        @Test
        void aTextFromACustomerBecomesAnInboundMessageWhicheverWayVonageSendsIt() {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "Is the renewal still on? 🙂"), SECRET, "sha256", SIGNED_AT);

            for (ProviderCallback callback : new ProviderCallback[]{VonageWebhooks.get(INBOUND_URL, params),
                    VonageWebhooks.postForm(INBOUND_URL, params), VonageWebhooks.postJson(INBOUND_URL, params)}) {
                InboundMessage message = parse(callback);
                assertThat(message.provider()).isEqualTo("vonage");
                assertThat(message.providerMessageId()).isEqualTo(MESSAGE_ID);
                assertThat(message.from()).isEqualTo(PhoneNumber.ofNormalised("+15550100200"));
                assertThat(message.to()).isEqualTo(PhoneNumber.ofNormalised("+15550100001"));
                assertThat(message.body()).isEqualTo("Is the renewal still on? 🙂");
                assertThat(message.segments()).isEqualTo(1);
                assertThat(message.receivedAt()).isEqualTo(NOW);
            }
        }

        @ParameterizedTest(name = "the text \"{0}\" is kept exactly")
        @ValueSource(strings = {"👍🏽", "a+b=c&d", "100% ☕", "line\r\nbreak", "'single' \"double\"", "日本語"})
        void symbolsAndEmojiAreKeptExactly(String text) {
            assertThat(parse(VonageWebhooks.postForm(INBOUND_URL, inboundSms(MESSAGE_ID, text))).body()).isEqualTo(text);
            assertThat(parse(VonageWebhooks.postJson(INBOUND_URL, inboundSms(MESSAGE_ID, text))).body()).isEqualTo(text);
        }

        @Test
        void eachPartOfALongTextIsAMessageOfItsOwn() {
            Map<String, String> part = new LinkedHashMap<>(inboundSms("0A0000001234ABCE", "second part of it"));
            part.put("concat", "true");
            part.put("concat-ref", "7");
            part.put("concat-total", "3");
            part.put("concat-part", "2");

            InboundMessage message = parse(VonageWebhooks.postForm(INBOUND_URL, part));

            assertThat(message.providerMessageId()).isEqualTo("0A0000001234ABCE");
            assertThat(message.body()).isEqualTo("second part of it");
        }

        @Test
        void aShortCodeSenderStaysAShortCode() {
            Map<String, String> params = new LinkedHashMap<>(inboundSms(MESSAGE_ID, "hi"));
            params.put("msisdn", "72345");

            assertThat(parse(VonageWebhooks.postForm(INBOUND_URL, params)).from()).isEqualTo(PhoneNumber.ofNormalised("72345"));
        }

        @ParameterizedTest(name = "without ''{0}'' the callback is malformed")
        @ValueSource(strings = {"msisdn", "to", "messageId"})
        void aCallbackWithoutSenderRecipientOrIdIsMalformed(String field) {
            Map<String, String> params = new LinkedHashMap<>(inboundSms(MESSAGE_ID, "hi"));
            params.remove(field);

            assertThatThrownBy(() -> parse(VonageWebhooks.postForm(INBOUND_URL, params)))
                    .isInstanceOf(MalformedCallbackException.class).hasMessage("the field '" + field + "' is missing");
        }

        @Test
        void aBinaryMessageIsMalformed() {
            Map<String, String> params = new LinkedHashMap<>(inboundSms(MESSAGE_ID, ""));
            params.put("type", "binary");
            params.put("data", "0605040B8423F0");

            assertThatThrownBy(() -> parse(VonageWebhooks.postForm(INBOUND_URL, params)))
                    .isInstanceOf(MalformedCallbackException.class).hasMessageContaining("binary");
        }

        @Test
        void aJsonBodyThatIsNotAnObjectIsMalformed() {
            ProviderCallback callback = new ProviderCallback(INBOUND_URL, Map.of(), JSON, "[1,2]".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> parse(callback)).isInstanceOf(MalformedCallbackException.class);
        }
    }

    @Nested
    class SmsApiDeliveryReceipts {

        private DeliveryReport parse(Map<String, String> params) {
            return parser.parseStatus(VonageWebhooks.postForm(STATUS_URL, params), NOW);
        }

        @Test
        void aReceiptIsKeyedByTheClientRefWeSentTheTextWith() {
            DeliveryReport report = parse(deliveryReceipt(MESSAGE_ID, OUR_TEXT, "delivered", "0"));

            assertThat(report.provider()).isEqualTo("vonage");
            assertThat(report.providerMessageId()).isEqualTo(OUR_TEXT);
            assertThat(report.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(report.failureReason()).isNull();
            assertThat(report.providerErrorCode()).isNull();
            assertThat(report.reportedAt()).isEqualTo(NOW);
        }

        @Test
        void theReceiptsOfEveryPartOfALongTextNameTheSameText() {
            DeliveryReport first = parse(deliveryReceipt("0A0000001234ABCD", OUR_TEXT, "delivered", "0"));
            DeliveryReport second = parse(deliveryReceipt("0A0000001234ABCE", OUR_TEXT, "delivered", "0"));

            assertThat(second.providerMessageId()).isEqualTo(first.providerMessageId()).isEqualTo(OUR_TEXT);
        }

        @Test
        void aReceiptWithoutClientRefIsKeyedByVonagesMessageId() {
            assertThat(parse(deliveryReceipt(MESSAGE_ID, null, "accepted", "0")).providerMessageId()).isEqualTo(MESSAGE_ID);
        }

        @ParameterizedTest(name = "status {0} with err-code {1} is {2}, reason {3}")
        @CsvSource({
                "failed,   2,  UNDELIVERED, UNREACHABLE_DESTINATION",
                "failed,   9,  UNDELIVERED, RECIPIENT_OPTED_OUT",
                "rejected, 6,  FAILED,      BLOCKED_BY_CARRIER",
                "expired,  1,  UNDELIVERED, UNKNOWN",
                "failed,   99, UNDELIVERED, UNKNOWN"})
        void aFailedReceiptCarriesItsReasonAndCode(String status, String errCode, DeliveryStatus expected, FailureReason reason) {
            DeliveryReport report = parse(deliveryReceipt(MESSAGE_ID, OUR_TEXT, status, errCode));

            assertThat(report.status()).isEqualTo(expected);
            assertThat(report.failureReason()).isEqualTo(reason);
            assertThat(report.providerErrorCode()).isEqualTo(errCode);
        }

        @Test
        void anUnknownStatusIsMalformed() {
            assertThatThrownBy(() -> parse(deliveryReceipt(MESSAGE_ID, OUR_TEXT, "teleported", "0")))
                    .isInstanceOf(MalformedCallbackException.class).hasMessageContaining("teleported");
        }

        @Test
        void aReceiptWithoutStatusIsMalformed() {
            Map<String, String> params = new LinkedHashMap<>(deliveryReceipt(MESSAGE_ID, OUR_TEXT, "delivered", "0"));
            params.remove("status");

            assertThatThrownBy(() -> parse(params)).hasMessage("the field 'status' is missing");
        }
    }

    @Nested
    class MessagesApi {

        private static final String UUID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";

        @Test
        void anInboundSmsArrivesWholeWithItsPartCount() {
            String text = "Renewal terms, part by part. ".repeat(56).substring(0, 1600);
            String body = messagesInbound(UUID, text).replace("\"num_messages\":\"1\"", "\"num_messages\":\"11\"");

            InboundMessage message = parser.parseInbound(messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT), NOW, "US");

            assertThat(message.providerMessageId()).isEqualTo(UUID);
            assertThat(message.from()).isEqualTo(PhoneNumber.ofNormalised("+15550100200"));
            assertThat(message.to()).isEqualTo(PhoneNumber.ofNormalised("+15550100001"));
            assertThat(message.body()).hasSize(1600).isEqualTo(text);
            assertThat(message.segments()).isEqualTo(11);
        }

        @Test
        void anMmsImageArrivesAsMediaWithItsCaption() {
            String body = "{\"channel\":\"mms\",\"message_uuid\":\"" + UUID + "\",\"to\":\"15550100001\",\"from\":\"15550100200\","
                    + "\"timestamp\":\"2026-11-25T09:59:58Z\",\"message_type\":\"image\","
                    + "\"image\":{\"url\":\"https://api.nexmo.com/v3/media/dent.jpg\",\"caption\":\"Here's the dent 📷\"}}";

            InboundMessage message = parser.parseInbound(messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT), NOW, "US");

            assertThat(message.body()).isEqualTo("Here's the dent 📷");
            assertThat(message.media()).containsExactly(new MediaAttachment("https://api.nexmo.com/v3/media/dent.jpg", null));
        }

        @Test
        void aWhatsAppMessageRoutedToTheSameUrlIsNoTextAndIsNotFiled() {
            String body = messagesInbound(UUID, "hi on WhatsApp").replace("\"channel\":\"sms\"", "\"channel\":\"whatsapp\"");
            ProviderCallback callback = messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT);
            VonageMapping mapping = new VonageMapping(SECRET, VonageSignatureMethod.MD5_HASH, null, "US",
                    java.time.Clock.fixed(SIGNED_AT, java.time.ZoneOffset.UTC));

            assertThat(mapping.verifier().isAuthentic(callback)).isTrue();
            assertThat(mapping.inboundMessages(callback, NOW)).isEmpty();
            assertThat(parser.parseInboundText(messagesApi(INBOUND_URL, messagesInbound(UUID, "hi"), SECRET, SIGNED_AT), NOW, "US"))
                    .isPresent();
        }

        @Test
        void anInboundWithoutSenderIsMalformed() {
            String body = messagesInbound(UUID, "hi").replace("\"from\":\"15550100200\",", "");

            assertThatThrownBy(() -> parser.parseInbound(messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT), NOW, "US"))
                    .isInstanceOf(MalformedCallbackException.class).hasMessage("the field 'from' is missing");
        }

        @ParameterizedTest(name = "status {0} with error {1} is {2}, reason {3}")
        @CsvSource({
                "submitted,     ,     SENT,        ",
                "delivered,     ,     DELIVERED,   ",
                "read,          ,     READ,        ",
                "rejected,      1060, FAILED,      PROVIDER_ACCOUNT_PROBLEM",
                "undeliverable, 1050, UNDELIVERED, BLOCKED_BY_CARRIER",
                "undeliverable, 1300, UNDELIVERED, UNKNOWN"})
        void aStatusWebhookIsKeyedByItsClientRef(String status, String error, DeliveryStatus expected, FailureReason reason) {
            DeliveryReport report = parser.parseStatus(
                    messagesApi(STATUS_URL, messagesStatus(UUID, OUR_TEXT, status, error), SECRET, SIGNED_AT), NOW);

            assertThat(report.providerMessageId()).isEqualTo(OUR_TEXT);
            assertThat(report.status()).isEqualTo(expected);
            assertThat(report.failureReason()).isEqualTo(reason);
            assertThat(report.providerErrorCode()).isEqualTo(error);
        }

        @Test
        void aStatusWithoutClientRefIsKeyedByTheMessageUuid() {
            DeliveryReport report = parser.parseStatus(
                    messagesApi(STATUS_URL, messagesStatus(UUID, null, "delivered", null), SECRET, SIGNED_AT), NOW);

            assertThat(report.providerMessageId()).isEqualTo(UUID);
        }
    }
}
