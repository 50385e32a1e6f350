/**
 * The Salesforce CRM adapter: {@link dev.textbridge.crm.salesforce.SalesforceCrm} and its
 * {@link dev.textbridge.crm.salesforce.SalesforceSettings} are the whole public surface. Everything in
 * {@code dev.textbridge.crm.salesforce.internal} (OAuth, the Partner API calls, SOSL and SOQL building) may change
 * without notice, and salesforce-wsc's types never leave this module.
 */
package dev.textbridge.crm.salesforce;
