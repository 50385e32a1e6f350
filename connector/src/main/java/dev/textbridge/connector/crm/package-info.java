/**
 * What the connector keeps of the CRM between calls (brief caches), in front of the CrmAdapter.
 */
package dev.textbridge.connector.crm;
