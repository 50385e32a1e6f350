package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Telnyx passes the provider contract: API v2 JSON events, signed with Ed25519 as {@link TelnyxWebhooks} signs. */
class TelnyxContractTest extends ProviderContractTest {

    private static final String INBOUND_URL = PUBLIC_BASE_URL + "/webhooks/telnyx/inbound";
    private static final String STATUS_URL = PUBLIC_BASE_URL + "/webhooks/telnyx/status";
    /** RFC 8032 TEST 2's public key: another account's. */
    private static final String OTHER_PUBLIC_KEY = Base64.getEncoder().encodeToString(
            HexFormat.of().parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Override
    protected ProviderMapping mapping() {
        return new TelnyxMapping(TelnyxWebhooks.PUBLIC_KEY, Duration.ofMinutes(5), CLOCK, REGION);
    }

    @Override
    protected ProviderMapping mappingWithOtherCredentials() {
        return new TelnyxMapping(OTHER_PUBLIC_KEY, Duration.ofMinutes(5), CLOCK, REGION);
    }

    @Override
    protected String newMessageId() {
        return TelnyxWebhooks.newMessageId();
    }

    private static ObjectNode inbound(InboundText text) {
        return TelnyxWebhooks.inbound(text.messageId(), text.from(), text.to(), text.body(), text.media(), text.segments());
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return TelnyxWebhooks.signed(INBOUND_URL, TelnyxWebhooks.bytes(inbound(text)), NOW.getEpochSecond() - 1);
    }

    /** Telnyx retries the same event, later, as attempt 2. */
    @Override
    protected ProviderCallback retriedInbound(InboundText text) {
        ObjectNode event = inbound(text);
        ((ObjectNode) event.get("meta")).put("attempt", 2);
        return TelnyxWebhooks.signed(INBOUND_URL, TelnyxWebhooks.bytes(event), NOW.getEpochSecond() + 4);
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        ObjectNode event = inbound(text);
        ((ObjectNode) event.get("data").get("payload")).remove("from");
        return TelnyxWebhooks.signed(INBOUND_URL, TelnyxWebhooks.bytes(event), NOW.getEpochSecond());
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        String event = List.of("queued", "sending", "sent").contains(report.status()) ? "message.sent" : "message.finalized";
        return TelnyxWebhooks.signed(STATUS_URL, TelnyxWebhooks.bytes(TelnyxWebhooks.status(event, report.messageId(),
                report.from(), report.to(), report.status(), report.errorCode())), NOW.getEpochSecond());
    }

    /** Telnyx does not sign the URL, only the timestamp and the body. */
    @Override
    protected boolean signsTheUrl() {
        return false;
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("queued", null, DeliveryStatus.QUEUED),
                new StatusWord("sending", null, DeliveryStatus.QUEUED),
                new StatusWord("sent", null, DeliveryStatus.SENT),
                new StatusWord("delivery_unconfirmed", null, DeliveryStatus.SENT),
                new StatusWord("delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("sending_failed", "40013", DeliveryStatus.FAILED),
                new StatusWord("delivery_failed", "40008", DeliveryStatus.UNDELIVERED),
                new StatusWord("expired", "40005", DeliveryStatus.UNDELIVERED));
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("queued", "sent", "delivered");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("queued", "sent", "delivery_failed");
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.ofEntries(
                entry(FailureReason.INVALID_SEND_PARAMETERS, new ProviderStatus("delivery_failed", "40012")),
                entry(FailureReason.UNREACHABLE_DESTINATION, new ProviderStatus("delivery_failed", "40001")),
                entry(FailureReason.BLOCKED_BY_CARRIER, new ProviderStatus("delivery_failed", "40002")),
                entry(FailureReason.RECIPIENT_OPTED_OUT, new ProviderStatus("sending_failed", "40300")),
                entry(FailureReason.PROVIDER_ACCOUNT_PROBLEM, new ProviderStatus("sending_failed", "40013")),
                entry(FailureReason.UNKNOWN, new ProviderStatus("expired", "40005")));
    }

    @Override
    protected List<String> optOutWords() {
        return List.of("stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("start", "unstop");
    }

    // --- Telnyx's own edge cases

    @Test
    void aCapturedCallbackReplayedSixMinutesLaterIsRefused() {
        ProviderCallback old = TelnyxWebhooks.signed(INBOUND_URL, TelnyxWebhooks.bytes(
                inbound(text(newMessageId(), "hello"))), NOW.minus(Duration.ofMinutes(6)).getEpochSecond());

        assertThat(mapping().verifier().isAuthentic(old)).isFalse();
    }

    @Test
    void aStatusEventPostedToTheInboundUrlIsRefusedAsMalformedNamingTheEvent() {
        ProviderCallback status = signedStatus(new StatusReport(newMessageId(), BUSINESS_NUMBER, CUSTOMER, "delivered", null));

        assertThatThrownBy(() -> mapping().inboundMessages(status, NOW))
                .isInstanceOf(MalformedCallbackException.class).hasMessageContaining("message.finalized");
    }

    @Test
    void aSignedBodyThatIsNotJsonIsMalformed() {
        byte[] body = "From=%2B15550100200".getBytes(StandardCharsets.UTF_8);
        ProviderCallback callback = new ProviderCallback(INBOUND_URL, TelnyxWebhooks.signed(INBOUND_URL, body,
                NOW.getEpochSecond()).headers(), "application/json", body);

        assertThat(mapping().verifier().isAuthentic(callback)).isTrue();
        assertThatThrownBy(() -> mapping().inboundMessages(callback, NOW))
                .isInstanceOf(MalformedCallbackException.class).hasMessageContaining("not JSON");
    }

    @Test
    void theMessageIdNotTheEventIdIsTheKeySoSentAndFinalizedNameTheSameText() {
        String id = newMessageId();
        ProviderCallback sent = signedStatus(new StatusReport(id, BUSINESS_NUMBER, CUSTOMER, "sent", null));
        ProviderCallback finalized = signedStatus(new StatusReport(id, BUSINESS_NUMBER, CUSTOMER, "delivered", null));

        assertThat(readOneReport(sent).providerMessageId()).isEqualTo(id);
        assertThat(readOneReport(finalized).providerMessageId()).isEqualTo(id);
    }
}
