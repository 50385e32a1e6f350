/**
 * The adapter's workings, not for use outside this module: the OAuth 2.0 token flows, the Partner API client over the
 * JDK's HTTP client, SOSL and SOQL escaping, and one class per operation family (candidate search, record lookup,
 * lead and activity writes, users and teams).
 */
package dev.textbridge.crm.salesforce.internal;
