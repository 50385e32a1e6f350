package dev.textbridge.connector.webhook;

import dev.textbridge.connector.config.TextbridgeProperties;
import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.inbox.GroupCommitter;
import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/{provider}/inbound|status|events} (inbound and status also as GET): reads the body (within the size limit), checks the provider's
 * signature against the public URL the provider called, parses, and commits the result to the inbox before it
 * answers. Forged: 403, malformed: 400, too large: 413; in each case nothing is stored. A consent flag the provider
 * set on an inbound callback is recorded before the answer as well.
 */
@RestController
public class WebhookEndpoint {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final Map<String, ProviderWebhook> providers;
    private final GroupCommitter<InboundMessage> texts;
    private final GroupCommitter<DeliveryReport> reports;
    private final ConsentStore consent;
    private final String publicBaseUrl;
    private final int maxBodyBytes;
    private final Clock clock;
    private final MeterRegistry meters;

    public WebhookEndpoint(List<ProviderWebhook> providers, GroupCommitter<InboundMessage> texts,
                           GroupCommitter<DeliveryReport> reports,
                           ConsentStore consent, TextbridgeProperties properties, Clock clock, MeterRegistry meters) {
        this.consent = consent;
        this.providers = providers.stream().collect(Collectors.toMap(ProviderWebhook::provider, Function.identity()));
        this.texts = texts;
        this.reports = reports;
        String base = properties.publicBaseUrl() == null ? "" : properties.publicBaseUrl().strip();
        this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.maxBodyBytes = (int) properties.webhooks().maxBodySize().toBytes();
        this.clock = clock;
        this.meters = meters;
    }

    // GET too: Vonage (and Twilio) can be set to call with the parameters in the query string.
    @RequestMapping(path = "/webhooks/{provider}/inbound", method = {RequestMethod.POST, RequestMethod.GET})
    public Mono<ResponseEntity<String>> inbound(@PathVariable String provider, ServerHttpRequest request) {
        return receive(provider, "inbound", request, (webhook, callback, now) -> storeTexts(provider,
                webhook.mapping().inboundMessages(callback, now), webhook.mapping().consentFlag(callback))
                .thenReturn(webhook.acknowledgement()));
    }

    @RequestMapping(path = "/webhooks/{provider}/status", method = {RequestMethod.POST, RequestMethod.GET})
    public Mono<ResponseEntity<String>> status(@PathVariable String provider, ServerHttpRequest request) {
        return receive(provider, "status", request, (webhook, callback, now) ->
                storeReports(provider, webhook.mapping().deliveryReports(callback, now))
                        .thenReturn(webhook.acknowledgement()));
    }

    /**
     * Commits texts in a group with the texts arriving at the same moment; completes once that commit succeeded. A
     * consent flag the provider set on the callback is recorded first: it is on the callback only, and a retried
     * callback records it again, which changes nothing.
     */
    private Mono<Void> storeTexts(String provider, List<InboundMessage> messages, Optional<ConsentKeyword> flag) {
        Mono<Void> flagged = flag.isEmpty() ? Mono.empty()
                : Mono.<Void>fromRunnable(() -> messages.forEach(message -> consent.record(message, flag.get())))
                .subscribeOn(Schedulers.boundedElastic());
        return flagged.then(commit(texts, messages, (message, stored) -> {
            log.debug("Inbound text {} from {} to {} {}", message.providerMessageId(), message.from(), message.to(),
                    stored ? "stored" : "was already stored");
            count(provider, "inbound", stored);
        }));
    }

    private Mono<Void> storeReports(String provider, List<DeliveryReport> delivered) {
        return commit(reports, delivered, (report, stored) -> count(provider, "status", stored));
    }

    /** Submits each item to its group commit; completes once every commit holding one of them succeeded. */
    private static <T> Mono<Void> commit(GroupCommitter<T> committer, List<T> items, BiConsumer<T, Boolean> committed) {
        List<Mono<Boolean>> commits = new ArrayList<>();
        for (T item : items) {
            // Off the committer's one thread at once: it completes a whole group and should get back to work.
            commits.add(Mono.defer(() -> Mono.fromFuture(committer.submit(item), true)).publishOn(Schedulers.parallel())
                    .doOnNext(stored -> committed.accept(item, stored)));
        }
        return Mono.when(commits);
    }

    /**
     * What a webhook does with a verified callback: parse it (at once, so that a malformed one is refused) and commit
     * what it holds to the inbox; the answer, sent once that commit succeeded, is usually the provider's plain
     * acknowledgement, or the handshake answer the callback asked for.
     */
    @FunctionalInterface
    private interface Intake {
        Mono<ProviderWebhook.Acknowledgement> store(ProviderWebhook webhook, ProviderCallback callback, Instant now);
    }

    private Mono<ResponseEntity<String>> receive(String provider, String kind, ServerHttpRequest request, Intake intake) {
        ProviderWebhook webhook = webhook(provider);
        // Signature and parsing are CPU work, done on the event loop; only the inbox commit waits, off it.
        return callback(request).flatMap(callback -> {
            verify(webhook, callback, request.getURI().getRawPath());
            Mono<ProviderWebhook.Acknowledgement> committed;
            try {
                committed = intake.store(webhook, callback, clock.instant());
            } catch (MalformedCallbackException e) {
                meters.counter("textbridge.webhook.malformed", "provider", provider, "kind", kind).increment();
                throw new CallbackRejectedException(HttpStatus.BAD_REQUEST, "Malformed callback", e.getMessage());
            }
            return committed
                    .onErrorMap(e -> !(e instanceof CallbackRejectedException), e -> notStored(provider, kind, e))
                    .map(ack -> ResponseEntity.ok().contentType(MediaType.parseMediaType(ack.contentType()))
                            .body(ack.body()));
        });
    }

