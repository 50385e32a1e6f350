/**
 * The routing engine: which CRM record an inbound text belongs to, and why. Plain Java, no framework.
 */
package dev.textbridge.connector.routing;
