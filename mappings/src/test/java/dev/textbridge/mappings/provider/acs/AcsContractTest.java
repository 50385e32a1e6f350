package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * ACS passes the provider contract: Event Grid arrays as Microsoft documents them, at the one events URL carrying the
 * subscription's secret.
 */
class AcsContractTest extends ProviderContractTest {

    private static final String EVENTS_URL = PUBLIC_BASE_URL + "/webhooks/acs/events?secret=" + AcsPayloads.SECRET;

    @Override
    protected ProviderMapping mapping() {
        return new AcsMapping(AcsPayloads.SECRET, REGION);
    }

    @Override
    protected ProviderMapping mappingWithOtherCredentials() {
        return new AcsMapping("another-subscriptions-secret", REGION);
    }

    @Override
    protected String newMessageId() {
        return "Incoming_20261125100000" + UUID.randomUUID();
    }

    private static ProviderCallback delivered(String event) {
        return new ProviderCallback(EVENTS_URL, Map.of("aeg-event-type", List.of("Notification")), "application/json",
                AcsPayloads.array(event).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return delivered(AcsPayloads.smsReceived(text.messageId(), text.from(), text.to(), text.body(), text.segments()));
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        return delivered(AcsPayloads.smsReceived(text.messageId(), text.from(), text.to(), text.body(), text.segments())
                .replace("\"from\":\"" + text.from() + "\",", ""));
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        return delivered(AcsPayloads.deliveryReport(report.messageId(), report.from(), report.to(), report.status(),
                report.status().equals("Delivered") ? "No error." : "Message failed to be delivered."));
    }

    /** The secret is in the query: the same call without it. */
    @Override
    protected ProviderCallback unsigned(ProviderCallback signed) {
        return new ProviderCallback(signed.publicUrl().substring(0, signed.publicUrl().indexOf('?')), signed.headers(),
                signed.contentType(), signed.body());
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("Delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("Failed", null, DeliveryStatus.UNDELIVERED));
    }

    /** ACS reports only the end: delivered or failed. */
    @Override
    protected Set<DeliveryStatus> reportedStatuses() {
        return EnumSet.of(DeliveryStatus.DELIVERED);
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("Delivered");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("Failed");
    }

    /** A failed ACS report carries no code, only text for people; the send answer's status codes carry the rest. */
    @Override
    protected Set<FailureReason> reportedFailureReasons() {
        return EnumSet.of(FailureReason.UNKNOWN);
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.of(FailureReason.UNKNOWN, new ProviderStatus("Failed", null));
    }

    @Override
    protected boolean carriesMedia() {
        return false;
    }

    /** Event Grid signs nothing: the URL's secret says who calls, not what the body or the host is. */
    @Override
    protected boolean signsTheBody() {
        return false;
    }

    @Override
    protected boolean signsTheUrl() {
        return false;
    }

    /** ACS's standard opt-out handling answers these (toll-free and 10DLC numbers). */
    @Override
    protected List<String> optOutWords() {
        return List.of("STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("START", "UNSTOP");
    }
}
