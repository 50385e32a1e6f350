package dev.textbridge.connector.template;

/**
 * A message template with merge fields such as {@code {{record.name}}}.
 *
 * @param ownerId the seller who owns a personal template; null for a shared one
 */
public record Template(String id, String name, String body, boolean shared, String ownerId) {
}
