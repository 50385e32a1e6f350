/**
 * The adapter's workings, not for use outside this module: the OAuth 2.0 token flows, the Partner API client over the
 * JDK's HTTP client and the REST client beside it (same token), SOSL and SOQL escaping, and one class per operation
 * family (candidate search, record lookup and search by name, lead and activity writes, activity moves, users and
 * teams, custom notifications).
 */
package dev.textbridge.crm.salesforce.internal;
