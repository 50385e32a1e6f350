/**
 * The admin HTTP API under {@code /admin/v1/}: message trace, dead letters, replay, configuration check.
 */
package dev.textbridge.connector.api.admin;
