/**
 * Twilio Programmable Messaging: checking the {@code X-Twilio-Signature} of its webhooks and reading its inbound
 * message and status callbacks into the canonical model.
 */
package dev.textbridge.mappings.provider.twilio;
