package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Vonage passes the provider contract for an account whose webhooks use the SMS API format: form posts signed with
 * {@code sig} (SHA-256 HMAC here), delivery receipts keyed by the {@code client-ref} the connector sends with.
 */
class VonageSmsApiContractTest extends ProviderContractTest {

    private static final String INBOUND_URL = PUBLIC_BASE_URL + "/webhooks/vonage/inbound";
    private static final String STATUS_URL = PUBLIC_BASE_URL + "/webhooks/vonage/status";
    private static long sequence = 0x0A00000012340000L;

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
        return String.format("%016X", ++sequence);
    }

    private static Map<String, String> inbound(InboundText text) {
        Map<String, String> params = new LinkedHashMap<>(VonageWebhooks.inboundSms(text.messageId(), text.body()));
        params.put("msisdn", text.from().substring(1));
        params.put("to", text.to().substring(1));
        return params;
    }

    private static ProviderCallback signedForm(String url, Map<String, String> params) {
        return VonageWebhooks.postForm(url, VonageWebhooks.signed(params, VonageWebhooks.SECRET, "sha256", NOW));
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return signedForm(INBOUND_URL, inbound(text));
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        Map<String, String> params = inbound(text);
        params.remove("msisdn");
        return signedForm(INBOUND_URL, params);
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        return signedForm(STATUS_URL, VonageWebhooks.deliveryReceipt(newMessageId(), report.messageId(), report.status(),
                report.errorCode() == null ? "0" : report.errorCode()));
    }

    /** The signature travels in the parameters: without {@code sig} and {@code timestamp} nothing vouches for them. */
    @Override
    protected ProviderCallback unsigned(ProviderCallback signed) {
        String body = new String(signed.body(), StandardCharsets.UTF_8)
                .replaceAll("&?sig=[^&]*", "").replaceAll("&?timestamp=[^&]*", "");
        return new ProviderCallback(signed.publicUrl(), Map.of(), signed.contentType(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("accepted", null, DeliveryStatus.SENT),
                new StatusWord("buffered", null, DeliveryStatus.SENT),
                new StatusWord("unknown", null, DeliveryStatus.SENT),
                new StatusWord("delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("expired", "1", DeliveryStatus.UNDELIVERED),
                new StatusWord("failed", "2", DeliveryStatus.UNDELIVERED),
                new StatusWord("rejected", "6", DeliveryStatus.FAILED));
    }

    @Override
    protected Set<DeliveryStatus> reportedStatuses() {
        return EnumSet.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("accepted", "buffered", "delivered");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("accepted", "failed");
    }

    /** A delivery receipt's err-codes say nothing about the sending account; the send answer does (status 8, 9). */
    @Override
    protected Set<FailureReason> reportedFailureReasons() {
        return EnumSet.complementOf(EnumSet.of(FailureReason.PROVIDER_ACCOUNT_PROBLEM));
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.ofEntries(
                entry(FailureReason.INVALID_SEND_PARAMETERS, new ProviderStatus("failed", "10")),
                entry(FailureReason.UNREACHABLE_DESTINATION, new ProviderStatus("failed", "2")),
                entry(FailureReason.BLOCKED_BY_CARRIER, new ProviderStatus("rejected", "6")),
                entry(FailureReason.RECIPIENT_OPTED_OUT, new ProviderStatus("failed", "9")),
                entry(FailureReason.UNKNOWN, new ProviderStatus("expired", "1")));
    }

    @Override
    protected boolean carriesMedia() {
        return false;
    }

    /** The SMS API posts each part of a long text on its own ({@code concat-part} of {@code concat-total}). */
    @Override
    protected boolean deliversLongTextsWhole() {
        return false;
    }

    @Override
    protected boolean reportsSegments() {
        return false;
    }

    /** {@code sig} covers the parameters, not the URL. */
    @Override
    protected boolean signsTheUrl() {
        return false;
    }

    @Override
    protected List<String> optOutWords() {
        return List.of("STOP", "END", "CANCEL", "UNSUBSCRIBE", "QUIT");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("START");
    }
}
