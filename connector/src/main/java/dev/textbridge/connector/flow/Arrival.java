package dev.textbridge.connector.flow;

import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;

/** An inbound text as routing needs it: who sent it, which business number received it, and when. */
public record Arrival(PhoneNumber from, PhoneNumber to, Instant at) {
}
