package dev.textbridge.connector.flow;

import dev.textbridge.connector.inbox.CandidateTrace;
import dev.textbridge.connector.inbox.DecisionTrace;
import dev.textbridge.connector.routing.RoutingDecision;

import java.util.List;

/** Turns the engine's decision into the trace an admin reads, stored with the message and shown by the dry-run. */
public final class DecisionTraces {

    private DecisionTraces() {
    }

    public static DecisionTrace of(RoutingDecision decision, boolean leadCreated) {
        List<CandidateTrace> candidates = decision.candidates().stream()
                .map(o -> new CandidateTrace(o.candidate().ref().type().wireName(), o.candidate().ref().id(),
                        o.candidate().name(), o.candidate().phoneField(), o.outcome(), o.standings()))
                .toList();
        return new DecisionTrace(decision.decidedBy().wireName(), leadCreated, candidates, decision.explanation());
    }
}
