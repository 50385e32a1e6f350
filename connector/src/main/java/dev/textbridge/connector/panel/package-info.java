/**
 * The conversation panel a CRM embeds: served as static resources, built only on the seller API.
 */
package dev.textbridge.connector.panel;
