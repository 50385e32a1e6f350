package dev.textbridge.connector.api.admin;

import dev.textbridge.connector.flow.Arrival;
import dev.textbridge.connector.flow.InboundRouter;
import dev.textbridge.connector.flow.DecisionTraces;
import dev.textbridge.connector.inbox.DecisionTrace;
import dev.textbridge.connector.routing.RoutingDecision;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;

/**
 * {@code POST /admin/v1/routing/dry-run}: where would a text from X to Y go, and why? Decides exactly as the flow
 * would, reading the CRM and the conversation store, and writes nothing anywhere: no lead, no conversation, no
 * activity.
 */
@RestController
public class RoutingDryRunController {

    private final InboundRouter router;
    private final String defaultRegion;
    private final Clock clock;

    public RoutingDryRunController(InboundRouter router, dev.textbridge.connector.config.TextbridgeProperties properties,
                                   Clock clock) {
        this.router = router;
        this.defaultRegion = properties.phone().defaultRegion();
        this.clock = clock;
    }

    public record Question(String from, String to) {
    }

    /** @param leadOwner who would own the lead a {@code new-lead} decision creates; null otherwise */
    public record Answer(MessageTrace.RecordView record, DecisionTrace decision, String leadOwner) {
    }

    @PostMapping("/admin/v1/routing/dry-run")
    public Mono<Answer> dryRun(@RequestBody Question question) {
        PhoneNumber from = number("from", question.from());
        PhoneNumber to = number("to", question.to());
        return Mono.fromCallable(() -> {
            RoutingDecision decision = router.route(List.of(new Arrival(from, to, clock.instant()))).get(0);
            MessageTrace.RecordView record = decision.chosen() == null ? null
                    : new MessageTrace.RecordView(decision.chosen().ref().type().wireName(),
                    decision.chosen().ref().id(), decision.chosen().name());
            return new Answer(record, DecisionTraces.of(decision, false), decision.leadOwner());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private PhoneNumber number(String field, String value) {
        try {
            return PhoneNumber.parse(value, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "'" + field + "' is not a number we accept: " + e.reason());
            problem.setTitle("Invalid number");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
    }
}
