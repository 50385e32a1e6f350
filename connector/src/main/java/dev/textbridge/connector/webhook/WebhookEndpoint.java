package dev.textbridge.connector.webhook;

import dev.textbridge.connector.config.TextbridgeProperties;
import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.inbox.InboxStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final InboxStore inbox;
    private final ConsentStore consent;
    private final String publicBaseUrl;
    private final int maxBodyBytes;
    private final Clock clock;
    private final MeterRegistry meters;

    public WebhookEndpoint(List<ProviderWebhook> providers, InboxStore inbox, ConsentStore consent,
                           TextbridgeProperties properties, Clock clock, MeterRegistry meters) {
        this.consent = consent;
        this.providers = providers.stream().collect(Collectors.toMap(ProviderWebhook::provider, Function.identity()));
        this.inbox = inbox;
        String base = properties.publicBaseUrl() == null ? "" : properties.publicBaseUrl().strip();
        this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.maxBodyBytes = (int) properties.webhooks().maxBodySize().toBytes();
        this.clock = clock;
        this.meters = meters;
    }

    // GET too: Vonage (and Twilio) can be set to call with the parameters in the query string.
    @RequestMapping(path = "/webhooks/{provider}/inbound", method = {RequestMethod.POST, RequestMethod.GET})
    public Mono<ResponseEntity<String>> inbound(@PathVariable String provider, ServerHttpRequest request) {
        return receive(provider, "inbound", request, (webhook, callback, now) -> {
            List<InboundMessage> messages = webhook.mapping().inboundMessages(callback, now);
            Optional<ConsentKeyword> flag = webhook.mapping().consentFlag(callback);
            for (InboundMessage message : messages) {
                // The provider's flag is on the callback only, so it is recorded now, before the text is stored and
                // acknowledged; a retried callback records it again, which changes nothing.
                flag.ifPresent(keyword -> consent.record(message, keyword));
                boolean stored = inbox.accept(message);
                log.debug("Inbound text {} from {} to {} {}", message.providerMessageId(), message.from(), message.to(),
                        stored ? "stored" : "was already stored");
                count(provider, "inbound", stored);
            }
        });
    }

    @RequestMapping(path = "/webhooks/{provider}/status", method = {RequestMethod.POST, RequestMethod.GET})
    public Mono<ResponseEntity<String>> status(@PathVariable String provider, ServerHttpRequest request) {
        return receive(provider, "status", request, (webhook, callback, now) -> {
            for (DeliveryReport report : webhook.mapping().deliveryReports(callback, now)) {
                count(provider, "status", inbox.accept(report));
            }
        });
    }

    /** What a webhook does with a verified callback: parse it and commit what it holds to the inbox. */
    @FunctionalInterface
    private interface Intake {
        void store(ProviderWebhook webhook, ProviderCallback callback, Instant now);
    }

    private Mono<ResponseEntity<String>> receive(String provider, String kind, ServerHttpRequest request, Intake intake) {
        return answer(provider, kind, request, (webhook, callback, now) -> {
            intake.store(webhook, callback, now);
            return webhook.acknowledgement();
        });
    }

    /** Like {@link Intake}, for a callback whose answer depends on what it held. */
    @FunctionalInterface
    private interface AnsweringIntake {
        ProviderWebhook.Acknowledgement store(ProviderWebhook webhook, ProviderCallback callback, Instant now);
    }

    private Mono<ResponseEntity<String>> answer(String provider, String kind, ServerHttpRequest request,
                                                AnsweringIntake intake) {
        ProviderWebhook webhook = webhook(provider);
        return callback(request).publishOn(Schedulers.boundedElastic()).map(callback -> {
            verify(webhook, callback, request.getURI().getRawPath());
            ProviderWebhook.Acknowledgement ack;
            try {
                ack = intake.store(webhook, callback, clock.instant());
            } catch (MalformedCallbackException e) {
                meters.counter("textbridge.webhook.malformed", "provider", provider, "kind", kind).increment();
                throw new CallbackRejectedException(HttpStatus.BAD_REQUEST, "Malformed callback", e.getMessage());
            }
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(ack.contentType())).body(ack.body());
        });
    }

    /**
     * {@code POST /webhooks/{provider}/events}, for a provider that posts texts and reports to one URL (ACS through
     * Event Grid): everything the callback holds is committed to the inbox before the answer, which is the provider's
     * handshake answer when it asked for one.
     */
    @PostMapping("/webhooks/{provider}/events")
    public Mono<ResponseEntity<String>> events(@PathVariable String provider, ServerHttpRequest request) {
        ProviderWebhook.EventReader reader = eventReader(provider);
        return answer(provider, "events", request, (webhook, callback, now) -> {
            ProviderWebhook.Events events = reader.read(callback, now);
            Optional<ConsentKeyword> flag = webhook.mapping().consentFlag(callback);
            for (InboundMessage message : events.inbound()) {
                flag.ifPresent(keyword -> consent.record(message, keyword));
                boolean stored = inbox.accept(message);
                log.debug("Inbound text {} from {} to {} {}", message.providerMessageId(), message.from(), message.to(),
                        stored ? "stored" : "was already stored");
                count(provider, "inbound", stored);
            }
            for (DeliveryReport report : events.reports()) {
                count(provider, "status", inbox.accept(report));
            }
            return events.answer().orElse(webhook.acknowledgement());
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
