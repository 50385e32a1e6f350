/**
 * Vonage: the SMS API's inbound messages and delivery receipts (GET query, POST form or POST JSON) signed with
 * {@code sig}, the Messages API's JSON webhooks signed with a JWT, the status and error-code tables, and the SMS API's
 * send request.
 */
package dev.textbridge.mappings.provider.vonage;
