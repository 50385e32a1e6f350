package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Map.entry;

/**
 * Vonage passes the provider contract for an account whose webhooks use the Messages API format: JSON bodies with a
 * JWT signed HS256, long texts whole, status webhooks keyed by the {@code client_ref} the connector sends with.
 */
class VonageMessagesApiContractTest extends ProviderContractTest {

    private static final String INBOUND_URL = PUBLIC_BASE_URL + "/webhooks/vonage/inbound";
    private static final String STATUS_URL = PUBLIC_BASE_URL + "/webhooks/vonage/status";

    @Override
    protected ProviderMapping mapping() {
        return new VonageMapping(VonageWebhooks.SECRET, VonageSignatureMethod.SHA256_HMAC, VonageWebhooks.API_KEY,
                REGION, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    protected ProviderMapping mappingWithOtherCredentials() {
        return new VonageMapping("another-accounts-signature-secret", VonageSignatureMethod.SHA256_HMAC, null, REGION,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    protected String newMessageId() {
        return UUID.randomUUID().toString();
    }

    private static String inboundJson(InboundText text, boolean withSender) {
        return "{\"channel\":\"sms\",\"message_uuid\":\"" + text.messageId() + "\",\"to\":\"" + text.to().substring(1) + "\","
                + (withSender ? "\"from\":\"" + text.from().substring(1) + "\"," : "")
                + "\"timestamp\":\"2026-11-25T09:59:58Z\",\"text\":" + VonageWebhooks.quote(text.body())
                + ",\"message_type\":\"text\",\"sms\":{\"num_messages\":\"" + text.segments() + "\"},"
                + "\"usage\":{\"currency\":\"EUR\",\"price\":\"0.0057\"},\"context_status\":\"none\"}";
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return VonageWebhooks.messagesApi(INBOUND_URL, inboundJson(text, true), VonageWebhooks.SECRET, NOW);
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        return VonageWebhooks.messagesApi(INBOUND_URL, inboundJson(text, false), VonageWebhooks.SECRET, NOW);
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        String body = VonageWebhooks.messagesStatus(UUID.randomUUID().toString(), report.messageId(), report.status(),
                report.errorCode());
        return VonageWebhooks.messagesApi(STATUS_URL, body, VonageWebhooks.SECRET, NOW);
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("submitted", null, DeliveryStatus.SENT),
                new StatusWord("delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("rejected", "1020", DeliveryStatus.FAILED),
                new StatusWord("undeliverable", "1050", DeliveryStatus.UNDELIVERED),
                new StatusWord("read", null, DeliveryStatus.READ));
    }

    @Override
    protected Set<DeliveryStatus> reportedStatuses() {
        return EnumSet.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("submitted", "delivered", "read");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("submitted", "undeliverable");
    }

    /** The Messages API's error list has no code for an unreachable handset or an opted-out recipient. */
    @Override
    protected Set<FailureReason> reportedFailureReasons() {
        return EnumSet.of(FailureReason.INVALID_SEND_PARAMETERS, FailureReason.BLOCKED_BY_CARRIER,
                FailureReason.PROVIDER_ACCOUNT_PROBLEM, FailureReason.UNKNOWN);
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.ofEntries(
                entry(FailureReason.INVALID_SEND_PARAMETERS, new ProviderStatus("rejected", "1020")),
                entry(FailureReason.BLOCKED_BY_CARRIER, new ProviderStatus("undeliverable", "1050")),
                entry(FailureReason.PROVIDER_ACCOUNT_PROBLEM, new ProviderStatus("rejected", "1060")),
                entry(FailureReason.UNKNOWN, new ProviderStatus("undeliverable", "1030")));
    }

    /** The Messages API carries one image, video or file per message, not a list. */
    @Override
    protected boolean carriesMedia() {
        return false;
    }

    /** The JWT covers the body, not the URL. */
    @Override
    protected boolean signsTheUrl() {
        return false;
    }

    /** Vonage's US opt-out words are the CTIA standard ones. */
    @Override
    protected List<String> optOutWords() {
        return List.of("STOP", "END", "CANCEL", "UNSUBSCRIBE", "QUIT");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("START");
    }
}
