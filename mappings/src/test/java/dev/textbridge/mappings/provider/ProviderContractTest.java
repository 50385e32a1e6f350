package dev.textbridge.mappings.provider;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.SegmentCount;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every SMS provider's {@link ProviderMapping} shows, whatever the provider's wire format. A provider's
 * test extends this class (in the provider's package, beside its own edge-case tests) and implements the hooks; the
 * kit then checks inbound texts, media, emoji, a 1,600-character text, every delivery status and failure reason,
 * reports arriving in any order, forged, replayed and malformed callbacks, and consent keywords and flags.
 *
 * <h2>What a new provider's test implements</h2>
 * <ul>
 *   <li>{@link #mapping()} and {@link #mappingWithOtherCredentials()}: the mapping configured with the secret (or
 *       public key) the hooks sign with, and one configured with another account's.</li>
 *   <li>{@link #signedInbound} and {@link #signedStatus}: the callback exactly as the provider sends it for a text or a
 *       delivery report (its real field names, content type, URL under {@link #PUBLIC_BASE_URL}), signed the way the
 *       provider signs, <b>computed in the test independently of the code under test</b> (own HMAC/Ed25519 code,
 *       checked against the provider's published vectors or its SDK where they exist).</li>
 *   <li>{@link #signedInboundWithoutSender}: a correctly signed inbound callback that lacks the sender.</li>
 *   <li>{@link #newMessageId()}: a fresh id in the provider's own format ({@code SM…}, a UUID, …).</li>
 *   <li>{@link #statusWords()}: the provider's table of status words (plus error code where needed) and the
 *       {@link DeliveryStatus} each means; {@link #deliveredJourney()} and {@link #failedJourney()}: the words a
 *       delivered and an undelivered text go through, in the provider's usual order.</li>
 *   <li>{@link #failureCodes()}: for every {@link FailureReason}, one status word and error code of the provider that
 *       means it (the kit fails if a reason is missing: every reason must be reachable from every provider).</li>
 *   <li>{@link #optOutWords()} / {@link #optInWords()}: the provider's own documented keywords.</li>
 * </ul>
 * Optional overrides say what the provider lacks or does differently: {@link #carriesMedia()},
 * {@link #reportsMediaContentType()}, {@link #reportsSegments()}, {@link #signsTheBody()}, {@link #signsTheUrl()}, {@link #unsigned}, {@link #retriedInbound},
 * {@link #signedInboundFlagged}.
 * <p>
 * Every callback is first checked with {@code mapping().verifier()}, as the connector does, before it is read.
 */
public abstract class ProviderContractTest {

    /** Where the connector is reachable; hooks build callback URLs as {@code PUBLIC_BASE_URL + "/webhooks/<provider>/…"}. */
    protected static final String PUBLIC_BASE_URL = "https://sms.example.com";
    /** The customer, in E.164; hooks write it the way the provider writes numbers (with or without {@code +}). */
    protected static final String CUSTOMER = "+15550100200";
    /** The business number that receives and sends. */
    protected static final String BUSINESS_NUMBER = "+15550100001";
    protected static final String REGION = "US";
    protected static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** An inbound text as the provider would describe it; the hook puts each part in the provider's own fields. */
    public record InboundText(String messageId, String from, String to, String body, List<MediaAttachment> media,
                              int segments) {
        public InboundText {
            media = List.copyOf(media);
        }
    }

    /**
     * A delivery report in the provider's own words.
     *
     * @param status    the provider's status word, e.g. {@code delivered}
     * @param errorCode the provider's error code, or null
     */
    public record StatusReport(String messageId, String from, String to, String status, String errorCode) {
    }

    /** One row of a provider's status table: its word (and error code, or null) and what it means. */
    public record StatusWord(String status, String errorCode, DeliveryStatus means) {
    }

    /** A provider's status word with an error code (or null), e.g. {@code undelivered} with {@code 30003}. */
    public record ProviderStatus(String status, String errorCode) {
    }

    // --- hooks

    /** The mapping under test, configured with the credentials the hooks sign with and region {@link #REGION}. */
    protected abstract ProviderMapping mapping();

    /** The same provider's mapping configured with another account's secret or key. */
    protected abstract ProviderMapping mappingWithOtherCredentials();

    /** The inbound-message callback the provider sends for {@code text}, signed as the provider signs it. */
    protected abstract ProviderCallback signedInbound(InboundText text);

    /** The status callback the provider sends for {@code report}, signed as the provider signs it. */
    protected abstract ProviderCallback signedStatus(StatusReport report);

    /** A correctly signed inbound callback for {@code text} with the sender left out. */
    protected abstract ProviderCallback signedInboundWithoutSender(InboundText text);

    /** A fresh message id in the provider's format. */
    protected abstract String newMessageId();

    /** Every status word of an outbound text the provider documents, and what each means. */
    protected abstract List<StatusWord> statusWords();

    /** The status words of a text that is delivered, in the order the provider usually reports them. */
    protected abstract List<String> deliveredJourney();

    /** The status words of a text that is not delivered, the failing one last; its error code comes from {@link #failureCodes()}. */
    protected abstract List<String> failedJourney();

    /** For every failure reason, a status word and error code of the provider that mean it. */
    protected abstract Map<FailureReason, ProviderStatus> failureCodes();

    /** The provider's own documented opt-out keywords (any case as documented). */
    protected abstract List<String> optOutWords();

    /** The provider's own documented opt-in keywords. */
    protected abstract List<String> optInWords();

    /** Whether the provider delivers MMS media in its inbound callbacks. */
    protected boolean carriesMedia() {
        return true;
    }

    /** Whether the inbound callback gives each media item's content type (else the model has none). */
    protected boolean reportsMediaContentType() {
        return true;
    }

    /** Whether the inbound callback says how many parts the text came in; when not, the model says 1. */
    protected boolean reportsSegments() {
        return true;
    }

    /** Whether the signature covers the body, so a changed body is a forgery (false where a URL secret is all there is). */
    protected boolean signsTheBody() {
        return true;
    }

    /** Whether the signature covers the URL called, so a callback replayed to another URL is a forgery. */
    protected boolean signsTheUrl() {
        return true;
    }

    /** Whether a long text arrives in one callback; false where the provider posts each part on its own. */
    protected boolean deliversLongTextsWhole() {
        return true;
    }

    /**
     * The statuses the provider's callbacks report besides a failure; a provider whose first callback comes after the
     * carrier took the text (no queued word) or only at the end names fewer.
     */
    protected Set<DeliveryStatus> reportedStatuses() {
        return EnumSet.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    /**
     * The failure reasons the provider's callbacks can express; one whose failed reports carry no code (or no code
     * for some reasons) names fewer, and {@link #failureCodes()} must then leave the others out.
     */
    protected Set<FailureReason> reportedFailureReasons() {
        return EnumSet.allOf(FailureReason.class);
    }

    /** The callback with its proof of origin removed; by default without any header. */
    protected ProviderCallback unsigned(ProviderCallback signed) {
        return new ProviderCallback(signed.publicUrl(), Map.of(), signed.contentType(), signed.body());
    }

    /** The callback the provider sends again for the same text when our answer did not reach it (a retry). */
    protected ProviderCallback retriedInbound(InboundText text) {
        return signedInbound(text);
    }

    /** An inbound callback carrying the provider's own consent flag, or empty when the provider has none. */
    protected Optional<ProviderCallback> signedInboundFlagged(InboundText text, ConsentKeyword flag) {
        return Optional.empty();
    }

    // --- helpers for subclasses

    protected static InboundText text(String messageId, String body) {
        return new InboundText(messageId, CUSTOMER, BUSINESS_NUMBER, body, List.of(), SegmentCount.of(body).segments());
    }

    protected final InboundMessage readOneInbound(ProviderCallback callback) {
        assertThat(mapping().verifier().isAuthentic(callback)).as("the provider's signature verifies").isTrue();
        List<InboundMessage> messages = mapping().inboundMessages(callback, NOW);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    protected final DeliveryReport readOneReport(ProviderCallback callback) {
        assertThat(mapping().verifier().isAuthentic(callback)).as("the provider's signature verifies").isTrue();
        List<DeliveryReport> reports = mapping().deliveryReports(callback, NOW);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private DeliveryReport report(String messageId, String status, String errorCode) {
        return readOneReport(signedStatus(new StatusReport(messageId, BUSINESS_NUMBER, CUSTOMER, status, errorCode)));
    }

    // --- inbound texts

    @Test
    void anInboundTextBecomesOneMessageFromTheCustomerToTheBusinessNumber() {
        String id = newMessageId();
        InboundMessage message = readOneInbound(signedInbound(text(id, "Is the renewal still on for Tuesday?")));

        assertThat(message.provider()).isEqualTo(mapping().provider());
        assertThat(message.providerMessageId()).isEqualTo(id);
        assertThat(message.from().value()).isEqualTo(CUSTOMER);
        assertThat(message.to().value()).isEqualTo(BUSINESS_NUMBER);
        assertThat(message.body()).isEqualTo("Is the renewal still on for Tuesday?");
        assertThat(message.media()).isEmpty();
        assertThat(message.segments()).isEqualTo(1);
        assertThat(message.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void aBodyWithEmojiQuotesAndAmpersandsArrivesExactlyAsSent() {
        String body = "On my way 🚗💨 — \"Tuesday 3pm\" 100% & more+ 👍🏽";
        InboundMessage message = readOneInbound(signedInbound(text(newMessageId(), body)));

        assertThat(message.body()).isEqualTo(body);
        assertThat(message.segments()).isEqualTo(reportsSegments() ? SegmentCount.of(body).segments() : 1);
    }

    @Test
    void aConcatenatedTextOf1600CharactersArrivesWholeWithItsPartCount() {
        assumeTrue(deliversLongTextsWhole(), "the provider posts each part of a long text on its own");
        String body = "Renewal terms, part by part. ".repeat(56).substring(0, 1600);
        InboundText text = text(newMessageId(), body);
        InboundMessage message = readOneInbound(signedInbound(text));

        assertThat(message.body()).hasSize(1600).isEqualTo(body);
        assertThat(message.segments()).isEqualTo(reportsSegments() ? 11 : 1);
    }

    @Test
    void aPhotoWithACaptionArrivesWithItsMediaInOrder() {
        assumeTrue(carriesMedia(), "the provider delivers no media");
        List<MediaAttachment> media = List.of(
                new MediaAttachment("https://media.example.net/" + mapping().provider() + "/dent-1.jpg", "image/jpeg"),
                new MediaAttachment("https://media.example.net/" + mapping().provider() + "/dent-2.png", "image/png"));
        InboundText text = new InboundText(newMessageId(), CUSTOMER, BUSINESS_NUMBER, "Here's the dent 📷", media, 1);

        InboundMessage message = readOneInbound(signedInbound(text));

        assertThat(message.body()).isEqualTo("Here's the dent 📷");
        assertThat(message.media()).containsExactlyElementsOf(reportsMediaContentType() ? media
                : media.stream().map(item -> new MediaAttachment(item.url(), null)).toList());
    }

    @Test
    void aSignedInboundCallbackWithoutTheSenderIsRefusedAsMalformedWithAReason() {
        ProviderCallback callback = signedInboundWithoutSender(text(newMessageId(), "hello"));

        assertThat(mapping().verifier().isAuthentic(callback)).isTrue();
        assertThatThrownBy(() -> mapping().inboundMessages(callback, NOW))
                .isInstanceOf(MalformedCallbackException.class)
                .hasMessageContaining("missing");
    }

    // --- forged and replayed

    @Test
    void aCallbackSignedWithAnotherAccountsSecretIsForged() {
        assertThat(mappingWithOtherCredentials().verifier().isAuthentic(signedInbound(text(newMessageId(), "hello"))))
                .isFalse();
        assertThat(mappingWithOtherCredentials().verifier().isAuthentic(
                signedStatus(new StatusReport(newMessageId(), BUSINESS_NUMBER, CUSTOMER, deliveredJourney().get(0), null))))
                .isFalse();
    }

    @Test
    void aCallbackWithoutItsSignatureIsForged() {
        assertThat(mapping().verifier().isAuthentic(unsigned(signedInbound(text(newMessageId(), "hello"))))).isFalse();
    }

    @Test
    void aCallbackWhoseBodyWasChangedAfterSigningIsForged() {
        assumeTrue(signsTheBody(), "the provider does not sign the body");
        String id = newMessageId();
        ProviderCallback signed = signedInbound(text(id, "pay the invoice to account 1234"));
        String changed = new String(signed.body(), StandardCharsets.UTF_8).replace("1234", "6666");
        assertThat(changed).as("the test changed the body").isNotEqualTo(new String(signed.body(), StandardCharsets.UTF_8));

        ProviderCallback tampered = new ProviderCallback(signed.publicUrl(), signed.headers(), signed.contentType(),
                changed.getBytes(StandardCharsets.UTF_8));

        assertThat(mapping().verifier().isAuthentic(tampered)).isFalse();
    }

    @Test
    void aCallbackSignedForAnotherUrlIsForged() {
        ProviderCallback signed = signedInbound(text(newMessageId(), "hello"));
        ProviderCallback moved = new ProviderCallback(signed.publicUrl().replace(PUBLIC_BASE_URL, "https://evil.example.com"),
                signed.headers(), signed.contentType(), signed.body());
        assumeTrue(signsTheUrl(), "the provider does not sign the URL");
        assertThat(moved.publicUrl()).as("the hook builds URLs under PUBLIC_BASE_URL").isNotEqualTo(signed.publicUrl());

        assertThat(mapping().verifier().isAuthentic(moved)).isFalse();
    }

    @Test
    void aRetriedCallbackCarriesTheSameProviderMessageIdSoTheInboxDropsIt() {
        InboundText text = text(newMessageId(), "hello again");

        InboundMessage first = readOneInbound(signedInbound(text));
        InboundMessage retried = readOneInbound(retriedInbound(text));
        InboundMessage another = readOneInbound(signedInbound(text(newMessageId(), "hello again")));

        assertThat(List.of(retried.provider(), retried.providerMessageId()))
                .isEqualTo(List.of(first.provider(), first.providerMessageId()));
        assertThat(another.providerMessageId()).isNotEqualTo(first.providerMessageId());
    }

    // --- delivery reports

    @TestFactory
    Stream<DynamicTest> eachStatusWordOfTheProviderMeansOneDeliveryStatus() {
        return statusWords().stream().map(row -> DynamicTest.dynamicTest(
                "'" + row.status() + "'" + (row.errorCode() == null ? "" : " with code " + row.errorCode())
                        + " means " + row.means(), () -> {
                    String id = newMessageId();
                    DeliveryReport report = report(id, row.status(), row.errorCode());
                    assertThat(report.provider()).isEqualTo(mapping().provider());
                    assertThat(report.providerMessageId()).isEqualTo(id);
                    assertThat(report.status()).isEqualTo(row.means());
                    assertThat(report.reportedAt()).isEqualTo(NOW);
                    if (row.means() == DeliveryStatus.FAILED || row.means() == DeliveryStatus.UNDELIVERED) {
                        assertThat(report.failureReason()).as("a failed report always has a reason").isNotNull();
                    } else {
                        assertThat(report.failureReason()).as("only failed reports have a reason").isNull();
                    }
                }));
    }

    @Test
    void theStatusTableCoversEveryDeliveryStatusATextCanReach() {
        assertThat(statusWords()).extracting(StatusWord::means)
                .containsAll(reportedStatuses())
                .containsAnyOf(DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED);
    }

    @TestFactory
    Stream<DynamicTest> eachFailureReasonComesFromTheProvidersOwnCode() {
        assertThat(failureCodes().keySet()).as("failure codes only for the reasons the provider reports")
                .isSubsetOf(reportedFailureReasons());
        return reportedFailureReasons().stream().map(reason -> DynamicTest.dynamicTest(
                "a failed report " + failureCodes().get(reason) + " reads \"" + reason.text() + "\"", () -> {
                    ProviderStatus code = failureCodes().get(reason);
                    assertThat(code).as("the provider's code for " + reason).isNotNull();
                    DeliveryReport report = report(newMessageId(), code.status(), code.errorCode());
                    assertThat(report.status()).isIn(DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED);
                    assertThat(report.failureReason()).isEqualTo(reason);
                    assertThat(report.providerErrorCode()).isEqualTo(code.errorCode());
                }));
    }

    @TestFactory
    Stream<DynamicTest> deliveryReportsInAnyOrderEndOnTheFurthestStatus() {
        ProviderStatus failing = failureCodes().containsKey(FailureReason.UNREACHABLE_DESTINATION)
                ? failureCodes().get(FailureReason.UNREACHABLE_DESTINATION) : failureCodes().values().iterator().next();
        List<ProviderStatus> delivered = deliveredJourney().stream().map(word -> new ProviderStatus(word, null)).toList();
        List<ProviderStatus> failed = new ArrayList<>(failedJourney().stream().map(word -> new ProviderStatus(word, null)).toList());
        failed.set(failed.size() - 1, new ProviderStatus(failed.get(failed.size() - 1).status(), failing.errorCode()));
        return Stream.of(delivered, failed).flatMap(journey -> permutations(journey).stream()
                .map(order -> DynamicTest.dynamicTest("reports arriving as " + order.stream().map(ProviderStatus::status).toList(), () -> {
                    String id = newMessageId();
                    DeliveryStatus recorded = null;
                    for (ProviderStatus step : order) {
                        DeliveryStatus reported = report(id, step.status(), step.errorCode()).status();
                        if (recorded == null || recorded.canAdvanceTo(reported)) {
                            recorded = reported;
                        }
                    }
                    ProviderStatus last = journey.get(journey.size() - 1);
                    assertThat(recorded).isEqualTo(report(id, last.status(), last.errorCode()).status());
                    assertThat(recorded.isTerminal()).as("the journey ends on a final status").isTrue();
                })));
    }

    // --- consent

    @TestFactory
    Stream<DynamicTest> theProvidersOwnOptOutAndOptInWordsAreConsentKeywords() {
        Stream<DynamicTest> out = optOutWords().stream().flatMap(word -> Stream.of(word, word.toUpperCase(), " " + word.toLowerCase() + " "))
                .map(word -> DynamicTest.dynamicTest("'" + word + "' opts out", () ->
                        assertThat(mapping().consentKeyword(word)).contains(ConsentKeyword.OPT_OUT)));
        Stream<DynamicTest> in = optInWords().stream().flatMap(word -> Stream.of(word, word.toUpperCase()))
                .map(word -> DynamicTest.dynamicTest("'" + word + "' opts back in", () ->
                        assertThat(mapping().consentKeyword(word)).contains(ConsentKeyword.OPT_IN)));
        Stream<DynamicTest> plain = Stream.of("stop calling me at night", "Start the project Monday")
                .map(body -> DynamicTest.dynamicTest("'" + body + "' is an ordinary text", () ->
                        assertThat(mapping().consentKeyword(body)).isEmpty()));
        return Stream.concat(Stream.concat(out, in), plain);
    }

    @TestFactory
    Stream<DynamicTest> theProvidersConsentFlagMapsToTheSameConsentModel() {
        return Stream.of(ConsentKeyword.OPT_OUT, ConsentKeyword.OPT_IN, ConsentKeyword.HELP)
                .map(flag -> DynamicTest.dynamicTest("the provider's " + flag + " flag", () -> {
                    Optional<ProviderCallback> flagged = signedInboundFlagged(text(newMessageId(), "PLEASE NO MORE"), flag);
                    assumeTrue(flagged.isPresent(), "the provider sends no consent flag of this kind");
                    readOneInbound(flagged.get());
                    assertThat(mapping().consentFlag(flagged.get())).contains(flag);
                }));
    }

    @Test
    void anOrdinaryTextCarriesNoConsentFlag() {
        assertThat(mapping().consentFlag(signedInbound(text(newMessageId(), "see you then")))).isEmpty();
    }

    private static <T> List<List<T>> permutations(List<T> words) {
        if (words.size() <= 1) {
            return List.of(List.copyOf(words));
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            List<T> rest = new ArrayList<>(words);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                if (!all.contains(order)) {
                    all.add(order);
                }
            }
        }
        return all;
    }
}
