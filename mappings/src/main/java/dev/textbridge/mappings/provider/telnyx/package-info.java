/**
 * Telnyx Messaging (API v2): checking the Ed25519 signature of its JSON webhooks ({@code message.received},
 * {@code message.sent}, {@code message.finalized}), reading them into the canonical model, its status words and error
 * codes, and the body of {@code POST /v2/messages}.
 */
package dev.textbridge.mappings.provider.telnyx;
