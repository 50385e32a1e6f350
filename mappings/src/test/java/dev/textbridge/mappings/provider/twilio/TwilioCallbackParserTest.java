package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.textbridge.mappings.provider.twilio.TwilioPayload.BUSINESS_NUMBER;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.CUSTOMER;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.MMS_SID;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.SMS_SID;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.inboundMms;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.inboundSms;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.statusCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwilioCallbackParserTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:04:05Z");

    private final TwilioCallbackParser parser = new TwilioCallbackParser();

    @Nested
    class InboundTexts {

        private InboundMessage parse(TwilioPayload payload) {
            return parser.parseInbound(payload.form(), NOW, "US");
        }

        @Test
        void aTextFromACustomerBecomesAnInboundMessage() {
            InboundMessage message = parse(inboundSms());

            assertThat(message.provider()).isEqualTo("twilio");
            assertThat(message.providerMessageId()).isEqualTo(SMS_SID);
            assertThat(message.from()).isEqualTo(PhoneNumber.ofNormalised(CUSTOMER));
            assertThat(message.to()).isEqualTo(PhoneNumber.ofNormalised(BUSINESS_NUMBER));
            assertThat(message.body()).isEqualTo("Hi, it's Dana 👋 is \"Tuesday 3pm\" still ok? 100% & more+");
            assertThat(message.media()).isEmpty();
            assertThat(message.segments()).isEqualTo(1);
            assertThat(message.receivedAt()).isEqualTo(NOW);
        }

        @Test
        void fieldsTwilioAddsWithoutNoticeAreIgnored() {
            InboundMessage message = parse(inboundSms()
                    .with("OptOutType", "HELP").with("ChannelMetadata", "{\"type\":\"sms\"}").with("AddOns", "{}"));

            assertThat(message.providerMessageId()).isEqualTo(SMS_SID);
        }

        @Test
        void aTextOf1600CharactersIsKeptExactly() {
            String longText = ("Line " + "x".repeat(74) + "\n").repeat(20);
            assertThat(longText).hasSize(1_600);

            assertThat(parse(inboundSms().with("Body", longText).with("NumSegments", "11")))
                    .satisfies(message -> assertThat(message.body()).isEqualTo(longText))
                    .satisfies(message -> assertThat(message.segments()).isEqualTo(11));
        }

        @ParameterizedTest(name = "the text \"{0}\" is kept exactly")
        @ValueSource(strings = {"👍🏽", "Family: 👨‍👩‍👧‍👦 🇺🇸", "  spaces around  ", "a+b=c&d", "100% ☕",
                "Crème brûlée?", "日本語のテキスト", "line\r\nbreak", "'single' \"double\" `back`"})
        void aTextWithEmojiAndSymbolsIsKeptExactly(String body) {
            assertThat(parse(inboundSms().with("Body", body)).body()).isEqualTo(body);
        }

        @Test
        void aPhotoWithoutTextHasAnEmptyBody() {
            assertThat(parse(inboundMms().without("Body")).body()).isEmpty();
        }

        @Test
        void aPhotoArrivesAsAMediaAttachment() {
            InboundMessage message = parse(inboundMms());

            assertThat(message.providerMessageId()).isEqualTo(MMS_SID);
            assertThat(message.body()).isEqualTo("Here's the dent 📷");
            assertThat(message.media()).containsExactly(new MediaAttachment(
                    inboundMms().fields().get("MediaUrl0").get(0), "image/jpeg"));
        }

        @Test
        void severalMediaItemsKeepTwiliosOrder() {
            InboundMessage message = parse(inboundMms().with("NumMedia", "3")
                    .with("MediaUrl1", "https://api.twilio.com/media/1").with("MediaContentType1", "video/mp4")
                    .with("MediaUrl2", "https://api.twilio.com/media/2").with("MediaContentType2", "text/vcard"));

            assertThat(message.media()).extracting(MediaAttachment::contentType)
                    .containsExactly("image/jpeg", "video/mp4", "text/vcard");
        }

        @Test
        void aMediaUrlThatNumMediaDoesNotCountIsIgnored() {
            assertThat(parse(inboundMms().with("NumMedia", "0")).media()).isEmpty();
        }

        @Test
        void aMediaItemWithoutAContentTypeIsStillKept() {
            assertThat(parse(inboundMms().without("MediaContentType0")).media())
                    .singleElement().satisfies(media -> assertThat(media.contentType()).isNull());
        }

        @ParameterizedTest(name = "NumSegments \"{0}\" means {1} segments")
        @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
                1     | 1
                3     | 3
                ''    | 1
                two   | 1
                0     | 1
                -2    | 1
                """)
        void aMissingOrGarbledSegmentCountIsOne(String numSegments, int segments) {
            assertThat(parse(inboundSms().with("NumSegments", numSegments)).segments()).isEqualTo(segments);
        }

        @Test
        void withoutNumSegmentsATextArrivedInOneSegment() {
            assertThat(parse(inboundSms().without("NumSegments")).segments()).isEqualTo(1);
        }

        @Test
        void aLegacyMessageIdIsUsedOnlyWhenMessageSidIsMissing() {
            assertThat(parse(inboundSms().with("SmsMessageSid", "SMlegacy")).providerMessageId()).isEqualTo(SMS_SID);
            assertThat(parse(inboundSms().without("MessageSid").with("SmsMessageSid", "SMlegacy"))
                    .providerMessageId()).isEqualTo("SMlegacy");
            assertThat(parse(inboundSms().without("MessageSid").without("SmsMessageSid").with("SmsSid", "SMoldest"))
                    .providerMessageId()).isEqualTo("SMoldest");
        }

        @Test
        void aNationalNumberIsReadInTheDefaultRegion() {
            InboundMessage message = parser.parseInbound(inboundSms().with("From", "020 7946 0958").form(), NOW, "GB");

            assertThat(message.from().value()).isEqualTo("+442079460958");
        }

        @Test
        void aShortCodeAndASenderIdAreKeptAsTheyAre() {
            InboundMessage message = parse(inboundSms().with("From", "Acme Bank").with("To", "898211"));

            assertThat(message.from().kind()).isEqualTo(PhoneNumber.Kind.ALPHANUMERIC);
            assertThat(message.to().kind()).isEqualTo(PhoneNumber.Kind.SHORT_CODE);
        }

        @ParameterizedTest(name = "a text without {0} is refused: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                MessageSid | the field 'MessageSid' is missing
                From       | the field 'From' is missing
                To         | the field 'To' is missing
                """)
        void aTextWithoutARequiredFieldIsRefusedNamingTheField(String field, String reason) {
            TwilioPayload payload = inboundSms().without(field);
            if (field.equals("MessageSid")) {
                payload.without("SmsMessageSid").without("SmsSid");
            }

            assertThatThrownBy(() -> parse(payload))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage(reason);
        }

        @Test
        void aBlankRequiredFieldCountsAsMissing() {
            assertThatThrownBy(() -> parse(inboundSms().with("From", " ")))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'From' is missing");
        }

        @ParameterizedTest(name = "a text with {0} \"{1}\" is refused: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                From | +1 555                | the field 'From' is not a phone number we accept: it is too short
                From | whatsapp:+15550100200 | the field 'From' is not a phone number we accept: it is a channel address (whatsapp:), not an SMS number
                To   | +999 1234567          | the field 'To' is not a phone number we accept: its country code is missing or unknown
                """)
        void aTextWithAnAddressWeDoNotAcceptIsRefusedNamingTheField(String field, String value, String reason) {
            assertThatThrownBy(() -> parse(inboundSms().with(field, value)))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage(reason);
        }

        @ParameterizedTest(name = "media fields NumMedia={0} without MediaUrl{1} are refused")
        @CsvSource(delimiter = '|', textBlock = """
                1 | 0
                2 | 1
                """)
        void mediaTwilioCountsButDoesNotSendAreRefused(String numMedia, int missing) {
            assertThatThrownBy(() -> parse(inboundMms().with("NumMedia", numMedia).without("MediaUrl" + missing)))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'MediaUrl" + missing + "' is missing");
        }

        @Test
        void aGarbledMediaCountIsRefused() {
            assertThatThrownBy(() -> parse(inboundMms().with("NumMedia", "one")))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'NumMedia' is not a number: 'one'");
        }
    }

    @Nested
    class StatusCallbacks {

        private DeliveryReport parse(TwilioPayload payload) {
            return parser.parseStatus(payload.form(), NOW);
        }

        @Test
        void aDeliveredReportNamesTheMessageAndNoFailure() {
            DeliveryReport report = parse(statusCallback("delivered").with("RawDlrDoneDate", "2603021504"));

            assertThat(report.provider()).isEqualTo("twilio");
            assertThat(report.providerMessageId()).isEqualTo(SMS_SID);
            assertThat(report.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(report.providerErrorCode()).isNull();
            assertThat(report.failureReason()).isNull();
            assertThat(report.reportedAt()).isEqualTo(NOW);
        }

        @ParameterizedTest(name = "Twilio''s status \"{0}\" is {1}")
        @CsvSource(delimiter = '|', textBlock = """
                accepted    | QUEUED
                scheduled   | QUEUED
                queued      | QUEUED
                sending     | QUEUED
                sent        | SENT
                delivered   | DELIVERED
                undelivered | UNDELIVERED
                failed      | FAILED
                read        | READ
                canceled    | FAILED
                """)
        void eachTwilioStatusMapsToADeliveryStatus(String twilioStatus, DeliveryStatus status) {
            assertThat(parse(statusCallback(twilioStatus)).status()).isEqualTo(status);
        }

        @ParameterizedTest(name = "a text {0} with Twilio error {1} failed because: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                failed      | 21211 | INVALID_SEND_PARAMETERS
                failed      | 21606 | INVALID_SEND_PARAMETERS
                failed      | 21612 | INVALID_SEND_PARAMETERS
                failed      | 21614 | INVALID_SEND_PARAMETERS
                undelivered | 30003 | UNREACHABLE_DESTINATION
                undelivered | 30005 | UNREACHABLE_DESTINATION
                undelivered | 30006 | UNREACHABLE_DESTINATION
                undelivered | 30004 | BLOCKED_BY_CARRIER
                undelivered | 30007 | BLOCKED_BY_CARRIER
                failed      | 21610 | RECIPIENT_OPTED_OUT
                failed      | 20003 | PROVIDER_ACCOUNT_PROBLEM
                failed      | 21408 | PROVIDER_ACCOUNT_PROBLEM
                failed      | 30002 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30022 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30023 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30024 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30032 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30033 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30034 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30035 | PROVIDER_ACCOUNT_PROBLEM
                undelivered | 30008 | UNKNOWN
                failed      | 30001 | UNKNOWN
                undelivered | 30009 | UNKNOWN
                failed      | 30010 | UNKNOWN
                failed      | 20429 | UNKNOWN
                undelivered | 99999 | UNKNOWN
                failed      | oops  | UNKNOWN
                """)
        void eachTwilioErrorCodeMapsToAFailureReason(String twilioStatus, String errorCode, FailureReason reason) {
            DeliveryReport report = parse(statusCallback(twilioStatus).with("ErrorCode", errorCode));

            assertThat(report.failureReason()).isEqualTo(reason);
            assertThat(report.providerErrorCode()).isEqualTo(errorCode);
        }

        @ParameterizedTest(name = "a text {0} without an error code failed for an unknown reason")
        @ValueSource(strings = {"failed", "undelivered", "canceled"})
        void aFailureWithoutAnErrorCodeHasAnUnknownReason(String twilioStatus) {
            DeliveryReport report = parse(statusCallback(twilioStatus));

            assertThat(report.failureReason()).isEqualTo(FailureReason.UNKNOWN);
            assertThat(report.providerErrorCode()).isNull();
        }

        @Test
        void anEmptyErrorCodeCountsAsNone() {
            DeliveryReport report = parse(statusCallback("undelivered").with("ErrorCode", ""));

            assertThat(report.providerErrorCode()).isNull();
            assertThat(report.failureReason()).isEqualTo(FailureReason.UNKNOWN);
        }

        @Test
        void aReportThatIsNoFailureCarriesNoFailureReason() {
            DeliveryReport report = parse(statusCallback("sent").with("ErrorCode", "30008"));

            assertThat(report.failureReason()).isNull();
            assertThat(report.providerErrorCode()).isEqualTo("30008");
        }

        @Test
        void theLegacySmsStatusIsUsedOnlyWhenMessageStatusIsMissing() {
            assertThat(parse(statusCallback("delivered").with("SmsStatus", "sent")).status())
                    .isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(parse(statusCallback("delivered").without("MessageStatus").with("SmsStatus", "sent")).status())
                    .isEqualTo(DeliveryStatus.SENT);
        }

        @ParameterizedTest(name = "a report with the status \"{0}\" is refused")
        @ValueSource(strings = {"received", "receiving", "partially_delivered", "lost"})
        void aStatusThatIsNoOutboundStatusIsRefused(String twilioStatus) {
            assertThatThrownBy(() -> parse(statusCallback(twilioStatus)))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'MessageStatus' has a status we do not know: '" + twilioStatus + "'");
        }

        @Test
        void aReportWithoutAStatusIsRefused() {
            assertThatThrownBy(() -> parse(statusCallback("sent").without("MessageStatus").without("SmsStatus")))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'MessageStatus' is missing");
        }

        @Test
        void aReportWithoutAMessageIdIsRefused() {
            assertThatThrownBy(() -> parse(statusCallback("sent").without("MessageSid").without("SmsSid")))
                    .isInstanceOf(MalformedCallbackException.class)
                    .hasMessage("the field 'MessageSid' is missing");
        }
    }
}
