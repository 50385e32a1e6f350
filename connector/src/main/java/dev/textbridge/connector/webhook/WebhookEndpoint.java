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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/{provider}/inbound|status|events} (inbound and status also as GET, events also as OPTIONS):
 * reads the body (within the size limit), checks the provider's signature against the public URL the provider called,
 * parses, and commits the result to the inbox before it answers. Forged: 403, malformed: 400, too large: 413, unknown
 * provider or URL: 404, wrong method: 405, inbox down: 503; each as RFC 9457 problem details, and in each case nothing
 * is stored.
 * <p>
 * A functional endpoint ({@link #routes()}) rather than an annotated controller: providers call it far more often
 * than anything else, and the annotated dispatch (handler lookup, argument resolution, content negotiation) was more
 * of its CPU than the signature check and the parsing together.
 */
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

    private static final Set<HttpMethod> INBOUND_AND_STATUS_METHODS = Set.of(HttpMethod.POST, HttpMethod.GET);
    private static final Set<HttpMethod> EVENTS_METHODS = Set.of(HttpMethod.POST, HttpMethod.OPTIONS);

    /** Every URL under {@code /webhooks/{provider}/}: one pattern, and the kind chosen by name. */
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(RequestPredicates.path("/webhooks/{provider}/{kind}"), this::handle);
    }

    private Mono<ServerResponse> handle(ServerRequest request) {
        String provider = request.pathVariable("provider");
        String kind = request.pathVariable("kind");
        HttpMethod method = request.method();
        return Mono.defer(() -> switch (kind) {
            // GET too: Vonage (and Twilio) can be set to call with the parameters in the query string.
            case "inbound" -> allowed(method, INBOUND_AND_STATUS_METHODS) ? inbound(provider, request.exchange().getRequest())
                    : notAllowed(INBOUND_AND_STATUS_METHODS);
            case "status" -> allowed(method, INBOUND_AND_STATUS_METHODS) ? status(provider, request.exchange().getRequest())
                    : notAllowed(INBOUND_AND_STATUS_METHODS);
            case "events" -> method.equals(HttpMethod.POST) ? events(provider, request.exchange().getRequest())
                    : method.equals(HttpMethod.OPTIONS) ? eventsHandshake(provider, request.exchange().getRequest())
                    : notAllowed(EVENTS_METHODS);
            default -> Mono.error(new CallbackRejectedException(HttpStatus.NOT_FOUND, "No such webhook",
                    "webhooks are /webhooks/{provider}/inbound, /status and /events, not /" + kind));
        }).onErrorResume(ErrorResponseException.class, e -> problem(request, e));
    }

    private static boolean allowed(HttpMethod method, Set<HttpMethod> methods) {
        return methods.contains(method);
    }

    private static Mono<ServerResponse> notAllowed(Set<HttpMethod> methods) {
        CallbackRejectedException refused = new CallbackRejectedException(HttpStatus.METHOD_NOT_ALLOWED,
                "Method not allowed", "this webhook takes " + methods.stream().map(HttpMethod::name).sorted().toList());
        refused.getHeaders().setAllow(methods);
        return Mono.error(refused);
    }

    /** The refusal as problem details, as the annotated controllers answer theirs. */
    private static Mono<ServerResponse> problem(ServerRequest request, ErrorResponseException refusal) {
        ProblemDetail body = refusal.getBody();
        if (body.getInstance() == null) {
            body.setInstance(URI.create(request.exchange().getRequest().getURI().getRawPath()));
        }
        return ServerResponse.status(refusal.getStatusCode())
                .headers(headers -> headers.addAll(refusal.getHeaders()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(body);
    }

    private static Mono<ServerResponse> answer(ProviderWebhook.Acknowledgement ack) {
        return ServerResponse.ok().contentType(MediaType.parseMediaType(ack.contentType())).bodyValue(ack.body());
    }

    private Mono<ServerResponse> inbound(String provider, ServerHttpRequest request) {
        return receive(provider, "inbound", request, (webhook, callback, now) -> storeTexts(provider,
                webhook.mapping().inboundMessages(callback, now), webhook.mapping().consentFlag(callback))
                .thenReturn(webhook.acknowledgement()));
    }

    private Mono<ServerResponse> status(String provider, ServerHttpRequest request) {
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

    private Mono<ServerResponse> receive(String provider, String kind, ServerHttpRequest request, Intake intake) {
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
                    .flatMap(WebhookEndpoint::answer);
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
    private Mono<ServerResponse> events(String provider, ServerHttpRequest request) {
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
    private Mono<ServerResponse> eventsHandshake(String provider, ServerHttpRequest request) {
        ProviderWebhook webhook = webhook(provider);
        eventReader(provider);
        String origin = request.getHeaders().getFirst("WebHook-Request-Origin");
        return callback(request).flatMap(callback -> {
            verify(webhook, callback, request.getURI().getRawPath());
            if (origin == null || origin.isBlank()) {
                throw new CallbackRejectedException(HttpStatus.BAD_REQUEST, "Malformed handshake",
                        "the CloudEvents handshake has no WebHook-Request-Origin header");
            }
            return ServerResponse.ok().header(HttpHeaders.ALLOW, "POST").header("WebHook-Allowed-Origin", origin.strip())
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
