package dev.textbridge.connector.inbox;

/** One candidate of a routing decision as stored and shown to admins. */
public record CandidateTrace(String type, String id, String name, String outcome) {
}
