package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderContractTest;
import dev.textbridge.mappings.provider.ProviderMapping;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Plivo passes the provider contract: form posts as Plivo sends them, V3-signed as {@link PlivoCallbacks} signs. */
class PlivoContractTest extends ProviderContractTest {

    private static final String INBOUND_URL = PUBLIC_BASE_URL + "/webhooks/plivo/inbound";
    private static final String STATUS_URL = PUBLIC_BASE_URL + "/webhooks/plivo/status";

    @Override
    protected ProviderMapping mapping() {
        return new PlivoMapping(PlivoCallbacks.AUTH_TOKEN, REGION);
    }

    @Override
    protected ProviderMapping mappingWithOtherCredentials() {
        return new PlivoMapping("ZDk0NzY3ZmM5OWE5MTc1OWFjNzQ0ZWM4ZDQ3MGFh", REGION);
    }

    @Override
    protected String newMessageId() {
        return PlivoCallbacks.newMessageUuid();
    }

    private static Map<String, String> inbound(InboundText text) {
        return PlivoCallbacks.inbound(text.messageId(), text.from(), text.to(), text.body(), text.media(), text.segments());
    }

    @Override
    protected ProviderCallback signedInbound(InboundText text) {
        return PlivoCallbacks.signed(INBOUND_URL, inbound(text), PlivoCallbacks.AUTH_TOKEN);
    }

    @Override
    protected ProviderCallback signedInboundWithoutSender(InboundText text) {
        Map<String, String> fields = inbound(text);
        fields.remove("From");
        return PlivoCallbacks.signed(INBOUND_URL, fields, PlivoCallbacks.AUTH_TOKEN);
    }

    @Override
    protected Optional<ProviderCallback> signedInboundFlagged(InboundText text, ConsentKeyword flag) {
        Map<String, String> fields = inbound(text);
        fields.put("MessageIntent", switch (flag) {
            case OPT_OUT -> "optout";
            case OPT_IN -> "optin";
            case HELP -> "help";
        });
        return Optional.of(PlivoCallbacks.signed(INBOUND_URL, fields, PlivoCallbacks.AUTH_TOKEN));
    }

    @Override
    protected ProviderCallback signedStatus(StatusReport report) {
        return PlivoCallbacks.signed(STATUS_URL, PlivoCallbacks.status(report.messageId(), report.from(), report.to(),
                report.status(), report.errorCode()), PlivoCallbacks.AUTH_TOKEN);
    }

    @Override
    protected boolean reportsMediaContentType() {
        return false;
    }

    @Override
    protected List<StatusWord> statusWords() {
        return List.of(
                new StatusWord("queued", null, DeliveryStatus.QUEUED),
                new StatusWord("sent", null, DeliveryStatus.SENT),
                new StatusWord("delivered", null, DeliveryStatus.DELIVERED),
                new StatusWord("undelivered", "70", DeliveryStatus.UNDELIVERED),
                new StatusWord("failed", "900", DeliveryStatus.FAILED),
                new StatusWord("rejected", null, DeliveryStatus.FAILED),
                new StatusWord("read", null, DeliveryStatus.READ));
    }

    @Override
    protected List<String> deliveredJourney() {
        return List.of("queued", "sent", "delivered");
    }

    @Override
    protected List<String> failedJourney() {
        return List.of("queued", "sent", "undelivered");
    }

    @Override
    protected Map<FailureReason, ProviderStatus> failureCodes() {
        return Map.ofEntries(
                entry(FailureReason.INVALID_SEND_PARAMETERS, new ProviderStatus("failed", "50")),
                entry(FailureReason.UNREACHABLE_DESTINATION, new ProviderStatus("undelivered", "70")),
                entry(FailureReason.BLOCKED_BY_CARRIER, new ProviderStatus("undelivered", "30")),
                entry(FailureReason.RECIPIENT_OPTED_OUT, new ProviderStatus("failed", "200")),
                entry(FailureReason.PROVIDER_ACCOUNT_PROBLEM, new ProviderStatus("failed", "900")),
                entry(FailureReason.UNKNOWN, new ProviderStatus("undelivered", "1000")));
    }

    @Override
    protected List<String> optOutWords() {
        return List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    }

    @Override
    protected List<String> optInWords() {
        return List.of("START", "YES", "UNSTOP");
    }

    // --- Plivo's own edge cases

    @Test
    void aSignatureListWithOneMatchingTokenVerifies() {
        Map<String, String> fields = PlivoCallbacks.inbound(newMessageId(), CUSTOMER, BUSINESS_NUMBER, "hi", List.of(), 1);
        String nonce = PlivoCallbacks.newNonce();
        String ours = PlivoCallbacks.signature(INBOUND_URL, fields, nonce, PlivoCallbacks.AUTH_TOKEN);
        String rotated = PlivoCallbacks.signature(INBOUND_URL, fields, nonce, "ZDk0NzY3ZmM5OWE5MTc1OWFjNzQ0ZWM4ZDQ3MGFh");
        ProviderCallback callback = new ProviderCallback(INBOUND_URL, PlivoCallbacks.headers(rotated + "," + ours, nonce),
                "application/x-www-form-urlencoded", PlivoCallbacks.formEncode(fields).getBytes(StandardCharsets.UTF_8));

        assertThat(mapping().verifier().isAuthentic(callback)).isTrue();
    }

    @Test
    void aCallbackUrlWithAQueryIsSignedOverTheSortedQueryThenTheBody() {
        String url = INBOUND_URL + "?tenant=acme&app=crm%20sms";
        ProviderCallback callback = PlivoCallbacks.signed(url,
                PlivoCallbacks.inbound(newMessageId(), CUSTOMER, BUSINESS_NUMBER, "hi", List.of(), 1), PlivoCallbacks.AUTH_TOKEN);

        assertThat(mapping().verifier().isAuthentic(callback)).isTrue();
        assertThat(mapping().verifier().isAuthentic(new ProviderCallback(INBOUND_URL + "?tenant=other&app=crm%20sms",
                callback.headers(), callback.contentType(), callback.body()))).isFalse();
    }

    @Test
    void aNonceChangedAfterSigningIsForged() {
        ProviderCallback signed = signedInbound(text(newMessageId(), "hi"));
        ProviderCallback otherNonce = new ProviderCallback(signed.publicUrl(), PlivoCallbacks.headers(
                signed.header("x-plivo-signature-v3"), PlivoCallbacks.newNonce()), signed.contentType(), signed.body());

        assertThat(mapping().verifier().isAuthentic(otherNonce)).isFalse();
    }

    @Test
    void numbersWithoutPlusAreReadAsE164AndShortCodesStayShortCodes() {
        assertThat(readOneInbound(signedInbound(new InboundText(newMessageId(), "+447700900123", BUSINESS_NUMBER, "hi",
                List.of(), 1))).from().value()).isEqualTo("+447700900123");
        assertThat(readOneInbound(signedInbound(new InboundText(newMessageId(), "87654", BUSINESS_NUMBER, "hi",
                List.of(), 1))).from().value()).isEqualTo("87654");
    }
}