    /** The inbox could not commit the callback: 503, so that the provider retries it later. */
    private CallbackRejectedException notStored(String provider, String kind, Throwable cause) {
        meters.counter("textbridge.webhook.not-stored", "provider", provider, "kind", kind).increment();
        log.warn("Could not store a {} {} callback, answered 503 so that the provider retries: {}", provider, kind,
                cause.getClass().getSimpleName());
        log.debug("Storing the callback failed", cause);
        return new CallbackRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "Callback not stored",
                "the inbox could not store the callback; send it again later (anything of it that was stored is"
                        + " recognised as a repeat)");
    }

    /**
     * {@code POST /webhooks/{provider}/events}, for a provider that posts texts and reports to one URL (ACS through
     * Event Grid): everything the callback holds is committed to the inbox before the answer, which is the provider's
     * handshake answer when it asked for one.
     */
    @PostMapping("/webhooks/{provider}/events")
    public Mono<ResponseEntity<String>> events(@PathVariable String provider, ServerHttpRequest request) {
        ProviderWebhook.EventReader reader = eventReader(provider);
        return receive(provider, "events", request, (webhook, callback, now) -> {
            ProviderWebhook.Events events = reader.read(callback, now);
            ProviderWebhook.Acknowledgement answer = events.answer().orElse(webhook.acknowledgement());
            return storeTexts(provider, events.inbound(), webhook.mapping().consentFlag(callback))
                    .then(storeReports(provider, events.reports()))
                    .thenReturn(answer);
        });
    }

    /**
     * {@code OPTIONS /webhooks/{provider}/events}: the CloudEvents webhook handshake (abuse protection) Event Grid
     * makes for a subscription in the CloudEvents schema. The URL's secret is checked first, like a delivery's.
     */
    @RequestMapping(path = "/webhooks/{provider}/events", method = RequestMethod.OPTIONS)
    public Mono<ResponseEntity<Void>> eventsHandshake(@PathVariable String provider, ServerHttpRequest request) {
        ProviderWebhook webhook = webhook(provider);
        eventReader(provider);
        String origin = request.getHeaders().getFirst("WebHook-Request-Origin");
        return callback(request).map(callback -> {
            verify(webhook, callback, request.getURI().getRawPath());
            if (origin == null || origin.isBlank()) {
                throw new CallbackRejectedException(HttpStatus.BAD_REQUEST, "Malformed handshake",
                        "the CloudEvents handshake has no WebHook-Request-Origin header");
            }
            return ResponseEntity.ok().header("Allow", "POST").header("WebHook-Allowed-Origin", origin.strip())
                    .header("WebHook-Allowed-Rate", "*").build();
        });
    }

    private ProviderWebhook.EventReader eventReader(String provider) {
        ProviderWebhook webhook = webhook(provider);
        if (!webhook.hasEventsUrl()) {
            throw new CallbackRejectedException(HttpStatus.NOT_FOUND, "No events URL",
                    "the provider '" + provider + "' posts to /webhooks/" + provider + "/inbound and /status, not to /events");
        }
        return webhook.events();
    }

    private void count(String provider, String kind, boolean stored) {
        meters.counter("textbridge.webhook.callbacks", "provider", provider, "kind", kind,
                "outcome", stored ? "stored" : "repeat").increment();
    }

    private ProviderWebhook webhook(String provider) {
        ProviderWebhook webhook = providers.get(provider);
        if (webhook == null) {
            throw new CallbackRejectedException(HttpStatus.NOT_FOUND, "Unknown provider",
                    "no provider named '" + provider + "' is configured; configured: " + providers.keySet());
        }
        return webhook;
    }

    private Mono<ProviderCallback> callback(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBodyBytes) {
            return Mono.error(tooLarge());
        }
        String query = request.getURI().getRawQuery();
        String publicUrl = publicBaseUrl + request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        MediaType type = request.getHeaders().getContentType();
        String contentType = type == null ? "" : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(WebhookEndpoint::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(body -> new ProviderCallback(publicUrl, headers, contentType, body));
    }

    private void verify(ProviderWebhook webhook, ProviderCallback callback, String path) {
        if (!webhook.mapping().verifier().isAuthentic(callback)) {
            meters.counter("textbridge.webhook.forged", "provider", webhook.provider()).increment();
            // The path only: a query string may carry a secret the admin put in the webhook URL.
            log.warn("Refused a {} callback to {} whose signature does not match", webhook.provider(), path);
            throw new CallbackRejectedException(HttpStatus.FORBIDDEN, "Signature does not match",
                    "the request's signature is missing or was not made with this connector's " + webhook.provider()
                            + " credentials for " + publicBaseUrl + path
                            + " (check textbridge.public-base-url and the provider's secret)");
        }
    }

    private CallbackRejectedException tooLarge() {
        return new CallbackRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Callback too large",
                "the body is larger than " + maxBodyBytes + " bytes (textbridge.webhooks.max-body-size)");
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
