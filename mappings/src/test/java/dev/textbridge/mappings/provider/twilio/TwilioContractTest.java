package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/** Twilio passes the provider contract: form posts as Twilio sends them, signed as {@link TwilioRequestSigner} signs. */
class TwilioContractTest extends ProviderContractTest {

    private static final String AUTH_TOKEN = "9f86d081884c7d659a2feaa0c55ad015";
    private static final String INBOUND_URL = PUBLIC_BASE_URL + "/webhooks/twilio/inbound";
    private static final String STATUS_URL = PUBLIC_BASE_URL + "/webhooks/twilio/status";
    private static long sequence = 0x5e4d3c2b1aL;

    @Override
    protected ProviderMapping mapping() {
        return new TwilioMapping(AUTH_TOKEN, REGION);
    }

    @Override
    protected ProviderMapping mappingWithOtherCredentials() {
        return new TwilioMapping("0123456789abcdef0123456789abcdef", REGION);
    }

    @Override
    protected String newMessageId() {
        return "SM" + String.format("%032x", ++sequence);
    }

    private static TwilioPayload inbound(InboundText text) {
        TwilioPayload payload = TwilioPayload.inboundSms()
                .with("SmsMessageSid", text.messageId()).with("SmsSid", text.messageId()).with("MessageSid", text.messageId())
                .with("From", text.from()).with("To", text.to()).with("Body", text.body())
                .with("NumSegments", String.valueOf(text.segments()))
                .with("NumMedia", String.valueOf(text.media().size()));
        for (int i = 0; i < text.media().size(); i++) {
            payload.with("MediaContentType" + i, text.media().get(i).contentType())
                    .with("MediaUrl" + i, text.media().get(i).url());
        }
        return payload;
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return inbound(text).signedFor(INBOUND_URL, AUTH_TOKEN);
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        return inbound(text).without("From").signedFor(INBOUND_URL, AUTH_TOKEN);
    }

    @Override
    protected Optional<ProviderCallback> signedInboundFlagged(InboundText text, ConsentKeyword flag) {
        String optOutType = switch (flag) {
            case OPT_OUT -> "STOP";
            case OPT_IN -> "START";
            case HELP -> "HELP";
        };
        return Optional.of(inbound(text).with("OptOutType", optOutType).signedFor(INBOUND_URL, AUTH_TOKEN));
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        TwilioPayload payload = TwilioPayload.statusCallback(report.status())
                .with("SmsSid", report.messageId()).with("MessageSid", report.messageId())
                .with("From", report.from()).with("To", report.to());
        if (report.errorCode() != null) {
            payload.with("ErrorCode", report.errorCode());
        }
        return payload.signedFor(STATUS_URL, AUTH_TOKEN);
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("accepted", null, DeliveryStatus.QUEUED),
                new StatusWord("scheduled", null, DeliveryStatus.QUEUED),
                new StatusWord("queued", null, DeliveryStatus.QUEUED),
                new StatusWord("sending", null, DeliveryStatus.QUEUED),
                new StatusWord("sent", null, DeliveryStatus.SENT),
                new StatusWord("delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("undelivered", "30003", DeliveryStatus.UNDELIVERED),
                new StatusWord("failed", "30008", DeliveryStatus.FAILED),
                new StatusWord("read", null, DeliveryStatus.READ),
                new StatusWord("canceled", null, DeliveryStatus.FAILED));
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("queued", "sending", "sent", "delivered", "read");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("queued", "sent", "undelivered");
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.ofEntries(
                entry(FailureReason.INVALID_SEND_PARAMETERS, new ProviderStatus("failed", "21211")),
                entry(FailureReason.UNREACHABLE_DESTINATION, new ProviderStatus("undelivered", "30003")),
                entry(FailureReason.BLOCKED_BY_CARRIER, new ProviderStatus("undelivered", "30007")),
                entry(FailureReason.RECIPIENT_OPTED_OUT, new ProviderStatus("failed", "21610")),
                entry(FailureReason.PROVIDER_ACCOUNT_PROBLEM, new ProviderStatus("failed", "30032")),
                entry(FailureReason.UNKNOWN, new ProviderStatus("undelivered", "30008")));
    }

    @Override
    protected List<String> optOutWords() {
        return List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("START", "YES", "UNSTOP");
    }
}
