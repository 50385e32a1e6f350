/**
 * Provider webhooks: read, verify the signature, parse, store in the inbox, answer.
 */
package dev.textbridge.connector.webhook;
