/**
 * The conversations held on CRM records, as the connector's store knows them.
 */
package dev.textbridge.connector.conversation;
