/**
 * Spring wiring and the {@code textbridge.*} configuration properties.
 */
package dev.textbridge.connector.config;
