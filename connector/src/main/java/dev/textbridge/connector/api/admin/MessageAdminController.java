package dev.textbridge.connector.api.admin;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Message trace, dead letters and replay, for admins. */
@RestController
@RequestMapping("/admin/v1")
public class MessageAdminController {

    private final InboxStore inbox;
    private final ConsentStore consent;
    private final Clock clock;

    public MessageAdminController(InboxStore inbox, ConsentStore consent, Clock clock) {
        this.inbox = inbox;
        this.consent = consent;
        this.clock = clock;
    }

    private MessageTrace trace(InboxEntry entry) {
        return MessageTrace.of(entry, consent.keywordOf(entry.message()));
    }

    @GetMapping("/messages/{provider}/{providerMessageId}")
    public Mono<MessageTrace> message(@PathVariable String provider, @PathVariable String providerMessageId) {
        return Mono.fromCallable(() -> inbox.find(provider, providerMessageId)
                        .map(this::trace)
                        .orElseThrow(() -> notFound(provider, providerMessageId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/dead-letters")
    public Mono<List<MessageTrace>> deadLetters() {
        return Mono.fromCallable(() -> inbox.dead().stream().map(this::trace).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Puts a dead (or unroutable) message back in the flow; it still reaches the CRM exactly once. */
    @PostMapping("/messages/{provider}/{providerMessageId}/replay")
    public Mono<MessageTrace> replay(@PathVariable String provider, @PathVariable String providerMessageId) {
        return Mono.fromCallable(() -> {
            var entry = inbox.find(provider, providerMessageId).orElseThrow(() -> notFound(provider, providerMessageId));
            if (!inbox.replay(provider, providerMessageId, clock.instant())) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "the message is " + entry.state().wireName() + "; only dead or unroutable messages are replayed");
                problem.setTitle("Nothing to replay");
                throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
            }
            return trace(inbox.find(provider, providerMessageId).orElseThrow());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/dead-letters/replay")
    public Mono<Map<String, Integer>> replayAll() {
        return Mono.fromCallable(() -> Map.of("replayed", inbox.replayAllDead(clock.instant())))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static ErrorResponseException notFound(String provider, String providerMessageId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no message " + providerMessageId + " from " + provider + " is stored");
        problem.setTitle("Unknown message");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
