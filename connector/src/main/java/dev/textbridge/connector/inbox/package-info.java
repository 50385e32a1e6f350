/**
 * The durable inbox: accepted callbacks and their processing state, on H2 or PostgreSQL.
 */
package dev.textbridge.connector.inbox;
