/**
 * Azure Communication Services SMS: Event Grid events (Event Grid schema or CloudEvents) for inbound texts and
 * delivery reports with the subscription validation handshake, the endpoint's URL secret, the status and error
 * tables, and the HMAC-SHA256-signed send request.
 */
package dev.textbridge.mappings.provider.acs;
