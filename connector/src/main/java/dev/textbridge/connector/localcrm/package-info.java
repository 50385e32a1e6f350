/**
 * The local CRM's HTTP side, for people trying the product and for tests: its read-only view, its pages at
 * {@code /} around the conversation panel, acting as a seeded seller and simulating a customer's text.
 */
package dev.textbridge.connector.localcrm;
