/**
 * Plivo Messaging: checking the V3 signature ({@code X-Plivo-Signature-V3} with its nonce) of its inbound-message and
 * status callbacks, reading them into the canonical model, its status words and error codes, and the body of the
 * Message API's send request.
 */
package dev.textbridge.mappings.provider.plivo;
